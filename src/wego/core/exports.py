"""Every table exportable: CSV and Excel responses from rows of values.

Every cell goes through core.cells, so text a user typed is never a live formula."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from wego.core.cells import csv_row, set_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ICS = "text/calendar; charset=utf-8"


def download(data, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    """A file for the browser to save (or, inline, to show), under the given name."""
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def csv_response(rows, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(csv_row(row))
    # A byte-order mark lets Excel open the UTF-8 file with Korean and Arabic intact.
    text = "\ufeff" + buffer.getvalue()
    return download(text, "text/csv; charset=utf-8", f"{filename}.csv")


def xlsx_bytes(sheets: list[tuple[str, list]], right_to_left: bool = False) -> bytes:
    """A workbook with one sheet per (title, rows); the first row of each is its heading."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.sheet_view.rightToLeft = right_to_left
        widths: dict[int, int] = {}
        for number, row in enumerate(rows, start=1):
            for index, value in enumerate(row, start=1):
                set_value(sheet.cell(row=number, column=index), value)
                widths[index] = max(widths.get(index, 0), len(str(value)))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(sheets: list[tuple[str, list]], filename: str, right_to_left=False):
    return download(xlsx_bytes(sheets, right_to_left), XLSX, f"{filename}.xlsx")


EXPORT_FORMATS = ("csv", "xlsx")


def export_response(request, title: str, rows, filename: str):
    """The table as CSV or Excel when the request asks for ?format=csv or ?format=xlsx."""
    wanted = request.GET.get("format")
    if wanted == "csv":
        return csv_response(rows, filename)
    if wanted == "xlsx":
        return xlsx_response([(title, list(rows))], filename)
    return None
