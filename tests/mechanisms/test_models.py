"""Database constraints of the mechanisms app: bad values are refused by the database itself."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from mechanisms.models import (
    Mechanism,
    MechanismName,
    Meeting,
    Organization,
    Participation,
    Region,
)

pytestmark = pytest.mark.django_db


def refused(create):
    """True when the database refuses the write (the transaction stays usable)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize("kind", ["RCP", "regional", "x" * 10])
def test_unknown_mechanism_kind_is_refused(kind):
    assert refused(lambda: Mechanism.objects.create(slug="t-kind", name="Test", kind=kind))


@pytest.mark.parametrize("status", ["inactive", "Active", "closed"])
def test_unknown_mechanism_status_is_refused(status):
    assert refused(lambda: Mechanism.objects.create(slug="t-status", name="Test", status=status))


def test_known_kind_and_status_and_empty_ones_are_accepted():
    """A kind or status no note states stays empty, so empty must be allowed."""
    Mechanism.objects.create(slug="t-empty", name="Test")
    Mechanism.objects.create(slug="t-full", name="Test 2", kind="irf", status="dormant")
    assert Mechanism.objects.filter(slug__in=["t-empty", "t-full"]).count() == 2


def test_implausible_year_established_is_refused():
    assert refused(
        lambda: Mechanism.objects.create(slug="t-year", name="Test", year_established=1492)
    )


def test_duplicate_acronym_within_a_kind_is_refused():
    Mechanism.objects.create(slug="t-one", name="Test One", acronym="TST", kind="rcp")
    assert refused(
        lambda: Mechanism.objects.create(slug="t-two", name="Test Two", acronym="TST", kind="rcp")
    )


def test_seeded_acronym_cannot_be_reused_within_its_kind():
    rcm = Mechanism.objects.get(slug="rcm")
    assert refused(
        lambda: Mechanism.objects.create(
            slug="t-rcm", name="Another RCM", acronym=rcm.acronym, kind=rcm.kind
        )
    )


def test_same_acronym_in_another_kind_and_empty_acronyms_are_allowed():
    Mechanism.objects.create(slug="t-rcp", name="Test One", acronym="TST", kind="rcp")
    Mechanism.objects.create(slug="t-irf", name="Test Two", acronym="TST", kind="irf")
    Mechanism.objects.create(slug="t-a", name="No acronym A", kind="rcp")
    Mechanism.objects.create(slug="t-b", name="No acronym B", kind="rcp")
    assert Mechanism.objects.filter(slug__startswith="t-").count() == 4


def test_duplicate_slug_is_refused():
    assert refused(lambda: Mechanism.objects.create(slug="pidc", name="Another PIDC"))


def test_unknown_organization_kind_is_refused():
    assert refused(lambda: Organization.objects.create(slug="t-org", name="Test", kind="ngo"))


def test_mechanism_name_kind_and_uniqueness():
    pidc = Mechanism.objects.get(slug="pidc")
    assert refused(lambda: MechanismName.objects.create(mechanism=pidc, name="X", kind="nick"))
    existing = pidc.names.first()
    assert refused(
        lambda: MechanismName.objects.create(mechanism=pidc, name=existing.name, kind="former")
    )


def test_one_participation_per_meeting_per_mechanism():
    meeting = Meeting.objects.get(number=9)
    pidc = Mechanism.objects.get(slug="pidc")
    assert Participation.objects.filter(meeting=meeting, mechanism=pidc).count() == 1
    assert refused(lambda: Participation.objects.create(meeting=meeting, mechanism=pidc))
    # The same mechanism may take part in another meeting.
    Participation.objects.create(meeting=Meeting.objects.get(number=8), mechanism=pidc)


def test_meeting_number_must_be_positive_and_unique():
    assert refused(lambda: Meeting.objects.create(number=0, title="Zeroth"))
    assert refused(lambda: Meeting.objects.create(number=9, title="Another ninth"))


def test_natural_keys_find_seeded_records():
    assert Mechanism.objects.get_by_natural_key("pidc").acronym == "PIDC"
    assert Region.objects.get_by_natural_key("africa").name == "Africa"
    assert Meeting.objects.get_by_natural_key(9).year == 2021
    participation = Participation.objects.get_by_natural_key(9, "sacm")
    assert participation.natural_key() == (9, "sacm")
    name = MechanismName.objects.get_by_natural_key("rcm", "Puebla Process")
    assert name.natural_key() == ("rcm", "Puebla Process")


def test_referenced_organization_cannot_be_deleted():
    """A secretariat organization is reference data: deleting it would orphan facts."""
    with pytest.raises(ProtectedError), transaction.atomic():
        Organization.objects.get(slug="icmpd").delete()
    assert Organization.objects.filter(slug="icmpd").exists()
