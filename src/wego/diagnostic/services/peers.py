"""Peer statistics: kept up to date one member at a time, read per peer group."""

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
from wego.diagnostic.domain.scoring import score
from wego.diagnostic.models import Assessment, PeerScore

OVERALL = "overall"


def shared_filter() -> Q:
    published = Q(is_public=True) | Q(share_with_peers=True)
    return published & Q(status=Assessment.Status.VALIDATED)


@transaction.atomic
def refresh_member(member, framework_version) -> int:
    """Replace the member's peer scores by those of its latest shared assessment."""
    PeerScore.objects.filter(framework_version=framework_version, member=member).delete()
    latest = (
        Assessment.objects.filter(
            shared_filter(), member=member, framework_version=framework_version
        )
        .order_by("-year", "-validated_at")
        .first()
    )
    if latest is None:
        return 0
    result = score(latest.framework, latest.answer_values(), latest.city_context())
    metrics = {OVERALL: result.overall.value}
    metrics.update({code: item.value for code, item in result.domains.items()})
    metrics.update({code: item.value for code, item in result.indicators.items()})
    common = {
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
    return len(rows)


GROUP_FIELDS = {
    GroupKind.REGION: "region",
    GroupKind.COUNTRY: "country",
    GroupKind.POPULATION: "population_band",
    GroupKind.INCOME: "income_group",
}


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
    assessment: Assessment,
    metrics: list[str],
    own: dict[str, float | None],
    kind: GroupKind,
    custom_members=None,
) -> GroupComparison:
    """The assessment's scores against one peer group (itself left out)."""
    rows = PeerScore.objects.filter(
        framework_version=assessment.framework_version, metric__in=metrics
    ).exclude(member=assessment.member)
    key = ""
    if kind == GroupKind.CUSTOM:
        rows = rows.filter(member__in=custom_members or [])
    elif kind != GroupKind.ALL:
        key = group_key(kind, assessment)
        if not key:  # unknown population or income: no such group for this city
            return GroupComparison(kind, key, 0, [])
        rows = rows.filter(**{GROUP_FIELDS[kind]: key})
    values = defaultdict(list)
    members = set()
    for member_id, metric, value in rows.values_list("member_id", "metric", "value"):
        values[metric].append(value)
        members.add(member_id)
    comparisons = []
    for metric in metrics:
        peer_values = values.get(metric, [])
        mine = own.get(metric)
        comparisons.append(
            MetricComparison(
                metric,
                mine,
                describe(peer_values),
                percentile_rank(mine, peer_values) if mine is not None else None,
            )
        )
    return GroupComparison(kind, key, len(members), comparisons)
