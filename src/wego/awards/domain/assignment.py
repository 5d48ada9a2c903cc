"""Who judges which application. Plain Python and OR-Tools, no Django.

Rules, in plain words:

- Every application gets exactly `judges_per_application` different judges.
- A judge never gets an application they have a conflict of interest with.
- Pairs already scored (`keep`) stay as they are, unless they are now a conflict: a conflict
  always wins and that pair is dropped.
- Work is shared as evenly as possible: the busiest and the least busy judge differ by at most
  one application whenever conflicts and kept pairs allow it. When they do not, the spread is
  widened only as much as needed, and the answer is still the most even one possible.
- Among equally even answers, the fewest pairs where the judge's expertise does not match the
  application's category (`preferred` lists the matching pairs).
- The assignment is impossible only when some application cannot get enough judges free of
  conflict, or already keeps more judges than it should have: `AssignmentImpossible` then says
  which applications and by how much.
- Pairs naming an application or judge that is not in the problem are ignored.
- The same problem always gives the same assignment.

How: a min-cost flow. The source sends `judges_per_application` units to every application,
each application sends one unit to each judge it gets (cost 0 when preferred, 1 otherwise), and
each judge passes its load on to the sink. Each judge's load is held in a window [low, high]:
`low` is a node demand on the judge (the flow must deliver that much), `high - low` the
capacity of its arc to the sink. Kept pairs are assigned before the flow and reduce the
capacities, so the flow only fills the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# Kinds of obstacle, for the Django side to translate.
SHORT_OF_JUDGES = "short_of_judges"  # fewer judges free of conflict than needed
TOO_MANY_KEPT = "too_many_kept"  # more already-scored judges than judges_per_application

PREFERRED_COST = 0
OTHER_COST = 1


@dataclass(frozen=True)
class AssignmentProblem:
    applications: Sequence[int]  # application ids
    judges: Sequence[int]  # judge ids
    judges_per_application: int  # N
    conflicts: frozenset[tuple[int, int]] = frozenset()  # (application, judge): never
    keep: frozenset[tuple[int, int]] = frozenset()  # (application, judge): already scored
    preferred: frozenset[tuple[int, int]] = frozenset()  # (application, judge): expertise fits


@dataclass(frozen=True)
class Assignment:
    pairs: dict[int, list[int]]  # application -> its judges, sorted
    loads: dict[int, int]  # judge -> number of applications; every judge, 0 included

    @property
    def imbalance(self) -> int:
        """Largest load minus smallest load."""
        if not self.loads:
            return 0
        return max(self.loads.values()) - min(self.loads.values())


@dataclass(frozen=True)
class Obstacle:
    """One reason why no assignment exists, as data (kind and numbers) and in English."""

    kind: str  # SHORT_OF_JUDGES or TOO_MANY_KEPT
    application: int
    count: int  # judges free of conflict (SHORT_OF_JUDGES) or judges kept (TOO_MANY_KEPT)
    needed: int  # judges_per_application

    def describe(self) -> str:
        if self.kind == SHORT_OF_JUDGES:
            return (
                f"Application {self.application} can have only {self.count} judge(s) "
                f"free of conflict; {self.needed} are needed."
            )
        return (
            f"Application {self.application} already has {self.count} judge(s) who scored it; "
            f"only {self.needed} are wanted."
        )


class AssignmentImpossible(ValueError):
    """No assignment meets the rules. `obstacles` says why, as data; `reasons` in English."""

    def __init__(self, obstacles: Sequence[Obstacle]):
        self.obstacles = list(obstacles)
        self.reasons = [obstacle.describe() for obstacle in self.obstacles]
        # application -> number of judges it can have at all (free of conflict)
        self.short = {o.application: o.count for o in self.obstacles if o.kind == SHORT_OF_JUDGES}
        # application -> number of judges it already keeps
        self.over_kept = {o.application: o.count for o in self.obstacles if o.kind == TOO_MANY_KEPT}
        super().__init__(" ".join(self.reasons))


@dataclass(frozen=True)
class _Prepared:
    """The problem cleaned up: sorted ids, kept pairs without conflicts, open candidate pairs."""

    applications: list[int]
    judges: list[int]
    per_application: int
    kept: dict[int, list[int]]  # application -> kept judges (free of conflict, known ids)
    candidates: list[tuple[int, int, int]]  # (application index, judge index, cost)

    @property
    def total(self) -> int:
        return len(self.applications) * self.per_application

    def kept_loads(self) -> list[int]:
        position = {judge: k for k, judge in enumerate(self.judges)}
        loads = [0] * len(self.judges)
        for judges in self.kept.values():
            for judge in judges:
                loads[position[judge]] += 1
        return loads


def assign(problem: AssignmentProblem) -> Assignment:
    """The most even assignment that meets the rules (see the module docstring)."""
    prepared = _prepare(problem)
    if prepared.total == 0:
        return _build(prepared, chosen=[])
    network = _Network(prepared)
    low, high = _narrowest_window(network, prepared)
    flows = network.solve(low, high)
    assert flows is not None  # the window was found feasible just before
    return _build(
        prepared, chosen=[pair for pair, flow in zip(network.pairs, flows, strict=True) if flow]
    )


def _prepare(problem: AssignmentProblem) -> _Prepared:
    if problem.judges_per_application < 0:
        raise ValueError("judges_per_application cannot be negative")
    applications = sorted(set(problem.applications))
    judges = sorted(set(problem.judges))
    needed = problem.judges_per_application
    # A kept pair that is now a conflict is dropped: a conflict always wins.
    kept_pairs = problem.keep - problem.conflicts
    kept: dict[int, list[int]] = {application: [] for application in applications}
    known_judges = set(judges)
    for application, judge in sorted(kept_pairs):
        if application in kept and judge in known_judges:
            kept[application].append(judge)
    candidates = []
    obstacles = []
    for i, application in enumerate(applications):
        free = 0
        for k, judge in enumerate(judges):
            pair = (application, judge)
            if pair in problem.conflicts:
                continue
            free += 1
            if pair not in kept_pairs:
                cost = PREFERRED_COST if pair in problem.preferred else OTHER_COST
                candidates.append((i, k, cost))
        if free < needed:
            obstacles.append(Obstacle(SHORT_OF_JUDGES, application, free, needed))
        elif len(kept[application]) > needed:
            obstacles.append(Obstacle(TOO_MANY_KEPT, application, len(kept[application]), needed))
    if obstacles:
        raise AssignmentImpossible(obstacles)
    return _Prepared(applications, judges, needed, kept, candidates)


class _Network:
    """The flow network, built once and solved for several load windows.

    Nodes: 0 the source, then the applications, then the judges, last the sink.
    """

    def __init__(self, prepared: _Prepared):
        self.prepared = prepared
        count_a, count_j = len(prepared.applications), len(prepared.judges)
        self.judge_node = 1 + count_a
        self.sink = 1 + count_a + count_j
        self.kept_loads = prepared.kept_loads()
        kept_per_app = [len(prepared.kept[a]) for a in prepared.applications]
        # What the flow still has to place once kept pairs are counted.
        self.remaining = prepared.total - sum(kept_per_app)
        self.pairs = [
            (prepared.applications[i], prepared.judges[k]) for i, k, _ in prepared.candidates
        ]
        tails = [0] * count_a + [1 + i for i, _, _ in prepared.candidates]
        heads = list(range(1, 1 + count_a))
        heads += [self.judge_node + k for _, k, _ in prepared.candidates]
        capacities = [prepared.per_application - kept for kept in kept_per_app]
        capacities += [1] * len(prepared.candidates)
        costs = [0] * count_a + [cost for _, _, cost in prepared.candidates]
        self._arcs = (tails, heads, capacities, costs)
        self._pair_arcs = slice(count_a, count_a + len(prepared.candidates))

    def solve(self, low: int, high: int) -> np.ndarray | None:
        """Flows on the candidate pairs keeping every judge's load in [low, high]; None if none."""
        demands = [max(0, low - kept) for kept in self.kept_loads]
        rooms = [high - kept for kept in self.kept_loads]
        to_sink = self.remaining - sum(demands)
        if to_sink < 0 or any(room < demand for room, demand in zip(rooms, demands, strict=True)):
            return None
        tails, heads, capacities, costs = self._arcs
        count_j = len(self.kept_loads)
        judges = range(self.judge_node, self.judge_node + count_j)
        # Imported here, not at the top: OR-Tools takes some 80 ms to load, and every web
        # process imports this module through the URLs while only staff ever assign.
        from ortools.graph.python import min_cost_flow

        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(
            np.array(tails + list(judges), dtype=np.int32),
            np.array(heads + [self.sink] * count_j, dtype=np.int32),
            np.array(
                capacities + [r - d for r, d in zip(rooms, demands, strict=True)], dtype=np.int64
            ),
            np.array(costs + [0] * count_j, dtype=np.int64),
        )
        supplies = [self.remaining] + [0] * len(self.prepared.applications)
        supplies += [-d for d in demands] + [-to_sink]
        flow.set_nodes_supplies(
            np.arange(len(supplies), dtype=np.int32), np.array(supplies, dtype=np.int64)
        )
        status = flow.solve()
        if status == flow.INFEASIBLE:
            return None
        if status != flow.OPTIMAL:
            raise RuntimeError(f"min-cost flow failed: {status}")
        return flow.flows(np.arange(self._pair_arcs.start, self._pair_arcs.stop))

    def feasible(self, low: int, high: int) -> bool:
        return self.solve(low, high) is not None


def _narrowest_window(network: _Network, prepared: _Prepared) -> tuple[int, int]:
    """The load window [low, high] of smallest width that some assignment fits in.

    First the ideal: every judge gets floor or ceiling of total / judges. When conflicts or
    kept pairs rule that out, the window is widened: first the smallest possible top load,
    then, with that top, the largest possible bottom load. Achievable load vectors form an
    M-convex set (they are the ends of flows in a network), and in such a set one element
    both minimises the largest value and maximises the smallest (Frank and Murota, "Discrete
    decreasing minimization", 2022), so this window is the narrowest of all.
    """
    floor, extra = divmod(prepared.total, len(prepared.judges))
    ceiling = floor + (1 if extra else 0)
    if network.feasible(floor, ceiling):
        return floor, ceiling
    # Loading a judge with every application is always possible once _prepare passed.
    high = _first(lambda h: network.feasible(0, h), ceiling, len(prepared.applications))
    low = _last(lambda b: network.feasible(b, high), 0, min(floor, high))
    return low, high


def _first(test: Callable[[int], bool], start: int, stop: int) -> int:
    """Smallest value in [start, stop] passing a test that, once passed, stays passed."""
    while start < stop:
        middle = (start + stop) // 2
        if test(middle):
            stop = middle
        else:
            start = middle + 1
    return start


def _last(test: Callable[[int], bool], start: int, stop: int) -> int:
    """Largest value in [start, stop] passing a test that, once failed, stays failed."""
    while start < stop:
        middle = (start + stop + 1) // 2
        if test(middle):
            start = middle
        else:
            stop = middle - 1
    return start


def _build(prepared: _Prepared, chosen: list[tuple[int, int]]) -> Assignment:
    pairs = {application: list(judges) for application, judges in prepared.kept.items()}
    for application, judge in chosen:
        pairs[application].append(judge)
    loads = dict.fromkeys(prepared.judges, 0)
    for judges in pairs.values():
        judges.sort()
        for judge in judges:
            loads[judge] += 1
    return Assignment(pairs=pairs, loads=loads)
