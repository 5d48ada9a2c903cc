"""The benchmark page: an assessment's scores against each of its peer groups."""

from django.utils.translation import gettext as _
from django_countries import countries

from wego.diagnostic.domain.benchmarking import BINS, GroupKind
from wego.diagnostic.domain.framework import translate
from wego.diagnostic.services.peers import OVERALL, compare
from wego.members.models import IncomeGroup, Region

BAR_WIDTH, CHART_HEIGHT = 12, 36


def group_label(kind: GroupKind, key: str) -> str:
    if kind == GroupKind.ALL:
        return _("All members")
    if kind == GroupKind.REGION:
        return _("Region: %(region)s") % {"region": Region(key).label}
    if kind == GroupKind.COUNTRY:
        return _("Country: %(country)s") % {"country": countries.name(key)}
    if kind == GroupKind.POPULATION:
        return _("Population band: %(band)s") % {"band": key}
    return _("Income group: %(group)s") % {"group": IncomeGroup(key).label}


def missing_group_reason(kind: GroupKind) -> str:
    if kind == GroupKind.POPULATION:
        return _("The member's population is not known, so it has no population band.")
    return _("The member's country has no income group on record.")


def chart(bins, own) -> dict:
    peak = max(bins) or 1
    own_bin = min(int(own // (100 / BINS)), BINS - 1) if own is not None else None
    bars = [
        {
            "x": i * (BAR_WIDTH + 2),
            "height": round(CHART_HEIGHT * count / peak, 1),
            "y": round(CHART_HEIGHT - CHART_HEIGHT * count / peak, 1),
            "own": i == own_bin,
            "count": count,
            "low": i * 10,
            "high": (i + 1) * 10,
        }
        for i, count in enumerate(bins)
    ]
    return {"bars": bars, "width": BINS * (BAR_WIDTH + 2), "height": CHART_HEIGHT}


def benchmark_context(assessment, language: str) -> dict:
    framework = assessment.framework
    own = assessment.score_metrics()
    titles = {OVERALL: _("Overall score")}
    titles.update({d.code: translate(d.title, language) for d in framework.domains})
    metrics = list(titles)
    groups = []
    for kind in (
        GroupKind.ALL,
        GroupKind.REGION,
        GroupKind.COUNTRY,
        GroupKind.POPULATION,
        GroupKind.INCOME,
    ):
        comparison = compare(assessment, metrics, own, kind)
        if kind != GroupKind.ALL and not comparison.key:
            label = _("Population band") if kind == GroupKind.POPULATION else _("Income group")
            groups.append({"label": label, "missing": missing_group_reason(kind)})
            continue
        rows = [
            {
                "title": titles[m.metric],
                "own": m.own,
                "distribution": m.distribution,
                "percentile": m.percentile,
                "chart": chart(m.distribution.bins, m.own) if m.distribution else None,
            }
            for m in comparison.metrics
        ]
        groups.append(
            {
                "label": group_label(kind, comparison.key),
                "peers": comparison.peers,
                "too_small": comparison.too_small,
                "rows": rows,
            }
        )
    return {"groups": groups}
