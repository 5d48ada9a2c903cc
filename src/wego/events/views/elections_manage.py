"""Preparing and running an election: staff create it with its offices, add resolutions and
step it through (announce, close candidacies, open, close, count and publish); member cities
stand for offices, accredit their voting delegate and give their vote by proxy before voting
opens. The public and delegates' pages are views/elections.py.

No page here touches a ballot: the steps' messages go through django messages, which is fine
for them (they carry nothing of a vote). Every form posts on its own and comes back with what
was typed and its errors beside the fields.
"""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.roles import member_ids_for
from wego.core.exports import csv_response, xlsx_response
from wego.core.http import id_from
from wego.events.interfaces.election_forms import (
    AccreditationForm,
    CandidacyForm,
    ElectionForm,
    ProxyForm,
    ResolutionForm,
    show_refusal,
)
from wego.events.models import Accreditation, Candidacy, Election, Proxy, Registration
from wego.events.services import election_setup as setup
from wego.events.services import elections as service
from wego.events.services.elections import Refused
from wego.events.views.calendar import visible_event
from wego.members.models import Member

security_log = logging.getLogger("wego.security")
TEMPLATES = "events/elections/manage/"


class _LoadsElection(View):
    """The event of the address, and its election as the user may see it (staff: those in
    preparation too), loaded once the permission is checked."""

    def dispatch(self, request, slug, election=None):
        self.event = visible_event(request, slug)
        if election is not None:
            elections = Election.objects.visible_to(request.user).filter(event=self.event)
            self.election = get_object_or_404(elections, pk=election)
        return super().dispatch(request, slug, election)


class ElectionPage(PermissionRequiredMixin, _LoadsElection):
    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            security_log.warning(
                "Election page %s refused to user %s", self.request.path, self.request.user.pk
            )
        return super().handle_no_permission()

    @cached_property
    def by_staff(self) -> bool:
        return self.request.user.has_perm("events.manage_election")

    def render(self, template, context, status=200):
        context = {"event": self.event, "election": getattr(self, "election", None), **context}
        return render(self.request, TEMPLATES + template, context, status=status)


# --- Staff: the election and its questions ------------------------------------------------


class ElectionCreateView(ElectionPage):
    permission_required = "events.manage_election"

    def get(self, request, slug, election=None):
        return self.page(ElectionForm(event=self.event))

    def page(self, form, status=200):
        return self.render("election_form.html", {"form": form}, status)

    def post(self, request, slug, election=None):
        form = ElectionForm(request.POST, event=self.event)
        if not form.is_valid():
            return self.page(form, status=400)
        election = form.save(commit=False)
        election.event = self.event
        setup.create_election(election, form.seats(), form.cleaned_data["host_city"])
        messages.success(
            request,
            _(
                "%(title)s is created and being prepared: only staff see it. Add its "
                "resolutions, then announce it to open candidacies."
            )
            % {"title": election.title},
        )
        return redirect(election.get_absolute_url())


class ElectionEditView(ElectionPage):
    """The election's details, offices and resolutions. Each form says what it is with its
    submit button's `action`: save, add-resolution, remove-resolution."""

    permission_required = "events.manage_election"

    def form(self, data=None):
        # Its own copy: a refused value must not reach the page's headings.
        return ElectionForm(
            data, instance=Election.objects.get(pk=self.election.pk), event=self.event
        )

    def page(self, form=None, resolution_form=None, problems=(), status=200):
        context = {
            "form": form or self.form(),
            "resolutions": list(self.election.resolutions.all()),
            "takes_resolutions": setup.takes_new_questions(self.election),
            "resolution_form": resolution_form or ResolutionForm(prefix="resolution"),
            "problems": problems,
        }
        return self.render("election_form.html", context, status)

    def get(self, request, slug, election):
        return self.page()

    def post(self, request, slug, election):
        handlers = {
            "save": self.save,
            "add-resolution": self.add_resolution,
            "remove-resolution": self.remove_resolution,
        }
        handler = handlers.get(request.POST.get("action", ""))
        if handler is None:
            problem = _("Nothing was changed: the form was not understood.")
            return self.page(problems=[problem], status=400)
        return handler(request)

    def done(self, anchor=""):
        return redirect(
            reverse("events:election_edit", args=[self.event.slug, self.election.pk]) + anchor
        )

    def save(self, request):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        try:
            with transaction.atomic():
                election = form.save()
                setup.change_offices(election, form.seats(), form.cleaned_data["host_city"])
        except Refused as refused:
            show_refusal(form, refused)
            return self.page(form, status=400)
        messages.success(
            request, _("The changes to %(title)s are saved.") % {"title": election.title}
        )
        return redirect(election.get_absolute_url())

    def add_resolution(self, request):
        form = ResolutionForm(request.POST, prefix="resolution")
        if not form.is_valid():
            return self.page(resolution_form=form, status=400)
        try:
            resolution = setup.add_resolution(self.election, form.save(commit=False))
        except Refused as refused:  # candidacies closed: the form is no longer on the page
            return self.page(problems=[refused.message], status=400)
        messages.success(
            request, _("The resolution %(title)s is added.") % {"title": resolution.title}
        )
        return self.done("#resolutions")

    def remove_resolution(self, request):
        pk = id_from(request.POST.get("resolution"))
        resolution = get_object_or_404(self.election.resolutions, pk=pk or 0)
        try:
            setup.remove_resolution(self.election, resolution)
        except Refused as refused:
            return self.page(problems=[refused.message], status=400)
        messages.success(
            request, _("The resolution %(title)s is removed.") % {"title": resolution.title}
        )
        return self.done("#resolutions")


def _step_done(election) -> str:
    return {
        Election.Status.CANDIDACIES: _(
            "The election is announced: member cities can stand for its offices now."
        ),
        Election.Status.READY: _(
            "Candidacies are closed and the ballot order is drawn; it is published on this page."
        ),
        Election.Status.OPEN: _("Voting is open: the accredited delegates can vote now."),
        Election.Status.CLOSED: _(
            "Voting is closed. Enter any paper ballots, then count and publish the result."
        ),
        Election.Status.PUBLISHED: _(
            "The result is counted and published, with the list of ballots anyone can recount."
        ),
    }.get(election.status, _("Done."))


STEPS = {
    "announce": service.announce,
    "close_candidacies": service.close_candidacies,
    "open": service.open_voting,
    "close": service.close_voting,
    "publish": service.count_and_publish,
}


class ElectionStepView(ElectionPage):
    """One step of the election, from its button on the election page; back to that page
    with what happened (a refusal says why: it carries no ballot)."""

    permission_required = "events.manage_election"
    http_method_names = ["post"]

    def post(self, request, slug, election):
        step = STEPS.get(request.POST.get("step", ""))
        if step is None:
            return self.render("bad_step.html", {}, status=400)
        try:
            step(self.election)
        except Refused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _step_done(self.election))
        return redirect(self.election.get_absolute_url())


# --- Candidacies --------------------------------------------------------------------------


class CandidaciesView(ElectionPage):
    """The offices and who stands for each; a city's users stand and withdraw for their
    city, staff for any eligible city. `action`: stand, withdraw."""

    permission_required = "events.act_for_city"

    @cached_property
    def cities(self):
        """The cities one may name (their refusal is the service's to word)."""
        if self.by_staff:
            return Member.objects.order_by("name")
        return Member.objects.filter(pk__in=member_ids_for(self.request.user)).order_by("name")

    @cached_property
    def offered(self) -> list:
        return list(setup.cities_standing_for(self.request.user, self.by_staff).order_by("name"))

    @cached_property
    def open(self) -> bool:
        return setup.takes_candidacies(self.election, self.by_staff)

    def form(self, data=None):
        return CandidacyForm(data, election=self.election, cities=self.cities, offered=self.offered)

    def page(self, form=None, problems=(), status=200):
        mine = member_ids_for(self.request.user)
        offices = [
            {
                "office": office,
                "candidacies": [
                    (c, self.open and (self.by_staff or c.member_id in mine))
                    for c in service.candidacies_in_order(office)
                ],
            }
            for office in self.election.offices.all()
        ]
        context = {
            "offices": offices,
            "open": self.open,
            # A posted form comes back whatever the stage, with its refusal beside the field.
            "form": form or (self.form() if self.open and self.offered else None),
            "offered": self.offered,
            "by_staff": self.by_staff,
            "problems": problems,
        }
        return self.render("candidacies.html", context, status)

    def get(self, request, slug, election):
        return self.page()

    def post(self, request, slug, election):
        if request.POST.get("action") == "withdraw":
            return self.withdraw(request)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        data = form.cleaned_data
        try:
            candidacy = setup.stand(
                data["office"],
                data["member"],
                data["statement"],
                request.user,
                by_staff=self.by_staff,
                offers_to_host=data.get("offers_to_host", False),
            )
        except Refused as refused:
            show_refusal(form, refused)
            return self.page(form, status=400)
        messages.success(
            request,
            _("%(city)s stands for %(office)s.")
            % {"city": candidacy.member.name, "office": candidacy.office.title},
        )
        return redirect("events:election_candidacies", self.event.slug, self.election.pk)

    def withdraw(self, request):
        candidacies = Candidacy.objects.filter(office__election=self.election)
        candidacy = get_object_or_404(
            candidacies.select_related("office", "member"),
            pk=id_from(request.POST.get("candidacy")) or 0,
        )
        if not (self.by_staff or candidacy.member_id in member_ids_for(request.user)):
            raise PermissionDenied
        try:
            setup.withdraw_candidacy(candidacy, request.user, by_staff=self.by_staff)
        except Refused as refused:
            return self.page(problems=[refused.message], status=400)
        messages.success(
            request,
            _("The candidacy of %(city)s for %(office)s is withdrawn.")
            % {"city": candidacy.member.name, "office": candidacy.office.title},
        )
        return redirect("events:election_candidacies", self.event.slug, self.election.pk)


# --- Accreditation ------------------------------------------------------------------------


class AccreditationView(ElectionPage):
    """Each city's voting delegate at the event: a city's users choose theirs, staff for the
    cities they look after, with the table of every city and who is accredited."""

    permission_required = "events.act_for_city"

    def get(self, request, slug, election=None):
        return self.page()

    def check_elections(self):
        if not Election.objects.visible_to(self.request.user).filter(event=self.event).exists():
            raise Http404  # accreditation is for an event with an election

    @cached_property
    def cities(self):
        return setup.accrediting_cities(self.event, self.request.user)

    def page(self, posted=None, status=200):
        self.check_elections()
        rows = setup.accreditation_rows(self.event, self.cities)
        for row in rows:
            member = row["member"]
            if posted is not None and posted.member == member:
                row["form"] = posted
                continue
            accreditation = row["accreditation"]
            row["form"] = AccreditationForm(
                prefix=f"city-{member.pk}",
                event=self.event,
                member=member,
                delegates=row["delegates"],
                initial={"registration": accreditation.registration_id if accreditation else None},
            )
        voting = [row for row in rows if row["votes"]]
        context = {
            "rows": rows,
            "posted_errors": posted if posted is not None and posted.errors else None,
            "locked": any(e.voting_is_open() for e in self.event.elections.all()),
            "by_staff": self.by_staff,
            "accredited": sum(1 for row in voting if row["accreditation"]),
            "voting": len(voting),
        }
        return self.render("accreditation.html", context, status)

    def post(self, request, slug, election=None):
        self.check_elections()
        member = get_object_or_404(self.cities, pk=id_from(request.POST.get("member")) or 0)
        delegates = service.delegates_at(self.event).filter(delegation__member=member)
        form = AccreditationForm(
            request.POST,
            prefix=f"city-{member.pk}",
            event=self.event,
            member=member,
            delegates=list(delegates.order_by("full_name")),
        )
        if not form.is_valid():
            return self.page(form, status=400)
        registration = form.cleaned_data["registration"]
        try:
            service.accredit(self.event, member, registration, by=request.user)
        except Refused as refused:
            show_refusal(form, refused)
            return self.page(form, status=400)
        messages.success(
            request,
            _("%(name)s is accredited to vote for %(city)s.")
            % {"name": registration.full_name, "city": member.name},
        )
        return redirect("events:accreditation", self.event.slug)


def accreditation_table(event, cities):
    yield [_("City"), _("Country"), _("Votes"), _("Voting delegate"), _("Email address")]
    for row in setup.accreditation_rows(event, cities):
        member, accreditation = row["member"], row["accreditation"]
        registration: Registration | None = accreditation.registration if accreditation else None
        yield [
            member.name,
            member.country.name,
            _("Yes") if row["votes"] else _("No (not a full member in good standing)"),
            registration.full_name if registration else _("Not accredited yet"),
            registration.email if registration else "",
        ]


class AccreditationExportView(ElectionPage):
    permission_required = "events.manage_election"

    def get(self, request, slug, election=None):
        if not Election.objects.filter(event=self.event).exists():
            raise Http404
        cities = setup.accrediting_cities(self.event, request.user)
        rows = list(accreditation_table(self.event, cities))
        filename = f"{slug}-accreditation"
        if request.GET.get("format") == "csv":
            return csv_response(rows, filename)
        return xlsx_response(
            [(_("Accreditation"), rows)], filename, right_to_left=get_language_bidi()
        )


# --- Proxies ------------------------------------------------------------------------------


class ProxiesView(ElectionPage):
    """A city that will not vote itself gives its vote to another city's accredited delegate,
    before voting opens; staff see every proxy declared. `action`: declare, withdraw."""

    permission_required = "events.act_for_city"

    @cached_property
    def cities(self):
        """The user's own cities (one that has no vote is told so by the service)."""
        return Member.objects.filter(pk__in=member_ids_for(self.request.user)).order_by("name")

    @cached_property
    def offered(self) -> list:
        return list(setup.proxy_cities(self.request.user))

    @cached_property
    def open(self) -> bool:
        election = self.election
        return (
            election.allows_proxies
            and not setup.voting_has_opened(election)
            and not election.is_counted
        )

    def form(self, data=None):
        return ProxyForm(data, election=self.election, cities=self.cities, offered=self.offered)

    def page(self, form=None, problems=(), status=200):
        proxies = Proxy.objects.filter(election=self.election).select_related(
            "member", "holder__member", "holder__registration"
        )
        if not self.by_staff:
            mine = member_ids_for(self.request.user)
            proxies = proxies.filter(member__in=mine) | proxies.filter(holder__member__in=mine)
        given = {proxy.member_id: proxy for proxy in proxies}
        accredited = set(
            Accreditation.objects.filter(event=self.event).values_list("member_id", flat=True)
        )
        context = {
            "proxies": list(proxies.order_by("member__name")),
            "own": [(city, given.get(city.pk), city.pk in accredited) for city in self.offered],
            "open": self.open,
            # A posted form comes back whatever the stage, with its refusal beside the field.
            "form": form or (self.form() if self.open and self.offered else None),
            "by_staff": self.by_staff,
            "problems": problems,
        }
        return self.render("proxies.html", context, status)

    def get(self, request, slug, election):
        return self.page()

    def post(self, request, slug, election):
        if request.POST.get("action") == "withdraw":
            return self.withdraw(request)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        member, holder = form.cleaned_data["member"], form.cleaned_data["holder"]
        try:
            service.declare_proxy(self.election, member, holder, request.user)
        except Refused as refused:
            show_refusal(form, refused)
            return self.page(form, status=400)
        messages.success(
            request,
            _("%(city)s gives its vote to %(delegate)s, the delegate of %(holder)s.")
            % {
                "city": member.name,
                "delegate": holder.registration.full_name,
                "holder": holder.member.name,
            },
        )
        return redirect("events:election_proxies", self.event.slug, self.election.pk)

    def withdraw(self, request):
        member = get_object_or_404(self.cities, pk=id_from(request.POST.get("member")) or 0)
        try:
            service.withdraw_proxy(self.election, member)
        except Refused as refused:
            return self.page(problems=[refused.message], status=400)
        messages.success(
            request,
            _("%(city)s keeps its own vote: its proxy is withdrawn.") % {"city": member.name},
        )
        return redirect("events:election_proxies", self.event.slug, self.election.pk)


urlpatterns = [
    path("<slug:slug>/elections/new/", ElectionCreateView.as_view(), name="election_new"),
    path(
        "<slug:slug>/elections/<int:election>/edit/",
        ElectionEditView.as_view(),
        name="election_edit",
    ),
    path(
        "<slug:slug>/elections/<int:election>/step/",
        ElectionStepView.as_view(),
        name="election_step",
    ),
    path(
        "<slug:slug>/elections/<int:election>/candidacies/",
        CandidaciesView.as_view(),
        name="election_candidacies",
    ),
    path(
        "<slug:slug>/elections/<int:election>/proxies/",
        ProxiesView.as_view(),
        name="election_proxies",
    ),
    path("<slug:slug>/accreditation/", AccreditationView.as_view(), name="accreditation"),
    path(
        "<slug:slug>/accreditation/export/",
        AccreditationExportView.as_view(),
        name="accreditation_export",
    ),
]
