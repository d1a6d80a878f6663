"""The API carries what issue 10 (items 6 and 8) added: document URLs, other notes' wording
of a referenced paragraph, and objective links of actors other than the non-State groups."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import factories

pytestmark = pytest.mark.django_db

NOTE_003 = "iom-discussion-paper-regional-dimensions-2018"


def test_documents_carry_the_url_a_note_prints(api):
    rows = api.get("/api/v1/documents/?page_size=100").json()["results"]
    urls = {row["slug"]: row["url"] for row in rows}
    assert (
        urls["agenda-2030"] == "http://www.un.org/ga/search/view_doc.asp?symbol=A/RES/70/1&Lang=E"
    )
    assert urls["gcm-final"] == ""  # 002 and 004 print their links as "(#)"
    zero = api.get("/api/v1/documents/gcm-zero-draft-rev1/").json()
    assert zero["sources"] == ["iom-note-zero-draft-rev1"]
    assert "url" in api.get("/api/v1/sources/iom-note-final-gcm/").json()


def test_reference_detail_lists_each_other_notes_wording(api):
    rows = api.get(
        "/api/v1/references/?document=gcm-final&paragraph=47&group=iscm&page_size=100"
    ).json()["results"]
    rcp = next(r for r in rows if r["wording"] == "regional consultative process on migration")
    assert "quotes" not in rcp  # lists stay lean
    detail = api.get(f"/api/v1/references/{rcp['id']}/").json()
    assert detail["quote"].startswith('"...we invite the Global Forum')  # 002's wording
    (other,) = detail["quotes"]
    assert other["source"] == NOTE_003 and other["cited_as"] == "(§47)"
    assert "share good practices on policies and cooperation" in other["text"]


def test_reference_quotes_endpoint_filters_by_document_paragraph_and_source(api):
    body = api.get("/api/v1/reference-quotes/?document=gcm-final&paragraph=50").json()
    assert body["count"] == 3
    assert {r["source"] for r in body["results"]} == {NOTE_003, "iom-grcp9-summary-report-2021"}
    by_003 = api.get(f"/api/v1/reference-quotes/?source={NOTE_003}").json()
    assert {(r["wording"], r["paragraph"]) for r in by_003["results"]} == {
        ("regional consultative process on migration", "47"),
        ("regional consultative process on migration", "50"),
        ("International Migration Review Forum", "50"),
    }
    csv = api.get("/api/v1/reference-quotes/?format=csv")
    header = b"".join(csv.streaming_content).decode().splitlines()[0]
    assert csv.status_code == 200 and "cited_as" in header


@pytest.mark.parametrize(
    "query",
    ["source=no-such-note", "source=gcm-final", "paragraph=5%200", "document=", "colour=red"],
)
def test_reference_quotes_bad_filters_are_400_naming_the_parameter(api, query):
    response = api.get(f"/api/v1/reference-quotes/?{query}")
    assert response.status_code == 400, response.content[:200]
    # Names the parameter (whatever shape core.api.exceptions gives the error).
    assert query.split("=")[0] in response.content.decode()


def test_reference_quotes_are_read_only(editor_api):
    quote = factories.reference_quote()
    assert editor_api.post("/api/v1/reference-quotes/", {}, format="json").status_code == 405
    assert editor_api.delete(f"/api/v1/reference-quotes/{quote.pk}/").status_code == 405


def test_other_actors_objective_links(api):
    rows = api.get("/api/v1/stakeholder-engagements/?group=ifi").json()["results"]
    (ifi,) = rows
    assert ifi["document"] == "gcm-final" and ifi["objectives"] == [10, 20, 23]
    assert ifi["statement"].startswith("International financial institutions are invited")
    iscm = api.get("/api/v1/stakeholder-engagements/?group=iscm&objective=19").json()
    assert [r["document"] for r in iscm["results"]] == ["gcm-zero-draft-rev1"]


def test_reference_detail_query_count_does_not_grow_with_its_quotes(
    api, django_assert_max_num_queries
):
    quote = factories.reference_quote()
    url = f"/api/v1/references/{quote.reference_id}/"
    with CaptureQueriesContext(connection) as one:
        api.get(url)
    for position in range(2, 26):
        quote.reference.quotes.create(source=quote.source, position=position, text="more")
    with django_assert_max_num_queries(len(one)):
        body = api.get(url).json()
    assert len(body["quotes"]) == 25
