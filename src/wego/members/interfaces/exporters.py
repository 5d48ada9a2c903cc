"""Table exports of the member directory (CSV and Excel)."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter


def directory_rows(members):
    header = [
        _("Name"),
        _("Kind"),
        _("Country"),
        _("Region"),
        _("Membership type"),
        _("Status"),
        _("Joined on"),
        _("Population"),
        _("Website"),
    ]
    yield header
    for member in members:
        yield [
            member.name,
            member.get_kind_display(),
            member.country.name,
            member.get_region_display(),
            member.get_membership_type_display(),
            member.get_status_display(),
            member.joined_on.isoformat() if member.joined_on else "",
            member.population if member.population is not None else "",
            member.website,
        ]


def csv_response(rows, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    # A byte-order mark lets Excel open the UTF-8 file with Korean and Arabic intact.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows, filename: str, sheet_title: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    widths: dict[int, int] = {}
    for row in rows:
        sheet.append(row)
        for index, value in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 0), len(str(value)))
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
