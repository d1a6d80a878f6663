"""/search/ (the page in every header) and /api/v1/search/ (ranked hits, paged)."""

import pytest

from mechanisms.models import MechanismName
from tests.pages.conftest import make_mechanism

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/mechanisms/", "/objectives/", "/surveys/", "/sources/"])
def test_every_page_has_the_search_form_in_its_header(client, url):
    html = client.get(url).content.decode()
    assert 'action="/search/"' in html and 'role="search"' in html


def test_results_are_grouped_by_kind_with_highlighted_snippets(client):
    html = client.get("/search/", {"q": "trafficking"}).content.decode()
    assert 'id="kind-mechanism"' in html and 'id="kind-objective"' in html
    assert html.index('id="kind-mechanism"') < html.index('id="kind-objective"')
    assert "<mark>" in html and "Bali Process" in html


def test_the_url_is_shareable_and_a_kind_pages_through_all_its_hits(client):
    for i in range(25):
        make_mechanism(f"pager-{i}", acronym=f"PG{i}", name=f"Pagerwide Forum {i}")
    first = client.get("/search/", {"q": "pagerwide"}).content.decode()
    assert "All 25 mechanisms" in first
    page1 = client.get("/search/", {"q": "pagerwide", "kind": "mechanism"}).content.decode()
    page2 = client.get(
        "/search/", {"q": "pagerwide", "kind": "mechanism", "page": 2}
    ).content.decode()
    assert page1.count('class="hit"') == 20 and page2.count('class="hit"') == 5
    assert 'rel="next"' in page1 and 'rel="prev"' in page2


def test_nothing_found_says_so(client):
    response = client.get("/search/", {"q": "zzqxw"})
    assert response.status_code == 200
    assert "Nothing in the registry matches" in response.content.decode()


def test_a_bad_kind_or_overlong_query_is_explained_not_a_500(client):
    response = client.get("/search/", {"q": "x" * 300, "kind": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html


def test_search_page_query_count_is_pinned(client, django_assert_max_num_queries):
    def read():
        assert client.get("/search/", {"q": "forum"}).status_code == 200

    for i in range(2):
        m = make_mechanism(f"count-{i}", acronym=f"CT{i}", name=f"Forum count {i}")
        MechanismName.objects.create(mechanism=m, name=f"Old forum {i}", kind="former")
    with django_assert_max_num_queries(40) as few:
        read()
    for i in range(2, 30):
        m = make_mechanism(f"count-{i}", acronym=f"CT{i}", name=f"Forum count {i}")
        MechanismName.objects.create(mechanism=m, name=f"Old forum {i}", kind="former")
    with django_assert_max_num_queries(40) as many:
        read()
    assert len(many.captured_queries) == len(few.captured_queries)


# --- API ------------------------------------------------------------------------------


def test_api_ranked_hits_across_kinds(client):
    body = client.get("/api/v1/search/", {"q": "trafficking"}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    kinds = {hit["kind"] for hit in body["results"]}
    assert {"mechanism", "objective"} <= kinds
    ranks = [hit["rank"] for hit in body["results"]]
    assert ranks == sorted(ranks, reverse=True)
    first = body["results"][0]
    assert set(first) == {"kind", "id", "title", "url", "snippet", "context", "rank"}
    assert first["url"].startswith("http://testserver/")


def test_api_kind_filter_and_paging(client):
    for i in range(7):
        make_mechanism(f"api-pager-{i}", acronym=f"AP{i}", name=f"Apipager Forum {i}")
    body = client.get(
        "/api/v1/search/", {"q": "apipager", "kind": "mechanism", "page_size": 5}
    ).json()
    assert body["count"] == 7 and len(body["results"]) == 5 and body["next"]
    assert {h["kind"] for h in body["results"]} == {"mechanism"}
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 2 and second["next"] is None and second["previous"]
    ids = {h["id"] for h in body["results"]} | {h["id"] for h in second["results"]}
    assert len(ids) == 7
    merged = client.get("/api/v1/search/", {"q": "apipager", "page_size": 5, "page": 2}).json()
    assert merged["count"] == 7 and len(merged["results"]) == 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "  "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "forum", "kind": "nope"}, "kind"),
        ({"q": "forum", "colour": "red"}, "colour"),
        ({"q": "forum", "page_size": 501}, "page_size"),
        ({"q": "forum", "page": "zero"}, "page"),
        ({"q": "forum", "page": 30, "page_size": 50}, "page"),
    ],
)
def test_api_bad_input_is_a_400_naming_the_field(client, params, field):
    response = client.get("/api/v1/search/", params)
    assert response.status_code == 400, response.content
    assert field in error_fields(response.json())


def error_fields(body) -> set:
    """The fields an API error names: the agreed ``{"detail", "errors": [...]}`` shape
    (core/api/exceptions.py), or DRF's plain ``{field: [messages]}`` before it lands."""
    if "errors" in body:
        assert body["detail"]
        return {e["field"] for e in body["errors"]}
    return set(body)


def test_api_past_the_last_page_is_a_400_as_on_every_list(client):
    # As every API list answers it (core.api.pagination): malformed paging, not a lost record.
    response = client.get("/api/v1/search/", {"q": "trafficking", "kind": "objective", "page": 9})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [
        {"field": "page", "code": "invalid_page", "message": body["errors"][0]["message"]}
    ]
    assert "past the last page" in body["detail"]


@pytest.mark.parametrize("name", ["q", "page"])
def test_api_repeated_parameter_is_a_400_not_last_one_wins(client, name):
    # Regression (issue 16): ?q=rabat&q=mexico searched for "mexico" alone.
    values = {"q": ["rabat", "mexico"], "page": ["1", "2"]}[name]
    query = "&".join(f"{name}={v}" for v in values)
    response = client.get(f"/api/v1/search/?{query}" + ("" if name == "q" else "&q=rabat"))
    assert response.status_code == 400, response.content
    codes = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert (name, "repeated") in codes


def test_api_query_count_is_pinned(client, django_assert_max_num_queries):
    for i in range(2):
        make_mechanism(f"apicount-{i}", acronym=f"AC{i}", name=f"Forum apicount {i}")
    # A fixed number per kind of record searched (17 kinds since issue 10), not per hit.
    with django_assert_max_num_queries(45) as few:
        assert client.get("/api/v1/search/", {"q": "forum"}).status_code == 200
    for i in range(2, 30):
        make_mechanism(f"apicount-{i}", acronym=f"AC{i}", name=f"Forum apicount {i}")
    with django_assert_max_num_queries(45) as many:
        assert client.get("/api/v1/search/", {"q": "forum"}).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_api_search_is_in_the_schema(client):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/search/" in schema["paths"]
