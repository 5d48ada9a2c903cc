"""The paper-ballot fallback: when the network fails in the hall, delegates vote on paper and
two staff members each enter every sheet. Plain Python, no Django.

Each paper sheet carries a receipt code printed on a tear-off stub that the delegate keeps
(delegates take a sheet from a shuffled pile, so nobody knows whose code is whose). The two
entries are compared sheet by sheet; only when they agree entirely do the sheets become
ballots, under the digest of their code, in the same published list as the ballots cast online.
A sheet with too many marks for an office is entered with that office blank (spoilt), and both
entries must say so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from wego.events.domain.elections import (
    Ballot,
    Choices,
    Election,
    make_ballot,
    normalise,
    normalise_receipt,
    validate_ballot,
)


class Difference(StrEnum):
    SAME_PERSON = "same-person"  # both entries by one staff member: no second pair of eyes
    SEVERAL_PEOPLE = "several-people"  # one entry typed by more than one person
    BAD_SHEET = "bad-sheet"  # the sheet's code is not a receipt code
    SHEET_TWICE = "sheet-twice"  # one entry has the same sheet twice
    ONLY_IN_FIRST = "only-in-first"
    ONLY_IN_SECOND = "only-in-second"
    CHOICES_DIFFER = "choices-differ"  # the two entries read a question differently
    INVALID = "invalid"  # what was entered is not a valid ballot


@dataclass(frozen=True)
class PaperEntry:
    """One sheet as one staff member typed it."""

    sheet: str  # the receipt code printed on the sheet
    choices: Choices
    entered_by: int  # the staff member's user id


@dataclass(frozen=True)
class Mismatch:
    difference: Difference
    sheet: str = ""
    question: str = ""


@dataclass(frozen=True)
class Reconciliation:
    """The ballots when both entries agree; otherwise no ballot at all and every mismatch."""

    ballots: tuple[Ballot, ...]
    mismatches: tuple[Mismatch, ...]

    @property
    def agreed(self) -> bool:
        return not self.mismatches


def reconcile(
    election: Election, first: Sequence[PaperEntry], second: Sequence[PaperEntry]
) -> Reconciliation:
    """Compare the two entries of the same pile of sheets. Nothing is counted unless they
    agree on every sheet and every question: a half-reconciled pile would be counted twice
    once the rest is fixed, or not at all."""
    mismatches = _people(first, second)
    sheets_1, found_1 = _by_sheet(first)
    sheets_2, found_2 = _by_sheet(second)
    mismatches += found_1 + found_2
    for sheet in sorted(sheets_1.keys() - sheets_2.keys()):
        mismatches.append(Mismatch(Difference.ONLY_IN_FIRST, sheet))
    for sheet in sorted(sheets_2.keys() - sheets_1.keys()):
        mismatches.append(Mismatch(Difference.ONLY_IN_SECOND, sheet))
    for sheet in sorted(sheets_1.keys() & sheets_2.keys()):
        mismatches += _compare(election, sheet, sheets_1[sheet], sheets_2[sheet])
    if mismatches:
        return Reconciliation((), tuple(mismatches))
    ballots = (make_ballot(election, sheets_1[s].choices, s) for s in sorted(sheets_1))
    return Reconciliation(tuple(ballots), ())


def _people(first: Sequence[PaperEntry], second: Sequence[PaperEntry]) -> list[Mismatch]:
    people_1 = {entry.entered_by for entry in first}
    people_2 = {entry.entered_by for entry in second}
    mismatches = []
    if len(people_1) > 1 or len(people_2) > 1:
        mismatches.append(Mismatch(Difference.SEVERAL_PEOPLE))
    if people_1 & people_2:
        mismatches.append(Mismatch(Difference.SAME_PERSON))
    return mismatches


def _by_sheet(entries: Sequence[PaperEntry]) -> tuple[dict[str, PaperEntry], list[Mismatch]]:
    """Entries by the sheet's code as printed (typed in any case or grouping)."""
    found: list[Mismatch] = []
    codes = [normalise_receipt(entry.sheet) for entry in entries]
    counts = Counter(codes)
    by_sheet = {}
    for code, entry in zip(codes, entries, strict=True):
        if code is None:
            found.append(Mismatch(Difference.BAD_SHEET, entry.sheet))
        elif counts[code] > 1:
            found.append(Mismatch(Difference.SHEET_TWICE, code))
        else:
            by_sheet[code] = entry
    return by_sheet, list(dict.fromkeys(found))  # a sheet thrice is one mismatch


def _compare(election: Election, sheet: str, one: PaperEntry, two: PaperEntry) -> list[Mismatch]:
    mismatches = []
    for entry in (one, two):
        for problem in validate_ballot(election, entry.choices):
            mismatches.append(Mismatch(Difference.INVALID, sheet, problem.question))
    if mismatches:
        return list(dict.fromkeys(mismatches))
    a, b = normalise(election, one.choices), normalise(election, two.choices)
    for key in a.offices:
        if a.offices[key] != b.offices[key]:
            mismatches.append(Mismatch(Difference.CHOICES_DIFFER, sheet, key))
    for key in a.resolutions:
        if a.resolutions[key] != b.resolutions[key]:
            mismatches.append(Mismatch(Difference.CHOICES_DIFFER, sheet, key))
    return mismatches
