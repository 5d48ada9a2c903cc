"""The CeDS workbook: round trip, LibreOffice, and every kind of bad file."""

import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.workbook import (
    Labels,
    WorkbookRejected,
    read_workbook,
    write_workbook,
)

ASSESSMENT = 41
ANSWERS = {
    "GM1.1": (AnswerValue(3), "Mayor's decree 2025/14"),
    "GM1.2": (AnswerValue(True), ""),
    "GM3.3": (AnswerValue(not_applicable=True), "No project finished yet"),
    "RC1.1": (AnswerValue(2.5), ""),
    "EA1.1": (AnswerValue("operational"), ""),
    "EL1.5": (AnswerValue("https://city.example.org/portal"), ""),
}


@pytest.fixture(scope="module")
def ceds(shipped_frameworks):
    return next(f for f in shipped_frameworks if f.code == "ceds")


def export(ceds, answers=ANSWERS, language="en", labels=None):
    return write_workbook(
        ceds,
        answers,
        language=language,
        assessment_id=ASSESSMENT,
        title="CeDS assessment of Testville, 2026",
        labels=labels or Labels(),
    )


def read(ceds, data, labels=None):
    return read_workbook(
        data, ceds, assessment_id=ASSESSMENT, labels_by_language={"en": labels or Labels()}
    )


def given(result):
    return {
        code: value
        for code, value in result.answers.items()
        if value[0].value is not None or value[0].not_applicable or value[1]
    }


def test_round_trip_keeps_every_answer_and_comment(ceds):
    result = read(ceds, export(ceds))
    assert result.problems == []
    assert given(result) == ANSWERS
    assert len(result.answers) == sum(1 for _ in ceds.questions())


def test_workbook_structure(ceds):
    book = load_workbook(io.BytesIO(export(ceds)))
    domain_codes = [domain.code for domain in ceds.domains]
    assert book.sheetnames == ["README", "_lists", *domain_codes, "_wego"]
    assert book["_wego"].sheet_state == "veryHidden"
    sheet = book["GM"]
    assert sheet.protection.sheet  # structure locked
    assert sheet["A3"].value == "GM1.1" and sheet["A3"].protection.locked
    assert not sheet["C3"].protection.locked  # the answer cell is open
    assert sheet["C3"].value == "3"
    assert sheet.data_validations.dataValidation, "answer cells have dropdowns"
    assert book.security.lockStructure


def test_filled_in_offline(ceds):
    book = load_workbook(io.BytesIO(export(ceds, answers={})))
    sheet = book["GM"]
    sheet["C3"] = "4"
    sheet["C4"] = "No"
    sheet["D4"] = "Being discussed"
    book["EA"]["C3"] = "In operation across the city"
    out = io.BytesIO()
    book.save(out)
    result = read(ceds, out.getvalue())
    assert result.problems == []
    assert given(result) == {
        "GM1.1": (AnswerValue(4), ""),
        "GM1.2": (AnswerValue(False), "Being discussed"),
        "EA1.1": (AnswerValue("operational"), ""),
    }


def test_korean_workbook_reads_korean_labels(ceds):
    labels = Labels(yes="예", no="아니요")
    data = export(ceds, language="ko", labels=labels)
    book = load_workbook(io.BytesIO(data))
    assert book["EA"]["C3"].value == "시 전체에서 운영 중"
    assert book["GM"]["C4"].value == "예"
    result = read_workbook(data, ceds, assessment_id=ASSESSMENT, labels_by_language={"ko": labels})
    assert result.problems == []
    assert given(result) == ANSWERS


def test_arabic_workbook_is_right_to_left(ceds):
    book = load_workbook(io.BytesIO(export(ceds, language="ar")))
    assert book["GM"].sheet_view.rightToLeft


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is installed by make test")
def test_saved_by_libreoffice_imports_without_loss(ceds, tmp_path):
    source = tmp_path / "exported.xlsx"
    source.write_bytes(export(ceds))
    out = tmp_path / "out"
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    result = read(ceds, (out / "exported.xlsx").read_bytes())
    assert result.problems == []
    assert given(result) == ANSWERS


# ---- bad files: a clear, cell-precise message, nothing read ----------------------------------


def edited(ceds, change) -> bytes:
    book = load_workbook(io.BytesIO(export(ceds)))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def problems(ceds, data) -> list[str]:
    try:
        return [str(p) for p in read(ceds, data).problems]
    except WorkbookRejected as rejected:
        return [str(p) for p in rejected.problems]


def test_wrong_types_are_reported_by_cell(ceds):
    def change(book):
        book["GM"]["C3"] = "7"  # a level
        book["GM"]["C4"] = "perhaps"  # yes or no
        book["EA"]["C3"] = "Sometimes"  # a choice

    found = problems(ceds, edited(ceds, change))
    assert "GM, cell C3: GM1.1 must be a whole level from 0 to 4" in found
    assert "GM, cell C4: GM1.2 must be yes or no" in found
    assert any(p.startswith("EA, cell C3: EA1.1 must be one of:") for p in found)


def test_numbers_that_are_no_numbers_are_reported_by_cell(ceds):
    def change(book):
        book["GM"]["C3"] = "inf"  # a level
        book["GM"]["C8"] = 1e300  # a number (GM2.3), typed as a number
        book["GM"]["C9"] = "NaN"  # a level
        book["RC"]["C3"] = "1e999"  # a number in % of the city budget (RC1.1)

    found = problems(ceds, edited(ceds, change))
    assert "GM, cell C3: GM1.1 must be a whole level from 0 to 4" in found
    assert "GM, cell C8: GM2.3 must be at most 1,000,000,000" in found
    assert "GM, cell C9: GM3.1 must be a level from 0 to 4" in found
    assert "RC, cell C3: RC1.1 must be a percentage from 0 to 100" in found


def test_a_comment_too_long_is_reported_by_cell(ceds):
    def change(book):
        book["GM"]["D3"] = "x" * 4001  # GM1.1's comment
        book["GM"]["D4"] = "y" * 4000  # GM1.2's: at the limit

    found = problems(ceds, edited(ceds, change))
    assert found == ["GM, cell D3: GM1.1 comment is too long (4,001 characters; at most 4,000)"]


def test_a_comment_at_the_limit_is_read_whole(ceds):
    def change(book):
        book["GM"]["D4"] = "y" * 4000

    assert read(ceds, edited(ceds, change)).answers["GM1.2"][1] == "y" * 4000


def test_formulas_are_refused(ceds):
    found = problems(ceds, edited(ceds, lambda book: book["PI"].__setitem__("C5", "=1+2")))
    assert "PI, cell C5: contains a formula; type the value instead" in found


def test_merged_cells_are_refused(ceds):
    found = problems(ceds, edited(ceds, lambda book: book["RC"].merge_cells("C3:C4")))
    assert "RC, cell C3:C4: merged cells are not allowed; unmerge them" in found


def test_moved_rows_are_refused(ceds):
    def change(book):
        sheet = book["GM"]
        sheet["A3"], sheet["A4"] = sheet["A4"].value, sheet["A3"].value

    found = problems(ceds, edited(ceds, change))
    assert found[0].startswith("GM, cell A3: expected question GM1.1 but found GM1.2")


def test_deleted_sheet_is_refused(ceds):
    def change(book):
        book.security.lockStructure = False
        del book["EI"]

    assert "EI: sheet is missing" in problems(ceds, edited(ceds, change))


def test_a_workbook_that_is_not_ours(ceds):
    book = Workbook()
    book.active["A1"] = "Budget 2026"
    out = io.BytesIO()
    book.save(out)
    assert problems(ceds, out.getvalue()) == [
        "file: is not a CeDS workbook downloaded from the platform"
    ]


def test_another_assessments_workbook(ceds):
    data = write_workbook(ceds, {}, language="en", assessment_id=99, title="x", labels=Labels())
    assert problems(ceds, data) == [
        "file: was downloaded for another assessment; download this assessment's workbook"
    ]


def test_fifty_megabytes_of_junk(ceds):
    junk = b"\x89junk" * (10 * 1024 * 1024)
    assert problems(ceds, junk) == ["file: is too large (50 MB; at most 5 MB)"]


def test_text_that_is_not_a_workbook(ceds):
    assert problems(ceds, b"Name,Answer\nGM1.1,3\n") == ["file: is not an Excel workbook (.xlsx)"]


def test_zip_bomb(ceds):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (200 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    assert problems(ceds, out.getvalue()) == [
        "file: unpacks to far more data than a CeDS workbook (a zip bomb?)"
    ]


def test_a_damaged_workbook(ceds):
    data = bytearray(export(ceds))
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(
                item, content[: len(content) // 2] if item.filename.endswith(".xml") else content
            )
    found = problems(ceds, broken.getvalue())
    assert found[0].startswith("file: cannot be read as a workbook")
