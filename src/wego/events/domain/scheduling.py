"""The matchmaking scheduler of a General Assembly: which accepted meeting requests happen, in
which time slot and at which table. Plain Python and OR-Tools, no Django.

Rules that always hold:

- nobody is in two meetings in the same slot, nor in a meeting while busy (a session they
  attend, or a time they are not available);
- a meeting sits at a table with at least as many seats as it has participants, and a table
  holds one meeting per slot;
- a request is placed at most once;
- pins (staff fixed a meeting at a slot and table) are kept exactly. A pin that breaks one of
  the rules above, or collides with an earlier pin, is dropped and its request left unplaced
  with `Reason.PIN_CONFLICT`; `check_pins` says why in English. Only a request's first pin
  counts.

What is wanted, in this order:

1. the largest sum of the priorities of the meetings placed;
2. keeping that, the fewest idle gaps: for each person and day, the slots between their first
   and last meeting of that day in which they have neither a meeting nor a busy slot.

How (`solve`): CP-SAT on one boolean x[r, s] per request and slot it could go to. Tables are not
variables: tables of one slot are interchangeable except for their seats, and seat needs are
nested (a table with c seats fits every meeting that needs c or fewer), so by Hall's theorem
the meetings of a slot fit at its tables exactly when, for every seat size c, the meetings
needing more than the next smaller size number at most the tables with c seats or more.
Concrete tables are given slot by slot afterwards, the largest meeting to the largest table.

Stage 1 maximises the weighted meetings, stage 2 keeps stage 1's value and minimises idle gaps
(started / not yet finished booleans per person and slot), each starting from the best schedule
known so far as a hint. The first hint is the better of greedy and of the LP solution rounded
greedily. A small problem goes to CP-SAT whole, which then proves its answer optimal; a large
one (the 3,000 requests of a General Assembly) is improved neighbourhood by neighbourhood:
CP-SAT re-solves a few slots, or one day of the meetings around a person with idle gaps, while
everything else stays. The LP relaxation of stage 1 (GLOP) and, when the whole model was
solved, CP-SAT's own bound bound the weighted value from above, so each answer says how far
from the optimum it can be at most.

`greedy` and `pair_then_colour` are the usual simple methods, kept as baselines.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

Key = tuple[int, int]  # (request id, slot index): the meeting of that request in that slot

STAGE_1_SHARE = 0.55  # of the time left once the model is built; stage 2 gets the rest
BOUND_TOLERANCE = 1e-4  # LP values are floats; weighted values are integers


@dataclass(frozen=True)
class Slot:
    """A meeting time slot. Slots are given in time order; those of one day are consecutive."""

    index: int
    day: int


@dataclass(frozen=True)
class Table:
    id: int
    seats: int


@dataclass(frozen=True)
class Request:
    """An accepted meeting request: everyone at the meeting, both sides, and its weight."""

    id: int
    participants: tuple[int, ...]  # person ids, at least two
    priority: int = 1  # at least 1

    @property
    def seats(self) -> int:
        """Seats the meeting needs."""
        return len(self.participants)


@dataclass(frozen=True)
class Pin:
    """Staff fixed this meeting at this slot and table."""

    request_id: int
    slot: int
    table: int  # Table.id


@dataclass
class Problem:
    slots: list[Slot]
    tables: list[Table]
    requests: list[Request]
    # person -> slot indices when they attend a session or are not available
    busy: dict[int, frozenset[int]] = field(default_factory=dict)
    pins: list[Pin] = field(default_factory=list)


@dataclass(frozen=True)
class Placement:
    request_id: int
    slot: int
    table: int


class Reason(StrEnum):
    """Why a request was not placed (the Django side translates these)."""

    NO_COMMON_TIME = "no-common-time"  # no slot where every participant is free
    NO_TABLE_LARGE_ENOUGH = "no-table"  # more participants than the largest table's seats
    CROWDED_OUT = "crowded-out"  # possible, but the shared free times went to meetings worth more
    PIN_CONFLICT = "pin-conflict"  # its pin breaks a rule or collides with another pin


@dataclass
class Schedule:
    method: str  # "cp-sat", "greedy", "pair-then-colour"
    placements: list[Placement]  # pinned ones included, by slot then table
    unplaced: dict[int, Reason]  # request id -> why not placed
    meetings: int
    weighted: int  # sum of the priorities placed
    idle_gaps: int
    # Best known upper bound on `weighted`: the LP relaxation, and for "cp-sat" CP-SAT's bound
    # when it solved the whole model; rounded down (weighted values are integers).
    upper_bound: float
    gap: float  # (upper_bound - weighted) / upper_bound, 0 when the bound is 0
    optimal: bool  # proven optimal on the first objective (weighted)
    seconds: float  # making the schedule; for the baselines not counting their LP bound


# --- the problem, prepared -------------------------------------------------------------------


@dataclass
class _Prepared:
    """The problem with pins checked and applied, and where each free request could go."""

    problem: Problem
    requests: dict[int, Request]
    people: dict[int, frozenset[int]]  # request id -> the people at it
    pinned: list[Placement]  # the pins kept
    pin_conflicts: dict[int, str]  # request id -> why its pin was dropped
    occupied: dict[int, set[int]]  # person -> slots busy or taken by a pinned meeting
    free_tables: dict[int, list[Table]]  # slot -> tables no pin holds, largest first
    candidates: dict[int, list[int]]  # request to schedule -> its possible slots, in time order

    def weight(self, keys: Iterable[Key]) -> int:
        return sum(self.requests[request_id].priority for request_id, _ in keys)

    @property
    def pinned_weight(self) -> int:
        return sum(self.requests[p.request_id].priority for p in self.pinned)

    def by_priority(self) -> list[int]:
        """Requests to schedule, the most valuable first (ties by id, for repeatable results)."""
        return sorted(self.candidates, key=lambda r: (-self.requests[r].priority, r))


def _prepare(problem: Problem) -> _Prepared:
    requests = {request.id: request for request in problem.requests}
    people = {request.id: frozenset(request.participants) for request in problem.requests}
    kept, conflicts = _split_pins(problem, requests)
    pinned = [Placement(pin.request_id, pin.slot, pin.table) for pin in kept]
    occupied: dict[int, set[int]] = defaultdict(set)
    for person, slots in problem.busy.items():
        occupied[person].update(slots)
    for placement in pinned:
        for person in people[placement.request_id]:
            occupied[person].add(placement.slot)
    taken = {(placement.slot, placement.table) for placement in pinned}
    free_tables = {
        slot.index: sorted(
            (table for table in problem.tables if (slot.index, table.id) not in taken),
            key=lambda table: (-table.seats, table.id),
        )
        for slot in problem.slots
    }
    settled = {placement.request_id for placement in pinned} | set(conflicts)
    candidates = {}
    for request in sorted(problem.requests, key=lambda r: r.id):
        if request.id in settled:
            continue
        candidates[request.id] = [
            slot.index
            for slot in problem.slots
            if free_tables[slot.index]
            and request.seats <= free_tables[slot.index][0].seats
            and not any(slot.index in occupied[person] for person in people[request.id])
        ]
    return _Prepared(
        problem, requests, people, pinned, conflicts, occupied, free_tables, candidates
    )


# --- pins ------------------------------------------------------------------------------------


class _PinBook:
    """The pins accepted so far, to check each next pin against the rules and against them."""

    def __init__(self, problem: Problem, requests: dict[int, Request]):
        self.problem = problem
        self.requests = requests
        self.slots = {slot.index for slot in problem.slots}
        self.tables = {table.id: table for table in problem.tables}
        self.kept: dict[int, Pin] = {}  # request id -> its pin
        self.seen: set[int] = set()  # requests with a pin, kept or not
        self.table_taken: dict[tuple[int, int], int] = {}  # (slot, table) -> request id
        self.person_taken: dict[tuple[int, int], int] = {}  # (person, slot) -> request id

    def problem_with(self, pin: Pin) -> str | None:
        """Why this pin cannot be kept, in English; None when it can."""
        request = self.requests.get(pin.request_id)
        if request is None:
            return f"request {pin.request_id} is not among the accepted requests"
        if pin.request_id in self.seen:
            return f"request {pin.request_id} is pinned more than once; only its first pin counts"
        if pin.slot not in self.slots:
            return f"slot {pin.slot} does not exist"
        table = self.tables.get(pin.table)
        if table is None:
            return f"table {pin.table} does not exist"
        if request.seats > table.seats:
            return (
                f"request {request.id} needs {request.seats} seats; "
                f"table {table.id} has {table.seats}"
            )
        other = self.table_taken.get((pin.slot, pin.table))
        if other is not None:
            return f"table {pin.table} in slot {pin.slot} is already pinned for request {other}"
        for person in sorted(set(request.participants)):
            if pin.slot in self.problem.busy.get(person, ()):
                return f"person {person} is busy in slot {pin.slot}"
            other = self.person_taken.get((person, pin.slot))
            if other is not None:
                return f"person {person} is already pinned to request {other} in slot {pin.slot}"
        return None

    def accept(self, pin: Pin) -> None:
        self.kept[pin.request_id] = pin
        self.table_taken[pin.slot, pin.table] = pin.request_id
        for person in self.requests[pin.request_id].participants:
            self.person_taken[person, pin.slot] = pin.request_id


def _split_pins(problem: Problem, requests: dict[int, Request]) -> tuple[list[Pin], dict[int, str]]:
    """The pins kept, in the order given, and request id -> why its pin was dropped."""
    book = _PinBook(problem, requests)
    conflicts: dict[int, str] = {}
    for pin in problem.pins:
        if book.kept.get(pin.request_id) == pin:
            continue  # the same pin twice is no conflict
        reason = book.problem_with(pin)
        book.seen.add(pin.request_id)
        if reason is None:
            book.accept(pin)
        else:
            conflicts.setdefault(pin.request_id, reason)
    return list(book.kept.values()), conflicts


def check_pins(problem: Problem) -> dict[int, str]:
    """Request id -> why its pin is dropped, in English; empty when every pin is kept."""
    return _split_pins(problem, {request.id: request for request in problem.requests})[1]


# --- checking a schedule ---------------------------------------------------------------------


def violations(problem: Problem, placements: Iterable[Placement]) -> list[str]:
    """Every hard rule the placements break, in English; empty when all hold."""
    placements = list(placements)
    requests = {request.id: request for request in problem.requests}
    tables = {table.id: table for table in problem.tables}
    slots = {slot.index for slot in problem.slots}
    found = []
    placed: set[int] = set()
    at_table: dict[tuple[int, int], int] = {}
    at_slot: dict[tuple[int, int], int] = {}
    for placement in placements:
        request = requests.get(placement.request_id)
        if request is None:
            found.append(f"request {placement.request_id} is not among the accepted requests")
            continue
        if request.id in placed:
            found.append(f"request {request.id} is placed more than once")
        placed.add(request.id)
        if placement.slot not in slots:
            found.append(f"request {request.id} is in slot {placement.slot}, which does not exist")
            continue
        found += _table_violations(request, placement, tables, at_table)
        for person in sorted(set(request.participants)):
            if placement.slot in problem.busy.get(person, ()):
                found.append(f"person {person} is busy in slot {placement.slot}")
            other = at_slot.setdefault((person, placement.slot), request.id)
            if other != request.id:
                found.append(
                    f"person {person} is in requests {other} and {request.id} "
                    f"in slot {placement.slot}"
                )
    given = set(placements)
    for pin in _split_pins(problem, requests)[0]:
        if Placement(pin.request_id, pin.slot, pin.table) not in given:
            found.append(f"request {pin.request_id} is not where it is pinned")
    return found


def _table_violations(request, placement, tables, at_table) -> list[str]:
    table = tables.get(placement.table)
    if table is None:
        return [f"request {request.id} is at table {placement.table}, which does not exist"]
    found = []
    if request.seats > table.seats:
        found.append(
            f"request {request.id} needs {request.seats} seats; table {table.id} has {table.seats}"
        )
    other = at_table.setdefault((placement.slot, table.id), request.id)
    if other != request.id:
        found.append(
            f"table {table.id} holds requests {other} and {request.id} in slot {placement.slot}"
        )
    return found


# --- idle gaps -------------------------------------------------------------------------------


def gap_report(problem: Problem, placements: Iterable[Placement]) -> dict[int, int]:
    """Person -> their idle gaps, for everyone with at least one."""
    report: Counter[int] = Counter()
    for (person, _), idle in _gaps_by_day(problem, placements).items():
        report[person] += idle
    return dict(report)


def _gaps_by_day(problem: Problem, placements: Iterable[Placement]) -> dict[tuple[int, int], int]:
    """(person, day) -> idle gaps, where there are some."""
    position = {slot.index: k for k, slot in enumerate(problem.slots)}
    day = {slot.index: slot.day for slot in problem.slots}
    people = {request.id: set(request.participants) for request in problem.requests}
    meetings: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, day) -> positions
    for placement in placements:
        for person in people.get(placement.request_id, ()):
            meetings[person, day[placement.slot]].add(position[placement.slot])
    report = {}
    for (person, on), positions in meetings.items():
        # Slots of a day are consecutive, so everything between a day's first and last
        # meeting is of the same day.
        busy = {position[s] for s in problem.busy.get(person, ()) if s in position}
        between = range(min(positions) + 1, max(positions))
        idle = sum(1 for k in between if k not in positions and k not in busy)
        if idle:
            report[person, on] = idle
    return report


def idle_gaps(problem: Problem, placements: Iterable[Placement]) -> int:
    return sum(gap_report(problem, placements).values())


# --- constraints shared by the LP and CP-SAT -------------------------------------------------


def _seat_classes(tables: list[Table]) -> list[tuple[int, int]]:
    """(lower, count) per seat size c: at most `count` meetings needing more than `lower` seats
    (the next smaller size) fit, `count` being the tables with c seats or more."""
    sizes = sorted({table.seats for table in tables})
    return [
        (lower, sum(1 for table in tables if table.seats >= size))
        for lower, size in zip([0, *sizes], sizes, strict=False)
    ]


def _capacity_rows(
    prep: _Prepared, candidates: dict[int, list[int]], fixed: Iterable[Key] = ()
) -> Iterator[tuple[list[Key], int]]:
    """Every hard rule on the x[r, s] (r, s from `candidates`) as "at most `count` of these
    meetings happen": once per request, once per person and slot, and per seat class and slot.
    Meetings in `fixed` stay where they are and take their share of the tables (the candidates
    already avoid their people). Rows that cannot bind are left out."""
    fixed_seats: dict[int, list[int]] = defaultdict(list)  # slot -> seats of fixed meetings
    for request_id, s in fixed:
        fixed_seats[s].append(prep.requests[request_id].seats)
    at_slot: dict[int, list[int]] = defaultdict(list)
    by_person: dict[Key, list[Key]] = defaultdict(list)
    for request_id, slots in candidates.items():
        if len(slots) > 1:
            yield [(request_id, s) for s in slots], 1
        for s in slots:
            at_slot[s].append(request_id)
            for person in prep.people[request_id]:
                by_person[person, s].append((request_id, s))
    for keys in by_person.values():
        if len(keys) > 1:
            yield keys, 1
    for s, request_ids in at_slot.items():
        for lower, count in _seat_classes(prep.free_tables[s]):
            count -= sum(1 for seats in fixed_seats[s] if seats > lower)
            keys = [(r, s) for r in request_ids if prep.requests[r].seats > lower]
            if len(keys) > count:
                yield keys, max(count, 0)


def lp_upper_bound(problem: Problem) -> float:
    """The LP relaxation's optimum: no schedule weighs more."""
    return _relaxation(_prepare(problem))[0]


def _relaxation(prep: _Prepared) -> tuple[float, dict[Key, float]]:
    """The LP relaxation (GLOP) over the same x[r, s] and rows as CP-SAT: its optimum, pins
    included, and its values of x (a guide for rounding)."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    keys = [(r, s) for r, slots in prep.candidates.items() for s in slots]
    x = {key: solver.NumVar(0.0, 1.0, "") for key in keys}
    for row_keys, count in _capacity_rows(prep, prep.candidates):
        row = solver.RowConstraint(-solver.infinity(), count, "")
        for key in row_keys:
            row.SetCoefficient(x[key], 1)
    objective = solver.Objective()
    for key, var in x.items():
        objective.SetCoefficient(var, prep.requests[key[0]].priority)
    objective.SetMaximization()
    if solver.Solve() == pywraplp.Solver.OPTIMAL:
        values = {key: var.solution_value() for key, var in x.items()}
        return prep.pinned_weight + objective.Value(), values
    # Not expected; placing every request that has a possible slot is a bound too.
    everything = sum(prep.requests[r].priority for r, slots in prep.candidates.items() if slots)
    return prep.pinned_weight + everything, {}


def _round_down(bound: float) -> float:
    return float(math.floor(bound + BOUND_TOLERANCE))


# --- building the schedule -------------------------------------------------------------------


def _reason(prep: _Prepared, request_id: int) -> Reason:
    if request_id in prep.pin_conflicts:
        return Reason.PIN_CONFLICT
    request, problem = prep.requests[request_id], prep.problem
    if request.seats > max((table.seats for table in problem.tables), default=0):
        return Reason.NO_TABLE_LARGE_ENOUGH
    people = prep.people[request_id]
    if not any(
        all(slot.index not in problem.busy.get(person, ()) for person in people)
        for slot in problem.slots
    ):
        return Reason.NO_COMMON_TIME
    return Reason.CROWDED_OUT


def _assign_tables(prep: _Prepared, chosen: Iterable[Key]) -> list[Placement]:
    """Concrete tables for the chosen meetings, slot by slot: the largest meeting to the largest
    table, which fits whenever the seat-class counts hold (Hall's condition)."""
    by_slot: dict[int, list[int]] = defaultdict(list)
    for request_id, s in chosen:
        by_slot[s].append(request_id)
    placements = []
    for s, request_ids in by_slot.items():
        request_ids.sort(key=lambda r: (-prep.requests[r].seats, r))
        tables = prep.free_tables[s]
        assert len(request_ids) <= len(tables), "more meetings than tables"
        placements += [
            Placement(r, s, table.id) for r, table in zip(request_ids, tables, strict=False)
        ]
    return placements


def _schedule(
    prep: _Prepared,
    method: str,
    placements: list[Placement],
    seconds: float,
    upper_bound: float,
    optimal: bool = False,
) -> Schedule:
    placements = sorted(placements, key=lambda p: (p.slot, p.table, p.request_id))
    placed = {placement.request_id for placement in placements}
    weighted = sum(prep.requests[request_id].priority for request_id in placed)
    bound = _round_down(upper_bound)
    return Schedule(
        method=method,
        placements=placements,
        unplaced={r: _reason(prep, r) for r in sorted(prep.requests) if r not in placed},
        meetings=len(placements),
        weighted=weighted,
        idle_gaps=idle_gaps(prep.problem, placements),
        upper_bound=bound,
        gap=(bound - weighted) / bound if bound > 0 else 0.0,
        optimal=optimal or weighted >= bound,
        seconds=seconds,
    )


class _Book:
    """A schedule made meeting by meeting: who sits and which tables are left in each slot."""

    def __init__(self, prep: _Prepared):
        self.prep = prep
        self.chosen: list[Key] = []
        self.tables: list[Placement] = []
        self.seated: dict[int, set[int]] = {s: set() for s in prep.free_tables}
        # smallest first, so a meeting takes the smallest table that fits
        self.left = {
            s: sorted(t, key=lambda t: (t.seats, t.id)) for s, t in prep.free_tables.items()
        }

    def place(self, request_id: int, slots: Iterable[int] | None = None) -> bool:
        """Into the first of `slots` (its possible slots in time order unless given) where
        everyone is free and a table fits; False if none."""
        people, seats = self.prep.people[request_id], self.prep.requests[request_id].seats
        for s in self.prep.candidates[request_id] if slots is None else slots:
            if people & self.seated[s]:
                continue
            table = next((t for t in self.left[s] if t.seats >= seats), None)
            if table is None:
                continue
            self.left[s].remove(table)
            self.seated[s] |= people
            self.chosen.append((request_id, s))
            self.tables.append(Placement(request_id, s, table.id))
            return True
        return False

    def placements(self) -> list[Placement]:
        return self.prep.pinned + self.tables


def _greedy_book(prep: _Prepared) -> _Book:
    book = _Book(prep)
    for request_id in prep.by_priority():
        book.place(request_id)
    return book


def _rounded_book(prep: _Prepared, values: dict[Key, float]) -> _Book:
    """The LP solution rounded greedily: the requests the LP places most fully first (then by
    priority), each into the slot the LP gives it most of, else the next free one. It is
    usually far closer to the optimum than greedy, so CP-SAT starts from a better point."""
    share: Counter[int] = Counter()
    for (request_id, _), value in values.items():
        share[request_id] += value
    book = _Book(prep)
    for request_id in sorted(
        prep.candidates,
        key=lambda r: (-round(share[r], 3), -prep.requests[r].priority, r),
    ):
        slots = prep.candidates[request_id]
        book.place(request_id, sorted(slots, key=lambda s: -values.get((request_id, s), 0.0)))
    return book


def greedy(problem: Problem) -> Schedule:
    """The most valuable request first, each into the earliest slot where it fits."""
    started = time.perf_counter()
    prep = _prepare(problem)
    placements = _greedy_book(prep).placements()
    seconds = time.perf_counter() - started
    return _schedule(prep, "greedy", placements, seconds, _relaxation(prep)[0])


def _b_matching(prep: _Prepared) -> list[int]:
    """Which meetings happen, the most valuable first: each person in at most as many meetings
    as they have free slots, and no more meetings than tables in all slots."""
    slots = [slot.index for slot in prep.problem.slots]
    room = {
        person: sum(1 for s in slots if s not in prep.occupied[person])
        for people in prep.people.values()
        for person in people
    }
    total = sum(len(tables) for tables in prep.free_tables.values())
    chosen = []
    for request_id in prep.by_priority():
        people = prep.people[request_id]
        if total and prep.candidates[request_id] and all(room[p] > 0 for p in people):
            chosen.append(request_id)
            total -= 1
            for person in people:
                room[person] -= 1
    return chosen


def pair_then_colour(problem: Problem) -> Schedule:
    """The two-stage method of conference one-to-one matching: choose the meetings first
    (b-matching), then colour them into slots; meetings left without a colour stay unplaced."""
    started = time.perf_counter()
    prep = _prepare(problem)
    book = _Book(prep)
    for request_id in _b_matching(prep):
        book.place(request_id)
    seconds = time.perf_counter() - started
    return _schedule(prep, "pair-then-colour", book.placements(), seconds, _relaxation(prep)[0])


# --- CP-SAT ----------------------------------------------------------------------------------

WHOLE_MODEL_LIMIT = 6000  # x[r, s] booleans up to which CP-SAT is given the whole problem
WINDOW_SLOTS = 3  # slots opened up at once by the neighbourhood search, for meetings
GAP_NEIGHBOURHOOD = 16  # meetings opened up at once by the neighbourhood search, for idle gaps
WAITING_LIMIT = 300  # requests not placed that may come into one neighbourhood
NEIGHBOURHOOD_SECONDS = 1.0  # at most, per neighbourhood of stage 1
GAP_NEIGHBOURHOOD_SECONDS = 0.3  # at most, per neighbourhood of stage 2
# Neighbourhoods in a row without gain after which a stage stops before its time is up
STALL_LIMIT = 10
GAP_STALL_LIMIT = 300
WHOLE_GAP_SHARE = 0.25  # of stage 2's time, for the whole model before neighbourhoods
LEAST_SECONDS = 0.05  # less time left than this is not worth a solver call


class _StopAtTarget(cp_model.CpSolverSolutionCallback):
    """Stops the search once a solution reaches the target: the LP bound (nothing is better),
    or in a neighbourhood of stage 1 any gain (the next neighbourhood is then worth more)."""

    def __init__(self, target: float):
        super().__init__()
        self.target = target

    def on_solution_callback(self) -> None:
        if self.objective_value >= self.target - BOUND_TOLERANCE:
            self.stop_search()


class _Model:
    """CP-SAT over x[r, s] for `candidates` (request -> slots): the whole problem, or one
    neighbourhood of it while the meetings in `fixed` stay where they are."""

    def __init__(
        self,
        prep: _Prepared,
        candidates: dict[int, list[int]],
        workers: int,
        seed: int,
        fixed: Iterable[Key] = (),
    ):
        self.prep, self.workers, self.seed = prep, workers, seed
        self.model = cp_model.CpModel()
        self.x = {
            (r, s): self.model.new_bool_var(f"x{r}_{s}")
            for r, slots in candidates.items()
            for s in slots
        }
        for keys, count in _capacity_rows(prep, candidates, fixed):
            if count == 1:
                self.model.add_at_most_one(self.x[key] for key in keys)
            else:
                self.model.add(cp_model.LinearExpr.sum([self.x[key] for key in keys]) <= count)
        self.weighted = cp_model.LinearExpr.weighted_sum(
            list(self.x.values()), [prep.requests[r].priority for r, _ in self.x]
        )

    def _solve(self, hints: dict, seconds: float, callback=None):
        self.model.clear_hints()
        for var, value in hints.items():
            self.model.add_hint(var, value)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(seconds, LEAST_SECONDS)
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        status = solver.solve(self.model, callback)
        found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        return solver, status, found

    def _hints(self, start: set[Key]) -> dict:
        return {var: int(key in start) for key, var in self.x.items()}

    def _chosen(self, solver: cp_model.CpSolver) -> set[Key]:
        return {key for key, var in self.x.items() if solver.boolean_value(var)}

    def maximise(self, start: set[Key], target: float, seconds: float):
        """Stage 1 from `start`: (chosen, CP-SAT's bound, proven optimal), or None if nothing
        was found in time. Weights here leave out everything outside the model."""
        self.model.maximize(self.weighted)
        solver, status, found = self._solve(self._hints(start), seconds, _StopAtTarget(target))
        if not found:
            return None
        return self._chosen(solver), solver.best_objective_bound, status == cp_model.OPTIMAL

    def minimise_gaps(self, start: set[Key], fixed: set[Key], seconds: float):
        """Stage 2 from `start`, keeping at least its weight; `fixed`: (person, slot) in a
        meeting outside the model. (chosen, proven optimal); None if nothing was found."""
        gaps = _GapModel(self, start, fixed)
        if not gaps.terms:
            return start, True  # nothing here can change anyone's gaps
        self.model.add(self.weighted >= self.prep.weight(start))
        self.model.minimize(cp_model.LinearExpr.sum(gaps.terms))
        solver, status, found = self._solve(self._hints(start) | gaps.hints, seconds)
        return (self._chosen(solver), status == cp_model.OPTIMAL) if found else None


class _GapModel:
    """Idle gaps in CP-SAT. For each person and day, `started[k]` says they had a meeting in
    one of the day's slots up to k, `unfinished[k]` one in slot k or later; slot k is idle when
    started[k - 1] and unfinished[k + 1] hold, they are not busy and have no meeting there.
    Only lower bounds are posted: minimising pushes every boolean down to its true value. The
    hints are those true values for the starting schedule, so the whole hint is feasible."""

    def __init__(self, owner: _Model, start: set[Key], fixed: set[Key]):
        self.model, self.prep = owner.model, owner.prep
        self.terms: list[cp_model.IntVar] = []
        self.hints: dict[cp_model.IntVar, int] = {}
        self.at: dict[Key, list[cp_model.IntVar]] = defaultdict(list)  # (person, slot) -> x
        self.fixed = fixed
        self.present = set(fixed)  # (person, slot) with a meeting, in the starting schedule
        for (r, s), var in owner.x.items():
            for person in self.prep.people[r]:
                self.at[person, s].append(var)
                if (r, s) in start:
                    self.present.add((person, s))
        people = sorted({person for person, _ in self.at})
        model_slots = {s for _, s in owner.x}
        for day in _days(self.prep.problem):
            if len(day) >= 3 and model_slots.intersection(day):
                for person in people:
                    self._add_day(person, day)

    def _presence(self, person: int, s: int):
        """1 when the person has a meeting in slot s, 0 otherwise."""
        return cp_model.LinearExpr.sum(self.at.get((person, s), [])) + int(
            (person, s) in self.fixed
        )

    def _add_day(self, person: int, day: list[int]) -> None:
        if not any((person, s) in self.at for s in day):
            return  # nothing of this person's day moves: its gaps are a constant
        started = self._running(person, day)
        unfinished = self._running(person, day[::-1])[::-1]
        busy = self.prep.problem.busy.get(person, frozenset())
        for k in range(1, len(day) - 1):
            s = day[k]
            if s in busy or (person, s) in self.fixed:
                continue  # never idle
            idle = self.model.new_bool_var("")
            self.model.add(
                idle >= started[k - 1] + unfinished[k + 1] - 1 - self._presence(person, s)
            )
            self.hints[idle] = int(
                self.hints[started[k - 1]]
                and self.hints[unfinished[k + 1]]
                and (person, s) not in self.present
            )
            self.terms.append(idle)

    def _running(self, person: int, day: list[int]) -> list[cp_model.IntVar]:
        """flags[k]: a meeting in one of day[0..k]."""
        flags, seen = [], False
        for s in day:
            flag = self.model.new_bool_var("")
            self.model.add(flag >= self._presence(person, s))
            if flags:
                self.model.add(flag >= flags[-1])
            seen = seen or (person, s) in self.present
            self.hints[flag] = int(seen)
            flags.append(flag)
        return flags


def _days(problem: Problem) -> list[list[int]]:
    """Slot indices grouped by day, in time order."""
    days: dict[int, list[int]] = {}
    for slot in problem.slots:
        days.setdefault(slot.day, []).append(slot.index)
    return list(days.values())


def _pinned_presence(prep: _Prepared) -> set[Key]:
    """(person, slot) for everyone at a pinned meeting."""
    return {(person, p.slot) for p in prep.pinned for person in prep.people[p.request_id]}


class _Search:
    """Large neighbourhood search with CP-SAT, for problems too big to solve whole: some
    meetings (and for stage 1 some requests not placed) are opened up, every other meeting stays
    where it is, and CP-SAT solves that neighbourhood from the current schedule as hint. So the
    schedule never gets worse, and each step is small enough to be quick. Who is where, and
    everyone's idle gaps, are kept up to date move by move rather than recounted."""

    def __init__(self, prep: _Prepared, start: set[Key], workers: int, seed: int):
        self.prep, self.workers, self.seed = prep, workers, seed
        self.rng = random.Random(seed)
        self.slots = [slot.index for slot in prep.problem.slots]
        self.day_of = {slot.index: slot.day for slot in prep.problem.slots}
        self.days = {self.day_of[day[0]]: day for day in _days(prep.problem)}
        self.slot_of: dict[int, int] = {}  # request -> slot, pins left out
        self.at: dict[Key, int] = {}  # (person, slot) -> request, pins included
        for placement in prep.pinned:
            for person in prep.people[placement.request_id]:
                self.at[person, placement.slot] = placement.request_id
        self.gaps: dict[Key, int] = {}  # (person, day) -> idle gaps, where there are some
        self._move(set(), set(start))

    @property
    def current(self) -> set[Key]:
        return set(self.slot_of.items())

    def weight(self) -> int:
        return self.prep.weight(self.slot_of.items())

    def _move(self, old: set[Key], new: set[Key]) -> int:
        """Replace the meetings `old` by `new`, and recount the gaps of the people concerned.
        Returns by how much their gaps went down."""
        touched, fewer = set(), 0
        for r, s in old:
            del self.slot_of[r]
            for person in self.prep.people[r]:
                del self.at[person, s]
                touched.add((person, self.day_of[s]))
        for r, s in new:
            self.slot_of[r] = s
            for person in self.prep.people[r]:
                self.at[person, s] = r
                touched.add((person, self.day_of[s]))
        for person, day in touched:
            fewer += self.gaps.pop((person, day), 0)
            if idle := self._idle(person, self.days[day]):
                self.gaps[person, day] = idle
                fewer -= idle
        return fewer

    def _idle(self, person: int, day: list[int]) -> int:
        busy = self.prep.problem.busy.get(person, ())
        met = [k for k, s in enumerate(day) if (person, s) in self.at]
        if not met:
            return 0
        between = day[met[0] + 1 : met[-1]]
        return sum(1 for s in between if (person, s) not in self.at and s not in busy)

    def _model(self, movable: set[int], window: set[int], workers: int | None = None):
        """The neighbourhood: `movable` requests may take any of their slots in `window` where
        their people are free of the fixed meetings. Returns the model, the movable requests'
        current meetings and (person, slot) taken by fixed meetings, for the window's days."""
        inside = {(r, self.slot_of[r]) for r in movable if r in self.slot_of}
        fixed = [(r, s) for r, s in self.slot_of.items() if s in window and r not in movable]
        candidates = {}
        for r in movable:
            people = self.prep.people[r]
            slots = [
                s
                for s in self.prep.candidates[r]
                if s in window and all(self.at.get((p, s), r) in movable for p in people)
            ]
            if slots:
                candidates[r] = slots
        model = _Model(self.prep, candidates, workers or self.workers, self.seed, fixed)
        people = {person for r in candidates for person in self.prep.people[r]}
        day_slots = [s for day in {self.day_of[s] for s in window} for s in self.days[day]]
        taken = {
            (person, s)
            for person in people
            for s in day_slots
            if (person, s) in self.at and self.at[person, s] not in movable
        }
        return model, inside, taken

    def raise_weight(self, target: float, deadline: float) -> None:
        """Stage 1, until the target (the LP bound) or the deadline. A neighbourhood is a few
        slots: their meetings and the requests not placed may take any of them."""
        size, stalled = min(WINDOW_SLOTS, len(self.slots)), 0
        while self.prep.pinned_weight + self.weight() < target and stalled < STALL_LIMIT:
            left = deadline - time.perf_counter()
            if left < LEAST_SECONDS:
                return
            window = set(self.rng.sample(self.slots, size))
            inside = {r for r, s in self.slot_of.items() if s in window}
            lowest = self._lowest_useful(window, inside)
            waiting = [
                r
                for r in self.prep.candidates
                if r not in self.slot_of
                and self.prep.requests[r].priority >= lowest
                and any(s in window for s in self.prep.candidates[r])
            ]
            if len(waiting) > WAITING_LIMIT:
                waiting = self.rng.sample(waiting, WAITING_LIMIT)
            model, inside_keys, _ = self._model(inside | set(waiting), window)
            rest = self.prep.pinned_weight + self.weight() - self.prep.weight(inside_keys)
            # Stop at the first better solution: another neighbourhood is then worth more.
            better = min(target - rest, self.prep.weight(inside_keys) + 1)
            found = model.maximise(inside_keys, better, min(NEIGHBOURHOOD_SECONDS, left))
            gain = (
                -1 if found is None else self.prep.weight(found[0]) - self.prep.weight(inside_keys)
            )
            stalled = 0 if gain > 0 else stalled + 1
            if gain >= 0:
                self._move(inside_keys, found[0])

    def _lowest_useful(self, window: set[int], inside: set[int]) -> int:
        """With every table of the window taken, a request worth less than all meetings there
        cannot raise the weight by coming in: leave those out, to keep the neighbourhood small."""
        tables = sum(len(self.prep.free_tables[s]) for s in window)
        if len(inside) < tables or not inside:
            return 1
        return min(self.prep.requests[r].priority for r in inside)

    def cut_gaps(self, deadline: float) -> None:
        """Stage 2, until the deadline, the weight kept. A neighbourhood is one day of one
        person with idle gaps (the more gaps, the likelier): meetings that day linked to
        theirs, each free to take any slot of the day. Neighbourhoods are small: one CP-SAT
        worker solves them faster than several, whose start-up then costs more than it gains
        (measured; two neighbourhoods at once on two threads gained nothing either)."""
        stalled = 0
        while self.gaps and stalled < GAP_STALL_LIMIT:
            left = deadline - time.perf_counter()
            if left < LEAST_SECONDS:
                return
            spots = sorted(self.gaps)  # (person, day)
            weights = [self.gaps[spot] for spot in spots]
            person, day = self.rng.choices(spots, weights=weights)[0]
            window = set(self.days[day])
            model, inside, taken = self._model(self._around(person, window), window, workers=1)
            found = model.minimise_gaps(inside, taken, min(GAP_NEIGHBOURHOOD_SECONDS, left))
            fewer = 0 if found is None else self._move(inside, found[0])
            stalled = 0 if fewer > 0 else stalled + 1

    def _around(self, person: int, window: set[int]) -> set[int]:
        """Up to GAP_NEIGHBOURHOOD meetings in the window, linked to the person: theirs, then
        those of the people they meet, and so on (breadth first, in random order)."""
        movable: set[int] = set()
        seen, frontier = {person}, [person]
        ordered = sorted(window)
        while frontier and len(movable) < GAP_NEIGHBOURHOOD:
            self.rng.shuffle(frontier)
            reached = []
            for someone in frontier:
                for s in ordered:
                    r = self.at.get((someone, s))
                    if r is None or r in movable or r not in self.slot_of:
                        continue  # no meeting, already in, or pinned
                    if len(movable) >= GAP_NEIGHBOURHOOD:
                        break
                    movable.add(r)
                    reached += [p for p in self.prep.people[r] if p not in seen]
                    seen.update(self.prep.people[r])
            frontier = reached
        return movable


def solve(problem: Problem, time_limit: float = 20.0, workers: int = 2, seed: int = 0) -> Schedule:
    """The CP-SAT schedule: most weighted meetings, then fewest idle gaps, within `time_limit`
    seconds in all (the LP bound and the model building included).

    Stage 1 gets STAGE_1_SHARE of the time, stage 2 the rest. A problem small enough is given
    to CP-SAT whole for stage 1, which then usually proves its answer optimal; a larger one is
    improved neighbourhood by neighbourhood. Stage 2 starts whole too when it can, since on
    small problems that proves the fewest gaps, but the gap model's LP relaxation is weak, so
    on larger ones neighbourhoods do far better: they take over when the whole model has not
    finished within WHOLE_GAP_SHARE of the time."""
    started = time.perf_counter()
    deadline = started + time_limit
    prep = _prepare(problem)
    lp_value, lp_values = _relaxation(prep)
    target = _round_down(lp_value)
    start = max(
        (set(_greedy_book(prep).chosen), set(_rounded_book(prep, lp_values).chosen)),
        key=prep.weight,
    )
    stage_1_end = time.perf_counter() + STAGE_1_SHARE * (deadline - time.perf_counter())
    bound, optimal, whole = math.inf, False, None
    if sum(len(slots) for slots in prep.candidates.values()) <= WHOLE_MODEL_LIMIT:
        whole = _Model(prep, prep.candidates, workers, seed)
        left = stage_1_end - time.perf_counter()
        found = whole.maximise(start, target - prep.pinned_weight, left)
        if found is not None:
            bound, optimal = prep.pinned_weight + found[1], found[2]
            if prep.weight(found[0]) >= prep.weight(start):
                start = found[0]
    search = _Search(prep, start, workers, seed)
    if whole is None:
        search.raise_weight(target, stage_1_end)
    else:
        left = WHOLE_GAP_SHARE * (deadline - time.perf_counter())
        found = whole.minimise_gaps(search.current, _pinned_presence(prep), left)
        if found is not None:
            if found[1]:
                return _cp_sat_schedule(prep, found[0], started, min(target, bound), optimal)
            search = _Search(prep, found[0], workers, seed)
    search.cut_gaps(deadline)
    return _cp_sat_schedule(prep, search.current, started, min(target, bound), optimal)


def _cp_sat_schedule(
    prep: _Prepared, chosen: set[Key], started: float, bound: float, optimal: bool
) -> Schedule:
    placements = prep.pinned + _assign_tables(prep, chosen)
    seconds = time.perf_counter() - started
    return _schedule(prep, "cp-sat", placements, seconds, bound, optimal)
