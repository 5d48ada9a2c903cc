"""The JSON API: published data for all, a city's own data for its users, writes checked."""

import json

import pytest

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer, AnswerRevision

pytestmark = pytest.mark.django_db
API = "/api/v1/diagnostic"


@pytest.fixture
def cities(frameworks):
    own = make_member(
        name="Hebron",
        name_en="Hebron",
        slug="hebron",
        country="PS",
        region="middle-east",
        population=250_000,
    )
    other = make_member(name="Suva", name_en="Suva", slug="suva", country="FJ")
    return {
        "own": make_assessment(own, frameworks["ceds"]),
        "published": make_assessment(other, frameworks["ceds"], status="validated", is_public=True),
        "private": make_assessment(other, frameworks["ceds"], year=2025),
    }


def test_frameworks_are_public(client, frameworks):
    found = client.get(f"{API}/frameworks").json()
    assert {(f["code"], f["version"]) for f in found} == {("ceds", "1.0"), ("losi", "2024")}
    content = client.get(f"{API}/frameworks/ceds/1.0").json()
    assert len(content["domains"]) == 10


def test_anonymous_sees_only_published_assessments(client, cities):
    found = client.get(f"{API}/assessments").json()
    assert [a["id"] for a in found] == [cities["published"].pk]
    assert client.get(f"{API}/assessments/{cities['private'].pk}").status_code == 404


def test_city_user_sees_own_and_published(client, cities):
    client.force_login(make_user(Role.CITY_USER, member=cities["own"].member))
    ids = {a["id"] for a in client.get(f"{API}/assessments").json()}
    assert ids == {cities["own"].pk, cities["published"].pk}


def test_city_user_saves_answers(client, cities):
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = {
        "answers": {
            "GM1.1": {"value": 3, "comment": "From the API"},
            "GM1.2": {"value": "yes"},
            "GM3.3": {"not_applicable": True},
        }
    }
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["saved"] == 3
    detail = client.get(f"{API}/assessments/{assessment.pk}").json()
    assert detail["answers"]["GM1.1"] == {
        "value": 3,
        "not_applicable": False,
        "comment": "From the API",
    }
    assert detail["answers"]["GM1.2"]["value"] is True
    assert set(AnswerRevision.objects.values_list("source", flat=True)) == {"api"}


def test_invalid_answers_save_nothing_and_say_why(client, cities):
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = {"answers": {"GM1.1": {"value": 3}, "GM1.2": {"value": "maybe"}, "ZZ9.9": {"value": 1}}}
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "GM1.2": "Answer yes or no.",
        "ZZ9.9": "No such question in this framework.",
    }
    assert not Answer.objects.exists()


def test_others_cannot_write(client, cities):
    client.force_login(make_user(Role.FOCAL_POINT, member=cities["own"].member))
    url = f"{API}/assessments/{cities['published'].pk}/answers"
    response = client.put(url, json.dumps({"answers": {}}), content_type="application/json")
    assert response.status_code == 403
    client.logout()
    response = client.put(
        f"{API}/assessments/{cities['own'].pk}/answers",
        json.dumps({"answers": {}}),
        content_type="application/json",
    )
    assert response.status_code == 401


def test_openapi_description(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/diagnostic/assessments/{assessment_id}/answers" in schema["paths"]


@pytest.mark.parametrize(
    "number", ["1e999", "Infinity", "-Infinity", "NaN", "1e300", "1" + "0" * 400]
)
def test_numbers_that_are_no_numbers_save_nothing_and_say_why(client, cities, number):
    """Python's json reads Infinity, NaN and 1e999 (as infinity): the API must refuse them."""
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = (
        '{"answers": {"GM1.2": {"value": "yes"}, "GM1.1": {"value": N}, '
        '"GM2.3": {"value": N}, "GM3.3": {"value": N}, "GM2.1": {"value": "N"}}}'
    ).replace("N", number)
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert set(errors) == {"GM1.1", "GM2.3", "GM3.3", "GM2.1"}
    assert errors["GM1.1"].startswith("Choose a ")
    assert errors["GM2.3"].startswith("Enter a number")
    assert errors["GM3.3"] == "Enter a percentage from 0 to 100."
    assert not Answer.objects.exists()


def test_a_megabyte_comment_saves_nothing_and_names_the_question(client, cities):
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = {
        "answers": {
            "GM1.1": {"value": 3, "comment": "x" * 1_000_000},
            "GM1.2": {"value": "yes", "comment": "Adopted in 2025"},
        }
    }
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"] == {
        "GM1.1": "The comment is too long (1,000,000 characters; at most 4,000)."
    }
    assert not Answer.objects.exists()


def test_a_text_answer_too_long_saves_nothing_and_names_the_question(client, cities):
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = {"answers": {"GM3.4": {"value": "https://example.org/" + "x" * 5000}}}
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"] == {
        "GM3.4": "The text is too long (5,020 characters; at most 4,000)."
    }
    assert not Answer.objects.exists()


def test_a_question_code_of_a_megabyte_is_no_question(client, cities):
    assessment = cities["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    body = {"answers": {"G" * 1_000_000: {"value": 3}}}
    response = client.put(
        f"{API}/assessments/{assessment.pk}/answers",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors.values()) == ["No such question in this framework."]
    assert all(len(code) <= 41 for code in errors)  # the megabyte is not sent back


def test_a_query_too_long_is_refused_by_name(client, cities):
    response = client.get(f"{API}/assessments", {"framework": "c" * 1000})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["framework"]
