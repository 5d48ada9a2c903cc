"""The demo events, from the WeGO 2014 Annual Report (demo_data/events.yaml, delegations.yaml).

- the 3rd WeGO General Assembly (Chengdu, 3-6 November 2014) with its programme, delegations of
  demo members and partner organisations, and its 33 pre-arranged meetings placed in slots and
  at tables, nobody and no table twice at a time;
- the trainings and webinars of 2014;
- the calendar of "Forward to 2015" at upcoming dates (the report's month and day, at their
  next occurrence at least 30 days ahead), the Executive Committee meeting in Ulyanovsk open
  for registration, with delegations, questions, slots, tables, a few meeting requests and
  what the delegations offer and seek (so that suggestions of whom to meet show).

Idempotent: loading again updates the events in place and makes their programme, slots, tables
and demo delegations anew; delegations others registered (Seoul trying registration) stay.
Needs the demo network (members); the demo accounts are used when they exist.
"""

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from wego.accounts.models import User
from wego.events.domain import scheduling
from wego.events.models import (
    Delegation,
    Event,
    MatchmakingInterest,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    Registration,
    RegistrationQuestion,
    Room,
    Session,
    Speaker,
)
from wego.events.services.demo_elections import load_demo_elections
from wego.members.models import Member
from wego.practices.models import Practice

DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
LEAD_DAYS = 30  # an upcoming demo event starts at least this many days after loading
EMAIL_DOMAIN = "demo.we-gov.org"
EVENT_OPTIONS = (
    "capacity",
    "quota_per_member",
    "needs_approval",
    "offers_visa_letters",
    "has_matchmaking",
)


def _read(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def _translated(spec: dict, field: str, where: str) -> dict:
    """{field_en, field_ko, field_ar} of a text in every language; blank when not given."""
    texts = spec.get(field)
    if texts is None:
        return {f"{field}_{lang}": "" for lang in LANGUAGES}
    missing = [lang for lang in LANGUAGES if not str(texts.get(lang) or "").strip()]
    if missing:
        raise ValueError(f"{where}: {field} has no text in {', '.join(missing)}")
    return {f"{field}_{lang}": str(texts[lang]).strip() for lang in LANGUAGES}


def _clock(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()


def _span(text: str) -> tuple[time, time]:
    start, end = text.split("-")
    return _clock(start), _clock(end)


def _at(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=zone)


def _first_day(spec: dict, zone: ZoneInfo, now: datetime, placed: dict[str, date]) -> date:
    """The report's date, or for an upcoming event its month and day at their next occurrence
    at least LEAD_DAYS ahead (in the year of `same_year_as`'s event, when given)."""
    written: date = spec["date"]
    if not spec.get("upcoming"):
        return written
    anchor = spec.get("same_year_as")
    if anchor:
        return written.replace(year=placed[anchor].year)
    start = _span(spec["at"])[0]
    earliest = now + timedelta(days=LEAD_DAYS)
    year = earliest.astimezone(zone).year
    while _at(written.replace(year=year), start, zone) < earliest:
        year += 1
    return written.replace(year=year)


@transaction.atomic
def load_demo_events(now: datetime | None = None) -> dict:
    now = now or timezone.now()
    members = Member.objects.in_bulk(field_name="slug")
    people = _read("delegations.yaml")
    counts = {"demo_events": 0, "event_registrations": 0, "event_meetings": 0}
    placed: dict[str, date] = {}
    with translation.override("en"):
        for spec in _read("events.yaml")["events"]:
            event, first_day = _store_event(spec, members, now, placed)
            placed[spec["slug"]] = first_day
            counts["demo_events"] += 1
            rooms = _store_rooms(event, spec.get("rooms", []))
            _store_programme(event, spec.get("sessions", []), rooms, first_day)
            _store_questions(event, spec.get("questions", []), first_day)
            slots = _store_slots(event, spec.get("slots", []), first_day)
            tables = _store_tables(event, spec.get("tables", []))
            if spec["slug"] in people:
                data = people[spec["slug"]]
                delegations = _store_delegations(event, data["delegations"], members)
                counts["event_registrations"] += sum(len(d.people) for d in delegations.values())
                answered_at = min(event.starts_at - timedelta(days=7), now)
                counts["event_meetings"] += _store_meetings(
                    event, data.get("meetings", []), delegations, slots, tables, answered_at
                )
                _store_requests(event, data.get("requests", []), delegations, now)
                _store_interests(event, data.get("interests", []), delegations)
    counts |= load_demo_elections()  # after the events: their delegates are accredited
    return counts


def _store_event(spec, members, now, placed) -> tuple[Event, date]:
    where = spec["slug"]
    zone = ZoneInfo(spec["time_zone"])
    first_day = _first_day(spec, zone, now, placed)
    start, end = _span(spec["at"])
    starts_at = _at(first_day, start, zone)
    fields = {
        "kind": spec["kind"],
        "audience": spec["audience"],
        "published": True,
        "starts_at": starts_at,
        "ends_at": _at(first_day + timedelta(days=spec["days"] - 1), end, zone),
        "time_zone": spec["time_zone"],
        "country": spec.get("country", ""),
        "host_member": members.get(spec.get("host", "")),
        "language": "en",
        "registration_opens_at": None,
        "registration_deadline": None,
        "is_demo": True,
        **{
            name: spec.get(name, Event._meta.get_field(name).get_default())
            for name in EVENT_OPTIONS
        },
    }
    for field in ("title", "summary", "venue", "city"):
        fields |= _translated(spec, field, where)
    window = spec.get("registration")
    if window:
        opens = (now - timedelta(days=window["opened_days_ago"])).replace(second=0, microsecond=0)
        closes = first_day - timedelta(days=window["closes_days_before"])
        fields["registration_opens_at"] = opens
        fields["registration_deadline"] = _at(closes, time(23, 59), zone)
    event = Event.objects.filter(slug=spec["slug"]).first() or Event(slug=spec["slug"])
    for name, value in fields.items():
        setattr(event, name, value)
    event.full_clean()
    event.save()
    return event, first_day


def _store_rooms(event: Event, rows: list[dict]) -> dict[str, Room]:
    event.rooms.all().delete()
    rooms = {
        row["key"]: Room(
            event=event,
            capacity=row.get("capacity"),
            **_translated(row, "name", f"{event.slug} room {row['key']}"),
        )
        for row in rows
    }
    Room.objects.bulk_create(rooms.values())
    return rooms


def _store_programme(event: Event, rows: list[dict], rooms: dict, first_day: date) -> None:
    event.sessions.all().delete()
    zone = ZoneInfo(event.time_zone)
    sessions = []
    for row in rows:
        where = f"{event.slug} session on day {row['day']} at {row['at']}"
        day = first_day + timedelta(days=row["day"] - 1)
        start, end = _span(row["at"])
        sessions.append(
            Session(
                event=event,
                kind=row["kind"],
                starts_at=_at(day, start, zone),
                ends_at=_at(day, end, zone),
                room=rooms[row["room"]] if "room" in row else None,
                **_translated(row, "title", where),
                **_translated(row, "description", where),
            )
        )
    Session.objects.bulk_create(sessions)
    members = Member.objects.in_bulk(field_name="slug")
    speakers = [
        Speaker(
            session=session,
            name=person["name"],
            member=members.get(person.get("member", "")),
            order=order,
            **_translated(person, "affiliation", f"{event.slug} speaker {person['name']}"),
        )
        for session, row in zip(sessions, rows, strict=True)
        for order, person in enumerate(row.get("speakers", []))
    ]
    Speaker.objects.bulk_create(speakers)


def _store_questions(event: Event, rows: list[dict], first_day: date) -> None:
    event.questions.all().delete()
    questions = []
    for order, row in enumerate(rows):
        where = f"{event.slug} question {order + 1}"
        days = [first_day + timedelta(days=offset) for offset in row.get("choice_days", [])]
        questions.append(
            RegistrationQuestion(
                event=event,
                kind=row["kind"],
                required=row.get("required", False),
                order=order,
                choices="\n".join(f"{day.day} {day:%B %Y}" for day in days),
                **_translated(row, "label", where),
                **_translated(row, "help_text", where),
            )
        )
    RegistrationQuestion.objects.bulk_create(questions)


def _store_slots(event: Event, rows: list[dict], first_day: date) -> list[tuple[int, MeetingSlot]]:
    """The slots in time order, each with its day number."""
    event.slots.all().delete()
    zone = ZoneInfo(event.time_zone)
    slots = []
    for row in rows:
        start = _at(first_day + timedelta(days=row["day"] - 1), _clock(row["start"]), zone)
        length = timedelta(minutes=row["minutes"])
        for number in range(row["count"]):
            begins = start + number * length
            slots.append(
                (row["day"], MeetingSlot(event=event, starts_at=begins, ends_at=begins + length))
            )
    MeetingSlot.objects.bulk_create([slot for _day, slot in slots])
    return slots


def _store_tables(event: Event, rows: list[dict]) -> list[MeetingTable]:
    event.tables.all().delete()
    seats = [row["seats"] for row in rows for _number in range(row["count"])]
    tables = [
        MeetingTable(event=event, name=f"Table {number}", seats=count)
        for number, count in enumerate(seats, start=1)
    ]
    MeetingTable.objects.bulk_create(tables)
    return tables


class _Delegation:
    """A stored demo delegation and its registrations."""

    def __init__(self, delegation: Delegation, people: list[Registration]):
        self.delegation = delegation
        self.people = people

    @property
    def user(self):
        return next((person.user for person in self.people if person.user_id), None)


def _store_delegations(event: Event, rows: list[dict], members: dict) -> dict[str, _Delegation]:
    slugs = [row["member"] for row in rows if "member" in row]
    missing = sorted(set(slugs) - set(members))
    if missing:
        raise LookupError("Load the demo network before the events; missing: " + ", ".join(missing))
    organisations = [row["organisation"] for row in rows if "organisation" in row]
    Delegation.objects.filter(event=event).filter(
        Q(member__slug__in=slugs) | Q(member__isnull=True, organisation__in=organisations)
    ).delete()
    accounts = {
        user.email: user
        for user in User.objects.filter(
            email__in=[
                p["account"] for row in rows for p in row.get("people", []) if "account" in p
            ]
        )
    }
    answers = _required_answers(event)
    stored: dict[str, _Delegation] = {}
    for row in rows:
        key = row.get("member") or row["key"]
        member = members.get(row.get("member", ""))
        delegation = Delegation(
            event=event, member=member, organisation=row.get("organisation", "")
        )
        people = _people(
            event, key, row, delegation, member.name if member else row["organisation"], accounts
        )
        delegation.registered_by = next((p.user for p in people if p.user), None)
        for person in people:
            person.answers = dict(answers)
        stored[key] = _Delegation(delegation, people)
    Delegation.objects.bulk_create([item.delegation for item in stored.values()])
    registrations = [person for item in stored.values() for person in item.people]
    Registration.objects.bulk_create(registrations)
    return stored


def _required_answers(event: Event) -> dict[str, str]:
    """Answers to the required questions with choices (the arrival day): the middle choice,
    keyed like the registration form keys them."""
    questions = event.questions.filter(required=True, kind=RegistrationQuestion.Kind.CHOICE)
    return {
        str(question.pk): question.choice_list[len(question.choice_list) // 2]
        for question in questions
        if question.choice_list
    }


def _people(event, key, row, delegation, name, accounts) -> list[Registration]:
    named = row.get("people", [])
    count = row.get("placeholders", 0 if named else 1)
    placeholders = [
        {
            "name": f"{name} delegate" + (f" {number}" if count > 1 else ""),
            "role": "delegate" if named or number > 1 else "head",
            "position": "Delegate" if named or number > 1 else "Head of delegation",
        }
        for number in range(1, count + 1)
    ]
    status = row.get("status", Registration.Status.APPROVED)
    people = []
    for number, person in enumerate(named + placeholders, start=1):
        account = person.get("account")
        people.append(
            Registration(
                event=event,
                delegation=delegation,
                full_name=person["name"],
                email=account or f"{event.slug}.{key}.{number}@{EMAIL_DOMAIN}",
                position=person.get("position", ""),
                user=accounts.get(account),
                role=person.get("role", Registration.Role.DELEGATE),
                language=row.get("language", "en"),
                status=status,
                listed=status == Registration.Status.APPROVED,
            )
        )
    return people


def _new_request(event, sender, receiver, topic, status, answered_at) -> MeetingRequest:
    accepted = status == MeetingRequest.Status.ACCEPTED
    return MeetingRequest(
        event=event,
        from_delegation=sender.delegation,
        to_delegation=receiver.delegation,
        topic=topic,
        status=status,
        requested_by=sender.user,
        answered_by=receiver.user if accepted else None,
        answered_at=answered_at if accepted else None,
    )


def _add_attendees(requests: list[MeetingRequest], sides) -> None:
    """Everyone of both delegations attends."""
    through = MeetingRequest.attendees.through
    through.objects.bulk_create(
        [
            through(meetingrequest=request, registration=person)
            for request, (sender, receiver) in zip(requests, sides, strict=True)
            for person in sender.people + receiver.people
        ]
    )


def _store_requests(event, rows, delegations, now) -> None:
    sides = [(delegations[row["from"]], delegations[row["to"]]) for row in rows]
    requests = [
        _new_request(event, sender, receiver, row["topic"], row["status"], now)
        for row, (sender, receiver) in zip(rows, sides, strict=True)
    ]
    MeetingRequest.objects.bulk_create(requests)
    _add_attendees(requests, sides)


def _store_interests(event, rows, delegations) -> None:
    """What the delegations offer and seek, stated by their head (their first person). A
    practice missing from the library (practices not loaded) leaves the interest without it."""
    practices = Practice.objects.in_bulk(
        [row["practice"] for row in rows if "practice" in row], field_name="slug"
    )
    interests = []
    for row in rows:
        direction = "offer" if "offer" in row else "seek"
        people = delegations[row["delegation"]].people
        head = next((p for p in people if p.role == Registration.Role.HEAD), people[0])
        interests.append(
            MatchmakingInterest(
                registration=head,
                direction=direction,
                indicator_code=row[direction] or "",
                practice=practices.get(row.get("practice", "")),
                text=row.get("text", ""),
            )
        )
    MatchmakingInterest.objects.bulk_create(interests)


def _store_meetings(event, rows, delegations, slots, tables, answered_at) -> int:
    """Accepted requests placed first-fit, each starting its search at a later slot than the one
    before so the meetings spread over the slots; checked against the scheduler's rules."""
    if not rows:
        return 0
    sides = [(delegations[a], delegations[b]) for a, b, _topic in rows]
    accepted = MeetingRequest.Status.ACCEPTED
    requests = [
        _new_request(event, sender, receiver, topic, accepted, answered_at)
        for (_a, _b, topic), (sender, receiver) in zip(rows, sides, strict=True)
    ]
    MeetingRequest.objects.bulk_create(requests)
    _add_attendees(requests, sides)
    busy: set[tuple[str, int]] = set()  # (delegation key, slot index)
    taken: set[tuple[int, int]] = set()  # (slot index, table index)
    placements = []
    for number, ((a, b, _topic), (sender, receiver)) in enumerate(zip(rows, sides, strict=True)):
        seats = len(sender.people) + len(receiver.people)
        placement = _first_fit(number, (a, b), seats, len(slots), tables, busy, taken)
        if placement is None:
            raise RuntimeError(f"{event.slug}: no slot and table left for {a} and {b}")
        slot, table = placement
        busy |= {(a, slot), (b, slot)}
        taken.add((slot, table))
        placements.append((requests[number], slot, table))
    _check(slots, tables, sides, requests, placements)
    Meeting.objects.bulk_create(
        [
            Meeting(request=request, slot=slots[slot][1], table=tables[table])
            for request, slot, table in placements
        ]
    )
    return len(placements)


def _first_fit(number, keys, seats, slot_count, tables, busy, taken):
    for step in range(slot_count):
        slot = (number + step) % slot_count
        if any((key, slot) in busy for key in keys):
            continue
        fitting = [
            index
            for index, table in enumerate(tables)
            if table.seats >= seats and (slot, index) not in taken
        ]
        if fitting:
            return slot, min(fitting, key=lambda index: tables[index].seats)
    return None


def _check(slots, tables, sides, requests, placements) -> None:
    """The scheduler's own rules: nobody in two meetings at once, a table once per slot and
    large enough."""
    problem = scheduling.Problem(
        slots=[scheduling.Slot(index=i, day=day) for i, (day, _slot) in enumerate(slots)],
        tables=[scheduling.Table(id=table.pk, seats=table.seats) for table in tables],
        requests=[
            scheduling.Request(
                id=request.pk,
                participants=tuple(person.pk for person in sender.people + receiver.people),
            )
            for request, (sender, receiver) in zip(requests, sides, strict=True)
        ],
    )
    broken = scheduling.violations(
        problem,
        [
            scheduling.Placement(request.pk, slot, tables[table].pk)
            for request, slot, table in placements
        ],
    )
    if broken:
        raise RuntimeError("Demo meetings break the scheduling rules: " + "; ".join(broken))
