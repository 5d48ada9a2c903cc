"""Comments that look like formulas go out of the CeDS workbook as text and come back the same,
also after LibreOffice has opened and saved the file; real formulas are still refused."""

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.workbook import Labels, read_workbook, write_workbook

ASSESSMENT = 7
ANSWERS = {
    "GM1.1": (AnswerValue(3), '=HYPERLINK("https://evil.example","x")'),
    "GM1.2": (AnswerValue(True), "=cmd|' /C calc'!A0"),
    "GM3.3": (AnswerValue(not_applicable=True), "+1+1"),
    "RC1.1": (AnswerValue(2.5), "-2 compared with 2024"),
    "EA1.1": (AnswerValue("operational"), "@SUM(A1:A9)"),
}


@pytest.fixture(scope="module")
def ceds(shipped_frameworks):
    return next(f for f in shipped_frameworks if f.code == "ceds")


def export(ceds):
    return write_workbook(
        ceds,
        ANSWERS,
        language="en",
        assessment_id=ASSESSMENT,
        title="CeDS assessment of Testville, 2026",
        labels=Labels(),
    )


def read(ceds, data):
    return read_workbook(data, ceds, assessment_id=ASSESSMENT, labels_by_language={"en": Labels()})


def given(result):
    return {code: value for code, value in result.answers.items() if value[1]}


def test_comments_are_text_cells(ceds):
    sheet = load_workbook(io.BytesIO(export(ceds)))["GM"]
    for cell, text in (("D3", ANSWERS["GM1.1"][1]), ("D4", ANSWERS["GM1.2"][1])):
        assert sheet[cell].data_type == "s" and sheet[cell].value == text
        assert sheet[cell].quotePrefix


def test_round_trip_keeps_comments_that_look_like_formulas(ceds):
    result = read(ceds, export(ceds))
    assert result.problems == []
    assert given(result) == ANSWERS


def test_a_formula_typed_over_the_text_is_still_refused(ceds):
    book = load_workbook(io.BytesIO(export(ceds)))
    book["GM"]["D3"] = "=1+2"  # what typing a formula gives
    out = io.BytesIO()
    book.save(out)
    found = [str(p) for p in read(ceds, out.getvalue()).problems]
    assert found == ["GM, cell D3: contains a formula; type the value instead"]


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is installed by make test")
def test_saved_by_libreoffice_the_comments_are_still_text(ceds, tmp_path):
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
    data = (out / "exported.xlsx").read_bytes()
    sheet = load_workbook(io.BytesIO(data))["GM"]
    assert sheet["D3"].data_type == "s" and sheet["D3"].value == ANSWERS["GM1.1"][1]
    result = read(ceds, data)
    assert result.problems == []
    assert given(result) == ANSWERS
