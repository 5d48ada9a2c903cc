"""What the practice pages show: filters from the query string, choices, table rows."""

from django.utils.translation import gettext as _

from wego.core.i18n import Localised, localise
from wego.core.regions import Region
from wego.diagnostic.models import FrameworkVersion
from wego.practices.models import Category, CostRange, Practice, PrizeTier
from wego.practices.services.search import MODES, Filters


def indicator_titles(language: str) -> dict[str, Localised]:
    """The current CeDS indicators' titles, each saying the language it was found in."""
    version = FrameworkVersion.objects.filter(code="ceds", is_current=True).first()
    if version is None:
        return {}
    return {
        code: localise(indicator.title, language)
        for code, indicator in version.framework.indicator_map().items()
    }


def indicator_choices(language: str) -> list[tuple[str, str]]:
    return [(code, f"{code} {title}") for code, title in indicator_titles(language).items()]


def read_filters(query) -> tuple[Filters, str, list[str]]:
    """Filters and mode from the query string, and a message per value that is not allowed."""
    problems = []

    def choice(name, allowed, label):
        value = query.get(name, "")
        if value and value not in allowed:
            problems.append(
                _("%(field)s: “%(value)s” is not one of the choices.")
                % {
                    "field": label,
                    "value": value[:40],
                }
            )
            return ""
        return value

    filters = Filters(
        category=choice("category", Category.values, _("Category")),
        region=choice("region", Region.values, _("Region")),
        cost=choice("cost", CostRange.values, _("Cost")),
        indicator=query.get("indicator", "")[:20],
        sdg=query.get("sdg", "")[:10],
        technology=query.get("technology", "")[:60],
        awarded=query.get("awarded") == "1",
    )
    mode = choice("mode", MODES, _("Search by")) or MODES[0]
    return filters, mode, problems


def award_label(practice: Practice) -> str:
    if not practice.award_tier:
        return ""
    return _("%(prize)s, WeGO Awards %(year)s") % {
        "prize": PrizeTier(practice.award_tier).label,
        "year": practice.award_year,
    }


def export_rows(practices):
    yield [
        _("Title"),
        _("City"),
        _("Country"),
        _("Category"),
        _("Prize"),
        _("Cost"),
        _("Months to implement"),
        _("Technologies"),
        _("CeDS indicators"),
        _("SDG targets"),
        _("Web address"),
    ]
    for p in practices:
        yield [
            p.shown_title.text,
            p.city_name,
            p.country.code,
            p.get_category_display(),
            award_label(p),
            p.get_cost_range_display(),
            p.months_to_implement or "",
            ", ".join(p.technologies),
            ", ".join(p.indicators),
            ", ".join(p.sdg_targets),
            p.get_absolute_url(),
        ]
