"""Elections at a General Assembly in plain Python: the questions, a ballot and its checks, the
order of candidates on the ballot, receipts, and the count. No Django (see docs/elections.md for
the threat model the models and views must keep).

The questions of an election:

- offices with a number of seats (`DEFAULT_OFFICES`: 1 President City, 1 Executive Vice
  President City, 6 Vice President Cities, 14 Executive Committee members) and the member
  cities standing for each; the host city of the next Assembly is an office with one seat whose
  candidates are the cities offering to host (`host_city_office`);
- resolutions answered yes, no or abstain, adopted by a simple majority of the votes cast
  excluding abstentions, or by two thirds of them.

A ballot marks, for each office, up to `seats` distinct candidates of that office ("vote for up
to N"; none is a blank) and, for each resolution, yes, no, abstain or nothing. A stored ballot
holds its choices and the SHA-256 digest of the voter's receipt code, and nothing else: no
voter, no time, no sequence number.

The count (`tally`) gives each candidate's votes, the elected (the `seats` candidates with the
most votes), and a tie at the last seat when there is one: the tied candidates are listed and
no seat is given among them, because the election's own rule (a run-off, a draw) decides and
staff apply it. A vote whose ballots do not reach the quorum has no result.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

PRESIDENT = "president"
EXECUTIVE_VICE_PRESIDENT = "executive_vice_president"
VICE_PRESIDENTS = "vice_presidents"
EXECUTIVE_COMMITTEE = "executive_committee"
HOST_CITY = "host_city"

# The leadership the WeGO statutes elect at each Assembly (22 seats), as (key, seats).
DEFAULT_OFFICES: tuple[tuple[str, int], ...] = (
    (PRESIDENT, 1),
    (EXECUTIVE_VICE_PRESIDENT, 1),
    (VICE_PRESIDENTS, 6),
    (EXECUTIVE_COMMITTEE, 14),
)
DEFAULT_QUORUM = Fraction(1, 2)  # of the full members in good standing

# Receipts: 16 characters of Crockford's base 32 (no I, L, O, U: nothing to misread) are
# 80 random bits, shown in groups of four.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 16
RECEIPT_GROUP = 4
# What a person may type for a receipt character that is not in the alphabet.
_RECEIPT_LOOKALIKES = {"O": "0", "I": "1", "L": "1"}


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


_ANSWERS = tuple(str(answer) for answer in Answer)  # a tuple: an unhashable answer is just bad


class Majority(StrEnum):
    SIMPLE = "simple"  # more yes than no; abstentions are not votes cast
    TWO_THIRDS = "two_thirds"  # yes at least two thirds of yes + no


class Code(StrEnum):
    """Why a ballot is refused (the Django layer words each as a sentence)."""

    TOO_MANY_CANDIDATES = "too-many-candidates"
    UNKNOWN_CANDIDATE = "unknown-candidate"
    DUPLICATE_CANDIDATE = "duplicate-candidate"
    UNKNOWN_QUESTION = "unknown-question"
    BAD_ANSWER = "bad-answer"


class Status(StrEnum):
    DECIDED = "decided"  # every seat given, every resolution decided
    TIE = "tie"  # at least one office has a tie at its last seat for staff to resolve
    NO_RESULT = "no_result"  # the quorum was not met


# ---------------------------------------------------------------------------------------------
# The questions


@dataclass(frozen=True)
class Office:
    """An office to fill: `seats` seats among `candidates` (member ids, each standing once)."""

    key: str
    seats: int
    candidates: tuple[int, ...]
    title: str = ""  # for the published list and the recount's print-out

    def __post_init__(self) -> None:
        if self.seats < 1:
            raise ValueError(f"office {self.key!r}: seats must be at least 1")
        if len(set(self.candidates)) != len(self.candidates):
            raise ValueError(f"office {self.key!r}: a candidate stands twice")


@dataclass(frozen=True)
class Resolution:
    key: str
    majority: Majority = Majority.SIMPLE
    title: str = ""


@dataclass(frozen=True)
class Election:
    """What the count needs. `eligible` is the number of full member cities in good standing
    when voting opens: one vote each, and the quorum is a share of them."""

    offices: tuple[Office, ...]
    resolutions: tuple[Resolution, ...] = ()
    eligible: int = 0
    quorum: Fraction = DEFAULT_QUORUM
    title: str = ""
    candidate_names: Mapping[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        keys = [office.key for office in self.offices] + [r.key for r in self.resolutions]
        if len(set(keys)) != len(keys):
            raise ValueError("two questions of the election share a key")
        if not 0 <= self.quorum <= 1:
            raise ValueError("the quorum is a share between 0 and 1")

    def office(self, key: str) -> Office | None:
        return next((office for office in self.offices if office.key == key), None)

    def resolution(self, key: str) -> Resolution | None:
        return next((r for r in self.resolutions if r.key == key), None)


def default_offices(candidates: Mapping[str, Sequence[int]] | None = None) -> tuple[Office, ...]:
    """The four offices of `DEFAULT_OFFICES` with their candidates (none by default)."""
    candidates = candidates or {}
    return tuple(
        Office(key, seats, tuple(candidates.get(key, ()))) for key, seats in DEFAULT_OFFICES
    )


def host_city_office(candidate_cities: Sequence[int], title: str = "") -> Office:
    """The choice of the next Assembly's host: one seat among the cities offering to host."""
    return Office(HOST_CITY, 1, tuple(candidate_cities), title)


# ---------------------------------------------------------------------------------------------
# A ballot


@dataclass(frozen=True)
class Choices:
    """What a voter marked: office key -> candidate ids, resolution key -> answer. Raw from a
    form until `validate_ballot` accepts it; `normalise` then gives the stored form."""

    offices: Mapping[str, Sequence[object]] = field(default_factory=dict)
    resolutions: Mapping[str, object | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Ballot:
    """A cast ballot as stored and published: the receipt's digest and the choices. Nothing in
    it says who cast it or when (see docs/elections.md)."""

    receipt_digest: str
    choices: Choices


@dataclass(frozen=True)
class Problem:
    code: Code
    question: str
    candidate: object | None = None  # the candidate or answer at fault, when there is one


class InvalidBallot(ValueError):
    def __init__(self, problems: Sequence[Problem]):
        super().__init__(", ".join(f"{p.code} ({p.question})" for p in problems))
        self.problems = tuple(problems)


def validate_ballot(election: Election, choices: Choices) -> list[Problem]:
    """Every reason to refuse the ballot, in question order; empty when it may be cast."""
    problems: list[Problem] = []
    for key, marked in choices.offices.items():
        office = election.office(key)
        if office is None:
            problems.append(Problem(Code.UNKNOWN_QUESTION, key))
        else:
            problems.extend(_office_problems(office, marked))
    for key, answer in choices.resolutions.items():
        if election.resolution(key) is None:
            problems.append(Problem(Code.UNKNOWN_QUESTION, key))
        elif answer is not None and answer not in _ANSWERS:
            problems.append(Problem(Code.BAD_ANSWER, key, answer))
    return problems


def _office_problems(office: Office, marked: object) -> list[Problem]:
    if not isinstance(marked, list | tuple):  # e.g. a bare id or a string in a forged list
        return [Problem(Code.UNKNOWN_CANDIDATE, office.key, marked)]
    problems = []
    seen: set[object] = set()
    for candidate in marked:
        # bool is an int in Python; True is not member 1.
        known = not isinstance(candidate, bool) and candidate in office.candidates
        if not known:
            problems.append(Problem(Code.UNKNOWN_CANDIDATE, office.key, candidate))
        elif candidate in seen:
            problems.append(Problem(Code.DUPLICATE_CANDIDATE, office.key, candidate))
        else:
            seen.add(candidate)
    if len(seen) > office.seats:
        problems.append(Problem(Code.TOO_MANY_CANDIDATES, office.key, len(seen)))
    return problems


def normalise(election: Election, choices: Choices) -> Choices:
    """The stored form of valid choices: every question present, in the election's order,
    candidates by id (so two identical ballots are identical records, whatever the order they
    were clicked in), answers as `Answer` or None."""
    return Choices(
        offices={o.key: tuple(sorted(choices.offices.get(o.key, ()))) for o in election.offices},
        resolutions={r.key: _answer(choices.resolutions.get(r.key)) for r in election.resolutions},
    )


def _answer(value: object | None) -> Answer | None:
    return None if value is None else Answer(value)


def make_ballot(election: Election, choices: Choices, receipt: str) -> Ballot:
    """The ballot to store for `receipt`, or InvalidBallot with every problem."""
    problems = validate_ballot(election, choices)
    if problems:
        raise InvalidBallot(problems)
    return Ballot(receipt_digest(receipt), normalise(election, choices))


# ---------------------------------------------------------------------------------------------
# The order of candidates on the ballot


def new_seed() -> str:
    """A seed for the draw of the ballot order, drawn once candidacies close and published."""
    return secrets.token_hex(16)


def order_key(seed: str, candidate_id: int, question: str = "") -> str:
    """SHA-256 of seed, question and candidate: anyone can recompute it with any tool, e.g.
    `printf '%s|%s|%s' SEED QUESTION ID | sha256sum`."""
    return hashlib.sha256(f"{seed}|{question}|{candidate_id}".encode()).hexdigest()


def ballot_order(seed: str, candidate_ids: Iterable[int], question: str = "") -> list[int]:
    """Candidates in the order of their keys: a draw that nobody controls once the seed is
    fixed, and a different draw per question so a city standing twice is not first twice."""
    return sorted(candidate_ids, key=lambda c: (order_key(seed, c, question), c))


# ---------------------------------------------------------------------------------------------
# Receipts


def new_receipt() -> str:
    """A fresh receipt code, e.g. "K7QF-2MXP-9RTA-H4BW" (80 bits from `secrets`)."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return _grouped(code)


def _grouped(code: str) -> str:
    return "-".join(code[i : i + RECEIPT_GROUP] for i in range(0, len(code), RECEIPT_GROUP))


def normalise_receipt(text: str) -> str | None:
    """The receipt as printed, from what a person typed (any case, spaces or dashes, O for 0,
    I or L for 1); None when it cannot be a receipt."""
    code = "".join(ch for ch in text.upper() if ch not in " -\t")
    code = "".join(_RECEIPT_LOOKALIKES.get(ch, ch) for ch in code)
    if len(code) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in code):
        return None
    return _grouped(code)


def receipt_digest(receipt: str) -> str:
    """SHA-256 (hex) of the receipt as printed, e.g. `printf 'K7QF-2MXP-9RTA-H4BW' | sha256sum`.
    Raises ValueError for text that is not a receipt."""
    code = normalise_receipt(receipt)
    if code is None:
        raise ValueError("not a receipt code")
    return hashlib.sha256(code.encode("ascii")).hexdigest()


# ---------------------------------------------------------------------------------------------
# The count


@dataclass(frozen=True)
class OfficeResult:
    office: str
    seats: int
    votes: Mapping[int, int]  # every candidate, in the election's order, 0 included
    blank: int  # ballots marking nobody for this office
    elected: tuple[int, ...]  # most votes first (then by id)
    tie: tuple[int, ...] = ()  # tied at the last seat(s), by id
    seats_in_tie: int = 0  # seats left for the rule of the election to give among `tie`


@dataclass(frozen=True)
class ResolutionResult:
    resolution: str
    majority: Majority
    yes: int
    no: int
    abstain: int
    unanswered: int
    adopted: bool | None  # None: no result (quorum not met)


@dataclass(frozen=True)
class Result:
    ballots: int
    eligible: int
    quorum_required: int
    quorum_met: bool
    offices: tuple[OfficeResult, ...]
    resolutions: tuple[ResolutionResult, ...]

    @property
    def turnout(self) -> Fraction:
        return Fraction(self.ballots, self.eligible) if self.eligible else Fraction(0)

    @property
    def status(self) -> Status:
        if not self.quorum_met:
            return Status.NO_RESULT
        if any(office.tie for office in self.offices):
            return Status.TIE
        return Status.DECIDED


def quorum_required(eligible: int, share: Fraction = DEFAULT_QUORUM) -> int:
    """Ballots needed: the share of the eligible, rounded up, and never fewer than one (an
    empty ballot box decides nothing)."""
    return max(1, -(-share.numerator * eligible // share.denominator))


def tally(election: Election, ballots: Sequence[Ballot]) -> Result:
    """The count of `ballots`. Raises ValueError for a ballot the election would refuse or
    for more ballots than voters: both mean the store is broken, and no count should hide it."""
    if len(ballots) > election.eligible:
        raise ValueError(f"{len(ballots)} ballots for {election.eligible} eligible voters")
    for ballot in ballots:
        if problems := validate_ballot(election, ballot.choices):
            raise InvalidBallot(problems)
    required = quorum_required(election.eligible, election.quorum)
    met = len(ballots) >= required
    return Result(
        ballots=len(ballots),
        eligible=election.eligible,
        quorum_required=required,
        quorum_met=met,
        offices=tuple(_count_office(office, ballots, met) for office in election.offices),
        resolutions=tuple(_count_resolution(r, ballots, met) for r in election.resolutions),
    )


def _count_office(office: Office, ballots: Sequence[Ballot], decide: bool) -> OfficeResult:
    counter: Counter[int] = Counter()
    blank = 0
    for ballot in ballots:
        marked = ballot.choices.offices.get(office.key, ())
        counter.update(marked)
        blank += not marked
    votes = {candidate: counter[candidate] for candidate in office.candidates}
    elected, tie, seats_in_tie = _seats(office.seats, votes) if decide else ((), (), 0)
    return OfficeResult(office.key, office.seats, votes, blank, elected, tie, seats_in_tie)


def _seats(seats: int, votes: Mapping[int, int]) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """(elected, tied, seats left among the tied). No more candidates than seats: all are
    elected, whatever their votes (an uncontested office). Otherwise the last seat's votes
    decide: above them is elected; at them, when the first candidate left out has as many,
    is a tie for the seats left."""
    ranked = sorted(votes, key=lambda c: (-votes[c], c))
    if len(ranked) <= seats:
        return tuple(ranked), (), 0
    last = votes[ranked[seats - 1]]
    if votes[ranked[seats]] < last:
        return tuple(ranked[:seats]), (), 0
    elected = tuple(c for c in ranked if votes[c] > last)
    tied = tuple(sorted(c for c in ranked if votes[c] == last))
    return elected, tied, seats - len(elected)


def _count_resolution(
    resolution: Resolution, ballots: Sequence[Ballot], decide: bool
) -> ResolutionResult:
    answers = Counter(ballot.choices.resolutions.get(resolution.key) for ballot in ballots)
    yes, no = answers[Answer.YES], answers[Answer.NO]
    return ResolutionResult(
        resolution=resolution.key,
        majority=resolution.majority,
        yes=yes,
        no=no,
        abstain=answers[Answer.ABSTAIN],
        unanswered=answers[None],
        adopted=adopted(resolution.majority, yes, no) if decide else None,
    )


def adopted(majority: Majority, yes: int, no: int) -> bool:
    """Abstentions and unanswered ballots are not votes cast: only yes and no count."""
    if majority is Majority.TWO_THIRDS:
        return yes + no > 0 and 3 * yes >= 2 * (yes + no)
    return yes > no
