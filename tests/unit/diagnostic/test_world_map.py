"""The world map's maths: TopoJSON decoding, the Equal Earth projection, the antimeridian."""

import math
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from django_countries import countries

from wego.diagnostic.domain import world_map as w

MEMBERS_YAML = Path(w.__file__).resolve().parents[2] / "members" / "demo_data" / "members.yaml"


@cache
def topology():
    return w.load_topology()


@cache
def shapes():
    return {shape.name: shape for shape in w.country_shapes(topology())}


def subpaths(path: str) -> list[list[tuple[int, int]]]:
    """The absolute points of each "M x y l dx dy ... z" subpath."""
    found = []
    for start, steps in re.findall(r"M(-?\d+ -?\d+)l([^z]*)z", path):
        x, y = map(int, start.split())
        points = [(x, y)]
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        found.append(points)
    return found


def bbox(path: str):
    points = [p for sub in subpaths(path) for p in sub]
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


# ---- projection ----


def test_equal_earth_matches_the_published_formula():
    assert w.equal_earth(0, 0) == (0.0, 0.0)
    # Šavrič et al. (2018): the map is 2.05458 times as wide as it is high.
    width, height = 2 * w.equal_earth(180, 0)[0], 2 * w.equal_earth(0, 90)[1]
    assert width / height == pytest.approx(2.05458, abs=1e-5)
    assert w.equal_earth(0, 90)[1] == pytest.approx(1.3173627, abs=1e-6)
    # Symmetric, and the poles are lines 0.59 times as long as the equator.
    assert w.equal_earth(-40, -30) == pytest.approx(tuple(-v for v in w.equal_earth(40, 30)))
    assert w.equal_earth(180, 90)[0] / w.equal_earth(180, 0)[0] == pytest.approx(0.5925, abs=1e-3)


def test_equal_earth_keeps_areas():
    """Two cells of 10 by 10 degrees at the same latitude band but any longitude are equal, and
    a cell's area is proportional to its area on the sphere (sin(lat2) - sin(lat1))."""

    def cell(lon, lat):
        corners = [w.equal_earth(lon + a, lat + b) for a, b in ((0, 0), (10, 0), (10, 10), (0, 10))]
        area = 0.0
        for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
            area += x1 * y2 - x2 * y1
        return abs(area) / 2

    def sphere(lat):
        return math.sin(math.radians(lat + 10)) - math.sin(math.radians(lat))

    ratio = cell(0, 0) / sphere(0)
    for lat in (20, 40, -60):
        assert cell(100, lat) / sphere(lat) == pytest.approx(ratio, rel=0.02)


def test_known_places_map_where_expected():
    frame = w.DEFAULT_FRAME
    assert frame.point(0, 0) == pytest.approx((500, frame.top * frame.scale))
    assert w.project(90, 0)[1] == pytest.approx(0)  # the north pole is the top edge
    assert w.project(0, -180)[0] == pytest.approx(0)
    assert w.project(0, 180)[0] == pytest.approx(1000)
    seoul, berlin, jakarta = (
        w.project(37.57, 126.98),
        w.project(52.52, 13.40),
        w.project(-6.2, 106.8),
    )
    assert berlin[0] < jakarta[0] < seoul[0]  # west to east
    assert berlin[1] < seoul[1] < jakarta[1]  # north to south
    assert w.project(-60, 0)[1] == pytest.approx(frame.height, abs=0.05)  # the bottom edge


def test_cities_fall_inside_their_country_on_the_map():
    everything = shapes()
    for name, (lat, lon) in {
        "South Korea": (37.57, 126.98),
        "Kenya": (-1.29, 36.82),
        "Mexico": (19.43, -99.13),
        "Brazil": (-23.55, -46.63),
        "Kazakhstan": (51.17, 71.45),
        "France": (48.86, 2.35),
    }.items():
        x, y = w.project(lat, lon)
        left, top, right, bottom = bbox(everything[name].path)
        assert left <= x <= right and top <= y <= bottom, name


# ---- TopoJSON ----


def test_decodes_quantised_delta_encoded_arcs():
    topo = {
        "transform": {"scale": [0.5, 2.0], "translate": [10, -20]},
        "arcs": [[[0, 0], [2, 0], [0, 3]], [[1, 1], [4, 4]]],
    }
    assert w.decode_arcs(topo) == [[(10, -20), (11, -20), (11, -14)], [(10.5, -18), (12.5, -10)]]


def test_decodes_absolute_arcs_without_transform():
    assert w.decode_arcs({"arcs": [[[1.5, 2.5, 99], [3, 4]]]}) == [[(1.5, 2.5), (3, 4)]]


def test_rings_join_arcs_and_reverse_negative_ones():
    arcs = [[(0, 0), (1, 0), (1, 1)], [(0, 0), (0, 1), (1, 1)]]
    polygon = {"type": "Polygon", "arcs": [[0, ~1]]}
    assert w.polygons(polygon, arcs) == [[[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]]
    multi = {"type": "MultiPolygon", "arcs": [[[0, ~1]], [[1, ~0]]]}
    assert len(w.polygons(multi, arcs)) == 2
    assert w.polygons({"type": None}, arcs) == []


def test_every_country_yields_a_non_empty_path():
    all_shapes = w.country_shapes(topology())
    assert len(all_shapes) == len(topology()["objects"]["countries"]["geometries"]) == 177
    for shape in all_shapes:
        assert subpaths(shape.path), shape.name
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", shape.path), shape.name
    codes = [s.code for s in all_shapes if s.code]
    assert len(codes) == len(set(codes))


def test_antarctica_can_be_left_out():
    kept = w.country_shapes(topology(), leave_out={w.ANTARCTICA})
    assert "Antarctica" not in {s.name for s in kept} and len(kept) == 176


# ---- the antimeridian ----


def test_no_ring_draws_a_streak_across_the_map():
    pole = round(w.DEFAULT_FRAME.point(-90, 0)[1])  # Antarctica's flat bottom edge is no streak
    for shape in w.country_shapes(topology()):
        for points in subpaths(shape.path):
            closed = points + points[:1]  # "z" draws back to the start
            steps = [abs(b[0] - a[0]) for a, b in pairwise(closed) if not a[1] == b[1] == pole]
            assert max(steps) < 100, shape.name  # Russia's widest single step is far less


@pytest.mark.parametrize("name", ["Fiji", "Russia", "Antarctica"])
def test_rings_across_the_antimeridian_are_cut_at_the_edge(name):
    geometry = next(
        g
        for g in topology()["objects"]["countries"]["geometries"]
        if g["properties"]["name"] == name
    )
    rings = [r for polygon in w.polygons(geometry, w.decode_arcs(topology())) for r in polygon]
    crossing = [r for r in rings if any(abs(b[0] - a[0]) > 180 for a, b in pairwise(r))]
    assert crossing  # Natural Earth's rings do cross: the case is real
    for ring in crossing:
        pieces = w.split_at_antimeridian(ring)
        assert len(pieces) >= (1 if name == "Antarctica" else 2)
        for piece in pieces:
            assert any(abs(lon) == 180 for lon, _lat in piece)  # it ends on the edge
            for a, b in pairwise(piece):
                assert abs(b[0] - a[0]) <= 180 or a[1] == b[1] == -90  # or along the pole


def test_a_square_across_the_antimeridian_is_cut_in_two_closed_pieces():
    square = [(170, 10), (-170, 10), (-170, -10), (170, -10), (170, 10)]
    pieces = w.split_at_antimeridian(square)
    assert len(pieces) == 2
    east, west = sorted(pieces, key=lambda piece: -piece[0][0])
    assert all(lon >= 170 for lon, _lat in east) and all(lon <= -170 for lon, _lat in west)
    assert (180, 10) in east and (180, -10) in east
    assert (-180, 10) in west and (-180, -10) in west
    # The edge between the crossings is drawn along the map's edge, not across the map.
    assert any(lon == 180 and lat == 0 for lon, lat in east)


def test_a_ring_around_the_pole_is_closed_through_the_pole():
    ring = [(-180 + 30 * i, -70) for i in range(12)] + [(-180, -70)]
    ring = [(lon if lon != -180 else -179.9, lat) for lon, lat in ring]
    (piece,) = w.split_at_antimeridian(ring)
    assert (180, -90) in piece and (-180, -90) in piece
    jumps = [(a, b) for a, b in pairwise(piece) if abs(b[0] - a[0]) > 180]
    assert jumps == [((180, -90), (-180, -90))]  # the pole is a line on this projection


def test_a_ring_that_does_not_cross_is_unchanged():
    ring = [(0, 0), (10, 0), (10, 10), (0, 0)]
    assert w.split_at_antimeridian(ring) == [ring]


def test_the_outline_spans_the_whole_map():
    left, top, right, bottom = bbox(w.outline_path())
    assert (left, right) == (0, 1000)
    assert top == 0 and bottom == pytest.approx(w.DEFAULT_FRAME.height, abs=1)


# ---- bands and markers ----


@pytest.mark.parametrize(
    ("score", "band"),
    [(0, 1), (19.99, 1), (20, 2), (39.9, 2), (59.5, 3), (60, 4), (80, 5), (100, 5)],
)
def test_score_bands(score, band):
    assert w.score_band(score) == band


def test_scores_are_shown_rounded_half_up():
    assert [w.whole(v) for v in (62.5, 63.5, 0.49, 99.5)] == [63, 64, 0, 100]


def test_each_band_has_its_own_closed_shape():
    paths = [w.marker_path(band, 100, 50) for band in range(1, 6)]
    assert len(set(paths)) == 5
    assert all(path.startswith("M") and path.endswith("Z") for path in paths)
    assert len({re.sub(r"[-\d. ]", "", path) for path in paths}) >= 4  # different commands


def test_spread_keeps_lone_points_and_separates_close_ones():
    points = [(100, 100)] * 5 + [(104, 100), (500, 300)]
    placed = w.spread(points, gap=10)
    assert placed[0] == (100, 100) and placed[-1] == (500, 300)
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert math.dist(a, b) >= 10 - 1e-6
    assert all(math.dist(p, (100, 100)) <= 30 for p in placed[:6])  # still near their place


# ---- the demo members' coordinates ----


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_demo_members_coordinates_lie_in_their_country():
    """Catches a swapped or mistyped coordinate: each member is in (or, for a coastal city at
    this coarse scale, within 1.5 degrees of) its country's outline."""
    members = yaml.safe_load(MEMBERS_YAML.read_text(encoding="utf-8"))
    arcs = w.decode_arcs(topology())
    by_code = {g.get("id"): g for g in topology()["objects"]["countries"]["geometries"]}
    checked = 0
    for member in members:
        point = (member["longitude"], member["latitude"])
        geometry = by_code.get(f"{countries.numeric(member['country']):03d}")
        if geometry is None:  # Hong Kong: too small for 1:110m
            continue
        rings = [ring for polygon in w.polygons(geometry, arcs) for ring in polygon]
        near = (
            any(_inside(point, ring) for ring in rings)
            or min(math.dist(point, vertex) for ring in rings for vertex in ring) <= 1.5
        )
        assert near, member["slug"]
        checked += 1
    assert checked >= 80
