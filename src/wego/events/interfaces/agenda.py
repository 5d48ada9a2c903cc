"""A person's agenda at an event (their sessions and meetings, in time order, in the venue's
zone) as a page block, a PDF and an iCalendar feed; and the staff's schedule grid and export.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from wego.core import clock
from wego.core.dates import clock as clock_text
from wego.core.pdf import render_pdf
from wego.events.interfaces.calendar_feeds import new_calendar
from wego.events.models import Meeting, MeetingRequest, Registration, ScheduleRun
from wego.events.services.scheduling import NOBODY, attendees_of

REASONS = {
    "no-common-time": lambda: _("No time when both sides are free"),
    "no-table": lambda: _("No table with enough seats"),
    "crowded-out": lambda: _("Both sides' free times are taken by meetings of higher priority"),
    "pin-conflict": lambda: _("Its pin conflicts with another"),
    NOBODY: lambda: _("One side has nobody approved to attend"),
}


def reason_text(code: str) -> str:
    found = REASONS.get(code)
    return found() if found else code


@dataclass
class Item:
    starts_at: datetime
    ends_at: datetime
    kind: str  # "session" or "meeting"
    title: str
    where: str
    with_whom: str
    zone: str
    uid: str

    @property
    def day(self) -> str:
        from django.utils.formats import date_format

        return date_format(clock.local(self.starts_at, self.zone).date(), "DATE_FORMAT")

    @property
    def times(self) -> str:
        starts, ends = clock.local(self.starts_at, self.zone), clock.local(self.ends_at, self.zone)
        return f"{starts:%H:%M}–{ends:%H:%M}"

    @property
    def when(self) -> str:
        return clock_text(self.starts_at, self.zone)


def meetings_of(registration: Registration):
    """The scheduled meetings the person attends (chosen, or as head of delegation)."""
    meetings = Meeting.objects.filter(
        request__event_id=registration.event_id,
        request__status=MeetingRequest.Status.ACCEPTED,
    ).select_related(
        "slot", "table", "request__from_delegation__member", "request__to_delegation__member"
    )
    ours = Q(request__from_delegation_id=registration.delegation_id) | Q(
        request__to_delegation_id=registration.delegation_id
    )
    return [m for m in meetings.filter(ours) if registration in attendees_of(m.request)]


def agenda_items(registration: Registration) -> list[Item]:
    event = registration.event
    zone = event.time_zone
    items = []
    for session in registration.sessions.select_related("room").order_by("starts_at"):
        items.append(
            Item(
                session.starts_at,
                session.ends_at,
                "session",
                session.title,
                session.room.name if session.room_id else event.venue,
                "",
                zone,
                f"session-{session.pk}-{registration.pk}@wego-platform",
            )
        )
    for meeting in meetings_of(registration):
        request = meeting.request
        other = (
            request.to_delegation
            if request.from_delegation_id == registration.delegation_id
            else request.from_delegation
        )
        people = [p.full_name for p in attendees_of(request) if p.delegation_id == other.pk]
        items.append(
            Item(
                meeting.slot.starts_at,
                meeting.slot.ends_at,
                "meeting",
                _("Meeting with %(name)s: %(topic)s")
                % {"name": other.name, "topic": request.topic},
                meeting.table.name,
                ", ".join(people),
                zone,
                f"meeting-{request.pk}-{registration.pk}@wego-platform",
            )
        )
    return sorted(items, key=lambda item: (item.starts_at, item.kind))


def by_day(items: list[Item]) -> list[tuple[str, list[Item]]]:
    days: dict[str, list[Item]] = {}
    for item in items:
        days.setdefault(item.day, []).append(item)
    return list(days.items())


def agenda_context(registration: Registration) -> dict:
    items = agenda_items(registration)
    return {
        "registration": registration,
        "event": registration.event,
        "days": by_day(items),
        "items": items,
        "language": get_language() or "en",
        "bidi": get_language_bidi(),
    }


def agenda_pdf(registration: Registration) -> bytes:
    return render_pdf("events/meetings/agenda_pdf.html", agenda_context(registration))


def agenda_ics(registration: Registration) -> bytes:
    from icalendar import Event as CalendarEvent

    event = registration.event
    name = _("%(name)s at %(event)s") % {"name": registration.full_name, "event": event.title}
    calendar = new_calendar(name, product="Event agenda")
    calendar.add("x-wr-timezone", event.time_zone)
    now = timezone.now()
    for item in agenda_items(registration):
        entry = CalendarEvent()
        entry.add("uid", item.uid)
        entry.add("summary", item.title)
        entry.add("dtstart", clock.local(item.starts_at, item.zone))
        entry.add("dtend", clock.local(item.ends_at, item.zone))
        entry.add("dtstamp", now)
        if item.where:
            entry.add("location", item.where)
        if item.with_whom:
            entry.add("description", _("With %(people)s") % {"people": item.with_whom})
        entry.add("url", settings.SITE_URL + event.get_absolute_url())
        calendar.add_component(entry)
    return calendar.to_ical()


# --- the staff's schedule ----------------------------------------------------------------------


def schedule_grid(event) -> dict:
    """Rows of slots, each with a cell per table (the meeting there, or None)."""
    slots = list(event.slots.order_by("starts_at"))
    tables = list(event.tables.all())
    meetings = {
        (m.slot_id, m.table_id): m
        for m in Meeting.objects.filter(request__event=event).select_related(
            "request__from_delegation__member", "request__to_delegation__member"
        )
    }
    rows = [
        {
            "slot": slot,
            "when": clock_text(slot.starts_at, event.time_zone),
            "cells": [{"table": t, "meeting": meetings.get((slot.pk, t.pk))} for t in tables],
        }
        for slot in slots
    ]
    return {"rows": rows, "tables": tables, "count": len(meetings)}


def unplaced_requests(run: ScheduleRun | None) -> list[dict]:
    if run is None or not run.unplaced:
        return []
    requests = MeetingRequest.objects.filter(
        pk__in=[int(pk) for pk in run.unplaced], status=MeetingRequest.Status.ACCEPTED
    ).select_related("from_delegation__member", "to_delegation__member")
    return [
        {"request": r, "reason": reason_text(run.unplaced[str(r.pk)])}
        for r in requests
        if not Meeting.objects.filter(request=r).exists()
    ]


def run_figures(run: ScheduleRun | None) -> dict | None:
    """The last run's figures in words."""
    if run is None or run.finished_at is None:
        return None
    return {
        "run": run,
        "within": round(100 * run.gap, 1),
        "when": clock_text(run.finished_at, run.event.time_zone),
    }


def schedule_rows(event) -> list[list]:
    rows = [
        [
            _("Time"),
            _("Table"),
            _("From"),
            _("To"),
            _("Topic"),
            _("Priority"),
            _("Who attends"),
            _("Pinned"),
        ]
    ]
    for meeting in Meeting.objects.filter(request__event=event).select_related(
        "slot", "table", "request__from_delegation__member", "request__to_delegation__member"
    ):
        request = meeting.request
        rows.append(
            [
                clock_text(meeting.slot.starts_at, event.time_zone),
                meeting.table.name,
                request.from_delegation.name,
                request.to_delegation.name,
                request.topic,
                str(request.get_priority_display()),
                ", ".join(p.full_name for p in attendees_of(request)),
                _("yes") if meeting.pinned else "",
            ]
        )
    return rows
