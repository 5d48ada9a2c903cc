"""Registration by delegation, the staff queue, the participant list, a person's own page."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.roles import is_network_staff, member_ids_for
from wego.core.dates import when
from wego.core.exports import csv_response, xlsx_response
from wego.core.http import id_from
from wego.events.domain import registration as rules
from wego.events.interfaces import registration_exports as exports
from wego.events.interfaces.registration_forms import (
    ChangePersonForm,
    DelegationForm,
    initial_of,
    people_formset,
    questions_of,
    sessions_of,
)
from wego.events.models import Delegation, Event, Registration
from wego.events.services import registration as service

security_log = logging.getLogger("wego.security")
Status = Registration.Status


class EventMixin(PermissionRequiredMixin):
    """Loads the event of the address (drafts: for those who may see them) and checks
    `permission_required` on it."""

    def dispatch(self, request, slug, *args, **kwargs):
        self.event = get_object_or_404(Event, slug=slug)
        return super().dispatch(request, slug, *args, **kwargs)

    def get_permission_object(self):
        return self.event

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            security_log.warning(
                "Event page %s refused to user %s", self.request.path, self.request.user.pk
            )
        return super().handle_no_permission()

    @cached_property
    def deadline(self) -> str:
        return when(service.deadline_of(self.event), self.event.time_zone)


# --- Registering a delegation ---


class RegisterView(EventMixin, View):
    """A new delegation, or more people for one's own delegation."""

    permission_required = "events.register"
    template_name = "events/registration/register.html"

    @cached_property
    def existing(self) -> Delegation | None:
        user = self.request.user
        if is_network_staff(user) or len(member_ids_for(user)) > 1:
            return None  # they choose whom they register for
        return service.delegation_of(self.event, user)

    def forms(self, data=None):
        questions = questions_of(self.event)
        heads = 0
        if self.existing:
            heads = self.existing.registrations.active().filter(role="head").count()
        delegation_form = DelegationForm(data, user=self.request.user, delegation=self.existing)
        people = people_formset(
            data,
            event=self.event,
            questions=questions,
            sessions=sessions_of(self.event),
            heads_already=heads,
        )
        return delegation_form, people

    def page(self, delegation_form=None, people=None, problems=(), status=200):
        event = self.event
        context = {
            "event": event,
            "delegation_form": delegation_form,
            "summary_forms": [delegation_form],
            "people": people,
            "problems": problems,
            "existing": self.existing,
            "deadline": self.deadline,
            "places": places_summary(event),
        }
        return render(self.request, self.template_name, context, status=status)

    def closed(self) -> list[str]:
        phase = service.phase_of(self.event)
        return [] if phase == "open" else [service.refusal_text(phase, self.event)]

    def get(self, request, slug):
        problems = self.closed()
        if problems:
            return self.page(problems=problems)
        return self.page(*self.forms())

    def post(self, request, slug):
        delegation_form, people = self.forms(request.POST)
        problems = self.closed()
        if problems:
            service.logger.warning(
                "Registration refused (%s): event %s, user %s, after the form was opened",
                service.phase_of(self.event),
                self.event.pk,
                request.user.pk,
            )
            return self.page(delegation_form, people, problems, status=400)
        valid = delegation_form.is_valid()
        valid = people.is_valid() and valid
        if not valid:
            return self.page(delegation_form, people, status=400)
        typed = people.people()
        try:
            delegation, made = service.register(
                self.event,
                request.user,
                [person for _index, person in typed],
                member=delegation_form.chosen_member,
                organisation=delegation_form.chosen_organisation,
            )
        except service.Refused as refused:
            show_refusal(refused, delegation_form, people, typed)
            return self.page(delegation_form, people, refused.problems, status=400)
        messages.success(request, registered_message(made))
        return redirect("events:delegation", self.event.slug, delegation.pk)


def show_refusal(refused, delegation_form, people, typed):
    """The refusal next to the field at fault (the member, for a quota; each person's email
    for a duplicate); the typed values stay in the bound forms."""
    for place, fields in refused.people.items():
        index = typed[place][0]
        for name, problem in fields.items():
            people.forms[index].add_error(name, problem)
    if refused.code == rules.OVER_QUOTA:
        if "member" in delegation_form.fields:
            delegation_form.add_error("member", refused.problems[0])
        else:
            people._non_form_errors = people.error_class(refused.problems, error_class="nonform")


def registered_message(made) -> str:
    waiting = sum(1 for r in made if r.status == Status.WAITLISTED)
    text = ngettext("%(count)s person registered.", "%(count)s people registered.", len(made)) % {
        "count": len(made)
    }
    if waiting:
        text += " " + ngettext(
            "The event is full: %(count)s is on the waiting list and will get an email if a "
            "place frees up.",
            "The event is full: %(count)s are on the waiting list and will get an email if a "
            "place frees up.",
            waiting,
        ) % {"count": waiting}
    return text


def places_summary(event) -> str:
    if not event.capacity:
        return ""
    taken = event.registrations.taking_places().count()
    free = max(event.capacity - taken, 0)
    if free == 0:
        return _("The event is full: new people join the waiting list.")
    return ngettext(
        "%(free)s place left of %(capacity)s.", "%(free)s places left of %(capacity)s.", free
    ) % {"free": free, "capacity": event.capacity}


# --- A delegation's own page ---


class DelegationView(EventMixin, View):
    """The people of a delegation: their status, their details to change, a cancel button."""

    permission_required = "events.view_delegation"
    template_name = "events/registration/delegation.html"

    def dispatch(self, request, slug, pk):
        self.delegation = get_object_or_404(
            Delegation.objects.select_related("event", "member"), pk=pk, event__slug=slug
        )
        return super().dispatch(request, slug, pk)

    def get_permission_object(self):
        return self.delegation

    @cached_property
    def may_change(self) -> bool:
        return self.request.user.has_perm("events.change_delegation", self.delegation) and (
            service.phase_of(self.event) != rules.CLOSED
        )

    def people(self):
        return list(
            self.delegation.registrations.select_related("event")
            .prefetch_related("sessions")
            .order_by(service.role_order(), "full_name")
        )

    def change_forms(self, people, data=None):
        questions, sessions = questions_of(self.event), sessions_of(self.event)
        return [
            ChangePersonForm(
                data,
                prefix=f"person-{person.pk}",
                initial=initial_of(person, questions),
                event=self.event,
                questions=questions,
                sessions=sessions,
            )
            for person in people
            if person.status not in (Status.CANCELLED, Status.DECLINED)
        ]

    def page(self, forms=None, problems=(), status=200):
        people = self.people()
        if forms is None and self.may_change:
            forms = self.change_forms(people)
        by_person = {form.prefix: form for form in forms or []}
        rows = [(person, by_person.get(f"person-{person.pk}")) for person in people]
        context = {
            "event": self.event,
            "delegation": self.delegation,
            "rows": rows,
            "forms": forms,
            "has_errors": any(form.errors for form in forms or []),
            "may_change": self.may_change,
            "deadline": self.deadline,
            "closed": service.phase_of(self.event) == rules.CLOSED,
            "problems": problems,
            "can_add": self.may_change
            and self.request.user.has_perm("events.register", self.event),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug, pk):
        return self.page()

    def post(self, request, slug, pk):
        if not request.user.has_perm("events.change_delegation", self.delegation):
            raise PermissionDenied
        if service.phase_of(self.event) == rules.CLOSED:
            problem = service.refusal_text(rules.CLOSED, self.event)
            service.logger.warning(
                "Delegation change refused (closed): event %s, delegation %s, user %s",
                self.event.pk,
                self.delegation.pk,
                request.user.pk,
            )
            return self.page(problems=[problem], status=400)
        if "cancel" in request.POST:
            return self.cancel(request)
        forms = self.change_forms(self.people(), request.POST)
        if not all(form.is_valid() for form in forms):
            return self.page(forms, status=400)
        registrations = {f"person-{r.pk}": r for r in self.people()}
        changed = 0
        for form in forms:
            if not form.has_changed():
                continue
            try:
                service.change(registrations[form.prefix], form.person(), request.user)
                changed += 1
            except service.Refused as refused:
                for name, problem in refused.people.get(0, {}).items():
                    form.add_error(name, problem)
                return self.page(forms, refused.problems, status=400)
        messages.success(
            request,
            ngettext("%(count)s person changed.", "%(count)s people changed.", changed)
            % {"count": changed}
            if changed
            else _("Nothing was changed."),
        )
        return redirect("events:delegation", self.event.slug, self.delegation.pk)

    def cancel(self, request):
        pk = id_from(request.POST["cancel"])
        if pk is None:
            return self.page(problems=[_("Choose the person to cancel.")], status=400)
        registration = get_object_or_404(self.delegation.registrations, pk=pk)
        service.cancel(registration, request.user)
        messages.success(
            request,
            _("The registration of %(name)s is cancelled.") % {"name": registration.full_name},
        )
        return redirect("events:delegation", self.event.slug, self.delegation.pk)


# --- Staff: the queue of registrations ---

STATUS_FILTERS = [value for value, _label in Status.choices]


class RegistrationsView(EventMixin, View):
    """Every registration the staff member looks after (regional staff: their region's
    members), filtered by status; approve or decline one or the selected."""

    permission_required = "events.manage_event"
    template_name = "events/registration/queue.html"

    def queue(self):
        queue = service.staff_queue(self.event, self.request.user)
        status = self.request.GET.get("status", "")
        if status in STATUS_FILTERS:
            queue = queue.filter(status=status)
        return queue

    def get(self, request, slug):
        return self.page()

    def page(self, problems=(), status=200):
        chosen = self.request.GET.get("status", "")
        queue = self.queue().prefetch_related("sessions")
        counts = {}
        for value in service.staff_queue(self.event, self.request.user).values_list(
            "status", flat=True
        ):
            counts[value] = counts.get(value, 0) + 1
        context = {
            "event": self.event,
            "queue": queue,
            "questions": questions_of(self.event),
            "statuses": [(v, label, counts.get(v, 0)) for v, label in Status.choices],
            "chosen": chosen if chosen in STATUS_FILTERS else "",
            "total": sum(counts.values()),
            "problems": problems,
            "places": places_summary(self.event),
            "filter_query": f"status={chosen}" if chosen in STATUS_FILTERS else "",
        }
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, slug):
        action, chosen = decision_of(request.POST)
        if action is None or not chosen:
            return self.page([_("Select at least one person, then approve or decline.")], 400)
        people = service.staff_queue(self.event, request.user).filter(pk__in=chosen)
        done = 0
        for registration in people:
            if not request.user.has_perm("events.approve_registration", registration):
                continue
            if action == "approve":
                done += bool(service.approve(registration, request.user))
            else:
                done += service.decline(registration, request.user) is not None
        text = (
            ngettext("%(count)s person approved.", "%(count)s people approved.", done)
            if action == "approve"
            else ngettext("%(count)s person declined.", "%(count)s people declined.", done)
        )
        messages.success(request, text % {"count": done})
        query = f"?status={request.GET['status']}" if request.GET.get("status") else ""
        return redirect(reverse("events:registrations", args=[self.event.slug]) + query)


def decision_of(data) -> tuple[str | None, list[int]]:
    """("approve" or "decline", the ids): one person's own button, or the selected ones."""
    for action in ("approve", "decline"):
        one = id_from(data.get(f"{action}_one"))
        if one is not None:
            return action, [one]
    action = data.get("action")
    if action not in ("approve", "decline"):
        return None, []
    chosen = (id_from(pk) for pk in data.getlist("selected"))
    return action, [pk for pk in chosen if pk is not None][:1000]


class RegistrationsExportView(EventMixin, View):
    permission_required = "events.manage_event"

    def get(self, request, slug):
        queue = service.staff_queue(self.event, request.user)
        rows = list(exports.registration_rows(self.event, queue, questions_of(self.event)))
        return table_response(request, _("Registrations"), rows, f"{slug}-registrations")


def table_response(request, title, rows, filename):
    if request.GET.get("format") == "csv":
        return csv_response(rows, filename)
    return xlsx_response([(title, rows)], filename, right_to_left=get_language_bidi())


# --- The participant list ---


class ParticipantsView(EventMixin, View):
    """The approved people who agreed to appear, by delegation: for whoever may see the
    event."""

    permission_required = "events.view_event"

    def get(self, request, slug):
        groups = exports.participant_groups(self.event)
        context = {
            "event": self.event,
            "groups": groups,
            "count": sum(len(group["people"]) for group in groups),
        }
        return render(request, "events/registration/participants.html", context)


class ParticipantsExportView(EventMixin, View):
    permission_required = "events.view_event"

    def get(self, request, slug):
        rows = list(exports.participant_rows(self.event))
        return table_response(request, _("Participants"), rows, f"{slug}-participants")


# --- A person's own page ---


class PersonalView(View):
    """What one person registered, by the secret of their link (no account needed)."""

    def dispatch(self, request, slug, token):
        if len(token) > 64:
            raise Http404
        self.registration = get_object_or_404(
            Registration.objects.select_related("event", "delegation__member"),
            event__slug=slug,
            token=token,
        )
        return super().dispatch(request, slug, token)

    def page(self, problems=(), status=200):
        registration = self.registration
        event = registration.event
        context = {
            "registration": registration,
            "event": event,
            "deadline": when(service.deadline_of(event), event.time_zone),
            "starts": when(event.starts_at, event.time_zone),
            "may_cancel": service.can_still_cancel(registration),
            "sessions": list(registration.sessions.all()),
            "answers": answers_of(registration),
            "problems": problems,
        }
        return render(self.request, "events/registration/personal.html", context, status=status)

    def get(self, request, slug, token):
        return self.page()

    def post(self, request, slug, token):
        registration = self.registration
        if "cancel" not in request.POST:
            return self.page(status=400)
        if registration.status in (Status.CANCELLED, Status.DECLINED):
            return self.page([_("This registration is cancelled already.")], status=400)
        try:
            service.cancel(registration)
        except service.Refused as refused:
            return self.page(refused.problems, status=400)
        messages.success(request, _("Your registration is cancelled. An email confirms it."))
        return redirect("events:personal", slug, token)


def answers_of(registration) -> list[tuple[str, str]]:
    answers = []
    for question in questions_of(registration.event):
        value = registration.answers.get(str(question.pk))
        if value:
            answers.append((question.label, exports.answer_text(question, value)))
    return answers


urlpatterns = [
    path("<slug:slug>/register/", RegisterView.as_view(), name="register"),
    path("<slug:slug>/delegation/<int:pk>/", DelegationView.as_view(), name="delegation"),
    path("<slug:slug>/registrations/", RegistrationsView.as_view(), name="registrations"),
    path(
        "<slug:slug>/registrations/export/",
        RegistrationsExportView.as_view(),
        name="registrations_export",
    ),
    path("<slug:slug>/participants/", ParticipantsView.as_view(), name="participants"),
    path(
        "<slug:slug>/participants/export/",
        ParticipantsExportView.as_view(),
        name="participants_export",
    ),
    path("<slug:slug>/me/<str:token>/", PersonalView.as_view(), name="personal"),
]
