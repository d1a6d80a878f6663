"""Changelists run a fixed number of queries, however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcm.models import Reference
from mechanisms.models import Mechanism, Organization, Region
from sources.models import Document

from .conftest import admin_url

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def add_mechanisms(count, start):
    note = Document.objects.get(slug="iom-note-final-gcm")
    region = Region.objects.create(slug=f"test-region-{start}", name=f"Region {start}")
    org = Organization.objects.create(slug=f"test-org-{start}", name=f"Org {start}", kind="igo")
    for i in range(start, start + count):
        mechanism = Mechanism.objects.create(
            slug=f"test-m-{i}", name=f"Test mechanism {i}", secretariat_organization=org
        )
        mechanism.regions.add(region)
        mechanism.sources.add(note)
        mechanism.partners.add(org)


def add_references(count, start):
    note = Document.objects.get(slug="iom-note-final-gcm")
    text = Document.objects.create(slug=f"test-text-{start}", title=f"Text {start}", kind="draft")
    mechanism = Mechanism.objects.create(slug=f"test-named-{start}", name=f"Named {start}")
    for i in range(start, start + count):
        reference = Reference.objects.create(
            document=text,
            paragraph=str(i),
            paragraph_number=i,
            wording=f"wording {i}",
            group="iscm",
        )
        reference.mechanisms.add(mechanism)
        reference.sources.add(note)


def changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"), {"all": ""})
    assert response.status_code == 200
    return len(queries), response.context["cl"].result_count


@pytest.mark.parametrize(
    ("model", "add_rows"), [(Mechanism, add_mechanisms), (Reference, add_references)]
)
def test_changelist_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries, model, add_rows
):
    add_rows(1, start=1)
    with django_assert_max_num_queries(MAX_QUERIES):
        few, shown_few = changelist_queries(admin_client, model)

    add_rows(25, start=100)
    with django_assert_max_num_queries(MAX_QUERIES):
        many, shown_many = changelist_queries(admin_client, model)

    assert shown_many == shown_few + 25
    assert many == few
