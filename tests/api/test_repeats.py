"""Every parameter of every list either takes repeats as OR or answers a repeat with a 400
naming it; never a silent last-value-wins (regression, issue 16: ``?kind=rcp&kind=irf``
returned the IRFs, ``?kind=irf&kind=rcp`` the RCPs).

The cases are generated from the router's viewsets and their filtersets, so a new filter
or endpoint is covered without touching this file.
"""

import json

import pytest

from core.api.filters import ChoicesFilter, NaturalKeyFilter, takes_repeats
from iscm_registry.api import router
from tests.api.errors import fields

pytestmark = pytest.mark.django_db

ENDPOINTS = [(prefix, viewset) for prefix, viewset, _basename in router.registry]
FILTERS = [
    pytest.param(prefix, name, flt, id=f"{prefix}-{name}")
    for prefix, viewset in ENDPOINTS
    # A viewset with only ``filterset_fields`` (process phases) has no filterset class.
    if getattr(viewset, "filterset_class", None) is not None
    for name, flt in viewset.filterset_class.base_filters.items()
]
COMMON = ["page", "page_size", "format"]


def _rows(api, prefix, query):
    response = api.get(f"/api/v1/{prefix}/?{query}&page_size=500")
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert body["count"] <= 500
    return {json.dumps(row, sort_keys=True) for row in body["results"]}


def _two_values(flt):
    if isinstance(flt, ChoicesFilter):
        return [str(key) for key, _label in flt.extra["choices"]][:2]
    assert isinstance(flt, NaturalKeyFilter), f"a repeatable filter of a new kind: {flt!r}"
    key = flt.extra.get("to_field_name") or "pk"
    values = list(flt.queryset.order_by(key).values_list(key, flat=True).distinct()[:2])
    assert len(values) == 2, "the seeded data should hold two keys for every key filter"
    return [str(v) for v in values]


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return APIClient().get("/api/schema/?format=json").json()


@pytest.mark.parametrize(("prefix", "name", "flt"), FILTERS)
def test_every_filter_takes_repeats_as_or_or_refuses_them(api, schema, prefix, name, flt):
    parameter = next(
        p for p in schema["paths"][f"/api/v1/{prefix}/"]["get"]["parameters"] if p["name"] == name
    )
    if takes_repeats(flt):
        first, second = _two_values(flt)
        both = _rows(api, prefix, f"{name}={first}&{name}={second}")
        assert both == _rows(api, prefix, f"{name}={first}") | _rows(
            api, prefix, f"{name}={second}"
        )
        assert both == _rows(api, prefix, f"{name}={second}&{name}={first}")
        assert parameter["schema"]["type"] == "array"
        assert parameter.get("explode", True) is True
        assert "Repeat the parameter for OR" in parameter["description"]
    else:
        response = api.get(f"/api/v1/{prefix}/?{name}=1&{name}=2")
        assert response.status_code == 400, response.content[:300]
        assert fields(response) == {name}
        assert response.json()["errors"][0]["code"] == "repeated"
        assert "repeated parameter is a 400" in parameter["description"]


@pytest.mark.parametrize("name", COMMON)
@pytest.mark.parametrize("prefix", [prefix for prefix, _viewset in ENDPOINTS])
def test_common_parameters_refuse_repeats(api, prefix, name):
    values = {"page": "1", "page_size": "10", "format": "json"}[name]
    response = api.get(f"/api/v1/{prefix}/?{name}={values}&{name}={values}")
    assert response.status_code == 400, response.content[:300]
    assert fields(response) == {name}
    assert response["Content-Type"] == "application/json"


def test_kind_or_does_not_depend_on_the_order(api):
    rcp_irf = _rows(api, "mechanisms", "kind=rcp&kind=irf")
    assert rcp_irf == _rows(api, "mechanisms", "kind=irf&kind=rcp")
    kinds = {json.loads(row)["kind"] for row in rcp_irf}
    assert kinds == {"rcp", "irf"}


def test_not_stated_is_a_filterable_kind_and_status(api):
    """Blank kind and status (the source does not say) are ``not-stated``."""
    for name in ("kind", "status"):
        rows = [json.loads(r) for r in _rows(api, "mechanisms", f"{name}=not-stated")]
        assert rows and all(row[name] == "" for row in rows)
        everything = _rows(api, "mechanisms", "ordering=slug")
        blank = {r for r in everything if json.loads(r)[name] == ""}
        assert {json.dumps(r, sort_keys=True) for r in rows} == blank
        stated = {"kind": "rcp", "status": "active"}[name]
        either = _rows(api, "mechanisms", f"{name}=not-stated&{name}={stated}")
        assert either == blank | _rows(api, "mechanisms", f"{name}={stated}")
