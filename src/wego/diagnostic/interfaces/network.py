"""The network dashboard of the secretariat and regional offices, as a page, Excel and PDF."""

from django.utils import timezone
from django.utils.translation import gettext as _

from wego.core.exports import xlsx_bytes
from wego.core.i18n import localise
from wego.core.pdf import render_pdf
from wego.core.regions import Region
from wego.diagnostic.models import FrameworkVersion
from wego.diagnostic.services.network import dashboard_from_scores, demo_by_region
from wego.members.models import Member


def network_context(user, language: str) -> dict:
    version = FrameworkVersion.objects.filter(code="ceds", is_current=True).first()
    if version is None:
        return {"version": None}
    framework = version.framework
    members = Member.objects.managed_by(user)
    board = dashboard_from_scores(version, members, [d.code for d in framework.domains])
    indicators = framework.indicator_map()
    region_names = dict(Region.choices)
    regions = [r["region"] for r in board.regions]
    demo = demo_by_region(version, members)
    return {
        "version": version,
        "board": board,
        "demo_count": sum(demo.values()),
        "region_rows": [
            {
                **r,
                "label": str(region_names.get(r["region"], r["region"])),
                "demo": demo.get(r["region"], 0),
            }
            for r in board.regions
        ],
        "region_labels": [str(region_names.get(code, code)) for code in regions],
        "domain_rows": [
            {
                "code": d.code,
                "title": localise(d.title, language),
                "all": board.domain_means[d.code]["all"],
                "regions": [board.domain_means[d.code].get(code) for code in regions],
            }
            for d in framework.domains
        ],
        "gap_rows": [
            {
                "code": code,
                "title": localise(indicators[code].title, language),
                "mean": mean,
                "cities": cities,
            }
            for code, mean, cities in board.gaps
        ],
        "generated": timezone.now(),
    }


def network_xlsx(context) -> bytes:
    participation = [
        [
            _("Region"),
            _("Members"),
            _("Started"),
            _("Validated"),
            _("Share validated"),
            _("Of which demo data"),
        ]
    ]
    participation += [
        [r["label"], r["members"], r["started"], r["validated"], round(r["share"], 3), r["demo"]]
        for r in context["region_rows"]
    ]
    domains = [[_("Code"), _("Domain"), _("All"), *context["region_labels"]]]
    domains += [
        [d["code"], d["title"], _round(d["all"]), *[_round(v) for v in d["regions"]]]
        for d in context["domain_rows"]
    ]
    gaps = [[_("Code"), _("Indicator"), _("Average score"), _("Cities")]]
    gaps += [[g["code"], g["title"], _round(g["mean"]), g["cities"]] for g in context["gap_rows"]]
    movement = context["board"].movement
    moves = [
        [_("Cities with two cycles"), _("Average change"), _("Improved"), _("Declined")],
        [
            movement["cities"],
            _round(movement["mean_change"]),
            movement["improved"],
            movement["declined"],
        ],
    ]
    return xlsx_bytes(
        [
            (_("Participation"), participation),
            (_("Domains"), domains),
            (_("Common gaps"), gaps),
            (_("Movement"), moves),
        ]
    )


def network_pdf(context) -> bytes:
    return render_pdf("diagnostic/network_pdf.html", context)


def _round(value):
    return round(value, 1) if value is not None else ""
