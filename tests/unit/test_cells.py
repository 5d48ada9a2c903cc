"""Text a user typed is never run as a formula by a spreadsheet (CSV or Excel)."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from wego.core.cells import csv_value, looks_like_formula, set_value

RISKY = ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", RISKY, ids=["equals", "plus", "minus", "at", "tab", "cr"])
def test_text_starting_like_a_formula_stays_text(text):
    assert looks_like_formula(text)
    assert csv_value(text) == "'" + text

    book = Workbook()
    cell = set_value(book.active.cell(row=1, column=1), text)
    assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    out = io.BytesIO()
    book.save(out)
    read = load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert read.data_type == "s" and read.value == text and read.quotePrefix


@pytest.mark.parametrize(
    "value",
    [-5, 0, 3.5, -2.25, Decimal("-1.5"), datetime.date(2026, 1, 2), None, True],
    ids=repr,
)
def test_numbers_dates_and_empty_cells_are_left_alone(value):
    assert not looks_like_formula(value)
    assert csv_value(value) is value
    cell = set_value(Workbook().active.cell(row=1, column=1), value)
    assert cell.value == value and not cell.quotePrefix
    assert cell.data_type in ("n", "d", "b")


@pytest.mark.parametrize("text", ["Decree 12", "", "a=b", " =1", "'quoted", "1-2"])
def test_ordinary_text_is_unchanged(text):
    assert csv_value(text) == text
    cell = set_value(Workbook().active.cell(row=1, column=1), text)
    assert cell.value == text and cell.data_type == "s" and not cell.quotePrefix
