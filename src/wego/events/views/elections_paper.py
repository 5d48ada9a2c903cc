"""The paper-ballot fallback, for network staff (docs/elections.md, "Paper fallback").

`events/<slug>/elections/<election>/paper/`: print the sheets (a PDF of fresh codes), record
each city as its delegate hands in a sheet, enter every sheet (twice, by two staff members),
and confirm: the sheets become ballots once both entries agree.

Sheet codes and choices are shown to staff here (they hold the sheets anyway), never beside a
city, and never put in a message, the session or an address: a refusal or a mismatch is shown
in the response to the form itself. Every response is `Cache-Control: no-store`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wego.core.exports import PDF, download
from wego.core.http import id_from
from wego.events.domain.elections import InvalidBallot
from wego.events.interfaces.paper_forms import (
    PaperSheetForm,
    PaperVoteForm,
    SheetCountForm,
    mismatch_lines,
)
from wego.events.interfaces.paper_sheets import SheetTooLong, paper_sheets_pdf
from wego.events.models import Election, PaperEntry
from wego.events.services import elections as service
from wego.events.services import elections_paper as paper
from wego.events.views.calendar import visible_event

TEMPLATE = "events/elections/paper/paper.html"


@method_decorator(never_cache, name="dispatch")
class PaperMixin:
    """Network staff only; the election of the event in the address."""

    def dispatch(self, request, slug, election):
        self.event = visible_event(request, slug)
        if not request.user.has_perm("events.manage_election", self.event):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if id_from(election) is None:
            raise Http404
        self.election = get_object_or_404(
            Election.objects.filter(event=self.event).prefetch_related("offices", "resolutions"),
            pk=id_from(election),
        )
        return super().dispatch(request, slug, election)

    def here(self, fragment: str = "") -> str:
        url = reverse("events:election_paper", args=[self.event.slug, self.election.pk])
        return url + (f"#{fragment}" if fragment else "")

    def page(self, status: int = 200, **given):
        """The paper page, with the forms given (bound, with their errors) or fresh ones."""
        election = self.election
        voting = election.voting_is_open()
        entering = paper.sheets_may_be_entered(election)
        context = {
            "event": self.event,
            "election": election,
            "voting": voting,
            "entering": entering,
            "can_print": bool(election.seed),
            "voted": service.voted_count(election),
            "eligible": election.eligible
            if election.eligible is not None
            else service.eligible_members().count(),
            "typists": paper.typists(election),
            "mine": PaperEntry.objects.filter(
                election=election, entered_by=self.request.user
            ).count(),
            **given,
        }
        if voting and "vote_form" not in given:
            context["vote_form"] = PaperVoteForm(election=election)
        if entering and "entry_form" not in given:
            context["entry_form"] = PaperSheetForm(election=election)
        if election.seed and "count_form" not in given:
            context["count_form"] = SheetCountForm(initial={"count": context["eligible"] or 1})
        return render(self.request, TEMPLATE, context, status=status)


class PaperView(PaperMixin, View):
    def get(self, request, slug, election):
        return self.page()


class PaperVoteView(PaperMixin, View):
    """A delegate hands in their city's sheet: the city's voter record is written."""

    def post(self, request, slug, election):
        form = PaperVoteForm(request.POST, election=self.election)
        if not form.is_valid():
            return self.page(400, vote_form=form)
        member = form.cleaned_data["member"]
        try:
            paper.record_paper_vote(self.election, member, request.user)
        except service.Refused as refused:
            form.add_error("member", refused.message)
            return self.page(400, vote_form=form)
        messages.success(
            request,
            _("%(city)s has voted: its sheet, without the stub, goes in the ballot box.")
            % {"city": member.name},
        )
        return redirect(self.here("hand-in-title"))


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PaperEntryView(PaperMixin, View):
    """One staff member types one sheet."""

    def post(self, request, slug, election):
        form = PaperSheetForm(request.POST, election=self.election)
        if not form.is_valid():
            return self.page(400, entry_form=form)
        try:
            paper.enter_sheet(
                self.election, request.user, form.cleaned_data["sheet"], form.choices()
            )
        except InvalidBallot as invalid:
            form.add_problems(invalid.problems)
            return self.page(400, entry_form=form)
        except service.Refused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
            return self.page(400, entry_form=form)
        mine = PaperEntry.objects.filter(election=self.election, entered_by=request.user).count()
        messages.success(
            request,
            ngettext(
                "The sheet is entered. You have entered %(count)s sheet.",
                "The sheet is entered. You have entered %(count)s sheets.",
                mine,
            )
            % {"count": mine},
        )
        return redirect(self.here("entry-title"))


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PaperRemoveView(PaperMixin, View):
    """A staff member removes their own entry of one sheet (a code typed wrongly), or all of
    their entries (`sheet` not given)."""

    def post(self, request, slug, election):
        removed = paper.remove_entries(self.election, request.user, request.POST.get("sheet", ""))
        messages.success(
            request,
            ngettext(
                "%(count)s of your entries is removed.",
                "%(count)s of your entries are removed.",
                removed,
            )
            % {"count": removed},
        )
        return redirect(self.here("entry-title"))


class PaperConfirmView(PaperMixin, View):
    """The two entries are compared; the ballots are written when they agree."""

    def post(self, request, slug, election):
        try:
            done = paper.confirm(self.election, request.user)
        except service.Refused as refused:
            return self.page(400, confirm_error=refused.message)
        if not done.agreed:
            titles = {o.key: o.title for o in self.election.offices.all()}
            titles |= {r.key: r.title for r in self.election.resolutions.all()}
            lines = mismatch_lines(
                done.mismatches, titles, done.first, done.second, request.user.pk
            )
            return self.page(mismatches=lines)
        messages.success(
            request,
            ngettext(
                "The two entries agree: %(count)s paper ballot is added to the ballot box, "
                "and the entries are deleted.",
                "The two entries agree: %(count)s paper ballots are added to the ballot box, "
                "and the entries are deleted.",
                done.ballots,
            )
            % {"count": done.ballots},
        )
        return redirect(self.here("confirm-title"))


class PaperSheetsView(PaperMixin, View):
    """`?count=N` printable sheets, each with a fresh code (made for this PDF, kept nowhere)."""

    def get(self, request, slug, election):
        if not self.election.seed:
            return self.page(
                400,
                print_error=_(
                    "The sheets list the candidates in the ballot order, drawn when "
                    "candidacies close: print them after that."
                ),
            )
        form = SheetCountForm(request.GET)
        if not form.is_valid():
            return self.page(400, count_form=form)
        try:
            data = paper_sheets_pdf(self.election, form.cleaned_data["count"])
        except SheetTooLong:
            return self.page(
                400,
                count_form=form,
                print_error=_(
                    "The ballot does not fit on one A4 page, even in smaller print: shorten "
                    "the titles of the offices and resolutions, then print again."
                ),
            )
        name = f"{self.event.slug}-election-{self.election.pk}-paper-ballots.pdf"
        return download(data, PDF, name, inline=True)


urlpatterns = [
    path(
        "<slug:slug>/elections/<int:election>/paper/",
        PaperView.as_view(),
        name="election_paper",
    ),
    path(
        "<slug:slug>/elections/<int:election>/paper/vote/",
        PaperVoteView.as_view(),
        name="election_paper_vote",
    ),
    path(
        "<slug:slug>/elections/<int:election>/paper/entry/",
        PaperEntryView.as_view(),
        name="election_paper_entry",
    ),
    path(
        "<slug:slug>/elections/<int:election>/paper/remove/",
        PaperRemoveView.as_view(),
        name="election_paper_remove",
    ),
    path(
        "<slug:slug>/elections/<int:election>/paper/confirm/",
        PaperConfirmView.as_view(),
        name="election_paper_confirm",
    ),
    path(
        "<slug:slug>/elections/<int:election>/paper/sheets.pdf",
        PaperSheetsView.as_view(),
        name="election_paper_sheets",
    ),
]
