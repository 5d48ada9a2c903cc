"""Printed ballot sheets (WeasyPrint): one A4 page per sheet, in the staff's language, with
each office's candidates in the published ballot order, the resolutions, and a tear-off stub
at the bottom. Each sheet carries a fresh receipt code (domain.new_receipt), printed on the
sheet and on the stub the delegate keeps: the codes are made for this PDF and stored nowhere,
so the pile, once shuffled, tells nobody whose code is whose (docs/elections.md)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import get_language_bidi

from wego.core.pdf import render_pdf
from wego.events.domain import elections as domain
from wego.events.services.elections import candidacies_in_order

TEMPLATE = "events/elections/paper/sheets_pdf.html"
STYLESHEETS = ["events/elections-paper-sheets.css"]


@dataclass(frozen=True)
class SheetOffice:
    title: str
    seats: int
    candidates: tuple[str, ...]  # names, in the ballot order


def sheet_offices(election) -> list[SheetOffice]:
    return [
        SheetOffice(
            office.title,
            office.seats,
            tuple(c.member.name for c in candidacies_in_order(office)),
        )
        for office in election.offices.all()
    ]


def sheets_context(election, count: int) -> dict:
    """What the sheets' template needs, in the active language, with `count` fresh codes."""
    return {
        "election": election,
        "event": election.event,
        "offices": sheet_offices(election),
        "resolutions": list(election.resolutions.all()),
        "codes": [domain.new_receipt() for _ in range(count)],
        "language": translation.get_language(),
        "bidi": get_language_bidi(),
    }


def paper_sheets_pdf(election, count: int) -> bytes:
    """`count` sheets of `election` (its ballot order must be drawn: the seed is set)."""
    if not election.seed:
        raise ValueError("the ballot order is not drawn yet")
    return render_pdf(TEMPLATE, sheets_context(election, count), stylesheets=STYLESHEETS)
