"""Printed ballot sheets (WeasyPrint): one A4 page per sheet, in the staff's language, with
each office's candidates in the published ballot order, the resolutions, and a tear-off stub
at the bottom. Each sheet carries a fresh receipt code (domain.new_receipt), printed on the
sheet and on the stub the delegate keeps: the codes are made for this PDF and stored nowhere,
so the pile, once shuffled, tells nobody whose code is whose (docs/elections.md).

Every sheet is the same but for its code, and laying out a full sheet takes WeasyPrint
around half a second: 300 sheets would take minutes, past any server's patience. So the
sheet is laid out and drawn once, as a form the PDF reuses on every page, and only the codes
are laid out page by page (the same template with everything else hidden, so that each code
lands in its slot): 300 sheets take a few seconds. This is what core.pdf.render_pdf does,
with the document kept to combine its pages.
"""

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_bidi

from wego.events.domain import elections as domain
from wego.events.services.elections import candidacies_in_order

TEMPLATE = "events/elections/paper/sheets_pdf.html"
STYLESHEETS = ["events/elections-paper-sheets.css"]
COLUMNS = 3  # as the staff's entry form shows them on a computer
# Where the body of the sheet leaves room for a code: as wide as any code (monospace).
PLACEHOLDER = "0000-0000-0000-0000"


class SheetTooLong(ValueError):
    """The ballot does not fit on one A4 page, even in the smaller print."""


@dataclass(frozen=True)
class SheetOffice:
    title: str
    seats: int
    columns: tuple[tuple[str, ...], ...]  # names in the ballot order, read down each column

    @property
    def has_candidates(self) -> bool:
        return any(self.columns)


def in_columns(names: list[str], columns: int = COLUMNS) -> tuple[tuple[str, ...], ...]:
    """The names read down each column, as the browser's CSS columns fill the entry form."""
    rows = max(1, -(-len(names) // columns))
    return tuple(tuple(names[i * rows : (i + 1) * rows]) for i in range(columns))


def sheet_offices(election) -> list[SheetOffice]:
    return [
        SheetOffice(
            office.title,
            office.seats,
            in_columns([c.member.name for c in candidacies_in_order(office)]),
        )
        for office in election.offices.all()
    ]


def sheets_context(election, codes, codes_only=False, compact=False) -> dict:
    """What the sheets' template needs, in the active language."""
    return {
        "election": election,
        "event": election.event,
        "offices": [] if codes_only else sheet_offices(election),
        "resolutions": [] if codes_only else list(election.resolutions.all()),
        "codes": codes,
        "codes_only": codes_only,
        "compact": compact,
        "language": translation.get_language(),
        "bidi": get_language_bidi(),
    }


def _document(context):
    import weasyprint  # imported here: only PDFs need it, and it is slow to import

    html = render_to_string(TEMPLATE, context)
    css = [weasyprint.CSS(filename=finders.find(path)) for path in STYLESHEETS]
    return weasyprint.HTML(string=html).render(stylesheets=css)


def _one_page_sheet(election):
    """The sheet without its codes, on one page (in smaller print when it must be)."""
    for compact in (False, True):
        body = _document(sheets_context(election, [PLACEHOLDER], compact=compact))
        if len(body.pages) == 1:
            return body, compact
    raise SheetTooLong("the ballot does not fit on one page")


def paper_sheets_pdf(election, count: int) -> bytes:
    """`count` sheets of `election`, each with a fresh code (the ballot order must be drawn:
    the seed is set). Raises SheetTooLong for a ballot that one page cannot hold."""
    if not election.seed:
        raise ValueError("the ballot order is not drawn yet")
    body, compact = _one_page_sheet(election)
    codes = [domain.new_receipt() for _ in range(count)]
    on_top = _document(sheets_context(election, codes, codes_only=True, compact=compact))
    shared = _SharedDrawing(body.pages[0])
    return body.copy([_Overlay(shared, page) for page in on_top.pages]).write_pdf()


class _SharedDrawing:
    """The sheet's page, drawn once into a form (a PDF XObject) that every page then shows.
    WeasyPrint's own stream calls (add_group, draw_x_object: how it draws transparent boxes);
    the resources, and so the form, are shared by all pages of a document."""

    def __init__(self, page):
        self.page = page
        self.form_id = None

    def draw(self, stream) -> None:
        if self.form_id is None:
            form = stream.add_group(*stream.page_rectangle)
            self.page.paint(form)
            self.form_id = form.id
        stream.draw_x_object(self.form_id)


class _Overlay:
    """A page of codes drawn over the shared sheet: what WeasyPrint's PDF writer reads of a
    page (its size, links, anchors, bookmarks, forms, and paint)."""

    def __init__(self, shared: _SharedDrawing, codes):
        self.shared, self.codes = shared, codes
        for name in ("width", "height", "bleed", "links", "anchors", "bookmarks", "forms"):
            setattr(self, name, getattr(codes, name))

    def paint(self, stream, scale=1):
        with stream.stacked():
            stream.transform(a=scale, d=scale)
            self.shared.draw(stream)
        self.codes.paint(stream, scale)
