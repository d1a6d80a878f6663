"""Issue 10, item 8: every seeded value of the mechanisms app is one a note gives.

Names, acronyms, statuses, years and web addresses are looked up in the notes each record
cites; a value known only from outside the notes stays empty.
"""

import re
from functools import cache
from urllib.parse import urlparse

import pytest

from mechanisms.models import Mechanism, MechanismName, Meeting, Organization
from sources.models import Document
from sources.notes import read_note

pytestmark = pytest.mark.django_db


@cache
def raw(slug: str) -> str:
    return read_note(Document.objects.get(slug=slug).seed_file)


@cache
def flat(slug: str) -> str:
    """Whitespace collapsed, markdown links reduced to their text, escapes dropped."""
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", raw(slug)).replace("\\", "").replace("**", "")
    return " ".join(text.split())


@cache
def cells(slug: str) -> tuple[str, ...]:
    """The note's table cells and lines: 001's matrix breaks a name over two page tables."""
    parts = re.split(r"\s*(?:\||<br\s*/?>|\t|\n|<[^>]+>)\s*", raw(slug))
    return tuple(p.strip() for p in parts if p.strip())


def printed_in(name: str, slug: str) -> bool:
    """``name`` occurs in the note, or ends one cell and goes on at the start of another."""
    if name in flat(slug):
        return True
    words = name.split(" ")
    for i in range(1, len(words)):
        head, tail = " ".join(words[:i]), " ".join(words[i:])
        if any(c.endswith(head) for c in cells(slug)) and any(
            c.startswith(tail) for c in cells(slug)
        ):
            return True
    return False


def test_the_imrf_is_not_active_as_no_note_says_so():
    imrf = Mechanism.objects.get(slug="imrf")
    assert imrf.status == ""
    assert "first IMRF in 2022" in flat("iom-grcp9-summary-report-2021")


def test_every_organization_name_and_acronym_is_printed_in_a_note_it_cites():
    """An organization's expanded name no note gives came back (issue 10, item 8: ILO)."""
    organizations = Organization.objects.prefetch_related("sources")
    assert organizations.count() > 40
    for org in organizations:
        slugs = [s.slug for s in org.sources.all()]
        assert any(printed_in(org.name, s) for s in slugs), f"{org.slug}: {org.name!r}"
        if org.acronym:
            assert any(org.acronym in flat(s) for s in slugs), f"{org.slug}: {org.acronym!r}"
    assert Organization.objects.get(slug="ilo").name == "ILO"
    notes = Document.objects.notes().values_list("slug", flat=True)
    assert not any("International Labour Organization" in flat(s) for s in notes)


def test_every_mechanism_name_and_acronym_is_printed_in_a_note_it_cites():
    for mechanism in Mechanism.objects.prefetch_related("sources"):
        slugs = [s.slug for s in mechanism.sources.all()]
        assert any(printed_in(mechanism.name, s) for s in slugs), mechanism.slug
        if mechanism.acronym:
            assert any(mechanism.acronym in flat(s) for s in slugs), mechanism.slug


def test_years_and_web_addresses_are_those_the_notes_print():
    for mechanism in Mechanism.objects.exclude(year_established=None):
        text = " ".join(flat(s.slug) for s in mechanism.sources.all())
        assert re.search(rf"{mechanism.name}, launched in {mechanism.year_established}", text)
    for record in [*Mechanism.objects.exclude(website=""), *Meeting.objects.exclude(website="")]:
        address = urlparse(record.website)
        printed = address.netloc + address.path.rstrip("/")
        assert any(printed in raw(s.slug) for s in record.sources.all()), record


def test_no_seeded_text_dates_000s_lists_which_000_does_not_date():
    """000 gives no date for its lists of active ISCMs; "(as of 2017)" came from elsewhere."""
    texts = [m.description for m in Mechanism.objects.all()]
    texts += [n.note for n in MechanismName.objects.all()]
    assert not [t for t in texts if re.search(r"000[^.;]*\((?:as of )?2017\)", t)]
    assert "as of 2017" not in flat("iom-note-zero-draft-rev1")
