"""Wrong answers in every place a city types them (the fill-in form, its autosave, the workbook
and the API): each refused with its field named and the error next to it, everything else
the person typed kept."""

import io
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer

pytestmark = pytest.mark.django_db

NOT_LINKS = ["6", "www.city.example/plan", "https://6", "http://", "ftp://city.example/plan"]


@pytest.fixture
def assessment(frameworks):
    city = make_member(name="Maputo", name_en="Maputo", slug="maputo", population=1_100_000)
    return make_assessment(city, frameworks["ceds"])


@pytest.fixture
def client_of(client, assessment):
    client.force_login(make_user(Role.FOCAL_POINT, member=assessment.member))
    return client


def fill_url(assessment, domain="GM"):
    return reverse("diagnostic:fill_in", args=[assessment.pk, domain])


def autosave(client, assessment, data, domain="GM"):
    response = client.post(fill_url(assessment, domain), data, HTTP_X_AUTOSAVE="1")
    assert response.status_code == 200
    return json.loads(response.content)


def stored(assessment) -> dict:
    return {a.question_code: a.value for a in Answer.objects.filter(assessment=assessment)}


def element(page: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    found = re.search(rf'<[^<>]*\bid="{re.escape(element_id)}"[^<>]*>', page)
    assert found, f"no element #{element_id}"
    return found.group(0)


# ---- the form without JavaScript --------------------------------------------------------------

TEN_GOOD = {
    "q-GM1.1": "3",
    "c-GM1.1": "Decree 2025/14",
    "q-GM1.2": "yes",
    "q-GM1.3": "no",
    "q-GM2.1": "2",
    "q-GM2.2": "1",
    "q-GM3.1": "4",
    "q-GM3.2": "2",
    "q-GM3.3": "35",
    "e-GM3.3": "https://maputo.example/projects",
    "q-GM4.1": "3",
    "q-GM4.2": "no",
}


def test_one_wrong_number_and_one_wrong_link_keep_the_ten_good_answers(client_of, assessment):
    response = client_of.post(
        fill_url(assessment),
        {
            **TEN_GOOD,
            "q-GM2.3": "-5",  # meetings a year
            "c-GM2.3": "From the council minutes",
            "q-GM4.3": "2",
            "e-GM4.3": "6",  # the evidence link given with a good answer
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert len(stored(assessment)) == 10
    assert stored(assessment)["GM3.3"] == 35 and stored(assessment)["GM1.1"] == 3
    assert not {"GM2.3", "GM4.3"} & set(stored(assessment))
    # The number: the error next to its field, which says so, with what was typed.
    assert "Enter a number that is not negative." in page
    number = element(page, "q-GM2-3-input")
    assert 'value="-5"' in number and 'aria-invalid="true"' in number
    assert "q-GM2-3-error" in number  # aria-describedby
    assert 'class="field-errors" id="q-GM2-3-error"' in page
    assert "From the council minutes" in page
    # The link: its own field is marked, the level chosen with it is kept.
    assert "The evidence must be a web link starting with https:// or http://." in page
    link = element(page, "q-GM4-3-evidence")
    assert 'value="6"' in link and 'aria-invalid="true"' in link and "q-GM4-3-error" in link
    assert "aria-invalid" not in element(page, "q-GM4-3")  # the fieldset: described, not invalid
    assert 'id="q-GM4-3-2" value="2" checked' in page
    assert "2 answers need a correction" in page  # the summary at the top
    assert "10 answers saved." in page


@pytest.mark.parametrize("typed", NOT_LINKS)
def test_an_evidence_question_refuses_what_is_no_web_link(client_of, assessment, typed):
    response = client_of.post(fill_url(assessment), {"q-GM3.4": typed, "q-GM1.1": "2"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "GM3.4: Enter a web link starting with https:// or http://" in page
    assert f'value="{typed}"' in element(page, "q-GM3-4-input")
    assert stored(assessment) == {"GM1.1": 2}


def test_a_web_link_is_taken(client_of, assessment):
    client_of.post(
        fill_url(assessment),
        {"q-GM3.4": " https://maputo.example/plan.pdf ", "e-GM1.1": "http://192.0.2.7/decree"},
    )
    answers = {a.question_code: a for a in Answer.objects.all()}
    assert answers["GM3.4"].value == "https://maputo.example/plan.pdf"
    assert answers["GM1.1"].evidence_url == "http://192.0.2.7/decree"


# ---- autosave ---------------------------------------------------------------------------------


def test_autosave_carries_each_error_by_question_with_its_place(client_of, assessment):
    answer = autosave(
        client_of,
        assessment,
        {"q-GM2.3": "-5", "q-GM1.2": "perhaps", "q-GM4.1": "3", "e-GM4.1": "6", "q-GM1.1": "2"},
    )
    assert answer["saved"] == 1
    assert answer["errors"] == {
        "GM1.2": "Answer yes or no.",
        "GM2.3": "Enter a number that is not negative.",
        "GM4.1": "The evidence must be a web link starting with https:// or http://.",
    }
    # In page order, each with its box and the element to mark, as the form marks them.
    assert [(p["code"], p["question"], p["target"]) for p in answer["problems"]] == [
        ("GM1.2", "q-GM1-2", "q-GM1-2"),  # radio buttons: the fieldset is described
        ("GM2.3", "q-GM2-3", "q-GM2-3-input"),
        ("GM4.1", "q-GM4-1", "q-GM4-1-evidence"),
    ]
    assert answer["status"] == {
        "saved": "1 answer saved.",
        "correction": "3 answers need a correction.",
    }
    assert answer["message"] == "1 answer saved. 3 answers need a correction."
    assert stored(assessment) == {"GM1.1": 2}


def test_autosave_of_one_wrong_answer_reads_well(client_of, assessment):
    answer = autosave(client_of, assessment, {"q-GM2.3": "-5"})
    assert answer["message"] == "1 answer needs a correction."
    assert answer["status"] == {"saved": "", "correction": "1 answer needs a correction."}
    corrected = autosave(client_of, assessment, {"q-GM2.3": "5"})
    assert corrected["problems"] == [] and corrected["message"] == "All changes saved."
    assert stored(assessment) == {"GM2.3": 5}


def test_autosave_refuses_a_wrong_evidence_question(client_of, assessment):
    answer = autosave(client_of, assessment, {"q-EL1.5": "6"}, domain="EL")
    assert answer["problems"][0]["target"] == "q-EL1-5-input"
    assert answer["errors"]["EL1.5"].startswith("Enter a web link")


def test_the_page_has_the_status_in_the_save_bar_and_the_script(client_of, assessment):
    page = client_of.get(fill_url(assessment)).content.decode()
    bar = page[page.index('class="actions sticky-actions"') :]
    assert bar.index('id="autosave-status"') < bar.index("</div>")
    assert 'role="status"' in element(page, "autosave-status")
    assert 'data-error-prefix="Error:"' in page and "wego/js/autosave" in page


# ---- the workbook and the API ----------------------------------------------------------------


def workbook_with(client, assessment, cells: dict) -> str:
    data = client.get(reverse("diagnostic:workbook", args=[assessment.pk])).content
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    file = SimpleUploadedFile("filled.xlsx", out.getvalue())
    response = client.post(
        reverse("diagnostic:workbook_upload", args=[assessment.pk]), {"workbook": file}
    )
    return client.get(response["Location"]).content.decode()


def test_the_workbook_names_the_cell_of_a_wrong_number_and_a_wrong_link(client_of, assessment):
    rows = {"GM1.1": 3, "GM2.3": 8, "GM3.4": 12}  # the sheet's rows of these questions
    page = workbook_with(
        client_of,
        assessment,
        {("GM", "C3"): "4", ("GM", f"C{rows['GM2.3']}"): -5, ("GM", f"C{rows['GM3.4']}"): "6"},
    )
    assert "Sheet GM, cell C8: GM2.3: Enter a number that is not negative." in page
    assert "Sheet GM, cell C12: GM3.4: Enter a web link starting with https:// or http://" in page
    assert "2 cells need a correction; nothing was saved" in page
    assert not Answer.objects.exists()


@pytest.mark.parametrize("typed", NOT_LINKS)
def test_the_api_refuses_an_evidence_answer_that_is_no_link(client_of, assessment, typed):
    response = client_of.put(
        reverse("api:save_answers", args=[assessment.pk]),
        json.dumps({"answers": {"GM3.4": {"value": typed}, "GM1.1": {"value": 2}}}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["GM3.4"].startswith("Enter a web link starting with https://")
    assert not Answer.objects.exists()
