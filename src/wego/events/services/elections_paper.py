"""The paper-ballot fallback (docs/elections.md, "Paper fallback"): when the network fails in
the hall, delegates vote on printed sheets.

- `record_paper_vote`: as a delegate hands in a sheet, staff write the city's voter record;
- `enter_sheet`: each of two staff members types every sheet (a `PaperEntry` per sheet and
  person);
- `confirm`: when the two entries agree on every sheet and question, the sheets become
  ballots under the digests of their codes, in one transaction that also deletes the entries;
  otherwise nothing is written and the mismatches are returned.

The secret ballot holds here as online: a sheet carries no city, and nothing here writes a
sheet's code or its choices to a log (refusals and mismatches are logged with their counts
and rule codes only).
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from wego.events.domain import elections as domain
from wego.events.domain import elections_paper as paper
from wego.events.domain import elections_publish as publish
from wego.events.models import Ballot, Election, PaperEntry, VoterRecord
from wego.events.services.elections import (
    Refused,
    domain_election,
    eligible_members,
    fix_eligible,
    refuse,
)

log = logging.getLogger("wego.events.elections")


def sheets_may_be_entered(election: Election) -> bool:
    """From the opening of the vote until the count is published: sheets handed in while the
    vote is open are typed as they come or once it has closed."""
    return election.voting_is_open() or election.status in (
        Election.Status.OPEN,
        Election.Status.CLOSED,
    )


# --- a city hands in its sheet --------------------------------------------------------------


def cities_to_hand_in(election: Election):
    """Eligible cities that have not voted yet (online or on paper), by name."""
    voted = VoterRecord.objects.filter(election=election).values("member_id")
    return eligible_members().exclude(pk__in=voted).order_by("name")


def record_paper_vote(election: Election, member, by) -> VoterRecord:
    """Write that `member` has voted, as its delegate hands in a paper sheet while voting is
    open. The sheet itself carries no city: nothing links this record to it."""
    facts = {"election": election.pk, "member": member.pk, "by": getattr(by, "pk", None)}
    if not election.voting_is_open():
        raise refuse("window", _("Voting is not open for this election."), "member", **facts)
    if not eligible_members().filter(pk=member.pk).exists():
        raise refuse(
            "not-eligible",
            _("Only full member cities in good standing vote: this city cannot hand in a sheet."),
            "member",
            **facts,
        )
    fix_eligible(election)
    try:
        with transaction.atomic():
            return VoterRecord.objects.create(election=election, member=member)
    except IntegrityError:
        raise refuse(
            "already-voted",
            _(
                "This city has already voted in this election (online or on paper). A city "
                "votes once: do not put its sheet in the ballot box."
            ),
            "member",
            **facts,
        ) from None


# --- one staff member types one sheet -------------------------------------------------------


def enter_sheet(election: Election, by, sheet_code: str, choices: domain.Choices) -> PaperEntry:
    """Store the sheet `sheet_code` as `by` read it (typing a sheet again replaces one's own
    entry of it). Raises Refused for a code that is not one, a sheet already counted or a
    step out of time, and domain.InvalidBallot for choices the election refuses (an office
    marked more than it has seats is spoilt: it is entered blank)."""
    facts = {"election": election.pk, "by": by.pk}
    if not sheets_may_be_entered(election):
        raise refuse(
            "paper-window",
            _("Paper sheets are entered once voting has opened, until the result is published."),
            None,
            **facts,
        )
    code = domain.normalise_receipt(sheet_code)
    if code is None:
        raise refuse(
            "bad-sheet",
            _(
                "This is not the code of a sheet: type the 16 letters and digits printed on "
                "it, such as K7QF-2MXP-9RTA-H4BW."
            ),
            "sheet",
            **facts,
        )
    if Ballot.objects.filter(receipt_digest=domain.receipt_digest(code)).exists():
        raise refuse(
            "already-counted",
            _("This sheet has already been confirmed and counted: it is not entered again."),
            "sheet",
            **facts,
        )
    questions = domain_election(election)
    if problems := domain.validate_ballot(questions, choices):
        log.warning(
            "Paper ballot step refused (ballot): election=%s, by=%s, codes=%s",
            election.pk,
            by.pk,
            ",".join(sorted({str(p.code) for p in problems})),
        )
        raise domain.InvalidBallot(problems)
    entry, _created = PaperEntry.objects.update_or_create(
        election=election,
        entered_by=by,
        sheet=code,
        defaults={"choices": stored_choices(questions, choices)},
    )
    return entry


def stored_choices(questions: domain.Election, choices: domain.Choices) -> dict:
    """Valid choices in the normalised form a ballot is stored in (without its digest)."""
    stored = publish.ballot_to_json(questions, domain.Ballot("", choices))
    stored.pop("receipt_digest")
    return stored


def remove_entries(election: Election, by, sheet_code: str = "") -> int:
    """Delete `by`'s own entry of one sheet (a code typed wrongly), or all of their entries
    (no code); never another person's. Returns how many were deleted."""
    entries = PaperEntry.objects.filter(election=election, entered_by=by)
    if sheet_code:
        entries = entries.filter(sheet=domain.normalise_receipt(sheet_code) or "")
    deleted, _by_model = entries.delete()
    return deleted


# --- what has been entered ------------------------------------------------------------------


@dataclass(frozen=True)
class Typist:
    """A staff member who has entered sheets, and how many."""

    user_id: int
    name: str
    sheets: int


def typists(election: Election) -> list[Typist]:
    """Who has entered sheets of this election, and how many each (in user order: the first
    and second entries compared by `confirm`)."""
    rows = (
        PaperEntry.objects.filter(election=election)
        .values("entered_by", "entered_by__full_name", "entered_by__email")
        .annotate(sheets=Count("pk"))
        .order_by("entered_by")
    )
    return [
        Typist(
            row["entered_by"],
            row["entered_by__full_name"] or row["entered_by__email"],
            row["sheets"],
        )
        for row in rows
    ]


def _domain_entries(election: Election, user_id: int) -> list[paper.PaperEntry]:
    return [
        paper.PaperEntry(
            sheet,
            domain.Choices(
                offices=dict(choices["offices"]), resolutions=dict(choices["resolutions"])
            ),
            user_id,
        )
        for sheet, choices in PaperEntry.objects.filter(election=election, entered_by_id=user_id)
        .order_by("sheet")
        .values_list("sheet", "choices")
    ]


# --- the two entries become ballots ---------------------------------------------------------


@dataclass(frozen=True)
class Confirmation:
    """What `confirm` did: the number of ballots written, or the mismatches (none written)."""

    ballots: int
    mismatches: tuple[paper.Mismatch, ...]
    first: Typist | None = None
    second: Typist | None = None

    @property
    def agreed(self) -> bool:
        return not self.mismatches


def confirm(election: Election, by) -> Confirmation:
    """Reconcile the entries of the two staff members who typed the sheets. When they agree
    on every sheet and question, write the ballots and delete every entry of the election,
    in one transaction; otherwise write nothing and return the mismatches. Refused without
    entries, with more than two people's, or when the ballots would outnumber the cities
    that voted or a sheet's ballot exists already."""
    facts = {"election": election.pk, "by": by.pk}
    if not sheets_may_be_entered(election):
        raise refuse(
            "paper-window",
            _("Paper ballots are confirmed while voting is open or once it has closed."),
            None,
            **facts,
        )
    people = typists(election)
    if not people:
        raise refuse("no-entries", _("No sheet has been entered yet."), None, **facts)
    if len(people) > 2:
        raise refuse(
            "too-many-people",
            _(
                "%(count)s staff members have entered sheets: exactly two enter them all. "
                "The others remove their entries first."
            )
            % {"count": len(people)},
            None,
            people=len(people),
            **facts,
        )
    first, second = people[0], people[-1]  # one person alone is compared with themselves
    questions = domain_election(election)
    reconciled = paper.reconcile(
        questions,
        _domain_entries(election, first.user_id),
        _domain_entries(election, second.user_id),
    )
    if not reconciled.agreed:
        log.warning(
            "Paper entries differ: election=%s, mismatches=%s, differences=%s",
            election.pk,
            len(reconciled.mismatches),
            ",".join(sorted({str(m.difference) for m in reconciled.mismatches})),
        )
        return Confirmation(0, reconciled.mismatches, first, second)
    _write_ballots(election, questions, reconciled.ballots, facts)
    return Confirmation(len(reconciled.ballots), (), first, second)


def _write_ballots(election, questions, ballots, facts) -> None:
    rows = []
    for ballot in ballots:
        stored = publish.ballot_to_json(questions, ballot)
        rows.append(
            Ballot(receipt_digest=stored.pop("receipt_digest"), election=election, choices=stored)
        )
    digests = [row.receipt_digest for row in rows]
    try:
        with transaction.atomic():
            # One confirmation at a time: the counts below must not change under it.
            Election.objects.select_for_update().get(pk=election.pk)
            voted = VoterRecord.objects.filter(election=election).count()
            cast = Ballot.objects.filter(election=election).count()
            if cast + len(rows) > voted:
                raise refuse(
                    "more-ballots-than-voters",
                    _(
                        "%(sheets)s sheets and %(cast)s ballots already cast would make more "
                        "ballots than the %(voted)s cities recorded as having voted. Record "
                        "each city that handed in a sheet, or find the sheets counted twice."
                    )
                    % {"sheets": len(rows), "cast": cast, "voted": voted},
                    None,
                    sheets=len(rows),
                    cast=cast,
                    voted=voted,
                    **facts,
                )
            if Ballot.objects.filter(receipt_digest__in=digests).exists():
                raise _digest_exists(len(rows), facts)
            Ballot.objects.bulk_create(rows)
            PaperEntry.objects.filter(election=election).delete()
    except IntegrityError:  # a ballot of the same code written meanwhile
        raise _digest_exists(len(rows), facts) from None


def _digest_exists(sheets: int, facts) -> Refused:
    return refuse(
        "digest-exists",
        _(
            "A ballot with the code of one of these sheets exists already: a sheet was "
            "counted before, or two sheets carry the same code. Nothing was written."
        ),
        None,
        sheets=sheets,
        **facts,
    )
