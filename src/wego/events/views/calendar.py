"""The public side: the calendar of events, an event's page and programme, iCalendar feeds.

Everything reads through `Event.objects.visible_to(user)`: a visitor sees published public
events, anyone with a role also the members-only ones, staff the drafts too. The feed of all
events is what the anonymous public may see (a calendar application signs in as nobody).
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from wego.core.exports import ICS, download
from wego.core.visibility import public
from wego.events.interfaces.calendar_feeds import event_feed, events_feed
from wego.events.interfaces.programme import event_dates, place, programme
from wego.events.models import Event

PAST_PER_PAGE = 20
# The feed of all events carries what is coming and what ended in the last months.
FEED_LOOKBACK = timedelta(days=180)


def event_row(event) -> dict:
    return {
        "event": event,
        "dates": event_dates(event),
        "place": place(event),
        "members_only": event.audience == Event.Audience.MEMBERS,
    }


class CalendarView(View):
    """Upcoming events (soonest first) and past ones (most recent first, by pages)."""

    def get(self, request):
        events = Event.objects.visible_to(request.user).select_related("host_member")
        kinds = dict(Event.Kind.choices)
        kind = request.GET.get("kind", "")
        if kind in kinds:
            events = events.filter(kind=kind)
        else:
            kind = ""
        now = timezone.now()
        upcoming = [event_row(event) for event in events.upcoming(now)]
        past_page = Paginator(events.past(now), PAST_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            "upcoming": upcoming,
            "past": [event_row(event) for event in past_page],
            "page_obj": past_page,
            "kinds": Event.Kind.choices,
            "kind": kind,
            "kind_label": kinds.get(kind, ""),
            "filter_query": f"kind={kind}" if kind else "",
            "can_manage": request.user.has_perm("events.manage_event"),
        }
        return render(request, "events/calendar/calendar.html", context)


def visible_event(request, slug) -> Event:
    """The event, or "not found" for one the user may not see (a draft, members only)."""
    events = Event.objects.visible_to(request.user).select_related("host_member")
    return get_object_or_404(events, slug=slug)


class EventDetailView(View):
    def get(self, request, slug):
        event = visible_event(request, slug)
        days = programme(event)
        over = event.is_over()
        context = {
            "event": event,
            "dates": event_dates(event),
            "place": place(event),
            "members_only": event.audience == Event.Audience.MEMBERS,
            "days": days,
            "rooms": list(event.rooms.all()),
            "is_over": over,
            "show_recording": over and bool(event.recording_url or event.slides_url),
            "can_manage": request.user.has_perm("events.manage_event", event),
            "zone": event.time_zone,
        }
        return render(request, "events/event/detail.html", context)


class CalendarFeedView(View):
    """Every event the public may see that is coming or ended in the last months."""

    def get(self, request):
        since = timezone.now() - FEED_LOOKBACK
        events = public(Event.objects).filter(ends_at__gte=since).order_by("starts_at")
        data = events_feed(events, _("WeGO events"), settings.SITE_URL)
        return download(data, ICS, "wego-events.ics", inline=True)


class EventFeedView(View):
    """One event and its sessions, for whoever may see it."""

    def get(self, request, slug):
        event = visible_event(request, slug)
        feed = event_feed(event, settings.SITE_URL)
        return download(feed, ICS, f"{event.slug}.ics", inline=True)


urlpatterns = [
    path("", CalendarView.as_view(), name="calendar"),
    path("calendar.ics", CalendarFeedView.as_view(), name="feed"),
    path("<slug:slug>/", EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/calendar.ics", EventFeedView.as_view(), name="event_feed"),
]
