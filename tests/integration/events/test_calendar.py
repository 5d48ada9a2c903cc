"""The public side of events: the calendar, an event's page and programme in the venue's time
zone, who sees what, and the iCalendar feeds."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.events_factories import EventFactory, SessionFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.events.models import Event, Room, Speaker

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    client.force_login(user)


@pytest.fixture
def events():
    soon = timezone.now().replace(microsecond=0) + timedelta(days=20)
    return {
        "public": EventFactory(title="Open Smart City Forum", starts_at=soon),
        "members": EventFactory(
            title="Executive Committee of the network",
            kind=Event.Kind.EXECUTIVE_COMMITTEE,
            audience=Event.Audience.MEMBERS,
            starts_at=soon + timedelta(days=5),
        ),
        "draft": EventFactory(title="Draft training programme", published=False, starts_at=soon),
    }


def test_a_visitor_sees_published_public_events_only(client, events):
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Open Smart City Forum" in page
    assert "Executive Committee of the network" not in page
    assert "Draft training programme" not in page
    for hidden in ("members", "draft"):
        response = client.get(events[hidden].get_absolute_url())
        assert response.status_code == 404
        feed = client.get(reverse("events:event_feed", args=[events[hidden].slug]))
        assert feed.status_code == 404


def test_a_city_user_sees_members_only_events_marked_but_not_drafts(client, events):
    sign_in(client, make_user(Role.CITY_USER, member=make_member()))
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Executive Committee of the network" in page
    assert "Members only" in page
    assert "Draft training programme" not in page
    detail = client.get(events["members"].get_absolute_url())
    assert detail.status_code == 200
    assert "Members only" in detail.content.decode()
    assert client.get(events["draft"].get_absolute_url()).status_code == 404


def test_staff_see_drafts_marked_as_drafts(client, events):
    sign_in(client, make_secretariat())
    page = client.get(reverse("events:calendar")).content.decode()
    assert "Draft training programme" in page
    detail = client.get(events["draft"].get_absolute_url()).content.decode()
    assert "Draft: seen by staff only" in detail
    assert reverse("events:edit", args=[events["draft"].slug]) in detail


def test_upcoming_soonest_first_past_most_recent_first_and_filter_by_kind(client):
    now = timezone.now()
    EventFactory(title="Later assembly", starts_at=now + timedelta(days=90))
    EventFactory(title="Sooner assembly", starts_at=now + timedelta(days=10))
    EventFactory(
        title="Old webinar",
        kind=Event.Kind.WEBINAR,
        starts_at=now - timedelta(days=400),
        ends_at=now - timedelta(days=400) + timedelta(hours=2),
    )
    EventFactory(title="Recent assembly", starts_at=now - timedelta(days=40))
    page = client.get(reverse("events:calendar")).content.decode()
    upcoming, past = page.split("Past events", 1)
    assert upcoming.index("Sooner assembly") < upcoming.index("Later assembly")
    assert past.index("Recent assembly") < past.index("Old webinar")

    webinars = client.get(reverse("events:calendar"), {"kind": "webinar"}).content.decode()
    assert "Old webinar" in webinars
    assert "Sooner assembly" not in webinars
    unknown = client.get(reverse("events:calendar"), {"kind": "<script>"})
    assert unknown.status_code == 200
    assert "Sooner assembly" in unknown.content.decode()


def test_the_event_page_reads_dates_and_programme_in_the_venue_time_zone(client):
    # 3-6 November 2014 in Shanghai; the first session at 01:00 UTC is 09:00 there.
    event = EventFactory(
        title="WeGO General Assembly 2014",
        time_zone="Asia/Shanghai",
        starts_at=datetime(2014, 11, 3, 0, 0, tzinfo=UTC),
        ends_at=datetime(2014, 11, 6, 9, 0, tzinfo=UTC),
        venue="Chengdu Century City",
        city="Chengdu",
        country="CN",
    )
    hall = Room.objects.create(event=event, name="Grand Hall", name_en="Grand Hall", capacity=800)
    opening = SessionFactory(
        event=event,
        title="Opening ceremony",
        starts_at=datetime(2014, 11, 4, 1, 0, tzinfo=UTC),
        ends_at=datetime(2014, 11, 4, 2, 30, tzinfo=UTC),
        room=hall,
    )
    Speaker.objects.create(session=opening, name="Kim Min-su", affiliation_en="Seoul")
    # 17:30 UTC on the 4th is already the 5th in Shanghai: it belongs to the 5th's programme.
    SessionFactory(
        event=event,
        title="Night workshop",
        starts_at=datetime(2014, 11, 4, 17, 30, tzinfo=UTC),
        ends_at=datetime(2014, 11, 4, 18, 30, tzinfo=UTC),
    )

    page = client.get(event.get_absolute_url()).content.decode()

    assert "3–6 November 2014 (Asia/Shanghai)" in page
    assert "Times are in the venue's time zone, Asia/Shanghai." in page
    assert '<time datetime="2014-11-04T01:00:00Z">09:00</time>' in page
    assert '<time datetime="2014-11-04T02:30:00Z">10:30</time>' in page
    assert "Room: Grand Hall" in page
    assert "800 places" in page
    assert "Kim Min-su" in page and "(Seoul)" in page
    tuesday, wednesday = page.index("Tuesday 4 November 2014"), page.index("Wednesday 5 November")
    assert tuesday < page.index("Opening ceremony") < wednesday < page.index("Night workshop")
    assert "01:30" in page[wednesday:]
    assert "local-time.js" in page
    assert reverse("events:event_feed", args=[event.slug]) in page
    assert reverse("events:feed") in page


def test_a_past_webinar_keeps_its_recording_and_slides(client):
    start = timezone.now() - timedelta(days=3)
    webinar = EventFactory(
        title="Open data webinar",
        kind=Event.Kind.WEBINAR,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        venue="",
        city="",
        country="",
        online_url="https://meet.example.org/open-data",
        recording_url="https://video.example.org/open-data",
        slides_url="https://files.example.org/open-data.pdf",
        time_zone="Europe/Madrid",
    )
    page = client.get(webinar.get_absolute_url()).content.decode()
    assert "Watch the recording" in page and "https://video.example.org/open-data" in page
    assert "See the slides" in page and "https://files.example.org/open-data.pdf" in page
    assert "(Europe/Madrid)" in page
    calendar = client.get(reverse("events:calendar")).content.decode()
    assert "Online" in calendar


def test_an_event_page_in_arabic(client):
    event = EventFactory(title="Assembly", title_ar="الجمعية العامة")
    response = client.get("/ar" + event.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in page
    assert "الجمعية العامة" in page


def parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_the_feed_of_all_events_carries_what_the_public_sees_in_utc(client, events):
    recent_start = timezone.now() - timedelta(days=30)
    EventFactory(title="Recent public forum", starts_at=recent_start)
    EventFactory(title="Long ago forum", starts_at=timezone.now() - timedelta(days=800))
    make_user(Role.CITY_USER, email="private.person@example.org")

    response = client.get(reverse("events:feed"))

    items = {str(item["summary"]): item for item in parse(response).walk("VEVENT")}
    assert set(items) == {"Open Smart City Forum", "Recent public forum"}
    public = items["Open Smart City Forum"]
    assert public["uid"] == f"event-{events['public'].pk}@we-gov.org"
    assert public.decoded("dtstart") == events["public"].starts_at
    assert public["dtstart"].to_ical().endswith(b"Z")
    assert public["url"].endswith(events["public"].get_absolute_url())
    assert "Seoul City Hall" in str(public["location"])
    assert b"private.person" not in response.content


def test_the_feed_of_one_event_has_its_sessions_with_stable_uids(client):
    event = EventFactory(time_zone="Asia/Shanghai", venue="Chengdu Century City")
    room = Room.objects.create(event=event, name="Room A", name_en="Room A")
    session = SessionFactory(
        event=event,
        title="Master class on open data",
        starts_at=event.starts_at + timedelta(hours=2),
        room=room,
    )
    Speaker.objects.create(session=session, name="Amina Diallo", affiliation_en="Dakar")

    first = parse(client.get(reverse("events:event_feed", args=[event.slug])))
    again = parse(client.get(reverse("events:event_feed", args=[event.slug])))

    items = {str(item["uid"]): item for item in first.walk("VEVENT")}
    assert set(items) == {f"event-{event.pk}@we-gov.org", f"session-{session.pk}@we-gov.org"}
    assert {str(i["uid"]) for i in again.walk("VEVENT")} == set(items)
    item = items[f"session-{session.pk}@we-gov.org"]
    assert "Master class on open data" in str(item["summary"])
    assert item.decoded("dtstart") == session.starts_at
    assert item["dtstart"].to_ical().endswith(b"Z")
    assert "Room A" in str(item["location"])
    assert "Amina Diallo (Dakar)" in str(item["description"])


def test_the_sitemap_lists_public_events_only(client, events):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert events["public"].get_absolute_url() in sitemap
    assert events["members"].get_absolute_url() not in sitemap
    assert events["draft"].get_absolute_url() not in sitemap


def test_the_main_navigation_links_to_events(client):
    page = client.get(reverse("site:home")).content.decode()
    assert f'href="{reverse("events:calendar")}"' in page
