"""From gaps to a plan: which indicators to improve first, in what order, over 1 to 3 years.

Plain Python. Each answered indicator below full marks is a candidate; an indicator with no
answer yet is no gap (nobody knows yet whether it needs work) and stays out of the plan, listed
apart by `not_answered`. A candidate's expected gain is how many points the overall score would
rise if the indicator reached 100, all else equal (its sensitivity, from the scoring's sums);
its priority is gain x weight / effort, so a cheap, heavy, high-gain improvement comes first.
Items are then scheduled in priority order into years of limited capacity, never before an
indicator they require that is itself planned and not yet in place (an online payment service
needs a digital identity first), so that the proposed plan never contradicts itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from wego.diagnostic.domain.framework import Framework
from wego.diagnostic.domain.scoring import Result, with_indicator

YEAR_CAPACITY = 10  # effort points a city can carry in a year (effort runs from 1 to 5)
YEARS = 3
SATISFIED = 75.0  # a required indicator scoring this much counts as in place
FULL_MARKS = 99.95  # an indicator scoring this much has nothing left to gain


@dataclass(frozen=True)
class Item:
    indicator: str
    domain: str
    score: float  # the indicator's score now (only answered indicators are items)
    gain: float  # overall points if the indicator reached 100
    effort: int
    weight: float
    priority: float
    requires: tuple[str, ...]
    domain_score: float | None = None  # the domain's score now
    domain_after: float | None = None  # the domain's score if the indicator reached 100


@dataclass(frozen=True)
class Step:
    item: Item
    year: int  # 1..YEARS, or 0 for "later"
    quarter: int  # 1..4 within the year (0 for later)
    waits_for: tuple[str, ...]  # planned requirements not in place yet, all before it


@dataclass(frozen=True)
class Unanswered:
    """An indicator with applicable questions and no answer yet: to answer, not to plan."""

    indicator: str
    domain: str
    missing: int  # its questions not answered yet


def candidates(framework: Framework, result: Result) -> list[Item]:
    """Every answered indicator below full marks, with its expected gain and priority."""
    current = result.overall.value
    items = []
    for domain in framework.domains:
        for indicator in domain.indicators:
            score = result.indicators[indicator.code].value
            if score is None or score >= FULL_MARKS or current is None:
                continue
            domain_after, overall_after = with_indicator(result, domain, indicator, 100.0)
            gain = max(overall_after - current, 0.0)
            items.append(
                Item(
                    indicator=indicator.code,
                    domain=domain.code,
                    score=score,
                    gain=gain,
                    effort=indicator.effort,
                    weight=indicator.weight,
                    priority=gain * indicator.weight / indicator.effort,
                    requires=tuple(indicator.requires),
                    domain_score=result.domains[domain.code].value,
                    domain_after=domain_after,
                )
            )
    items.sort(key=lambda item: (-item.priority, item.indicator))
    return items


def not_answered(framework: Framework, result: Result) -> list[Unanswered]:
    """The indicators to answer before anyone can say whether they need work, in framework order."""
    found = []
    for domain in framework.domains:
        for indicator in domain.indicators:
            score = result.indicators[indicator.code]
            if score.value is None and score.missing:
                found.append(Unanswered(indicator.code, domain.code, score.missing))
    return found


def plan(
    framework: Framework,
    result: Result,
    capacity: int = YEAR_CAPACITY,
    years: int = YEARS,
    keep: set[str] | None = None,
) -> list[Step]:
    """Schedule the candidates (or only those in `keep`) into years, respecting requirements.

    Each year takes the highest-priority item whose requirements are scheduled and that still
    fits; when none fits, the next year starts. So every year stays within capacity, and an
    item always comes after the planned requirements it waits for.
    """
    items = [i for i in candidates(framework, result) if keep is None or i.indicator in keep]
    in_plan = {item.indicator for item in items}
    scores = {code: s.value for code, s in result.indicators.items()}

    def waits_for(item) -> tuple[str, ...]:
        """Its requirements that are planned because they are not in place yet."""
        return tuple(r for r in item.requires if r in in_plan and (scores.get(r) or 0) < SATISFIED)

    steps, done, pending = [], set(), list(items)
    year, used = 1, 0
    while pending:
        ready = [item for item in pending if done.issuperset(waits_for(item))]
        ready = ready or pending[:1]  # only cycles remain (the loader refuses them)
        fits = [item for item in ready if used + item.effort <= capacity]
        if not fits and used:
            year, used = year + 1, 0
            continue
        item = (fits or ready)[0]  # an item larger than a year gets a year of its own
        start, used = used, used + item.effort
        scheduled_year = year if year <= years else 0
        quarter = min(4, 1 + (4 * start) // capacity) if scheduled_year else 0
        steps.append(Step(item, scheduled_year, quarter, waits_for(item)))
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
