"""Peer statistics: kept up to date one member at a time, read per peer group."""

import bisect
from array import array
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from wego.diagnostic.domain.benchmarking import (
    MIN_GROUP,
    Distribution,
    GroupKind,
    describe,
    percentile_rank,
    population_band,
)
from wego.diagnostic.models import Assessment, PeerGroupScores, PeerScore

OVERALL = "overall"


def shared_filter() -> Q:
    published = Q(is_public=True) | Q(share_with_peers=True)
    return published & Q(status=Assessment.Status.VALIDATED)


def includes_demo(framework_version) -> bool:
    """Whether invented results of the demo network count in this framework's peer figures.

    Read from the demo assessments alone (a partial index), so it costs nothing on a real
    network, which has none.
    """
    return Assessment.objects.filter(
        shared_filter(), framework_version=framework_version, is_demo=True
    ).exists()


@transaction.atomic
def refresh_member(member, framework_version) -> int:
    """Replace the member's peer scores by those of its latest shared assessment."""
    old_rows = PeerScore.objects.filter(framework_version=framework_version, member=member)
    old = [
        _group_entries(row) for row in old_rows if row.metric in _list_metrics(framework_version)
    ]
    old_rows.delete()
    latest = (
        Assessment.objects.filter(
            shared_filter(), member=member, framework_version=framework_version
        )
        .order_by("-year", "-validated_at")
        .first()
    )
    if latest is None:
        _update_lists(framework_version, old, [])
        return 0
    metrics = latest.score_metrics()
    common = {
        "published": latest.is_public,
        "framework_version": framework_version,
        "member": member,
        "assessment": latest,
        "year": latest.year,
        "region": member.region,
        "country": member.country.code,
        "population_band": population_band(latest.population or member.population),
        "income_group": member.income_group,
    }
    rows = [
        PeerScore(metric=metric, value=value, **common)
        for metric, value in metrics.items()
        if value is not None
    ]
    PeerScore.objects.bulk_create(rows)
    new = [_group_entries(row) for row in rows if row.metric in _list_metrics(framework_version)]
    _update_lists(framework_version, old, new)
    return len(rows)


@dataclass
class MetricComparison:
    metric: str
    own: float | None
    distribution: Distribution | None
    percentile: float | None


@dataclass
class GroupComparison:
    kind: GroupKind
    key: str
    peers: int  # cities in the group, the city itself left out
    metrics: list[MetricComparison]

    @property
    def too_small(self) -> bool:
        return self.peers < MIN_GROUP


def group_key(kind: GroupKind, assessment: Assessment) -> str:
    member = assessment.member
    return {
        GroupKind.ALL: "",
        GroupKind.REGION: member.region,
        GroupKind.COUNTRY: member.country.code,
        GroupKind.POPULATION: population_band(assessment.population or member.population),
        GroupKind.INCOME: member.income_group,
    }[kind]


def compare(
    assessment: Assessment, metrics: list[str], own: dict[str, float | None], kind: GroupKind
) -> GroupComparison:
    """The assessment's scores against one peer group (itself left out).

    The group's sorted scores come from PeerGroupScores (one row per metric, kept up to date on
    every publication), so the cost does not grow with the size of the network.
    """
    return _compare_with_lists(assessment, metrics, own, kind)


GROUP_FIELDS = {
    GroupKind.REGION: "region",
    GroupKind.COUNTRY: "country",
    GroupKind.POPULATION: "population_band",
    GroupKind.INCOME: "income_group",
}


def compare_scores(
    assessment: Assessment,
    metrics: list[str],
    own: dict[str, float | None],
    kind: GroupKind,
    custom_group=None,
) -> GroupComparison:
    """Like compare(), read from the peer scores themselves: for indicators and custom groups.

    A custom group counts only published results: the city picks its cities by name, and
    anonymously shared results must never be told apart by choosing groups that differ by one.
    """
    rows = PeerScore.objects.filter(
        framework_version=assessment.framework_version, metric__in=metrics
    ).exclude(member=assessment.member)
    key = ""
    if kind == GroupKind.CUSTOM:
        key = str(custom_group.pk)
        rows = rows.filter(published=True, member__in=custom_group.members.all())
    elif kind != GroupKind.ALL:
        key = group_key(kind, assessment)
        if not key:  # unknown population or income: no such group for this city
            return GroupComparison(kind, key, 0, [])
        rows = rows.filter(**{GROUP_FIELDS[kind]: key})
    values, members = defaultdict(list), set()
    for member_id, metric, value in rows.values_list("member_id", "metric", "value"):
        values[metric].append(value)
        members.add(member_id)
    comparisons = [
        metric_comparison(metric, own.get(metric), sorted(values.get(metric, [])))
        for metric in metrics
    ]
    return GroupComparison(kind, key, len(members), comparisons)


def metric_comparison(metric: str, mine: float | None, peer_values) -> MetricComparison:
    """The city's score on one metric against its peers' scores (sorted)."""
    return MetricComparison(
        metric,
        mine,
        describe(peer_values, already_sorted=True),
        percentile_rank(mine, peer_values, already_sorted=True) if mine is not None else None,
    )


# ---- peer group lists: the sorted scores of each standard group, per domain-level metric ----

LIST_KINDS = (
    GroupKind.ALL,
    GroupKind.REGION,
    GroupKind.COUNTRY,
    GroupKind.POPULATION,
    GroupKind.INCOME,
)


def _list_metrics(framework_version) -> set[str]:
    return {OVERALL, *(domain.code for domain in framework_version.framework.domains)}


def _group_entries(row: PeerScore) -> list[tuple[str, str, str, float]]:
    """(kind, key, metric, value) for every standard group a peer score belongs to."""
    keys = {
        GroupKind.ALL: "",
        GroupKind.REGION: row.region,
        GroupKind.COUNTRY: row.country,
        GroupKind.POPULATION: row.population_band,
        GroupKind.INCOME: row.income_group,
    }
    return [
        (kind.value, keys[kind], row.metric, row.value)
        for kind in LIST_KINDS
        if kind == GroupKind.ALL or keys[kind]
    ]


def _update_lists(framework_version, old: list, new: list) -> None:
    """Take the member's old scores out of its groups' lists and put the new ones in."""
    removed = [entry for entries in old for entry in entries]
    added = [entry for entries in new for entry in entries]
    touched = {(kind, key, metric) for kind, key, metric, _v in removed + added}
    if not touched:
        return
    existing = {
        (row.kind, row.key, row.metric): row
        for row in PeerGroupScores.objects.select_for_update().filter(
            framework_version=framework_version,
            kind__in={t[0] for t in touched},
            metric__in={t[2] for t in touched},
        )
        if (row.kind, row.key, row.metric) in touched
    }
    working = {k: row.values for k, row in existing.items()}
    for kind, key, metric, value in removed:
        values = working.get((kind, key, metric))
        if values is not None:
            index = bisect.bisect_left(values, value)
            if index < len(values) and values[index] == value:
                values.pop(index)
    for kind, key, metric, value in added:
        if (kind, key, metric) not in existing:
            existing[(kind, key, metric)] = PeerGroupScores(
                framework_version=framework_version, kind=kind, key=key, metric=metric
            )
            working[(kind, key, metric)] = array("d")
        bisect.insort(working[(kind, key, metric)], value)
    for group, row in existing.items():
        row.values = working[group]
        row.save()


def rebuild_lists(framework_version) -> int:
    """Make every group list anew from the peer scores (after a bulk import, say)."""
    PeerGroupScores.objects.filter(framework_version=framework_version).delete()
    lists: dict[tuple, list] = defaultdict(list)
    metrics = _list_metrics(framework_version)
    for row in PeerScore.objects.filter(framework_version=framework_version, metric__in=metrics):
        for kind, key, metric, value in _group_entries(row):
            lists[(kind, key, metric)].append(value)
    PeerGroupScores.objects.bulk_create(
        [
            PeerGroupScores(
                framework_version=framework_version,
                kind=kind,
                key=key,
                metric=metric,
                values=sorted(values),
            )
            for (kind, key, metric), values in lists.items()
        ],
        batch_size=500,
    )
    return len(lists)


def _compare_with_lists(assessment, metrics, own, kind) -> GroupComparison:
    key = "" if kind == GroupKind.ALL else group_key(kind, assessment)
    if kind != GroupKind.ALL and not key:
        return GroupComparison(kind, key, 0, [])
    lists = {
        row.metric: row.values
        for row in PeerGroupScores.objects.filter(
            framework_version=assessment.framework_version,
            kind=kind.value,
            key=key,
            metric__in=metrics,
        )
    }
    # The city's own shared scores are in the lists: leave them out of its peers.
    mine_in_lists = {
        row.metric: row.value
        for row in PeerScore.objects.filter(
            framework_version=assessment.framework_version,
            member=assessment.member,
            metric__in=metrics,
        )
        if _in_group(row, kind, key)
    }
    comparisons, peers = [], 0
    for metric in metrics:
        values = lists.get(metric, array("d"))
        if metric in mine_in_lists:
            index = bisect.bisect_left(values, mine_in_lists[metric])
            if index < len(values) and values[index] == mine_in_lists[metric]:
                values.pop(index)
        peers = max(peers, len(values))
        comparisons.append(metric_comparison(metric, own.get(metric), values))
    return GroupComparison(kind, key, peers, comparisons)


def _in_group(row: PeerScore, kind: GroupKind, key: str) -> bool:
    return any(k == kind.value and group == key for k, group, _m, _v in _group_entries(row))
