"""Printable documents: a template rendered to HTML, then laid out as PDF by WeasyPrint.

Every PDF of the platform (assessment report, Master Plan and roadmap, network dashboard,
award certificates) is made here. Direction and language come from the template itself
(`<html lang=".." dir="rtl">`), fonts from the stylesheets (Noto Sans, its Arabic and Korean
families, then DejaVu Sans), so a caller only names its template, context and stylesheets.
"""

from collections.abc import Sequence

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

REPORT_CSS = "wego/css/report.css"  # the A4 report layout, shared by the diagnostic's PDFs


def render_pdf(
    template_name: str,
    context: dict,
    *,
    stylesheets: Sequence[str] = (REPORT_CSS,),
    presentational_hints: bool = False,
) -> bytes:
    """The PDF of `template_name` rendered with `context`.

    `stylesheets` are static paths, found by Django's staticfiles finders (the apps' static/
    folders). `presentational_hints` lets HTML attributes such as `<col width="..%">` count.
    """
    import weasyprint  # imported here: only PDFs need it, and it is slow to import

    html = render_to_string(template_name, context)
    css = [weasyprint.CSS(filename=finders.find(path)) for path in stylesheets]
    return weasyprint.HTML(string=html).write_pdf(
        stylesheets=css, presentational_hints=presentational_hints
    )
