"""The seeded States, memberships and membership sizes agree with the notes' own text."""

import re

import pytest
from django_countries import countries

from countries.models import Country, Membership, MembershipFigure
from events.models import PublicRole
from mechanisms.models import Mechanism
from tests.notes_text import NOTE_004, in_any, note

pytestmark = pytest.mark.django_db

CHAIR_ROLES = {"chair", "co-chair", "incoming-chair", "former-chair", "secretariat"}


def spellings(country):
    return [country.name, *filter(None, country.printed_names.split("; "))]


def labels(mechanism):
    names = [mechanism.name, mechanism.acronym, *(n.name for n in mechanism.names.all())]
    return [n for n in names + [n.acronym for n in mechanism.names.all()] if n]


def test_every_state_is_an_iso_country_named_in_a_note_it_cites():
    seeded = list(Country.objects.prefetch_related("sources"))
    assert len(seeded) >= 20
    for country in seeded:
        assert country.code.code in dict(countries), country
        sources = list(country.sources.all())
        assert sources, country
        assert any(in_any(sources, name) for name in spellings(country)), country


def test_states_carry_french_and_spanish_names():
    chile = Country.objects.get(code="CL")
    assert (chile.name, chile.name_in("fr"), chile.name_in("es")) == ("Chile", "Chili", "Chile")
    assert Country.objects.get(code="CZ").printed_names == "Czech Republic"


def test_each_membership_quotes_its_note_naming_the_state_and_the_mechanism():
    memberships = list(
        Membership.objects.select_related("country", "mechanism").prefetch_related(
            "sources", "mechanism__names"
        )
    )
    assert len(memberships) == 20
    for membership in memberships:
        sources = list(membership.sources.all())
        assert sources and in_any(sources, membership.quote), membership
        assert any(name in membership.quote for name in spellings(membership.country)), membership
        # Where the quoted words do not name the mechanism, the note says where they stand.
        where = membership.quote + " " + membership.note
        assert any(label in where for label in labels(membership.mechanism)), membership


@pytest.mark.parametrize(
    ("code", "mechanism", "role"),
    [
        ("CL", "sacm", "chair"),
        ("AR", "sacm", "former-chair"),
        ("AU", "bali-process", "co-chair"),
        ("ID", "bali-process", "co-chair"),
        ("FR", "gfmd", "incoming-chair"),
        ("JM", "cmc", "incoming-chair"),
        ("MA", "gfmd", "co-chair"),
        ("TR", "almaty-process", "chair"),
        ("TR", "budapest-process", "chair"),
        ("SD", "mid-igad", "chair"),
        ("SD", "au-hoai", "chair"),
        ("DO", "riam", "chair"),
    ],
)
def test_roles_the_notes_give(code, mechanism, role):
    assert Membership.objects.get_by_natural_key(code, mechanism, role)


def test_every_chair_in_004s_participant_list_has_its_state_as_chair():
    """A participant whose entry says Chair, Co-Chair or incoming Chair and names the State
    they serve: that State holds the role in the mechanism."""
    rows = PublicRole.objects.filter(kind="participant", country__isnull=False).select_related(
        "country", "mechanism"
    )
    chairs = [r for r in rows if re.search(r"\bChair\b", r.printed + " " + r.position)]
    assert len(chairs) >= 20
    held = set(
        Membership.objects.filter(role__in=CHAIR_ROLES).values_list(
            "country__code", "mechanism__slug"
        )
    )
    for row in chairs:
        assert (str(row.country.code), row.mechanism.slug) in held, row


def test_sizes_without_a_list_are_figures_not_members():
    text = note(NOTE_004)
    figures = list(MembershipFigure.objects.select_related("mechanism").prefetch_related("sources"))
    assert len(figures) == 2
    for figure in figures:
        assert in_any(figure.sources.all(), figure.quote), figure
        assert str(figure.value) in figure.quote
        assert figure.approximate == ("almost" in figure.quote)
        # No invented list: the mechanism has no member States seeded.
        assert not figure.mechanism.country_memberships.filter(role="member").exists()
    prague = MembershipFigure.objects.get_by_natural_key("prague-process", "thematic-consultations")
    assert prague.value == int(re.search(r"thematic consultations with (\d+) States", text)[1])
    budapest = MembershipFigure.objects.get_by_natural_key(
        "budapest-process", "reference-group-meeting"
    )
    assert budapest.value == int(re.search(r"comprises of almost (\d+) countries", text)[1])


def test_no_membership_names_a_mechanism_the_registry_lacks():
    assert not Membership.objects.exclude(mechanism__in=Mechanism.objects.all()).exists()
