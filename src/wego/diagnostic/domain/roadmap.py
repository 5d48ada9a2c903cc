"""From gaps to a plan: which indicators to improve first, in what order, over 1 to 3 years.

Plain Python. Each indicator below full marks is a candidate. Its expected gain is how many
points the overall score would rise if the indicator reached 100, all else equal; its priority
is gain x weight / effort, so a cheap, heavy, high-gain improvement comes first. Items are then
scheduled in priority order, but never before the indicators they require (an online payment
service needs a digital identity first), into years of limited capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

from wego.diagnostic.domain.framework import Framework
from wego.diagnostic.domain.scoring import Result, replaced_mean

YEAR_CAPACITY = 10  # effort points a city can carry in a year (effort runs from 1 to 5)
YEARS = 3
SATISFIED = 75.0  # a required indicator scoring this much counts as in place


@dataclass(frozen=True)
class Item:
    indicator: str
    domain: str
    score: float | None  # current indicator score; None when not answered yet
    gain: float  # overall points if the indicator reached 100
    effort: int
    weight: float
    priority: float
    requires: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    item: Item
    year: int  # 1..YEARS, or 0 for "later"
    quarter: int  # 1..4 within the year (0 for later)
    waits_for: tuple[str, ...]  # required indicators that are part of the plan before it


def candidates(framework: Framework, result: Result) -> list[Item]:
    """Every indicator below full marks, with its expected gain and priority."""
    current = result.overall.value or 0.0
    items = []
    for domain in framework.domains:
        for indicator in domain.indicators:
            score = result.indicators[indicator.code]
            if score.value is not None and score.value >= 99.95:
                continue
            if score.value is None and score.missing == 0:
                continue  # nothing applies to this city
            new_domain = replaced_mean(
                result._sums["domain"][domain.code], indicator.weight, score.value, 100.0
            )
            new_overall = replaced_mean(
                result._sums["overall"],
                domain.weight,
                result.domains[domain.code].value,
                new_domain,
            )
            gain = max(new_overall - current, 0.0)
            items.append(
                Item(
                    indicator=indicator.code,
                    domain=domain.code,
                    score=score.value,
                    gain=gain,
                    effort=indicator.effort,
                    weight=indicator.weight,
                    priority=gain * indicator.weight / indicator.effort,
                    requires=tuple(indicator.requires),
                )
            )
    items.sort(key=lambda item: (-item.priority, item.indicator))
    return items


def plan(
    framework: Framework,
    result: Result,
    capacity: int = YEAR_CAPACITY,
    years: int = YEARS,
    keep: set[str] | None = None,
) -> list[Step]:
    """Schedule the candidates (or only those in `keep`) into years, respecting requirements."""
    items = [i for i in candidates(framework, result) if keep is None or i.indicator in keep]
    in_plan = {item.indicator for item in items}
    scores = {code: s.value for code, s in result.indicators.items()}

    def blocking(item, done):
        return tuple(
            r
            for r in item.requires
            if r in in_plan and r not in done and (scores.get(r) or 0) < SATISFIED
        )

    steps, done, pending = [], set(), list(items)
    year, used = 1, 0
    while pending:
        ready = [item for item in pending if not blocking(item, done)]
        if not ready:  # only cycles remain (the loader refuses them); schedule in order
            ready = pending[:1]
        item = ready[0]
        if used + item.effort > capacity and used > 0:
            year, used = year + 1, 0
        start = used
        used += item.effort
        scheduled_year = year if year <= years else 0
        quarter = min(4, 1 + (4 * start) // capacity) if scheduled_year else 0
        waits = tuple(r for r in item.requires if r in in_plan)
        steps.append(Step(item, scheduled_year, quarter, waits))
        done.add(item.indicator)
        pending.remove(item)
    return steps


# ---- the official's edits: move, drop and annotate items of the proposed plan ----


@dataclass(frozen=True)
class Edit:
    indicator: str
    year: int | None = None  # moved to this year (0 = later); None keeps the proposed year
    position: int | None = None  # place within its year; None keeps the proposed order
    dropped: bool = False
    note: str = ""


@dataclass(frozen=True)
class Concern:
    """Something the official should know about the edited plan (it is never refused)."""

    kind: str  # OVERLOADED, REQUIRES_DROPPED or REQUIRES_LATER
    year: int
    indicator: str = ""
    other: str = ""  # the required indicator
    load: int = 0  # effort points in the year


OVERLOADED, REQUIRES_DROPPED, REQUIRES_LATER = "overloaded", "requires-dropped", "requires-later"


@dataclass(frozen=True)
class EditedPlan:
    steps: list[Step]
    dropped: list[Step]
    concerns: list[Concern]


def year_rank(year: int) -> int:
    """Years sort 1, 2, 3, then "later" (0)."""
    return year if year else YEARS + 1


def apply_edits(
    steps: list[Step], edits: dict[str, Edit], capacity: int = YEAR_CAPACITY
) -> EditedPlan:
    """The proposed plan with the official's edits: years, order, quarters and concerns anew.

    An item moved into a year without a position goes to the end of that year. Quarters are
    recomputed from the effort carried before each item in its year, so milestones follow the
    official's order. Edits are advice-free: a plan that breaks a requirement or overloads a
    year is kept, with a concern that says so.
    """
    kept, dropped = [], []
    for index, step in enumerate(steps):
        edit = edits.get(step.item.indicator)
        if edit and edit.dropped:
            dropped.append(step)
            continue
        year = edit.year if edit and edit.year is not None else step.year
        position = place_in_year(edit, step, index)
        kept.append((year_rank(year), position, index, year, step))
    kept.sort(key=lambda entry: entry[:3])
    scheduled, loads = [], {}
    for _rank, _position, _index, year, step in kept:
        start = loads.get(year, 0)
        loads[year] = start + step.item.effort
        quarter = min(4, 1 + (4 * start) // capacity) if year else 0
        scheduled.append(Step(step.item, year, quarter, step.waits_for))
    return EditedPlan(scheduled, dropped, _concerns(scheduled, dropped, loads, capacity))


def place_in_year(edit: Edit | None, step: Step, index: int) -> int:
    """Explicit places first, then the proposed order, then items moved in from another year."""
    if edit and edit.position is not None:
        return edit.position
    if edit and edit.year is not None and edit.year != step.year:
        return 20_000 + index
    return 10_000 + index


def _concerns(scheduled, dropped, loads, capacity) -> list[Concern]:
    concerns = [
        Concern(OVERLOADED, year, load=load)
        for year, load in sorted(loads.items())
        if year and load > capacity
    ]
    order = {step.item.indicator: n for n, step in enumerate(scheduled)}
    dropped_codes = {step.item.indicator for step in dropped}
    for n, step in enumerate(scheduled):
        for required in step.waits_for:
            if required in dropped_codes:
                concerns.append(Concern(REQUIRES_DROPPED, step.year, step.item.indicator, required))
            elif order.get(required, -1) > n:
                concerns.append(Concern(REQUIRES_LATER, step.year, step.item.indicator, required))
    return concerns


def moved(steps: list[Step], indicator: str, offset: int) -> dict[str, int]:
    """Positions for every item of the indicator's year after moving it `offset` places.

    Returns {indicator: position}; empty when the item cannot move that way.
    """
    year = next((s.year for s in steps if s.item.indicator == indicator), None)
    if year is None:
        return {}
    codes = [s.item.indicator for s in steps if s.year == year]
    here = codes.index(indicator)
    there = here + offset
    if not 0 <= there < len(codes):
        return {}
    codes[here], codes[there] = codes[there], codes[here]
    return {code: position for position, code in enumerate(codes)}
