"""Objective titles in "Objective N: <title>" links: an editor's French or Spanish title where
there is one, else the English title in ``lang="en"`` with the visible "not translated" mark.

Regression: the profile, the coverage matrix and the search results printed the English
title unmarked on French pages (and the coverage matrix ignored a translated title).
"""

import re

import pytest
from django.db.models import Count

from gcm.models import MechanismObjective, Objective
from mechanisms.models import Mechanism

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Collecter et utiliser des données exactes et ventilées"
MARK = '<span lang="en" class="untranslated">{}</span><span class="untranslated-label"> non traduit'


def links_to(body, number):
    """The text of every link to objective ``number``'s page."""
    return re.findall(rf'<a href="[^"]*/objectives/{number}/(?:#[^"]*)?">(.*?)</a>', body, re.S)


@pytest.fixture
def two_objectives():
    """A mechanism working on two objectives: the first gets a French title, the other none."""
    mechanism = (
        Mechanism.objects.annotate(n=Count("objective_links")).filter(n__gte=2).order_by("slug")
    ).first()
    numbers = sorted(
        MechanismObjective.objects.filter(mechanism=mechanism).values_list(
            "objective__number", flat=True
        )
    )
    translated, untranslated = (Objective.objects.get(number=n) for n in numbers[:2])
    translated.title_fr = FRENCH_TITLE
    translated.save()
    assert untranslated.title_fr == ""
    return mechanism, translated, untranslated


def test_the_profile_shows_a_french_title_and_marks_a_missing_one(client, two_objectives):
    mechanism, translated, untranslated = two_objectives
    body = client.get(f"/fr{mechanism.get_absolute_url()}").content.decode()
    assert f"Objectif {translated.number} : {FRENCH_TITLE}" in links_to(body, translated.number)
    expected = f"Objectif {untranslated.number} : " + MARK.format(untranslated.title)
    assert any(link.startswith(expected) for link in links_to(body, untranslated.number))
    # English pages: the notes' wording, unmarked.
    english = client.get(mechanism.get_absolute_url()).content.decode()
    assert f"Objective {translated.number}: {translated.title}" in links_to(
        english, translated.number
    )
    assert "untranslated" not in english


def test_the_coverage_matrix_uses_the_translated_title_and_marks_the_rest(client, two_objectives):
    _mechanism, translated, untranslated = two_objectives
    body = client.get("/fr/coverage/").content.decode()
    listed = " ".join(links_to(body, translated.number))
    assert f"Objectif {translated.number} : {FRENCH_TITLE}" in listed
    assert translated.title not in listed
    assert f'title="{FRENCH_TITLE}"' in body
    assert any(
        link.startswith(f"Objectif {untranslated.number} : " + MARK.format(untranslated.title))
        for link in links_to(body, untranslated.number)
    )


def test_search_results_title_an_objective_in_the_readers_language(client, two_objectives):
    _mechanism, translated, untranslated = two_objectives
    body = client.get("/fr/search/", {"q": untranslated.title, "kind": "objective"}).content
    hits = re.findall(r'<a class="hit-title" href="[^"]*">(.*?)</a>', body.decode(), re.S)
    assert f"Objectif {untranslated.number} : " + MARK.format(untranslated.title) in " ".join(hits)
    body = client.get("/fr/search/", {"q": translated.title, "kind": "objective"}).content
    hits = re.findall(r'<a class="hit-title" href="[^"]*">(.*?)</a>', body.decode(), re.S)
    assert f"Objectif {translated.number} : {FRENCH_TITLE}" in hits


def test_the_directory_filter_options_mark_an_english_title(client, two_objectives):
    _mechanism, translated, untranslated = two_objectives
    body = client.get("/fr/mechanisms/").content.decode()
    options = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', body))
    assert options[str(translated.number)] == f"{translated.number}. {FRENCH_TITLE}"
    assert options[str(untranslated.number)] == (
        f"{untranslated.number}. {untranslated.title} (non traduit)"
    )


def test_the_api_gives_a_mechanisms_objectives_their_translated_titles(client, two_objectives):
    mechanism, translated, untranslated = two_objectives
    url = f"/api/v1/mechanisms/{mechanism.slug}/?lang=fr"
    links = {o["objective"]: o["title"] for o in client.get(url).json()["objective_links"]}
    assert links[translated.number] == FRENCH_TITLE
    assert links[untranslated.number] == untranslated.title


def test_organisations_on_region_pages_and_profiles_show_their_translated_names(client):
    """Regression: organisations were printed by ``__str__`` (English, unmarked) although
    editors can give them French and Spanish names."""
    from mechanisms.models import Organization

    partner = (
        Organization.objects.filter(partner_of__isnull=False, regions__isnull=False)
        .order_by("slug")
        .first()
    )
    partner.name_fr = "Organisation traduite"
    partner.save()
    mechanism = partner.partner_of.order_by("slug").first()
    body = client.get(f"/fr{mechanism.get_absolute_url()}").content.decode()
    prefix = f"{partner.acronym} — " if partner.acronym else ""
    assert f"{prefix}Organisation traduite" in body
    region = partner.regions.order_by("slug").first()
    page = client.get(f"/fr{region.get_absolute_url()}").content.decode()
    assert f"{prefix}Organisation traduite" in page
    other = region.organizations.exclude(pk=partner.pk).order_by("slug").first()
    assert MARK.format(other.name) in page
    english = client.get(mechanism.get_absolute_url()).content.decode()
    assert "Organisation traduite" not in english and partner.name in english


def test_a_french_objective_title_is_searched(client, two_objectives):
    _mechanism, translated, _untranslated = two_objectives
    body = client.get("/fr/search/?q=ventil%C3%A9es&kind=objective").content.decode()
    assert f"/objectives/{translated.number}/" in body
    assert FRENCH_TITLE in body
    # The English search finds it by the English title as before.
    word = max(translated.title.split(), key=len)
    english = client.get(f"/search/?q={word}&kind=objective").content.decode()
    assert f"/objectives/{translated.number}/" in english
