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


# --- Change pages with inlines (issue 15: question 18 ran 112 queries, the 2021 survey 158,
# GRCP 9 137): a fixed number of queries however many inline rows, and at most 40. --------

CHANGE_PAGE_MAX_QUERIES = 40


def change_page_queries(client, obj):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(obj, "change"))
    assert response.status_code == 200
    return len(queries)


def grow_question(records, count, start):
    from surveys.models import Choice

    note = Document.objects.get(slug="iom-note-final-gcm")
    for i in range(start, start + count):
        choice = Choice.objects.create(
            question=records.question,
            position=i,
            label=f"Option {i}",
            mechanism=records.mechanism,
            objective=records.objective,
            principle=records.principle,
        )
        choice.sources.add(note)
    return records.question


def grow_survey(records, count, start):
    from surveys.models import Invitation

    note = Document.objects.get(slug="iom-note-final-gcm")
    for i in range(start, start + count):
        mechanism = Mechanism.objects.create(slug=f"test-inv-{i}", name=f"Invited {i}")
        Invitation.objects.create(survey=records.survey, mechanism=mechanism).sources.add(note)
    return records.survey


def grow_meeting(records, count, start):
    from mechanisms.models import Participation

    note = Document.objects.get(slug="iom-note-final-gcm")
    for i in range(start, start + count):
        mechanism = Mechanism.objects.create(slug=f"test-part-{i}", name=f"Taking part {i}")
        Participation.objects.create(meeting=records.meeting, mechanism=mechanism).sources.add(note)
    return records.meeting


def grow_mechanism(records, count, start):
    from gcm.models import Objective
    from mechanisms.models import MechanismName

    note = Document.objects.get(slug="iom-note-final-gcm")
    for i in range(start, start + count):
        name = MechanismName.objects.create(
            mechanism=records.mechanism, name=f"Old name {i}", kind="former"
        )
        name.sources.add(note)
    for objective in Objective.objects.exclude(pk=records.objective.pk)[: count // 2]:
        records.mechanism.objective_links.create(objective=objective, statement="s")
    return records.mechanism


@pytest.mark.parametrize(
    "grow",
    [grow_question, grow_survey, grow_meeting, grow_mechanism],
    ids=["question with choices", "survey with invitations", "GRCP meeting", "mechanism"],
)
def test_change_page_query_count_does_not_grow_with_inline_rows(
    admin_client, django_assert_max_num_queries, records, grow
):
    obj = grow(records, 1, start=1)
    change_page_queries(admin_client, obj)  # warm the per-process caches (content types)
    with django_assert_max_num_queries(CHANGE_PAGE_MAX_QUERIES):
        few = change_page_queries(admin_client, obj)

    grow(records, 30, start=100)
    with django_assert_max_num_queries(CHANGE_PAGE_MAX_QUERIES):
        many = change_page_queries(admin_client, obj)

    assert many == few


def test_history_page_query_count_does_not_grow_with_versions(
    admin_client, django_assert_max_num_queries, records
):
    mechanism = records.mechanism
    with CaptureQueriesContext(connection) as first:
        admin_client.get(admin_url(mechanism, "history"))
    for i in range(20):
        mechanism.name = f"Test Process {i}"
        mechanism.save()
    with django_assert_max_num_queries(len(first) + 2):
        response = admin_client.get(admin_url(mechanism, "history"))
    assert response.status_code == 200
