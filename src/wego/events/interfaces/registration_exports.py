"""Registrations as tables: the staff's export of everyone with their answers, and the
participant list (the approved people who agreed to appear on it). CSV and Excel through
`wego.core.exports`, so a name typed as "=..." stays text."""

from django.utils.translation import gettext as _

from wego.core.dates import clock
from wego.events.interfaces.registration_forms import NO, YES
from wego.events.models import Registration
from wego.events.services.registration import role_order


def participants(event):
    """The participant list, grouped by delegation: only what the list shows."""
    return (
        Registration.objects.filter(event=event)
        .listed()
        .select_related("delegation__member")
        .only(
            "full_name",
            "position",
            "role",
            "delegation__organisation",
            "delegation__member__name",
            "delegation__member__country",
        )
        .order_by(
            "delegation__member__name",
            "delegation__organisation",
            "delegation_id",
            role_order(),
            "full_name",
        )
    )


def participant_groups(event) -> list[dict]:
    """The participant list by delegation, as plain values (a list of 1,000 people renders in
    a few milliseconds): [{"id", "name", "people": [(full name, position, is head)]}]."""
    rows = (
        Registration.objects.filter(event=event)
        .listed()
        .order_by(
            "delegation__member__name",
            "delegation__organisation",
            "delegation_id",
            role_order(),
            "full_name",
        )
        .values_list(
            "delegation_id",
            "delegation__member__name",
            "delegation__organisation",
            "full_name",
            "position",
            "role",
        )
    )
    groups: list[dict] = []
    for delegation, member, organisation, name, position, role in rows:
        if not groups or groups[-1]["id"] != delegation:
            groups.append({"id": delegation, "name": member or organisation, "people": []})
        groups[-1]["people"].append((name, position, role == Registration.Role.HEAD))
    return groups


def participant_rows(event):
    yield [_("Delegation"), _("Full name"), _("Position"), _("Role")]
    for person in participants(event):
        yield [
            person.delegation.name,
            person.full_name,
            person.position,
            person.get_role_display(),
        ]


def answer_text(question, value) -> str:
    if value == YES:
        return _("Yes")
    if value == NO:
        return _("No")
    return value or ""


def registration_rows(event, registrations, questions):
    """Every registration the staff member looks after, with each question's answer."""
    yield [
        _("Delegation"),
        _("Full name"),
        _("Email address"),
        _("Position"),
        _("Role"),
        _("Language"),
        _("Status"),
        _("On the participant list"),
        _("Invitation letter for a visa"),
        _("Sessions"),
        _("Registered"),
        *[question.label for question in questions],
    ]
    for person in registrations.prefetch_related("sessions"):
        yield [
            person.delegation.name,
            person.full_name,
            person.email,
            person.position,
            person.get_role_display(),
            person.get_language_display(),
            person.get_status_display(),
            _("Yes") if person.listed else _("No"),
            _("Yes") if person.needs_visa_letter else _("No"),
            "; ".join(session.title for session in person.sessions.all()),
            clock(person.created_at, event.time_zone),
            *[answer_text(q, person.answers.get(str(q.pk))) for q in questions],
        ]
