"""The matchmaking meeting scheduler of a General Assembly, CP-SAT against two baselines. No Django.

    python bench/bench_matchmaking_scheduler.py

One seeded instance: 400 participants from 120 member cities, 3,000 accepted requests (one
city's delegates with another's, 2-6 people, mostly 2-4; priorities 1-3), 12 slots over two
days, 50 tables (2, 4 and 6 seats, most 4), everyone busy in 0-3 slots. Scheduled three ways:
CP-SAT (`solve`), greedy and pair-then-colour. Targets for CP-SAT: within 2% of the upper bound
(LP relaxation and CP-SAT's own bound) and under 30 s on two cores. Every schedule must keep
every hard rule. Exits non-zero when a target is missed.
"""

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from wego.events.domain.scheduling import (  # noqa: E402
    Problem,
    Request,
    Slot,
    Table,
    greedy,
    pair_then_colour,
    solve,
    violations,
)

PEOPLE = 400
CITIES = 120
REQUESTS = 3000
DAYS, SLOTS_PER_DAY = 2, 6
TABLES = {2: 8, 4: 34, 6: 8}  # seats -> tables
SIZES = {2: 45, 3: 28, 4: 18, 5: 6, 6: 3}  # people at a meeting -> weight
PRIORITIES = {1: 50, 2: 30, 3: 20}
MAX_BUSY = 3
TIME_LIMIT = 20.0  # CP-SAT's whole budget, LP bound and model building included
GAP_TARGET = 0.02
SECONDS_TARGET = 30.0


def delegations(rng: random.Random) -> list[list[int]]:
    """People split into city delegations of 1 to 6, every city with at least one."""
    cities = [[] for _ in range(CITIES)]
    for person in range(PEOPLE):
        cities[person if person < CITIES else rng.randrange(CITIES)].append(person)
    return cities


def request(rng: random.Random, number: int, cities: list[list[int]]) -> Request:
    """One city's delegates meeting another's: the meeting's size split between the two sides."""
    size = rng.choices(list(SIZES), weights=list(SIZES.values()))[0]
    while True:
        a, b = rng.sample(cities, 2)
        if len(a) + len(b) >= size:
            break
    from_a = rng.randint(max(1, size - len(b)), min(len(a), size - 1))
    people = rng.sample(a, from_a) + rng.sample(b, size - from_a)
    priority = rng.choices(list(PRIORITIES), weights=list(PRIORITIES.values()))[0]
    return Request(number, tuple(people), priority)


def instance(seed: int = 2026) -> Problem:
    rng = random.Random(seed)
    slots = [Slot(d * SLOTS_PER_DAY + k, d) for d in range(DAYS) for k in range(SLOTS_PER_DAY)]
    sizes = [seats for seats, count in TABLES.items() for _ in range(count)]
    tables = [Table(number, seats) for number, seats in enumerate(sizes, start=1)]
    cities = delegations(rng)
    requests = [request(rng, number, cities) for number in range(1, REQUESTS + 1)]
    busy = {
        person: frozenset(rng.sample(range(len(slots)), rng.randint(0, MAX_BUSY)))
        for person in range(PEOPLE)
    }
    return Problem(slots, tables, requests, busy)


def row(schedule) -> str:
    return (
        f"{schedule.method:18} meetings {schedule.meetings:5}  weighted {schedule.weighted:5}  "
        f"idle gaps {schedule.idle_gaps:5}  {schedule.seconds:6.2f} s  "
        f"bound {schedule.upper_bound:7.0f}  gap {100 * schedule.gap:5.2f}%"
    )


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main() -> int:
    started = time.perf_counter()
    problem = instance()
    sizes = {seats: sum(1 for r in problem.requests if r.seats == seats) for seats in SIZES}
    print(
        f"instance: {PEOPLE} people, {CITIES} cities, {len(problem.requests)} requests "
        f"(by size {sizes}), {len(problem.slots)} slots over {DAYS} days, "
        f"{len(problem.tables)} tables {TABLES}, "
        f"{sum(len(b) for b in problem.busy.values())} busy person-slots"
    )
    schedules = [solve(problem, time_limit=TIME_LIMIT), greedy(problem), pair_then_colour(problem)]
    for schedule in schedules:
        print(row(schedule))
    broken = {s.method: violations(problem, s.placements) for s in schedules}
    for method, found in broken.items():
        print(
            f"{method:18} rules broken: {len(found)}" + (f" (first: {found[0]})" if found else "")
        )
    cp_sat, *baselines = schedules
    gap_ratio, seconds_ratio = cp_sat.gap / GAP_TARGET, cp_sat.seconds / SECONDS_TARGET
    print(
        f"cp-sat gap to the upper bound {100 * cp_sat.gap:5.2f}%  target <= "
        f"{100 * GAP_TARGET:.0f}%  ratio {gap_ratio:5.2f} ({verdict(gap_ratio <= 1)})"
    )
    print(
        f"cp-sat seconds {cp_sat.seconds:18.2f} s  target < {SECONDS_TARGET:.0f} s  "
        f"ratio {seconds_ratio:5.2f} ({verdict(seconds_ratio < 1)}); optimal on meetings "
        f"{'proven' if cp_sat.optimal else 'not proven'}"
    )
    for baseline in baselines:
        print(
            f"cp-sat / {baseline.method:16} meetings {ratio(cp_sat.meetings, baseline.meetings)}  "
            f"weighted {ratio(cp_sat.weighted, baseline.weighted)}  "
            f"idle gaps {ratio(cp_sat.idle_gaps, baseline.idle_gaps)}"
        )
    ok = gap_ratio <= 1 and seconds_ratio < 1 and not any(broken.values())
    print(
        f"worst ratio to target: {max(gap_ratio, seconds_ratio):.2f} "
        f"({'all within target' if ok else 'OVER target'}; "
        f"whole run {time.perf_counter() - started:.1f} s)"
    )
    return 0 if ok else 1


def verdict(within: bool) -> str:
    return "within" if within else "OVER"


if __name__ == "__main__":
    sys.exit(main())
