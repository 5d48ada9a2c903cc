"""The scheduling service on a small event: the schedule respects people, sessions, pins and
tables; the staff's page tells why a request is not placed; agendas show the meetings."""

import subprocess
from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from tests.events_factories import (
    DelegationFactory,
    EventFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import make_member, make_secretariat, make_user
from wego.events.domain import scheduling as maths
from wego.events.models import Meeting, MeetingRequest, Registration
from wego.events.services import scheduling

pytestmark = pytest.mark.django_db


def delegation(event, name, people=1):
    member = make_member(name=name, name_en=name)
    made = DelegationFactory(event=event, member=member)
    for n in range(people):
        RegistrationFactory(
            delegation=made,
            full_name=f"{name} person {n + 1}",
            role=Registration.Role.HEAD if n == 0 else Registration.Role.DELEGATE,
        )
    return made


def accepted(event, first, second, priority=1, attendees=()):
    request = MeetingRequest.objects.create(
        event=event,
        from_delegation=first,
        to_delegation=second,
        topic=f"{first.name} meets {second.name}",
        priority=priority,
        status=MeetingRequest.Status.ACCEPTED,
    )
    if attendees:
        request.attendees.set(attendees)
    return request


@pytest.fixture
def event():
    made = EventFactory()
    day = (made.starts_at + timedelta(hours=9)).astimezone(ZoneInfo(made.time_zone))
    scheduling.generate_slots(made, day.date(), day.date(), time(9), time(11), 30)  # 4 slots
    scheduling.add_tables(made, 2, 4)
    return made


def run(event, user=None):
    return scheduling.start_schedule(event, user)


def test_slots_and_tables_are_set_up_in_the_venue_zone(event):
    slots = list(event.slots.all())
    assert len(slots) == 4 and event.tables.count() == 2
    local = slots[0].starts_at.astimezone(ZoneInfo("Asia/Seoul"))
    assert (local.hour, local.minute) == (9, 0)
    # Asked again, nothing is doubled.
    assert scheduling.generate_slots(event, local.date(), local.date(), time(9), time(11), 30) == 0


def test_nobody_is_double_booked_and_sessions_are_respected(event):
    a, b, c, d = (delegation(event, name) for name in ("Seoul", "Busan", "Daegu", "Ulsan"))
    requests = [accepted(event, a, b, 3), accepted(event, a, c, 2), accepted(event, a, d)]
    requests.append(accepted(event, b, c))
    # Seoul's head attends a session over the first slot.
    slots = list(event.slots.order_by("starts_at"))
    session = SessionFactory(event=event, starts_at=slots[0].starts_at, ends_at=slots[0].ends_at)
    head = a.registrations.get()
    head.sessions.add(session)
    done = run(event)
    assert done.finished_at is not None and done.meetings == 4 and done.requests == 4
    built = scheduling.build_problem(event)
    placements = [
        maths.Placement(m.request_id, m.slot_id, m.table_id) for m in Meeting.objects.all()
    ]
    assert maths.violations(built.problem, placements) == []
    seoul_slots = [m.slot_id for m in Meeting.objects.filter(request__from_delegation=a)]
    assert len(set(seoul_slots)) == 3 and slots[0].pk not in seoul_slots
    assert done.upper_bound >= done.weighted and done.job.status == "done"


def test_pins_are_kept_after_a_rerun(event):
    a, b, c = (delegation(event, name) for name in ("Seoul", "Busan", "Daegu"))
    first, second = accepted(event, a, b), accepted(event, b, c)
    last_slot = event.slots.order_by("-starts_at").first()
    table = event.tables.last()
    scheduling.place(first, last_slot, table)
    run(event)
    run(event)
    pinned = Meeting.objects.get(request=first)
    assert (pinned.slot, pinned.table, pinned.pinned) == (last_slot, table, True)
    assert Meeting.objects.get(request=second).slot != last_slot  # Busan is at both


def test_a_move_that_double_books_is_refused_with_a_reason(event):
    a, b, c = (delegation(event, name) for name in ("Seoul", "Busan", "Daegu"))
    first, second = accepted(event, a, b), accepted(event, a, c)
    slot = event.slots.first()
    tables = list(event.tables.all())
    scheduling.place(first, slot, tables[0])
    with pytest.raises(scheduling.Refused, match="already has a meeting at that time"):
        scheduling.place(second, slot, tables[1])
    with pytest.raises(scheduling.Refused, match="is taken at that time"):
        scheduling.place(second, slot, tables[0])


def test_a_request_needing_seven_seats_at_four_seat_tables_says_no_table(client, event):
    big, other = delegation(event, "Seoul", people=4), delegation(event, "Busan", people=3)
    everyone = list(Registration.objects.filter(delegation__in=[big, other]))
    too_big = accepted(event, big, other, attendees=everyone)
    staff = make_secretariat()
    client.force_login(staff)
    url = reverse("events:schedule", kwargs={"slug": event.slug})
    response = client.post(url, {"action": "run"})
    assert response.status_code == 302
    assert not Meeting.objects.filter(request=too_big).exists()
    page = client.get(url).content.decode()
    assert "No table with enough seats" in page
    assert "0 of 1" in page and "Proven the best possible" in page
    export = client.get(url + "?format=csv")
    assert export.status_code == 200


def test_agenda_web_pdf_and_ical_show_the_meeting_and_changes_are_emailed_once(client, event):
    a, b = delegation(event, "Seoul"), delegation(event, "Busan")
    request = accepted(event, a, b)
    mail.outbox.clear()
    run(event)
    head = a.registrations.get()
    emailed = [m.to[0] for m in mail.outbox]
    assert sorted(emailed) == sorted([head.email, b.registrations.get().email])
    assert "Seoul and Busan" in mail.outbox[0].body and "New:" in mail.outbox[0].body
    mail.outbox.clear()
    run(event)  # nothing changed: nobody is emailed again
    assert mail.outbox == []

    feed = client.get(
        reverse("events:agenda_feed", kwargs={"slug": event.slug, "token": head.token})
    )
    calendar = Calendar.from_ical(feed.content)
    summaries = [str(c.get("summary")) for c in calendar.walk("VEVENT")]
    assert summaries == [f"Meeting with Busan: {request.topic}"]

    pdf = client.get(
        reverse("events:personal_agenda_pdf", kwargs={"slug": event.slug, "token": head.token})
    )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    assert "Meeting with Busan" in text

    user = make_user()
    head.user = user
    head.save()
    client.force_login(user)
    page = client.get(reverse("events:agenda", kwargs={"slug": event.slug})).content.decode()
    table = Meeting.objects.get(request=request).table.name
    assert "Meeting with Busan" in page and table in page


def test_the_schedule_page_shows_one_move_form_at_a_time_and_a_refused_move_keeps_it(client, event):
    """Staff choose a meeting in the grid (or a request in the list) to move it: one form, not
    one per meeting (hundreds at an Assembly, each listing every slot and table)."""
    a, b, c = (delegation(event, name) for name in ("Seoul", "Busan", "Daegu"))
    first, second, third = accepted(event, a, b), accepted(event, a, c), accepted(event, b, c)
    slot = event.slots.first()
    tables = list(event.tables.all())
    scheduling.place(first, slot, tables[0])
    scheduling.place(second, event.slots.all()[1], tables[0])
    client.force_login(make_secretariat())
    url = reverse("events:schedule", kwargs={"slug": event.slug})
    page = client.get(url).content.decode()
    assert page.count('/place/" novalidate') == 0
    assert f"?move={third.pk}#move-title" in page  # the waiting request: placed by hand from here
    assert f"?move={first.pk}#move-title" in page  # the grid's meeting
    chosen = client.get(url, {"move": first.pk}).content.decode()
    assert chosen.count('/place/" novalidate') == 1 and "Pin or move a meeting" in chosen
    # Moving Seoul-Busan to where Seoul meets Daegu: refused, said next to the form, kept open.
    refused = client.post(
        reverse("events:meeting_place", kwargs={"slug": event.slug, "pk": first.pk}),
        {f"p{first.pk}-slot": event.slots.all()[1].pk, f"p{first.pk}-table": tables[1].pk},
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "already has a meeting at that time" in text and text.count('/place/" novalidate') == 1
    assert Meeting.objects.get(request=first).slot == slot  # nothing moved
