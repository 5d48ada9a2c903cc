#!/usr/bin/env python3
"""Recount a WeGO election from its published list of ballots.

    python3 recount.py ballots.json                 the count, and whether it is the declared one
    python3 recount.py ballots.json --receipt CODE  your ballot, found by your receipt code
    python3 recount.py ballots.json --json          the count as JSON (the "result" format)

Needs Python 3.8 or later and nothing else: this file is the whole program, written apart from
the platform's own code so that it checks the platform rather than repeats it. Rules:

- each ballot marks at most `seats` distinct candidates of an office; a candidate's votes are
  the ballots marking them;
- with no more candidates than seats, all are elected; otherwise the `seats` candidates with
  the most votes are, except that candidates with as many votes as the last seat's, when one
  of them would be left out, are a tie: none of them is elected and the election's own rule
  (a run-off) gives the seats left;
- a resolution is adopted by more yes than no (simple majority), or by yes at least two thirds
  of yes plus no (two thirds); abstentions and unanswered ballots are not votes cast;
- the quorum is the share of the eligible member cities, rounded up and at least one ballot;
  without it nothing is elected or adopted.

Exit status: 0 the count is the declared result, 1 it is not (or the list is wrong), 2 the
file cannot be read.
"""

import argparse
import hashlib
import json
import sys

FORMAT = "wego-election/1"
ANSWERS = ("yes", "no", "abstain")
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def receipt_digest(text):
    """SHA-256 of the receipt as printed: XXXX-XXXX-XXXX-XXXX in capitals."""
    code = text.upper().replace("-", "").replace(" ", "")
    code = code.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(code) != 16 or any(ch not in RECEIPT_ALPHABET for ch in code):
        return None
    printed = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    return hashlib.sha256(printed.encode("ascii")).hexdigest()


def check_ballots(election, ballots):
    """Why the list cannot be trusted as it stands (empty when it can be counted)."""
    faults = []
    digests = [ballot.get("receipt_digest") for ballot in ballots]
    if digests != sorted(digests, key=str):
        faults.append("ballots are not listed in digest order")
    if len(set(digests)) != len(digests):
        faults.append("two ballots have the same receipt digest")
    if len(ballots) > election["eligible"]:
        faults.append("more ballots than eligible voters")
    offices = {office["key"]: office for office in election["offices"]}
    resolutions = {resolution["key"] for resolution in election["resolutions"]}
    for ballot in ballots:
        name = str(ballot.get("receipt_digest"))[:12]
        if set(ballot) != {"receipt_digest", "offices", "resolutions"}:
            faults.append(f"ballot {name}: fields {sorted(ballot)}")
            continue
        if not isinstance(ballot["offices"], dict) or not isinstance(ballot["resolutions"], dict):
            faults.append(f"ballot {name}: offices and resolutions must be objects")
            continue
        for key, marked in ballot["offices"].items():
            office = offices.get(key)
            if office is None:
                faults.append(f"ballot {name}: unknown office {key}")
                continue
            if not isinstance(marked, list) or any(type(c) is not int for c in marked):
                faults.append(f"ballot {name}: {key} must be a list of candidate ids")
                continue
            allowed = [candidate["id"] for candidate in office["candidates"]]
            if len(set(marked)) != len(marked) or any(c not in allowed for c in marked):
                faults.append(f"ballot {name}: a candidate twice or not standing for {key}")
            if len(marked) > office["seats"]:
                faults.append(f"ballot {name}: more than {office['seats']} for {key}")
        for key, answer in ballot["resolutions"].items():
            if key not in resolutions or (answer is not None and answer not in ANSWERS):
                faults.append(f"ballot {name}: answer {answer!r} to {key}")
    return faults


def quorum_needed(election):
    top, bottom = (int(part) for part in election["quorum"].split("/"))
    needed = (top * election["eligible"] + bottom - 1) // bottom  # rounded up
    return max(needed, 1)


def count_office(office, ballots, decide):
    seats = office["seats"]
    ids = [candidate["id"] for candidate in office["candidates"]]
    votes = {c: sum(1 for b in ballots if c in b["offices"].get(office["key"], [])) for c in ids}
    blank = sum(1 for b in ballots if not b["offices"].get(office["key"]))
    elected, tie = [], []
    if decide:
        for c in ids:
            above = sum(1 for other in ids if votes[other] > votes[c])
            level = sum(1 for other in ids if votes[other] == votes[c])
            if above + level <= seats:
                elected.append(c)
            elif above < seats:
                tie.append(c)
    elected.sort(key=lambda c: (-votes[c], c))
    return {
        "office": office["key"],
        "seats": seats,
        "votes": [{"candidate": c, "votes": votes[c]} for c in ids],
        "blank": blank,
        "elected": elected,
        "tie": sorted(tie),
        "seats_in_tie": seats - len(elected) if tie else 0,
    }


def count_resolution(resolution, ballots, decide):
    answers = [b["resolutions"].get(resolution["key"]) for b in ballots]
    yes, no = answers.count("yes"), answers.count("no")
    if not decide:
        adopted = None
    elif resolution["majority"] == "two_thirds":
        adopted = yes + no > 0 and yes * 3 >= (yes + no) * 2
    else:
        adopted = yes > no
    return {
        "resolution": resolution["key"],
        "majority": resolution["majority"],
        "yes": yes,
        "no": no,
        "abstain": answers.count("abstain"),
        "unanswered": answers.count(None),
        "adopted": adopted,
    }


def count(published):
    election, ballots = published["election"], published["ballots"]
    needed = quorum_needed(election)
    decide = len(ballots) >= needed
    offices = [count_office(office, ballots, decide) for office in election["offices"]]
    if not decide:
        status = "no_result"
    elif any(office["tie"] for office in offices):
        status = "tie"
    else:
        status = "decided"
    return {
        "ballots": len(ballots),
        "eligible": election["eligible"],
        "quorum_required": needed,
        "quorum_met": decide,
        "status": status,
        "offices": offices,
        "resolutions": [count_resolution(r, ballots, decide) for r in election["resolutions"]],
    }


def names_of(election):
    names = {}
    for office in election["offices"]:
        for candidate in office["candidates"]:
            names[candidate["id"]] = candidate["name"] or f"#{candidate['id']}"
    return names


def print_count(election, result):
    names = names_of(election)
    print(election["title"] or "Election")
    turnout = result["ballots"] / result["eligible"] if result["eligible"] else 0
    print(f"Ballots {result['ballots']} of {result['eligible']} eligible ({turnout:.1%}); ", end="")
    met = "met" if result["quorum_met"] else "NOT met: no result"
    print(f"quorum {result['quorum_required']} {met}")
    titles = {office["key"]: office["title"] or office["key"] for office in election["offices"]}
    for office in result["offices"]:
        print(f"\n{titles[office['office']]} ({office['seats']} seats, {office['blank']} blank)")
        for row in sorted(office["votes"], key=lambda row: (-row["votes"], row["candidate"])):
            c = row["candidate"]
            mark = "elected" if c in office["elected"] else "TIE" if c in office["tie"] else ""
            print(f"  {row['votes']:6}  {names[c]}  {mark}")
        if office["tie"]:
            print(f"  tie for {office['seats_in_tie']} seat(s): the election's rule decides")
    for r in result["resolutions"]:
        verdict = {True: "adopted", False: "not adopted", None: "no result"}[r["adopted"]]
        print(
            f"\n{r['resolution']}: yes {r['yes']}, no {r['no']}, abstain {r['abstain']}, ", end=""
        )
        print(f"unanswered {r['unanswered']} ({r['majority']}): {verdict}")


def print_ballot(published, receipt):
    digest = receipt_digest(receipt)
    if digest is None:
        print("That is not a receipt code (16 letters and digits, e.g. K7QF-2MXP-9RTA-H4BW).")
        return 1
    ballot = next((b for b in published["ballots"] if b["receipt_digest"] == digest), None)
    if ballot is None:
        print(f"No ballot has the digest {digest}.")
        return 1
    names = names_of(published["election"])
    print(f"Your ballot (digest {digest}):")
    for key, marked in ballot["offices"].items():
        print(f"  {key}: {', '.join(names[c] for c in marked) or 'blank'}")
    for key, answer in ballot["resolutions"].items():
        print(f"  {key}: {answer or 'no answer'}")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Recount a WeGO election's published ballots.")
    parser.add_argument("file", help="the downloaded list of ballots (JSON), or - for stdin")
    parser.add_argument("--receipt", help="show the ballot of this receipt code")
    parser.add_argument("--json", action="store_true", help="print the count as JSON")
    args = parser.parse_args(argv)
    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(args.file, "rb") as handle:
                raw = handle.read()
        published = json.loads(raw.decode("utf-8"))
        if published.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} document")
    except (OSError, ValueError, AttributeError) as error:
        print(f"Cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    # The platform announces this with the result: the same figure means the same list.
    fingerprint = hashlib.sha256(raw).hexdigest()
    try:
        if args.receipt:
            return print_ballot(published, args.receipt)
        faults = check_ballots(published["election"], published["ballots"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        print(f"Cannot read {args.file}: missing or wrong part {error}", file=sys.stderr)
        return 2
    for fault in faults:
        print(f"WRONG: {fault}", file=sys.stderr)
    if faults:
        return 1
    result = count(published)
    if args.json:
        print(json.dumps(result, indent=1, sort_keys=True))
    else:
        print(f"SHA-256 of the list: {fingerprint}\n")
        print_count(published["election"], result)
    agrees = result == published.get("result")
    print(
        "\nThe recount IS the declared result."
        if agrees
        else "\nThe recount DIFFERS from the declared result.",
        file=sys.stderr if args.json else sys.stdout,
    )
    return 0 if agrees else 1


if __name__ == "__main__":
    sys.exit(main())
