"""Registration by delegation: register people, change and cancel them until the deadline,
approve and decline them, and move the waiting list up when a place frees.

The rules are in domain/registration.py; here they meet the database, the clock and email.
Every change of places runs in one transaction that first locks the event's row
(`select_for_update`), so two cancellations at the same moment do not promote one place twice
and two delegations do not both take the last place.
"""

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.accounts.roles import is_network_staff, member_ids_for
from wego.core.dates import when
from wego.core.mail import templated_email
from wego.events.domain import registration as rules
from wego.events.models import Delegation, Event, Registration

logger = logging.getLogger("wego.events")

Status = Registration.Status

# The email sent for each status a person reaches.
EMAIL_FOR_STATUS = {
    Status.PENDING: "received",
    Status.APPROVED: "approved",
    Status.WAITLISTED: "waitlisted",
    Status.DECLINED: "declined",
    Status.CANCELLED: "cancelled",
}
PERSON_FIELDS = (
    "full_name",
    "email",
    "position",
    "role",
    "language",
    "listed",
    "needs_visa_letter",
    "answers",
)


class Refused(Exception):
    """The delegation cannot do this now. `code` is the reason (domain codes, or "duplicate"),
    `problems` say why in the user's language, `people` gives for each person at fault (their
    place in the submission) the field and what is wrong with it."""

    def __init__(self, code: str, problems: list[str], people: dict | None = None):
        super().__init__(code)
        self.code = code
        self.problems = problems
        self.people = people or {}


@dataclass
class Person:
    """One person as typed in the form."""

    full_name: str
    email: str
    position: str = ""
    role: str = Registration.Role.DELEGATE
    language: str = "en"
    listed: bool = False
    needs_visa_letter: bool = False
    answers: dict = field(default_factory=dict)
    sessions: list = field(default_factory=list)


def role_order():
    """Heads of delegation first, then delegates, then observers (the roles' names sort
    otherwise)."""
    return Case(
        When(role=Registration.Role.HEAD, then=Value(0)),
        When(role=Registration.Role.DELEGATE, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


# --- Dates and refusals in words ---


def deadline_of(event: Event):
    """Changes and cancellations are possible until the registration deadline, or until the
    event ends when it sets none."""
    return event.registration_deadline or event.ends_at


def phase_of(event: Event, now=None) -> str:
    return rules.phase_of(now or timezone.now(), event.registration_opens_at, deadline_of(event))


def refusal_text(code: str, event: Event, quota_left: int | None = None) -> str:
    if code == rules.CLOSED:
        return _(
            "Registration closed on %(deadline)s: people can no longer be registered, changed "
            "or cancelled online. Write to the organisers if you need a change."
        ) % {"deadline": when(deadline_of(event), event.time_zone)}
    if code == rules.NOT_OPEN:
        return _("Registration opens on %(opens)s.") % {
            "opens": when(event.registration_opens_at, event.time_zone)
        }
    if code == rules.OVER_QUOTA:
        return quota_text(event, quota_left or 0)
    if code == rules.NOBODY:
        return _("Add at least one person: their full name and email address.")
    raise ValueError(code)


def quota_text(event: Event, left: int) -> str:
    quota = ngettext(
        "This event takes %(quota)s person per member.",
        "This event takes %(quota)s people per member.",
        event.quota_per_member,
    ) % {"quota": event.quota_per_member}
    if left == 0:
        return quota + " " + _("Your delegation has no place left under this quota.")
    return (
        quota
        + " "
        + ngettext(
            "Your delegation can add %(left)s more person: remove some from the form.",
            "Your delegation can add %(left)s more people: remove some from the form.",
            left,
        )
        % {"left": left}
    )


def duplicate_text() -> str:
    return _("This person is registered for this event already (the same email address).")


def _refuse(code, event, user, delegation, new_people, problems, people=None):
    """Refusals are logged (who and what, ids only) and raised."""
    logger.warning(
        "Registration refused (%s): event %s, member %s, delegation %s, user %s, %s new people",
        code,
        event.pk,
        delegation.member_id if delegation else None,
        delegation.pk if delegation and delegation.pk else None,
        getattr(user, "pk", None),
        new_people,
    )
    raise Refused(code, problems, people)


# --- Whose delegation ---


def delegation_of(event: Event, user, member=None) -> Delegation | None:
    """The delegation the user acts for at this event: their member's (the given one, or their
    only one), else the partner organisation's they registered."""
    if not user.is_authenticated:
        return None
    delegations = Delegation.objects.filter(event=event).select_related("member")
    if member is not None:
        return delegations.filter(member=member).first()
    members = member_ids_for(user)
    if members:
        return delegations.filter(member_id__in=members).order_by("pk").first()
    return delegations.filter(member__isnull=True, registered_by=user).first()


def delegations_of(event: Event, user) -> list[Delegation]:
    """Every delegation the user acts for at this event, with its people counted."""
    if not user.is_authenticated:
        return []
    mine = Q(member_id__in=member_ids_for(user)) | Q(member__isnull=True, registered_by=user)
    return list(
        Delegation.objects.filter(mine, event=event)
        .select_related("member")
        .annotate(
            people=Count("registrations", filter=~Q(registrations__status__in=_INACTIVE)),
            approved=Count("registrations", filter=Q(registrations__status=Status.APPROVED)),
            waiting=Count("registrations", filter=Q(registrations__status=Status.WAITLISTED)),
            pending=Count("registrations", filter=Q(registrations__status=Status.PENDING)),
        )
    )


_INACTIVE = [Status.CANCELLED, Status.DECLINED]


# --- Registering ---


def register(event, user, people: list[Person], member=None, organisation="", now=None):
    """Register the people in the member's delegation (made on first use), or in the partner
    organisation's; each gets a place, waits for approval or joins the waiting list. Refused
    (nothing saved) after the deadline, beyond the quota, or for someone already registered."""
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        delegation = _delegation_for(event, user, member, organisation)
        decision = rules.decide(
            len(people),
            capacity=event.capacity,
            places_taken=event.registrations.taking_places().count(),
            waiting=event.registrations.filter(status=Status.WAITLISTED).count(),
            quota=event.quota_per_member,
            member_active=delegation.registrations.active().count() if delegation.pk else 0,
            needs_approval=event.needs_approval,
            phase=phase_of(event, now),
        )
        if decision.refused:
            problems = [refusal_text(decision.refusal, event, decision.quota_left)]
            _refuse(decision.refusal, event, user, delegation, len(people), problems)
        _refuse_duplicates(event, user, delegation, people)
        if delegation.pk is None:
            delegation.save()
        elif organisation and not delegation.member_id and organisation != delegation.organisation:
            delegation.organisation = organisation
            delegation.save(update_fields=["organisation"])
        made = []
        for person, status in zip(people, decision.statuses, strict=True):
            registration = Registration(
                event=event,
                delegation=delegation,
                status=status,
                waitlisted_at=now if status == Status.WAITLISTED else None,
                **{name: getattr(person, name) for name in PERSON_FIELDS},
            )
            if _is_the_user(user, person):
                registration.user = user
            try:
                with transaction.atomic():
                    registration.save()
            except IntegrityError:  # registered by someone else meanwhile
                _refuse("duplicate", event, user, delegation, len(people), [duplicate_text()])
            registration.sessions.set(person.sessions)
            made.append(registration)
    for registration in made:
        send(registration, EMAIL_FOR_STATUS[registration.status])
    return delegation, made


def _is_the_user(user, person: Person) -> bool:
    return user.is_authenticated and user.email.lower() == person.email.lower()


def _delegation_for(event, user, member, organisation) -> Delegation:
    if member is not None:
        existing = Delegation.objects.filter(event=event, member=member).first()
        return existing or Delegation(event=event, member=member, registered_by=user)
    existing = Delegation.objects.filter(
        event=event, member__isnull=True, registered_by=user
    ).first()
    return existing or Delegation(event=event, organisation=organisation, registered_by=user)


def _refuse_duplicates(event, user, delegation, people):
    emails = [person.email.lower() for person in people]
    taken = {
        email.lower()
        for email in event.registrations.active()
        .filter(email__in=[p.email for p in people])
        .values_list("email", flat=True)
    }
    at_fault = {}
    for index, email in enumerate(emails):
        if email in taken or email in emails[:index]:
            at_fault[index] = {"email": duplicate_text()}
    if at_fault:
        _refuse("duplicate", event, user, delegation, len(people), [duplicate_text()], at_fault)


# --- Changing and cancelling ---


def _refuse_when_closed(registration: Registration, user, now) -> None:
    """After the deadline nothing of a registration changes: say so (and log it)."""
    event = registration.event
    if phase_of(event, now) == rules.CLOSED:
        message = [refusal_text(rules.CLOSED, event)]
        _refuse(rules.CLOSED, event, user, registration.delegation, 0, message)


def change(registration: Registration, person: Person, user, now=None) -> Registration:
    """Change what was registered for a person, until the deadline."""
    event = registration.event
    _refuse_when_closed(registration, user, now)
    for name in PERSON_FIELDS:
        setattr(registration, name, getattr(person, name))
    try:
        with transaction.atomic():
            registration.save()
            registration.sessions.set(person.sessions)
    except IntegrityError:
        _refuse(
            "duplicate",
            event,
            user,
            registration.delegation,
            0,
            [duplicate_text()],
            {0: {"email": duplicate_text()}},
        )
    return registration


def can_still_cancel(registration: Registration, now=None) -> bool:
    return registration.status not in _INACTIVE and phase_of(registration.event, now) != (
        rules.CLOSED
    )


def cancel(registration: Registration, user=None, now=None) -> list[Registration]:
    """Cancel a person's registration (until the deadline) and give the place freed to the
    first people waiting. Returns who was promoted."""
    _refuse_when_closed(registration, user, now)
    return _end(registration, Status.CANCELLED, now)


def approve(registration: Registration, user) -> bool:
    """Staff approve a person waiting for approval (and only then): True when done."""
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=registration.event_id)
        done = (
            Registration.objects.filter(pk=registration.pk, status=Status.PENDING).update(
                status=Status.APPROVED, updated_at=timezone.now()
            )
            == 1
        )
    if done:
        registration.refresh_from_db()
        send(registration, "approved")
    return done


def decline(registration: Registration, user) -> list[Registration] | None:
    """Staff decline a person (pending, approved or waiting): the place goes to the first
    person waiting. None when the person was declined or cancelled already."""
    if registration.status in _INACTIVE:
        return None
    return _end(registration, Status.DECLINED)


def _end(registration, status, now=None) -> list[Registration]:
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status in _INACTIVE:
            return []
        current.status = status
        current.save(update_fields=["status", "updated_at"])
        promoted = _promote(event)
    registration.status = status
    send(registration, EMAIL_FOR_STATUS[status])
    for person in promoted:
        send(person, "promoted")
    return promoted


def fill_free_places(event: Event) -> list[Registration]:
    """After the capacity of an event grew: the places now free go to the people waiting."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        promoted = _promote(locked)
    for person in promoted:
        send(person, "promoted")
    return promoted


def _promote(event: Event) -> list[Registration]:
    """Inside the transaction that locked the event: the first people waiting get the places
    free."""
    waiting = list(
        event.registrations.filter(status=Status.WAITLISTED).values_list(
            "pk", "waitlisted_at", "created_at"
        )
    )
    chosen = rules.to_promote(
        event.capacity,
        event.registrations.taking_places().count(),
        [rules.Waiting(pk, joined, registered) for pk, joined, registered in waiting],
    )
    if not chosen:
        return []
    Registration.objects.filter(pk__in=chosen).update(
        status=rules.place_status(event.needs_approval), updated_at=timezone.now()
    )
    promoted = {r.pk: r for r in Registration.objects.filter(pk__in=chosen).select_related("event")}
    return [promoted[pk] for pk in chosen]


# --- Email ---


def personal_link(registration: Registration) -> str:
    return settings.SITE_URL + reverse(
        "events:personal", args=[registration.event.slug, registration.token]
    )


def send(registration: Registration, kind: str) -> None:
    """The email of this step, to the person, in the language they registered with. The change
    is stored already: a mail server that is down is logged, not shown as a failure."""
    event = registration.event
    with translation.override(registration.language or "en"):
        context = {
            "registration": registration,
            "event": event,
            "status": registration.get_status_display(),
            "starts": when(event.starts_at, event.time_zone),
            "deadline": when(deadline_of(event), event.time_zone),
            "link": personal_link(registration),
        }
        email = templated_email(f"events/email/registration_{kind}", context, registration.email)
    try:
        email.send()
    except (smtplib.SMTPException, OSError):
        logger.exception(
            "Registration email %s for registration %s not sent", kind, registration.pk
        )


# --- Who may act ---


def may_register_people(event: Event, user) -> bool:
    return user.has_perm("events.register", event)


def staff_queue(event: Event, user):
    """The registrations of the event the staff member looks after (regional staff: their
    region's members)."""
    queue = Registration.objects.filter(event=event).visible_to(user)
    if not is_network_staff(user):
        return queue.none()
    return queue.select_related("delegation__member").order_by(
        "delegation__member__name", "delegation__organisation", role_order(), "full_name"
    )
