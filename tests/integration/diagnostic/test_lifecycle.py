"""An assessment from start to publication, through the web pages."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.diagnostic.models import Answer, AnswerRevision, Assessment, AssessmentEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return make_member(
        name="Maputo",
        name_en="Maputo",
        slug="maputo",
        country="MZ",
        region=Region.AFRICA,
        population=1_100_000,
    )


@pytest.fixture
def focal_point(city):
    return make_user(Role.FOCAL_POINT, member=city)


def fill_url(assessment, domain):
    return reverse("diagnostic:fill_in", args=[assessment.pk, domain])


def test_focal_point_starts_an_assessment(client, frameworks, city, focal_point):
    client.force_login(focal_point)
    response = client.post(
        reverse("diagnostic:start"),
        {
            "member": city.pk,
            "framework_version": frameworks["ceds"].pk,
            "year": 2026,
        },
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    assert (assessment.member, assessment.year, assessment.status) == (city, 2026, "draft")
    assert assessment.events.get().kind == AssessmentEvent.Kind.STARTED
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Governance Mechanism" in page and "0 of 14" in page  # 15 questions, 1 evidence


def test_start_refuses_a_second_one_for_the_same_year(client, frameworks, city, focal_point):
    make_assessment(city, frameworks["ceds"], 2026)
    client.force_login(focal_point)
    response = client.post(
        reverse("diagnostic:start"),
        {
            "member": city.pk,
            "framework_version": frameworks["ceds"].pk,
            "year": 2026,
        },
    )
    assert response.status_code == 200
    assert (
        "already has an assessment with this framework for that year" in response.content.decode()
    )


def test_start_form_names_every_missing_field(client, frameworks, focal_point):
    client.force_login(focal_point)
    page = client.post(reverse("diagnostic:start"), {"year": "twenty"}).content.decode()
    assert "Framework: This field is required." in page
    assert "Year: Enter a whole number." in page
    assert 'value="twenty"' in page


def test_answers_are_saved_and_bad_ones_are_kept_with_a_message(
    client, frameworks, city, focal_point
):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(
        fill_url(assessment, "GM"),
        {
            "q-GM1.1": "3",
            "c-GM1.1": "Decided by the mayor in 2025",
            "q-GM1.2": "perhaps",  # a yes-no question
            "q-GM2.3": "-4",  # a number question
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM1.2: Answer yes or no." in page
    assert "GM2.3: Enter a number that is not negative." in page
    assert 'value="-4"' in page  # what was typed is still there
    saved = Answer.objects.get(assessment=assessment, question_code="GM1.1")
    assert (saved.value, saved.comment) == (3, "Decided by the mayor in 2025")
    assert not Answer.objects.filter(question_code__in=["GM1.2", "GM2.3"]).exists()


def test_autosave_answers_with_json(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(fill_url(assessment, "GM"), {"q-GM1.1": "4"}, HTTP_X_AUTOSAVE="1")
    assert json.loads(response.content) == {
        "saved": 1,
        "errors": {},
        "problems": [],
        "message": "All changes saved.",
        "status": {"saved": "All changes saved.", "correction": ""},
    }
    response = client.post(fill_url(assessment, "GM"), {"q-GM1.2": "nope"}, HTTP_X_AUTOSAVE="1")
    assert json.loads(response.content)["errors"] == {"GM1.2": "Answer yes or no."}
    assessment.refresh_from_db()
    assert assessment.overall_score == 100
    assert 0 < assessment.coverage < 0.1


NOT_FINITE = ["1e999", "inf", "-inf", "Infinity", "NaN", "nan", "1e300"]


@pytest.mark.parametrize("typed", NOT_FINITE)
def test_numbers_that_are_no_numbers_are_refused_next_to_their_question(
    client, frameworks, city, focal_point, typed
):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(
        fill_url(assessment, "GM"),
        {
            "q-GM1.1": typed,  # a level question
            "c-GM1.1": "Typed by hand",
            "q-GM1.2": "yes",
            "c-GM1.2": "Adopted in 2025",
            "q-GM2.3": typed,  # a number question
            "q-GM3.3": typed,  # a percentage question
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM1.1: Choose a " in page
    assert "GM2.3: Enter a number" in page
    assert "GM3.3: Enter a percentage from 0 to 100." in page
    assert 'id="q-GM2-3-error"' in page and 'id="q-GM3-3-error"' in page
    assert f'value="{typed}"' in page  # what was typed is still there
    assert "Typed by hand" in page
    saved = Answer.objects.get(assessment=assessment, question_code="GM1.2")
    assert (saved.value, saved.comment) == (True, "Adopted in 2025")
    assert not Answer.objects.filter(question_code__in=["GM1.1", "GM2.3", "GM3.3"]).exists()


def test_a_number_out_of_range_names_the_limit(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(fill_url(assessment, "GM"), {"q-GM2.3": "1e300"})
    assert response.status_code == 400
    assert "GM2.3: Enter a number no larger than 1,000,000,000." in response.content.decode()


@pytest.mark.parametrize("typed", NOT_FINITE)
def test_autosave_refuses_numbers_that_are_no_numbers(client, frameworks, city, focal_point, typed):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(
        fill_url(assessment, "GM"),
        {"q-GM1.1": typed, "q-GM2.3": typed, "q-GM1.2": "no"},
        HTTP_X_AUTOSAVE="1",
    )
    answer = json.loads(response.content)
    assert response.status_code == 200
    assert answer["saved"] == 1
    assert set(answer["errors"]) == {"GM1.1", "GM2.3"}
    assert answer["errors"]["GM1.1"].startswith("Choose a ")
    assert answer["errors"]["GM2.3"].startswith("Enter a number")
    assert list(Answer.objects.values_list("question_code", flat=True)) == ["GM1.2"]


def test_a_refused_answer_sent_again_unchanged_is_refused_again(
    client, frameworks, city, focal_point
):
    """The page shown with an error must not take the refused answer for the stored one: saved
    again as it is, it is refused again, not silently dropped with its comment."""
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    first = client.post(fill_url(assessment, "GM"), {"q-GM2.3": "inf", "c-GM2.3": "Minutes"})
    assert first.status_code == 400
    was = first.context["groups"][1][2][2]
    assert was.code == "GM2.3"
    again = client.post(
        fill_url(assessment, "GM"),
        {"q-GM2.3": "inf", "c-GM2.3": "Minutes", "was-GM2.3": was.signature},
    )
    assert again.status_code == 400
    assert "GM2.3: Enter a number" in again.content.decode()


MEGABYTE = "x" * 1_000_000


def test_a_megabyte_comment_is_refused_next_to_its_question(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(
        fill_url(assessment, "GM"),
        {
            "q-GM1.1": "3",
            "c-GM1.1": MEGABYTE,
            "q-GM1.2": "yes",
            "c-GM1.2": "Adopted in 2025",
            "q-GM2.3": "4",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM1.1: The comment is too long (1,000,000 characters; at most 4,000)." in page
    assert 'id="q-GM1-1-error"' in page
    assert 'id="q-GM1-1-3" value="3" checked' in page  # the answer typed with it is kept
    assert MEGABYTE in page  # and so is the comment, for the person to shorten it
    saved = {a.question_code: a for a in Answer.objects.filter(assessment=assessment)}
    assert set(saved) == {"GM1.2", "GM2.3"}
    assert (saved["GM1.2"].value, saved["GM1.2"].comment) == (True, "Adopted in 2025")


def test_a_comment_of_4000_characters_is_kept_whole(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    comment = "line\r\n" * 799 + "last!"  # a browser sends a textarea's line breaks as CR LF
    response = client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3", "c-GM1.1": comment})
    assert response.status_code == 302
    stored = Answer.objects.get(assessment=assessment, question_code="GM1.1").comment
    assert stored == comment.replace("\r\n", "\n") and len(stored) == 4000


def test_autosave_refuses_a_megabyte_comment(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(
        fill_url(assessment, "GM"), {"q-GM1.1": "3", "c-GM1.1": MEGABYTE}, HTTP_X_AUTOSAVE="1"
    )
    assert json.loads(response.content)["errors"] == {
        "GM1.1": "The comment is too long (1,000,000 characters; at most 4,000)."
    }
    assert not Answer.objects.exists()


def test_not_applicable_and_history(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "2"})
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3"})
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3"})  # no change: no revision
    client.post(fill_url(assessment, "GM"), {"q-GM3.3": "na"})  # allows "not applicable"
    revisions = AnswerRevision.objects.filter(assessment=assessment)
    assert [r.value for r in revisions.filter(question_code="GM1.1").order_by("id")] == [2, 3]
    assert revisions.get(question_code="GM3.3").not_applicable
    history = client.get(reverse("diagnostic:history", args=[assessment.pk])).content.decode()
    assert history.count("GM1.1") == 2 and "not applicable" in history


def test_lifecycle_to_publication(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    staff = make_user(Role.REGIONAL_STAFF, region=Region.AFRICA)
    client.force_login(focal_point)
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3"})
    client.post(reverse("diagnostic:submit", args=[assessment.pk]), {"confirm": "yes"})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    # Submitted: the city can read but no longer change its answers.
    assert client.post(fill_url(assessment, "GM"), {"q-GM1.1": "4"}).status_code == 403

    client.force_login(staff)
    assert "Maputo" in client.get(reverse("diagnostic:home")).content.decode()
    response = client.post(
        reverse("diagnostic:review", args=[assessment.pk]), {"decision": "return"}
    )
    assert "Say what the city should change." in response.content.decode()
    client.post(
        reverse("diagnostic:review", args=[assessment.pk]),
        {"decision": "return", "comment": "Please answer the e-Admin domain."},
    )
    assessment.refresh_from_db()
    assert assessment.status == "returned"

    client.force_login(focal_point)
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Please answer the e-Admin domain." in page
    client.post(fill_url(assessment, "EA"), {"q-EA1.1": "operational"})
    client.post(reverse("diagnostic:submit", args=[assessment.pk]), {"confirm": "yes"})

    client.force_login(staff)
    client.post(reverse("diagnostic:review", args=[assessment.pk]), {"decision": "validate"})
    assessment.refresh_from_db()
    assert assessment.status == "validated"

    results = reverse("diagnostic:results", args=[assessment.pk])
    client.logout()
    assert client.get(results).status_code == 302  # not public yet: sign in first

    client.force_login(focal_point)
    client.post(reverse("diagnostic:publish", args=[assessment.pk]), {"public": "yes"})
    client.logout()
    response = client.get(results)
    assert response.status_code == 200
    assert "Results of Maputo, 2026" in response.content.decode()
    kinds = list(assessment.events.order_by("id").values_list("kind", flat=True))
    assert kinds == ["started", "submitted", "returned", "submitted", "validated", "published"]


def test_results_show_scores_stage_and_gains(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "1", "q-GM1.2": "no"})
    response = client.get(reverse("diagnostic:results", args=[assessment.pk]))
    context = response.context
    assert context["result"].overall.value is not None
    assert context["stage_label"] == ""  # too few answers for a stage
    assert context["gains"], "the page lists where the score can gain most"
    assert "Where the score can gain most" in response.content.decode()


def test_a_stale_page_does_not_undo_a_colleagues_answer(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    colleague = make_user(Role.CITY_USER, member=city)
    client.force_login(focal_point)
    page = client.get(fill_url(assessment, "GM"))
    was = {
        f"was-{item.code}": item.signature
        for _i, _t, items in page.context["groups"]
        for item in items
        if item.status != "excluded"
    }

    other = Client()
    other.force_login(colleague)
    other.post(fill_url(assessment, "GM"), {"q-GM1.1": "4"})

    # The focal point's page still shows GM1.1 empty; they answer GM1.2 and press Save.
    client.post(fill_url(assessment, "GM"), {**was, "q-GM1.2": "yes", "c-GM1.1": ""})
    answers = {a.question_code: a.value for a in assessment.answers.all()}
    assert answers == {"GM1.1": 4, "GM1.2": True}


def test_evidence_link_per_answer(client, frameworks, city, focal_point):
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    response = client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3", "e-GM1.1": "not a link"})
    page = response.content.decode()
    assert "The evidence must be a web link" in page and 'value="not a link"' in page
    client.post(
        fill_url(assessment, "GM"), {"q-GM1.1": "3", "e-GM1.1": "https://city.example/decree"}
    )
    assert Answer.objects.get(question_code="GM1.1").evidence_url == "https://city.example/decree"


def test_evidence_file_is_checked_by_content(
    client, frameworks, city, focal_point, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    fake = SimpleUploadedFile("decree.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(fill_url(assessment, "GM"), {"q-GM1.1": "3", "f-GM1.1": fake})
    assert "the content of this file is none of them" in response.content.decode()
    real = SimpleUploadedFile("anything.exe", b"%PDF-1.7\n%...", content_type="application/x-foo")
    client.post(fill_url(assessment, "GM"), {"f-GM1.1": real})
    answer = Answer.objects.get(assessment=assessment, question_code="GM1.1")
    assert answer.evidence_name.startswith("GM1.1") and answer.evidence_name.endswith(".pdf")
    url = reverse("diagnostic:evidence", args=[assessment.pk, "GM1.1"])
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF-")
    client.logout()
    assert client.get(url).status_code == 302  # private: sign in first


def test_history_and_published_results_export(client, frameworks, city, focal_point):
    import csv
    import io

    assessment = make_assessment(city, frameworks["ceds"])
    client.force_login(focal_point)
    client.post(fill_url(assessment, "GM"), {"q-GM1.1": "2", "c-GM1.1": "first"})
    response = client.get(reverse("diagnostic:history", args=[assessment.pk]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["When", "Question", "New answer"]
    assert rows[1][1:3] == ["GM1.1", "2"] and rows[1][4] == "first"
    Assessment.objects.filter(pk=assessment.pk).update(status="validated", is_public=True)
    client.logout()
    response = client.get(reverse("diagnostic:home"), {"format": "xlsx"})
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Maputo" and sheet["E2"].value == 2026
