"""The published list of ballots, and its recount. Plain Python, no Django.

Once the vote closes, the platform publishes one JSON document (`published_ballot_list`):
the election's questions, every ballot (its receipt digest and its choices, nothing else)
sorted by digest so that the order reveals nothing about who voted when, and the declared
result. Anyone can look up their ballot by hashing their receipt, and recount the whole list
with `recount` here or, without this code, with the standard-library script
`tools/recount.py`, which implements the same rules a second time.

The format (`FORMAT`), with JSON types only (ids are integers, the quorum a "p/q" string):

    {"format": "wego-election/1",
     "election": {"title", "eligible", "quorum",
                  "offices": [{"key", "title", "seats", "candidates": [{"id", "name"}]}],
                  "resolutions": [{"key", "title", "majority"}]},
     "ballots": [{"receipt_digest", "offices": {key: [ids]}, "resolutions": {key: answer}}],
     "result": {"ballots", "eligible", "quorum_required", "quorum_met", "status",
                "offices": [{"office", "seats", "votes": [{"candidate", "votes"}], "blank",
                             "elected", "tie", "seats_in_tie"}],
                "resolutions": [{"resolution", "majority", "yes", "no", "abstain",
                                 "unanswered", "adopted"}]}}
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from wego.events.domain.elections import (
    Ballot,
    Choices,
    Election,
    Majority,
    Office,
    Resolution,
    Result,
    normalise,
    normalise_receipt,
    receipt_digest,
    tally,
    validate_ballot,
)

FORMAT = "wego-election/1"
BALLOT_FIELDS = frozenset({"receipt_digest", "offices", "resolutions"})
_DIGEST = re.compile(r"[0-9a-f]{64}")


class Discrepancy(StrEnum):
    """What `check_published` can find wrong in a published list."""

    BAD_FORMAT = "bad-format"
    NOT_SORTED = "not-sorted"  # ballots not in digest order
    BAD_DIGEST = "bad-digest"  # not 64 lowercase hex digits
    DUPLICATE_DIGEST = "duplicate-digest"
    EXTRA_FIELD = "extra-field"  # a ballot carries more than its digest and choices
    INVALID_BALLOT = "invalid-ballot"  # a ballot the election would have refused
    RESULT_DIFFERS = "result-differs"  # the recount is not the declared result


@dataclass(frozen=True)
class Finding:
    discrepancy: Discrepancy
    detail: str = ""


# ---------------------------------------------------------------------------------------------
# To JSON


def published_ballot_list(
    election: Election, ballots: Sequence[Ballot], result: Result | None = None
) -> dict[str, Any]:
    """The document to publish. `result` is the declared one (the count is made when it is
    not given); the ballots go out in digest order, in their stored (normalised) form."""
    result = result if result is not None else tally(election, ballots)
    ordered = sorted(ballots, key=lambda ballot: ballot.receipt_digest)
    return {
        "format": FORMAT,
        "election": election_to_json(election),
        "ballots": [ballot_to_json(election, ballot) for ballot in ordered],
        "result": result_to_json(result),
    }


def election_to_json(election: Election) -> dict[str, Any]:
    names = election.candidate_names
    return {
        "title": election.title,
        "eligible": election.eligible,
        "quorum": f"{election.quorum.numerator}/{election.quorum.denominator}",
        "offices": [
            {
                "key": office.key,
                "title": office.title,
                "seats": office.seats,
                "candidates": [{"id": c, "name": names.get(c, "")} for c in office.candidates],
            }
            for office in election.offices
        ],
        "resolutions": [
            {"key": r.key, "title": r.title, "majority": str(r.majority)}
            for r in election.resolutions
        ],
    }


def ballot_to_json(election: Election, ballot: Ballot) -> dict[str, Any]:
    choices = normalise(election, ballot.choices)
    return {
        "receipt_digest": ballot.receipt_digest,
        "offices": {key: list(ids) for key, ids in choices.offices.items()},
        "resolutions": {
            key: None if answer is None else str(answer)
            for key, answer in choices.resolutions.items()
        },
    }


def result_to_json(result: Result) -> dict[str, Any]:
    return {
        "ballots": result.ballots,
        "eligible": result.eligible,
        "quorum_required": result.quorum_required,
        "quorum_met": result.quorum_met,
        "status": str(result.status),
        "offices": [
            {
                "office": o.office,
                "seats": o.seats,
                "votes": [{"candidate": c, "votes": n} for c, n in o.votes.items()],
                "blank": o.blank,
                "elected": list(o.elected),
                "tie": list(o.tie),
                "seats_in_tie": o.seats_in_tie,
            }
            for o in result.offices
        ],
        "resolutions": [
            {
                "resolution": r.resolution,
                "majority": str(r.majority),
                "yes": r.yes,
                "no": r.no,
                "abstain": r.abstain,
                "unanswered": r.unanswered,
                "adopted": r.adopted,
            }
            for r in result.resolutions
        ],
    }


def canonical_json(published: Mapping[str, Any]) -> str:
    """One text for one document (sorted keys, no spaces at ends of lines), so its SHA-256
    (`fingerprint`) can be announced with the result and compared with any download."""
    return json.dumps(published, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def fingerprint(published: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(published).encode()).hexdigest()


# ---------------------------------------------------------------------------------------------
# From JSON, and the recount


def election_from_json(data: Mapping[str, Any]) -> Election:
    numerator, denominator = (int(part) for part in str(data["quorum"]).split("/"))
    names = {
        c["id"]: c["name"] for office in data["offices"] for c in office["candidates"] if c["name"]
    }
    return Election(
        offices=tuple(
            Office(o["key"], o["seats"], tuple(c["id"] for c in o["candidates"]), o["title"])
            for o in data["offices"]
        ),
        resolutions=tuple(
            Resolution(r["key"], Majority(r["majority"]), r["title"]) for r in data["resolutions"]
        ),
        eligible=data["eligible"],
        quorum=Fraction(numerator, denominator),
        title=data["title"],
        candidate_names=names,
    )


def ballot_from_json(data: Mapping[str, Any]) -> Ballot:
    return Ballot(
        data["receipt_digest"],
        Choices(offices=dict(data["offices"]), resolutions=dict(data["resolutions"])),
    )


def recount(published: Mapping[str, Any]) -> Result:
    """The count of the published ballots, by the published rules (ValueError when the list
    cannot be counted: see `check_published` for why)."""
    election = election_from_json(published["election"])
    return tally(election, [ballot_from_json(b) for b in published["ballots"]])


def find_ballot(published: Mapping[str, Any], receipt: str) -> dict[str, Any] | None:
    """The published ballot of `receipt` (None when the code is no receipt or not listed)."""
    if normalise_receipt(receipt) is None:
        return None
    digest = receipt_digest(receipt)
    return next((b for b in published["ballots"] if b["receipt_digest"] == digest), None)


def check_published(published: Mapping[str, Any]) -> list[Finding]:
    """Everything wrong with a published list; empty when it recounts to its declared result."""
    if published.get("format") != FORMAT:
        return [Finding(Discrepancy.BAD_FORMAT, str(published.get("format")))]
    try:
        election = election_from_json(published["election"])
    except (KeyError, TypeError, ValueError) as error:
        return [Finding(Discrepancy.BAD_FORMAT, f"election: {error}")]
    ballots = published.get("ballots")
    if not isinstance(ballots, list) or not all(isinstance(b, Mapping) for b in ballots):
        return [Finding(Discrepancy.BAD_FORMAT, "ballots")]
    findings = _ballot_findings(election, ballots)
    if not findings:
        findings += _result_findings(published)
    return findings


def _ballot_findings(election: Election, ballots: Sequence[Mapping[str, Any]]) -> list[Finding]:
    findings = []
    digests = [b.get("receipt_digest", "") for b in ballots]
    if digests != sorted(digests):
        findings.append(Finding(Discrepancy.NOT_SORTED))
    for digest in sorted({d for d in digests if digests.count(d) > 1}):
        findings.append(Finding(Discrepancy.DUPLICATE_DIGEST, digest))
    for data in ballots:
        digest = str(data.get("receipt_digest"))
        if not _DIGEST.fullmatch(digest):
            findings.append(Finding(Discrepancy.BAD_DIGEST, digest))
        if extra := set(data) - BALLOT_FIELDS:
            findings.append(Finding(Discrepancy.EXTRA_FIELD, f"{digest}: {sorted(extra)}"))
        elif not all(isinstance(data.get(part), Mapping) for part in ("offices", "resolutions")):
            findings.append(Finding(Discrepancy.BAD_FORMAT, f"{digest}: choices"))
        elif problems := validate_ballot(election, ballot_from_json(data).choices):
            codes = ", ".join(f"{p.code} ({p.question})" for p in problems)
            findings.append(Finding(Discrepancy.INVALID_BALLOT, f"{digest}: {codes}"))
    return findings


def _result_findings(published: Mapping[str, Any]) -> list[Finding]:
    try:
        recounted = result_to_json(recount(published))
    except ValueError as error:
        return [Finding(Discrepancy.RESULT_DIFFERS, str(error))]
    declared = published.get("result")
    if recounted == declared:
        return []
    return [
        Finding(Discrepancy.RESULT_DIFFERS, key)
        for key in recounted
        if not isinstance(declared, Mapping) or recounted[key] != declared.get(key)
    ]
