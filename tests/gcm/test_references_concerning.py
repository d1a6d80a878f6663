"""The places in the compact texts that concern a mechanism: those linked to it and those
whose wording names its kind, each once (PostgreSQL finds them through two indexes)."""

import pytest

from gcm.models import Reference
from gcm.references import KIND_WORDINGS, references_concerning
from mechanisms.models import Mechanism

pytestmark = pytest.mark.django_db


def expected(mechanism) -> set[int]:
    fragments = KIND_WORDINGS.get(mechanism.kind, ())
    return {
        reference.pk
        for reference in Reference.objects.prefetch_related("mechanisms")
        if mechanism in reference.mechanisms.all()
        or any(fragment in reference.wording.lower() for fragment in fragments)
    }


def test_every_seeded_mechanism_gets_its_linked_and_kind_named_references_once():
    checked = 0
    for mechanism in Mechanism.objects.all():
        found = [reference.pk for reference in references_concerning(mechanism)]
        assert len(found) == len(set(found)), mechanism.slug
        assert set(found) == expected(mechanism), mechanism.slug
        checked += bool(found)
    assert checked > 10  # the seed links and names enough of them to mean something


def test_a_wording_naming_the_kind_in_capitals_counts():
    rcp = Mechanism.objects.filter(kind="rcp").first()
    reference = Reference.objects.exclude(mechanisms=rcp).first()
    reference.wording = "REGIONAL CONSULTATIVE PROCESS on migration"
    reference.save()
    assert reference.pk in {r.pk for r in references_concerning(rcp)}
