"""A world map as SVG path data, from TopoJSON, in the Equal Earth projection. No Django.

The countries come from the vendored world-atlas file (Natural Earth 1:110m, see
mapdata/README.md): decoded here (quantised, delta-encoded arcs), cut where they cross the
antimeridian, projected and written as SVG path data. Nothing is fetched from the internet.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from pathlib import Path

MAP_FILE = Path(__file__).resolve().parent.parent / "mapdata" / "countries-110m.json"
ANTARCTICA = "010"  # ISO 3166-1 numeric: no member there, and a wide band at the bottom of the map

Point = tuple[float, float]  # (longitude, latitude) in degrees

# Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, so no region looks bigger than
# it is (Africa is not dwarfed by Europe, as on Mercator), with curved sides like Robinson's.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Degrees to projected units on the unit sphere: x to the east, y to the north."""
    lam = math.radians(longitude)
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]  # the half-width of the map, on the equator


@dataclass(frozen=True)
class MapFrame:
    """The SVG canvas: the whole width of the world, from `north` down to `south`."""

    width: float = 1000.0
    north: float = 90.0
    south: float = -60.0  # only Antarctica lies further south

    @property
    def scale(self) -> float:
        return self.width / (2 * X_MAX)

    @property
    def top(self) -> float:
        return equal_earth(0, self.north)[1]

    @property
    def height(self) -> float:
        return round((self.top - equal_earth(0, self.south)[1]) * self.scale, 1)

    def point(self, latitude: float, longitude: float) -> tuple[float, float]:
        """SVG x, y (y downwards) of a place."""
        x, y = equal_earth(longitude, latitude)
        return (x + X_MAX) * self.scale, (self.top - y) * self.scale


DEFAULT_FRAME = MapFrame()


def project(
    latitude: float, longitude: float, frame: MapFrame = DEFAULT_FRAME
) -> tuple[float, float]:
    """SVG x, y of a place on the map (the default frame: 1000 units wide)."""
    return frame.point(latitude, longitude)


# ---- TopoJSON ----


def load_topology(path: Path = MAP_FILE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The arcs as absolute (longitude, latitude) points.

    With a transform, positions are quantised integers, each arc's positions after the first
    given as differences from the previous one (TopoJSON specification, 2.1.2 and 2.2.2).
    """
    transform = topology.get("transform")
    if not transform:
        return [[(p[0], p[1]) for p in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[Point]], indexes: Iterable[int]) -> list[Point]:
    """One ring from its arcs: a negative index ~i means arc i reversed; arcs share end points."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list[list[Point]]) -> list[list[list[Point]]]:
    """A Polygon or MultiPolygon as polygons, each a list of rings (outer ring first)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        parts = [geometry["arcs"]]
    elif kind == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    return [[_ring(arcs, ring) for ring in polygon] for polygon in parts]


# ---- the antimeridian ----

EDGE_STEP = 5.0  # degrees of latitude between the points drawn along the map's edge


def split_at_antimeridian(ring: Sequence[Point]) -> list[list[Point]]:
    """The ring cut where it crosses 180°, each piece closed along the edge of the map.

    Natural Earth's Fiji, Chukotka and Antarctica cross the antimeridian: joined naively, their
    points would draw lines right across the map. A piece with both ends on the same edge is
    closed along that edge; a ring around a pole (crossing once) is closed through the pole.
    (A ring crossing four times or more, none in Natural Earth, would be closed piece by piece:
    right as long as its pieces on one side do not nest.)
    """
    pieces: list[list[Point]] = [[ring[0]]]
    for (lon0, lat0), (lon1, lat1) in pairwise(ring):
        if abs(lon1 - lon0) > 180:
            side = 1 if lon0 > 0 else -1
            unwrapped = lon1 + 360 * side  # the next point, continued past the edge
            share = 0.0 if unwrapped == lon0 else (180 * side - lon0) / (unwrapped - lon0)
            crossing = lat0 + share * (lat1 - lat0)
            pieces[-1].append((180.0 * side, crossing))
            pieces.append([(-180.0 * side, crossing)])
        pieces[-1].append((lon1, lat1))
    if len(pieces) == 1:
        return [list(ring)]
    first = pieces.pop(0)  # the ring is closed: its last piece runs on into the first
    pieces[-1].extend(first[1:])
    return [piece + _along_edge(piece[-1], piece[0], piece) for piece in pieces]


def _edge_points(side: float, start: float, end: float) -> list[Point]:
    """Points on the edge (longitude `side`) strictly between latitudes start and end."""
    steps = math.ceil(abs(end - start) / EDGE_STEP)
    return [(side, start + (end - start) * k / steps) for k in range(1, steps)]


def _along_edge(end: Point, start: Point, piece: Sequence[Point]) -> list[Point]:
    """From the end of a cut piece back to its start, along the edge of the map."""
    if (end[0] > 0) == (start[0] > 0):
        return _edge_points(end[0], end[1], start[1])
    pole = -90.0 if sum(lat for _lon, lat in piece) < 0 else 90.0
    return [
        *_edge_points(end[0], end[1], pole),
        (end[0], pole),
        (start[0], pole),
        *_edge_points(start[0], pole, start[1]),
    ]


# ---- SVG path data ----


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _pairs(values: Iterable[tuple[int, int]]) -> str:
    """Coordinate pairs the SVG way: a minus sign separates numbers as well as a space does."""
    text = ""
    for x, y in values:
        for number in (str(x), str(y)):
            text += number if not text or number.startswith("-") else " " + number
    return text


def ring_path(ring: Sequence[Point], frame: MapFrame = DEFAULT_FRAME) -> str:
    """SVG path data of one ring: "M x y l dx dy dx dy ... z" per piece, in whole units.

    Whole units of a 1000-unit map are finer than Natural Earth's 1:110m lines, and relative
    steps keep the page small (about 40 kB for the world, 11 kB compressed). Neighbours share
    their borders' arcs, so they are rounded alike and no gap opens between them.
    """
    return "".join(_subpath(piece, frame) for piece in split_at_antimeridian(ring))


def _subpath(piece: Sequence[Point], frame: MapFrame) -> str:
    points: list[tuple[int, int]] = []
    for longitude, latitude in piece:
        x, y = frame.point(latitude, longitude)
        rounded = (round(x), round(y))
        if not points or rounded != points[-1]:
            points.append(rounded)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    if len(points) < 3:  # smaller than a unit: invisible anyway
        return ""
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in pairwise(points)]
    return f"M{points[0][0]} {points[0][1]}l{_pairs(steps)}z"


def outline_path(frame: MapFrame = DEFAULT_FRAME) -> str:
    """The outline of the map (the whole sphere, from north to south), to paint the sea."""
    east = [(180.0, frame.north), *_edge_points(180.0, frame.north, frame.south)]
    east.append((180.0, frame.south))
    west = [(-180.0, lat) for _lon, lat in reversed(east)]
    return _subpath(east + west, frame)


@dataclass(frozen=True)
class CountryShape:
    code: str  # ISO 3166-1 numeric; empty for the few without one (Kosovo, N. Cyprus...)
    name: str  # Natural Earth's English name
    path: str  # SVG path data


def country_shapes(
    topology: dict,
    frame: MapFrame = DEFAULT_FRAME,
    leave_out: Iterable[str] = (),
    object_name: str = "countries",
) -> list[CountryShape]:
    """Every country of the topology as SVG path data (with holes: draw with fill-rule evenodd)."""
    arcs = decode_arcs(topology)
    skipped = set(leave_out)
    shapes = []
    for geometry in topology["objects"][object_name]["geometries"]:
        code = str(geometry.get("id", ""))
        if code and code in skipped:
            continue
        path = "".join(
            ring_path(ring, frame) for polygon in polygons(geometry, arcs) for ring in polygon
        )
        name = (geometry.get("properties") or {}).get("name", "")
        shapes.append(CountryShape(code, name, path))
    return shapes


# ---- markers ----

BAND_FLOORS = (0, 20, 40, 60, 80)  # the five score bands; they match the CeDS maturity stages
SHAPES = ("triangle-down", "square", "diamond", "triangle-up", "circle")


def score_band(score: float) -> int:
    """1 (under 20) to 5 (80 or more)."""
    return 1 + sum(1 for floor in BAND_FLOORS[1:] if score >= floor)


def whole(score: float) -> int:
    """A score as shown: rounded half up, as Django's floatformat does (not half to even)."""
    return int(Decimal(str(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def marker_path(band: int, x: float, y: float, size: float = 6.0) -> str:
    """SVG path data of the band's symbol centred on (x, y); `size` is about its half-width."""
    n = _number
    s = size
    if SHAPES[band - 1] == "triangle-down":
        return f"M{n(x - s * 1.1)} {n(y - s * 0.8)}H{n(x + s * 1.1)}L{n(x)} {n(y + s * 1.1)}Z"
    if SHAPES[band - 1] == "triangle-up":
        return f"M{n(x - s * 1.1)} {n(y + s * 0.8)}H{n(x + s * 1.1)}L{n(x)} {n(y - s * 1.1)}Z"
    if SHAPES[band - 1] == "square":
        side = s * 1.6
        return f"M{n(x - s * 0.8)} {n(y - s * 0.8)}h{n(side)}v{n(side)}h{n(-side)}Z"
    if SHAPES[band - 1] == "diamond":
        d = s * 1.15
        return f"M{n(x)} {n(y - d)}L{n(x + d)} {n(y)}L{n(x)} {n(y + d)}L{n(x - d)} {n(y)}Z"
    r = s * 0.9
    return f"M{n(x - r)} {n(y)}a{n(r)} {n(r)} 0 1 0 {n(2 * r)} 0a{n(r)} {n(r)} 0 1 0 {n(-2 * r)} 0Z"


@dataclass
class _Grid:
    """Placed points in square cells of the minimum gap, to find near ones quickly."""

    gap: float
    cells: dict[tuple[int, int], list[tuple[float, float]]] = field(default_factory=dict)

    def _cell(self, x: float, y: float) -> tuple[int, int]:
        return math.floor(x / self.gap), math.floor(y / self.gap)

    def is_free(self, x: float, y: float) -> bool:
        cx, cy = self._cell(x, y)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                for px, py in self.cells.get((i, j), ()):
                    if (px - x) ** 2 + (py - y) ** 2 < self.gap**2 - 1e-9:
                        return False
        return True

    def add(self, x: float, y: float) -> None:
        self.cells.setdefault(self._cell(x, y), []).append((x, y))


def spread(
    points: Sequence[tuple[float, float]], gap: float, rings: int = 8
) -> list[tuple[float, float]]:
    """The points, moved as little as needed so that none is closer than `gap` to another.

    Members in one city (Dhaka North and South) or one small country (Sudan's states and
    localities) would otherwise hide each other's markers. Greedy, in the given order: a point
    that is free stays where it is; another goes to the nearest free spot on rings around it.
    """
    grid = _Grid(gap)
    placed = []
    for x, y in points:
        spot = (x, y)
        if not grid.is_free(x, y):
            candidates = (
                (x + gap * k * math.cos(angle), y + gap * k * math.sin(angle))
                for k in range(1, rings + 1)
                for angle in (2 * math.pi * i / (6 * k) for i in range(6 * k))
            )
            spot = next((c for c in candidates if grid.is_free(*c)), (x, y))
        grid.add(*spot)
        placed.append(spot)
    return placed
