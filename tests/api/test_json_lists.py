"""The JSON lists of mechanisms and references read ``values()`` rows (core.api.keys.json_list),
not the serializer: both must give the same page, key for key, in the same order and types.

Each URL is answered twice, once by the values path and once with it switched off (the
serializer's path, which CSV and the browsable API still take), and the bodies compared
with their key order.
"""

import json

import pytest

import core.api.keys
import gcm.api.views
import mechanisms.api.views
from gcm.models import Reference
from mechanisms.models import Mechanism, MechanismName, Organization, Region
from tests.api import factories

pytestmark = pytest.mark.django_db

MECHANISM_URLS = [
    "/api/v1/mechanisms/?page_size=500",
    "/api/v1/mechanisms/?page_size=7&page=2",
    "/api/v1/mechanisms/?region=africa&region=americas",
    "/api/v1/mechanisms/?objective=10&ordering=-year_established",
    "/api/v1/mechanisms/?search=forum",
    "/api/v1/mechanisms/?kind=no-such-kind",
    "/api/v1/mechanisms/?page=999",
]
REFERENCE_URLS = [
    "/api/v1/references/?page_size=500",
    "/api/v1/references/?document=gcm-final&page_size=100",
    "/api/v1/references/?mechanism=gfmd&ordering=-paragraph",
    "/api/v1/references/?group=iscm&page_size=3&page=2",
    "/api/v1/references/?objective=6",
]


@pytest.fixture
def varied_rows():
    """Beside the seeds: empty and repeated aliases, several objectives, no secretariat."""
    plain = factories.mechanism(year_established=None)
    plain.regions.clear()
    plain.sources.clear()
    plain.objective_links.all().delete()
    plain.names.all().delete()
    rich = factories.mechanism(
        year_established=2001,
        secretariat_organization=Organization.objects.order_by("slug").first(),
    )
    rich.regions.add(*Region.objects.order_by("-slug")[:3])
    # An acronym repeating the mechanism's own and one repeated across names.
    MechanismName.objects.create(mechanism=rich, name="Alpha name", acronym="ZZ", kind="former")
    MechanismName.objects.create(mechanism=rich, name="Zeta name", acronym="ZZ", kind="former")
    factories.reference().mechanisms.add(plain, rich)
    factories.reference(paragraph="", paragraph_number=None, objective=None)


def _body(response):
    assert response.status_code in (200, 400, 404), response.content[:300]
    # Pairs, not dicts: the key order is part of what must match.
    return response.status_code, json.loads(response.content, object_pairs_hook=list)


@pytest.mark.usefixtures("varied_rows")
@pytest.mark.parametrize(
    ("module", "url"),
    [(mechanisms.api.views, url) for url in MECHANISM_URLS]
    + [(gcm.api.views, url) for url in REFERENCE_URLS],
)
def test_values_rows_equal_the_serializer_rows(api, monkeypatch, settings, module, url):
    settings.RESPONSE_CACHE = False  # the same URL twice: the second must be computed too
    taken = []

    def spy(*args, **kwargs):
        response = core.api.keys.json_list(*args, **kwargs)
        taken.append(response is not None)
        return response

    monkeypatch.setattr(module, "json_list", spy)
    fast = _body(api.get(url))
    monkeypatch.setattr(module, "json_list", lambda *args, **kwargs: None)
    slow = _body(api.get(url))

    assert fast == slow
    if fast[0] == 200:
        assert taken == [True]
        assert dict(fast[1])["results"], "an empty page would compare nothing"


def test_the_compared_rows_cover_the_varied_cases(api, varied_rows):
    """The fixture's rows show up in the first comparison above (a guard on the fixture)."""
    rows = api.get(MECHANISM_URLS[0]).json()["results"]
    assert len(rows) == Mechanism.objects.count()
    assert any(r["secretariat_organization"] for r in rows)
    assert any(r["year_established"] is None for r in rows)
    assert any(len(r["aliases"]) >= 2 for r in rows)
    assert any(r["regions"] == [] for r in rows)
    references = api.get(REFERENCE_URLS[0]).json()["results"]
    assert len(references) == min(Reference.objects.count(), 500)
    assert any(r["objective"] is None for r in references)
    assert any(len(r["mechanisms"]) >= 2 for r in references)


@pytest.mark.parametrize("url", [MECHANISM_URLS[0], REFERENCE_URLS[0]])
def test_csv_keeps_the_serializer(api, monkeypatch, url):
    module = mechanisms.api.views if "mechanisms" in url else gcm.api.views
    answers = []

    def spy(*args, **kwargs):
        answers.append(core.api.keys.json_list(*args, **kwargs))
        return answers[-1]

    monkeypatch.setattr(module, "json_list", spy)
    response = api.get(url + "&page=1&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert answers == [None]


def test_the_values_row_is_read_from_the_serializer_fields():
    """No second copy of a row: the lookups follow the list serializer's declared fields."""
    from gcm.api.serializers import ReferenceListSerializer
    from mechanisms.api.serializers import MechanismListSerializer

    lookups = core.api.keys.row_lookups(MechanismListSerializer)
    assert list(lookups) == list(MechanismListSerializer.Meta.fields)
    assert lookups["secretariat_organization"] == "secretariat_organization__slug"
    assert lookups["regions"] is None and lookups["aliases"] is None
    refs = core.api.keys.row_lookups(ReferenceListSerializer)
    assert refs["document"] == "document__slug" and refs["objective"] == "objective__number"
    assert refs["mechanisms"] is None


def test_a_field_without_a_values_form_is_refused():
    from rest_framework import serializers

    from mechanisms.api.serializers import MechanismListSerializer

    class WithDate(MechanismListSerializer):
        created = serializers.DateTimeField(source="name")

        class Meta(MechanismListSerializer.Meta):
            fields = [*MechanismListSerializer.Meta.fields, "created"]

    with pytest.raises(Exception, match="no values"):
        core.api.keys.row_lookups(WithDate)


def test_a_field_added_to_the_serializer_shows_in_the_json_list(api, monkeypatch, settings):
    from rest_framework import serializers

    from mechanisms.api.serializers import MechanismListSerializer

    class WithSlugTwice(MechanismListSerializer):
        slug_again = serializers.CharField(source="slug", read_only=True)

        class Meta(MechanismListSerializer.Meta):
            fields = [*MechanismListSerializer.Meta.fields, "slug_again"]

    monkeypatch.setattr(
        mechanisms.api.views.MechanismViewSet,
        "get_serializer_class",
        lambda self: WithSlugTwice if self.action == "list" else MechanismListSerializer,
    )
    rows = api.get("/api/v1/mechanisms/?page_size=3").json()["results"]
    assert rows and all(r["slug_again"] == r["slug"] for r in rows)
