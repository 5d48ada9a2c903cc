"""Network analytics for the secretariat and regional offices. Plain Python, no Django.

Input: one record per member (its latest validated assessment, and the one before it if any).
Output: participation by region, average scores by domain and region, the indicators where
the network is weakest (what training to run next), and movement since the previous cycle.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import fmean


@dataclass(frozen=True)
class MemberRecord:
    member: str
    region: str
    started: bool  # has any assessment
    latest: dict | None = None  # {"overall": x, "domains": {...}, "indicators": {...}}
    previous_overall: float | None = None


@dataclass
class Dashboard:
    members: int
    regions: list[dict]  # region, members, started, validated, share
    domain_means: dict[str, dict[str, float | None]]  # domain -> {region | "all": mean}
    gaps: list[tuple[str, float, int]]  # (indicator, mean score, cities) lowest first
    movement: dict = field(default_factory=dict)  # cities, mean change, improved, declined


def _mean(values):
    values = [v for v in values if v is not None]
    return fmean(values) if values else None


def dashboard(records: list[MemberRecord], domains: list[str], gaps_shown: int = 10) -> Dashboard:
    by_region = defaultdict(list)
    for record in records:
        by_region[record.region].append(record)
    regions = []
    for region, rows in sorted(by_region.items()):
        validated = sum(1 for r in rows if r.latest)
        regions.append(
            {
                "region": region,
                "members": len(rows),
                "started": sum(1 for r in rows if r.started),
                "validated": validated,
                "share": validated / len(rows) if rows else 0.0,
            }
        )
    assessed = [r for r in records if r.latest]
    domain_means = {}
    for domain in domains:
        means = {"all": _mean(r.latest["domains"].get(domain) for r in assessed)}
        for region, rows in by_region.items():
            means[region] = _mean(r.latest["domains"].get(domain) for r in rows if r.latest)
        domain_means[domain] = means
    indicator_values = defaultdict(list)
    for record in assessed:
        for code, value in record.latest["indicators"].items():
            if value is not None:
                indicator_values[code].append(value)
    gaps = sorted(
        ((code, fmean(values), len(values)) for code, values in indicator_values.items()),
        key=lambda gap: (gap[1], gap[0]),
    )[:gaps_shown]
    changes = [
        r.latest["overall"] - r.previous_overall
        for r in assessed
        if r.previous_overall is not None and r.latest["overall"] is not None
    ]
    movement = {
        "cities": len(changes),
        "mean_change": fmean(changes) if changes else None,
        "improved": sum(1 for c in changes if c > 0),
        "declined": sum(1 for c in changes if c < 0),
    }
    return Dashboard(len(records), regions, domain_means, gaps, movement)
