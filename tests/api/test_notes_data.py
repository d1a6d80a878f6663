"""States, events, people, statements, definitions and the GCM process over the API:
natural keys, filters, CSV, bad input answered 4xx, and list query counts that do not grow."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_countries import countries

from countries.models import Country, Membership
from events.models import Event, EventMechanism, Person, PublicRole, Session
from gcm.models import Objective
from mechanisms.models import Mechanism, Organization
from sources.models import Document
from statements.models import Definition, Statement

pytestmark = pytest.mark.django_db

_n = itertools.count(1)
# Codes no seeded State uses, for builders.
FREE_CODES = (code for code, _ in countries if code not in {"AE", "AR", "AU", "CH", "CL"})


def _note():
    return Document.objects.get(slug="iom-grcp9-summary-report-2021")


def country():
    used = set(Country.objects.values_list("code", flat=True))
    code = next(c for c in FREE_CODES if c not in used)
    obj = Country.objects.create(code=code)
    obj.sources.add(_note())
    Membership.objects.create(
        country=obj, mechanism=Mechanism.objects.get(slug="sacm"), role="member"
    ).sources.add(_note())
    return obj


def event():
    n = next(_n)
    obj = Event.objects.create(
        slug=f"apitest-event-{n}",
        kind="webinar",
        title=f"Apitest webinar {n}",
        place_country=Country.objects.get(code="CL"),
    )
    obj.sources.add(_note())
    obj.organiser_organizations.add(Organization.objects.get(slug="iom"))
    obj.organiser_countries.add(Country.objects.get(code="AE"))
    obj.documents.add(_note())
    EventMechanism.objects.create(event=obj, mechanism=Mechanism.objects.get(slug="rcm"))
    Session.objects.create(event=obj, slug="s1", title="Session").mechanisms.add(
        Mechanism.objects.get(slug="rcm")
    )
    return obj


def person():
    n = next(_n)
    obj = Person.objects.create(slug=f"apitest-person-{n}", name=f"Apitest Person {n}")
    obj.sources.add(_note())
    PublicRole.objects.create(
        slug=f"apitest-role-{n}",
        person=obj,
        kind="speaker",
        event=Event.objects.get(slug="grcp-9"),
        mechanism=Mechanism.objects.get(slug="rcm"),
        country=Country.objects.get(code="MX"),
        name_as_printed=obj.name,
        printed=obj.name,
    ).sources.add(_note())
    return obj


def statement():
    n = next(_n)
    obj = Statement.objects.create(
        slug=f"apitest-statement-{n}",
        kind="recommendation",
        text=f"Apitest text {n}",
        document=_note(),
        place="Apitest",
        event=Event.objects.get(slug="grcp-9"),
    )
    obj.sources.add(_note())
    obj.objectives.add(Objective.objects.get(number=23))
    obj.mechanisms.add(Mechanism.objects.get(slug="pidc"))
    obj.countries.add(Country.objects.get(code="MX"))
    obj.organizations.add(Organization.objects.get(slug="iom"))
    return obj


def definition():
    n = next(_n)
    obj = Definition.objects.create(
        slug=f"apitest-definition-{n}",
        term="Apitest",
        term_key="apitest",
        text="Apitest.",
        document=_note(),
        place="Apitest",
    )
    obj.sources.add(_note())
    return obj


# (endpoint, builder, query ceiling for the list)
LISTS = [
    ("countries", country, 6),
    ("memberships", country, 6),
    ("events", event, 14),
    ("sessions", event, 6),
    ("people", person, 6),
    ("public-roles", person, 6),
    ("statements", statement, 10),
    ("definitions", definition, 6),
    ("membership-figures", None, 6),
    ("phases", None, 6),
    ("thematic-sessions", None, 6),
]


def _count(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


@pytest.mark.parametrize(("endpoint", "builder", "ceiling"), LISTS)
def test_list_query_count_does_not_grow(
    api, django_assert_max_num_queries, endpoint, builder, ceiling
):
    url = f"/api/v1/{endpoint}/?page_size=500"
    if builder:
        builder()
    with_one = _count(api, url)
    assert with_one <= ceiling
    if builder:
        for _ in range(19):
            builder()
    with django_assert_max_num_queries(with_one):
        assert api.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/api/v1/events/grcp-9/", "/api/v1/people/wen-li/", "/api/v1/countries/SD/"],
)
def test_detail_query_count_is_bounded(api, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(16):
        assert api.get(url).status_code == 200


def test_records_by_natural_key(api):
    chile = api.get("/api/v1/countries/CL/").json()
    assert (chile["code"], chile["name_fr"], chile["name_es"]) == ("CL", "Chili", "Chile")
    assert {"mechanism": "sacm", "role": "chair", "period": "PPT, recently took office",
            "year": 2021} in chile["memberships"]  # fmt: skip
    grcp9 = api.get("/api/v1/events/grcp-9/").json()
    assert (grcp9["kind"], grcp9["meeting"], grcp9["virtual"], grcp9["place"]) == (
        "grcp",
        9,
        True,
        "virtual by Zoom",
    )
    assert [s["slug"] for s in grcp9["sessions"]] == [
        "general-opening", "discussion-session-1", "discussion-session-2", "general-closing"
    ]  # fmt: skip
    assert grcp9["sessions"][1]["languages"] == ["en", "es"]
    assert "sacm" in {m["mechanism"] for m in grcp9["mechanisms"]}
    assert len(grcp9["mechanisms"]) == 25  # the meeting's participations
    assert {f["slug"]: f["value"] for f in grcp9["figures"]}["mechanisms-brought-together"] == 23
    side = api.get("/api/v1/events/gfmd-side-event-2018-09-03/").json()
    assert (side["start_date"], side["moderator_country"], side["organiser_countries"]) == (
        "2018-09-03",
        "MA",
        ["AE"],
    )
    definition = api.get("/api/v1/definitions/rcp-000/").json()
    assert (
        definition["abbreviation"] == "RCP" and definition["document"] == "iom-note-zero-draft-rev1"
    )
    assert api.get("/api/v1/thematic-sessions/6/").json()["phase"] == "consultations"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/v1/events/?kind=webinar", {"high-level-webinar-2020"}),
        (
            "/api/v1/events/?mechanism=midwa&kind=regional-review",
            {"midwa-gcm-regional-review-event"},
        ),
        ("/api/v1/events/?country=TH", {"asia-pacific-regional-consultation-2017"}),
        ("/api/v1/events/?country=MA", {"gfmd-side-event-2018-09-03"}),
        ("/api/v1/events/?year=2005", {"grcp-1"}),
        ("/api/v1/statements/?objective=23", {"grcp9-objective-23"}),
        ("/api/v1/statements/?kind=proposal&mechanism=idm", {"gfmd-side-event-2018-proposal-4"}),
        (
            "/api/v1/statements/?event=gfmd-side-event-2018-09-03&kind=challenge",
            {f"gfmd-side-event-2018-challenge-{i}" for i in (1, 2, 3)},
        ),
        ("/api/v1/definitions/?term_key=irf", {"irf-000"}),
        ("/api/v1/memberships/?country=TR", None),
        ("/api/v1/countries/?mechanism=bali-process", None),
        ("/api/v1/public-roles/?kind=rapporteur&event=grcp-9", None),
    ],
)
def test_filters(api, url, expected):
    body = api.get(url + "&page_size=500").json()
    rows = body["results"]
    if expected is not None:
        assert {r["slug"] for r in rows} == expected
    elif "memberships" in url:
        assert {(r["mechanism"], r["role"]) for r in rows} == {
            ("almaty-process", "chair"), ("budapest-process", "chair")
        }  # fmt: skip
    elif "countries" in url:
        assert {r["code"] for r in rows} == {"AU", "ID"}
    else:
        assert {r["person"] for r in rows} == {
            "luis-alonso-serrano-echeverria", "ahmed-zanya-bugre"
        }  # fmt: skip


def test_grcp_events_list_the_meetings_mechanisms(api):
    body = api.get("/api/v1/events/?mechanism=rmfm&kind=grcp").json()
    assert [r["slug"] for r in body["results"]] == ["grcp-9"]


def test_csv_rows_by_natural_key(api):
    response = api.get("/api/v1/memberships/?format=csv&country=DO")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8")
    assert "DO,riam,chair" in text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/countries/XX/", 404),
        ("/api/v1/countries/cl/", 404),
        ("/api/v1/events/?kind=bogus", 400),
        ("/api/v1/events/?mechanism=no-such-mechanism", 400),
        ("/api/v1/events/?country=ZZ", 400),
        ("/api/v1/events/?year=soon", 400),
        ("/api/v1/statements/?objective=99999999999999999999", 400),
        ("/api/v1/statements/?kind=", 400),
        ("/api/v1/definitions/?document=nope", 400),
        ("/api/v1/thematic-sessions/999999/", 404),
    ],
)
def test_bad_input_is_a_client_error(api, url, status):
    assert api.get(url).status_code == status


def test_new_endpoints_are_read_only(api, editor):
    api.force_authenticate(editor)
    response = api.post("/api/v1/statements/", {"slug": "x"}, format="json")
    assert response.status_code == 405


def test_meetings_endpoint_keeps_its_fields(api):
    body = api.get("/api/v1/meetings/9/").json()
    assert {"number", "year", "title", "participations", "sources"} <= set(body)
    assert body["number"] == 9 and len(body["participations"]) == 25


def test_a_meeting_created_through_the_api_is_an_event(editor_api):
    response = editor_api.post("/api/v1/meetings/", {"number": 98, "title": "X"}, format="json")
    assert response.status_code == 201, response.content
    event = editor_api.get("/api/v1/events/grcp-98/").json()
    assert (event["kind"], event["meeting"], event["title"]) == ("grcp", 98, "GRCP 98: X")
    # The event refers to its meeting: deleting the meeting is refused, naming it.
    deleted = editor_api.delete("/api/v1/meetings/98/")
    assert deleted.status_code == 409
