"""Drafts and personal data stay private (issue 14, items 7 and 8).

A draft is seen only by its mechanism's secretariat and staff; an answer to a question that
asks for personal data (the 2021 questionnaire's name, institution and position of the
official who filled it in) only by them too, and never on a public page, in the API or in
the dump.
"""

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from mechanisms.models import Mechanism
from secretariats.models import Membership
from surveys.models import Answer, Question, Response, Survey

pytestmark = pytest.mark.django_db

OFFICIAL = "Ms Jane Official-Privacy"


@pytest.fixture
def survey():
    return Survey.objects.get(slug="imrf-inputs-2021")


@pytest.fixture
def draft(survey):
    """A draft response by a mechanism that has no submitted one."""
    mechanism = Mechanism.objects.create(slug="draft-only", name="Draft Only Process", kind="rcp")
    return Response.objects.create(survey=survey, mechanism=mechanism, status="draft")


@pytest.fixture
def named(survey):
    """A submitted response whose Q3 names the official who filled it in."""
    response = Response.objects.filter(survey=survey, status="submitted").first()
    Answer.objects.update_or_create(
        response=response, question=survey.questions.get(number=3), defaults={"text": OFFICIAL}
    )
    return response


def member_of(django_user_model, mechanism):
    user = django_user_model.objects.create_user("sec-privacy", password="sec-pass-123")
    Membership.objects.create(user=user, mechanism=mechanism, role="representative")
    return user


def test_the_2021_respondent_questions_are_marked_personal(survey):
    marked = Question.objects.filter(survey=survey, personal_data=True)
    assert sorted(marked.values_list("number", flat=True)) == [3, 4, 5]


# --- Drafts ---------------------------------------------------------------------------


def test_the_mechanism_api_does_not_list_a_draft(draft):
    """Regression: /api/v1/mechanisms/<slug>/ listed a draft response's id and status."""
    body = APIClient().get("/api/v1/mechanisms/draft-only/").json()
    assert body["responses"] == []


def test_the_mechanism_api_lists_a_draft_to_its_secretariat_and_staff(
    draft, django_user_model, viewer
):
    api = APIClient()
    api.force_authenticate(member_of(django_user_model, draft.mechanism))
    assert [r["status"] for r in api.get("/api/v1/mechanisms/draft-only/").json()["responses"]] == [
        "draft"
    ]
    api.force_authenticate(viewer)
    assert len(api.get("/api/v1/mechanisms/draft-only/").json()["responses"]) == 1


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_survey_filter_does_not_count_a_draft(draft, survey, fmt):
    """Regression: ?survey= counted mechanisms with only a draft."""
    response = APIClient().get(
        "/api/v1/mechanisms/", {"survey": survey.slug, "page_size": 500, "format": fmt}
    )
    assert b"draft-only" not in response.content
    if fmt == "json":
        submitted = Response.objects.filter(survey=survey, status="submitted")
        assert response.json()["count"] == submitted.values("mechanism").distinct().count()


def test_drafts_stay_out_of_responses_pages_and_dump(client, draft, survey):
    assert b"draft-only" not in APIClient().get("/api/v1/responses/?page_size=500").content
    assert b"Draft Only" not in client.get(f"/surveys/{survey.slug}/").content
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/api/v1/dump/").streaming_content)))
    data = json.loads(archive.read("data.json"))
    assert not [
        r for r in data if r["model"] == "surveys.response" and r["fields"]["status"] == "draft"
    ]


# --- Personal data ----------------------------------------------------------------------


def test_personal_answers_are_not_on_the_results_page_or_api(client, named, survey):
    """Regression: the results page and the API showed the official's name."""
    assert OFFICIAL not in client.get(f"/surveys/{survey.slug}/").content.decode()
    assert OFFICIAL not in client.get(f"/api/v1/surveys/{survey.slug}/results/").content.decode()
    assert OFFICIAL not in client.get("/api/v1/responses/?page_size=500").content.decode()
    assert (
        OFFICIAL not in client.get("/api/v1/responses/?page_size=500&format=csv").content.decode()
    )


def test_personal_answers_are_not_in_the_api_even_for_staff(named, editor):
    api = APIClient()
    api.force_authenticate(editor)
    assert OFFICIAL not in api.get(f"/api/v1/responses/{named.pk}/").content.decode()


def test_personal_answers_are_not_in_the_dump(client, named):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get("/api/v1/dump/").streaming_content)))
    for name in archive.namelist():
        assert OFFICIAL not in archive.read(name).decode(), name


def test_the_mechanism_page_shows_personal_answers_only_to_staff_and_its_secretariat(
    client, named, django_user_model, viewer
):
    url = f"/mechanisms/{named.mechanism.slug}/"
    assert OFFICIAL not in client.get(url).content.decode()
    other = Mechanism.objects.exclude(pk=named.mechanism.pk).first()
    outsider = django_user_model.objects.create_user("outsider", password="x-pass-123")
    Membership.objects.create(user=outsider, mechanism=other, role="representative")
    client.force_login(outsider)
    assert OFFICIAL not in client.get(url).content.decode()
    client.force_login(member_of(django_user_model, named.mechanism))
    assert OFFICIAL in client.get(url).content.decode()
    viewer.is_staff = True
    viewer.save()
    client.force_login(viewer)
    assert Group.objects.get(name="Viewers") in viewer.groups.all()
    assert OFFICIAL in client.get(url).content.decode()
