"""iCalendar feeds: the network's events, and one event with its programme.

Times go out as UTC instants (`DTSTART:20141103T000000Z`), which every calendar application
places in its reader's own zone; the venue's zone is said in the description. UIDs are stable
(`event-<pk>@we-gov.org`, `session-<pk>@we-gov.org`), so a subscribed calendar updates an item
instead of adding it twice. No personal data: titles, places, times and addresses only.
"""

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from wego.core.text import plain_text
from wego.events.interfaces.programme import event_dates

UID_DOMAIN = "we-gov.org"


def new_calendar(name: str, product: str = "Events") -> Calendar:
    """An empty calendar named for the subscriber's list of calendars."""
    calendar = Calendar()
    calendar.add("prodid", f"-//WeGO Platform//{product}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(event) -> str:
    if event.is_online:
        return event.online_url
    parts = [event.venue, event.city, event.country.name if event.country else ""]
    return ", ".join(str(part) for part in parts if part)


def event_item(event, site_url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.created_at)
    item.add("url", f"{site_url}{event.get_absolute_url()}")
    location = _location(event)
    if location:
        item.add("location", location)
    description = [event.get_kind_display(), event_dates(event)]
    if event.summary:
        description.append(plain_text(event.summary))
    item.add("description", "\n\n".join(str(line) for line in description))
    item.add("categories", [event.get_kind_display()])
    return item


def session_item(session, event, site_url: str) -> CalendarEvent:
    item = CalendarEvent()
    item.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
    item.add("summary", f"{session.title} · {event.title}")
    item.add("dtstart", session.starts_at)
    item.add("dtend", session.ends_at)
    item.add("dtstamp", event.created_at)
    item.add("url", f"{site_url}{event.get_absolute_url()}#session-{session.pk}")
    room = session.room.name if session.room_id else ""
    location = ", ".join(part for part in (room, _location(event)) if part)
    if location:
        item.add("location", location)
    lines = [session.get_kind_display()]
    speakers = [
        f"{s.name} ({s.affiliation})" if s.affiliation else s.name for s in session.speakers.all()
    ]
    if speakers:
        lines.append(", ".join(speakers))
    if session.description:
        lines.append(plain_text(session.description))
    item.add("description", "\n\n".join(str(line) for line in lines))
    return item


def events_feed(events, name: str, site_url: str) -> bytes:
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(event_item(event, site_url))
    return calendar.to_ical()


def event_feed(event, site_url: str) -> bytes:
    """The event itself and each session of its programme."""
    calendar = new_calendar(event.title)
    calendar.add_component(event_item(event, site_url))
    sessions = event.sessions.select_related("room").prefetch_related("speakers")
    for session in sessions:
        calendar.add_component(session_item(session, event, site_url))
    return calendar.to_ical()
