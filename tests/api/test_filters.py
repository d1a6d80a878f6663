"""Each filter on its own; bad values answer 400 naming the parameter, never a full list."""

import pytest

from gcm.models import Objective
from mechanisms.models import Meeting, Organization, Region
from tests.api import factories
from tests.api.errors import fields

pytestmark = pytest.mark.django_db


def _slugs(api, url, key="slug"):
    response = api.get(url + ("&" if "?" in url else "?") + "page_size=500")
    assert response.status_code == 200, response.content[:300]
    return {row[key] for row in response.json()["results"]}


def test_mechanism_filters_one_by_one(api):
    target = factories.mechanism(kind="irf", status="dormant", year_established=1999)
    other = factories.mechanism(kind="rcp", status="active")
    other.regions.set([Region.objects.get(slug="americas")])
    other.objective_links.all().delete()
    target.regions.add(Region.objects.get(slug="europe-central-asia"))
    partner = factories.organization()
    target.partners.add(partner)
    target.secretariat_organization = partner
    target.save()
    meeting = Meeting.objects.create(number=99, title="Apitest meeting")
    meeting.participations.create(mechanism=target)
    response = factories.response(mechanism_obj=target)
    europe = Region.objects.get(slug="europe-central-asia")
    objective_10 = Objective.objects.get(number=10)

    cases = {
        "kind=irf": True,
        "status=dormant": True,
        "region=europe-central-asia": True,
        f"region_id={europe.pk}": True,
        "objective=10": True,
        f"objective_id={objective_10.pk}": True,
        f"partner={partner.slug}": True,
        f"secretariat_organization={partner.slug}": True,
        "meeting=99": True,
        f"survey={response.survey.slug}": True,
        f"search={target.name}": True,
    }
    for query, _ in cases.items():
        found = _slugs(api, f"/api/v1/mechanisms/?{query}")
        assert target.slug in found, query
        assert other.slug not in found, query


def test_mechanism_filters_combine(api):
    target = factories.mechanism(kind="rcp")
    found = _slugs(api, "/api/v1/mechanisms/?kind=rcp&region=africa&objective=10")
    assert target.slug in found
    assert _slugs(api, "/api/v1/mechanisms/?kind=irf&region=africa&objective=10").isdisjoint(
        {target.slug}
    )


def test_repeated_parameter_is_an_or(api):
    africa = factories.mechanism()
    americas = factories.mechanism()
    americas.regions.set([Region.objects.get(slug="americas")])
    found = _slugs(api, "/api/v1/mechanisms/?region=africa&region=americas")
    assert {africa.slug, americas.slug} <= found


def test_search_finds_former_names(api):
    mechanism = factories.mechanism()
    alias = mechanism.names.get().name
    assert mechanism.slug in _slugs(api, f"/api/v1/mechanisms/?search={alias}")


def test_search_finds_seeded_mechanism_by_name(api):
    assert "budapest-process" in _slugs(api, "/api/v1/mechanisms/?search=Budapest")


def test_ordering(api):
    factories.mechanism(year_established=1990)
    factories.mechanism(year_established=2020)
    rows = api.get("/api/v1/mechanisms/?ordering=-slug&page_size=500").json()["results"]
    slugs = [r["slug"] for r in rows]
    assert slugs == sorted(slugs, reverse=True)
    rows = api.get("/api/v1/mechanisms/?ordering=acronym&page_size=500").json()["results"]
    acronyms = [r["acronym"] for r in rows]
    assert acronyms == sorted(acronyms)


def test_reference_filters_one_by_one(api):
    target = factories.reference(paragraph="22b", paragraph_number=22, group="igo")
    other = factories.reference(
        document=factories.document(), paragraph="47", paragraph_number=47, objective=None
    )
    other.mechanisms.clear()
    gfmd_pk = target.mechanisms.get().pk
    cases = [
        "document=gcm-final",
        f"document_id={target.document_id}",
        "group=igo",
        "mechanism=gfmd",
        f"mechanism_id={gfmd_pk}",
        "objective=6",
        f"objective_id={target.objective_id}",
        "paragraph=22b",
        "paragraph=22",
        f"search={target.wording}",
    ]
    for query in cases:
        found = _slugs(api, f"/api/v1/references/?{query}", key="id")
        assert target.pk in found, query
        assert other.pk not in found, query
    assert other.pk in _slugs(api, "/api/v1/references/?paragraph=47", key="id")


def test_issue_example_reference_query(api):
    reference = factories.reference()
    found = _slugs(
        api, "/api/v1/references/?document=gcm-final&group=iscm&mechanism=gfmd", key="id"
    )
    assert reference.pk in found


@pytest.mark.parametrize(
    ("endpoint", "query", "expected"),
    [
        ("entry-points", "document=gcm-final", lambda row: row["document"] == "gcm-final"),
        ("entry-points", "objective=6", lambda row: row["objective"] == 6),
        ("entry-points", "level=global", lambda row: row["level"] == "global"),
        ("stakeholder-engagements", "group=cso", lambda row: row["group"] == "cso"),
        ("stakeholder-engagements", "objective=3", lambda row: 3 in row["objectives"]),
        (
            "stakeholder-engagements",
            "document=gcm-final",
            lambda row: row["document"] == "gcm-final",
        ),
        ("organizations", "kind=un-rc", lambda row: row["kind"] == "un-rc"),
        ("organizations", "region=africa", lambda row: "africa" in row["regions"]),
        ("documents", "kind=iom-note", lambda row: row["slug"].startswith("iom-")),
        ("objectives", "search=trafficking", lambda row: "rafficking" in row["title"]),
        ("meetings", "year=2021", lambda row: row["year"] == 2021),
    ],
)
def test_seeded_filters(api, endpoint, query, expected):
    rows = api.get(f"/api/v1/{endpoint}/?{query}&page_size=500").json()["results"]
    assert rows, f"{endpoint}?{query} found nothing in the seed"
    assert all(expected(row) for row in rows)
    everything = api.get(f"/api/v1/{endpoint}/?page_size=500").json()["count"]
    assert len(rows) < everything


def test_survey_side_filters(api):
    response = factories.response()
    figure = factories.published_figure(response.survey)
    other = factories.response()
    assert response.pk in _slugs(api, f"/api/v1/responses/?survey={response.survey.slug}", "id")
    assert other.pk not in _slugs(api, f"/api/v1/responses/?survey={response.survey.slug}", "id")
    assert response.pk in _slugs(
        api, f"/api/v1/responses/?mechanism={response.mechanism.slug}", "id"
    )
    assert other.pk not in _slugs(
        api, f"/api/v1/responses/?mechanism={response.mechanism.slug}", "id"
    )
    questions = _slugs(api, f"/api/v1/questions/?survey={response.survey.slug}", "id")
    assert questions == set(response.survey.questions.values_list("pk", flat=True))
    figures = _slugs(api, f"/api/v1/published-figures/?survey={response.survey.slug}", "key")
    assert figures == {figure.key}
    assert figure.key in _slugs(api, "/api/v1/published-figures/?objective=10", "key")


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/mechanisms/?kind=planet", "kind"),
        ("/api/v1/mechanisms/?status=asleep", "status"),
        ("/api/v1/mechanisms/?region=atlantis", "region"),
        ("/api/v1/mechanisms/?objective=24", "objective"),
        ("/api/v1/mechanisms/?objective=ten", "objective"),
        ("/api/v1/mechanisms/?region_id=999999999", "region_id"),
        ("/api/v1/mechanisms/?ordering=password", "ordering"),
        ("/api/v1/mechanisms/?knd=rcp", "knd"),
        ("/api/v1/references/?document=gcm-draft-99", "document"),
        ("/api/v1/references/?group=aliens", "group"),
        ("/api/v1/references/?mechanism=nope", "mechanism"),
        ("/api/v1/references/?paragraph=4%209", "paragraph"),
        ("/api/v1/references/?objective=99999999999999999999", "objective"),
        ("/api/v1/entry-points/?level=local", "level"),
        ("/api/v1/responses/?survey=no-such-survey", "survey"),
        ("/api/v1/organizations/?kind=club", "kind"),
        ("/api/v1/meetings/?year=soon", "year"),
    ],
)
def test_bad_filter_answers_400_naming_it(api, url, parameter):
    response = api.get(url)
    assert response.status_code == 400, response.content[:300]
    assert parameter in fields(response)


def test_organization_unknown_slug_does_not_match_another(api):
    assert Organization.objects.exists()
    assert api.get("/api/v1/mechanisms/?partner=unknown-org").status_code == 400


def test_a_request_builds_only_the_filters_it_names():
    from core.api.filters import narrowed_filterset
    from gcm.filtersets import ReferenceFilterSet

    narrowed = narrowed_filterset(ReferenceFilterSet, frozenset({"document", "search"}))
    assert set(narrowed.base_filters) == {"document", "search"}
    assert narrowed.filter_search is ReferenceFilterSet.filter_search
    # One class per set of names, not one per request.
    assert narrowed is narrowed_filterset(ReferenceFilterSet, frozenset({"search", "document"}))
    assert len(ReferenceFilterSet.base_filters) > 2  # the full set is untouched


def test_narrowed_filters_still_combine(api):
    both = api.get("/api/v1/references/?document=gcm-final&group=iscm&mechanism=gfmd").json()
    one = api.get("/api/v1/references/?document=gcm-final&mechanism=gfmd").json()
    assert 0 < both["count"] <= one["count"]
    assert all(r["group"] == "iscm" and r["document"] == "gcm-final" for r in both["results"])
