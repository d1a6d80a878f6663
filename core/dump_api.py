"""The API's CSV columns of a table, for the dump (issue 16: "the same fields per table; the
dump may add, never differ").

The dump writes each table from the model (every stored field, natural keys, ids); the
API's list adds what a reader needs beside them (a mechanism's aliases and objectives, a
figure's numerator and denominator, a country's names). Rather than a second, hand-kept
copy of those rows, the dump asks the API itself: each list endpoint of the table is read
as an anonymous client reads its whole CSV (``?format=csv``), and the columns the dump
does not already have are added to the table, row by row on ``id``. So a column the API
gains shows in the dump too, with the same values.
"""

from __future__ import annotations

import csv
import io
from functools import cache

from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory


@cache
def _endpoints() -> dict[str, list[tuple[str, type]]]:
    """``{"app.model": [(prefix, viewset), …]}`` for every list endpoint of the API."""
    from core.dump import table_name
    from iscm_registry.api import router  # the API's own list of endpoints

    by_table: dict[str, list[tuple[str, type]]] = {}
    for prefix, viewset, _basename in router.registry:
        by_table.setdefault(table_name(viewset.queryset.model), []).append((prefix, viewset))
    return by_table


def _api_csv(prefix: str, viewset) -> list[dict[str, str]]:
    """Every row of the endpoint's CSV as an anonymous client gets it (no throttle: this is
    the dump's own read, which the dump endpoint throttles as a whole)."""
    request = APIRequestFactory().get(f"/api/v1/{prefix}/", {"format": "csv"})
    request.user = AnonymousUser()
    view = viewset.as_view({"get": "list"}, throttle_classes=())
    response = view(request)
    if response.status_code != 200:  # pragma: no cover - the API's own tests pin its lists
        raise RuntimeError(f"/api/v1/{prefix}/?format=csv answered {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def api_rows(table: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The columns of ``table``'s API CSV (every endpoint of it, in order) and
    ``{id: {column: cell}}`` for its rows."""
    columns: list[str] = []
    rows: dict[str, dict[str, str]] = {}
    for prefix, viewset in _endpoints().get(table, []):
        for row in _api_csv(prefix, viewset):
            rows.setdefault(row["id"], {}).update(row)
            columns += [column for column in row if column not in columns]
    return columns, rows
