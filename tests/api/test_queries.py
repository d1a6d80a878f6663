"""No N+1: every list and detail endpoint runs as many queries for 25 extra rows as for 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import factories

# (endpoint, factory, lookup attribute of the detail URL, query ceiling with one extra row)
ENDPOINTS = [
    ("mechanisms", factories.mechanism, "slug", 12),
    ("regions", factories.region, "slug", 6),
    ("organizations", factories.organization, "slug", 6),
    ("meetings", factories.meeting, "number", 6),
    ("objectives", None, "number", 6),
    ("principles", None, "letter", 6),
    ("documents", factories.document, "slug", 6),
    ("sources", factories.source, "slug", 6),
    ("references", factories.reference, "pk", 8),
    ("reference-quotes", factories.reference_quote, "pk", 6),
    ("entry-points", factories.entry_point, "pk", 6),
    ("stakeholder-engagements", factories.stakeholder_engagement, "pk", 6),
    ("surveys", factories.survey, "slug", 6),
    ("questions", factories.question, "pk", 6),
    ("responses", factories.response, "pk", 10),
    ("published-figures", factories.published_figure, "pk", 6),
]


def _count(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "factory", "key", "ceiling"), ENDPOINTS)
def test_list_query_count_does_not_grow(
    api, django_assert_max_num_queries, endpoint, factory, key, ceiling
):
    url = f"/api/v1/{endpoint}/?page_size=500"
    if factory:
        factory()
    with_one = _count(api, url)
    assert with_one <= ceiling
    if factory:
        for _ in range(24):
            factory()
    with django_assert_max_num_queries(with_one):
        response = api.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "factory", "key", "ceiling"), ENDPOINTS)
def test_detail_query_count_does_not_grow(
    api, django_assert_max_num_queries, endpoint, factory, key, ceiling
):
    if factory:
        obj = factory()
        lookup = getattr(obj, key)
    else:
        lookup = {"number": 1, "letter": "a"}[key]
    url = f"/api/v1/{endpoint}/{lookup}/"
    with_one = _count(api, url)
    assert with_one <= ceiling + 6
    if factory:
        for _ in range(24):
            factory()
    with django_assert_max_num_queries(with_one):
        api.get(url)


@pytest.mark.django_db
def test_mechanism_detail_query_count_does_not_grow_with_its_relations(
    api, django_assert_max_num_queries
):
    """The detail lists names, references, responses, meetings: 1 or 25 of each, same cost."""
    mechanism = factories.mechanism()
    factories.reference().mechanisms.add(mechanism)
    factories.response(mechanism_obj=mechanism)
    factories.meeting().participations.create(mechanism=mechanism, role="speaker")
    url = f"/api/v1/mechanisms/{mechanism.slug}/"
    with_one = _count(api, url)
    for _ in range(24):
        factories.reference().mechanisms.add(mechanism)
        factories.response(mechanism_obj=mechanism)
        factories.meeting().participations.create(mechanism=mechanism, role="speaker")
    with django_assert_max_num_queries(with_one):
        response = api.get(url)
    assert len(response.json()["references"]) == 25
    assert len(response.json()["responses"]) == 25
    assert len(response.json()["participations"]) == 25


@pytest.mark.django_db
def test_survey_results_query_count_does_not_grow(api, django_assert_max_num_queries):
    survey = factories.survey()
    question = factories.question(survey)
    factories.response(survey_obj=survey, question_obj=question)
    url = f"/api/v1/surveys/{survey.slug}/results/"
    with_one = _count(api, url)
    for _ in range(24):
        factories.response(survey_obj=survey, question_obj=question)
    with django_assert_max_num_queries(with_one):
        response = api.get(url)
    assert response.json()["respondents"] == 25
