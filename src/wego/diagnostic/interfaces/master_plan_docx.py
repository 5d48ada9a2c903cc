"""The Master Plan as a Word file (.docx), written with python-docx.

The writer only lays out the context that `master_plan.master_plan_context` computes (a cover,
then sections of heading, paragraph, list and table blocks), as the PDF template does, so the
Word file and the PDF cannot say different things. python-docx is imported inside the
functions: only the Word export needs it.
"""

import io
import re

PAGE_WIDTH_MM, MARGIN_MM = 210, 18
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM


def document_docx(context: dict) -> bytes:
    from docx import Document

    document = Document()
    setup_document(document, context)
    write_cover(document, context["cover"])
    for part in context["sections"]:
        document.add_heading(part["title"], level=1)
        for block in part["blocks"]:
            WRITERS[block["kind"]](document, block)
    if context["bidi"]:
        right_to_left(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def setup_document(document, context) -> None:
    from docx.shared import Mm

    for page in document.sections:  # A4, like the PDF
        page.page_width, page.page_height = Mm(PAGE_WIDTH_MM), Mm(297)
        page.left_margin = page.right_margin = Mm(MARGIN_MM)
        page.top_margin = page.bottom_margin = Mm(MARGIN_MM)
    properties = document.core_properties
    properties.title = context["title"]
    properties.language = context["language"]
    properties.author = "WeGO Platform"
    match_complex_script_sizes(document)


def write_cover(document, cover) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    document.add_paragraph(cover["kicker"])
    document.add_paragraph(cover["title"], style="Title")
    document.add_paragraph().add_run(cover["member"]).font.size = Pt(20)
    for line in cover["lines"]:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def write_heading(document, block) -> None:
    document.add_heading(str(block["text"]), level=2)  # a Localised text: its text


def write_paragraph(document, block) -> None:
    document.add_paragraph(str(block["text"]))


def write_list(document, block) -> None:
    style = "List Number" if block["ordered"] else "List Bullet"
    for item in block["items"]:
        document.add_paragraph(str(item), style=style)


def write_table(document, block) -> None:
    from docx.shared import Pt

    rows = ([block["header"]] if block["header"] else []) + block["rows"]
    grid = document.add_table(rows=len(rows), cols=len(rows[0]), style="Table Grid")
    widths = column_widths(grid, block["widths"])
    size = Pt(8) if block["small"] else None
    for number, (row, values) in enumerate(zip(grid.rows, rows, strict=True)):
        header = number == 0 and block["header"] is not None
        if header:
            repeat_as_header(row)
        for index, (cell, (text, numeric)) in enumerate(zip(row.cells, values, strict=True)):
            fill_cell(cell, text, numeric, bold=header, size=size)
            if widths:
                cell.width = widths[index]
    document.add_paragraph()


def column_widths(grid, percentages) -> list:
    """The columns' widths on the page (Word reads the cells', LibreOffice the grid's)."""
    from docx.shared import Mm

    if not percentages:
        return []
    grid.autofit = False
    widths = [Mm(TEXT_WIDTH_MM * share / 100) for share in percentages]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    return widths


def fill_cell(cell, text: str, numeric: bool, bold: bool, size) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(str(text))
    run.font.bold = bold or None
    run.font.size = size
    if numeric:  # the end of the line: on the left in a right-to-left paragraph
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


WRITERS = {
    "heading": write_heading,
    "paragraph": write_paragraph,
    "list": write_list,
    "table": write_table,
}


# ---- Word details: header rows, complex-script sizes, right-to-left ----

RTL_TEXT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
# What may follow each added element inside its parent: WordprocessingML wants them in order.
AFTER = {
    "bidi": "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange",
    "section-bidi": "rtlGutter docGrid printerSettings sectPrChange",
    "bidiVisual": "tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
    "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "rtl": "cs em lang eastAsianLayout specVanish oMath",
    "szCs": "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
    "specVanish oMath",
    "bCs": "i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof "
    "snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr "
    "shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
}


def insert_in_order(parent, tag: str, successors: str):
    """Add <w:tag/> to parent (once) before the first of its successors."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    child = OxmlElement(f"w:{tag}")
    following = {qn(f"w:{name}") for name in successors.split()}
    for existing in parent:
        if existing.tag in following:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def repeat_as_header(row) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def match_complex_script_sizes(document) -> None:
    """Arabic (a complex script) takes its size and weight from szCs and bCs: give every style
    the same as its Latin ones, so that Arabic headings are as large and bold as English ones."""
    from docx.oxml.ns import qn

    for rpr in document.styles.element.iter(qn("w:rPr")):
        size = rpr.find(qn("w:sz"))
        if size is not None:
            insert_in_order(rpr, "szCs", AFTER["szCs"]).set(qn("w:val"), size.get(qn("w:val")))
        if rpr.find(qn("w:b")) is not None:
            insert_in_order(rpr, "bCs", AFTER["bCs"])


def right_to_left(document) -> None:
    """Sections, paragraphs and tables right to left; runs of Arabic script marked rtl."""
    from docx.oxml.ns import qn

    body = document.element.body
    for properties in body.iter(qn("w:sectPr")):
        insert_in_order(properties, "bidi", AFTER["section-bidi"])
    for paragraph_element in body.iter(qn("w:p")):
        insert_in_order(paragraph_element.get_or_add_pPr(), "bidi", AFTER["bidi"])
    for table_element in body.iter(qn("w:tbl")):
        insert_in_order(table_element.tblPr, "bidiVisual", AFTER["bidiVisual"])
    for run in body.iter(qn("w:r")):
        if RTL_TEXT.search("".join(run.itertext())):
            insert_in_order(run.get_or_add_rPr(), "rtl", AFTER["rtl"])
