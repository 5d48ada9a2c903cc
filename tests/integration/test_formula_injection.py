"""What a user typed comes back in exports as text, never as a live formula.

A comment such as =HYPERLINK(...) or =cmd|' /C calc'!A0 must be a string cell in every Excel
export (and stay text if the cell is edited), and start with a quote in every CSV export.
"""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer, WorkbookUpload
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("https://evil.example","x")'
DDE = "=cmd|' /C calc'!A0"


@pytest.fixture
def commented(client, frameworks):
    city = make_member(name="Gimpo", name_en="Gimpo", slug="gimpo", population=480_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=user)
    client.force_login(user)
    client.post(
        reverse("diagnostic:fill_in", args=[assessment.pk, "GM"]),
        {"q-GM1.1": "2", "c-GM1.1": LINK, "q-GM1.2": "yes", "c-GM1.2": DDE},
    )
    assert dict(Answer.objects.values_list("question_code", "comment")) == {
        "GM1.1": LINK,
        "GM1.2": DDE,
    }
    return assessment


def assert_text_cell(cell, text):
    assert cell.value == text
    assert cell.data_type == "s", f"{cell.coordinate} is a formula"
    assert cell.quotePrefix, f"{cell.coordinate} would turn into a formula when edited"


def test_the_assessment_workbook_keeps_comments_as_text_and_reads_them_back(client, commented):
    data = client.get(reverse("diagnostic:workbook", args=[commented.pk])).content
    sheet = load_workbook(io.BytesIO(data))["GM"]
    assert sheet["A3"].value == "GM1.1" and sheet["A4"].value == "GM1.2"
    assert_text_cell(sheet["D3"], LINK)
    assert_text_cell(sheet["D4"], DDE)

    # Uploaded back as it came, it is no formula: nothing refused, nothing changes.
    upload = SimpleUploadedFile("filled.xlsx", data, "application/octet-stream")
    response = client.post(
        reverse("diagnostic:workbook_upload", args=[commented.pk]), {"workbook": upload}
    )
    pending = WorkbookUpload.objects.get()
    assert response["Location"] == reverse(
        "diagnostic:workbook_preview", args=[commented.pk, pending.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "formula" not in page
    client.post(response["Location"])
    assert dict(Answer.objects.values_list("question_code", "comment")) == {
        "GM1.1": LINK,
        "GM1.2": DDE,
    }


def test_results_xlsx_keeps_comments_as_text(client, commented):
    xlsx = client.get(reverse("diagnostic:results_xlsx", args=[commented.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content))["Answers"]
    comments = {row[0].value: row[3] for row in sheet.iter_rows(min_row=2)}
    assert_text_cell(comments["GM1.1"], LINK)
    assert_text_cell(comments["GM1.2"], DDE)
    assert sheet["A1"].value == "Code" and not sheet["A1"].quotePrefix  # ordinary text


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_history_csv_starts_such_cells_with_a_quote(client, commented):
    url = reverse("diagnostic:history", args=[commented.pk])
    rows = read_csv(client.get(url, {"format": "csv"}))
    comments = {row[1]: row[4] for row in rows[1:]}
    assert comments == {"GM1.1": "'" + LINK, "GM1.2": "'" + DDE}

    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    assert_text_cell(rows["GM1.1"][4], LINK)
    assert_text_cell(rows["GM1.2"][4], DDE)
    assert rows["GM1.1"][2].value == 2 and rows["GM1.1"][2].data_type == "n"  # still a number


def test_practices_export_starts_such_cells_with_a_quote(client):
    for number, title in enumerate([LINK, "@SUM(1+1)*cmd|' /C calc'!A0", "Street lights"]):
        Practice.objects.create(
            slug=f"p{number}",
            title=title,
            city="-2+3",  # typed: a city outside the member list (a member's shows its name)
            status=Practice.Status.PUBLISHED,
            months_to_implement=6,
        )
    rows = read_csv(client.get(reverse("practices:list"), {"format": "csv"}))
    titles = {row[0] for row in rows[1:]}
    assert titles == {"'" + LINK, "'@SUM(1+1)*cmd|' /C calc'!A0", "Street lights"}
    assert {row[1] for row in rows[1:]} == {"'-2+3"}

    xlsx = client.get(reverse("practices:list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    by_title = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert_text_cell(by_title[LINK][0], LINK)
    assert_text_cell(by_title[LINK][1], "-2+3")
    months = by_title[LINK][6]
    assert months.value == 6 and months.data_type == "n"  # numbers stay numbers
