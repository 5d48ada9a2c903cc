"""Workbook download, upload with preview, and the PDF and Excel results, through the web."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer, AnswerRevision, AssessmentEvent, WorkbookUpload

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, frameworks):
    city = make_member(name="Gimpo", name_en="Gimpo", slug="gimpo", population=480_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=user)
    client.force_login(user)
    return assessment


def download(client, assessment) -> bytes:
    response = client.get(reverse("diagnostic:workbook", args=[assessment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ceds-gimpo-2026.xlsx"'
    return response.content


def upload(client, assessment, data: bytes, name="filled.xlsx"):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(
        reverse("diagnostic:workbook_upload", args=[assessment.pk]), {"workbook": file}
    )


def fill(data: bytes, cells: dict[tuple[str, str], str]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_upload_shows_a_preview_then_saves_on_confirmation(client, setup):
    assessment = setup
    data = fill(
        download(client, assessment),
        {("GM", "C3"): "4", ("GM", "D3"): "Decree 12", ("EA", "C3"): "Planned or being built"},
    )
    response = upload(client, assessment, data)
    pending = WorkbookUpload.objects.get()
    assert response["Location"] == reverse(
        "diagnostic:workbook_preview", args=[assessment.pk, pending.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "2 answers change" in page and "Decree 12" in page
    assert not Answer.objects.exists()  # nothing saved before confirmation

    client.post(response["Location"])
    saved = {a.question_code: (a.value, a.comment) for a in Answer.objects.all()}
    assert saved == {"GM1.1": (4, "Decree 12"), "EA1.1": ("planned", "")}
    assert set(AnswerRevision.objects.values_list("source", flat=True)) == {"workbook"}
    assert assessment.events.filter(kind=AssessmentEvent.Kind.WORKBOOK_IMPORTED).exists()
    # An applied upload cannot be applied twice.
    assert client.post(response["Location"]).status_code == 404


def test_upload_with_bad_cells_saves_nothing(client, setup):
    assessment = setup
    data = fill(
        download(client, assessment), {("GM", "C3"): "9", ("GM", "C4"): "=1+1", ("PI", "C3"): "3"}
    )
    response = upload(client, assessment, data)
    page = client.get(response["Location"]).content.decode()
    assert "Sheet GM, cell C3: GM1.1: Choose a whole level from 0 to 4." in page
    assert "Sheet GM, cell C4: This cell contains a formula; type the value instead." in page
    assert "nothing was saved" in page
    assert "Save these" not in page
    assert client.post(response["Location"]).status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"just some text", "The file is not an Excel workbook (.xlsx)."),
        (b"\0" * (6 * 1024 * 1024), "The file is too large (6 MB; at most 5 MB)."),
    ],
)
def test_rejected_files_say_why_on_the_form(client, setup, data, message):
    response = upload(client, setup, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WorkbookUpload.objects.exists()


def test_workbook_of_another_assessment_is_refused(client, setup, frameworks):
    other = make_assessment(setup.member, frameworks["ceds"], year=2025)
    data = client.get(reverse("diagnostic:workbook", args=[other.pk])).content
    response = upload(client, setup, data)
    assert "was downloaded for another assessment" in response.content.decode()


def test_korean_workbook_download(client, setup):
    response = client.get("/ko" + reverse("diagnostic:workbook", args=[setup.pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book["_lists"]["A1"].value == "예"  # the yes/no dropdown
    assert book["EA"]["E3"].value.startswith("없음")  # the system-status choices
    assert "GM1.1" in book["GM"]["A3"].value
    assert book["GM"]["B3"].value.endswith("시장은 전자정부를 얼마나 적극적으로 지원합니까?")


def test_pdf_report_and_excel_results(client, setup):
    assessment = setup
    client.post(reverse("diagnostic:fill_in", args=[assessment.pk, "GM"]), {"q-GM1.1": "2"})
    pdf = client.get(reverse("diagnostic:report_pdf", args=[assessment.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("diagnostic:results_xlsx", args=[assessment.pk]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Summary", "Domains", "Indicators", "Answers"]
    assert book["Summary"]["A2"].value == "Gimpo"
    answers = {row[0].value: row[2].value for row in book["Answers"].iter_rows(min_row=2)}
    assert answers["GM1.1"].startswith("2: ")
    assert answers["GM1.2"] == "not answered"
