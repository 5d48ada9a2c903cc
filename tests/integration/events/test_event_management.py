"""Staff prepare an event: its details typed in the venue's time zone, a draft until published,
its rooms and programme; bad input is refused beside its field, the rest kept; others may not."""

import html
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests.events_factories import EventFactory, SessionFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.events.models import Event, Room, Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_secretariat())
    return client


def event_data(**changes) -> dict:
    data = {
        "kind": "general-assembly",
        "title_en": "WeGO General Assembly 2026",
        "title_ko": "2026 WeGO 총회",
        "title_ar": "الجمعية العامة 2026",
        "slug": "general-assembly-2026",
        "summary_en": "The network meets in Cheongju.",
        "audience": "public",
        "language": "en",
        "time_zone": "Asia/Seoul",
        "starts_at": "2026-09-08T09:00",
        "ends_at": "2026-09-10T18:00",
        "venue_en": "Cheongju Arts Centre",
        "city_en": "Cheongju",
        "country": "KR",
        "registration_deadline": "2026-08-31T23:59",
        "needs_approval": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def field_errors(page: str, name: str) -> str:
    """The error list shown beside one field (empty when there is none)."""
    found = re.search(rf'<ul class="field-errors" id="id_{name}_error">(.*?)</ul>', page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_staff_create_an_event_typed_in_the_venue_time_zone(staff_client):
    response = staff_client.post(reverse("events:new"), event_data())

    event = Event.objects.get(slug="general-assembly-2026")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:programme", args=[event.slug])
    # 09:00 in Seoul is 00:00 UTC; 23:59 on 31 August there is 14:59 UTC.
    assert event.starts_at == datetime(2026, 9, 8, 0, 0, tzinfo=UTC)
    assert event.registration_deadline == datetime(2026, 8, 31, 14, 59, tzinfo=UTC)
    assert (event.title_ko, event.title_ar) == ("2026 WeGO 총회", "الجمعية العامة 2026")
    assert event.published is False  # a draft until published

    form = staff_client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert 'value="2026-09-08T09:00"' in form  # shown again as the venue's clock


def test_bad_times_and_zone_are_refused_beside_their_fields_the_rest_kept(staff_client):
    response = staff_client.post(
        reverse("events:new"),
        event_data(ends_at="2026-09-07T18:00", registration_deadline="2026-09-20T12:00"),
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "cannot end before it starts" in field_errors(page, "ends_at")
    assert 'value="2026 WeGO 총회"' in page  # what was typed is kept
    assert 'value="2026-09-07T18:00"' in page
    assert not Event.objects.exists()

    deadline = staff_client.post(
        reverse("events:new"), event_data(registration_deadline="2026-09-20T12:00")
    ).content.decode()
    assert "deadline cannot be after the event ends" in field_errors(
        deadline, "registration_deadline"
    )

    unknown = staff_client.post(reverse("events:new"), event_data(time_zone="Mars/Olympus"))
    text = unknown.content.decode()
    assert unknown.status_code == 400
    assert "Mars/Olympus is not a time zone name" in field_errors(text, "time_zone")
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_time_zone_error', text)
    assert 'value="Cheongju Arts Centre"' in text

    nonsense = staff_client.post(reverse("events:new"), event_data(starts_at="next tuesday"))
    assert "Enter a date and a time" in field_errors(nonsense.content.decode(), "starts_at")


def test_a_slug_taken_by_the_platform_pages_is_refused(staff_client):
    response = staff_client.post(reverse("events:new"), event_data(slug="new"))
    assert response.status_code == 400
    assert "taken by the platform" in field_errors(response.content.decode(), "slug")


def test_staff_publish_a_draft_from_the_edit_form(staff_client, client):
    event = EventFactory(published=False, title="Workshop on AI")
    data = event_data(slug=event.slug, title_en="Workshop on AI in cities", published="on")

    response = staff_client.post(reverse("events:edit", args=[event.slug]), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.published is True
    assert event.title_en == "Workshop on AI in cities"
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 200


def test_staff_build_the_programme_rooms_and_sessions(staff_client):
    event = EventFactory(
        time_zone="Asia/Shanghai",
        starts_at=datetime(2026, 11, 3, 0, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 6, 9, 0, tzinfo=UTC),
    )
    url = reverse("events:programme", args=[event.slug])
    staff_client.post(
        url, {"action": "add-room", "room-name_en": "Grand Hall", "room-capacity": "500"}
    )
    hall = Room.objects.get(event=event)
    assert (hall.name, hall.capacity) == ("Grand Hall", 500)

    response = staff_client.post(
        url,
        {
            "action": "save-session",
            "session-title_en": "Opening ceremony",
            "session-title_ko": "개막식",
            "session-title_ar": "حفل الافتتاح",
            "session-kind": "ceremony",
            "session-starts_at": "2026-11-04T09:00",
            "session-ends_at": "2026-11-04T10:30",
            "session-room": str(hall.pk),
            "session-speakers_text": "Kim Min-su — Seoul Metropolitan Government\nAmina Diallo",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert session.starts_at == datetime(2026, 11, 4, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
    assert session.title_ar == "حفل الافتتاح"
    speakers = [(s.name, s.affiliation) for s in session.speakers.all()]
    assert speakers == [("Kim Min-su", "Seoul Metropolitan Government"), ("Amina Diallo", "")]

    page = staff_client.get(url).content.decode()
    assert "09:00–10:30" in page and "Opening ceremony" in page

    edit = staff_client.get(url, {"session": session.pk}).content.decode()
    assert 'value="2026-11-04T09:00"' in edit
    assert "Kim Min-su — Seoul Metropolitan Government" in edit

    staff_client.post(
        url,
        {
            "action": "save-session",
            "session": str(session.pk),
            "session-title_en": "Opening ceremony and welcome",
            "session-kind": "ceremony",
            "session-starts_at": "2026-11-04T09:30",
            "session-ends_at": "2026-11-04T10:30",
            "session-speakers_text": "Kim Min-su — Seoul",
        },
    )
    session.refresh_from_db()
    assert session.title_en == "Opening ceremony and welcome"
    assert session.starts_at == datetime(2026, 11, 4, 1, 30, tzinfo=UTC)
    assert [s.affiliation for s in session.speakers.all()] == ["Seoul"]

    staff_client.post(url, {"action": "delete-session", "session": str(session.pk)})
    assert not Session.objects.filter(event=event).exists()
    staff_client.post(url, {"action": "delete-room", "room": str(hall.pk)})
    assert not Room.objects.filter(event=event).exists()


def test_a_bad_session_is_refused_beside_its_field_and_kept(staff_client):
    event = EventFactory(
        time_zone="Asia/Shanghai",
        starts_at=datetime(2026, 11, 3, 0, 0, tzinfo=UTC),
        ends_at=datetime(2026, 11, 6, 9, 0, tzinfo=UTC),
    )
    url = reverse("events:programme", args=[event.slug])
    data = {
        "action": "save-session",
        "session-title_en": "Roundtable of mayors",
        "session-kind": "roundtable",
        "session-starts_at": "2026-11-04T11:00",
        "session-ends_at": "2026-11-04T10:00",
    }
    response = staff_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "cannot end before it starts" in field_errors(page, "session-ends_at")
    assert 'value="Roundtable of mayors"' in page

    outside = staff_client.post(
        url,
        {**data, "session-starts_at": "2026-12-01T09:00", "session-ends_at": "2026-12-01T10:00"},
    )
    assert "outside the event's dates" in field_errors(
        outside.content.decode(), "session-starts_at"
    )
    assert not Session.objects.exists()

    unknown = staff_client.post(url, {"action": "no-such-thing"})
    assert unknown.status_code == 400


def test_a_session_of_another_event_cannot_be_changed_here(staff_client):
    event, other = EventFactory(), EventFactory()
    foreign = SessionFactory(event=other)
    url = reverse("events:programme", args=[event.slug])
    assert staff_client.get(url, {"session": foreign.pk}).status_code == 404
    response = staff_client.post(url, {"action": "delete-session", "session": str(foreign.pk)})
    assert response.status_code == 404
    assert Session.objects.filter(pk=foreign.pk).exists()


def test_people_other_than_staff_may_not_prepare_events(client):
    event = EventFactory()
    routes = [
        reverse("events:new"),
        reverse("events:edit", args=[event.slug]),
        reverse("events:programme", args=[event.slug]),
    ]
    for url in routes:
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(make_user(Role.FOCAL_POINT, member=make_member()))
    for url in routes:
        assert client.get(url).status_code == 403
    assert client.post(routes[0], event_data()).status_code == 403
    assert not Event.objects.filter(slug="general-assembly-2026").exists()
