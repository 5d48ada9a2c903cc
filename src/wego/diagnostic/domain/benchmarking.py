"""Peer benchmarking statistics. Plain Python, no Django.

A peer group with fewer than MIN_GROUP cities shows no statistics at all, so that no single
city's score can be read off (with 2 cities, the median and your own score give the other's).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

MIN_GROUP = 5
BINS = 10  # the distribution chart: 0-10, 10-20, ..., 90-100

# Population bands, as used for "cities like us" (upper bounds, exclusive).
POPULATION_BANDS = (
    ("under-100k", 100_000),
    ("100k-500k", 500_000),
    ("500k-1m", 1_000_000),
    ("1m-5m", 5_000_000),
    ("over-5m", math.inf),
)


class GroupKind(StrEnum):
    ALL = "all"
    REGION = "region"
    COUNTRY = "country"
    POPULATION = "population"
    INCOME = "income"
    CUSTOM = "custom"  # a peer group the city picked itself


def population_band(population: int | None) -> str:
    if population is None:
        return ""
    for band, upper in POPULATION_BANDS:
        if population < upper:
            return band
    return POPULATION_BANDS[-1][0]


@dataclass(frozen=True, slots=True)
class Distribution:
    count: int
    median: float
    mean: float
    best: float
    worst: float
    p25: float
    p75: float
    bins: tuple[int, ...]


def quantile(ordered: Sequence[float], q: float) -> float:
    """The q-quantile with linear interpolation between closest ranks (numpy's default)."""
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def histogram(values: Sequence[float]) -> tuple[int, ...]:
    """Counts per 10-point band; 100 belongs to the last band."""
    counts = [0] * BINS
    for value in values:
        counts[min(int(value // (100 / BINS)), BINS - 1)] += 1
    return tuple(counts)


def histogram_of_sorted(ordered: Sequence[float]) -> tuple[int, ...]:
    """The same counts as histogram(), found by bisection in already sorted scores."""
    edges = [bisect.bisect_left(ordered, (100 / BINS) * i) for i in range(1, BINS)]
    bounds = [0, *edges, len(ordered)]
    return tuple(bounds[i + 1] - bounds[i] for i in range(BINS))


def describe(values: Sequence[float], already_sorted: bool = False) -> Distribution | None:
    """Statistics of a peer group's scores, or None when the group is too small to show."""
    if len(values) < MIN_GROUP:
        return None
    ordered = values if already_sorted else sorted(values)
    return Distribution(
        count=len(ordered),
        median=quantile(ordered, 0.5),
        mean=math.fsum(ordered) / len(ordered),
        best=ordered[-1],
        worst=ordered[0],
        p25=quantile(ordered, 0.25),
        p75=quantile(ordered, 0.75),
        bins=histogram_of_sorted(ordered),
    )


def percentile_rank(
    value: float, values: Sequence[float], already_sorted: bool = False
) -> float | None:
    """Share of the group scoring below `value`, counting ties as half (0-100).

    None for a group too small to show. `values` may include the city itself.
    """
    if len(values) < MIN_GROUP:
        return None
    ordered = values if already_sorted else sorted(values)
    below = bisect.bisect_left(ordered, value)
    at_or_below = bisect.bisect_right(ordered, value)
    return 100 * (below + at_or_below) / (2 * len(ordered))
