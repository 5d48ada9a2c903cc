"""The staff's network statistics, kept up to date one member at a time."""

from django.db import transaction
from django.db.models import Avg, Count, F, Q

from wego.diagnostic.domain.network import Dashboard
from wego.diagnostic.models import Assessment, NetworkScore

OVERALL = "overall"


@transaction.atomic
def refresh_member(member, framework_version) -> int:
    """Replace the member's network scores by those of its latest validated assessment."""
    NetworkScore.objects.filter(framework_version=framework_version, member=member).delete()
    validated = list(
        Assessment.objects.filter(
            member=member,
            framework_version=framework_version,
            status=Assessment.Status.VALIDATED,
        ).order_by("-year", "-validated_at")[:2]
    )
    if not validated:
        return 0
    latest = validated[0]
    previous = validated[1].overall_score if len(validated) > 1 else None
    metrics = latest.score_metrics()
    rows = [
        NetworkScore(
            framework_version=framework_version,
            member=member,
            assessment=latest,
            region=member.region,
            metric=metric,
            value=value,
            previous=previous if metric == OVERALL else None,
        )
        for metric, value in metrics.items()
        if value is not None
    ]
    NetworkScore.objects.bulk_create(rows)
    return len(rows)


def demo_by_region(framework_version, members) -> dict[str, int]:
    """How many of the members' latest validated results are invented demo data, by region."""
    return dict(
        NetworkScore.objects.filter(
            framework_version=framework_version,
            member__in=members,
            metric=OVERALL,
            assessment__is_demo=True,
        )
        .values("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )


def dashboard_from_scores(framework_version, members, domains, gaps_shown=10) -> Dashboard:
    """The same Dashboard as domain.network.dashboard(), aggregated by the database."""
    scores = NetworkScore.objects.filter(framework_version=framework_version, member__in=members)
    totals = {
        row["region"]: row["n"]
        # order_by() clears the default ordering, which would otherwise split the groups.
        for row in members.order_by().values("region").annotate(n=Count("pk"))
    }
    started = dict(
        Assessment.objects.filter(
            member__in=members, framework_version__code=framework_version.code
        )
        .order_by()
        .values("member__region")
        .annotate(n=Count("member", distinct=True))
        .values_list("member__region", "n")
    )
    validated = dict(
        scores.filter(metric=OVERALL)
        .values("region")
        .annotate(n=Count("member"))
        .values_list("region", "n")
    )
    regions = [
        {
            "region": region,
            "members": count,
            "started": started.get(region, 0),
            "validated": validated.get(region, 0),
            "share": validated.get(region, 0) / count,
        }
        for region, count in sorted(totals.items())
    ]
    domain_scores = scores.filter(metric__in=domains)
    means = {domain: {"all": None} for domain in domains}
    for row in domain_scores.values("metric").annotate(mean=Avg("value")):
        means[row["metric"]]["all"] = row["mean"]
    for row in domain_scores.values("metric", "region").annotate(mean=Avg("value")):
        means[row["metric"]][row["region"]] = row["mean"]
    for domain in domains:
        for region in totals:
            means[domain].setdefault(region, None)
    gaps = [
        (row["metric"], row["mean"], row["cities"])
        for row in scores.exclude(metric__in=[OVERALL, *domains])
        .values("metric")
        .annotate(mean=Avg("value"), cities=Count("pk"))
        .order_by("mean", "metric")[:gaps_shown]
    ]
    moved = (
        scores.filter(metric=OVERALL, previous__isnull=False)
        .annotate(change=F("value") - F("previous"))
        .aggregate(
            cities=Count("pk"),
            mean_change=Avg("change"),
            improved=Count("pk", filter=Q(change__gt=0)),
            declined=Count("pk", filter=Q(change__lt=0)),
        )
    )
    return Dashboard(sum(totals.values()), regions, means, gaps, moved)
