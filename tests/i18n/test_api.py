"""The API in three languages: ?lang or Accept-Language chooses translated fields and
messages; keys and URLs never change; an unknown ?lang is a 400 in the API's error shape."""

import pytest
from django.test import Client

from gcm.models import Objective
from mechanisms.models import Mechanism

pytestmark = pytest.mark.django_db

SLUG = "rabat-process"


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def translated_mechanism():
    mechanism = Mechanism.objects.get(slug=SLUG)
    mechanism.name_fr = "Processus euro-africain sur la migration et le développement"
    mechanism.save()
    return mechanism


def test_the_api_returns_a_french_name_an_editor_added_and_english_where_none_was(
    api, translated_mechanism
):
    english = translated_mechanism.name
    detail = api.get(f"/api/v1/mechanisms/{SLUG}/?lang=fr").json()
    assert detail["name"] == translated_mechanism.name_fr
    # No Spanish version: the English text, under the same key.
    assert api.get(f"/api/v1/mechanisms/{SLUG}/?lang=es").json()["name"] == english
    assert api.get(f"/api/v1/mechanisms/{SLUG}/?lang=en").json()["name"] == english
    assert api.get(f"/api/v1/mechanisms/{SLUG}/").json()["name"] == english
    # Accept-Language does the same without the parameter.
    by_header = api.get(f"/api/v1/mechanisms/{SLUG}/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert by_header.json()["name"] == translated_mechanism.name_fr
    assert "Accept-Language" in by_header["Vary"]
    # ?lang wins over the header.
    assert (
        api.get(f"/api/v1/mechanisms/{SLUG}/?lang=en", HTTP_ACCEPT_LANGUAGE="fr").json()["name"]
        == english
    )
    # Lists and their CSV too; other mechanisms keep their English names.
    rows = api.get("/api/v1/mechanisms/?lang=fr&page_size=500").json()["results"]
    names = {row["slug"]: row["name"] for row in rows}
    assert names[SLUG] == translated_mechanism.name_fr
    others = {m.slug: m.name for m in Mechanism.objects.exclude(slug=SLUG)}
    assert all(names[slug] == name for slug, name in others.items())
    csv = api.get("/api/v1/mechanisms/?lang=fr&format=csv").getvalue().decode()
    assert translated_mechanism.name_fr in csv


def test_field_names_and_keys_do_not_change_with_the_language(api, translated_mechanism):
    english = api.get(f"/api/v1/mechanisms/{SLUG}/").json()
    french = api.get(f"/api/v1/mechanisms/{SLUG}/?lang=fr").json()
    assert list(french) == list(english)
    assert {k: v for k, v in french.items() if k != "name"} == {
        k: v for k, v in english.items() if k != "name"
    }
    objective = Objective.objects.get(number=6)
    objective.title_es = "Facilitar la contratación equitativa y ética"
    objective.save()
    spanish = api.get("/api/v1/objectives/6/?lang=es").json()
    assert spanish["title"] == objective.title_es
    assert spanish["number"] == 6
    assert list(spanish) == list(api.get("/api/v1/objectives/6/").json())


@pytest.mark.parametrize("value", ["xx", "FR", "fr-FR", ""])
def test_an_unknown_lang_is_a_400_in_the_error_shape(api, value):
    response = api.get(f"/api/v1/mechanisms/?lang={value}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"detail", "errors"}
    assert body["errors"][0]["field"] == "lang"
    assert body["errors"][0]["code"] == "invalid_choice"
    assert "en, fr, es" in body["detail"]


def test_lang_given_twice_is_refused(api):
    response = api.get("/api/v1/mechanisms/?lang=fr&lang=es")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "lang"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/mechanisms/?lang=fr",
        "/api/v1/mechanisms/rabat-process/?lang=fr",
        "/api/v1/references/?document=gcm-final&lang=es",
        "/api/v1/search/?q=remittances&lang=fr",
        "/api/v1/dump/?lang=fr",
        "/api/schema/?lang=es",
    ],
)
def test_the_strict_parameter_checks_accept_lang(api, url):
    assert api.get(url).status_code == 200, url


def test_api_error_messages_are_translated(api):
    english = api.get("/api/v1/mechanisms/?knd=rcp").json()
    french = api.get("/api/v1/mechanisms/?knd=rcp&lang=fr").json()
    spanish = api.get("/api/v1/mechanisms/?knd=rcp", HTTP_ACCEPT_LANGUAGE="es").json()
    assert english["errors"][0]["message"].startswith("Unknown query parameter.")
    assert french["errors"][0]["message"].startswith("Paramètre de requête inconnu.")
    assert spanish["errors"][0]["message"].startswith("Parámetro de consulta desconocido.")
    # Same codes and fields: a client branches on those, never on the words.
    for body in (french, spanish):
        assert [(e["field"], e["code"]) for e in body["errors"]] == [
            (e["field"], e["code"]) for e in english["errors"]
        ]
    page = api.get("/api/v1/mechanisms/?page_size=9999&lang=es").json()
    assert page["errors"][0]["message"].startswith("El tamaño de página")
    missing = api.get("/api/v1/mechanisms/no-such-thing/?lang=fr")
    assert missing.status_code == 404


def test_the_schema_documents_lang_on_every_operation(api):
    schema = api.get("/api/schema/?format=json").json()
    operations = [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in ("get", "put", "patch", "post", "delete")
    ]
    assert operations
    for path, method, op in operations:
        lang = [p for p in op.get("parameters", []) if p.get("name") == "lang"]
        assert len(lang) == 1, (path, method)
        assert lang[0]["in"] == "query"
        assert lang[0]["schema"]["enum"] == ["en", "fr", "es"]


def test_api_urls_are_not_prefixed(api):
    assert api.get("/fr/api/v1/mechanisms/").status_code == 404
    assert api.get("/api/v1/mechanisms/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
