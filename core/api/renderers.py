"""CSV for every list: one row per record, flat columns, relations by natural key.

Serializers already render relations as natural keys (slugs, numbers), so flattening is
mechanical: a nested object becomes ``parent.child`` columns, a list of keys one cell
joined by ``|`` (as in the dump, ``core.dump``, and the admin's import), and a list of
objects (answers of a response) one cell of JSON. The columns are the serializer's fields,
in its order, whatever the rows hold (a null nested object leaves its columns empty), so
every page and the whole streamed list (``stream_csv``) have the same header.

A list without ``?page=`` answers every matching row, streamed in batches (``stream_csv``);
with ``?page=`` it answers that page. ``?page_size=`` without ``?page=`` is refused: it
would be a partial CSV that looks whole to a CSV reader, which never sees the headers.
"""

import csv
import io
import json

from django.http import StreamingHttpResponse
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer

from core.tabular import LIST_SEPARATOR, safe_cell

# Rows serialized per batch of a streamed CSV: memory stays bounded whatever the rows.
STREAM_BATCH = 500


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def flatten(record: dict, prefix: str = "") -> dict:
    row = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            row.update(flatten(value, f"{name}."))
        else:
            row[name] = _cell(value)
    return row


def csv_columns(serializer, prefix: str = "") -> list[str]:
    """The CSV columns of a serializer's rows: its fields, a nested object's as
    ``parent.child``."""
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.BaseSerializer) and not isinstance(
            field, serializers.ListSerializer
        ):
            columns += csv_columns(field, f"{prefix}{name}.")
        else:
            columns.append(f"{prefix}{name}")
    return columns


def _writer(buffer, columns):
    return csv.DictWriter(
        buffer, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore", restval=""
    )


def _safe(row: dict) -> dict:
    """A row with formula-leading texts written as text (``core.tabular``)."""
    return {key: safe_cell(value) for key, value in row.items()}


def wants_whole_csv(request) -> bool:
    """A CSV list request without ``?page=``: every row. ``?page_size=`` alone is a 400."""
    if getattr(request.accepted_renderer, "format", None) != "csv":
        return False
    params = request.query_params
    if "page" in params:
        return False
    if "page_size" in params:
        raise ValidationError(
            {
                "page_size": [
                    "A CSV without ?page= holds every matching row; give ?page= as well "
                    "for one page of it, or leave page_size out."
                ]
            },
            code="partial_csv",
        )
    return True


def stream_csv(view, request) -> StreamingHttpResponse:
    """Every row of the view's filtered list as CSV, streamed in batches of
    ``STREAM_BATCH`` rows: each batch is read (with the view's own prefetches) and
    serialized by the list serializer, so a row is the same as on a page."""
    queryset = view.filter_queryset(view.get_queryset())
    ids = list(queryset.values_list("pk", flat=True))
    columns = csv_columns(view.get_serializer())

    def lines():
        buffer = io.StringIO()
        writer = _writer(buffer, columns)
        writer.writeheader()
        yield buffer.getvalue().encode("utf-8")
        for start in range(0, len(ids), STREAM_BATCH):
            batch = ids[start : start + STREAM_BATCH]
            by_id = {obj.pk: obj for obj in view.get_queryset().filter(pk__in=batch)}
            objects = [by_id[pk] for pk in batch if pk in by_id]
            buffer = io.StringIO()
            writer = _writer(buffer, columns)
            writer.writerows(
                _safe(flatten(row)) for row in view.get_serializer(objects, many=True).data
            )
            yield buffer.getvalue().encode("utf-8")

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{view.basename}.csv"'
    response["X-Total-Count"] = str(len(ids))
    return response


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            records = data["results"]
        elif isinstance(data, list):
            records = data
        else:
            records = [data]
        rows = [flatten(r) if isinstance(r, dict) else {"value": _cell(r)} for r in records]
        columns = self._columns(renderer_context or {}) or list(
            dict.fromkeys(column for row in rows for column in row)
        )
        buffer = io.StringIO()
        writer = _writer(buffer, columns)
        writer.writeheader()
        writer.writerows(_safe(row) for row in rows)
        self._name_download(renderer_context or {})
        return buffer.getvalue().encode(self.charset)

    @staticmethod
    def _columns(renderer_context) -> list[str] | None:
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        if view is None or not hasattr(view, "get_serializer"):
            return None
        if response is not None and response.status_code >= 400:
            return None
        try:
            return csv_columns(view.get_serializer())
        except (AttributeError, AssertionError, TypeError):
            return None

    @staticmethod
    def _name_download(renderer_context):
        response = renderer_context.get("response")
        view = renderer_context.get("view")
        basename = getattr(view, "basename", None)
        if response is not None and basename and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{basename}.csv"'
