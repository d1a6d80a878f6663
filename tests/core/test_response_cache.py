"""The response cache (core.cache): anonymous GETs are served from the cache under the data
version, and every kind of write shows on the very next GET of every page that shows it;
conditional GETs answer 304; logged-in users never get an anonymous answer."""

import io
import json
import re
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from core.cache import current_version
from mechanisms.models import Mechanism
from tests.admin.forms import form_data

pytestmark = pytest.mark.django_db

SLUG = "rabat-process"


def pages_showing(mechanism):
    region = mechanism.regions.order_by("slug").first()
    link = mechanism.objective_links.order_by("objective__number").first()
    return [
        "/mechanisms/",
        f"/mechanisms/{SLUG}/",
        *([f"/regions/{region.slug}/"] if region else []),
        *([f"/objectives/{link.objective.number}/"] if link else []),
        "/search/?q=rabat",
        "/api/v1/search/?q=rabat&kind=mechanism",
        "/api/v1/mechanisms/?page_size=500",
        f"/api/v1/mechanisms/{SLUG}/",
        "/api/v1/mechanisms/?page=1&page_size=500&format=csv",
    ]


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def warm(anonymous):
    """Every page showing the mechanism read (and cached) once, with its old name."""
    mechanism = Mechanism.objects.get(slug=SLUG)
    for url in pages_showing(mechanism):
        response = anonymous.get(url)
        assert response.status_code == 200, url
        assert mechanism.name in response.content.decode(), url
        # The second read is the cached one: same body.
        assert anonymous.get(url).content == response.content
    return mechanism


def assert_everywhere(anonymous, mechanism, text):
    for url in pages_showing(mechanism):
        body = anonymous.get(url).content.decode()
        assert text in body, f"{url} still shows the old data"


def test_a_cached_answer_is_served_without_running_the_view(anonymous, monkeypatch):
    import mechanisms.api.views

    first = anonymous.get("/api/v1/mechanisms/?page_size=5")
    monkeypatch.setattr(
        mechanisms.api.views.MechanismViewSet,
        "list",
        lambda *a, **k: pytest.fail("the cached answer ran the view"),
    )
    again = anonymous.get("/api/v1/mechanisms/?page_size=5")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_an_api_write_shows_on_the_next_get_of_every_page(anonymous, warm, editor):
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Editors"))
    token = Token.objects.create(user=editor)
    writer = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = writer.patch(
        f"/api/v1/mechanisms/{SLUG}/",
        json.dumps({"name": "Rabat Process, renamed by the API"}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert_everywhere(anonymous, warm, "Rabat Process, renamed by the API")


def test_an_admin_edit_shows_on_the_next_get(anonymous, warm, admin_client):
    url = f"/admin/mechanisms/mechanism/{warm.pk}/change/"
    data = form_data(admin_client.get(url))
    data["name"] = "Rabat Process, renamed in the admin"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert_everywhere(anonymous, warm, "Rabat Process, renamed in the admin")


def test_an_admin_revert_shows_on_the_next_get(anonymous, warm, admin_client):
    earlier = warm.history.first()
    Mechanism.objects.filter(pk=warm.pk).update(name="A bad edit")
    assert_everywhere(anonymous, warm, "A bad edit")
    url = f"/admin/mechanisms/mechanism/{warm.pk}/history/{earlier.history_id}/"
    response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302
    assert_everywhere(anonymous, warm, earlier.name)


def test_an_import_shows_on_the_next_get(anonymous, warm, admin_client):
    from tests.admin.test_import_export import confirm, upload

    region = warm.regions.order_by("slug").first().slug
    csv = f"slug,name,kind,regions\n{SLUG},Rabat Process (imported),rcp,{region}\n"
    response = confirm(admin_client, Mechanism, upload(admin_client, Mechanism, csv))
    assert response.status_code == 302
    assert_everywhere(anonymous, warm, "Rabat Process (imported)")


@pytest.mark.parametrize(
    "write",
    [
        lambda m: Mechanism.objects.filter(pk=m.pk).update(name="Renamed by update()"),
        lambda m: connection.cursor().execute(
            "UPDATE mechanisms_mechanism SET name = %s WHERE id = %s",
            ["Renamed by update()", m.pk],
        ),
    ],
    ids=["queryset-update", "raw-sql"],
)
def test_bulk_and_raw_writes_move_the_version(anonymous, warm, write):
    before = current_version()
    write(warm)
    assert current_version()[0] != before[0]
    assert_everywhere(anonymous, warm, "Renamed by update()")


def test_bulk_create_moves_the_version():
    from mechanisms.models import Region

    before = current_version()[0]
    Region.objects.bulk_create([Region(slug="test-bulk", name="Bulk", position=99)])
    assert current_version()[0] != before


def test_a_seed_reset_shows_on_the_next_get(anonymous, warm):
    seeded = warm.name
    Mechanism.objects.filter(pk=warm.pk).update(name="Edited before the reset")
    assert_everywhere(anonymous, warm, "Edited before the reset")
    call_command("seed", "--reset", stdout=io.StringIO())
    assert_everywhere(anonymous, warm, seeded)


def test_reads_and_logins_do_not_move_the_version(anonymous, admin_user):
    before = current_version()[0]
    anonymous.get("/mechanisms/")
    Client().force_login(admin_user)  # session row, last_login
    assert current_version()[0] == before


def test_a_questionnaire_submission_shows_on_the_survey_page(anonymous):
    from surveys.models import Response
    from tests.workflow.conftest import form_data as questionnaire_data
    from tests.workflow.conftest import make_secretariat, open_next_round, respond_url

    survey = open_next_round()
    page = f"/surveys/{survey.slug}/"
    results = f"/api/v1/surveys/{survey.slug}/results/"
    before = anonymous.get(page).content
    before_results = anonymous.get(results).json()
    secretariat = Client()
    secretariat.force_login(make_secretariat("bali-chair", "bali-process"))
    url = respond_url(survey, "bali-process")
    data = questionnaire_data(survey, version=0, q3="Jane Doe", q9="Yes")
    assert secretariat.post(url, data).status_code == 302  # the draft
    assert secretariat.post(url, {**data, "version": "1", "action": "submit"}).status_code == 302
    assert Response.objects.get(survey=survey).status == "submitted"
    assert anonymous.get(page).content != before
    assert anonymous.get(results).json()["respondents"] == before_results["respondents"] + 1


def test_the_dump_is_built_once_per_version(anonymous, monkeypatch):
    import core.views_dump

    built = []
    real = core.views_dump.write_dump
    monkeypatch.setattr(core.views_dump, "write_dump", lambda s: built.append(1) or real(s))

    def names():
        response = anonymous.get("/api/v1/dump/")
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        data = json.loads(zipfile.ZipFile(io.BytesIO(body)).read("data.json"))
        return {r["fields"]["name"] for r in data if r["model"] == "mechanisms.mechanism"}

    assert "Rabat Process, dumped" not in names()
    names()
    assert built == [1]
    Mechanism.objects.filter(slug=SLUG).update(name="Rabat Process, dumped")
    assert "Rabat Process, dumped" in names()
    assert built == [1, 1]
    tag = anonymous.get("/api/v1/dump/")["ETag"]
    assert anonymous.get("/api/v1/dump/", HTTP_IF_NONE_MATCH=tag).status_code == 304


# --- Conditional GETs and headers ------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/mechanisms/", "/api/v1/mechanisms/", "/api/schema/"])
def test_if_none_match_answers_304_until_the_data_changes(anonymous, url):
    first = anonymous.get(url)
    assert first.status_code == 200
    assert first["ETag"] and first["Last-Modified"]
    assert first["Cache-Control"] == "public, no-cache"
    not_modified = anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    # A 304 keeps the browser's copy: no new policy whose nonce the copy does not carry.
    assert "Content-Security-Policy" not in not_modified
    Mechanism.objects.filter(slug=SLUG).update(name="Changed for the ETag")
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code in (200, 304)
    changed = anonymous.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    if url in ("/mechanisms/", "/api/v1/mechanisms/"):
        assert changed.status_code == 200


def test_if_modified_since_answers_304(anonymous):
    first = anonymous.get("/mechanisms/")
    again = anonymous.get("/mechanisms/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_an_etag_the_view_set_is_kept(anonymous, monkeypatch):
    """A view's own ETag (a record's version for If-Match writes) wins over the body hash,
    and 304 is computed against it."""
    from django.http import HttpResponse

    import core.views

    def view(self, request, *args, **kwargs):
        response = HttpResponse("own")
        response["ETag"] = '"record-7"'
        return response

    monkeypatch.setattr(core.views.HomeView, "get", view)
    assert anonymous.get("/")["ETag"] == '"record-7"'
    assert anonymous.get("/", HTTP_IF_NONE_MATCH='"record-7"').status_code == 304
    assert anonymous.get("/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_each_cached_answer_gets_a_fresh_csp_nonce(anonymous):
    nonces = []
    for _ in range(3):
        response = anonymous.get("/api/docs/")  # Swagger UI's inline script carries the nonce
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        body = response.content.decode()
        assert f'nonce="{header}"' in body
        assert len(set(re.findall(r'nonce="([^"]+)"', body))) == 1
        nonces.append(header)
    assert len(set(nonces)) == 3
    # The ETag does not change with the nonce.
    assert len({anonymous.get("/api/docs/")["ETag"] for _ in range(2)}) == 1


def test_logged_in_users_never_get_the_anonymous_page(anonymous, admin_client):
    anonymous_page = anonymous.get("/").content.decode()
    assert anonymous.get("/").content.decode() == anonymous_page  # cached now
    page = admin_client.get("/")
    assert page.content.decode() != anonymous_page
    assert page["Cache-Control"] == "private, no-cache"
    assert "Cookie" in page["Vary"]
    # And the anonymous visitor never gets the logged-in page.
    assert anonymous.get("/").content.decode() == anonymous_page


def test_personal_pages_are_private_no_store(admin_client):
    response = admin_client.get("/admin/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "no-store" in Client().get("/accounts/login/")["Cache-Control"]


def test_the_key_holds_language_and_format(anonymous):
    from django.test import RequestFactory

    from core.cache import _cache_key

    factory = RequestFactory()
    key = lambda **h: _cache_key(factory.get("/mechanisms/", **h), "v")  # noqa: E731
    assert key(HTTP_ACCEPT_LANGUAGE="fr") != key(HTTP_ACCEPT_LANGUAGE="en")
    assert key(HTTP_ACCEPT="text/csv") != key(HTTP_ACCEPT="application/json")
    assert _cache_key(factory.get("/fr/mechanisms/"), "v") != key()
    assert key() != _cache_key(factory.get("/mechanisms/"), "w")
    # Each format is answered in its own type, cached or not.
    for _ in range(2):
        assert anonymous.get("/api/v1/mechanisms/", HTTP_ACCEPT="text/csv")[
            "Content-Type"
        ].startswith("text/csv")
        assert anonymous.get("/api/v1/mechanisms/", HTTP_ACCEPT="application/json")[
            "Content-Type"
        ].startswith("application/json")


def test_the_cache_can_be_switched_off(anonymous, settings):
    settings.RESPONSE_CACHE = False
    cache.clear()
    anonymous.get("/api/v1/mechanisms/")
    assert not any(k for k in getattr(cache, "_cache", {}) if "response" in str(k))
