"""The new public pages: States, events, statements, about (issue 11, item 3)."""

import pytest

from events.models import Event
from tests.pages.conftest import outline
from tests.search.conftest import ensure_grcp_events

pytestmark = pytest.mark.django_db


def test_country_list_and_page(client, issue10_records):
    text = outline(client.get("/countries/")).text
    assert "Mexico" in text
    response = client.get("/countries/mx/")  # the code in any case
    assert response.status_code == 200
    text = outline(response).text
    assert "Mexico takes part in" in text and "the notes name." in text
    assert "Regional Conference on Migration" in text and "Chair of" in text
    assert "GRCP 9" in text  # an event it hosted
    assert "Ninth Global Meeting of Chairs" in text  # the source, footnote-style


def test_unknown_country_is_a_404(client):
    assert client.get("/countries/ZZ/").status_code == 404
    assert client.get("/countries/not-a-code/").status_code == 404


def test_events_timeline_lists_grcp_1_to_9(client):
    ensure_grcp_events()
    response = client.get("/events/")
    html = response.content.decode()
    assert '<svg viewBox="0 0 360' in html and 'role="img"' in html
    for n in range(1, 10):
        assert f'href="/events/grcp-{n}/"' in html
    total = Event.objects.count()
    assert total >= 9
    assert f"{total} events" in outline(response).text


def test_events_with_and_without_dates_sort_together(client):
    """Regression: a dated and an undated event of one year made /events/ answer 500."""
    import datetime

    Event.objects.create(
        slug="dated-x",
        kind="webinar",
        title="Dated",
        year=2020,
        start_date=datetime.date(2020, 5, 1),
    )
    Event.objects.create(slug="undated-x", kind="webinar", title="Undated", year=2020)
    Event.objects.create(slug="yearless-x", kind="webinar", title="Yearless")
    html = client.get("/events/").content.decode()
    assert html.index("/events/dated-x/") < html.index("/events/undated-x/")


def test_event_page_has_sessions_participants_people_and_outcomes(client, issue10_records):
    text = outline(client.get("/events/grcp-9/")).text
    assert "GRCP 9" in text
    assert "mechanisms taking part" in text or "mechanism taking part" in text
    assert "Adaeze Okonkwo-Test — rapporteur" in text
    assert "ISCMs should share practices on labour mobility corridors." in text
    assert "Sessions" in text


def test_statements_by_objective_and_by_mechanism(client, issue10_records):
    wanted = "labour mobility corridors"
    assert wanted in client.get("/statements/?objective=6").content.decode()
    assert wanted in client.get("/statements/?mechanism=rcm").content.decode()
    assert wanted not in client.get("/statements/?objective=7").content.decode()
    response = client.get("/statements/?objective=99&mechanism=nope&kind=odd")
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_about_page_says_what_who_how_to_cite_and_defines(client, issue10_records):
    text = outline(client.get("/about/")).text
    for words in ["What it is", "Who curates it", "How to cite it", "Definitions"]:
        assert words in text
    assert "State-led, ongoing information-sharing" in text


def test_footer_links_the_api_docs_dump_notes_and_about(client):
    html = client.get("/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    for href in ["/about/", "/sources/", "/api/docs/", "/api/v1/dump/"]:
        assert f'href="{href}"' in footer
    assert 'rel="icon"' in html


def _pinned(client, url, ceiling, grow, django_assert_max_num_queries):
    grow(0, 1)
    with django_assert_max_num_queries(ceiling) as few:
        assert client.get(url).status_code == 200
    grow(1, 20)
    with django_assert_max_num_queries(ceiling) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def _add_events(start, count):
    from countries.models import Country, Membership
    from events.models import EventMechanism, Person, PublicRole, Session
    from mechanisms.models import Mechanism
    from sources.models import Document
    from statements.models import Statement

    ensure_grcp_events()
    mexico = Country.objects.get_or_create(code="MX")[0]
    mechanisms = list(Mechanism.objects.order_by("slug")[:25])
    grcp9 = Event.objects.get(slug="grcp-9")
    note = Document.objects.get(slug="iom-grcp9-summary-report-2021")
    for i in range(start, start + count):
        e = Event.objects.create(
            slug=f"test-event-{i}",
            kind="webinar",
            title=f"Webinar {i}",
            year=2020,
            host_country=mexico,
        )
        EventMechanism.objects.create(event=e, mechanism=mechanisms[i])
        Session.objects.create(event=grcp9, slug=f"s{i}", title=f"Session {i}", position=i)
        person = Person.objects.create(slug=f"p{i}", name=f"Person {i}")
        PublicRole.objects.create(
            slug=f"r{i}", person=person, kind="speaker", event=grcp9, name_as_printed=person.name
        )
        s = Statement.objects.create(
            slug=f"st{i}",
            kind="outcome",
            text=f"Outcome {i}",
            document=note,
            place="x",
            event=grcp9,
        )
        s.objectives.set([6])
        s.mechanisms.set([mechanisms[i]])
        Membership.objects.get_or_create(country=mexico, mechanism=mechanisms[i], role="member")


@pytest.mark.parametrize(
    ("url", "ceiling"),
    [
        ("/events/", 6),
        ("/events/grcp-9/", 25),
        ("/countries/", 6),
        ("/countries/MX/", 8),
        ("/statements/", 12),
        ("/statements/?objective=6", 12),
        ("/about/", 6),
    ],
)
def test_new_pages_query_counts_are_pinned(client, django_assert_max_num_queries, url, ceiling):
    _pinned(client, url, ceiling, _add_events, django_assert_max_num_queries)


def test_coverage_matrix_marks_the_links_and_filters(client):
    html = client.get("/coverage/").content.decode()
    assert 'class="matrix"' in html
    rcm = html[html.index('href="/mechanisms/rcm/"') :]
    rcm_row = rcm[: rcm.index("</tr>")]
    # RCM works on objectives 5, 6, 9, 10, 11 (its note's sentence).
    assert rcm_row.count('class="cell on"') >= 5
    assert "works on objective 6" in rcm_row
    rcps = client.get("/coverage/?kind=rcp").content.decode()
    assert 'href="/mechanisms/rcm/"' in rcps and 'href="/mechanisms/gfmd/"' not in rcps
    assert client.get("/coverage/?kind=nonsense&region=nowhere&page=x").status_code == 200


def test_directory_sorts_without_regard_to_case_or_accents_and_pages(client):
    from tests.pages.conftest import make_mechanism

    make_mechanism("elan-test", acronym="ELT", name="Élan Test Forum")
    html = client.get("/mechanisms/?page=1").content.decode()
    names = html[html.index("<tbody>") :]
    assert names.index("Abu Dhabi Dialogue") < names.index("AFML")
    for i in range(60):
        make_mechanism(f"bulk-{i:02}", acronym=f"BK{i}", name=f"Zz bulk {i:02}")
    first = client.get("/mechanisms/").content.decode()
    assert first.count('data-label="Kind"') == 50 and 'rel="next"' in first
    last = client.get("/mechanisms/?page=last").content.decode()
    assert "Zz bulk 59" in last
    everything = client.get("/mechanisms/?format=csv").content.decode()
    assert "Zz bulk 59" in everything and "Élan Test Forum" in everything


def test_directory_filters_by_state_and_event(client, issue10_records):
    by_state = client.get("/mechanisms/?country=MX").content.decode()
    assert 'href="/mechanisms/rcm/"' in by_state and 'href="/mechanisms/gfmd/"' not in by_state
    from mechanisms.models import Participation

    participant = Participation.objects.filter(meeting__number=9).select_related("mechanism")
    if participant:
        slug = participant[0].mechanism.slug
        by_event = client.get("/mechanisms/?event=grcp-9").content.decode()
        assert f'href="/mechanisms/{slug}/"' in by_event


@pytest.mark.parametrize("url", ["/coverage/", "/coverage/?kind=rcp&region=africa", "/"])
def test_coverage_and_home_query_counts_are_pinned(client, django_assert_max_num_queries, url):
    from tests.pages.test_queries import add_mechanisms

    _pinned(client, url, 9, add_mechanisms, django_assert_max_num_queries)
