"""The matchmaking scheduler: hand cases, brute force on small instances, the rules on random
ones (CP-SAT whole and by neighbourhoods, and both baselines), then a hypothesis property."""

import itertools
import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wego.events.domain import scheduling
from wego.events.domain.scheduling import (
    Pin,
    Placement,
    Problem,
    Reason,
    Request,
    Slot,
    Table,
    check_pins,
    gap_report,
    greedy,
    idle_gaps,
    lp_upper_bound,
    pair_then_colour,
    solve,
    violations,
)

METHODS = [
    pytest.param(lambda problem: solve(problem, time_limit=5), id="cp-sat"),
    pytest.param(greedy, id="greedy"),
    pytest.param(pair_then_colour, id="pair-then-colour"),
]


def one_day(count: int) -> list[Slot]:
    return [Slot(k, 0) for k in range(count)]


def check(problem: Problem, schedule) -> None:
    """What every schedule must satisfy, whatever the method."""
    assert violations(problem, schedule.placements) == []
    placed = {p.request_id for p in schedule.placements}
    assert placed.isdisjoint(schedule.unplaced)
    assert placed | set(schedule.unplaced) == {r.id for r in problem.requests}
    priority = {r.id: r.priority for r in problem.requests}
    assert schedule.meetings == len(schedule.placements)
    assert schedule.weighted == sum(priority[r] for r in placed)
    assert schedule.idle_gaps == idle_gaps(problem, schedule.placements)
    assert schedule.upper_bound >= schedule.weighted
    assert 0 <= schedule.gap <= 1
    if schedule.method != "cp-sat":  # no bound of their own: optimal when the LP says so
        assert schedule.optimal == (schedule.weighted >= schedule.upper_bound)


# --- hand cases ------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_a_meeting_of_seven_at_tables_of_six_has_no_table(method):
    problem = Problem(
        one_day(2),
        [Table(1, 6), Table(2, 6)],
        [Request(1, tuple(range(1, 8))), Request(2, (8, 9))],
    )
    schedule = method(problem)
    check(problem, schedule)
    assert schedule.unplaced == {1: Reason.NO_TABLE_LARGE_ENOUGH}


@pytest.mark.parametrize("method", METHODS)
def test_two_people_busy_at_complementary_times_have_no_common_time(method):
    problem = Problem(
        one_day(4),
        [Table(1, 4)],
        [Request(1, (1, 2)), Request(2, (1, 3))],
        busy={1: frozenset({0, 1}), 2: frozenset({2, 3})},
    )
    schedule = method(problem)
    check(problem, schedule)
    assert schedule.unplaced == {1: Reason.NO_COMMON_TIME}
    assert schedule.meetings == 1


@pytest.mark.parametrize("method", METHODS)
def test_a_request_losing_to_more_valuable_ones_is_crowded_out(method):
    problem = Problem(
        one_day(1),
        [Table(1, 2)],
        [Request(1, (1, 2), priority=1), Request(2, (1, 3), priority=3)],
    )
    schedule = method(problem)
    check(problem, schedule)
    assert schedule.placements == [Placement(2, 0, 1)]
    assert schedule.unplaced == {1: Reason.CROWDED_OUT}


@pytest.mark.parametrize("method", METHODS)
def test_pins_that_break_a_rule_are_dropped_and_the_rest_kept(method):
    requests = [
        Request(1, (1, 2)),
        Request(2, (3, 4, 5)),  # pinned at a 2-seat table
        Request(3, (6, 7)),  # pinned while 6 is busy
        Request(4, (8, 9)),  # pinned at the table request 1 is pinned to
        Request(5, (1, 10)),  # pinned in the slot where 1 is pinned already
        Request(6, (11, 12)),  # pinned to a table that does not exist
        Request(7, (13, 14)),  # pinned twice
        Request(8, (15, 16)),
    ]
    pins = [
        Pin(1, 0, 1),
        Pin(1, 0, 1),  # the same pin twice is no conflict
        Pin(2, 1, 2),
        Pin(3, 1, 1),
        Pin(4, 0, 1),
        Pin(5, 0, 3),
        Pin(6, 0, 99),
        Pin(7, 1, 3),
        Pin(7, 2, 3),
        Pin(42, 0, 3),  # no such request
        Pin(8, 7, 3),  # no such slot
    ]
    problem = Problem(
        one_day(3),
        [Table(1, 4), Table(2, 2), Table(3, 4)],
        requests,
        busy={6: frozenset({1})},
        pins=pins,
    )
    conflicts = check_pins(problem)
    assert set(conflicts) == {2, 3, 4, 5, 6, 7, 8, 42}
    assert "needs 3 seats" in conflicts[2]
    assert "busy" in conflicts[3]
    assert "already pinned for request 1" in conflicts[4]
    assert "already pinned to request 1" in conflicts[5]
    assert "does not exist" in conflicts[6]
    assert "more than once" in conflicts[7]
    schedule = method(problem)
    check(problem, schedule)
    assert Placement(1, 0, 1) in schedule.placements
    assert Placement(7, 1, 3) in schedule.placements  # its first pin counts
    assert schedule.unplaced == {r: Reason.PIN_CONFLICT for r in (2, 3, 4, 5, 6, 8)}


def test_meetings_of_a_slot_fit_their_tables_largest_to_largest():
    """Seat classes: 6 + 4 + 2 people fit at tables of 6, 4 and 2 seats, all in one slot."""
    tables = [Table(1, 2), Table(2, 4), Table(3, 6)]
    requests = [
        Request(1, (1, 2)),
        Request(2, (3, 4, 5, 6), priority=2),
        Request(3, (7, 8, 9, 10, 11, 12), priority=2),
        Request(4, (13, 14, 15)),  # no fourth table, and worth less than 2 and 3
    ]
    problem = Problem(one_day(1), tables, requests)
    schedule = solve(problem, time_limit=5)
    check(problem, schedule)
    assert schedule.meetings == 3 and schedule.optimal
    assert {p.request_id: p.table for p in schedule.placements} == {1: 1, 2: 2, 3: 3}
    assert schedule.unplaced == {4: Reason.CROWDED_OUT}


def test_idle_gaps_count_free_slots_between_meetings_of_one_day():
    slots = [Slot(0, 0), Slot(1, 0), Slot(2, 0), Slot(3, 0), Slot(4, 1), Slot(5, 1)]
    requests = [Request(1, (1, 2)), Request(2, (1, 3)), Request(3, (1, 4)), Request(4, (2, 5))]
    problem = Problem(slots, [Table(1, 2)], requests, busy={3: frozenset({1})})
    placements = [
        Placement(1, 0, 1),  # 1 and 2 at slot 0
        Placement(2, 3, 1),  # 1 at slot 3: slots 1 and 2 idle for person 1
        Placement(3, 4, 1),  # next day: no gap across days
        Placement(4, 5, 1),  # 2 again on day 1 only: no gap
    ]
    assert gap_report(problem, placements) == {1: 2}
    problem.busy[1] = frozenset({2})  # a busy slot is not idle
    assert gap_report(problem, placements) == {1: 1}
    assert idle_gaps(problem, placements) == 1


def test_violations_name_every_broken_rule():
    problem = Problem(
        one_day(2),
        [Table(1, 2), Table(2, 4)],
        [Request(1, (1, 2)), Request(2, (1, 3, 4)), Request(3, (5, 6)), Request(4, (7, 8))],
        busy={5: frozenset({1})},
        pins=[Pin(4, 0, 2)],
    )
    found = violations(
        problem,
        [
            Placement(1, 0, 1),
            Placement(2, 0, 1),  # 1 twice in slot 0, 3 people at 2 seats, table 1 twice
            Placement(3, 1, 2),  # 5 is busy
            Placement(3, 0, 2),  # placed twice
            Placement(9, 0, 1),  # no such request
        ],
    )
    text = "\n".join(found)
    assert "person 1 is in requests 1 and 2 in slot 0" in text
    assert "needs 3 seats; table 1 has 2" in text
    assert "table 1 holds requests 1 and 2" in text
    assert "person 5 is busy in slot 1" in text
    assert "request 3 is placed more than once" in text
    assert "request 9 is not among" in text
    assert "request 4 is not where it is pinned" in text
    assert violations(problem, [Placement(4, 0, 2), Placement(1, 1, 1)]) == []


def test_an_empty_problem_gives_an_empty_schedule():
    problem = Problem(one_day(3), [Table(1, 4)], [])
    for schedule in (solve(problem), greedy(problem), pair_then_colour(problem)):
        assert schedule.placements == [] and schedule.unplaced == {}
        assert schedule.upper_bound == 0 and schedule.gap == 0 and schedule.optimal


# --- brute force on small instances ----------------------------------------------------------


def small_problem(seed: int) -> Problem:
    rng = random.Random(seed)
    slots = [Slot(0, 0), Slot(1, 0), Slot(2, 0 if rng.random() < 0.8 else 1)]
    tables = [Table(1, rng.choice([2, 3, 4])), Table(2, rng.choice([2, 3]))]
    people = list(range(1, rng.randint(4, 6) + 1))
    requests = []
    for r in range(1, rng.randint(3, 6) + 1):
        # Person 1 is in most meetings, so that idle gaps come up and have to be avoided.
        others = rng.sample(people[1:], rng.choice([1, 1, 2]))
        members = [1, *others] if rng.random() < 0.6 else rng.sample(people, 2)
        requests.append(Request(r, tuple(members), rng.randint(1, 3)))
    busy = {p: frozenset(rng.sample(range(3), rng.choice([0, 0, 1]))) for p in people}
    pins = []
    if rng.random() < 0.4:
        pins.append(Pin(rng.choice(requests).id, rng.randrange(3), rng.choice(tables).id))
    return Problem(slots, tables, requests, busy, pins)


def fits(problem: Problem, meetings: list[Request], pinned: dict[int, Pin]) -> bool:
    """Some way to seat one slot's meetings, pinned ones at their own tables."""
    seats = {t.id: t.seats for t in problem.tables}
    fixed = [r for r in meetings if r.id in pinned]
    if any(r.seats > seats[pinned[r.id].table] for r in fixed):
        return False
    taken = {pinned[r.id].table for r in fixed}
    free = [t for t in problem.tables if t.id not in taken]
    others = [r for r in meetings if r.id not in pinned]
    return any(
        all(r.seats <= t.seats for r, t in zip(others, chosen, strict=True))
        for chosen in itertools.permutations(free, len(others))
    )


def brute_gaps(problem: Problem, slot_of: dict[int, int]) -> int:
    """Idle gaps, counted again here from the definition."""
    day = {s.index: s.day for s in problem.slots}
    met = defaultdict(set)
    requests = {r.id: r for r in problem.requests}
    for r, s in slot_of.items():
        for person in requests[r].participants:
            met[person].add(s)
    total = 0
    for person, slots in met.items():
        for d in {day[s] for s in slots}:
            mine = sorted(s for s in slots if day[s] == d)
            for s in range(mine[0] + 1, mine[-1]):
                total += s not in slots and s not in problem.busy.get(person, ())
    return total


def brute_force(problem: Problem) -> tuple[int, int]:
    """(best weight, fewest idle gaps among the schedules of that weight), over every way of
    giving each request a slot or none, seats checked table by table."""
    conflicts = check_pins(problem)
    pinned = {p.request_id: p for p in problem.pins if p.request_id not in conflicts}
    best = (-1, 0)
    options = []
    for r in problem.requests:
        if r.id in pinned:
            options.append([pinned[r.id].slot])
        elif r.id in conflicts:
            options.append([None])
        else:
            options.append([None] + [s.index for s in problem.slots])
    for choice in itertools.product(*options):
        slot_of = {r.id: s for r, s in zip(problem.requests, choice, strict=True) if s is not None}
        if not feasible(problem, slot_of, pinned):
            continue
        weight = sum(r.priority for r in problem.requests if r.id in slot_of)
        key = (weight, -brute_gaps(problem, slot_of))
        best = max(best, key)
    return best[0], -best[1]


def feasible(problem: Problem, slot_of: dict[int, int], pinned: dict[int, Pin]) -> bool:
    requests = {r.id: r for r in problem.requests}
    seen = set()
    for r, s in slot_of.items():
        for person in set(requests[r].participants):
            if (person, s) in seen or s in problem.busy.get(person, ()):
                return False
            seen.add((person, s))
    for slot in problem.slots:
        meetings = [requests[r] for r, s in slot_of.items() if s == slot.index]
        if not fits(problem, meetings, pinned):
            return False
    return True


@pytest.mark.parametrize("seed", range(40))
def test_cp_sat_matches_brute_force_on_small_instances(seed):
    problem = small_problem(seed)
    best_weight, fewest_gaps = brute_force(problem)
    schedule = solve(problem, time_limit=10)
    check(problem, schedule)
    assert schedule.optimal
    assert schedule.weighted == best_weight
    assert schedule.idle_gaps == fewest_gaps
    assert lp_upper_bound(problem) >= best_weight - 1e-6
    for baseline in (greedy(problem), pair_then_colour(problem)):
        check(problem, baseline)
        assert baseline.weighted <= schedule.weighted


# --- random instances ------------------------------------------------------------------------


def random_problem(seed, people, requests, days, per_day, tables, pins=0):
    rng = random.Random(seed)
    slots = [Slot(d * per_day + k, d) for d in range(days) for k in range(per_day)]
    table_list = [Table(t, rng.choice([2, 4, 4, 4, 6])) for t in range(1, tables + 1)]
    persons = list(range(1, people + 1))
    request_list = []
    for r in range(1, requests + 1):
        size = rng.choices([2, 3, 4, 5, 7], weights=[50, 25, 15, 8, 2])[0]
        request_list.append(Request(r, tuple(rng.sample(persons, size)), rng.randint(1, 3)))
    busy = {p: frozenset(rng.sample(range(len(slots)), rng.randint(0, 3))) for p in persons}
    pin_list = [
        Pin(rng.randint(1, requests), rng.randrange(len(slots)), rng.randint(1, tables))
        for _ in range(pins)
    ]
    return Problem(slots, table_list, request_list, busy, pin_list)


SIZES = [
    pytest.param(1, 12, 20, 1, 4, 3, 2, id="tiny"),
    pytest.param(2, 30, 80, 2, 4, 5, 4, id="small"),
    pytest.param(3, 60, 250, 2, 5, 8, 6, id="medium"),
]


@pytest.mark.parametrize("seed, people, requests, days, per_day, tables, pins", SIZES)
def test_random_instances_keep_every_rule(seed, people, requests, days, per_day, tables, pins):
    problem = random_problem(seed, people, requests, days, per_day, tables, pins)
    conflicts = check_pins(problem)
    kept = {Placement(p.request_id, p.slot, p.table) for p in problem.pins}
    kept = {p for p in kept if p.request_id not in conflicts}
    cp_sat = solve(problem, time_limit=3)
    schedules = [cp_sat, greedy(problem), pair_then_colour(problem)]
    for schedule in schedules:
        check(problem, schedule)
        assert kept <= set(schedule.placements)
        assert schedule.upper_bound <= lp_upper_bound(problem) + 1e-6
        for r in conflicts.keys() & schedule.unplaced.keys():
            assert schedule.unplaced[r] == Reason.PIN_CONFLICT
    if cp_sat.optimal:
        assert all(cp_sat.weighted >= s.weighted for s in schedules)


def test_the_neighbourhood_search_keeps_every_rule_and_beats_greedy(monkeypatch):
    """The path taken by large problems (by neighbourhoods), forced on a medium one."""
    monkeypatch.setattr(scheduling, "WHOLE_MODEL_LIMIT", 0)
    problem = random_problem(4, 80, 400, 2, 6, 10, 8)
    schedule = solve(problem, time_limit=4)
    check(problem, schedule)
    baseline = greedy(problem)
    assert schedule.weighted >= baseline.weighted
    assert schedule.idle_gaps < baseline.idle_gaps or schedule.weighted > baseline.weighted
    conflicts = check_pins(problem)
    for pin in problem.pins:
        if pin.request_id not in conflicts:
            assert Placement(pin.request_id, pin.slot, pin.table) in schedule.placements


# --- a property ------------------------------------------------------------------------------


@st.composite
def problems(draw):
    count = draw(st.integers(1, 5))
    slots = [Slot(k, draw(st.integers(0, 1))) for k in range(count)]
    slots.sort(key=lambda s: s.day)
    slots = [Slot(k, s.day) for k, s in enumerate(slots)]
    tables = [
        Table(t, draw(st.sampled_from([2, 3, 4, 6]))) for t in range(1, draw(st.integers(0, 3)) + 1)
    ]
    people = st.lists(st.integers(1, 8), min_size=2, max_size=5, unique=True)
    requests = [
        Request(r, tuple(draw(people)), draw(st.integers(1, 3)))
        for r in range(1, draw(st.integers(0, 10)) + 1)
    ]
    busy = draw(st.dictionaries(st.integers(1, 8), st.frozensets(st.integers(0, count - 1))))
    pins = draw(
        st.lists(
            st.builds(Pin, st.integers(0, 11), st.integers(-1, count), st.integers(0, 4)),
            max_size=3,
        )
    )
    return Problem(slots, tables, requests, busy, pins)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_any_problem_gives_schedules_that_keep_the_rules(problem):
    cp_sat = solve(problem, time_limit=5)
    for schedule in (cp_sat, greedy(problem), pair_then_colour(problem)):
        check(problem, schedule)
        for r, reason in schedule.unplaced.items():
            request = next(q for q in problem.requests if q.id == r)
            if reason == Reason.NO_TABLE_LARGE_ENOUGH:
                assert all(request.seats > t.seats for t in problem.tables)
    assert cp_sat.optimal
    assert cp_sat.weighted >= greedy(problem).weighted


def test_slot_indices_are_ids_not_positions():
    """The Django side passes database ids: only the order of `slots` says what comes first."""
    base = random_problem(5, 20, 40, 2, 4, 4, 3)
    ids = [907, 15, 300, 42, 8, 77, 1000, 3]
    rename = {slot.index: ids[slot.index] for slot in base.slots}
    problem = Problem(
        [Slot(rename[s.index], s.day) for s in base.slots],
        base.tables,
        base.requests,
        {p: frozenset(rename[s] for s in busy) for p, busy in base.busy.items()},
        [Pin(p.request_id, rename[p.slot], p.table) for p in base.pins],
    )
    for method in (lambda p: solve(p, time_limit=3), greedy, pair_then_colour):
        renamed, original = method(problem), method(base)
        check(problem, renamed)
        assert {p.slot for p in renamed.placements} <= set(ids)
        assert renamed.weighted == original.weighted
        assert renamed.unplaced == original.unplaced or renamed.method == "cp-sat"
