"""The v1 contract of DESIGN.md: paths, field names and relations by natural key."""

import pytest

from tests.api import factories

pytestmark = pytest.mark.django_db

LIST_FIELDS = {
    "mechanisms": {
        "slug",
        "acronym",
        "name",
        "kind",
        "status",
        "regions",
        "aliases",
        "secretariat",
        "objectives",
        "sources",
    },
    "regions": {"slug", "name", "sources"},
    "organizations": {"slug", "acronym", "name", "kind", "regions", "sources"},
    "meetings": {"number", "year", "title", "participations", "sources"},
    "objectives": {"number", "title"},
    "principles": {"letter", "title"},
    "documents": {"slug", "symbol", "title", "date"},
    "references": {
        "document",
        "paragraph",
        "wording",
        "group",
        "quote",
        "mechanisms",
        "objective",
    },
    "reference-quotes": {"document", "paragraph", "wording", "source", "cited_as", "text"},
    "entry-points": {"document", "objective", "level", "action", "engagement"},
    "stakeholder-engagements": {"document", "group", "objectives"},
    "surveys": {"slug", "title", "year"},
    "questions": {"survey", "number", "text", "kind", "choices"},
    "responses": {"survey", "mechanism", "answers"},
    "published-figures": {"survey", "key", "value", "unit", "basis"},
    "sources": {"slug", "title", "seed_file"},
}


@pytest.mark.parametrize("endpoint", sorted(LIST_FIELDS))
def test_list_is_paginated_with_the_promised_fields(api, endpoint):
    factories.response()  # responses, questions, surveys
    factories.published_figure()
    factories.reference()
    factories.meeting()
    body = api.get(f"/api/v1/{endpoint}/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] >= 1
    assert LIST_FIELDS[endpoint] <= set(body["results"][0])


def test_mechanism_list_renders_relations_by_natural_key(api):
    mechanism = factories.mechanism(slug="apitest-keys")
    rows = api.get("/api/v1/mechanisms/?search=apitest-keys").json()["results"]
    row = next(r for r in rows if r["slug"] == mechanism.slug)
    assert row["regions"] == ["africa"]
    assert row["objectives"] == [10]
    assert row["sources"] == ["iom-note-final-gcm"]
    assert row["aliases"] == [mechanism.names.get().name]
    # Lists stay lean: the detail's heavy parts are not in them.
    assert not {"references", "responses", "names", "participations"} & set(row)


def test_mechanism_detail_carries_everything_known(api):
    mechanism = factories.mechanism()
    reference = factories.reference()
    reference.mechanisms.add(mechanism)
    response = factories.response(mechanism_obj=mechanism)
    meeting = factories.meeting()
    meeting.participations.create(mechanism=mechanism, role="rapporteur")

    body = api.get(f"/api/v1/mechanisms/{mechanism.slug}/").json()

    assert body["slug"] == mechanism.slug
    assert body["names"][0]["kind"] == "former"
    assert body["partners"] == [mechanism.partners.get().slug]
    assert body["objective_links"] == [
        {
            "objective": 10,
            "title": body["objective_links"][0]["title"],
            "statement": "Works on it.",
            "sources": ["iom-note-final-gcm"],
        }
    ]
    assert {
        "id": reference.pk,
        "document": "gcm-final",
        "paragraph": "22",
        "wording": reference.wording,
        "group": "iscm",
        "objective": 6,
    } in body["references"]
    assert body["responses"][0]["survey"] == response.survey.slug
    assert {"meeting": meeting.number, "year": 2030, "role": "rapporteur"} in body["participations"]


def test_seeded_mechanism_detail_by_slug(api):
    body = api.get("/api/v1/mechanisms/gfmd/").json()
    assert body["slug"] == "gfmd"
    assert body["kind"] == "global"
    assert body["sources"]


def test_objective_detail_by_number_lists_linked_mechanisms(api):
    mechanism = factories.mechanism()
    body = api.get("/api/v1/objectives/10/").json()
    assert body["number"] == 10
    assert {"mechanism": mechanism.slug, "statement": "Works on it."} in body["mechanism_links"]


def test_reference_row(api):
    reference = factories.reference(paragraph="22b", paragraph_number=22)
    body = api.get(f"/api/v1/references/{reference.pk}/").json()
    assert body["document"] == "gcm-final"
    assert body["paragraph"] == "22b"
    assert body["objective"] == 6
    assert body["mechanisms"] == ["gfmd"]


def test_response_carries_answers_by_natural_key(api):
    response = factories.response()
    body = api.get(f"/api/v1/responses/{response.pk}/").json()
    assert body["survey"] == response.survey.slug
    assert body["mechanism"] == response.mechanism.slug
    answer = body["answers"][0]
    assert answer["question"] == 1
    assert answer["choices"] == ["Yes"]
    assert answer["text"] == "Yes indeed."


def test_survey_results_beside_published_figures(api):
    survey = factories.survey()
    figure = factories.published_figure(survey)
    for _ in range(3):
        factories.response(survey_obj=survey, question_obj=figure.question)
    body = api.get(f"/api/v1/surveys/{survey.slug}/results/").json()
    assert body["survey"] == survey.slug
    assert body["respondents"] == 3
    question = next(q for q in body["questions"] if q["number"] == figure.question.number)
    assert question["answered"] == 3
    yes = next(c for c in question["choices"] if c["label"] == "Yes")
    assert yes["count"] == 3
    assert yes["percent"] == "100.00"
    compared = next(f for f in body["figures"] if f["key"] == figure.key)
    assert compared["published"] == "60.00"
    assert compared["computed"] == "100.00"
    assert compared["difference"] == "40.00"


def test_sources_are_the_iom_notes(api):
    slugs = {row["slug"] for row in api.get("/api/v1/sources/").json()["results"]}
    assert "iom-note-final-gcm" in slugs
    assert "gcm-final" not in slugs


def test_unknown_detail_is_404_json(api):
    response = api.get("/api/v1/mechanisms/no-such-mechanism/")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_every_list_row_has_its_id(api):
    """One data shape (issue 16): ids in every list, as in every dump table."""
    from iscm_registry.api import router

    for prefix, _viewset, _basename in router.registry:
        rows = api.get(f"/api/v1/{prefix}/").json()["results"]
        assert rows and "id" in rows[0], prefix
