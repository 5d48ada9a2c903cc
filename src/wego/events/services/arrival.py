"""Arrival at an event: checking people in from their badge's code, keeping passport details
for invitation letters, and deleting them once the event is over.

A badge's QR code carries the address of its check-in page (`events:check_in` with the
registration's `badge_code`); staff scan it with their phone's camera and the browser opens
that page. Looking a code up never changes anything; checking in does, once. A code that is not
this event's is refused with what it is (another event's badge, named; no badge at all), and
every refusal is logged (the registration's number, never a name or passport detail).
"""

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wego.core.clock import local
from wego.events.models import PassportDetails, Registration

logger = logging.getLogger("wego.events")

CODE_LENGTH = 64  # a typed code longer than this is not a badge's (they have 16 characters)


class Outcome(StrEnum):
    READY = "ready"  # looked up: approved, not checked in yet
    CHECKED_IN = "checked-in"
    ALREADY = "already"
    NOT_APPROVED = "not-approved"
    OTHER_EVENT = "other-event"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Arrival:
    """What a badge's code says at an event: the outcome, the person (when found), the other
    event (for another event's badge) and a sentence for the person at the desk."""

    outcome: Outcome
    message: str
    registration: Registration | None = None
    other_event: object = None

    @property
    def refused(self) -> bool:
        return self.outcome in (Outcome.NOT_APPROVED, Outcome.OTHER_EVENT, Outcome.UNKNOWN)


def normalise_code(typed: str) -> str:
    """A code as typed from a badge ("a1b2 c3d4-e5f6 …"): lower case, without spaces or dashes."""
    return re.sub(r"[\s\-]", "", typed or "").lower()[:CODE_LENGTH]


def group_code(code: str) -> str:
    """A code as a badge prints it, for typing: in groups of four ("a1b2 c3d4 e5f6 a7b8")."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


def _time(moment, event) -> str:
    return date_format(local(moment, event.time_zone), "TIME_FORMAT")


def _already(registration, event) -> Arrival:
    by = registration.checked_in_by
    message = _("%(name)s is already checked in: at %(time)s by %(staff)s.") % {
        "name": registration.full_name,
        "time": _time(registration.checked_in_at, event),
        "staff": (by.full_name or by.email) if by else _("someone no longer on the platform"),
    }
    return Arrival(Outcome.ALREADY, message, registration)


def _refuse(event, code, user, arrival: Arrival) -> Arrival:
    logger.warning(
        "check-in refused at event %s: %s (registration %s, by user %s)",
        event.slug,
        arrival.outcome,
        arrival.registration.pk if arrival.registration else "-",
        user.pk if user else "-",
    )
    return arrival


def look_up(event, code: str, user=None) -> Arrival:
    """What the code says at this event, without changing anything (the check-in page's GET)."""
    code = normalise_code(code)
    registration = (
        Registration.objects.select_related("event", "delegation__member", "checked_in_by").filter(
            badge_code=code
        )
        if code
        else Registration.objects.none()
    ).first()
    if registration is None:
        message = _(
            "No registration has this code. Check the code (on the badge, under the QR code) "
            "or send the person to the registration desk."
        )
        return _refuse(event, code, user, Arrival(Outcome.UNKNOWN, message))
    if registration.event_id != event.pk:
        message = _(
            "This badge is for another event: %(other)s. It cannot be used to check in at "
            "%(event)s; send the person to the registration desk."
        ) % {"other": registration.event.title, "event": event.title}
        arrival = Arrival(Outcome.OTHER_EVENT, message, registration, registration.event)
        return _refuse(event, code, user, arrival)
    if registration.status != Registration.Status.APPROVED:
        message = _(
            "%(name)s's registration is not approved (%(status)s): they cannot be checked in. "
            "Send them to the registration desk."
        ) % {"name": registration.full_name, "status": registration.get_status_display()}
        return _refuse(event, code, user, Arrival(Outcome.NOT_APPROVED, message, registration))
    if registration.checked_in_at:
        return _already(registration, event)
    message = _("%(name)s is registered and not checked in yet.") % {"name": registration.full_name}
    return Arrival(Outcome.READY, message, registration)


def check_in(event, code: str, user, now=None) -> Arrival:
    """Check the person with this badge code in at this event, once; anything else is refused
    (and logged) or said ("already checked in at 09:12 by Min-jun Kim")."""
    found = look_up(event, code, user)
    if found.outcome != Outcome.READY:
        return found
    now = now or timezone.now()
    with transaction.atomic():
        # Only the first of two desks scanning the same badge at once checks it in.
        done = Registration.objects.filter(
            pk=found.registration.pk, checked_in_at__isnull=True
        ).update(checked_in_at=now, checked_in_by=user)
    registration = Registration.objects.select_related(
        "event", "delegation__member", "checked_in_by"
    ).get(pk=found.registration.pk)
    if not done:
        return _already(registration, event)
    message = _("Checked in: %(name)s (%(delegation)s).") % {
        "name": registration.full_name,
        "delegation": registration.delegation.name,
    }
    return Arrival(Outcome.CHECKED_IN, message, registration)


def arrivals(event) -> tuple[int, int]:
    """(checked in, expected): approved people of the event."""
    approved = event.registrations.filter(status=Registration.Status.APPROVED)
    return approved.exclude(checked_in_at=None).count(), approved.count()


# --- Passport details ---


def save_passport_details(registration, details: dict) -> PassportDetails:
    """Keep (or replace) the person's passport details, for their invitation letter."""
    fields = (
        "name_in_passport",
        "passport_number",
        "nationality",
        "date_of_birth",
        "expires_on",
    )
    passport, _created = PassportDetails.objects.update_or_create(
        registration=registration, defaults={name: details[name] for name in fields}
    )
    return passport


def delete_passport_details(now=None, after_days: int = 0) -> int:
    """Delete the passport details of events that ended more than `after_days` days ago; how
    many were deleted. (Run daily: `manage.py delete_passport_details`.)"""
    now = now or timezone.now()
    ended = PassportDetails.objects.filter(
        registration__event__ends_at__lt=now - timedelta(days=after_days)
    )
    deleted, _per_model = ended.delete()
    return deleted
