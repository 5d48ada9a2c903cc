"""WeGO Awards results at scale: 500 applications, 40 judges, 3 judges each, 5 criteria.

    python bench/bench_awards_results.py

Runs on a throwaway database (a temporary SQLite file unless DATABASE_URL is set). Builds a
cycle whose 1,500 reviews are all submitted with random scores, then times the aggregation
(`services.results.compute`, the database included) and the secretariat's deliberation page
through Django's test client. Budget: 1 s each (ratio < 1 means within budget). The Excel
export of the same results is timed too, for information.
"""

import random

from common import measure, report, setup_django

APPLICATIONS = 500
MEMBERS = 100
JUDGES = 40
JUDGES_PER_APPLICATION = 3
BUDGET_MS = 1000.0
EXPORT_BUDGET_MS = 2000.0  # a download, not a page: informative, not in the verdict


def build_cycle(rng):
    from datetime import timedelta

    from django.utils import timezone

    from wego.accounts.models import Role, RoleAssignment, User
    from wego.awards.models import Application, Assignment, Judge, Review, Score
    from wego.awards.services.cycles import create_cycle
    from wego.core.regions import Region
    from wego.members.models import Member
    from wego.practices.models import Category

    now = timezone.now()
    cycle = create_cycle(
        name="Bench WeGO Awards",
        slug="bench-awards",
        year=now.year,
        call_opens_at=now - timedelta(days=90),
        deadline=now - timedelta(days=60),
        judging_ends_at=now - timedelta(days=5),
        announcement_at=now + timedelta(days=5),
        judges_per_application=JUDGES_PER_APPLICATION,
    )
    members = Member.objects.bulk_create(
        Member(
            name=f"Bench City {n}",
            name_en=f"Bench City {n}",
            slug=f"bench-city-{n}",
            country=rng.choice(["KR", "FR", "BR", "KE", "US", "IN", "RU", "JO"]),
            region=rng.choice(Region.values),
        )
        for n in range(MEMBERS)
    )
    # 100 cities × 5 categories: one application per category per city, as the rules say.
    categories = Category.values
    applications = Application.objects.bulk_create(
        Application(
            cycle=cycle,
            member=members[n % MEMBERS],
            category=categories[n // MEMBERS % len(categories)],
            title=f"Project {n} of {members[n % MEMBERS].name}",
            status=Application.Status.SUBMITTED,
            submitted_at=now - timedelta(days=61),
        )
        for n in range(APPLICATIONS)
    )
    judges = Judge.objects.bulk_create(
        Judge(
            cycle=cycle,
            full_name=f"Judge {n}",
            email=f"judge{n}@bench.example",
            country="FI",
            organisation="University",
        )
        for n in range(JUDGES)
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(judge=judges[(n * JUDGES_PER_APPLICATION + k) % JUDGES], application=a)
        for n, a in enumerate(applications)
        for k in range(JUDGES_PER_APPLICATION)
    )
    reviews = Review.objects.bulk_create(
        Review(
            assignment=assignment,
            status=Review.Status.SUBMITTED,
            comment="An overall comment of a few words.",
            submitted_at=now - timedelta(days=10),
        )
        for assignment in assignments
    )
    criteria = list(cycle.criteria.all())
    Score.objects.bulk_create(
        (
            Score(
                review=review,
                criterion=criterion,
                value=rng.randint(criterion.min_score, criterion.max_score),
                comment=rng.choice(["", "", "Good figures."]),
            )
            for review in reviews
            for criterion in criteria
        ),
        batch_size=2000,
    )
    user = User.objects.create_user("bench-secretariat@example.org", "bench-password-123456")
    RoleAssignment.objects.create(user=user, role=Role.SECRETARIAT)
    return cycle, user


def main():
    setup_django(load_demo=False)
    from django.test import Client
    from django.urls import reverse

    from wego.awards.models import Score
    from wego.awards.services import decisions, results

    cycle, user = build_cycle(random.Random(2014))
    print(
        f"{APPLICATIONS} applications, {JUDGES} judges, {JUDGES_PER_APPLICATION} per application, "
        f"{Score.objects.count()} scores"
    )
    worst = report(
        "services.results.compute (+ rankings)",
        measure(lambda: results.compute(cycle).rankings(), rounds=10),
        BUDGET_MS,
    )
    client = Client()
    client.force_login(user)
    url = reverse("awards:results", kwargs={"slug": cycle.slug})

    def page():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    page_ratio = report(
        "results page (500 ranked, one category's forms)", measure(page, 5), BUDGET_MS
    )
    worst = max(worst, page_ratio)
    print(f"page size: {len(client.get(url).content) / 1024:.0f} KiB")

    def workbook():
        assert client.get(url + "?format=xlsx").status_code == 200

    report("results Excel export (informative)", measure(workbook, 3), EXPORT_BUDGET_MS)

    # Certificates: 15 winners as in 2014 (three prize tiers in five categories), one PDF.
    for ranking in results.compute(cycle).rankings()[:5]:
        for tier, row in zip(("best", "outstanding", "most-promising"), ranking.rows, strict=False):
            decisions.decide(row.application, tier, "Bench winner.", user)
    certificates = reverse("awards:certificates", kwargs={"slug": cycle.slug})

    def all_certificates():
        assert client.get(certificates).status_code == 200

    report("15 certificates in one PDF (informative)", measure(all_certificates, 3), 3000)
    print(f"worst ratio to budget: {worst:.2f} ({'within' if worst < 1 else 'OVER'} budget)")


if __name__ == "__main__":
    main()
