"""Meeting requests at an event: asking another delegation, answering, cancelling, and bringing
in the matchmaking requests two members made before the event.

Each step emails the other side, one email per person in that person's language. A request
the rules refuse (to one's own delegation, to a delegation not at the event, from someone not
registered, after the event, a second one between the same two) raises `Refused`, whose
message names the problem in the reader's language, and is logged on "wego.events".
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wego.accounts.roles import member_ids_for
from wego.accounts.services.people import people_of
from wego.core.mail import templated_email
from wego.events.models import (
    Delegation,
    Event,
    MatchmakingRequest,
    Meeting,
    MeetingRequest,
    Registration,
)

log = logging.getLogger("wego.events")

OPEN = (MeetingRequest.Status.PENDING, MeetingRequest.Status.ACCEPTED)


class Refused(Exception):
    """A meeting request or answer the rules do not allow; `field` names the form field."""

    def __init__(self, message: str, field: str | None = None, code: str = ""):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code


def _refuse(code: str, message: str, field: str | None, **facts) -> Refused:
    log.warning(
        "Meeting request refused (%s): %s",
        code,
        ", ".join(f"{key}={value}" for key, value in facts.items()),
    )
    return Refused(message, field, code)


# --- who is at the event ----------------------------------------------------------------------


def registered_delegations(event: Event):
    """The delegations with at least one approved person: those at the event."""
    return (
        Delegation.objects.filter(event=event, registrations__status=Registration.Status.APPROVED)
        .select_related("member")
        .distinct()
    )


def is_at_event(delegation: Delegation, event: Event) -> bool:
    return (
        delegation.event_id == event.pk
        and delegation.registrations.filter(status=Registration.Status.APPROVED).exists()
    )


def delegations_acted_for(event: Event, user):
    """The user's own delegations at the event (their member's, or one they registered)."""
    if not user.is_authenticated:
        return Delegation.objects.none()
    return Delegation.objects.filter(event=event).filter(
        Q(member_id__in=member_ids_for(user)) | Q(registered_by=user)
    )


def people_attending(delegation: Delegation):
    """Who may attend a meeting for the delegation: its approved people."""
    return delegation.registrations.filter(status=Registration.Status.APPROVED)


def default_attendees(delegation: Delegation) -> list[Registration]:
    """The head of the delegation, else its first approved person."""
    people = list(people_attending(delegation).order_by("pk"))
    heads = [p for p in people if p.role == Registration.Role.HEAD]
    return heads[:1] or people[:1]


# --- asking, answering, cancelling -------------------------------------------------------------


@dataclass
class Ask:
    """What a delegation asks for (the form's cleaned data)."""

    to_delegation: Delegation
    topic: str
    message: str = ""
    indicator_code: str = ""
    priority: int = MeetingRequest.Priority.NORMAL
    attendees: tuple = ()


def check_request(event: Event, from_delegation: Delegation | None, to_delegation, now=None):
    """Raise Refused when this request may not be made; None when it may."""
    now = now or timezone.now()
    facts = {
        "event": event.slug,
        "from": getattr(from_delegation, "pk", None),
        "to": getattr(to_delegation, "pk", None),
    }
    if event.is_over(now):
        raise _refuse(
            "event-over",
            _("The event is over: meetings can no longer be requested."),
            None,
            **facts,
        )
    if from_delegation is None or not is_at_event(from_delegation, event):
        raise _refuse(
            "not-registered",
            _(
                "Your delegation has nobody approved for this event yet: meetings can be "
                "requested once a registration is approved."
            ),
            None,
            **facts,
        )
    if to_delegation is None:
        raise _refuse(
            "no-delegation", _("Choose the delegation to meet."), "to_delegation", **facts
        )
    if to_delegation.pk == from_delegation.pk or (
        to_delegation.member_id and to_delegation.member_id == from_delegation.member_id
    ):
        raise _refuse(
            "own-delegation",
            _("You cannot ask your own delegation for a meeting: choose another delegation."),
            "to_delegation",
            **facts,
        )
    if not is_at_event(to_delegation, event):
        raise _refuse(
            "not-at-event",
            _("%(name)s is not registered at this event: choose a delegation that is.")
            % {"name": to_delegation.name},
            "to_delegation",
            **facts,
        )
    between = MeetingRequest.objects.filter(event=event, status__in=OPEN).filter(
        Q(from_delegation=from_delegation, to_delegation=to_delegation)
        | Q(from_delegation=to_delegation, to_delegation=from_delegation)
    )
    if between.exists():
        raise _refuse(
            "duplicate",
            _(
                "There is already a meeting request between your delegation and %(name)s: "
                "one meeting per pair of delegations."
            )
            % {"name": to_delegation.name},
            "to_delegation",
            **facts,
        )


def ask(event: Event, from_delegation: Delegation, asked: Ask, user) -> MeetingRequest:
    """Make the request and email the asked delegation's people; Refused when not allowed."""
    check_request(event, from_delegation, asked.to_delegation)
    with transaction.atomic():
        meeting_request = MeetingRequest.objects.create(
            event=event,
            from_delegation=from_delegation,
            to_delegation=asked.to_delegation,
            topic=asked.topic,
            indicator_code=asked.indicator_code,
            message=asked.message,
            priority=asked.priority,
            requested_by=user,
        )
        if asked.attendees:
            meeting_request.attendees.set(asked.attendees)
    notify(meeting_request, recipients_for(asked.to_delegation), "events/email/meeting_request")
    return meeting_request


def answer(meeting_request: MeetingRequest, accepted: bool, text: str, user, attendees=()):
    """The asked side accepts or declines; the asking side hears of it."""
    if meeting_request.status != MeetingRequest.Status.PENDING:
        raise _refuse(
            "answered",
            _("This request has already been answered."),
            None,
            request=meeting_request.pk,
        )
    meeting_request.status = (
        MeetingRequest.Status.ACCEPTED if accepted else MeetingRequest.Status.DECLINED
    )
    meeting_request.answer = text
    meeting_request.answered_by, meeting_request.answered_at = user, timezone.now()
    with transaction.atomic():
        meeting_request.save()
        if accepted and attendees:
            meeting_request.attendees.add(*attendees)
    notify(
        meeting_request,
        recipients_for(meeting_request.from_delegation, meeting_request.requested_by),
        "events/email/meeting_answer",
    )


def cancel(meeting_request: MeetingRequest, user, own_delegations) -> None:
    """Either side cancels; the meeting, if scheduled, is freed and the other side told."""
    if meeting_request.status not in OPEN:
        raise _refuse(
            "closed", _("This request is already closed."), None, request=meeting_request.pk
        )
    ours = {d.pk for d in own_delegations}
    other = (
        meeting_request.to_delegation
        if meeting_request.from_delegation_id in ours
        else meeting_request.from_delegation
    )
    with transaction.atomic():
        meeting_request.status = MeetingRequest.Status.CANCELLED
        meeting_request.answered_by, meeting_request.answered_at = user, timezone.now()
        meeting_request.save()
        Meeting.objects.filter(request=meeting_request).delete()
    notify(meeting_request, recipients_for(other), "events/email/meeting_cancelled")


# --- matchmaking requests made before the event ------------------------------------------------


STATUS_FROM_MATCHMAKING = {
    MatchmakingRequest.Status.PENDING: MeetingRequest.Status.PENDING,
    MatchmakingRequest.Status.ACCEPTED: MeetingRequest.Status.ACCEPTED,
}


def bring_in_matchmaking(event: Event) -> int:
    """The pending or accepted matchmaking requests between two members both at the event
    become meeting requests there (once each: `source` remembers). Returns how many."""
    at_event = {d.member_id: d for d in registered_delegations(event) if d.member_id}
    done = set(
        MeetingRequest.objects.filter(event=event, source__isnull=False).values_list(
            "source_id", flat=True
        )
    )
    candidates = MatchmakingRequest.objects.filter(
        status__in=list(STATUS_FROM_MATCHMAKING),
        from_member_id__in=list(at_event),
        to_member_id__in=list(at_event),
    ).exclude(pk__in=done)
    made = 0
    for old in candidates.order_by("created_at"):
        first, second = at_event[old.from_member_id], at_event[old.to_member_id]
        if first.pk == second.pk:
            continue
        between = MeetingRequest.objects.filter(event=event, status__in=OPEN).filter(
            Q(from_delegation=first, to_delegation=second)
            | Q(from_delegation=second, to_delegation=first)
        )
        if between.exists():
            continue  # they asked again at the event: one meeting per pair
        MeetingRequest.objects.create(
            event=event,
            from_delegation=first,
            to_delegation=second,
            topic=old.topic,
            indicator_code=old.indicator_code,
            message=old.message,
            status=STATUS_FROM_MATCHMAKING[old.status],
            answer=old.answer,
            source=old,
            requested_by=old.requested_by,
            answered_by=old.answered_by,
            answered_at=old.answered_at,
        )
        made += 1
    return made


# --- emails ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str


def recipients_for(delegation: Delegation, preferred_user=None) -> list[Recipient]:
    """Who hears for a delegation: whoever asked (an answer goes back to them), else its
    member's focal points or city users, else its approved people (many delegates have no
    account)."""
    users = [preferred_user] if preferred_user else []
    if not users and delegation.member_id:
        users = people_of(delegation.member)
    if not users and delegation.registered_by_id:
        users = [delegation.registered_by]
    found = [Recipient(u.email, u.full_name, u.preferred_language or "en") for u in users]
    if not found:
        found = [
            Recipient(p.email, p.full_name, p.language or "en")
            for p in people_attending(delegation)
        ]
    unique = {}
    for recipient in found:
        unique.setdefault(recipient.email.lower(), recipient)
    return list(unique.values())


def notify(meeting_request: MeetingRequest, recipients, template: str) -> None:
    """One email per recipient, in the recipient's own language."""
    for person in recipients:
        with translation.override(person.language):
            link = settings.SITE_URL + reverse(
                "events:meetings", kwargs={"slug": meeting_request.event.slug}
            )
            context = {"request": meeting_request, "link": link, "person": person}
            email = templated_email(template, context, person.email)
        email.send()
