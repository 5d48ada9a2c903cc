"""The results as a PDF report (WeasyPrint) and as an Excel workbook."""

from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from wego.core.exports import xlsx_bytes
from wego.core.pdf import render_pdf
from wego.diagnostic.interfaces.answers_table import answer_rows
from wego.diagnostic.interfaces.demo import demo_cell, demo_heading
from wego.diagnostic.interfaces.results import results_context


def report_pdf(assessment, language: str) -> bytes:
    return render_pdf("diagnostic/report.html", report_context(assessment, language))


def report_context(assessment, language: str) -> dict:
    """What the PDF report shows (diagnostic/report.html), in the active language."""
    context = results_context(assessment, language)
    context.update(
        assessment=assessment,
        sections=answer_rows(assessment, context["result"], language),
        generated=timezone.now(),
        language=language,
        bidi=get_language_bidi(),
    )
    return context


def results_xlsx(assessment, language: str, right_to_left: bool) -> bytes:
    context = results_context(assessment, language)
    result = context["result"]

    def number(value):
        return round(value, 1) if value is not None else ""

    summary = [
        [
            _("Member"),
            _("Year"),
            _("Framework"),
            _("Overall score"),
            _("Maturity stage"),
            _("Questions answered"),
            _("Questions to answer"),
            _("Answered (%)"),
            demo_heading(),
        ],
        [
            assessment.member.name,
            assessment.year,
            str(assessment.framework_version),
            number(result.overall.value),
            context["stage_label"],
            context["answered"].done,
            context["answered"].total,
            context["answered"].percent,
            demo_cell(assessment.is_demo),
        ],
    ]
    domains = [[_("Code"), _("Domain"), _("Score"), _("Answered (%)")]] + [
        [row["code"], row["title"], number(row["score"]), row["answered"].percent]
        for row in context["domains"]
    ]
    framework = assessment.framework
    indicators = [[_("Code"), _("Indicator"), _("Domain"), _("Score"), _("Answered (%)")]]
    for domain in framework.domains:
        for indicator in domain.indicators:
            item = result.indicators[indicator.code]
            indicators.append(
                [
                    indicator.code,
                    indicator.title.get(language) or indicator.title["en"],
                    domain.code,
                    number(item.value),
                    context["progress"].indicators[indicator.code].percent,
                ]
            )
    answers = [[_("Code"), _("Question"), _("Answer"), _("Comment")]]
    for _code, _title, rows in answer_rows(assessment, result, language):
        answers.extend(list(row) for row in rows)
    return xlsx_bytes(
        [
            (_("Summary"), summary),
            (_("Domains"), domains),
            (_("Indicators"), indicators),
            (_("Answers"), answers),
        ],
        right_to_left,
    )
