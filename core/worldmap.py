"""A world map as server-rendered SVG paths, from Natural Earth's 1:110m countries.

The data is world-atlas 2.0.2's ``countries-110m.json`` (TopoJSON of Natural Earth 4.1.0,
public domain; see ``core/data/NOTICE.md``), vendored so no page needs the internet.
It is decoded once per process: arcs simplified (Douglas-Peucker, shared borders stay
shared), projected with the Equal Earth projection, rounded to whole units of a 1000-wide
view box and written as relative path commands, so the whole map is a few tens of KB.

Countries are keyed by ISO 3166-1 numeric code (as world-atlas keys them); django-countries
gives each State's numeric code. States too small for this scale (many island States) have
no shape: pages list every State in a table beside the map anyway.
"""

import json
import math
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"
WIDTH = 1000
# Latitudes shown: Antarctica (below -58°) is left out, it holds no State.
NORTH, SOUTH = 84.0, -57.0
TOLERANCE = 0.9  # view-box units (about 0.35 px on a 390 px phone)
ANTARCTICA = "010"

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps both ends (arcs meet other arcs there)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = math.hypot(px - x1, py - y1)
            else:
                d = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _clip(points, edge: float, *, keep_below: bool):
    """Sutherland-Hodgman: the part of a ring on one side of the meridian ``edge``."""

    def inside(p):
        return p[0] <= edge if keep_below else p[0] >= edge

    out = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current) != inside(previous):
            (x1, y1), (x2, y2) = previous, current
            out.append((edge, y1 + (y2 - y1) * (edge - x1) / (x2 - x1)))
        if inside(current):
            out.append(current)
    return out


@cache
def _geometry() -> tuple[float, dict[str, str]]:
    """(height of the view box, {ISO numeric code: SVG path data})."""
    topology = json.loads(DATA.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    left, _ = _equal_earth(-180, 0)
    right, _ = _equal_earth(180, 0)
    _, top = _equal_earth(0, NORTH)
    _, bottom = _equal_earth(0, SOUTH)
    scale = WIDTH / (right - left)
    height = round((top - bottom) * scale)

    def project(lon, lat):
        x, y = _equal_earth(lon, max(min(lat, NORTH), SOUTH))
        return (x - left) * scale, (top - y) * scale

    # Arcs in degrees, simplified there (1 view-box unit is about 0.36 degrees of longitude).
    arcs = []
    for arc in topology["arcs"]:
        qx = qy = 0
        points = []
        for dx, dy in arc:
            qx += dx
            qy += dy
            points.append((qx * sx + tx, qy * sy + ty))
        arcs.append(_simplify(points, TOLERANCE * 360 / WIDTH))

    def rings_of(indices):
        """One ring in degrees, longitudes made continuous across the antimeridian (Fiji,
        Russia); a ring that crosses it is drawn twice, once from each side."""
        points = []
        for i in indices:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc[1:] if points else arc)
        unwrapped, offset, previous = [], 0.0, None
        for lon, lat in points:
            if previous is not None:
                if lon + offset - previous > 180:
                    offset -= 360
                elif lon + offset - previous < -180:
                    offset += 360
            unwrapped.append((lon + offset, lat))
            previous = lon + offset
        copies = []
        for shift in (0, -360, 360):
            shifted = [(lon + shift, lat) for lon, lat in unwrapped]
            clipped = _clip(_clip(shifted, 180, keep_below=True), -180, keep_below=False)
            if len(clipped) >= 3:
                copies.append([project(lon, lat) for lon, lat in clipped])
        return copies

    def path(rings) -> str:
        parts = []
        for r in rings:
            for projected in rings_of(r):
                pts = [(round(x), round(y)) for x, y in projected]
                deduped = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
                if len(deduped) < 3:
                    continue
                (x0, y0), rest = deduped[0], deduped[1:]
                steps, (px, py) = [], (x0, y0)
                for x, y in rest:
                    steps.append(f"{x - px} {y - py}")
                    px, py = x, y
                parts.append(f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z")
        return "".join(parts)

    shapes = {}
    for g in topology["objects"]["countries"]["geometries"]:
        code = g.get("id")
        if not code or code == ANTARCTICA:
            continue
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        d = "".join(path(rings) for rings in polygons)
        if d:
            shapes[code] = shapes.get(code, "") + d
    return height, shapes


def numeric_code(country) -> str | None:
    """A django-countries Country's ISO 3166-1 numeric code as world-atlas writes it."""
    number = country.numeric
    return f"{number:03d}" if number else None


def world_map(shades: dict[str, str]) -> dict:
    """What a template needs to draw the map: every country's path and its shade class.

    ``shades`` maps ISO numeric codes to a CSS class (e.g. ``"shade-2"``); other countries
    are drawn as the plain background.
    """
    height, shapes = _geometry()
    return {
        "width": WIDTH,
        "height": height,
        "background": "".join(d for code, d in shapes.items() if code not in shades),
        "shaded": [
            {"code": code, "d": shapes[code], "shade": shade}
            for code, shade in sorted(shades.items())
            if code in shapes
        ],
        "missing": sorted(code for code in shades if code not in shapes),
    }


def has_shape(code: str | None) -> bool:
    return bool(code) and code in _geometry()[1]


def map_of(shades_by_state: dict) -> dict:
    """``world_map`` for {django-countries-backed State: shade class}; adds the States
    this scale cannot draw (``not_drawn``), so the page can say which."""
    by_code = {}
    not_drawn = []
    for state, shade in shades_by_state.items():
        code = numeric_code(state.code)
        if has_shape(code):
            by_code[code] = shade
        else:
            not_drawn.append(state)
    result = world_map(by_code)
    result["not_drawn"] = sorted(not_drawn, key=lambda s: s.name)
    return result
