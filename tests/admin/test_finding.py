"""Finding records: by any name, with the match shown; compact filters; English labels."""

import pytest
from django.apps import apps

from gcm.models import MechanismObjective, Reference
from mechanisms.models import Mechanism

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def test_mechanism_search_finds_a_former_name_and_says_so(admin_client, records):
    """Regression (issue 15): "Puebla" found RCM, but the row never showed why."""
    response = admin_client.get(admin_url(Mechanism, "changelist"), {"q": "old test"})
    assert list(response.context["cl"].result_list) == [records.mechanism]
    assert "<th" in response.text and "Matched" in response.text
    assert "Other name: Old Test Process" in response.text


def test_seeded_former_name_finds_rcm(admin_client):
    response = admin_client.get(admin_url(Mechanism, "changelist"), {"q": "Puebla"})
    found = list(response.context["cl"].result_list)
    assert [m.slug for m in found] == ["rcm"]
    assert "Puebla" in response.text.split("Matched", 1)[1]


def test_reference_search_finds_references_naming_a_mechanism(admin_client, records):
    quoted = Reference.objects.create(
        document=records.gcm,
        paragraph="40",
        paragraph_number=40,
        wording="another wording",
        quote="as the TSTN forum proposed",
        group="iscm",
    )
    response = admin_client.get(admin_url(Reference, "changelist"), {"q": "TSTN"})
    found = set(response.context["cl"].result_list)
    assert found == {records.reference, quoted}  # linked to the mechanism, or quoting it
    assert "Names mechanism: TSTN" in response.text
    assert "Quote: as the TSTN forum proposed" in response.text


def test_seeded_gfmd_references_are_all_found(admin_client):
    gfmd = Mechanism.objects.get(slug="gfmd")
    naming = Reference.objects.filter(mechanisms=gfmd).values_list("pk", flat=True)
    quoting = Reference.objects.filter(quote__icontains="GFMD").values_list("pk", flat=True)
    response = admin_client.get(admin_url(Reference, "changelist"), {"q": "GFMD", "all": ""})
    found = {r.pk for r in response.context["cl"].result_list}
    assert set(naming) | set(quoting) <= found
    assert len(found) > 3


def test_references_filter_by_mechanism_in_a_folded_filter(admin_client, records):
    url = admin_url(Reference, "changelist")
    response = admin_client.get(url, {"mechanisms__id__exact": records.named.pk})
    assert list(response.context["cl"].result_list) == [records.reference]
    text = response.text
    assert 'class="registry-compact-filter"' in text
    assert "By objective:" in text and "By mechanisms:" in text
    # Folded: the long objective list is not open on arrival.
    assert '<details data-filter-title="objective" class="registry-compact-filter">' in text


def test_labels_read_as_english(admin_client):
    assert MechanismObjective._meta.verbose_name_plural == "objectives mechanisms work on"
    assert apps.get_app_config("gcm").verbose_name == "GCM"
    index = admin_client.get("/admin/").text
    assert "Objectives mechanisms work on" in index
    assert "works ons" not in index
    assert ">GCM<" in index
