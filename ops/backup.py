"""Full backup and restore: every row the registry needs to come back as it was.

Unlike the public dump (core.dump), a backup holds the history tables, the users and groups
that history rows and permissions point to, API tokens and the admin log. It is Django's
JSON serialization with natural foreign keys (content types and permissions are matched by
name, not by id, so it loads into a freshly migrated database) and with primary keys kept
(history rows store the primary key of the record they describe).
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connection, models, transaction
from django.db.models import Prefetch
from django.test.utils import override_settings

# Recreated by `migrate` (content types, permissions) or transient (sessions, login attempts).
# The data version is not data: the restore's own writes move it (core.cache).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes", "core.dataversion")
# Groups are made by a data migration; a restore replaces them with the backup's.
REPLACED_ON_RESTORE = (Group,)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup cannot be written or restored; ``str()`` says why."""


def backed_up_models() -> list[type[models.Model]]:
    """Concrete models of every app except the excluded ones, dependency-sorted."""
    chosen = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        chosen.append(model)
    app_list = {}
    for model in chosen:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


class BackupSerializer(PythonSerializer):
    """Django's serializer, except for foreign keys without a database constraint: those
    are history rows' copies of a record's relations and may point at a deleted row, which
    has no natural key any more. They keep the raw id (ids are kept throughout)."""

    def handle_fk_field(self, obj, field):
        if not field.db_constraint:
            self._current[field.name] = self._value_from_field(obj, field)
        else:
            super().handle_fk_field(obj, field)


def _natural_key_paths(model, depth=3) -> list[str]:
    """select_related paths for the constrained foreign keys whose targets the serializer
    writes by natural key (and those targets' own keys, which natural_key() may read)."""
    paths = []
    if depth == 0:
        return paths
    for field in model._meta.concrete_fields:
        if not field.is_relation or not field.many_to_one or not field.db_constraint:
            continue
        target = field.related_model
        if not hasattr(target, "natural_key") or target is model:
            continue
        paths.append(field.name)
        paths += [f"{field.name}__{sub}" for sub in _natural_key_paths(target, depth - 1)]
    return paths


def backup_queryset(model):
    """All rows of ``model`` with what the serializer reads fetched up front, so a backup
    takes a few queries per table rather than a few per row."""
    queryset = model._default_manager.order_by("pk").select_related(*_natural_key_paths(model))
    prefetches = [
        Prefetch(
            field.name,
            queryset=field.related_model._default_manager.select_related(
                *_natural_key_paths(field.related_model)
            ),
        )
        for field in model._meta.many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    return queryset.prefetch_related(*prefetches)


def write_backup(output: Path) -> dict[str, int]:
    """Write the backup to ``output`` (atomically: a temporary file renamed at the end).

    Everything is read in one transaction, so the backup is one consistent state even while
    editors write: REPEATABLE READ on PostgreSQL; on SQLite the read transaction holds its
    shared lock to the end.
    """
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".json", dir=output.parent)
    try:
        outermost = not connection.in_atomic_block
        with os.fdopen(fd, "w", encoding="utf-8") as stream, transaction.atomic():
            # Inside a caller's transaction (tests) the caller's snapshot rules apply.
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    # Must be the transaction's first statement.
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            stream.write("[")
            first = True
            for model in backed_up_models():
                rows = BackupSerializer().serialize(
                    backup_queryset(model).iterator(2000),
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=False,
                )
                counts[model._meta.label] = len(rows)
                for row in rows:
                    stream.write("\n" if first else ",\n")
                    json.dump(row, stream, cls=ExactJSONEncoder, ensure_ascii=False)
                    first = False
            stream.write("\n]\n")
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return counts


def pg_dump(output: Path) -> None:
    """pg_dump's custom format beside the JSON (restore with pg_restore)."""
    if connection.vendor != "postgresql":
        raise BackupError("--pg-dump needs PostgreSQL; this database is " + connection.vendor)
    executable = shutil.which("pg_dump")
    if executable is None:
        raise BackupError("pg_dump is not installed (Debian package postgresql-client).")
    db = settings.DATABASES["default"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    command = [executable, "--format=custom", "--no-owner"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{flag}={db[key]}")
    command.append(db["NAME"])
    # The dump holds users, tokens and sessions: written to a file only its owner reads
    # (mkstemp creates it 0600; pg_dump's own --file would follow the umask, often 0644).
    output = Path(output)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".pgdump", dir=output.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            result = subprocess.run(  # noqa: S603
                command, env=env, stdout=stream, stderr=subprocess.PIPE, text=False
            )
        if result.returncode != 0:
            stderr = result.stderr.decode(errors="replace").strip()
            raise BackupError(f"pg_dump failed: {stderr}")
        os.replace(tmp_name, output)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def non_empty_tables() -> list[str]:
    """Tables a restore would collide with (all but the ones a migration fills)."""
    return [
        f"{model._meta.label} ({count} rows)"
        for model in backed_up_models()
        if model not in REPLACED_ON_RESTORE and (count := model._default_manager.count())
    ]


def restore_backup(path: Path) -> int:
    """Load a backup into an empty, migrated database; all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"No backup file at {path}.")
    busy = non_empty_tables()
    if busy:
        raise BackupError(
            "Refusing to restore into a database that holds data: "
            + ", ".join(busy[:8])
            + (" ..." if len(busy) > 8 else "")
            + ". Restore into a new, migrated database (or flush this one first)."
        )
    with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        # The backup's history is the history: loading must not add rows of its own.
        Group.objects.all().delete()
        call_command("loaddata", str(path), verbosity=0)
    return sum(model._default_manager.count() for model in backed_up_models())
