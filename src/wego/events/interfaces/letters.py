"""Invitation letters for visas as PDF (WeasyPrint): one page in the event's language and, when
the delegate's differs, a second page in theirs (a translation of the first).

The letter is the only document that prints passport details; it is made on request for the
person or the staff who look after them, and never stored.
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone, translation
from django.utils.translation import get_language_info

from wego.core.clock import local
from wego.core.pdf import render_pdf

TEMPLATE = "events/pdf/visa_letter.html"
STYLESHEETS = ["events/visa_letter.css"]


def letter_languages(event, registration) -> list[str]:
    """The event's language first (the original), then the delegate's when it differs."""
    languages = [event.language]
    if registration.language and registration.language != event.language:
        languages.append(registration.language)
    return languages


@dataclass(frozen=True)
class LetterPage:
    """The letter's values as they read in one language (names of places and countries are
    translated; the person's own names are as they typed them)."""

    language: str
    bidi: bool
    original: bool
    event_title: str
    place: str  # empty for an online event
    delegation: str
    nationality: str
    starts: date
    ends: date
    written: date


def letter_page(registration, language: str, now=None) -> LetterPage:
    event = registration.event
    with translation.override(language):
        place = ", ".join(
            part
            for part in (event.venue, event.city, event.country.name if event.country else "")
            if part
        )
        return LetterPage(
            language=language,
            bidi=get_language_info(language)["bidi"],
            original=language == event.language,
            event_title=str(event.title),
            place=place,
            delegation=registration.delegation.name,
            nationality=str(registration.passport.nationality.name),
            starts=local(event.starts_at, event.time_zone).date(),
            ends=local(event.ends_at, event.time_zone).date(),
            written=local(now or timezone.now(), event.time_zone).date(),
        )


def letter_context(registration, now=None) -> dict:
    event = registration.event
    pages = [letter_page(registration, code, now) for code in letter_languages(event, registration)]
    return {
        "event": event,
        "registration": registration,
        "passport": registration.passport,
        "pages": pages,
        "reference": f"{event.slug}/{registration.pk}",
    }


def visa_letter_pdf(registration, now=None) -> bytes:
    """The letter of an approved registration with passport details (the caller checks)."""
    with translation.override(registration.event.language):
        return render_pdf(TEMPLATE, letter_context(registration, now), stylesheets=STYLESHEETS)
