"""An event's dates and programme as a person reads them: in the venue's time zone, named.

The server keeps instants in UTC; a delegate in Seoul reads the General Assembly in Cheongju at
09:00, and a webinar run from Madrid at 14:00 (Europe/Madrid). Each time also carries its UTC
instant (`iso`), so that local-time.js can add the reader's own clock beside it.
"""

from itertools import groupby

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wego.core import clock
from wego.core.dates import iso_utc


def date_range(starts, ends, zone: str) -> str:
    """ "3–6 November 2014", "28 October – 2 November 2014", or one day's date, in `zone`."""
    first, last = clock.local(starts, zone).date(), clock.local(ends, zone).date()
    if first == last:
        return date_format(first, "DATE_FORMAT")
    if (first.year, first.month) == (last.year, last.month):
        return _("%(first_day)s–%(last_day)s %(month)s") % {
            "first_day": first.day,
            "last_day": last.day,
            "month": date_format(first, "YEAR_MONTH_FORMAT"),
        }
    if first.year == last.year:
        start = date_format(first, "MONTH_DAY_FORMAT")
    else:
        start = date_format(first, "DATE_FORMAT")
    return _("%(first)s – %(last)s") % {"first": start, "last": date_format(last, "DATE_FORMAT")}


def time_of_day(moment, zone: str) -> str:
    return date_format(clock.local(moment, zone), "TIME_FORMAT")


def event_dates(event) -> str:
    """The event's dates in the venue's zone, with the zone named; one day's event also says
    its hours ("12 March 2026, 14:00–15:30 (Europe/Madrid)")."""
    zone = event.time_zone
    dates = date_range(event.starts_at, event.ends_at, zone)
    if clock.local(event.starts_at, zone).date() == clock.local(event.ends_at, zone).date():
        dates = _("%(date)s, %(start)s–%(end)s") % {
            "date": dates,
            "start": time_of_day(event.starts_at, zone),
            "end": time_of_day(event.ends_at, zone),
        }
    return _("%(dates)s (%(zone)s)") % {"dates": dates, "zone": zone}


def place(event) -> str:
    """Where it happens, in a few words: "Cheongju, Republic of Korea", or "Online"."""
    online_kind = event.kind == event.Kind.WEBINAR and not event.venue
    if event.is_online or online_kind:
        return _("Online")
    parts = [part for part in (event.city, event.country.name if event.country else "") if part]
    comma = pgettext("between the items of a short list", ", ")
    where = comma.join(str(part) for part in parts) or event.venue
    if where and event.online_url:
        return _("%(place)s and online") % {"place": where}
    return where or _("Place to be announced")


def day_label(day) -> str:
    return _("%(weekday)s %(date)s") % {
        "weekday": date_format(day, "l"),
        "date": date_format(day, "DATE_FORMAT"),
    }


def session_row(session, zone: str) -> dict:
    starts, ends = clock.local(session.starts_at, zone), clock.local(session.ends_at, zone)
    return {
        "session": session,
        "start": date_format(starts, "TIME_FORMAT"),
        "end": date_format(ends, "TIME_FORMAT")
        if ends.date() == starts.date()
        else date_format(ends, "DATETIME_FORMAT"),
        "start_iso": iso_utc(session.starts_at),
        "end_iso": iso_utc(session.ends_at),
        "room": session.room,
        "places": session.places,
        "speakers": list(session.speakers.all()),
    }


def programme(event, sessions=None) -> list[dict]:
    """The sessions grouped by day as a clock at the venue shows it, soonest first."""
    zone = event.time_zone
    if sessions is None:
        sessions = event.sessions.select_related("room").prefetch_related("speakers")
    ordered = sorted(sessions, key=lambda s: (s.starts_at, s.title))
    days = []
    for day, items in groupby(ordered, key=lambda s: clock.local(s.starts_at, zone).date()):
        days.append(
            {
                "date": day,
                "iso": day.isoformat(),
                "label": day_label(day),
                "sessions": [session_row(s, zone) for s in items],
            }
        )
    return days
