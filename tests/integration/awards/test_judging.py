"""A judge reads an application and scores it against the rubric: drafts, submission, errors."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_application, make_cycle, make_judge, make_member
from wego.awards.models import Assignment, CycleCategory, Review, Score
from wego.awards.services.reviews import InvalidScores, ScoringClosed, save_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    """A judging-phase cycle, one application from Tunis, and a judge assigned to it."""
    cycle = make_cycle(phase="judging", time_zone="Africa/Tunis")
    tunis = make_member(name="Tunis", name_en="Tunis", country="TN")
    category = CycleCategory.objects.get(cycle=cycle, category="open-city")
    application = make_application(
        cycle,
        member=tunis,
        category="open-city",
        title="Open budget portal",
        summary="Every dinar of the city budget, online and explained.",
        answers={"0": "The budget lines, monthly, as open data.", "1": "40,000 visitors."},
        in_operation_since=2012,
    )
    judge = make_judge(cycle, country="FI", full_name="Mikko Laine")
    assignment = Assignment.objects.create(judge=judge, application=application)
    return cycle, category, application, judge, assignment


def criteria(cycle):
    return {criterion.name: criterion for criterion in cycle.criteria.all()}


def sheet(cycle, scores=None, comments=None, overall="", **extra):
    """POST data for the scoring form; scores and comments by criterion name."""
    named = criteria(cycle)
    data = {"comment": overall, **extra}
    for name, value in (scores or {}).items():
        data[f"score_{named[name].pk}"] = value
    for name, text in (comments or {}).items():
        data[f"comment_{named[name].pk}"] = text
    return data


ALL_FOUR = {"Innovation": 4, "Impact": 5, "Citizen focus": 3, "Sustainability": 4}
ALL_FIVE = {**ALL_FOUR, "Transferability": 2}


def test_the_judge_reads_the_application_and_the_rubric(client, seat):
    cycle, category, application, judge, _assignment = seat
    client.force_login(judge.user)

    page = client.get(reverse("awards:score", args=[application.pk])).content.decode()

    assert "Open budget portal" in page and "Tunis" in page and "Open City" in page
    assert "Every dinar of the city budget" in page
    assert category.questions[0] in page and "The budget lines, monthly, as open data." in page
    assert "2012" in page
    impact = criteria(cycle)["Impact"]
    assert "<legend>Impact (weight 30)</legend>" in page
    assert f'name="score_{impact.pk}"' in page and 'type="radio"' in page
    assert "<strong>1</strong> – No results shown." in page
    assert "<strong>5</strong> – Large, measured and lasting results" in page
    assert "Save draft" in page and "Submit scores" in page
    assert "I have a tie with this application" in page


def test_a_partial_draft_is_saved_then_submitted_complete(client, seat):
    cycle, _category, application, judge, assignment = seat
    client.force_login(judge.user)
    url = reverse("awards:score", args=[application.pk])

    response = client.post(
        url,
        sheet(
            cycle,
            {"Impact": "4"},
            {"Impact": "Visitors counted, savings not."},
            overall="Promising.",
            save="",
        ),
    )

    assert response.status_code == 302 and response["Location"] == url
    review = Review.objects.get(assignment=assignment)
    assert review.status == Review.Status.DRAFT and review.comment == "Promising."
    score = Score.objects.get(review=review)
    assert (score.criterion.name, score.value, score.comment) == (
        "Impact",
        4,
        "Visitors counted, savings not.",
    )
    page = client.get(url).content.decode()
    impact = criteria(cycle)["Impact"]
    assert f'id="criterion-{impact.pk}-4" value="4" checked' in page
    assert "Visitors counted, savings not." in page

    incomplete = client.post(url, sheet(cycle, ALL_FOUR, submit=""))
    assert incomplete.status_code == 400
    text = incomplete.content.decode()
    assert "Transferability: give a score from 1 to 5 before you submit." in text
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT

    done = client.post(url, sheet(cycle, ALL_FIVE, overall="A model of openness.", submit=""))
    assert done.status_code == 302 and done["Location"] == reverse("awards:judging")
    review.refresh_from_db()
    assert review.status == Review.Status.SUBMITTED and review.submitted_at is not None
    assert review.scores.count() == 5
    listing = client.get(reverse("awards:judging")).content.decode()
    assert "1 of 1 submitted" in listing and "Submitted" in listing


@pytest.mark.parametrize("typed", ["9", "0", "abc", "2.5"])
def test_a_score_outside_the_rubric_is_refused_naming_the_criterion(client, seat, typed):
    cycle, _category, application, judge, assignment = seat
    client.force_login(judge.user)

    response = client.post(
        reverse("awards:score", args=[application.pk]),
        sheet(
            cycle,
            {**ALL_FOUR, "Impact": typed},
            {"Impact": "Strong figures on reuse.", "Innovation": "Known elsewhere."},
            overall="My overall view, typed with care.",
            submit="",
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Impact: give a score from 1 to 5." in page
    impact = criteria(cycle)["Impact"]
    assert f'aria-describedby="criterion-{impact.pk}-help criterion-{impact.pk}-error"' in page
    # Everything typed is still there.
    assert "Strong figures on reuse." in page and "Known elsewhere." in page
    assert "My overall view, typed with care." in page
    innovation = criteria(cycle)["Innovation"]
    assert f'id="criterion-{innovation.pk}-4" value="4" checked' in page
    assert not Review.objects.filter(assignment=assignment).exists()


def test_a_comment_without_its_score_is_not_silently_lost(client, seat):
    cycle, _category, application, judge, assignment = seat
    client.force_login(judge.user)

    response = client.post(
        reverse("awards:score", args=[application.pk]),
        sheet(cycle, comments={"Sustainability": "Who pays after 2015?"}, save=""),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Sustainability: give a score from 1 to 5 to keep your comment." in page
    assert "Who pays after 2015?" in page


def test_a_submitted_review_can_change_until_judging_ends_but_stays_complete(seat):
    cycle, _category, _application, _judge, assignment = seat
    named = criteria(cycle)
    values = {named[name].pk: value for name, value in ALL_FIVE.items()}
    save_review(assignment, values, {}, "", submit=True)

    changed = save_review(assignment, {**values, named["Impact"].pk: 3}, {}, "", submit=False)
    assert changed.status == Review.Status.SUBMITTED
    assert changed.scores.get(criterion=named["Impact"]).value == 3
    with pytest.raises(InvalidScores) as refused:
        save_review(assignment, {**values, named["Impact"].pk: None}, {}, "", submit=False)
    assert refused.value.problems == {
        named["Impact"].pk: "Impact: give a score from 1 to 5 before you submit."
    }
    with pytest.raises(ScoringClosed, match="Judging ended on"):
        save_review(assignment, values, {}, "", submit=True, now=cycle.judging_ends_at)


def test_scoring_opens_at_the_deadline_only(client):
    cycle = make_cycle(phase="open", time_zone="Asia/Seoul")
    application = make_application(cycle)
    judge = make_judge(cycle)
    assignment = Assignment.objects.create(judge=judge, application=application)
    client.force_login(judge.user)
    url = reverse("awards:score", args=[application.pk])

    page = client.get(url).content.decode()
    assert "Scoring opens when the call closes" in page and "(Asia/Seoul)" in page
    assert "Submit scores" not in page
    response = client.post(url, sheet(cycle, ALL_FIVE, overall="Too early.", submit=""))
    assert response.status_code == 400
    assert "Scoring opens when the call closes" in response.content.decode()
    assert "Too early." in response.content.decode()
    assert not Review.objects.filter(assignment=assignment).exists()
    named = criteria(cycle)
    values = {named[name].pk: value for name, value in ALL_FIVE.items()}
    assert save_review(assignment, values, {}, "", submit=True, now=cycle.deadline)


def test_judges_are_blind_to_each_other(client, seat):
    cycle, _category, application, judge, assignment = seat
    other = make_judge(cycle, country="US", full_name="Jane Other")
    theirs = Assignment.objects.create(judge=other, application=application)
    named = criteria(cycle)
    values = {named[name].pk: 1 for name in ALL_FIVE}
    save_review(
        theirs,
        values,
        {named["Impact"].pk: "SECRET-IMPACT-REMARK"},
        "SECRET-OVERALL-VERDICT",
        submit=True,
    )
    client.force_login(judge.user)

    page = client.get(reverse("awards:score", args=[application.pk])).content.decode()

    assert "SECRET-IMPACT-REMARK" not in page and "SECRET-OVERALL-VERDICT" not in page
    assert "Jane Other" not in page
    assert " checked" not in page  # none of the other judge's scores pre-filled
    listing = client.get(reverse("awards:judging")).content.decode()
    assert "Not started" in listing and "SECRET" not in listing


def test_the_judging_list_shows_the_deadline_in_the_cycle_time_zone(client, seat):
    cycle, _category, application, judge, _assignment = seat
    cycle.judging_ends_at = timezone.now().replace(microsecond=0) + timedelta(days=3)
    cycle.save()
    client.force_login(judge.user)

    page = client.get(reverse("awards:judging")).content.decode()

    assert cycle.name in page and "Open budget portal" in page
    in_tunis = timezone.localtime(cycle.judging_ends_at, ZoneInfo("Africa/Tunis"))
    assert f"{in_tunis:%-d %B %Y, %H:%M} (Africa/Tunis)" in page
    assert "0 of 1 submitted" in page and "2 days, 23 hours and 59 minutes left" in page
    assert reverse("awards:score", args=[application.pk]) in page


def test_a_withdrawn_application_needs_no_more_scores(client, seat):
    cycle, _category, application, judge, assignment = seat
    application.status = "withdrawn"
    application.save()
    client.force_login(judge.user)

    assert "Open budget portal" not in client.get(reverse("awards:judging")).content.decode()
    url = reverse("awards:score", args=[application.pk])
    assert "The city withdrew this application" in client.get(url).content.decode()
    response = client.post(url, sheet(cycle, ALL_FIVE, submit=""))
    assert response.status_code == 400
    assert not Review.objects.filter(assignment=assignment).exists()


def test_before_scoring_opens_nothing_on_the_sheet_can_be_typed(client, seat):
    """The tester's case: the scores were disabled until judging opened while the comment boxes
    stayed editable; now the whole sheet reads as closed, with the reason."""
    cycle, _category, application, judge, _assignment = seat
    now = timezone.now()
    cycle.call_opens_at, cycle.deadline = now - timedelta(days=5), now + timedelta(days=5)
    cycle.judging_ends_at = now + timedelta(days=30)
    cycle.save()
    client.force_login(judge.user)
    page = client.get(reverse("awards:score", args=[application.pk])).content.decode()
    assert "message--warning" in page
    sheet_part = page.split('id="tie-title"')[0]  # declaring a tie stays open
    textareas = sheet_part.split("<textarea")[1:]
    assert textareas and all("disabled" in tag.split(">", 1)[0] for tag in textareas)
    assert 'type="radio"' in sheet_part and all(
        "disabled" in tag.split(">", 1)[0] for tag in sheet_part.split('type="radio"')[1:]
    )
