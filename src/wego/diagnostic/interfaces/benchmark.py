"""The benchmark page: an assessment's scores against each of its peer groups."""

from django.utils.translation import gettext as _
from django_countries import countries

from wego.core.i18n import localise
from wego.core.regions import Region
from wego.diagnostic.domain.benchmarking import BINS, GroupKind
from wego.diagnostic.services.peers import OVERALL, compare, compare_scores, includes_demo
from wego.members.models import IncomeGroup

BAR_WIDTH, CHART_HEIGHT = 12, 36


def population_band_label(band: str) -> str:
    """A population band (domain.benchmarking.POPULATION_BANDS) as people say it."""
    labels = {
        "under-100k": _("under 100,000 inhabitants"),
        "100k-500k": _("100,000 to 500,000 inhabitants"),
        "500k-1m": _("500,000 to 1 million inhabitants"),
        "1m-5m": _("1 to 5 million inhabitants"),
        "over-5m": _("over 5 million inhabitants"),
    }
    return labels.get(band, band)


def group_label(kind: GroupKind, key: str) -> str:
    if kind == GroupKind.ALL:
        return _("All members")
    if kind == GroupKind.REGION:
        return _("Region: %(region)s") % {"region": Region(key).label}
    if kind == GroupKind.COUNTRY:
        return _("Country: %(country)s") % {"country": countries.name(key)}
    if kind == GroupKind.POPULATION:
        return _("Population band: %(band)s") % {"band": population_band_label(key)}
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


STANDARD_KINDS = (
    GroupKind.ALL,
    GroupKind.REGION,
    GroupKind.COUNTRY,
    GroupKind.POPULATION,
    GroupKind.INCOME,
)


def benchmark_context(assessment, language: str, query=None, custom_groups=()) -> dict:
    """Domain-level comparisons with every group; indicator-level for one domain on request.

    `query` holds the reader's choice (domain, group); `custom_groups` the member's own groups
    (shown only to those who may see the city's details).
    """
    framework = assessment.framework
    own = assessment.score_metrics()
    titles = {OVERALL: _("Overall score")}
    titles.update({d.code: localise(d.title, language) for d in framework.domains})
    metrics = list(titles)
    groups = []
    for kind in STANDARD_KINDS:
        comparison = compare(assessment, metrics, own, kind)
        groups.append(group_section(kind, comparison, titles))
    for custom in custom_groups:
        comparison = compare_scores(assessment, metrics, own, GroupKind.CUSTOM, custom)
        groups.append(group_section(GroupKind.CUSTOM, comparison, titles, custom))
    context = {
        "groups": groups,
        "custom_groups": custom_groups,
        "domains": framework.domains,
        "peers_include_demo": includes_demo(assessment.framework_version),
    }
    context.update(indicator_comparison(assessment, language, own, query or {}, custom_groups))
    return context


def group_section(kind, comparison, titles, custom=None) -> dict:
    if kind not in (GroupKind.ALL, GroupKind.CUSTOM) and not comparison.key:
        label = _("Population band") if kind == GroupKind.POPULATION else _("Income group")
        return {"label": label, "missing": missing_group_reason(kind)}
    rows = [
        {
            "title": titles[m.metric],
            "code": m.metric,
            "own": m.own,
            "distribution": m.distribution,
            "percentile": m.percentile,
            "chart": chart(m.distribution.bins, m.own) if m.distribution else None,
        }
        for m in comparison.metrics
    ]
    label = (
        _("Your peer group: %(name)s") % {"name": custom.name}
        if custom
        else group_label(kind, comparison.key)
    )
    return {
        "label": label,
        "custom": custom,
        "peers": comparison.peers,
        "too_small": comparison.too_small,
        "rows": rows,
    }


def group_choices(custom_groups) -> list[tuple[str, str]]:
    choices = [
        (GroupKind.ALL.value, _("All members")),
        (GroupKind.REGION.value, _("Region")),
        (GroupKind.COUNTRY.value, _("Country")),
        (GroupKind.POPULATION.value, _("Population band")),
        (GroupKind.INCOME.value, _("Income group")),
    ]
    choices += [(f"custom-{g.pk}", g.name) for g in custom_groups]
    return choices


def indicator_comparison(assessment, language, own, query, custom_groups) -> dict:
    """The indicators of one domain against one group, when the reader asked for it."""
    framework = assessment.framework
    domains = {d.code: d for d in framework.domains}
    choices = group_choices(custom_groups)
    wanted_domain, wanted_group = query.get("domain", ""), query.get("group", "all")
    context = {
        "group_choices": choices,
        "chosen_domain": wanted_domain,
        "chosen_group": wanted_group,
    }
    if not wanted_domain:
        return context
    problems = []
    if wanted_domain not in domains:
        problems.append(
            _("Domain: there is no domain “%(code)s” in this framework.") % {"code": wanted_domain}
        )
    if wanted_group not in dict(choices):
        problems.append(_("Group: this peer group does not exist, or is not one of yours."))
    if problems:
        return {**context, "indicator_problems": problems}
    domain = domains[wanted_domain]
    codes = [i.code for i in domain.indicators]
    custom = next((g for g in custom_groups if f"custom-{g.pk}" == wanted_group), None)
    kind = GroupKind.CUSTOM if custom else GroupKind(wanted_group)
    comparison = compare_scores(assessment, codes, own, kind, custom)
    titles = {i.code: localise(i.title, language) for i in domain.indicators}
    section = group_section(kind, comparison, titles, custom)
    section["domain"] = localise(domain.title, language)
    return {**context, "indicator_section": section}
