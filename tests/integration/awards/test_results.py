"""Aggregation of the judges' scores through the database, and the deliberation page."""

import math

import pytest
from django.urls import reverse
from lxml import html

from tests.factories import make_application, make_cycle, make_judge, make_member, make_user
from tests.integration.awards.results_helpers import decide, record_review
from wego.accounts.models import Role
from wego.awards.models import Conflict
from wego.awards.services import results

pytestmark = pytest.mark.django_db


def city(name):
    return make_member(name=name, name_en=name)


def by_application(outcome):
    return {result.application: result for result in outcome.outcome.applications}


def ranking_rows(response, category="services"):
    """{reference: [cell texts]} of a category's ranking table."""
    page = html.fromstring(response.content)
    rows = page.xpath(f'//section[@aria-labelledby="category-{category}"]//table[1]/tbody/tr')
    return {
        row.xpath("string(th)").strip(): [" ".join(c.text_content().split()) for c in row]
        for row in rows
    }


@pytest.fixture
def two_judges_three_applications():
    """Judge H is harsh, judge L lenient; every criterion gets the same score from a judge.

    With the default criteria (1 to 5, weights 20/30/20/15/15), a judge giving score v on
    every criterion totals (v - 1) / 4 * 100: 1 -> 0, 2 -> 25, 3 -> 50, 4 -> 75, 5 -> 100.
    """
    cycle = make_cycle("deliberation")
    a = make_application(cycle, city("Alpha City"), title="Alpha portal")
    b = make_application(cycle, city("Beta City"), title="Beta data")
    c = make_application(cycle, city("Gamma City"), title="Gamma kiosks")
    harsh, lenient = make_judge(cycle, full_name="Hana Harsh"), make_judge(cycle, full_name="Leo")
    for application, by_harsh, by_lenient in ((a, 3, 4), (b, 2, 5), (c, 1, 4)):
        record_review(application, harsh, by_harsh)
        record_review(application, lenient, by_lenient)
    return cycle, a, b, c, harsh, lenient


def test_raw_means_standardised_scores_and_ranks_through_the_database(
    two_judges_three_applications,
):
    cycle, a, b, c, harsh, lenient = two_judges_three_applications
    outcome = results.compute(cycle)
    found = by_application(outcome)

    # Totals: H gives A 50, B 25, C 0; L gives A 75, B 100, C 75.
    # Raw means: A (50 + 75) / 2 = 62.5, B (25 + 100) / 2 = 62.5, C (0 + 75) / 2 = 37.5.
    assert found[a.pk].raw_mean == pytest.approx(62.5)
    assert found[b.pk].raw_mean == pytest.approx(62.5)
    assert found[c.pk].raw_mean == pytest.approx(37.5)

    # Standardised: H's totals 50, 25, 0 have mean 25 and sd sqrt((25² + 0 + 25²) / 3) =
    # 20.41, so z = +1.22 (A), 0 (B), -1.22 (C). L's totals 75, 100, 75 have mean 83.33 and
    # sd 11.79, so z = -0.71 (A), +1.41 (B), -0.71 (C). All six totals: mean 325 / 6 = 54.17,
    # sd 33.59. Standardised = 54.17 + (average z) × 33.59:
    # A 54.17 + 0.26 × 33.59 = 62.86; B 54.17 + 0.71 × 33.59 = 77.92; C = 21.72.
    def sd(values):
        mean = sum(values) / len(values)
        return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))

    overall_mean, overall_sd = 325 / 6, sd([50, 25, 0, 75, 100, 75])
    z_harsh = [(t - 25) / sd([50, 25, 0]) for t in (50, 25, 0)]
    z_lenient = [(t - 250 / 3) / sd([75, 100, 75]) for t in (75, 100, 75)]
    for application, zh, zl in zip((a, b, c), z_harsh, z_lenient, strict=True):
        expected = overall_mean + (zh + zl) / 2 * overall_sd
        assert found[application.pk].standardised == pytest.approx(expected)
    assert found[a.pk].standardised == pytest.approx(62.86, abs=0.01)
    assert found[b.pk].standardised == pytest.approx(77.92, abs=0.01)
    # Spread: how far the two judges disagree once their habits are taken out, the population
    # sd of their two standardised values = |z_H - z_L| / 2 × 33.59: A |1.22 + 0.71| / 2 ×
    # 33.59 = 32.45 and B 23.75, both above 15 (judges disagree); C |-1.22 + 0.71| / 2 × 33.59
    # = 8.70.
    for application, zh, zl in zip((a, b, c), z_harsh, z_lenient, strict=True):
        assert found[application.pk].spread == pytest.approx(abs(zh - zl) / 2 * overall_sd)
    assert found[a.pk].spread == pytest.approx(32.45, abs=0.01)
    assert [found[x.pk].disputed for x in (a, b, c)] == [True, True, False]

    # The raw means tie A and B; once the lenient judge's generosity is taken out, B (L's
    # favourite, average for H) comes before A (H's favourite, below average for L).
    assert [found[x.pk].rank for x in (b, a, c)] == [1, 2, 3]
    assert not any(found[x.pk].tied for x in (a, b, c))

    # Judge profiles: H's average 25 is 29.17 below the average of all totals, L's 83.33 above.
    profiles = {line.judge.pk: line.profile for line in outcome.judge_lines()}
    assert profiles[harsh.pk].leniency == pytest.approx(25 - 325 / 6)
    assert profiles[lenient.pk].leniency == pytest.approx(250 / 3 - 325 / 6)
    assert profiles[harsh.pk].scored == 3


def test_draft_reviews_withdrawn_applications_and_conflicts_are_left_out(
    two_judges_three_applications,
):
    cycle, a, b, c, harsh, lenient = two_judges_three_applications
    before = by_application(results.compute(cycle))
    # A third judge has only a draft with top marks for C: it must not count.
    late = make_judge(cycle, full_name="Late Judge")
    record_review(c, late, 5, status="draft")
    withdrawn = make_application(cycle, status="withdrawn", title="Withdrawn entry")
    record_review(withdrawn, harsh, 5)

    outcome = results.compute(cycle)
    found = by_application(outcome)
    assert found[c.pk].judges == 2
    assert found[c.pk].raw_mean == pytest.approx(before[c.pk].raw_mean)
    assert withdrawn.pk not in found
    assert [line.profile for line in outcome.judge_lines() if line.judge == late] == [None]

    # A conflict of interest found after scoring takes that judge's scores of C out.
    Conflict.objects.create(judge=harsh, application=c, reason=Conflict.Reason.DECLARED)
    found = by_application(results.compute(cycle))
    assert found[c.pk].judges == 1
    assert found[c.pk].raw_mean == pytest.approx(75)


def test_weighted_total_of_a_judge_with_comments_for_staff():
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    judge = make_judge(cycle, full_name="Dean Weights")
    # Innovation (weight 20) 5 -> share 1; Impact (30) 1 -> 0; the three others (20, 15, 15)
    # 3 -> 0.5: (20 × 1 + 30 × 0 + 20 × 0.5 + 15 × 0.5 + 15 × 0.5) / 100 × 100 = 45.
    values = {
        "Innovation": 5,
        "Impact": 1,
        "Citizen focus": 3,
        "Sustainability": 3,
        "Transferability": 3,
    }
    record_review(
        application, judge, values, comment="Bold idea.", notes={"Impact": "No figures given."}
    )
    outcome = results.compute(cycle)
    [sheet] = outcome.sheets[application.pk]
    assert sheet.total == pytest.approx(45)
    assert sheet.comment == "Bold idea."
    assert sheet.comments == [("Impact", "No figures given.")]
    assert by_application(outcome)[application.pk].raw_mean == pytest.approx(45)


def test_incomplete_sheet_does_not_count_but_is_shown():
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    judge = make_judge(cycle)
    record_review(application, judge, {"Innovation": 4, "Impact": 4})  # three criteria missing
    outcome = results.compute(cycle)
    assert by_application(outcome)[application.pk].rank is None
    [sheet] = outcome.sheets[application.pk]
    assert sheet.total is None


def test_few_queries_whatever_the_number_of_applications(django_assert_max_num_queries):
    cycle = make_cycle("deliberation")
    judges = [make_judge(cycle) for _ in range(3)]
    for number in range(12):
        category = ("services", "efficiency", "open-city")[number % 3]
        application = make_application(cycle, category=category)
        for judge in judges:
            record_review(application, judge, 1 + number % 5)
    with django_assert_max_num_queries(6):
        outcome = results.compute(cycle)
        rankings = outcome.rankings()
        outcome.judge_lines()
    assert sum(len(r.rows) for r in rankings) == 12


def test_results_page_shows_the_ranking_marks_a_tie_and_each_judges_scores(client):
    cycle = make_cycle("deliberation")
    judge = make_judge(cycle, full_name="Prof. Kim")
    first = make_application(cycle, city("Tie City One"), title="Twin one")
    second = make_application(cycle, city("Tie City Two"), title="Twin two")
    third = make_application(cycle, city("Third City"), title="Last one")
    # One judge: 4, 4, 2 on every criterion -> totals 75, 75, 25: the first two tie at rank 1.
    record_review(first, judge, 4, comment="Strong results.")
    record_review(second, judge, 4)
    record_review(third, judge, 2)
    decide(first, "best")
    client.force_login(make_user(Role.SECRETARIAT))

    response = client.get(reverse("awards:results", kwargs={"slug": cycle.slug}))

    assert response.status_code == 200
    rows = ranking_rows(response)
    assert rows[first.reference][0] == "1 (tie)"
    assert rows[second.reference][0] == "1 (tie)"
    assert rows[third.reference][0] == "3"
    assert rows[first.reference][2:6] == ["Tie City One", "Twin one", "75.0", "75.0"]
    assert rows[first.reference][-1] == "Best e-Government Prize"
    assert rows[second.reference][-1] == "not decided"
    page = html.fromstring(response.content)
    details = page.xpath(f'//article[@id="application-{first.pk}"]//details')[0]
    text = " ".join(details.text_content().split())
    assert "Prof. Kim" in text and "Strong results." in text and "75.0" in text
    judges = page.xpath('//section[@aria-labelledby="judges-title"]//tbody/tr')
    assert "Prof. Kim" in judges[0].text_content()
    assert page.xpath(f'//form[@action="/awards/{cycle.slug}/results/{first.pk}/decision/"]')
    assert "How the ranking works" in response.text


def test_leniency_in_plain_words(client, two_judges_three_applications):
    cycle, *_ = two_judges_three_applications
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.get(reverse("awards:results", kwargs={"slug": cycle.slug}))
    page = html.fromstring(response.content)
    lines = {
        row.xpath("string(th)").split("(")[0].strip(): row.xpath("string(td[last()])").strip()
        for row in page.xpath('//section[@aria-labelledby="judges-title"]//tbody/tr')
    }
    # 25 - 54.17 = -29.17; 83.33 - 54.17 = +29.17
    assert lines["Hana Harsh"] == "harsher than average by 29.2 points"
    assert lines["Leo"] == "more lenient than average by 29.2 points"
    assert "judges disagree" in response.text


@pytest.mark.parametrize("role", [Role.JUDGE, Role.CITY_USER, Role.REGIONAL_STAFF])
def test_results_page_is_for_the_secretariat_only(client, role):
    cycle = make_cycle("deliberation")
    member = make_member() if role == Role.CITY_USER else None
    client.force_login(make_user(role, member=member, region="europe"))
    url = reverse("awards:results", kwargs={"slug": cycle.slug})
    assert client.get(url).status_code == 403
    assert client.get(url + "?format=xlsx").status_code == 403


def test_results_page_sends_anonymous_visitors_to_sign_in(client):
    cycle = make_cycle("deliberation")
    response = client.get(reverse("awards:results", kwargs={"slug": cycle.slug}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_ranking_may_change_while_judging_goes_on(client):
    cycle = make_cycle("judging")
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.get(reverse("awards:results", kwargs={"slug": cycle.slug}))
    assert "the ranking can change" in response.text


def test_decision_forms_are_shown_one_category_at_a_time(client):
    """Every ranking is on the page, but the forms and judges' scores of one category only:
    the page stays light for 500 applications."""
    cycle = make_cycle("deliberation")
    services = make_application(cycle, category="services", title="Kiosk network")
    open_city = make_application(cycle, category="open-city", title="Budget in the open")
    client.force_login(make_user(Role.SECRETARIAT))
    url = reverse("awards:results", kwargs={"slug": cycle.slug})

    first = client.get(url).content.decode()
    assert "Kiosk network" in first and "Budget in the open" in first  # both rankings
    assert f'id="application-{services.pk}"' in first
    assert f'id="application-{open_city.pk}"' not in first
    assert "?decide=open-city#decisions-open-city" in first

    chosen = client.get(url, {"decide": "open-city"}).content.decode()
    assert f'id="application-{open_city.pk}"' in chosen
    assert f'id="application-{services.pk}"' not in chosen
    # An unknown category falls back to the first one rather than failing.
    assert f'id="application-{services.pk}"' in client.get(url, {"decide": "x"}).text
