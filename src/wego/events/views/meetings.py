"""Matchmaking at an event: interests, suggestions, meeting requests, the schedule, agendas.

- a delegation's users (`events/<slug>/meetings/`): what they offer and seek, whom to meet and
  why, requests received (accept or decline) and sent, their scheduled meetings;
- a person: the times they cannot meet, their own agenda (web, PDF, iCalendar by the secret
  address of their own page);
- network staff (`events/<slug>/schedule/`): slots and tables, the grid, pins and moves, the
  scheduler run in the background, the export.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from wego.core import clock as timeline
from wego.core.dates import clock
from wego.core.exports import EXPORT_FORMATS, ICS, PDF, download, export_response
from wego.core.http import id_from
from wego.events.interfaces.agenda import (
    agenda_context,
    agenda_ics,
    agenda_pdf,
    run_figures,
    schedule_grid,
    schedule_rows,
    unplaced_requests,
)
from wego.events.interfaces.meeting_forms import (
    AnswerForm,
    AvailabilityForm,
    InterestForm,
    MeetingRequestForm,
    PlaceForm,
    SlotsForm,
    TablesForm,
)
from wego.events.interfaces.programme import day_label
from wego.events.models import (
    MatchmakingInterest,
    Meeting,
    MeetingRequest,
    Registration,
)
from wego.events.services import meetings, scheduling
from wego.events.services.suggestions import suggestions_for, titles
from wego.events.views.calendar import visible_event

CLOSED = (Registration.Status.CANCELLED, Registration.Status.DECLINED)


def not_allowed(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


# --- a delegation's matchmaking page -----------------------------------------------------------


class DelegationMixin:
    """The pages of a delegation's users at an event; `?delegation=<pk>` when they act for
    several."""

    def dispatch(self, request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.event = visible_event(request, slug)
        own = [
            d
            for d in meetings.delegations_acted_for(self.event, request.user).select_related(
                "member"
            )
            if request.user.has_perm("events.change_delegation", d)
        ]
        if not own:
            raise PermissionDenied
        wanted = request.GET.get("delegation", "")
        chosen = [d for d in own if str(d.pk) == wanted]
        self.delegation = (chosen or own)[0]
        self.own = own
        return super().dispatch(request, slug, *args, **kwargs)

    def here(self, name="events:meetings") -> str:
        url = reverse(name, kwargs={"slug": self.event.slug})
        return url + (f"?delegation={self.delegation.pk}" if len(self.own) > 1 else "")


def speaker_for(delegation, user):
    """Whose interests the delegation states: the user's own registration, else the head's."""
    people = meetings.people_attending(delegation)
    return people.filter(user=user).first() or (meetings.default_attendees(delegation) or [None])[0]


class MeetingsView(DelegationMixin, View):
    template_name = "events/meetings/meetings.html"

    def get(self, request, slug):
        meetings.bring_in_matchmaking(self.event)
        return self.render_page()

    def post(self, request, slug):
        action = request.POST.get("action", "")
        if action == "remove-interest":
            wanted = request.POST.get("interest", "")
            MatchmakingInterest.objects.filter(
                pk=id_from(wanted) or 0,
                registration__delegation=self.delegation,
            ).delete()
            messages.success(request, _("The interest is removed."))
            return redirect(self.here())
        form = InterestForm(request.POST)
        speaker = speaker_for(self.delegation, request.user)
        if speaker is None:
            form.add_error(None, _("Your delegation has nobody approved for this event yet."))
        if not form.is_valid():
            return self.render_page(interest_form=form, status=400)
        data = form.cleaned_data
        MatchmakingInterest.objects.create(
            registration=speaker,
            direction=data["direction"],
            indicator_code=data["indicator_code"],
            practice=data["practice"],
            text=data["text"],
        )
        messages.success(request, _("Saved. Suggestions below take it into account."))
        return redirect(self.here())

    def render_page(self, interest_form=None, refused=None, status=200):
        delegation = self.delegation
        forms = {refused[0].pk: refused[1]} if refused else {}
        requests = MeetingRequest.objects.filter(event=self.event).select_related(
            "from_delegation__member", "to_delegation__member", "meeting__slot", "meeting__table"
        )
        received = [
            (r, forms.get(r.pk) or AnswerForm(prefix=f"r{r.pk}"))
            for r in requests.filter(to_delegation=delegation)
        ]
        sent = requests.filter(from_delegation=delegation)
        scheduled = (
            Meeting.objects.filter(
                Q(request__from_delegation=delegation) | Q(request__to_delegation=delegation),
                request__status=MeetingRequest.Status.ACCEPTED,
            )
            .select_related(
                "slot",
                "table",
                "request__from_delegation__member",
                "request__to_delegation__member",
            )
            .order_by("slot__starts_at")
        )
        names = titles(self.request.LANGUAGE_CODE)
        interests = [
            (i, names.get(i.indicator_code, i.indicator_code))
            for i in MatchmakingInterest.objects.filter(
                registration__delegation=delegation
            ).select_related("practice", "registration")
        ]
        context = {
            "event": self.event,
            "delegation": delegation,
            "own": self.own,
            "at_event": meetings.is_at_event(delegation, self.event),
            "interests": interests,
            "interest_form": interest_form or InterestForm(),
            "suggestions": suggestions_for(delegation),
            "names": names,
            "received": received,
            "sent": sent,
            "scheduled": [(m, clock(m.slot.starts_at, self.event.time_zone)) for m in scheduled],
            "query": f"?delegation={delegation.pk}" if len(self.own) > 1 else "",
        }
        return render(self.request, self.template_name, context, status=status)


class MeetingNewView(DelegationMixin, View):
    template_name = "events/meetings/new.html"

    def form(self, data=None, initial=None):
        choices = [
            d for d in meetings.registered_delegations(self.event) if d.pk != self.delegation.pk
        ]
        return MeetingRequestForm(
            data, initial=initial, delegation=self.delegation, choices=choices
        )

    def page(self, form, status=200):
        context = {"event": self.event, "delegation": self.delegation, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        indicator = request.GET.get("indicator", "")[:20]
        wanted = request.GET.get("to", "")
        initial = {
            "to_delegation": id_from(wanted) or "",
            "indicator": indicator,
            "topic": titles(request.LANGUAGE_CODE).get(indicator, ""),
            "message": _(
                "Hello, we would like to learn from your experience on this topic. Could we "
                "meet during the event?"
            ),
        }
        return self.page(self.form(initial=initial))

    def post(self, request, slug):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        data = form.cleaned_data
        asked = meetings.Ask(
            to_delegation=data["to_delegation"],
            topic=data["topic"],
            message=data["message"],
            indicator_code=data["indicator"],
            priority=data["priority"],
            attendees=tuple(data["attendees"]),
        )
        try:
            sent = meetings.ask(self.event, self.delegation, asked, request.user)
        except meetings.Refused as refusal:
            form.add_error(refusal.field, refusal.message)
            return self.page(form, status=400)
        messages.success(
            request,
            _("Your request is sent to %(name)s. You will get an email when they answer.")
            % {"name": sent.to_delegation.name},
        )
        return redirect(self.here())


class MeetingAnswerView(MeetingsView):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        asked = get_object_or_404(MeetingRequest, pk=pk, event=self.event)
        if not request.user.has_perm("events.answer_meeting_request", asked):
            raise PermissionDenied
        form = AnswerForm(request.POST, prefix=f"r{asked.pk}")
        if not form.is_valid():
            return self.render_page(refused=(asked, form), status=400)
        accepted = form.cleaned_data["decision"] == "accept"
        try:
            meetings.answer(asked, accepted, form.cleaned_data["answer"], request.user)
        except meetings.Refused as refusal:
            form.add_error(None, refusal.message)
            return self.render_page(refused=(asked, form), status=400)
        messages.success(
            request, _("Your answer is sent to %(name)s.") % {"name": asked.from_delegation.name}
        )
        return redirect(self.here())


class MeetingCancelView(DelegationMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        mine = [d.pk for d in self.own]
        asked = get_object_or_404(
            MeetingRequest.objects.filter(Q(from_delegation__in=mine) | Q(to_delegation__in=mine)),
            pk=pk,
            event=self.event,
        )
        try:
            meetings.cancel(asked, request.user, self.own)
        except meetings.Refused as refusal:
            messages.error(request, refusal.message)
            return redirect(self.here())
        messages.success(request, _("The meeting request is cancelled; the other side is told."))
        return redirect(self.here())


# --- a person: availability and agenda ---------------------------------------------------------


def own_registration(request, event):
    return (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status__in=CLOSED)
        .select_related("delegation__member", "event")
        .first()
    )


class PersonMixin:
    def dispatch(self, request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.event = visible_event(request, slug)
        self.registration = own_registration(request, self.event)
        return super().dispatch(request, slug, *args, **kwargs)

    def nobody(self):
        context = {"event": self.event}
        return render(self.request, "events/meetings/not_registered.html", context, status=404)


class AvailabilityView(PersonMixin, View):
    template_name = "events/meetings/availability.html"

    def page(self, form, status=200):
        context = {"event": self.event, "registration": self.registration, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        if self.registration is None:
            return self.nobody()
        initial = {"unavailable": list(self.registration.unavailable_slots.all())}
        return self.page(AvailabilityForm(initial=initial, event=self.event))

    def post(self, request, slug):
        if self.registration is None:
            return self.nobody()
        form = AvailabilityForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.page(form, status=400)
        self.registration.unavailable_slots.set(form.cleaned_data["unavailable"])
        messages.success(
            request, _("Saved. The next schedule keeps these times free of meetings for you.")
        )
        return redirect("events:availability", slug=self.event.slug)


class AgendaView(PersonMixin, View):
    def get(self, request, slug):
        if self.registration is None:
            return self.nobody()
        context = agenda_context(self.registration)
        return render(request, "events/meetings/agenda.html", context)


class AgendaPdfView(PersonMixin, View):
    def get(self, request, slug):
        if self.registration is None:
            return self.nobody()
        return download(agenda_pdf(self.registration), PDF, f"{slug}-agenda.pdf", inline=True)


def registration_by_token(slug, token) -> Registration:
    registration = (
        Registration.objects.filter(event__slug=slug, token=token)
        .exclude(status__in=CLOSED)
        .select_related("event", "delegation__member")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


@method_decorator(never_cache, name="dispatch")
class AgendaFeedView(View):
    """The person's agenda for calendar applications, by the secret address of their page."""

    def get(self, request, slug, token):
        registration = registration_by_token(slug, token)
        return download(agenda_ics(registration), ICS, f"{slug}-agenda.ics")


@method_decorator(never_cache, name="dispatch")
class PersonalAgendaPdfView(View):
    def get(self, request, slug, token):
        registration = registration_by_token(slug, token)
        return download(agenda_pdf(registration), PDF, f"{slug}-agenda.pdf", inline=True)


# --- staff: the schedule -----------------------------------------------------------------------


class StaffMixin:
    def dispatch(self, request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.event = visible_event(request, slug)
        if not request.user.has_perm("events.schedule_meetings", self.event):
            raise PermissionDenied
        return super().dispatch(request, slug, *args, **kwargs)


def grid_days(rows, zone: str) -> list[dict]:
    """The grid's rows by day in the venue's zone: a heading per day, then its times (14:00)."""
    days: list[dict] = []
    for row in rows:
        local = timeline.local(row["slot"].starts_at, zone)
        if not days or days[-1]["date"] != local.date():
            day = local.date()
            days.append({"date": day, "iso": day.isoformat(), "label": day_label(day), "rows": []})
        days[-1]["rows"].append(
            row | {"time": date_format(local, "H:i"), "time_iso": local.isoformat()}
        )
    return days


class ScheduleView(StaffMixin, View):
    template_name = "events/meetings/schedule.html"

    def get(self, request, slug):
        if request.GET.get("format") in EXPORT_FORMATS:
            return export_response(
                request, _("Meetings"), schedule_rows(self.event), f"{slug}-meetings"
            )
        return self.render_page()

    def render_page(self, slots_form=None, tables_form=None, place=None, status=200):
        event = self.event
        run = scheduling.latest_run(event)
        accepted = event.meeting_requests.filter(status=MeetingRequest.Status.ACCEPTED)
        # One request at a time gets its move form (chosen from the grid or the list): a form
        # per meeting, each listing every slot and table, would weigh megabytes at an Assembly.
        waiting = list(
            accepted.filter(meeting__isnull=True).select_related(
                "from_delegation__member", "to_delegation__member"
            )
        )
        grid = schedule_grid(event)
        chosen = place[0] if place else id_from(self.request.GET.get("move"))
        moving = self.moving(accepted, chosen, place[1] if place else None)
        context = {
            "event": event,
            "slots_form": slots_form or SlotsForm(),
            "tables_form": tables_form or TablesForm(),
            "grid": grid,
            "grid_days": grid_days(grid["rows"], event.time_zone),
            "moving": moving,
            "waiting": waiting,
            "can_place": bool(grid["rows"] and grid["tables"]),
            "accepted": accepted.count(),
            "pending": event.meeting_requests.filter(status=MeetingRequest.Status.PENDING).count(),
            "figures": run_figures(run),
            "run": run,
            "unplaced": unplaced_requests(run) if run and run.finished_at else [],
        }
        return render(self.request, self.template_name, context, status=status)

    def moving(self, accepted, chosen, refused_form) -> dict | None:
        """The request chosen to place or move by hand, its meeting if it has one, and the
        form (the refused one again, with its message, after a failed move)."""
        asked = (
            accepted.filter(pk=chosen)
            .select_related("from_delegation__member", "to_delegation__member")
            .first()
            if chosen
            else None
        )
        if asked is None:
            return None
        meeting = Meeting.objects.filter(request=asked).first()
        initial = {"slot": meeting.slot_id, "table": meeting.table_id} if meeting else {}
        form = refused_form or PlaceForm(event=self.event, prefix=f"p{asked.pk}", initial=initial)
        return {"request": asked, "meeting": meeting, "form": form}

    def post(self, request, slug):
        action = request.POST.get("action", "")
        event = self.event
        if action == "slots":
            form = SlotsForm(request.POST)
            if not form.is_valid():
                return self.render_page(slots_form=form, status=400)
            d = form.cleaned_data
            made = scheduling.generate_slots(
                event, d["first_day"], d["last_day"], d["start"], d["end"], d["minutes"]
            )
            messages.success(request, _("%(count)s slots added.") % {"count": made})
        elif action == "tables":
            form = TablesForm(request.POST)
            if not form.is_valid():
                return self.render_page(tables_form=form, status=400)
            made = scheduling.add_tables(
                event, form.cleaned_data["count"], form.cleaned_data["seats"]
            )
            messages.success(request, _("%(count)s tables added.") % {"count": made})
        elif action in ("remove-slots", "remove-tables"):
            gone = scheduling.remove_free(event, action.removeprefix("remove-"))
            messages.success(
                request, _("%(count)s removed (those without meetings).") % {"count": gone}
            )
        elif action == "bring-in":
            made = meetings.bring_in_matchmaking(event)
            messages.success(
                request,
                _("%(count)s matchmaking requests brought into the event.") % {"count": made},
            )
        elif action == "run":
            run = scheduling.start_schedule(event, request.user)
            if run.finished_at is None:
                return redirect("core:job", pk=run.job_id)
            messages.success(
                request,
                _("The schedule is made: %(placed)s of %(accepted)s meetings placed.")
                % {"placed": run.meetings, "accepted": run.requests},
            )
        return redirect("events:schedule", slug=event.slug)


class PlaceView(ScheduleView):
    """Put an accepted request at a slot and table, or move its meeting there (pinned)."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        asked = get_object_or_404(MeetingRequest, pk=pk, event=self.event)
        form = PlaceForm(request.POST, event=self.event, prefix=f"p{pk}")
        if not form.is_valid():
            return self.render_page(place=(pk, form), status=400)
        try:
            scheduling.place(asked, form.cleaned_data["slot"], form.cleaned_data["table"])
        except meetings.Refused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
            return self.render_page(place=(pk, form), status=400)
        messages.success(request, _("The meeting is placed and pinned; its people are emailed."))
        return redirect("events:schedule", slug=self.event.slug)


class PinView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug, pk):
        meeting = get_object_or_404(Meeting, request_id=pk, request__event=self.event)
        pinned = request.POST.get("pinned") == "1"
        scheduling.set_pinned(meeting, pinned)
        messages.success(
            request,
            _("Pinned: the next run keeps this meeting where it is.")
            if pinned
            else _("Unpinned: the next run may move this meeting."),
        )
        return redirect("events:schedule", slug=self.event.slug)


urlpatterns = [
    path("<slug:slug>/meetings/", MeetingsView.as_view(), name="meetings"),
    path("<slug:slug>/meetings/new/", MeetingNewView.as_view(), name="meeting_new"),
    path(
        "<slug:slug>/meetings/<int:pk>/answer/",
        MeetingAnswerView.as_view(),
        name="meeting_answer",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/cancel/",
        MeetingCancelView.as_view(),
        name="meeting_cancel",
    ),
    path("<slug:slug>/meetings/availability/", AvailabilityView.as_view(), name="availability"),
    path("<slug:slug>/schedule/", ScheduleView.as_view(), name="schedule"),
    path("<slug:slug>/schedule/<int:pk>/place/", PlaceView.as_view(), name="meeting_place"),
    path("<slug:slug>/schedule/<int:pk>/pin/", PinView.as_view(), name="meeting_pin"),
    path("<slug:slug>/agenda/", AgendaView.as_view(), name="agenda"),
    path("<slug:slug>/agenda.pdf", AgendaPdfView.as_view(), name="agenda_pdf"),
    path("<slug:slug>/me/<str:token>/agenda.ics", AgendaFeedView.as_view(), name="agenda_feed"),
    path(
        "<slug:slug>/me/<str:token>/agenda.pdf",
        PersonalAgendaPdfView.as_view(),
        name="personal_agenda_pdf",
    ),
]
