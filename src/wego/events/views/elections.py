"""Elections at an event, as delegates and the public see them.

- `events/<slug>/elections/`: the event's elections, each with its phase and voting window;
- `…/<election>/`: one election: the window, the quorum and the turnout, the offices and their
  candidates in the published ballot order (and how to check it), the resolutions; a link to
  vote for each city the reader votes for; the staff's actions; once published the result,
  the fingerprint, the download, the find-your-ballot form and the recount;
- `…/vote/`: the ballot, and the receipt in the response to the vote itself;
- `…/receipt/`: a ballot found by its receipt code (typed, sent by POST);
- `…/ballots.json` and `…/recount/`: the published list and the server's own recount.

The secret ballot (docs/elections.md): the vote's pages are never cached (`no-store` on every
response, refusals included), its form data is marked sensitive, and nothing here logs a vote,
a choice or a receipt; the receipt is shown once, rendered in the response to the vote.
"""

import hashlib
import logging

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from wego.core.exports import download
from wego.core.http import id_from
from wego.core.views import page_not_found
from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.interfaces import election_results as results
from wego.events.interfaces.ballot_forms import BallotForm, ReceiptForm
from wego.events.models import Election
from wego.events.services import elections as service
from wego.events.views.calendar import visible_event

# Looking a ballot up: refusals are logged with the election's id, never the code typed.
log = logging.getLogger("wego.events.elections")

JSON = "application/json"
BEFORE_VOTING = (Election.Status.PREPARING, Election.Status.CANDIDACIES, Election.Status.READY)


def visible_election(request, slug, election) -> Election:
    """The election of the event, or "not found" when the reader may not see it (an
    election in preparation, an event they may not see) or the id is no id."""
    event = visible_event(request, slug)
    pk = id_from(election)
    if pk is None:
        raise Http404
    elections = Election.objects.visible_to(request.user).filter(event=event)
    found = get_object_or_404(elections, pk=pk)
    found.event = event  # the one just read, with its host member, as the event pages read it
    return found


def is_staff_of(user, event) -> bool:
    """Those who run the election (the permission the staff's actions include checks too)."""
    return user.has_perm("events.manage_election", event)


def window_context(election) -> dict:
    return {"window": results.window(election), "zone": election.event.time_zone}


# --- the event's elections --------------------------------------------------------------------


class ElectionsView(View):
    def get(self, request, slug):
        event = visible_event(request, slug)
        rows = []
        for election in Election.objects.visible_to(request.user).filter(event=event):
            election.event = event
            current = results.phase(election)
            rows.append(
                {
                    "election": election,
                    "label": results.phase_label(current),
                    "sentence": results.phase_sentence(current),
                    "window": results.window(election),
                }
            )
        context = {"event": event, "rows": rows, "zone": event.time_zone}
        return render(request, "events/elections/list.html", context)


# --- one election -----------------------------------------------------------------------------


class ElectionView(View):
    def get(self, request, slug, election):
        election = visible_election(request, slug, election)
        current = results.phase(election)
        document = service.published_document(election) if election.is_published else None
        staff = is_staff_of(request.user, election.event)
        counting = current in (results.OPEN, results.ENDED, Election.Status.CLOSED)
        context = {
            "event": election.event,
            "election": election,
            "phase": current,
            "phase_label": results.phase_label(current),
            "phase_sentence": results.phase_sentence(current),
            "voting_open": current == results.OPEN,
            "before_voting": current in BEFORE_VOTING,
            "quorum": results.quorum_sentence(election),
            "turnout": results.turnout_sentence(election) if counting else "",
            "offices": results.offices_on_ballot(election),
            "resolutions": [
                (r, results.majority_label(r.majority)) for r in election.resolutions.all()
            ],
            "cities": service.cities_voted_for_by(request.user, election),
            "staff": staff,
            # Staff follow who has voted; once published, everyone sees the list.
            "voted": results.cities_that_voted(election) if staff or document else [],
            "result": results.published_result(election, document) if document else None,
            "receipt_form": ReceiptForm(),
            "download_name": ballots_filename(election),
            **window_context(election),
        }
        return render(request, "events/elections/detail.html", context)


# --- voting -----------------------------------------------------------------------------------


# never_cache: `Cache-Control: no-store` (with no-cache, private, max-age=0) on every response
# the view returns, its refusals included, which is why they are pages and not exceptions.
@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class VoteView(View):
    """The ballot (GET), the vote (POST): the receipt is in the response, never a redirect.
    Every refusal is a page of this view (not an exception), so that it is never cached."""

    def dispatch(self, request, slug, election):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            self.election = visible_election(request, slug, election)
        except Http404:
            return page_not_found(request)
        self.cities = service.cities_voted_for_by(request.user, self.election)
        if not self.cities:
            return self.refused("not-a-voter", status=403)
        if not self.election.voting_is_open():
            return self.refused("window", status=200 if request.method == "GET" else 400)
        return super().dispatch(request, slug, election)

    def get(self, request, slug, election):
        if all(city.voted for city in self.cities):
            return self.refused("voted")
        chosen = id_from(request.GET.get("city"))
        return self.ballot(BallotForm(election=self.election, cities=self.cities, chosen=chosen))

    def post(self, request, slug, election):
        form = BallotForm(request.POST, election=self.election, cities=self.cities)
        if not form.is_valid():
            return self.ballot(form, status=400)
        try:
            receipt = service.cast_vote(
                self.election, request.user, form.city_id, form.choices(), self.cities
            )
        except service.Refused as refused:
            if refused.code == "window":  # it closed while the ballot was open
                return self.refused("window", status=400)
            form.show_refusal(refused)
            return self.ballot(form, status=400)
        except domain.InvalidBallot as invalid:
            form.show_problems(invalid.problems)
            return self.ballot(form, status=400)
        city = next(c for c in self.cities if c.member.pk == form.city_id)
        context = {
            **self.context(),
            "receipt": receipt,
            "city": city,
            "still_to_vote": [c for c in self.cities if not c.voted and c is not city],
        }
        return render(request, "events/elections/receipt.html", context)

    def context(self) -> dict:
        return {"event": self.election.event, "election": self.election}

    def ballot(self, form, status=200):
        context = {**self.context(), "form": form, "errors": form.question_errors()}
        return render(self.request, "events/elections/vote.html", context, status=status)

    def refused(self, why: str, status=200):
        """Why the person cannot vote here now: not a delegate (403), outside the window, or
        every city of theirs has voted."""
        context = {
            **self.context(),
            "why": why,
            "cities": self.cities,
            "phase": results.phase(self.election),
            **window_context(self.election),
        }
        return render(self.request, "events/elections/cannot_vote.html", context, status=status)


# --- after publication ------------------------------------------------------------------------


# A ballot shown by its receipt is not cached either.
@method_decorator([sensitive_post_parameters(), never_cache], name="dispatch")
class FindBallotView(View):
    """A ballot found by its receipt code, typed in a form sent by POST (so that the code is
    in no address and no access log)."""

    def dispatch(self, request, slug, election):
        try:
            self.election = visible_election(request, slug, election)
        except Http404:
            return page_not_found(request)
        self.document = service.published_document(self.election)
        return super().dispatch(request, slug, election)

    def get(self, request, slug, election):
        return self.page(ReceiptForm())

    def post(self, request, slug, election):
        if self.document is None:
            return self.page(None, status=400)
        form = ReceiptForm(request.POST)
        if not form.is_valid():
            log.info("Ballot look-up refused (malformed code): election=%s", self.election.pk)
            return self.page(form, status=400)
        ballot = publish.find_ballot(self.document, form.cleaned_data["receipt"])
        if ballot is None:
            log.info("Ballot look-up refused (no such ballot): election=%s", self.election.pk)
            form.add_error("receipt", _no_ballot())
            return self.page(form, status=400)
        listed = results.listed_ballot(self.election, self.document, ballot)
        return self.page(ReceiptForm(), listed=listed, digest=ballot["receipt_digest"])

    def page(self, form, status=200, **found):
        context = {
            "event": self.election.event,
            "election": self.election,
            "published": self.document is not None,
            "phase": results.phase(self.election),
            "form": form,
            **found,
            **window_context(self.election),
        }
        return render(self.request, "events/elections/find_ballot.html", context, status=status)


def _no_ballot() -> str:
    return _(
        "No ballot has this code. Check each group of four against the code you wrote "
        "down; if it is right and your ballot is missing, tell the secretariat."
    )


def published_election(request, slug, election) -> Election:
    found = visible_election(request, slug, election)
    if not found.is_published or not found.published_list:
        raise Http404
    return found


def ballots_filename(election) -> str:
    return f"{election.event.slug}-election-{election.pk}-ballots.json"


class BallotsDownloadView(View):
    """Exactly the published list (its SHA-256 is the announced fingerprint)."""

    def get(self, request, slug, election):
        election = published_election(request, slug, election)
        data = election.published_list.encode()
        return download(data, JSON, ballots_filename(election))


class RecountView(View):
    """The server recounts the published list as anyone can, and says how to do it."""

    def get(self, request, slug, election):
        election = published_election(request, slug, election)
        document = service.published_document(election)
        findings = publish.check_published(document)
        digest = hashlib.sha256(election.published_list.encode()).hexdigest()
        context = {
            "event": election.event,
            "election": election,
            "equal": not findings,
            "findings": [(results.finding_sentence(f), f.detail) for f in findings],
            "fingerprint": digest,
            "announced": election.fingerprint,
            "download_name": ballots_filename(election),
            "download_url": reverse(
                "events:election_ballots", args=[election.event.slug, election.pk]
            ),
        }
        return render(request, "events/elections/recount.html", context)


urlpatterns = [
    path("<slug:slug>/elections/", ElectionsView.as_view(), name="elections"),
    path("<slug:slug>/elections/<int:election>/", ElectionView.as_view(), name="election"),
    path("<slug:slug>/elections/<int:election>/vote/", VoteView.as_view(), name="election_vote"),
    path(
        "<slug:slug>/elections/<int:election>/receipt/",
        FindBallotView.as_view(),
        name="election_find_ballot",
    ),
    path(
        "<slug:slug>/elections/<int:election>/ballots.json",
        BallotsDownloadView.as_view(),
        name="election_ballots",
    ),
    path(
        "<slug:slug>/elections/<int:election>/recount/",
        RecountView.as_view(),
        name="election_recount",
    ),
]
