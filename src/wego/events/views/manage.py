"""Staff prepare events: details, programme, rooms, speakers, questions.

Network staff (`events.manage_event`) create an event as a draft, publish it with the form's
"Published" box, and build its programme: rooms first, then sessions with their speakers. No
JavaScript: each form posts on its own and the page comes back with what was typed and its
errors beside the fields.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.core.http import id_from
from wego.events.interfaces.event_forms import (
    EventForm,
    RoomForm,
    SessionForm,
    time_zone_names,
)
from wego.events.interfaces.programme import event_dates, programme
from wego.events.models import Event
from wego.events.services.registration import fill_free_places

EVENT_TEMPLATE = "events/manage/event_form.html"
PROGRAMME_TEMPLATE = "events/manage/programme.html"


class StaffView(PermissionRequiredMixin, View):
    permission_required = "events.manage_event"


class EventCreateView(StaffView):
    """A new event starts as a draft unless "Published" is ticked."""

    def page(self, request, form, status=200):
        context = {"form": form, "time_zones": time_zone_names()}
        return render(request, EVENT_TEMPLATE, context, status=status)

    def get(self, request):
        return self.page(request, EventForm())

    def post(self, request):
        form = EventForm(request.POST)
        if not form.is_valid():
            return self.page(request, form, status=400)
        event = form.save()
        messages.success(
            request,
            _("%(title)s is created. Add its rooms and programme now.") % {"title": event.title},
        )
        return redirect("events:programme", slug=event.slug)


class EventEditView(StaffView):
    def page(self, request, event, form, status=200):
        context = {"event": event, "form": form, "time_zones": time_zone_names()}
        return render(request, EVENT_TEMPLATE, context, status=status)

    def get(self, request, slug):
        event = get_object_or_404(Event, slug=slug)
        return self.page(request, event, EventForm(instance=event))

    def post(self, request, slug):
        event = get_object_or_404(Event, slug=slug)
        # The form gets its own copy: a refused value must not reach the page's headings.
        form = EventForm(request.POST, instance=Event.objects.get(pk=event.pk))
        if not form.is_valid():
            return self.page(request, event, form, status=400)
        event = form.save()
        # More places (or none now): the first people waiting get those free, and are emailed.
        promoted = len(fill_free_places(event))
        if event.published:
            saved = _("The changes to %(title)s are saved; it is published.")
        else:
            saved = _("The changes to %(title)s are saved; it is a draft, seen by staff only.")
        saved = saved % {"title": event.title}
        if promoted:
            saved += " " + ngettext(
                "%(count)s person on the waiting list got a place and is emailed.",
                "%(count)s people on the waiting list got a place and are emailed.",
                promoted,
            ) % {"count": promoted}
        messages.success(request, saved)
        return redirect("events:edit", slug=event.slug)


class ProgrammeView(StaffView):
    """Rooms and sessions of one event. `?session=<pk>` opens a session's form to change it.

    Each form says what it is with its submit button's `action`: add-room, delete-room,
    save-session (a new one, or `session` = its pk), delete-session.
    """

    def page(self, request, event, session_form=None, room_form=None, status=200):
        editing = None
        if session_form is None:
            editing = self.session_of(event, request.GET.get("session"))
            session_form = SessionForm(instance=editing, event=event, prefix="session")
        else:
            editing = session_form.instance if session_form.instance.pk else None
        context = {
            "event": event,
            "dates": event_dates(event),
            "days": programme(event),
            "rooms": list(event.rooms.all()),
            "session_form": session_form,
            "editing": editing,
            "room_form": room_form or RoomForm(prefix="room"),
            "zone": event.time_zone,
        }
        return render(request, PROGRAMME_TEMPLATE, context, status=status)

    @staticmethod
    def session_of(event, pk):
        if id_from(pk) is None:
            return None
        return get_object_or_404(event.sessions, pk=id_from(pk))

    def get(self, request, slug):
        return self.page(request, get_object_or_404(Event, slug=slug))

    def post(self, request, slug):
        event = get_object_or_404(Event, slug=slug)
        action = request.POST.get("action", "")
        handlers = {
            "add-room": self.add_room,
            "delete-room": self.delete_room,
            "save-session": self.save_session,
            "delete-session": self.delete_session,
        }
        if action not in handlers:
            messages.error(request, _("Nothing was changed: the form was not understood."))
            return self.page(request, event, status=400)
        return handlers[action](request, event)

    def done(self, event):
        return redirect("events:programme", slug=event.slug)

    def add_room(self, request, event):
        form = RoomForm(request.POST, prefix="room")
        if not form.is_valid():
            return self.page(request, event, room_form=form, status=400)
        room = form.save(commit=False)
        room.event = event
        room.save()
        messages.success(request, _("The room %(name)s is added.") % {"name": room.name})
        return self.done(event)

    def delete_room(self, request, event):
        room = get_object_or_404(event.rooms, pk=request.POST.get("room") or 0)
        room.delete()  # its sessions stay, without a room
        messages.success(request, _("The room %(name)s is removed.") % {"name": room.name})
        return self.done(event)

    def save_session(self, request, event):
        editing = self.session_of(event, request.POST.get("session"))
        form = SessionForm(request.POST, instance=editing, event=event, prefix="session")
        if not form.is_valid():
            return self.page(request, event, session_form=form, status=400)
        with transaction.atomic():
            session = form.save()
        if editing:
            saved = _("The session %(title)s is saved.")
        else:
            saved = _("The session %(title)s is added to the programme.")
        messages.success(request, saved % {"title": session.title})
        return self.done(event)

    def delete_session(self, request, event):
        session = get_object_or_404(event.sessions, pk=request.POST.get("session") or 0)
        session.delete()
        messages.success(
            request,
            _("The session %(title)s is removed from the programme.") % {"title": session.title},
        )
        return self.done(event)


urlpatterns = [
    path("new/", EventCreateView.as_view(), name="new"),
    path("<slug:slug>/edit/", EventEditView.as_view(), name="edit"),
    path("<slug:slug>/programme/", ProgrammeView.as_view(), name="programme"),
]
