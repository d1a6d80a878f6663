"""Pages in English, French and Spanish: /fr/ and /es/ beside the unchanged English paths,
the switcher, hreflang, <html lang>, Accept-Language on a first visit, and the response cache
never serving one language's page to a reader of another."""

import re

import pytest
from django.test import Client

from mechanisms.models import Mechanism, Region

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/mechanisms/",
    "/mechanisms/rabat-process/",
    "/regions/",
    "/objectives/",
    "/objectives/6/",
    "/compact/",
    "/surveys/",
    "/sources/",
    "/countries/",
    "/events/",
    "/statements/",
    "/coverage/",
    "/about/",
    "/search/?q=remittances",
    "/accounts/login/",
]
# Words each language's pages show in their header and footer, and the other's do not.
MARKERS = {
    "en": ["Mechanisms", "Every fact on these pages cites the IOM note it comes from."],
    "fr": ["Mécanismes", "Chaque fait de ces pages cite la note de l’OIM dont il provient."],
    "es": ["Mecanismos", "Cada dato de estas páginas cita la nota de la OIM de la que procede."],
}


def html_lang(body):
    return re.search(r'<html lang="([\w-]+)"', body).group(1)


@pytest.fixture
def anonymous():
    return Client()


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_each_page_has_a_french_and_spanish_twin(anonymous, path, language):
    response = anonymous.get(f"/{language}{path}")
    assert response.status_code == 200
    body = response.content.decode()
    assert html_lang(body) == language
    assert response["Content-Language"] == language
    for text in MARKERS[language]:
        assert text in body
    assert MARKERS["en"][1] not in body


@pytest.mark.parametrize("path", PAGES)
def test_english_pages_keep_their_paths_and_words(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert html_lang(body) == "en"
    assert MARKERS["en"][1] in body


def test_hreflang_alternates_name_the_same_page_in_each_language(anonymous):
    body = anonymous.get("/fr/mechanisms/?kind=rcp").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', body))
    assert alternates == {
        "en": "http://testserver/mechanisms/?kind=rcp",
        "fr": "http://testserver/fr/mechanisms/?kind=rcp",
        "es": "http://testserver/es/mechanisms/?kind=rcp",
        "x-default": "http://testserver/mechanisms/?kind=rcp",
    }


def test_the_switcher_keeps_the_page_and_its_filters_and_remembers_the_choice(anonymous):
    body = anonymous.get("/mechanisms/?kind=rcp&region=africa").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S).group(0)
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switcher))
    link = {lang: href for href, lang in links.items()}["es"].replace("&amp;", "&")
    assert link.startswith("/language/es/?next=")
    response = anonymous.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/es/mechanisms/?kind=rcp&region=africa"
    assert response.cookies["django_language"].value == "es"
    page = anonymous.get(response["Location"])
    assert "Mecanismos" in page.content.decode()
    # Back to English: the cookie now says English, so the English page is not redirected.
    back = anonymous.get("/language/en/?next=/es/mechanisms/%3Fkind%3Drcp")
    assert back["Location"] == "/mechanisms/?kind=rcp"
    english = anonymous.get("/mechanisms/?kind=rcp", HTTP_ACCEPT_LANGUAGE="es")
    assert english.status_code == 200 and html_lang(english.content.decode()) == "en"


def test_the_switcher_goes_nowhere_but_this_site(anonymous):
    for bad in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        response = anonymous.get("/language/fr/", {"next": bad})
        assert response["Location"] == "/fr/"
    assert anonymous.get("/language/de/?next=/").status_code == 404


def test_accept_language_is_honoured_on_a_first_visit(anonymous):
    response = anonymous.get(
        "/mechanisms/?kind=rcp", HTTP_ACCEPT_LANGUAGE="fr-CH, fr;q=0.9, en;q=0.8"
    )
    assert response.status_code == 302
    assert response["Location"] == "/fr/mechanisms/?kind=rcp"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    spanish = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="es-419,es;q=0.9")
    assert spanish["Location"] == "/es/"
    # A language the registry does not speak, or English first: the English page.
    for header in ["de-DE,de;q=0.9", "en-GB,fr;q=0.5", ""]:
        response = anonymous.get("/mechanisms/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200, header


def test_a_french_page_is_never_served_from_the_cache_to_an_english_reader(anonymous):
    french = anonymous.get("/fr/mechanisms/", HTTP_ACCEPT_LANGUAGE="fr")
    assert html_lang(french.content.decode()) == "fr"
    # The English page, read by a browser preferring English, then by one preferring
    # French (redirected, not served the cached English page), then English again.
    english = anonymous.get("/mechanisms/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(english.content.decode()) == "en"
    assert anonymous.get("/mechanisms/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 302
    again = anonymous.get("/mechanisms/", HTTP_ACCEPT_LANGUAGE="en")
    assert again.content == english.content
    assert "Vary" in english and "Accept-Language" in english["Vary"]
    # The API: the same URL answers in the language asked for, each from its own entry.
    mechanism = Mechanism.objects.get(slug="rabat-process")
    mechanism.name_fr = "Processus de Rabat"
    mechanism.save()
    url = "/api/v1/mechanisms/rabat-process/"
    for _ in range(2):
        assert anonymous.get(url, HTTP_ACCEPT_LANGUAGE="fr").json()["name"] == "Processus de Rabat"
        assert anonymous.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["name"] == mechanism.name
        assert anonymous.get(url).json()["name"] == mechanism.name


def test_an_editors_translation_is_shown_and_a_missing_one_is_marked(anonymous):
    mechanism = Mechanism.objects.get(slug="rabat-process")
    english_name = mechanism.name
    body = anonymous.get("/fr/mechanisms/rabat-process/").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    assert f'<span lang="en" class="untranslated">{english_name}</span>' in h1
    assert "non traduit" in h1
    mechanism.name_fr = "Processus euro-africain sur la migration et le développement"
    mechanism.save()
    body = anonymous.get("/fr/mechanisms/rabat-process/").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    assert "Processus euro-africain sur la migration et le développement" in h1
    assert "non traduit" not in h1
    # Spanish has none yet: English, marked in Spanish.
    body = anonymous.get("/es/mechanisms/rabat-process/").content.decode()
    assert "sin traducir" in re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)
    # English pages show the notes' wording, unmarked.
    body = anonymous.get("/mechanisms/rabat-process/").content.decode()
    assert english_name in body and "untranslated" not in body


def test_history_records_the_translated_fields():
    region = Region.objects.order_by("slug").first()
    region.name_es = "África"
    region.save()
    latest = region.history.latest()
    assert latest.name_es == "África"
    previous = latest.prev_record
    assert previous is not None and previous.name_es == ""
    changed = {c.field for c in latest.diff_against(previous).changes}
    assert changed == {"name_es"}


def test_state_names_come_translated_from_the_country_library(anonymous):
    body = anonymous.get("/fr/countries/").content.decode()
    assert "Maroc" in body or "Sénégal" in body
    body = anonymous.get("/es/countries/").content.decode()
    assert "Marruecos" in body or "Senegal" in body


def test_a_page_not_found_answers_in_the_readers_language(anonymous):
    response = anonymous.get("/fr/mechanisms/no-such-mechanism/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/mechanisms/", "/mechanisms/rabat-process/", "/regions/", "/objectives/6/"]
)
def test_translated_pages_cost_no_more_queries_than_english(anonymous, path):
    """The translations sit in the records' own rows: a French or Spanish page reads what
    the English one reads (the English pages' own pins are in tests/pages/test_queries.py)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for prefix in ["", "/fr", "/es", ""]:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert anonymous.get(prefix + path).status_code == 200
        counts[prefix] = len(queries)
    assert counts["/fr"] == counts[""] and counts["/es"] == counts[""], counts


def test_the_statements_page_reports_an_unknown_filter_in_the_readers_language(client):
    french = client.get("/fr/statements/?kind=zzz&objective=99").content.decode()
    assert "« zzz » n’est pas un type de déclaration ; ignoré." in french
    assert "L’objectif « 99 » ne fait pas partie des 23 ; ignoré." in french
    spanish = client.get("/es/statements/?mechanism=nowhere").content.decode()
    assert "El mecanismo «nowhere» no figura en el registro; se ignora." in spanish


def test_a_published_rank_reads_in_the_readers_language():
    from django.utils import translation

    from core.templatetags.pages import figure_value

    assert figure_value(1, "rank") == "rank 1"
    with translation.override("fr"):
        assert figure_value(1, "rank") == "rang 1"
    with translation.override("es"):
        assert figure_value(2, "rank") == "puesto 2"


def test_the_directory_region_options_mark_an_english_name(client):
    translated, untranslated = Region.objects.order_by("slug")[:2]
    translated.name_fr = "Région traduite par un éditeur"
    translated.save()
    body = client.get("/fr/mechanisms/").content.decode()
    select = re.search(r'<select name="region".*?</select>', body, re.S).group(0)
    options = dict(re.findall(r'<option value="([\w-]+)"[^>]*>([^<]*)</option>', select))
    assert options[translated.slug] == "Région traduite par un éditeur"
    assert options[untranslated.slug] == f"{untranslated.name} (non traduit)"
    english = client.get("/mechanisms/").content.decode()
    assert "not translated" not in english


SVG_NUMBER = re.compile(r'\s(?:x|y|cx|cy|r|width|height|viewBox)="([^"]*)"')


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize("path", ["/", "/surveys/imrf-inputs-2021/"])
def test_chart_bars_are_drawn_in_every_language(client, language, path):
    """Regression: bar widths printed with the locale's decimal comma ("37,5") on French and
    Spanish pages, which browsers refuse to draw: the bars were missing."""
    body = client.get(f"/{language}{path}").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", body, re.S)
    assert any("<rect" in svg for svg in svgs)
    for svg in svgs:
        for value in SVG_NUMBER.findall(svg):
            for number in value.split():
                float(number)  # "37,5" raises


# Addresses that have no language prefix by design: the API, the admin, files, the switcher.
UNPREFIXED = ("/api/", "/admin/", "/static/", "/i18n/", "/language/", "/healthz", "/media/")


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize(
    "path", [*PAGES, "/events/grcp-9/", "/countries/MX/", "/regions/africa/", "/surveys/"]
)
def test_links_on_a_translated_page_stay_in_its_language(anonymous, path, language):
    """Regression: events and States linked to their English pages from French and Spanish
    ones (their addresses were written by hand, without the language prefix)."""
    body = anonymous.get(f"/{language}{path}", follow=True).content.decode()
    links = set(re.findall(r'href="(/[^"#?]*)', body))
    english = sorted(
        link
        for link in links
        if not link.startswith((f"/{language}/", *UNPREFIXED)) and link != f"/{language}"
    )
    # The language switcher and hreflang alternates name the English page on purpose.
    alternates = set(re.findall(r'hreflang="en" href="(/[^"#?]*)', body))
    alternates |= set(re.findall(r'href="(/[^"#?]*)"[^>]*hreflang="en"', body))
    assert [link for link in english if link not in alternates] == []


def test_rows_built_by_template_tags_speak_the_readers_language(anonymous):
    """The directory's and the compact overview's rows are built in Python (for speed): their
    cell labels and change tags are translated like the templates' words."""
    compact = anonymous.get("/fr/compact/").content.decode()
    assert '<span class="tag tag-kept">conservée</span>' in compact
    assert 'data-label="Pacte mondial final"' in compact
    assert ">kept<" not in compact and ">renumbered<" not in compact
    directory = anonymous.get("/es/mechanisms/").content.decode()
    assert 'data-label="Mecanismo"' in directory and 'data-label="Mechanism"' not in directory
