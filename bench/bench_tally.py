"""Counting a General Assembly vote: 500 ballots for the 22 seats of the leadership, the host
city and three resolutions.

    python bench/bench_tally.py

Plain Python, no database: times `tally` (each ballot checked again, then counted), the
published list of ballots, the recount from that list, and the standalone script
`tools/recount.py` run as a new process on the downloaded JSON (what a member city would run).
Budget: 1 s for the count, and the same for the others (ratio < 1 means within budget); the
exit status is 1 when the slowest count is over budget.
"""

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import measure, report

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from wego.events.domain.elections import (  # noqa: E402 (after the path is set)
    Choices,
    Election,
    Majority,
    Resolution,
    default_offices,
    host_city_office,
    make_ballot,
    new_receipt,
    tally,
)
from wego.events.domain.elections_publish import (  # noqa: E402
    canonical_json,
    published_ballot_list,
    recount,
)

BALLOTS = 500
ELIGIBLE = 520
BUDGET_MS = 1000.0
ROUNDS = 20
CANDIDATES = {
    "president": 3,
    "executive_vice_president": 2,
    "vice_presidents": 12,
    "executive_committee": 30,
}


def build(rng):
    ids = iter(range(1, 10_000))
    candidates = {key: [next(ids) for _ in range(n)] for key, n in CANDIDATES.items()}
    offices = default_offices(candidates) + (host_city_office([next(ids) for _ in range(3)]),)
    resolutions = (
        Resolution("regulations", Majority.TWO_THIRDS),
        Resolution("budget"),
        Resolution("new_members"),
    )
    election = Election(offices, resolutions, ELIGIBLE)
    ballots = [
        make_ballot(election, random_choices(rng, election), new_receipt()) for _ in range(BALLOTS)
    ]
    return election, ballots


def random_choices(rng, election):
    # Most delegates fill every seat, a few leave some blank.
    offices = {
        o.key: rng.sample(o.candidates, rng.choice([o.seats] * 4 + [0, o.seats // 2]))
        for o in election.offices
    }
    answers = ["yes"] * 6 + ["no"] * 3 + ["abstain", None]
    return Choices(offices, {r.key: rng.choice(answers) for r in election.resolutions})


def time_script(path):
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-I", str(ROOT / "tools" / "recount.py"), str(path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, json.loads(done.stdout)


def main():
    rng = random.Random(2014)
    election, ballots = build(rng)
    seats = sum(o.seats for o in election.offices[:4])
    print(
        f"{len(ballots)} ballots, {seats} seats + host city, {len(election.resolutions)} "
        "resolutions"
    )

    counts = measure(lambda: tally(election, ballots), ROUNDS)
    ratio = report("tally", counts, BUDGET_MS)
    worst = counts[-1] / BUDGET_MS
    print(f"{'tally, slowest of ' + str(ROUNDS):48} {counts[-1]:9.2f} ms  ratio {worst:5.3f}")

    result = tally(election, ballots)
    published = published_ballot_list(election, ballots, result)
    report(
        "published list (JSON-ready)",
        measure(lambda: published_ballot_list(election, ballots, result), ROUNDS),
        BUDGET_MS,
    )
    report(
        "recount from the published list", measure(lambda: recount(published), ROUNDS), BUDGET_MS
    )

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ballots.json"
        path.write_text(canonical_json(published), encoding="utf-8")
        print(f"published list: {path.stat().st_size / 1024:.0f} KiB")
        script_runs = sorted(time_script(path)[0] for _ in range(5))
        report("tools/recount.py, a new process", script_runs, BUDGET_MS)
        agrees = time_script(path)[1] == published["result"]
    print(f"the script's count equals the tally: {agrees}")

    if worst >= 1 or ratio >= 1 or not agrees:
        print("OVER budget or disagreeing count")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
