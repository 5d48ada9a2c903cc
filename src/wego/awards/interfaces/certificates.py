"""Winners' certificates as PDF (WeasyPrint), one A4 landscape page per prize."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.utils.translation import get_language_bidi

from wego.awards.domain.timeline import local
from wego.core.pdf import render_pdf


def announcement_date(cycle):
    """The day the winners were (or will be) announced, as the cycle's own clock shows it."""
    moment = cycle.results_published_at or cycle.announcement_at
    return local(moment, cycle.time_zone).date()


def certificates_pdf(cycle, decisions, language: str) -> bytes:
    """One page per decision (each with a prize), in the active language."""
    context = {
        "cycle": cycle,
        "decisions": decisions,
        "announced": announcement_date(cycle),
        "language": language,
        "bidi": get_language_bidi(),
        "logo": Path(finders.find("wego/img/logo.svg")).as_uri(),
    }
    return render_pdf(
        "awards/certificates/certificates.html", context, stylesheets=["awards/certificate.css"]
    )
