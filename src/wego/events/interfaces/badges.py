"""Name badges as PDF (WeasyPrint): one A6 page per approved person, in the event's language,
with a QR code of their check-in page and the code printed under it for typing."""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_bidi

from wego.core.clock import local
from wego.core.pdf import render_pdf
from wego.events.models import Registration
from wego.events.services.arrival import group_code

TEMPLATE = "events/pdf/badges.html"
STYLESHEETS = ["events/badges.css"]


def check_in_url(event, code: str) -> str:
    """The absolute address a badge's QR code carries: the phone's camera opens it."""
    return settings.SITE_URL + reverse("events:check_in", args=[event.slug, code])


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG image (error correction M: a worn badge still scans)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


@dataclass(frozen=True)
class Badge:
    registration: Registration
    url: str
    qr: str
    code: str  # printed in groups of four


def approved_people(event, delegation=None):
    people = event.registrations.filter(status=Registration.Status.APPROVED).select_related(
        "delegation__member"
    )
    if delegation is not None:
        people = people.filter(delegation=delegation)
    return people.order_by("delegation__member__name", "delegation__organisation", "full_name")


def badges_context(event, registrations) -> dict:
    """What the badges' template needs (in the active language)."""
    badges = []
    for registration in registrations:
        url = check_in_url(event, registration.badge_code)
        badges.append(
            Badge(registration, url, qr_data_uri(url), group_code(registration.badge_code))
        )
    return {
        "event": event,
        "badges": badges,
        "starts": local(event.starts_at, event.time_zone).date(),
        "ends": local(event.ends_at, event.time_zone).date(),
        "language": translation.get_language(),
        "bidi": get_language_bidi(),
    }


def badges_html(event, registrations) -> str:
    with translation.override(event.language):
        return render_to_string(TEMPLATE, badges_context(event, registrations))


def badges_pdf(event, registrations) -> bytes:
    """The badges in the event's language: everyone at the event reads the same ones."""
    with translation.override(event.language):
        return render_pdf(TEMPLATE, badges_context(event, registrations), stylesheets=STYLESHEETS)
