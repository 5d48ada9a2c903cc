"""Elections in plain Python: the count against a plain reference count on random elections,
ties at the last seat, the ballot's checks, the draw of the ballot order, receipts, the
published list and its recounts (Python and the standalone script), and paper ballots."""

import ast
import json
import random
import subprocess
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wego.events.domain.elections import (
    DEFAULT_OFFICES,
    RECEIPT_ALPHABET,
    Answer,
    Ballot,
    Choices,
    Code,
    Election,
    InvalidBallot,
    Majority,
    Office,
    Resolution,
    Status,
    adopted,
    ballot_order,
    default_offices,
    host_city_office,
    make_ballot,
    new_receipt,
    new_seed,
    normalise_receipt,
    quorum_required,
    receipt_digest,
    tally,
    validate_ballot,
)
from wego.events.domain.elections_paper import Difference, PaperEntry, reconcile
from wego.events.domain.elections_publish import (
    BALLOT_FIELDS,
    Discrepancy,
    canonical_json,
    check_published,
    find_ballot,
    fingerprint,
    published_ballot_list,
    recount,
    result_to_json,
)

RECOUNT_SCRIPT = Path(__file__).resolve().parents[3] / "tools" / "recount.py"


# ---------------------------------------------------------------------------------------------
# Helpers


def election_2014(eligible=80):
    """The 2014 leadership vote's shape: 22 seats, the host city and one resolution."""
    offices = default_offices(
        {
            "president": [1, 2],
            "executive_vice_president": [3],
            "vice_presidents": list(range(10, 18)),
            "executive_committee": list(range(20, 40)),
        }
    ) + (host_city_office([3, 50]),)
    return Election(
        offices=offices,
        resolutions=(Resolution("regulations", Majority.TWO_THIRDS),),
        eligible=eligible,
        title="3rd General Assembly",
        candidate_names={1: "Seoul", 3: "Ulyanovsk Region", 50: "Chengdu"},
    )


def random_election(rng):
    offices = []
    next_id = 1
    for n in range(rng.randint(1, 4)):
        seats = rng.randint(1, 5)
        count = rng.randint(1, seats + 4)
        offices.append(Office(f"office-{n}", seats, tuple(range(next_id, next_id + count))))
        next_id += count
    resolutions = tuple(
        Resolution(f"resolution-{n}", rng.choice(list(Majority))) for n in range(rng.randint(0, 3))
    )
    quorum = rng.choice([Fraction(1, 2), Fraction(2, 3), Fraction(0), Fraction(1, 3)])
    return Election(tuple(offices), resolutions, rng.randint(1, 60), quorum)


def random_choices(rng, election):
    # Few distinct vote counts, so ties at the last seat come often.
    offices = {
        o.key: rng.sample(o.candidates, rng.randint(0, min(o.seats, len(o.candidates))))
        for o in election.offices
        if rng.random() < 0.9
    }
    resolutions = {
        r.key: rng.choice([*Answer, None]) for r in election.resolutions if rng.random() < 0.9
    }
    return Choices(offices, resolutions)


def cast(election, choices_list):
    return [make_ballot(election, choices, new_receipt()) for choices in choices_list]


def reference_count(election, ballots):
    """A second count written another way: per candidate, the ballots that mark them; a seat
    is won when the candidates with at least as many votes fit in the seats."""
    needed = max(1, -(-election.quorum * election.eligible // 1))
    decide = len(ballots) >= needed
    offices = {}
    for office in election.offices:
        votes = {
            c: len([b for b in ballots if c in b.choices.offices.get(office.key, ())])
            for c in office.candidates
        }
        won, tied = set(), set()
        for c, v in votes.items():
            at_least = len([d for d in votes if votes[d] >= v])
            more = len([d for d in votes if votes[d] > v])
            if decide and at_least <= office.seats:
                won.add(c)
            elif decide and more < office.seats:
                tied.add(c)
        offices[office.key] = (votes, won, tied)
    resolutions = {}
    for r in election.resolutions:
        answers = [b.choices.resolutions.get(r.key) for b in ballots]
        yes, no = answers.count("yes"), answers.count("no")
        cast_votes = yes + no
        if not decide:
            verdict = None
        elif r.majority is Majority.TWO_THIRDS:
            verdict = cast_votes > 0 and Fraction(yes, cast_votes) >= Fraction(2, 3)
        else:
            verdict = yes * 2 > cast_votes
        resolutions[r.key] = (yes, no, answers.count("abstain"), verdict)
    return decide, offices, resolutions


def run_script(*args, stdin=None):
    # -I: isolated mode, no PYTHONPATH nor user site: the script stands on the standard library.
    return subprocess.run(
        [sys.executable, "-I", str(RECOUNT_SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=30,
    )


# ---------------------------------------------------------------------------------------------
# The questions


def test_the_default_offices_are_the_22_seats_of_the_statutes():
    assert DEFAULT_OFFICES == (
        ("president", 1),
        ("executive_vice_president", 1),
        ("vice_presidents", 6),
        ("executive_committee", 14),
    )
    assert sum(office.seats for office in default_offices()) == 22
    assert host_city_office([7, 8]).seats == 1


def test_an_office_needs_a_seat_and_each_candidate_once_and_questions_distinct_keys():
    with pytest.raises(ValueError):
        Office("president", 0, (1,))
    with pytest.raises(ValueError):
        Office("president", 1, (1, 1))
    with pytest.raises(ValueError):
        Election((Office("x", 1, (1,)),), (Resolution("x"),))


# ---------------------------------------------------------------------------------------------
# The count


@pytest.mark.parametrize("seed", range(300))
def test_tally_is_the_reference_count_on_random_elections(seed):
    rng = random.Random(seed)
    election = random_election(rng)
    ballots = cast(election, [random_choices(rng, election) for _ in range(election.eligible)])
    ballots = ballots[: rng.randint(0, len(ballots))]
    result = tally(election, ballots)
    decide, offices, resolutions = reference_count(election, ballots)

    assert result.quorum_met is decide
    assert result.ballots == len(ballots)
    for office_result in result.offices:
        votes, won, tied = offices[office_result.office]
        assert dict(office_result.votes) == votes
        assert set(office_result.elected) == won
        assert set(office_result.tie) == tied
        assert len(office_result.elected) + office_result.seats_in_tie <= office_result.seats
        assert office_result.blank == sum(
            1 for b in ballots if not b.choices.offices.get(office_result.office)
        )
    for r in result.resolutions:
        assert (r.yes, r.no, r.abstain, r.adopted) == resolutions[r.resolution]
        assert r.yes + r.no + r.abstain + r.unanswered == len(ballots)


def test_the_2014_vote_elects_22_and_chooses_the_host():
    election = election_2014(eligible=80)
    president = {
        "president": [1],
        "vice_presidents": list(range(10, 16)),
        "executive_committee": list(range(20, 34)),
    }
    ballots = cast(
        election,
        [Choices({**president, "host_city": [3]}, {"regulations": "yes"})] * 40
        + [Choices({"president": [2], "host_city": [50]}, {"regulations": "no"})] * 10
        + [Choices({}, {"regulations": "abstain"})] * 5,
    )
    result = tally(election, ballots)
    by_key = {o.office: o for o in result.offices}
    assert result.status is Status.DECIDED
    assert by_key["president"].elected == (1,)
    assert by_key["president"].votes == {1: 40, 2: 10}
    assert by_key["president"].blank == 5
    assert by_key["executive_vice_president"].elected == (3,)  # uncontested, no votes needed
    assert by_key["host_city"].elected == (3,)
    assert set(by_key["vice_presidents"].elected) == set(range(10, 16))
    assert sum(len(o.elected) for o in result.offices) == 23  # 22 seats and the host
    assert result.resolutions[0].adopted is True  # 40 of 50 cast, abstentions aside
    assert result.turnout == Fraction(55, 80)


def test_a_tie_at_the_last_seat_is_reported_and_not_broken():
    election = Election((Office("vp", 2, (1, 2, 3, 4)),), eligible=5)
    ballots = cast(
        election,
        [Choices({"vp": [1, 2]}), Choices({"vp": [1, 3]}), Choices({"vp": [1, 4]})],
    )
    office = tally(election, ballots).offices[0]
    assert office.elected == (1,)
    assert office.tie == (2, 3, 4)
    assert office.seats_in_tie == 1
    assert tally(election, ballots).status is Status.TIE


def test_a_tie_for_every_seat_elects_nobody_and_leaves_all_seats_to_the_rule():
    election = Election((Office("vp", 2, (1, 2, 3)),), eligible=4)
    ballots = cast(election, [Choices({"vp": [1]}), Choices({"vp": [2]}), Choices({"vp": [3]})])
    office = tally(election, ballots).offices[0]
    assert (office.elected, office.tie, office.seats_in_tie) == ((), (1, 2, 3), 2)


def test_a_tie_above_the_last_seat_is_no_tie():
    election = Election((Office("vp", 3, (1, 2, 3, 4)),), eligible=4)
    ballots = cast(election, [Choices({"vp": [1, 2, 3]}), Choices({"vp": [1, 2]})])
    office = tally(election, ballots).offices[0]
    assert office.elected == (1, 2, 3)
    assert office.tie == ()


def test_without_quorum_there_is_no_result_but_the_counts_are_shown():
    election = Election(
        (Office("president", 1, (1, 2)),), (Resolution("r"),), eligible=10
    )  # half of 10: 5 ballots needed
    ballots = cast(election, [Choices({"president": [1]}, {"r": "yes"})] * 4)
    result = tally(election, ballots)
    assert result.quorum_required == 5
    assert not result.quorum_met
    assert result.status is Status.NO_RESULT
    assert result.offices[0].votes == {1: 4, 2: 0}
    assert result.offices[0].elected == ()
    assert result.resolutions[0].adopted is None
    ballots.append(make_ballot(election, Choices({"president": [2]}), new_receipt()))
    assert tally(election, ballots).quorum_met


def test_the_quorum_rounds_up_and_is_never_zero():
    assert quorum_required(81) == 41
    assert quorum_required(80) == 40
    assert quorum_required(9, Fraction(2, 3)) == 6
    assert quorum_required(0) == 1
    assert quorum_required(10, Fraction(0)) == 1


def test_majorities_count_yes_and_no_only():
    assert adopted(Majority.SIMPLE, 3, 2)
    assert not adopted(Majority.SIMPLE, 2, 2)
    assert not adopted(Majority.SIMPLE, 0, 0)
    assert adopted(Majority.TWO_THIRDS, 2, 1)
    assert not adopted(Majority.TWO_THIRDS, 65, 34)
    assert not adopted(Majority.TWO_THIRDS, 0, 0)


def test_tally_refuses_more_ballots_than_voters_and_a_ballot_the_election_refuses():
    election = Election((Office("president", 1, (1, 2)),), eligible=1)
    good = make_ballot(election, Choices({"president": [1]}), new_receipt())
    with pytest.raises(ValueError, match="2 ballots for 1"):
        tally(election, [good, good])
    forged = Ballot(receipt_digest(new_receipt()), Choices({"president": [1, 2]}))
    with pytest.raises(InvalidBallot):
        tally(election, [forged])


# ---------------------------------------------------------------------------------------------
# The ballot's checks


def codes(election, choices):
    return [(p.code, p.question, p.candidate) for p in validate_ballot(election, choices)]


def test_a_valid_ballot_and_a_blank_one_have_no_problem():
    election = election_2014()
    assert codes(election, Choices({"vice_presidents": [10, 11, 12, 13, 14, 15]})) == []
    assert codes(election, Choices()) == []
    assert codes(election, Choices({"president": []}, {"regulations": None})) == []


def test_each_problem_has_its_code_and_question():
    election = election_2014()
    assert codes(election, Choices({"president": [1, 2]})) == [
        (Code.TOO_MANY_CANDIDATES, "president", 2)
    ]
    assert codes(election, Choices({"president": [99]})) == [
        (Code.UNKNOWN_CANDIDATE, "president", 99)
    ]
    assert codes(election, Choices({"president": [1, 1]})) == [
        (Code.DUPLICATE_CANDIDATE, "president", 1)
    ]
    assert codes(election, Choices({"treasurer": [1]}, {"budget": "yes"})) == [
        (Code.UNKNOWN_QUESTION, "treasurer", None),
        (Code.UNKNOWN_QUESTION, "budget", None),
    ]
    assert codes(election, Choices({}, {"regulations": "maybe"})) == [
        (Code.BAD_ANSWER, "regulations", "maybe")
    ]


def test_a_candidate_of_another_office_a_string_or_true_is_unknown():
    election = election_2014()
    assert [c for c, *_ in codes(election, Choices({"president": [10]}))] == [
        Code.UNKNOWN_CANDIDATE
    ]
    assert [c for c, *_ in codes(election, Choices({"president": ["1"]}))] == [
        Code.UNKNOWN_CANDIDATE
    ]
    assert [c for c, *_ in codes(election, Choices({"president": [True]}))] == [
        Code.UNKNOWN_CANDIDATE
    ]


def test_make_ballot_refuses_with_every_problem_and_stores_a_normal_form():
    election = election_2014()
    with pytest.raises(InvalidBallot) as refused:
        make_ballot(election, Choices({"president": [1, 2], "x": []}), new_receipt())
    assert {p.code for p in refused.value.problems} == {
        Code.TOO_MANY_CANDIDATES,
        Code.UNKNOWN_QUESTION,
    }
    ballot = make_ballot(election, Choices({"vice_presidents": [14, 10]}), "k7qf 2mxp 9rta h4bw")
    assert ballot.receipt_digest == receipt_digest("K7QF-2MXP-9RTA-H4BW")
    assert ballot.choices.offices["vice_presidents"] == (10, 14)
    assert ballot.choices.offices["president"] == ()
    assert ballot.choices.resolutions == {"regulations": None}


# ---------------------------------------------------------------------------------------------
# The ballot order


def test_the_ballot_order_is_stable_for_a_seed_and_differs_for_another():
    candidates = list(range(1, 21))
    order = ballot_order("seed-a", candidates)
    assert sorted(order) == candidates
    assert ballot_order("seed-a", reversed(candidates)) == order  # input order does not matter
    assert ballot_order("seed-b", candidates) != order
    assert ballot_order("seed-a", candidates, "vice_presidents") != order


def test_the_order_is_sha256_of_seed_question_and_candidate():
    import hashlib

    keys = {c: hashlib.sha256(f"s|q|{c}".encode()).hexdigest() for c in (5, 6, 7)}
    assert ballot_order("s", [5, 6, 7], "q") == sorted(keys, key=keys.get)


def test_each_candidate_comes_first_about_equally_often():
    candidates = [101, 202, 303, 404, 505]
    firsts = Counter(ballot_order(f"seed-{n}", candidates)[0] for n in range(5000))
    # 1,000 expected each; the binomial standard deviation is about 28.
    assert set(firsts) == set(candidates)
    assert all(850 < firsts[c] < 1150 for c in candidates), firsts


def test_new_seeds_differ():
    assert len({new_seed() for _ in range(100)}) == 100


# ---------------------------------------------------------------------------------------------
# Receipts


def test_receipts_are_80_bits_in_four_groups_and_unique():
    receipts = [new_receipt() for _ in range(5000)]
    assert len(set(receipts)) == len(receipts)
    for receipt in receipts[:200]:
        groups = receipt.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(RECEIPT_ALPHABET)
    assert len(RECEIPT_ALPHABET) ** 16 == 2**80


def test_a_receipt_typed_loosely_is_read_as_printed():
    assert normalise_receipt("k7qf2mxp9rtah4bw") == "K7QF-2MXP-9RTA-H4BW"
    assert normalise_receipt(" K7QF - 2MXP-9RTA-H4BW ") == "K7QF-2MXP-9RTA-H4BW"
    assert normalise_receipt("O0IL-2MXP-9RTA-H4BW") == "0011-2MXP-9RTA-H4BW"
    assert normalise_receipt("K7QF-2MXP-9RTA-H4B") is None
    assert normalise_receipt("K7QF-2MXP-9RTA-H4BU") is None  # U is not in the alphabet
    with pytest.raises(ValueError):
        receipt_digest("nonsense")


def test_the_digest_is_plain_sha256_of_the_printed_code():
    import hashlib

    expected = hashlib.sha256(b"K7QF-2MXP-9RTA-H4BW").hexdigest()
    assert receipt_digest("K7QF-2MXP-9RTA-H4BW") == expected


# ---------------------------------------------------------------------------------------------
# The published list and its recounts


@pytest.fixture
def published_vote():
    rng = random.Random(2014)
    election = election_2014(eligible=90)
    receipts = [new_receipt() for _ in range(83)]
    ballots = [make_ballot(election, random_choices(rng, election), r) for r in receipts]
    return election, receipts, ballots, published_ballot_list(election, ballots)


def test_every_receipt_finds_its_ballot_in_the_published_list(published_vote):
    election, receipts, ballots, published = published_vote
    digests = {b["receipt_digest"] for b in published["ballots"]}
    assert digests == {receipt_digest(r) for r in receipts}
    for receipt, ballot in zip(receipts, ballots, strict=True):
        found = find_ballot(published, receipt.lower().replace("-", ""))
        assert found["offices"] == {k: list(v) for k, v in ballot.choices.offices.items()}
    assert find_ballot(published, new_receipt()) is None
    assert find_ballot(published, "not a receipt") is None


def test_the_published_list_is_in_digest_order_and_holds_only_digest_and_choices(
    published_vote,
):
    election, receipts, ballots, published = published_vote
    digests = [b["receipt_digest"] for b in published["ballots"]]
    assert digests == sorted(digests)
    assert all(set(b) == BALLOT_FIELDS for b in published["ballots"])
    assert BALLOT_FIELDS == {"receipt_digest", "offices", "resolutions"}
    # The order ballots were cast in does not show: casting in reverse publishes the same list.
    assert published_ballot_list(election, list(reversed(ballots))) == published
    assert set(published) == {"format", "election", "ballots", "result"}
    assert json.loads(canonical_json(published)) == published
    assert len(fingerprint(published)) == 64


def test_recount_in_python_and_by_the_script_equal_the_tally(published_vote, tmp_path):
    election, receipts, ballots, published = published_vote
    declared = result_to_json(tally(election, ballots))
    assert published["result"] == declared
    assert result_to_json(recount(published)) == declared
    assert check_published(published) == []

    path = tmp_path / "ballots.json"
    path.write_text(canonical_json(published), encoding="utf-8")
    script = run_script(str(path), "--json")
    assert script.returncode == 0, script.stderr
    assert json.loads(script.stdout) == declared
    assert "IS the declared result" in script.stderr

    printed = run_script(str(path))
    assert printed.returncode == 0
    assert "Seoul" in printed.stdout
    assert f"SHA-256 of the list: {fingerprint(published)}" in printed.stdout
    assert "The recount IS the declared result." in printed.stdout


@pytest.mark.parametrize("seed", range(25))
def test_the_script_agrees_with_tally_on_random_elections(seed):
    rng = random.Random(1000 + seed)
    election = random_election(rng)
    ballots = cast(election, [random_choices(rng, election) for _ in range(election.eligible)])
    published = published_ballot_list(election, ballots[: rng.randint(0, len(ballots))])
    script = run_script("-", "--json", stdin=json.dumps(published))
    assert script.returncode == 0, script.stderr
    assert json.loads(script.stdout) == published["result"]


def test_the_script_finds_a_ballot_by_receipt(published_vote, tmp_path):
    _, receipts, _, published = published_vote
    path = tmp_path / "ballots.json"
    path.write_text(json.dumps(published), encoding="utf-8")
    found = run_script(str(path), "--receipt", receipts[0])
    assert found.returncode == 0
    assert receipt_digest(receipts[0]) in found.stdout
    missing = run_script(str(path), "--receipt", new_receipt())
    assert missing.returncode == 1
    assert "No ballot" in missing.stdout


def test_a_changed_result_or_ballot_is_caught_by_both_recounts(published_vote, tmp_path):
    _, _, _, published = published_vote
    changed = json.loads(json.dumps(published))
    changed["result"]["offices"][0]["votes"][0]["votes"] += 1
    assert [f.discrepancy for f in check_published(changed)] == [Discrepancy.RESULT_DIFFERS]
    assert run_script("-", stdin=json.dumps(changed)).returncode == 1

    swapped = json.loads(json.dumps(published))
    swapped["ballots"].reverse()
    assert Discrepancy.NOT_SORTED in {f.discrepancy for f in check_published(swapped)}
    assert run_script("-", stdin=json.dumps(swapped)).returncode == 1

    stuffed = json.loads(json.dumps(published))
    stuffed["ballots"][0]["president"] = [1, 2]
    stuffed["ballots"][1]["cast_at"] = "2014-11-20T10:00"
    found = {f.discrepancy for f in check_published(stuffed)}
    assert Discrepancy.EXTRA_FIELD in found
    assert run_script("-", stdin=json.dumps(stuffed)).returncode == 1

    overvoted = json.loads(json.dumps(published))
    overvoted["ballots"][0]["offices"]["president"] = [1, 2]
    assert Discrepancy.INVALID_BALLOT in {f.discrepancy for f in check_published(overvoted)}
    assert "more than 1 for president" in run_script("-", stdin=json.dumps(overvoted)).stderr


def test_malformed_ballots_are_findings_not_crashes(published_vote):
    _, _, _, published = published_vote
    for forged in ({"president": 1}, {"president": "12"}, {"president": [[1]]}):
        broken = json.loads(json.dumps(published))
        broken["ballots"][0]["offices"] = forged
        assert Discrepancy.INVALID_BALLOT in {f.discrepancy for f in check_published(broken)}
        assert run_script("-", stdin=json.dumps(broken)).returncode == 1
    broken = json.loads(json.dumps(published))
    broken["ballots"][0]["resolutions"] = {"regulations": ["yes"]}
    assert Discrepancy.INVALID_BALLOT in {f.discrepancy for f in check_published(broken)}
    broken["ballots"][0]["resolutions"] = "yes"
    assert Discrepancy.BAD_FORMAT in {f.discrepancy for f in check_published(broken)}
    assert run_script("-", stdin=json.dumps(broken)).returncode == 1
    del broken["ballots"]
    assert [f.discrepancy for f in check_published(broken)] == [Discrepancy.BAD_FORMAT]
    assert run_script("-", stdin=json.dumps(broken)).returncode == 2


def test_the_script_refuses_what_is_not_a_published_list(tmp_path):
    assert run_script("-", stdin="{}").returncode == 2
    assert run_script("-", stdin="not json").returncode == 2
    assert run_script(str(tmp_path / "missing.json")).returncode == 2


def test_the_script_imports_the_standard_library_only():
    tree = ast.parse(RECOUNT_SCRIPT.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in getattr(node, "names", [])
    } | {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert imported <= sys.stdlib_module_names, imported - sys.stdlib_module_names


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_valid_ballot_round_trips_through_the_published_list(data):
    election = election_2014(eligible=5)
    choices = Choices(
        {
            o.key: data.draw(st.lists(st.sampled_from(o.candidates), unique=True, max_size=o.seats))
            for o in election.offices
        },
        {"regulations": data.draw(st.sampled_from([*Answer, None]))},
    )
    assert validate_ballot(election, choices) == []
    published = published_ballot_list(election, [make_ballot(election, choices, new_receipt())])
    assert check_published(published) == []
    assert recount(published) == tally(election, [make_ballot(election, choices, new_receipt())])


# ---------------------------------------------------------------------------------------------
# Paper ballots


def sheets(election, count, rng):
    return [(new_receipt(), random_choices(rng, election)) for _ in range(count)]


def entries(pile, person):
    return [PaperEntry(code, choices, person) for code, choices in pile]


def test_two_agreeing_entries_give_the_ballots_under_the_sheets_codes():
    election = election_2014()
    pile = sheets(election, 12, random.Random(1))
    second = [PaperEntry(code.lower(), c, 8) for code, c in reversed(pile)]  # any order, case
    result = reconcile(election, entries(pile, 7), second)
    assert result.agreed
    assert sorted(b.receipt_digest for b in result.ballots) == sorted(
        receipt_digest(code) for code, _ in pile
    )
    assert tally(election, list(result.ballots)).ballots == 12


def test_a_difference_anywhere_counts_nothing_and_says_where():
    election = election_2014()
    pile = sheets(election, 5, random.Random(2))
    second = entries(pile, 8)
    code = pile[2][0]
    second[2] = PaperEntry(code, Choices({"president": [2]}, {"regulations": "no"}), 8)
    first = entries(pile, 7)
    first[2] = PaperEntry(code, Choices({"president": [1]}, {"regulations": "no"}), 7)
    result = reconcile(election, first, second[:4] + [PaperEntry(new_receipt(), Choices(), 8)])
    assert result.ballots == ()
    found = {(m.difference, m.sheet, m.question) for m in result.mismatches}
    assert (Difference.CHOICES_DIFFER, code, "president") in found
    assert (Difference.ONLY_IN_FIRST, pile[4][0], "") in found
    assert Difference.ONLY_IN_SECOND in {m.difference for m in result.mismatches}


def test_paper_entries_need_two_people_valid_sheets_and_each_sheet_once():
    election = election_2014()
    pile = sheets(election, 3, random.Random(3))
    same = reconcile(election, entries(pile, 7), entries(pile, 7))
    assert [m.difference for m in same.mismatches] == [Difference.SAME_PERSON]
    assert same.ballots == ()

    mixed = entries(pile, 7)
    mixed[0] = PaperEntry(pile[0][0], pile[0][1], 9)
    assert Difference.SEVERAL_PEOPLE in {
        m.difference for m in reconcile(election, mixed, entries(pile, 8)).mismatches
    }

    doubled = entries(pile, 7) + entries(pile[:1], 7)
    assert Difference.SHEET_TWICE in {
        m.difference for m in reconcile(election, doubled, entries(pile, 8)).mismatches
    }

    bad = entries(pile, 7) + [PaperEntry("12", Choices(), 7)]
    assert Difference.BAD_SHEET in {
        m.difference for m in reconcile(election, bad, entries(pile, 8)).mismatches
    }

    overmarked = [(pile[0][0], Choices({"president": [1, 2]}))]
    result = reconcile(election, entries(overmarked, 7), entries(overmarked, 8))
    assert [(m.difference, m.question) for m in result.mismatches] == [
        (Difference.INVALID, "president")
    ]
