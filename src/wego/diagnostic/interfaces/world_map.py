"""The world map of published CeDS results: the page's context and its table for export."""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from wego.core.i18n import localise
from wego.core.regions import Region
from wego.diagnostic.domain import world_map
from wego.diagnostic.interfaces.demo import demo_cell, demo_heading
from wego.diagnostic.models import Assessment, FrameworkVersion

FRAME = world_map.MapFrame(width=1000, north=90, south=-60)
MARKER_SIZE = 6.0  # about half a marker's width, in map units (the map is 1000 wide)
MARKER_GAP = 11.0  # markers closer than this are moved apart, so none hides another


@dataclass(frozen=True)
class WorldShapes:
    view_box: str  # a string: a number in a template would be localised ("444,4" in Arabic)
    sea: str
    countries: tuple[world_map.CountryShape, ...]
    land: str  # the countries' <path> elements, ready to insert (safe: escaped once here)


@lru_cache(maxsize=1)
def world_shapes() -> WorldShapes:
    """The projected countries: derived from the vendored file alone, so computed once.

    About 60 ms; the 177 paths' markup is made here too, so a page does not loop over them.
    """
    shapes = world_map.country_shapes(
        world_map.load_topology(), FRAME, leave_out={world_map.ANTARCTICA}
    )
    view_box = f"0 0 {FRAME.width:g} {FRAME.height:g}"
    land = format_html_join("", '<path d="{}"></path>', ((shape.path,) for shape in shapes))
    return WorldShapes(view_box, world_map.outline_path(FRAME), tuple(shapes), land)


def band_label(band: int) -> str:
    floors = world_map.BAND_FLOORS
    if band == 1:
        return _("under %(high)s") % {"high": floors[1]}
    if band == len(floors):
        return _("%(low)s or more") % {"low": floors[-1]}
    return _("%(low)s to under %(high)s") % {"low": floors[band - 1], "high": floors[band]}


def shape_label(band: int) -> str:
    return {
        "triangle-down": _("triangle pointing down"),
        "square": _("square"),
        "diamond": _("diamond"),
        "triangle-up": _("triangle pointing up"),
        "circle": _("circle"),
    }[world_map.SHAPES[band - 1]]


def current_version():
    # The framework's content (a few hundred kB of JSON) is only read when not parsed yet.
    return FrameworkVersion.objects.defer("content").filter(code="ceds", is_current=True).first()


def published_results(version, language: str) -> list[dict]:
    """Each member's latest published (validated and public) result on the current framework.

    Read from the assessments, whose scores are stored on every change: nothing is scored
    here. (PeerScore keeps the latest *shared* result: a newer one shared only anonymously
    would hide an older published one.)
    """
    if version is None:
        return []
    published = Assessment.objects.published().filter(framework_version=version)
    latest_year = published.filter(member=OuterRef("member")).order_by("-year").values("year")[:1]
    assessments = (
        published.filter(year=Subquery(latest_year))
        .select_related("member")
        .defer("domain_scores", "indicator_scores")
    )
    stages = {s.code: localise(s.label, language) for s in version.framework.header.stages}
    regions = {code: str(label) for code, label in Region.choices}
    country_names: dict[str, str] = {}  # a country's name costs a few translation look-ups
    rows = []
    for assessment in assessments:
        member = assessment.member
        score = assessment.overall_score
        code = member.country.code
        if code not in country_names:
            country_names[code] = member.country.name
        rows.append(
            {
                "pk": assessment.pk,
                "member": member.name,
                "slug": member.slug,
                "country": country_names[code],
                "country_code": code,
                "region": regions.get(member.region, member.region),
                "year": assessment.year,
                "score": score,
                "shown_score": world_map.whole(score) if score is not None else None,
                "band": world_map.score_band(score) if score is not None else None,
                "stage": stages.get(assessment.stage, ""),
                "latitude": member.latitude,
                "longitude": member.longitude,
                "url": reverse("diagnostic:results", args=[assessment.pk]),
                "demo": assessment.is_demo,
            }
        )
    rows.sort(key=lambda row: (row["member"].casefold(), row["slug"]))
    return rows


def map_context(rows: list[dict], version) -> dict:
    """The map (countries, one marker per placed result), its legend and the table's rows."""
    placed = [
        row
        for row in rows
        if row["band"] is not None and row["latitude"] is not None and row["longitude"] is not None
    ]
    # Moved apart in an order that does not depend on the language, so markers stay put.
    order = sorted(range(len(placed)), key=lambda i: placed[i]["slug"])
    spots = world_map.spread(
        [FRAME.point(float(placed[i]["latitude"]), float(placed[i]["longitude"])) for i in order],
        MARKER_GAP,
    )
    points = [spot for _i, spot in sorted(zip(order, spots, strict=True))]
    bands = range(1, len(world_map.BAND_FLOORS) + 1)
    band_texts = {
        band: _("band %(band)s (%(shape)s)")
        % {"band": band_label(band), "shape": shape_label(band)}
        for band in bands
    }
    markers = []
    for row, (x, y) in zip(placed, points, strict=True):
        band = row["band"]
        markers.append(
            {
                **row,
                "path": world_map.marker_path(band, x, y, MARKER_SIZE),
                "title": marker_title(row, band_texts[band]),
            }
        )
    counts = {band: 0 for band in bands}
    for row in placed:
        counts[row["band"]] += 1
    legend = [
        {
            "band": band,
            "label": band_label(band),
            "shape": shape_label(band),
            "path": world_map.marker_path(band, 0, 0, MARKER_SIZE),
            "count": counts[band],
        }
        for band in reversed(counts)
    ]
    on_map = {marker["pk"] for marker in markers}
    return {
        "version": version,
        "rows": [{**row, "on_map": row["pk"] in on_map} for row in rows],
        "world": world_shapes(),
        "markers": markers,
        "legend": legend,
        "off_map": len(rows) - len(markers),
        "any_demo": any(row["demo"] for row in rows),
    }


def marker_title(row: dict, band_text: str) -> str:
    """What a marker says on hover and to a screen reader: who, score, year, stage, band."""
    text = _("%(member)s, %(country)s: %(score)s out of 100 in %(year)s") % {
        "member": row["member"],
        "country": row["country"],
        "score": row["shown_score"],
        "year": row["year"],
    }
    if row["stage"]:
        text += " · " + _("maturity stage: %(stage)s") % {"stage": row["stage"]}
    text = f"{text} · {band_text}"
    return f"{text} · {_('demo data')}" if row["demo"] else text


def export_rows(rows: list[dict], absolute_url):
    """The table as CSV or Excel rows; `absolute_url` makes a full address from a path."""
    yield [
        _("Member"),
        _("Country"),
        _("Country code"),
        _("Region"),
        _("Year"),
        _("Overall score"),
        _("Maturity stage"),
        _("Latitude"),
        _("Longitude"),
        _("Results"),
        demo_heading(),
    ]
    for row in rows:
        yield [
            row["member"],
            row["country"],
            row["country_code"],
            row["region"],
            row["year"],
            round(row["score"], 1) if row["score"] is not None else "",
            row["stage"],
            float(row["latitude"]) if row["latitude"] is not None else "",
            float(row["longitude"]) if row["longitude"] is not None else "",
            absolute_url(row["url"]),
            demo_cell(row["demo"]),
        ]
