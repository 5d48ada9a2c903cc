"""The secretariat edits what judges score, until the first judge has submitted scores."""

import pytest
from django.urls import reverse

from tests.factories import make_application, make_cycle, make_judge, make_secretariat
from wego.awards.models import Assignment, Criterion, Review

pytestmark = pytest.mark.django_db

FIVE_LEVELS = "Nothing\nLittle\nSome\nMuch\nExemplary"


def criteria_data(cycle, changes=None, extra=None) -> dict:
    """What the criteria page posts back: every criterion as stored, then the changes.

    `changes` maps a criterion's name to the fields that differ; `extra` fills the empty form.
    """
    changes = changes or {}
    criteria = list(cycle.criteria.all())
    data = {
        "form-TOTAL_FORMS": str(len(criteria) + 1),
        "form-INITIAL_FORMS": str(len(criteria)),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "20",
    }
    for index, criterion in enumerate(criteria):
        row = {
            "id": str(criterion.pk),
            "name": criterion.name,
            "description": criterion.description,
            "weight": str(criterion.weight),
            "min_score": str(criterion.min_score),
            "max_score": str(criterion.max_score),
            "rubric": "\n".join(criterion.rubric),
        } | changes.get(criterion.name, {})
        data |= {f"form-{index}-{name}": value for name, value in row.items()}
    # The empty form as the browser sends it: the defaults it was shown with.
    empty = {"name": "", "description": "", "weight": "20", "min_score": "1", "max_score": "5"}
    empty |= {"rubric": ""} | (extra or {})
    data |= {f"form-{len(criteria)}-{name}": value for name, value in empty.items()}
    return data


@pytest.fixture
def staff_client(client):
    client.force_login(make_secretariat())
    return client


def submit_a_review(cycle, status=Review.Status.SUBMITTED):
    judge = make_judge(cycle)
    assignment = Assignment.objects.create(judge=judge, application=make_application(cycle))
    return Review.objects.create(assignment=assignment, status=status)


def test_the_page_shows_each_criterion_s_share_of_the_total_weight(staff_client):
    cycle = make_cycle()

    response = staff_client.get(reverse("awards:criteria", args=[cycle.slug]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Impact (30 % of the total weight)" in page
    assert "Sustainability (15 % of the total weight)" in page
    assert '<th scope="row">Impact</th>' in page
    assert "A first: other cities will learn from it." in page  # the rubric, one per line
    assert 'name="form-5-name"' in page  # an empty form to add one


def test_a_changed_weight_and_rubric_are_saved_and_the_shares_follow(staff_client):
    cycle = make_cycle()
    url = reverse("awards:criteria", args=[cycle.slug])
    data = criteria_data(cycle, {"Impact": {"weight": "60", "rubric": FIVE_LEVELS}})

    response = staff_client.post(url, data)

    assert response.status_code == 302
    impact = cycle.criteria.get(name="Impact")
    assert impact.weight == 60
    assert impact.rubric == ["Nothing", "Little", "Some", "Much", "Exemplary"]
    page = staff_client.get(url).content.decode()
    assert "The criteria are saved." in page
    assert "Impact (46 % of the total weight)" in page  # 60 of 130


def test_a_rubric_that_does_not_fit_the_score_range_names_the_criterion(staff_client):
    cycle = make_cycle()
    typed = "Poor\nFair\nGood\nExcellent"
    data = criteria_data(cycle, {"Impact": {"rubric": typed, "weight": "45"}})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    page = response.content.decode()
    assert response.status_code == 400
    message = "“Impact”: the rubric needs 5 lines, one for each score from 1 to 5; it has 4."
    assert message in page
    rubric_errors = page.split('id="id_form-1-rubric_error"')[1].split("</ul>")[0]
    assert message in rubric_errors
    assert page.count(message) == 2  # the summary and beside the field, nothing more
    assert 'aria-describedby="id_form-1-rubric_helptext id_form-1-rubric_error"' in page
    assert "Poor\nFair\nGood\nExcellent</textarea>" in page  # what was typed is kept
    assert 'name="form-1-weight" value="45"' in page
    assert cycle.criteria.get(name="Impact").weight == 30  # nothing saved


def test_a_new_score_range_needs_a_rubric_to_match(staff_client):
    cycle = make_cycle()
    data = criteria_data(cycle, {"Innovation": {"min_score": "0", "max_score": "3"}})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert response.status_code == 400
    assert "“Innovation”: the rubric needs 4 lines, one for each score from 0 to 3; it has 5." in (
        response.content.decode()
    )


def test_a_range_upside_down_is_explained_once(staff_client):
    cycle = make_cycle()
    data = criteria_data(cycle, {"Innovation": {"min_score": "5", "max_score": "2"}})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "The highest score must be above the lowest score." in page


def test_a_criterion_is_added_and_another_removed(staff_client):
    cycle = make_cycle()
    data = criteria_data(
        cycle,
        {"Transferability": {"DELETE": "on"}},
        extra={
            "name": "Accessibility",
            "weight": "10",
            "min_score": "1",
            "max_score": "3",
            "rubric": "Barriers remain\nMostly accessible\nFully accessible",
        },
    )

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert response.status_code == 302
    names = list(cycle.criteria.values_list("name", flat=True))
    assert names == ["Innovation", "Impact", "Citizen focus", "Sustainability", "Accessibility"]
    added = cycle.criteria.get(name="Accessibility")
    assert (added.min_score, added.max_score, added.weight) == (1, 3, 10)
    assert added.levels()[2] == (3, "Fully accessible")


def test_removing_every_criterion_is_refused(staff_client):
    cycle = make_cycle()
    data = criteria_data(cycle, {c.name: {"DELETE": "on"} for c in cycle.criteria.all()})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert response.status_code == 400
    assert "Keep at least one criterion" in response.content.decode()
    assert cycle.criteria.count() == 5


def test_two_criteria_with_one_name_are_refused(staff_client):
    cycle = make_cycle()
    data = criteria_data(cycle, {"Impact": {"name": "innovation"}})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert response.status_code == 400
    assert "Two criteria are called “innovation”" in response.content.decode()


def test_a_draft_review_does_not_lock_the_criteria(staff_client):
    cycle = make_cycle(phase="judging")
    submit_a_review(cycle, status=Review.Status.DRAFT)
    data = criteria_data(cycle, {"Impact": {"weight": "35"}})

    response = staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert response.status_code == 302
    assert cycle.criteria.get(name="Impact").weight == 35


def test_once_a_judge_has_submitted_scores_the_criteria_are_read_only(staff_client):
    cycle = make_cycle(phase="judging")
    submit_a_review(cycle)
    url = reverse("awards:criteria", args=[cycle.slug])

    page = staff_client.get(url).content.decode()

    assert "the criteria can no longer change" in page
    assert "This page is read-only." in page
    assert 'name="form-0-weight"' not in page
    assert "<dt>Score 5</dt><dd>A first: other cities will learn from it.</dd>" in page

    data = criteria_data(cycle, {"Impact": {"weight": "90"}})
    response = staff_client.post(url, data)

    assert response.status_code == 400
    assert "The criteria were not changed: judges have already submitted scores" in (
        response.content.decode()
    )
    assert cycle.criteria.get(name="Impact").weight == 30


def test_another_cycle_s_reviews_do_not_lock_this_one(staff_client):
    submit_a_review(make_cycle(phase="judging"))
    cycle = make_cycle()

    page = staff_client.get(reverse("awards:criteria", args=[cycle.slug])).content.decode()

    assert 'name="form-0-weight"' in page


def test_a_criterion_of_another_cycle_cannot_be_edited_from_this_one(staff_client):
    cycle, other = make_cycle(), make_cycle()
    stranger = other.criteria.get(name="Impact")
    data = criteria_data(cycle)
    data["form-1-id"] = str(stranger.pk)
    data["form-1-weight"] = "99"

    staff_client.post(reverse("awards:criteria", args=[cycle.slug]), data)

    assert Criterion.objects.get(pk=stranger.pk).weight == 30
    assert cycle.criteria.count() == other.criteria.count() == 5
