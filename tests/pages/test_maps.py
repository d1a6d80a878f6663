"""World maps (issue 11, item 4): server-rendered SVG from Natural Earth, a text beside it."""

import re

import pytest

from core.worldmap import map_of, numeric_code, world_map
from tests.pages.conftest import outline
from tests.search.conftest import make_issue10_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue10_records(db):
    return make_issue10_records()


def _points(d):
    """Absolute points of a path written as M x y l dx dy ... z."""
    for ring in re.findall(r"M(-?\d+) (-?\d+)l([^z]*)z", d):
        x, y = int(ring[0]), int(ring[1])
        yield x, y
        for dx, dy in re.findall(r"(-?\d+) ?(-?\d+)", ring[2]):
            x, y = x + int(dx), y + int(dy)
            yield x, y


def test_the_map_is_small_and_every_shape_stays_inside_the_view_box():
    drawn = world_map({"484": "shade-1"})
    size = len(drawn["background"]) + sum(len(s["d"]) for s in drawn["shaded"])
    assert size < 25_000  # readable at 390 px, light on every page that shows it
    assert drawn["shaded"][0]["code"] == "484"  # Mexico
    # Russia and Fiji cross the antimeridian: cut there, never a line across the world.
    for code in ["643", "242", "840"]:
        d = world_map({code: "x"})["shaded"][0]["d"]
        xs = [x for x, _ in _points(d)]
        ys = [y for _, y in _points(d)]
        assert min(xs) >= 0 and max(xs) <= drawn["width"], code
        assert min(ys) >= 0 and max(ys) <= drawn["height"], code


def test_states_map_to_numeric_codes_and_small_states_are_named_not_drawn():
    from countries.models import Country

    mexico = Country.objects.get_or_create(code="MX")[0]
    singapore = Country.objects.get_or_create(code="SG")[0]  # too small at 1:110m
    assert numeric_code(mexico.code) == "484"
    drawn = map_of({mexico: "shade-2", singapore: "shade-1"})
    assert [s["code"] for s in drawn["shaded"]] == ["484"]
    assert drawn["not_drawn"] == [singapore]


def test_countries_page_shades_states_by_number_of_mechanisms(client, issue10_records):
    response = client.get("/countries/")
    html = response.content.decode()
    svg = html[html.index('<svg viewBox="0 0 1000') : html.index("</svg>", html.index("map-svg"))]
    assert 'role="img"' in svg and 'aria-label="Mechanisms per State"' in svg and "<desc" in svg
    assert '<path class="shade-' in svg
    assert "<a" not in svg and "<script" not in html
    text = outline(response).text
    assert "1 mechanism" in text and "5 or more" in text  # the legend, in words
    assert "Natural Earth" in text  # its credit
    assert "Mexico" in text  # the table beside it


def test_profile_has_states_map_events_statements_and_a_lead_with_chairs(client, issue10_records):
    response = client.get("/mechanisms/rcm/")
    html = response.content.decode()
    text = outline(response).text
    lead = html[html.index('class="lead"') : html.index("</p>", html.index('class="lead"'))]
    assert "The notes name 1 member State." in lead
    assert "Chaired by Mexico" in lead
    # The membership sentences cite their note, footnote-style.
    assert lead.count('class="cite"') >= 2
    states = html[html.index('id="states-heading"') : html.index('id="objectives-heading"')]
    assert 'class="map-svg"' in states and 'class="role-chair"' in states
    assert 'href="/countries/MX/"' in states
    assert "chair, co-chair or incoming chair" in states  # the legend
    events = html[html.index('id="grcp-heading"') : html.index('id="statements-heading"')]
    assert "GRCP" in events
    assert "ISCMs should share practices on labour mobility corridors." in text
    statements = html[html.index('id="statements-heading"') :]
    assert 'href="/objectives/6/"' in statements


def test_profile_without_states_says_so_and_draws_no_map(client):
    from tests.pages.conftest import make_mechanism

    make_mechanism("no-states-test", acronym="NST")
    html = client.get("/mechanisms/no-states-test/").content.decode()
    assert "The notes name no State in a role in this mechanism." in html
    assert "map-svg" not in html
    assert "The notes quote no statement about this mechanism." in html
    assert "The 0 GCM objectives" not in html
