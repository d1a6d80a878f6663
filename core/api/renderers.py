"""CSV for every list: one row per record, flat columns, relations by natural key.

Serializers already render relations as natural keys (slugs, numbers), so flattening is
mechanical: a nested object becomes ``parent.child`` columns, a list of keys one cell
joined by ``;``, and a list of objects (answers of a response) one cell of JSON.
"""

import csv
import io
import json

from rest_framework.renderers import BaseRenderer

from core.tabular import safe_cell

LIST_SEPARATOR = ";"


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
        columns = list(dict.fromkeys(column for row in rows for column in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)
        self._name_download(renderer_context or {})
        return buffer.getvalue().encode(self.charset)

    @staticmethod
    def _name_download(renderer_context):
        response = renderer_context.get("response")
        view = renderer_context.get("view")
        basename = getattr(view, "basename", None)
        if response is not None and basename and response.status_code < 400:
            response["Content-Disposition"] = f'attachment; filename="{basename}.csv"'
