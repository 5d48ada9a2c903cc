"""assign_cycle: enough judges per application, none in conflict, even loads, work kept."""

from collections import Counter

import pytest
from django.urls import reverse

from tests.factories import (
    make_application,
    make_cycle,
    make_judge,
    make_member,
    make_secretariat,
)
from wego.awards.models import Assignment, Conflict, Review
from wego.awards.services.assignments import CannotAssign, assign_cycle

pytestmark = pytest.mark.django_db

CATEGORIES = ["services", "efficiency", "open-city", "urban-management", "digital-divide"]


def competition(cycle, countries=("KR", "KR", "CN", "RU", "TN", "BR", "ID", "MN")):
    """Eight cities, each applying in two categories; a draft and a withdrawal on the side."""
    applications = []
    for number, country in enumerate(countries):
        city = make_member(country=country)
        for category in (CATEGORIES[number % 5], CATEGORIES[(number + 1) % 5]):
            applications.append(make_application(cycle, member=city, category=category))
    make_application(cycle, category="services", status="draft")
    make_application(cycle, category="services", status="withdrawn")
    return applications


def panel(cycle):
    """Seven judges, as in 2014: one Korean, one working for a member city."""
    return [
        make_judge(cycle, country="KR", expertise=["services"]),
        make_judge(cycle, country="FI", expertise=["efficiency"]),
        make_judge(cycle, country="US", expertise=["open-city"]),
        make_judge(cycle, country="ES", expertise=["urban-management"]),
        make_judge(cycle, country="SG", expertise=["digital-divide"]),
        make_judge(cycle, country="GB"),
        make_judge(cycle, country="DE"),
    ]


def check(cycle, applications):
    """The rules every assignment must meet; returns the loads."""
    conflicts = set(Conflict.objects.filter(judge__cycle=cycle).values_list("judge", "application"))
    pairs = list(Assignment.objects.filter(judge__cycle=cycle).values_list("judge", "application"))
    per_application = Counter(application for _judge, application in pairs)
    assert {a.pk: per_application[a.pk] for a in applications} == {
        a.pk: cycle.judges_per_application for a in applications
    }
    assert set(per_application) == {a.pk for a in applications}  # no draft, no withdrawn
    assert not conflicts & set(pairs)
    loads = Counter(judge for judge, _application in pairs)
    for judge in cycle.judges.all():
        loads.setdefault(judge.pk, 0)
    assert max(loads.values()) - min(loads.values()) <= 1
    return loads


def test_every_submitted_application_gets_n_judges_free_of_conflict_evenly(smtp_server):
    cycle = make_cycle(phase="judging", judges_per_application=3, time_zone="Asia/Seoul")
    applications = competition(cycle)
    judges = panel(cycle)

    summary = assign_cycle(cycle)

    loads = check(cycle, applications)
    assert summary.applications == 16 and summary.judges == 7
    assert summary.imbalance <= 1 and summary.max_load == max(loads.values())
    korean = judges[0]
    korean_cities = {a.pk for a in applications if a.member.country == "KR"}
    assert not Assignment.objects.filter(judge=korean, application__in=korean_cities).exists()
    # Each judge is told how many applications they have, and until when, in Seoul time.
    assert summary.emailed == 7 and len(smtp_server.messages) == 7
    message = next(m for m in smtp_server.messages if m["To"] == judges[1].email)
    body = message.get_body(("plain",)).get_content()
    assert f"You now have {loads[judges[1].pk]} applications to score" in body
    assert "(Asia/Seoul)" in body and "/awards/judging/" in body


def test_a_rerun_keeps_started_reviews_and_does_not_email_judges_again(smtp_server):
    cycle = make_cycle(phase="judging", judges_per_application=2)
    applications = competition(cycle)
    panel(cycle)
    assign_cycle(cycle)
    started = list(Assignment.objects.filter(judge__cycle=cycle)[:4])
    Review.objects.create(assignment=started[0], status=Review.Status.SUBMITTED)
    Review.objects.create(assignment=started[1], status=Review.Status.DRAFT)
    sent = len(smtp_server.messages)

    summary = assign_cycle(cycle)

    check(cycle, applications)
    assert Assignment.objects.filter(pk__in=[started[0].pk, started[1].pk]).count() == 2
    assert Review.objects.count() == 2
    assert summary.kept == 2
    assert summary.emailed == 0 and len(smtp_server.messages) == sent  # nothing changed


def test_a_new_judge_and_a_withdrawal_rebalance_the_work(smtp_server):
    cycle = make_cycle(phase="judging", judges_per_application=2)
    applications = competition(cycle)
    panel(cycle)
    assign_cycle(cycle)
    leaving = applications.pop()
    leaving.status = "withdrawn"
    leaving.save()
    newcomer = make_judge(cycle, country="CA")

    assign_cycle(cycle)

    loads = check(cycle, applications)
    assert loads[newcomer.pk] >= 3
    assert not Assignment.objects.filter(application=leaving).exists()


def test_an_impossible_assignment_names_the_applications_and_changes_nothing(smtp_server):
    cycle = make_cycle(phase="judging", judges_per_application=2)
    seoul = make_member(name="Seoul", name_en="Seoul", country="KR")
    from_seoul = make_application(cycle, member=seoul)
    fine = make_application(cycle, member=make_member(country="TN"), category="efficiency")
    make_judge(cycle, country="KR")
    finn = make_judge(cycle, country="FI")
    before = Assignment.objects.create(judge=finn, application=fine)

    with pytest.raises(CannotAssign) as refused:
        assign_cycle(cycle)

    message = refused.value.message
    assert f"{from_seoul.reference} (Seoul) can have only 1 judge." in message
    assert "Each application needs 2 judges free of conflict of interest." in message
    assert "Nothing was changed." in message
    assert list(Assignment.objects.filter(judge__cycle=cycle)) == [before]
    assert not Conflict.objects.exists()  # even the conflicts found on the way are undone
    assert smtp_server.messages == []


def test_the_assign_button_shows_the_summary_or_the_reason(client, smtp_server):
    cycle = make_cycle(phase="judging", judges_per_application=2)
    busan = make_member(name="Busan", name_en="Busan", country="KR")
    application = make_application(cycle, member=busan)
    make_judge(cycle, country="KR")
    client.force_login(make_secretariat())
    url = reverse("awards:assign", args=[cycle.slug])

    refused = client.post(url)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "No assignment was made." in page
    assert f"{application.reference} (Busan) can have only 0 judges." in page

    make_judge(cycle, country="FI")
    make_judge(cycle, country="JP")
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("awards:manage", args=[cycle.slug])
    page = response.content.decode()
    assert "1 application is assigned to the panel." in page
    assert "Each of the 3 judges has 0 to 1 applications." in page
    assert client.get(url).status_code == 405


def test_nothing_to_assign_is_said_plainly():
    cycle = make_cycle(phase="judging")
    with pytest.raises(CannotAssign, match="no submitted application"):
        assign_cycle(cycle)
    make_application(cycle)
    with pytest.raises(CannotAssign, match="invite judges first"):
        assign_cycle(cycle)


def test_judges_get_applications_in_their_categories_of_expertise_first():
    cycle = make_cycle(phase="judging", judges_per_application=1)
    open_data = {make_application(cycle, category="open-city").pk for _ in range(2)}
    services = {make_application(cycle, category="services").pk for _ in range(2)}
    data_expert = make_judge(cycle, country="FI", expertise=["open-city"])
    services_expert = make_judge(cycle, country="GB", expertise=["services"])

    assign_cycle(cycle)

    def given(judge):
        return set(Assignment.objects.filter(judge=judge).values_list("application", flat=True))

    assert given(data_expert) == open_data and given(services_expert) == services
