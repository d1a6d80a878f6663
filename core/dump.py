"""Bulk dump of the registry's public tables, and loading one into an empty database.

A dump is one zip holding the same data twice, for two kinds of reader:

- ``csv/<app>_<model>.csv``: one file per table, flat columns, its ``id`` first, relations
  written as the related record's natural key (a slug, a number, or one column per part of
  a longer key, e.g. ``response__survey``, ``response__mechanism``, named as the related
  table names those columns) followed by ``<field>_id``. Each many-to-many relation also
  has a link file ``csv/<app>_<model>__<field>.csv`` (one row per link: ``<model>_id``,
  ``<field>_id``, then both natural keys), and a ``<field>`` column of ``|``-joined keys
  (the API CSV's separator) where the related key is a single value; then every column of
  the table's API CSV that the model's fields do not give (``core.dump_api``). UTF-8.
- ``data.json``: Django's serialization with natural keys, in dependency order; what
  ``load_dump`` (or ``manage.py loaddata``) reads back.

plus ``manifest.json``: dump format version, time made, migration heads, row counts.

Public tables are every model of the apps in ``PUBLIC_APPS`` except
their history tables; users, sessions and history stay out.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from typing import IO, BinaryIO

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models import Prefetch, Q
from django.utils import timezone
from simple_history.models import HistoricalChanges

from core import tabular
from core.dump_api import api_rows
from core.seeding import record_version
from core.tabular import LIST_SEPARATOR

PUBLIC_APPS = (
    "sources",
    "mechanisms",
    "gcm",
    "surveys",
    "countries",
    "events",
    "statements",
    "process",
)
FORMAT = "iscm-registry-dump"
# Bump when the layout of the zip changes (not when a model gains a field: the JSON
# carries field names, and the manifest carries the migration heads).
SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
DATA_JSON = "data.json"
LOAD_REASON = "Loaded from a dump"
_CHUNK = 2000


class DumpError(Exception):
    """A dump cannot be read or loaded; ``str()`` says why in words for the user."""


# --- Which tables, in which order ------------------------------------------------------


def public_models() -> list[type[models.Model]]:
    """Every public model, sorted so that a model comes after those its keys refer to."""
    app_list = []
    for label in PUBLIC_APPS:
        config = apps.get_app_config(label)
        app_list.append(
            (config, [m for m in config.get_models() if not issubclass(m, HistoricalChanges)])
        )
    return serializers.sort_dependencies(app_list, allow_cycles=True)


# Rows of a public table that are not public data: a questionnaire still in draft is the
# mechanism's own working copy until it is submitted (results count submitted ones only),
# and an answer to a question asking for personal data names a person.
_PRIVATE_ROWS = {
    "surveys.response": ~Q(status="submitted"),
    "surveys.answer": ~Q(response__status="submitted") | Q(question__personal_data=True),
}


def _rows(model) -> models.QuerySet:
    """The model's public rows, by primary key."""
    queryset = model._base_manager.order_by("pk")
    private = _PRIVATE_ROWS.get(table_name(model))
    return queryset if private is None else queryset.exclude(private)


def table_name(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _m2m_fields(model):
    """Many-to-many fields stored in a table of their own (explicit through models are
    public models in their own right and are dumped as such)."""
    return [
        f
        for f in model._meta.many_to_many
        if f.remote_field.through._meta.auto_created and f.model is model
    ]


def _fk_fields(model):
    return [f for f in model._meta.concrete_fields if f.is_relation]


def _fk_paths(model, depth: int = 3, prefix: str = "") -> list[str]:
    """``select_related`` paths deep enough for every natural key to be read without a query."""
    paths = []
    if depth == 0:
        return paths
    for f in _fk_fields(model):
        path = f"{prefix}{f.name}"
        paths.append(path)
        if f.related_model is not model:
            paths.extend(_fk_paths(f.related_model, depth - 1, f"{path}__"))
    return paths


# --- Natural keys as CSV columns -------------------------------------------------------


def has_natural_key(model) -> bool:
    return hasattr(model, "natural_key") and hasattr(model._default_manager, "get_by_natural_key")


def key_parts(model) -> list[str]:
    """Names of the parts of a model's natural key, from its manager's ``get_by_natural_key``
    (``["survey_slug", "number"]`` for a question); ``["id"]`` for a model without one."""
    if not has_natural_key(model):
        return ["id"]
    params = inspect.signature(model._default_manager.get_by_natural_key).parameters
    return [p for p in params if p not in ("self", "args", "kwargs")]


def _part_column(part: str) -> str:
    """A key part's column name as the related table names it: ``document_slug`` is that
    table's ``document`` column (which holds the slug)."""
    return part.removesuffix("_slug")


def _key_columns(field_name: str, model) -> list[str]:
    parts = key_parts(model)
    if len(parts) == 1:
        return [field_name]
    return [f"{field_name}__{_part_column(p)}" for p in parts]


def _natural_keys(model) -> dict[int, tuple]:
    """``{pk: natural key}`` for every row of ``model``, read in one pass."""
    queryset = model._base_manager.order_by("pk")
    if not has_natural_key(model):
        return {pk: (pk,) for pk in queryset.values_list("pk", flat=True)}
    queryset = queryset.select_related(*_fk_paths(model))
    return {obj.pk: obj.natural_key() for obj in queryset.iterator(chunk_size=_CHUNK)}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


class _Keys:
    """Natural keys of the rows of each model, computed once and only when needed."""

    def __init__(self):
        self._maps: dict[type[models.Model], dict[int, tuple]] = {}

    def __call__(self, model, pk) -> tuple:
        if model not in self._maps:
            self._maps[model] = _natural_keys(model)
        return self._maps[model][pk]

    def cells(self, model, pk) -> list[str]:
        if pk is None:
            return [""] * len(key_parts(model))
        return [_cell(part) for part in self(model, pk)]


def _member(zf: zipfile.ZipFile, name: str) -> IO[bytes]:
    """A new member of the zip, dated now (``zf.open(name, "w")`` would date it 1980)."""
    info = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return zf.open(info, "w")


def _write_csv(stream: IO[str], header: list[str], rows) -> int:
    writer = tabular.writer(stream, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def _links(field) -> list[tuple[int, int]]:
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = through._base_manager.order_by("pk")
    if table_name(field.model) in _PRIVATE_ROWS:  # no links of rows that stay out
        links = links.filter(**{f"{source}_id__in": _rows(field.model).values("pk")})
    return list(links.values_list(f"{source}_id", f"{target}_id"))


def _model_csv(model, keys: _Keys, zf: zipfile.ZipFile) -> dict:
    """Write the model's CSV and its link files; return the manifest entry."""
    own_fields = list(model._meta.concrete_fields)
    header = []
    for f in own_fields:
        # A relation: its natural key's columns, then its id (joins on ``id`` columns).
        header += [*_key_columns(f.name, f.related_model), f.attname] if f.is_relation else [f.name]

    entry = {"csv": f"csv/{model._meta.app_label}_{model._meta.model_name}.csv", "links": {}}
    m2m_columns = []  # (field, {owner pk: [target pk]})
    for field in _m2m_fields(model):
        target = field.related_model
        links = _links(field)
        link_file = f"csv/{model._meta.app_label}_{model._meta.model_name}__{field.name}.csv"
        owner_name = model._meta.model_name
        link_header = [
            f"{owner_name}_id",
            f"{field.name}_id",
            *_key_columns(owner_name, model),
            *_key_columns(field.name, target),
        ]
        with _member(zf, link_file) as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
            entry["links"][field.name] = {
                "csv": link_file,
                "rows": _write_csv(
                    out,
                    link_header,
                    (
                        [str(a), str(b), *keys.cells(model, a), *keys.cells(target, b)]
                        for a, b in links
                    ),
                ),
            }
        if len(key_parts(target)) == 1:
            by_owner = defaultdict(list)
            for a, b in links:
                by_owner[a].append(_cell(keys(target, b)[0]))
            m2m_columns.append((field, by_owner))
            header.append(field.name)

    # The table's API CSV columns (core.dump_api): those the model's fields do not give are
    # added; those both have hold the API's value, so the two CSVs agree.
    api_header, api_values = api_rows(table_name(model))
    header += [column for column in api_header if column not in header]
    api_positions = [(header.index(column), column) for column in api_header]

    def rows():
        for obj in _rows(model).iterator(chunk_size=_CHUNK):
            row = []
            for f in own_fields:
                if f.is_relation:
                    pk = getattr(obj, f.attname)
                    row += [*keys.cells(f.related_model, pk), _cell(pk)]
                else:
                    row.append(_cell(getattr(obj, f.attname)))
            for _field, by_owner in m2m_columns:
                row.append(LIST_SEPARATOR.join(sorted(by_owner.get(obj.pk, []))))
            row += [""] * (len(header) - len(row))
            api_row = api_values.get(str(obj.pk))
            if api_row is not None:
                for position, column in api_positions:
                    row[position] = api_row.get(column, "")
            yield row

    with _member(zf, entry["csv"]) as raw, io.TextIOWrapper(raw, "utf-8", newline="") as out:
        entry["rows"] = _write_csv(out, header, rows())
    return entry


def _serializable(model):
    """The model's rows with every relation its natural keys need already joined."""
    prefetches = [
        Prefetch(
            f.name,
            queryset=f.related_model._base_manager.select_related(*_fk_paths(f.related_model)),
        )
        for f in _m2m_fields(model)
    ]
    queryset = _rows(model).select_related(*_fk_paths(model)).prefetch_related(*prefetches)
    return queryset.iterator(chunk_size=_CHUNK)


def migration_heads() -> dict[str, list[str]]:
    """The latest migration of each of our apps, as the code defines them."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    heads = defaultdict(list)
    for app_label, name in graph.leaf_nodes():
        if app_label in (*PUBLIC_APPS, "core"):
            heads[app_label].append(name)
    return dict(sorted(heads.items()))


# --- Writing ---------------------------------------------------------------------------


def write_dump(stream: BinaryIO) -> dict:
    """Write a dump zip of the current database to ``stream``; return its manifest.

    Reads run in one transaction so the CSV and the JSON describe the same moment (on
    PostgreSQL a repeatable-read one when the dump starts it, since read committed would
    let each query see later commits).
    """
    order = public_models()
    manifest = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "migrations": migration_heads(),
        "json": DATA_JSON,
        "csv_note": (
            "Every table has its id; a relation is its natural key (one column per key part, "
            "<field>__<part>, named as the related table names that column) and <field>_id. "
            "Many-to-many links: one link file each (<model>_id, <field>_id, then the natural "
            f"keys), and a '{LIST_SEPARATOR}'-joined column where the related key is a single "
            "value, as in the API's CSV; then the API CSV's other columns of that table."
        ),
        "tables": {},
    }
    keys = _Keys()
    starts_transaction = not connection.in_atomic_block
    with (
        transaction.atomic(),
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as zf,
    ):
        if starts_transaction and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in order:
            manifest["tables"][table_name(model)] = _model_csv(model, keys, zf)

        def everything():
            for model in order:
                yield from _serializable(model)

        with _member(zf, DATA_JSON) as raw, io.TextIOWrapper(raw, "utf-8") as out:
            serializers.serialize(
                "json",
                everything(),
                stream=out,
                use_natural_foreign_keys=True,
                use_natural_primary_keys=True,
                ensure_ascii=False,
            )
        with _member(zf, MANIFEST) as raw:
            raw.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode())
    return manifest


# --- Loading ---------------------------------------------------------------------------


@dataclass
class LoadReport:
    rows: dict[str, int]
    manifest: dict

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def non_empty_tables() -> dict[str, int]:
    """Public tables that hold rows, with their counts."""
    found = {}
    for model in public_models():
        count = model._base_manager.count()
        if count:
            found[table_name(model)] = count
    return found


def read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise DumpError(f"Not a registry dump: it has no {MANIFEST}.") from None
    except (ValueError, UnicodeDecodeError):
        raise DumpError(f"Not a registry dump: {MANIFEST} is not valid JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DumpError(f"Not a registry dump: {MANIFEST} does not say format {FORMAT!r}.")
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise DumpError(
            f"This dump has schema version {manifest.get('schema_version')!r}; this version "
            f"of the registry reads version {SCHEMA_VERSION}."
        )
    return manifest


def load_dump(stream: BinaryIO) -> LoadReport:
    """Load a dump into a database whose public tables are empty; all or nothing.

    Each record gets one history row ("Loaded from a dump") so the admin shows where it
    came from and an editor can revert to it. Raises ``DumpError`` when the file is not a
    dump, the tables are not empty, or the loaded counts differ from the manifest's.
    """
    try:
        zf = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise DumpError("Not a registry dump: the file is not a zip archive.") from None
    with zf:
        manifest = read_manifest(zf)
        occupied = non_empty_tables()
        if occupied:
            listed = ", ".join(f"{name} ({count} rows)" for name, count in occupied.items())
            raise DumpError(
                "The registry tables are not empty, and load_dump only loads into an empty "
                f"database: {listed}. Create a new database, run 'manage.py migrate', and "
                "load the dump there."
            )
        try:
            data = zf.open(DATA_JSON)
        except KeyError:
            raise DumpError(f"Not a registry dump: it has no {DATA_JSON}.") from None
        with data, transaction.atomic():
            rows = _load_json(data)
            expected = {name: entry["rows"] for name, entry in manifest["tables"].items()}
            if {k: v for k, v in rows.items() if v} != {k: v for k, v in expected.items() if v}:
                raise DumpError(
                    f"Loaded row counts {rows} differ from the manifest's {expected}; "
                    "nothing was loaded."
                )
            _reset_sequences()
    return LoadReport(rows=rows, manifest=manifest)


def _load_json(data: IO[bytes]) -> dict[str, int]:
    rows: dict[str, int] = defaultdict(int)
    loaded = []
    try:
        for deserialized in serializers.deserialize(
            "json", io.TextIOWrapper(data, "utf-8"), handle_forward_references=True
        ):
            model = type(deserialized.object)
            if model._meta.app_label not in PUBLIC_APPS:
                raise DumpError(f"The dump holds {table_name(model)}, which is not public.")
            # History is written once per record below, m2m included, not per m2m change.
            deserialized.object.skip_history_when_saving = True
            deserialized.save()
            rows[table_name(model)] += 1
            loaded.append(deserialized)
        for deserialized in loaded:
            if deserialized.deferred_fields:
                deserialized.save_deferred_fields()
    except serializers.base.DeserializationError as error:
        raise DumpError(f"The dump's {DATA_JSON} cannot be loaded: {error}") from None
    for deserialized in loaded:
        record_version(deserialized.object, LOAD_REASON, created=True)
    return dict(rows)


def _reset_sequences() -> None:
    """PostgreSQL sequences must move past any primary key the dump wrote explicitly."""
    statements = connection.ops.sequence_reset_sql(no_style(), public_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
