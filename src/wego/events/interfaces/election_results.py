"""What an election's pages say, in the reader's language: its phase and voting window, the
quorum and the turnout, the order of the ballot and how to check it, and once published the
result, a ballot found by its receipt and the recount.

Numbers and shares are written here (`percent`: "15%", never 0.15) and names are read in the
reader's language: the published list holds English names and titles, the pages show the
members' and questions' own translations, matched by id and key.
"""

from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wego.core.dates import clock, iso_utc
from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.models import Election, VoterRecord
from wego.events.services import elections as service
from wego.members.models import Member

Status = Election.Status

# --- numbers ----------------------------------------------------------------------------------


def percent(part: int, whole: int) -> str:
    """The share as a percentage in the reader's way of writing numbers: "50%", "33.3%"."""
    if not whole:
        return "—"
    value = round(float(Fraction(part, whole) * 100), 1)
    decimals = 0 if value == int(value) else 1
    # Translators: a percentage; %(number)s is already written in the reader's digits.
    return _("%(number)s%%") % {"number": number_format(value, decimal_pos=decimals)}


def quorum_percent(election) -> str:
    return percent(election.quorum_percent, 100)


# --- the phase and the window -----------------------------------------------------------------

OPEN, ENDED = "open", "ended"  # phases beside the statuses: open by the clock, closed by it


def phase(election, now=None) -> str:
    """Where the election stands for a reader: its status, except that voting opens and
    closes by the clock too (the status then changes only when staff count)."""
    now = now or timezone.now()
    if election.voting_is_open(now):
        return OPEN
    if election.status in (Status.READY, Status.OPEN) and election.closes_at:
        if now >= election.closes_at:
            return ENDED
    return election.status


def phase_label(current: str) -> str:
    labels = {
        OPEN: _("Voting open"),
        ENDED: _("Voting closed, to be counted"),
    }
    return labels.get(current) or Status(current).label


def phase_sentence(current: str) -> str:
    return {
        Status.PREPARING: _(
            "Being prepared: only the staff see this election until it is announced."
        ),
        Status.CANDIDACIES: _("Candidacies are open: member cities may stand for the offices."),
        Status.READY: _(
            "Candidacies are closed and the order of the ballot is drawn. Voting has not "
            "opened yet."
        ),
        OPEN: _("Voting is open."),
        ENDED: _("Voting has closed. The ballots will be counted and the result published here."),
        Status.CLOSED: _(
            "Voting has closed and the ballots are counted. The result will be published here."
        ),
        Status.PUBLISHED: _("Voting has closed and the result is published."),
    }[current]


@dataclass(frozen=True)
class Moment:
    """An instant as the venue's clock shows it, with its UTC instant for the reader's clock."""

    text: str
    iso: str


def moment(value, zone: str) -> Moment | None:
    return Moment(clock(value, zone), iso_utc(value)) if value else None


@dataclass(frozen=True)
class Window:
    opens: Moment | None  # None: staff open voting by hand
    closes: Moment | None  # None: staff close it by hand
    closed: Moment | None  # when staff closed it
    zone: str


def window(election) -> Window:
    zone = election.event.time_zone
    return Window(
        opens=moment(election.opens_at, zone),
        closes=moment(election.closes_at, zone),
        closed=moment(election.closed_at, zone),
        zone=zone,
    )


# --- quorum and turnout -----------------------------------------------------------------------


def eligible_count(election) -> int:
    """Fixed when voting opens; before that, the full members in good standing today."""
    if election.eligible is not None:
        return election.eligible
    return service.eligible_members().count()


def quorum_sentence(election) -> str:
    eligible = eligible_count(election)
    required = domain.quorum_required(eligible, election.quorum)
    return ngettext(
        "Quorum: %(percent)s of the %(eligible)s full member cities in good standing: at least "
        "%(required)s ballot.",
        "Quorum: %(percent)s of the %(eligible)s full member cities in good standing: at least "
        "%(required)s ballots.",
        required,
    ) % {
        "percent": quorum_percent(election),
        "eligible": number_format(eligible, force_grouping=True),
        "required": number_format(required, force_grouping=True),
    }


def turnout_sentence(election) -> str:
    """How many cities have voted, never how: there is no partial count while voting."""
    voted = service.voted_count(election)
    return ngettext(
        "%(voted)s of %(eligible)s cities has voted.",
        "%(voted)s of %(eligible)s cities have voted.",
        voted,
    ) % {
        "voted": number_format(voted, force_grouping=True),
        "eligible": number_format(eligible_count(election), force_grouping=True),
    }


def cities_that_voted(election) -> list[Member]:
    """The cities with a voter record, by name in the reader's language."""
    records = VoterRecord.objects.filter(election=election).select_related("member")
    return sorted((record.member for record in records), key=lambda member: member.name)


# --- the questions, in ballot order -----------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    candidacy: object  # the Candidacy, with its member and statement
    order_key: str  # SHA-256 of "seed|office key|member id": the draw anyone can redo


@dataclass(frozen=True)
class OfficeOnBallot:
    office: object
    seats_sentence: str
    candidates: list[Candidate]


def seats_sentence(seats: int) -> str:
    return ngettext("vote for %(count)s", "vote for up to %(count)s", seats) % {
        "count": number_format(seats)
    }


def offices_on_ballot(election) -> list[OfficeOnBallot]:
    rows = []
    for office in election.offices.all():
        candidates = [
            Candidate(
                candidacy,
                domain.order_key(election.seed, candidacy.member_id, office.key)
                if election.seed
                else "",
            )
            for candidacy in service.candidacies_in_order(office)
        ]
        rows.append(OfficeOnBallot(office, seats_sentence(office.seats), candidates))
    return rows


# --- the published result ---------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateResult:
    name: str
    votes: str
    share: str  # of the ballots
    share_value: int  # 0-100, for the bar beside the figures
    elected: bool
    tied: bool


@dataclass(frozen=True)
class OfficeResult:
    title: str
    seats_sentence: str
    candidates: list[CandidateResult]
    blank: str
    uncontested: bool
    tie_sentence: str


@dataclass(frozen=True)
class ResolutionResult:
    title: str
    majority: str
    yes: str
    no: str
    abstain: str
    unanswered: str
    verdict: str
    adopted: bool | None


@dataclass(frozen=True)
class PublishedResult:
    status: str
    status_sentence: str
    ballots: str
    eligible: str
    turnout: str
    quorum_required: str
    quorum_met: bool
    quorum_sentence: str
    offices: list[OfficeResult]
    resolutions: list[ResolutionResult]


def names_of(document) -> dict[int, str]:
    """Each candidate's name in the reader's language (the published one when the member is
    gone)."""
    published = {
        c["id"]: c["name"]
        for office in document["election"]["offices"]
        for c in office["candidates"]
    }
    members = Member.objects.filter(pk__in=list(published))
    return {**published, **{member.pk: member.name for member in members}}


def titles_of(election) -> dict[str, str]:
    """Offices' and resolutions' titles in the reader's language, by key."""
    titles = {office.key: office.title for office in election.offices.all()}
    titles.update({r.key: r.title for r in election.resolutions.all()})
    return titles


def count(number: int) -> str:
    return number_format(number, force_grouping=True)


def published_result(election, document) -> PublishedResult:
    """The declared result of the published list, as the page reads it."""
    result = document["result"]
    names, titles = names_of(document), titles_of(election)
    ballots, eligible = result["ballots"], result["eligible"]
    decided = result["quorum_met"]
    offices = [
        office_result(office, names, titles, ballots, decided) for office in result["offices"]
    ]
    resolutions = [resolution_result(r, titles, decided) for r in result["resolutions"]]
    return PublishedResult(
        status=result["status"],
        status_sentence=result_sentence(result),
        ballots=count(ballots),
        eligible=count(eligible),
        turnout=percent(ballots, eligible),
        quorum_required=count(result["quorum_required"]),
        quorum_met=decided,
        quorum_sentence=_("Met") if decided else _("Not met"),
        offices=offices,
        resolutions=resolutions,
    )


def result_sentence(result) -> str:
    status = result["status"]
    if status == domain.Status.NO_RESULT:
        return ngettext(
            "The quorum was not met: %(ballots)s ballots were cast and at least %(required)s "
            "was needed. The counts are shown below, but nobody is elected and no resolution "
            "is adopted.",
            "The quorum was not met: %(ballots)s ballots were cast and at least %(required)s "
            "were needed. The counts are shown below, but nobody is elected and no resolution "
            "is adopted.",
            result["quorum_required"],
        ) % {"ballots": count(result["ballots"]), "required": count(result["quorum_required"])}
    if status == domain.Status.TIE:
        return _(
            "The quorum was met. At least one office has a tie at its last seat: the count "
            "gives none of the tied candidates that seat, and the election's own rule (a "
            "run-off or a draw in the hall) decides between them."
        )
    return _("The quorum was met: every seat is given and every resolution decided.")


def office_result(office, names, titles, ballots: int, decided: bool) -> OfficeResult:
    votes = {row["candidate"]: row["votes"] for row in office["votes"]}
    elected, tied = set(office["elected"]), set(office["tie"])
    ranked = sorted(votes, key=lambda c: (-votes[c], names.get(c, "")))
    candidates = [
        CandidateResult(
            name=names.get(candidate, str(candidate)),
            votes=count(votes[candidate]),
            share=percent(votes[candidate], ballots),
            share_value=round(100 * votes[candidate] / ballots) if ballots else 0,
            elected=candidate in elected,
            tied=candidate in tied,
        )
        for candidate in ranked
    ]
    return OfficeResult(
        title=titles.get(office["office"], office["office"]),
        seats_sentence=ngettext("%(count)s seat", "%(count)s seats", office["seats"])
        % {"count": count(office["seats"])},
        candidates=candidates,
        blank=count(office["blank"]),
        uncontested=decided and 0 < len(votes) <= office["seats"],
        tie_sentence=tie_sentence(office, votes) if tied else "",
    )


def tie_sentence(office, votes) -> str:
    tied = office["tie"]
    return ngettext(
        "%(count)s candidates have %(votes)s each for the last seat: the count gives it "
        "to none of them. The election's own rule (a run-off or a draw in the hall) decides.",
        "%(count)s candidates have %(votes)s each for the last %(seats)s seats: the count "
        "gives them to none of them. The election's own rule (a run-off or a draw in the hall) "
        "decides.",
        office["seats_in_tie"],
    ) % {
        "count": count(len(tied)),
        "votes": ngettext("%(count)s vote", "%(count)s votes", votes[tied[0]])
        % {"count": count(votes[tied[0]])},
        "seats": count(office["seats_in_tie"]),
    }


def majority_label(majority: str) -> str:
    return {
        domain.Majority.SIMPLE: _("simple majority: more yes than no"),
        domain.Majority.TWO_THIRDS: _("two-thirds majority: yes at least two thirds of yes and no"),
    }.get(majority, majority)


def resolution_result(resolution, titles, decided: bool) -> ResolutionResult:
    adopted = resolution["adopted"]
    if not decided or adopted is None:
        verdict = _("No result (quorum not met)")
    else:
        verdict = _("Adopted") if adopted else _("Not adopted")
    return ResolutionResult(
        title=titles.get(resolution["resolution"], resolution["resolution"]),
        majority=majority_label(resolution["majority"]),
        yes=count(resolution["yes"]),
        no=count(resolution["no"]),
        abstain=count(resolution["abstain"]),
        unanswered=count(resolution["unanswered"]),
        verdict=verdict,
        adopted=adopted if decided else None,
    )


# --- a ballot found by its receipt ------------------------------------------------------------


@dataclass(frozen=True)
class ListedAnswer:
    question: str
    answers: list[str]  # names marked, or the answer; empty: blank or unanswered
    empty: str  # what to say when nothing was marked


def answer_word(answer: str) -> str:
    words = {
        domain.Answer.YES: pgettext("answer to a resolution", "Yes"),
        domain.Answer.NO: pgettext("answer to a resolution", "No"),
        domain.Answer.ABSTAIN: pgettext("answer to a resolution", "Abstain"),
    }
    return words.get(answer, answer)


def listed_ballot(election, document, ballot) -> list[ListedAnswer]:
    """The published ballot as its voter reads it: whom it marks per office, its answers, in
    the election's order (the list's keys are sorted)."""
    names, titles = names_of(document), titles_of(election)
    questions = document["election"]
    rows = [
        ListedAnswer(
            titles.get(office["key"], office["title"]),
            [names.get(c, str(c)) for c in ballot["offices"].get(office["key"], [])],
            _("Blank: nobody marked"),
        )
        for office in questions["offices"]
    ]
    for resolution in questions["resolutions"]:
        answer = ballot["resolutions"].get(resolution["key"])
        rows.append(
            ListedAnswer(
                titles.get(resolution["key"], resolution["title"]),
                [answer_word(answer)] if answer else [],
                _("Not answered"),
            )
        )
    return rows


# --- the recount ------------------------------------------------------------------------------


def finding_sentence(finding: publish.Finding) -> str:
    words = {
        publish.Discrepancy.BAD_FORMAT: _("The list is not in the published format."),
        publish.Discrepancy.NOT_SORTED: _("The ballots are not in the order of their digests."),
        publish.Discrepancy.BAD_DIGEST: _("A ballot's digest is not 64 hexadecimal digits."),
        publish.Discrepancy.DUPLICATE_DIGEST: _("Two ballots have the same digest."),
        publish.Discrepancy.EXTRA_FIELD: _("A ballot carries more than its digest and choices."),
        publish.Discrepancy.INVALID_BALLOT: _("A ballot is one the election would have refused."),
        publish.Discrepancy.RESULT_DIFFERS: _("The recount differs from the published result."),
    }
    return words.get(finding.discrepancy, str(finding.discrepancy))
