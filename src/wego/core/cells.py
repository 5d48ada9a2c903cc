"""Cells of exported spreadsheets: what a user typed stays text, never a live formula.

A spreadsheet program takes a cell starting with =, +, - or @ (also after a tab or a carriage
return) for a formula, and a formula can open links or, through DDE, run programs
(=cmd|' /C calc'!A0). Every workbook and CSV exporter writes its cells through this module:
in a workbook such text is a string cell marked quotePrefix (Excel and LibreOffice keep it text
even when the cell is edited), in CSV it gets a leading single quote. Numbers, dates and other
text are written as they are.

A text that says which language it is in (core.i18n.Localised) goes into a cell as its text:
a spreadsheet cell has no language of its own.

Plain Python (cells are openpyxl's, duck-typed): domain modules use it too.
"""

from wego.core.i18n import Localised

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Text that a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value):
    """The value for a CSV cell: such text with a leading quote, anything else unchanged."""
    value = plain(value)
    return "'" + value if looks_like_formula(value) else value


def csv_row(row) -> list:
    return [csv_value(value) for value in row]


def set_value(cell, value):
    """Put `value` in an openpyxl cell, such text as text; returns the cell.

    openpyxl itself makes a formula of any text starting with "=": the type is set back to
    string after the value, and quotePrefix keeps it so in the spreadsheet program.
    """
    value = plain(value)
    cell.value = value
    if looks_like_formula(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def plain(value):
    """A Localised text as its text; any other value as it is."""
    return value.text if isinstance(value, Localised) else value
