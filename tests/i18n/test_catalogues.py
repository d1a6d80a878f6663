"""The French and Spanish catalogues: complete, never fuzzy, placeholders intact, compiled."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.management.commands.compile_catalogues import compiled

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("fr", "es")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(language):
    po = catalogue(language)
    assert len(po) > 500  # the interface's strings, not an empty file
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    empty_plurals = [
        e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.get(i) for i in (0, 1))
    ]
    assert untranslated == [], f"{language}: untranslated: {untranslated[:10]}"
    assert fuzzy == [], f"{language}: fuzzy: {fuzzy[:10]}"
    assert empty_plurals == [], f"{language}: plural forms missing: {empty_plurals[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_obsolete(language):
    """makemessages keeps a text it no longer finds as an obsolete ``#~`` entry, out of the
    compiled catalogue. Either the text is gone (delete the entry) or the code hides it from
    makemessages (a regression: ``_translated("kept")`` in a template tag left the compact
    overview's change labels English on French pages; call ``gettext("kept")`` itself)."""
    obsolete = [e.msgid for e in catalogue(language).obsolete_entries()]
    assert obsolete == [], f"{language}: obsolete: {obsolete[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_markup(language):
    """A translation that drops %(name)s or an HTML tag would break the page or raise."""
    wrong = []
    for entry in catalogue(language):
        if entry.obsolete:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        targets = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        tags = sorted(re.findall(r"</?\w+", entry.msgid))
        for target in targets:
            if set(PLACEHOLDER.findall(target)) - wanted or (
                not entry.msgid_plural and set(PLACEHOLDER.findall(target)) != wanted
            ):
                wrong.append((entry.msgid, target))
            if sorted(re.findall(r"</?\w+", target)) != tags:
                wrong.append((entry.msgid, target))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_is_current(language):
    """The committed .mo is exactly what its .po compiles to (manage.py compile_catalogues)."""
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), "run manage.py compile_catalogues"
    assert mo_path.read_bytes() == compiled(po_path), "stale .mo: run compile_catalogues"
    with mo_path.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("Mechanism directory") != "Mechanism directory"


def test_every_template_string_is_in_the_catalogue():
    """A {% translate %} added to a template without running makemessages fails here."""
    msgids = {e.msgid for e in catalogue("fr")}
    pattern = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""")
    missing = []
    for root in [
        Path(settings.BASE_DIR) / "templates",
        *Path(settings.BASE_DIR).glob("*/templates"),
    ]:
        for path in root.rglob("*.html"):
            for _quote, text in pattern.findall(path.read_text()):
                if text not in msgids:
                    missing.append((str(path.relative_to(settings.BASE_DIR)), text))
    assert missing == [], f"run makemessages -l fr -l es and translate: {missing[:10]}"
