"""The schedule of one-to-one meetings at an event: slots and tables, the scheduler run as a
background job, and staff's pins and moves.

The maths is `wego.events.domain.scheduling` (CP-SAT); here the database becomes its
`Problem` (a person is a registration, a slot its pk, a table its pk) and its `Schedule`
becomes Meetings again, in one transaction, with a `ScheduleRun` keeping how good it was.
Whoever's agenda changed gets one email with a summary of the changes.

The task is stored in the database queue by its import path,
`wego.events.services.scheduling.make_schedule_task`: do not move or rename it.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from wego.core import clock
from wego.core.dates import clock as clock_text
from wego.core.mail import templated_email
from wego.core.models import Job
from wego.events.domain import scheduling as maths
from wego.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Registration,
    ScheduleRun,
)
from wego.events.services.meetings import Refused, default_attendees

log = logging.getLogger("wego.events")

TIME_LIMIT = 20.0  # seconds for CP-SAT; a General Assembly's few hundred requests need less
NOBODY = "nobody"  # a side of the request has nobody approved to attend (no domain reason)
MAX_SLOTS = 400


# --- slots and tables --------------------------------------------------------------------------


def generate_slots(
    event: Event, first_day: date, last_day: date, start: time, end: time, minutes: int
) -> int:
    """Slots of `minutes` from `start` to `end` (the venue's clock) on each day; a slot that
    already exists (same start) is kept. Returns how many were added."""
    zone = ZoneInfo(event.time_zone)
    existing = set(event.slots.values_list("starts_at", flat=True))
    new = []
    day = first_day
    while day <= last_day and len(new) < MAX_SLOTS:
        moment = datetime.combine(day, start, tzinfo=zone)
        finish = datetime.combine(day, end, tzinfo=zone)
        while moment + timedelta(minutes=minutes) <= finish and len(new) < MAX_SLOTS:
            if moment not in existing:
                new.append(
                    MeetingSlot(
                        event=event, starts_at=moment, ends_at=moment + timedelta(minutes=minutes)
                    )
                )
            moment += timedelta(minutes=minutes)
        day += timedelta(days=1)
    MeetingSlot.objects.bulk_create(new)
    return len(new)


def add_tables(event: Event, count: int, seats: int) -> int:
    """`count` more tables of `seats` seats, named "Table N" after the last one."""
    names = set(event.tables.values_list("name", flat=True))
    number, made = 1, []
    while len(made) < count:
        name = _("Table %(number)s") % {"number": number}
        if name not in names:
            made.append(MeetingTable(event=event, name=name, seats=seats))
            names.add(name)
        number += 1
    MeetingTable.objects.bulk_create(made)
    return len(made)


def remove_free(event: Event, what: str) -> int:
    """Remove the slots (or tables) that hold no meeting; returns how many."""
    model = MeetingSlot if what == "slots" else MeetingTable
    deleted, _rows = model.objects.filter(event=event, meetings__isnull=True).delete()
    return deleted


# --- the problem, from the database ------------------------------------------------------------


@dataclass
class Built:
    problem: maths.Problem
    requests: dict[int, MeetingRequest]
    people: dict[int, list[Registration]]  # request id -> who attends
    nobody: list[int]  # accepted requests one side of which has nobody to send


def accepted_requests(event: Event):
    return (
        MeetingRequest.objects.filter(event=event, status=MeetingRequest.Status.ACCEPTED)
        .select_related("from_delegation__member", "to_delegation__member")
        .prefetch_related("attendees")
        .order_by("pk")
    )


def attendees_of(meeting_request: MeetingRequest) -> list[Registration]:
    """Who attends: the people chosen (approved ones), else each side's head of delegation."""
    chosen = [
        p for p in meeting_request.attendees.all() if p.status == Registration.Status.APPROVED
    ]
    sides = (meeting_request.from_delegation_id, meeting_request.to_delegation_id)
    people = []
    for side, delegation in zip(
        sides, (meeting_request.from_delegation, meeting_request.to_delegation), strict=True
    ):
        mine = [p for p in chosen if p.delegation_id == side]
        people += mine or default_attendees(delegation)
    return people


def day_numbers(slots, zone: str) -> dict[int, int]:
    """Slot pk -> the number of its day on the venue's calendar."""
    return {slot.pk: clock.local(slot.starts_at, zone).date().toordinal() for slot in slots}


def busy_slots(people, slots) -> dict[int, frozenset[int]]:
    """Registration pk -> the slots that overlap a session they attend or they marked as not
    available."""
    ids = [p.pk for p in people]
    sessions = defaultdict(list)
    for registration_id, starts, ends in Registration.sessions.through.objects.filter(
        registration_id__in=ids
    ).values_list("registration_id", "session__starts_at", "session__ends_at"):
        sessions[registration_id].append((starts, ends))
    unavailable = defaultdict(set)
    for registration_id, slot_id in Registration.unavailable_slots.through.objects.filter(
        registration_id__in=ids
    ).values_list("registration_id", "meetingslot_id"):
        unavailable[registration_id].add(slot_id)
    busy = {}
    for person in ids:
        taken = set(unavailable[person])
        for slot in slots:
            if any(s < slot.ends_at and slot.starts_at < e for s, e in sessions[person]):
                taken.add(slot.pk)
        if taken:
            busy[person] = frozenset(taken)
    return busy


def build_problem(event: Event) -> Built:
    slots = list(event.slots.order_by("starts_at"))
    days = day_numbers(slots, event.time_zone)
    tables = list(event.tables.all())
    requests, people, nobody, domain_requests = {}, {}, [], []
    for meeting_request in accepted_requests(event):
        attending = attendees_of(meeting_request)
        sides = {p.delegation_id for p in attending}
        if len(sides) < 2:
            nobody.append(meeting_request.pk)
            continue
        requests[meeting_request.pk] = meeting_request
        people[meeting_request.pk] = attending
        domain_requests.append(
            maths.Request(
                id=meeting_request.pk,
                participants=tuple(sorted({p.pk for p in attending})),
                priority=meeting_request.priority,
            )
        )
    everyone = {p.pk: p for group in people.values() for p in group}.values()
    pins = [
        maths.Pin(m.request_id, m.slot_id, m.table_id)
        for m in Meeting.objects.filter(pinned=True, request_id__in=list(requests)).order_by("pk")
    ]
    problem = maths.Problem(
        slots=[maths.Slot(slot.pk, days[slot.pk]) for slot in slots],
        tables=[maths.Table(table.pk, table.seats) for table in tables],
        requests=domain_requests,
        busy=busy_slots(everyone, slots),
        pins=pins,
    )
    return Built(problem, requests, people, nobody)


# --- the run, in the background ---------------------------------------------------------------


def schedule_kind(event: Event) -> str:
    return f"meeting-schedule-{event.pk}"


def start_schedule(event: Event, user) -> ScheduleRun:
    """Queue a run of the scheduler; staff follow it on the job's page."""
    job = Job.objects.create(
        kind=schedule_kind(event),
        title=_("Meeting schedule of %(event)s") % {"event": event.title},
        started_by=user,
    )
    run = ScheduleRun.objects.create(event=event, job=job, started_by=user)
    make_schedule_task.enqueue(run.pk)
    return ScheduleRun.objects.get(pk=run.pk)


@task()
def make_schedule_task(run_id: int) -> int:
    """Solve, store and email, reporting progress on the job; returns the meetings placed."""
    run = ScheduleRun.objects.select_related("event", "job").get(pk=run_id)
    job = run.job
    if job is not None:
        job.start(3)
    try:
        built = build_problem(run.event)
        if job is not None:
            job.advance(1)
        schedule = maths.solve(built.problem, time_limit=TIME_LIMIT)
        if job is not None:
            job.advance(1)
        changes = apply_schedule(run, built, schedule)
        failed = email_changes(run.event, changes)
    except Exception:
        log.exception("The meeting schedule of %s failed", run.event.slug)
        if job is not None:
            job.finish(_("The schedule could not be made; the server log has the details."), True)
        raise
    if job is not None:
        job.advance(1)
        job.finish(
            _("%(placed)s of %(accepted)s meetings placed.")
            % {"placed": run.meetings, "accepted": run.requests}
            + (" " + _("Some emails could not be sent.") if failed else "")
        )
    return run.meetings


def agendas(event: Event) -> dict[int, dict[int, tuple[int, int]]]:
    """Registration pk -> {request pk: (slot pk, table pk)}: who meets when, as it stands."""
    found = defaultdict(dict)
    for meeting in Meeting.objects.filter(request__event=event).select_related("request"):
        for person in attendees_of(meeting.request):
            found[person.pk][meeting.request_id] = (meeting.slot_id, meeting.table_id)
    return found


def apply_schedule(run: ScheduleRun, built: Built, schedule: maths.Schedule) -> dict:
    """Replace the unpinned meetings by the schedule's, in one transaction; returns
    {registration pk: (before, after)} for the people whose meetings changed."""
    event = run.event
    before = agendas(event)
    placed = {p.request_id: p for p in schedule.placements}
    with transaction.atomic():
        Meeting.objects.filter(request__event=event).filter(
            Q(pinned=False) | ~Q(request_id__in=list(placed))
        ).delete()
        kept = set(
            Meeting.objects.filter(request__event=event).values_list("request_id", flat=True)
        )
        Meeting.objects.bulk_create(
            Meeting(request_id=r, slot_id=p.slot, table_id=p.table, run=run)
            for r, p in placed.items()
            if r not in kept
        )
        unplaced = {str(r): str(reason) for r, reason in schedule.unplaced.items()}
        unplaced |= {str(r): NOBODY for r in built.nobody}
        ScheduleRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            method=schedule.method,
            requests=len(built.requests) + len(built.nobody),
            meetings=schedule.meetings,
            weighted=schedule.weighted,
            upper_bound=schedule.upper_bound,
            idle_gaps=schedule.idle_gaps,
            optimal=schedule.optimal,
            seconds=round(schedule.seconds, 2),
            unplaced=unplaced,
        )
    run.refresh_from_db()
    after = agendas(event)
    return {
        person: (before.get(person, {}), after.get(person, {}))
        for person in set(before) | set(after)
        if before.get(person, {}) != after.get(person, {})
    }


# --- pins and moves ----------------------------------------------------------------------------


def set_pinned(meeting: Meeting, pinned: bool) -> None:
    meeting.pinned = pinned
    meeting.save(update_fields=["pinned"])


def place(meeting_request: MeetingRequest, slot: MeetingSlot, table: MeetingTable) -> Meeting:
    """Staff put (or move) an accepted meeting at a slot and table, pinned there; Refused with
    the reason when it would double-book someone or the table. The people are emailed."""
    event = meeting_request.event
    if meeting_request.status != MeetingRequest.Status.ACCEPTED:
        raise Refused(_("Only accepted requests can be scheduled."), None, "not-accepted")
    if slot.event_id != event.pk or table.event_id != event.pk:
        raise Refused(_("Choose a slot and a table of this event."), "slot", "other-event")
    people = attendees_of(meeting_request)
    other = Meeting.objects.filter(slot=slot, table=table).exclude(request=meeting_request)
    if other.exists():
        raise Refused(
            _("%(table)s is taken at that time: choose another table or time.")
            % {"table": table.name},
            "table",
            "table-taken",
        )
    if len(people) > table.seats:
        raise Refused(
            _("%(table)s has %(seats)s seats; this meeting needs %(needed)s.")
            % {"table": table.name, "seats": table.seats, "needed": len(people)},
            "table",
            "seats",
        )
    busy = busy_slots(people, [slot])
    at_that_time = Meeting.objects.filter(slot=slot).exclude(request=meeting_request)
    for person in people:
        if slot.pk in busy.get(person.pk, ()):
            raise Refused(
                _("%(name)s is not free at that time (a session or unavailable).")
                % {"name": person.full_name},
                "slot",
                "busy",
            )
        if any(person in attendees_of(m.request) for m in at_that_time.select_related("request")):
            raise Refused(
                _("%(name)s already has a meeting at that time.") % {"name": person.full_name},
                "slot",
                "double-booked",
            )
    before = agendas(event)
    with transaction.atomic():
        meeting, _created = Meeting.objects.update_or_create(
            request=meeting_request, defaults={"slot": slot, "table": table, "pinned": True}
        )
    after = agendas(event)
    changes = {
        p.pk: (before.get(p.pk, {}), after.get(p.pk, {}))
        for p in people
        if before.get(p.pk, {}) != after.get(p.pk, {})
    }
    email_changes(event, changes)
    return meeting


# --- emails ------------------------------------------------------------------------------------


def change_lines(event: Event, before: dict, after: dict) -> list[str]:
    """The changes of one person's meetings, in words, in the active language."""
    requests = {
        r.pk: r
        for r in MeetingRequest.objects.filter(pk__in=set(before) | set(after)).select_related(
            "from_delegation__member", "to_delegation__member"
        )
    }
    slots = {s.pk: s for s in event.slots.all()}
    tables = {t.pk: t for t in event.tables.all()}

    def where(at):
        slot, table = slots.get(at[0]), tables.get(at[1])
        moment = clock_text(slot.starts_at, event.time_zone) if slot else "?"
        return _("%(when)s, %(table)s") % {"when": moment, "table": table.name if table else "?"}

    def title(request_id):
        r = requests[request_id]
        return _("%(first)s and %(second)s: %(topic)s") % {
            "first": r.from_delegation.name,
            "second": r.to_delegation.name,
            "topic": r.topic,
        }

    lines = []
    for request_id in sorted(set(before) | set(after), key=lambda r: after.get(r, before.get(r))):
        old, new = before.get(request_id), after.get(request_id)
        if old == new:
            continue
        if old is None:
            lines.append(
                _("New: %(meeting)s, %(where)s")
                % {"meeting": title(request_id), "where": where(new)}
            )
        elif new is None:
            lines.append(
                _("No longer scheduled: %(meeting)s (was %(where)s)")
                % {"meeting": title(request_id), "where": where(old)}
            )
        else:
            lines.append(
                _("Moved: %(meeting)s, now %(where)s (was %(old)s)")
                % {"meeting": title(request_id), "where": where(new), "old": where(old)}
            )
    return lines


def email_changes(event: Event, changes: dict) -> int:
    """One email per person whose meetings changed, in their language; returns failures."""
    people = Registration.objects.filter(pk__in=list(changes))
    failed = 0
    for person in people:
        before, after = changes[person.pk]
        with translation.override(person.language or "en"):
            link = settings.SITE_URL + personal_link(event, person)
            context = {
                "event": event,
                "person": _Named(person.full_name),
                "changes": change_lines(event, before, after),
                "link": link,
            }
            email = templated_email("events/email/meeting_schedule", context, person.email)
        try:
            email.send()
        except (smtplib.SMTPException, OSError):
            log.exception("Meeting schedule email to %s failed", person.email)
            failed += 1
    return failed


def personal_link(event: Event, person: Registration) -> str:
    """The person's own page (by its token: many delegates have no account)."""
    try:
        return reverse("events:personal", kwargs={"slug": event.slug, "token": person.token})
    except NoReverseMatch:  # the registration pages not there yet
        return reverse("events:agenda", kwargs={"slug": event.slug})


@dataclass(frozen=True)
class _Named:
    name: str


def latest_run(event: Event) -> ScheduleRun | None:
    return event.schedule_runs.select_related("job").order_by("-pk").first()
