"""Backup and restore round-trip: data, history, users and groups come back identical."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from mechanisms.models import Mechanism
from ops.backup import backed_up_models


def snapshot() -> dict[str, list[dict]]:
    """Every backed-up row, with relations by natural key (ids of content types and
    permissions legitimately differ between two migrated databases)."""
    return {
        model._meta.label: serializers.serialize(
            "python", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for model in backed_up_models()
    }


def test_models_backed_up_include_history_and_users():
    labels = {model._meta.label for model in backed_up_models()}
    assert {"mechanisms.Mechanism", "mechanisms.HistoricalMechanism", "auth.User"} <= labels
    assert {"auth.Group", "authtoken.Token", "admin.LogEntry"} <= labels
    assert not {"sessions.Session", "contenttypes.ContentType", "axes.AccessAttempt"} & labels


def test_backup_flush_restore_round_trip(seeded_transactional_db, tmp_path):
    user = get_user_model().objects.create_user("ipd-editor", password="edit-pass-123")
    user.groups.add(Group.objects.get(name="Editors"))
    Token.objects.create(user=user)
    mechanism = Mechanism.objects.get(slug="rabat-process")
    mechanism.name = mechanism.name + " (edited)"
    mechanism._history_user = user
    mechanism.save()
    edit = mechanism.history.latest()
    assert edit.history_user == user and edit.history_type == "~"

    before = snapshot()
    assert before["mechanisms.HistoricalMechanism"]
    path = tmp_path / "backup.json"
    call_command("backup", output=path, verbosity=0)
    assert json.loads(path.read_text())  # plain JSON that loaddata reads too

    # An empty, migrated database: every table emptied, then `migrate` (nothing left to
    # apply) recreates content types and permissions as on a fresh install.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    # As in the fresh process a restore runs in: no content type remembered from before.
    ContentType.objects.clear_cache()
    call_command("migrate", verbosity=0)
    assert not Mechanism.objects.exists()

    call_command("restore", str(path), verbosity=0)
    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
    restored = Mechanism.objects.get(slug="rabat-process").history.latest()
    assert restored.history_user.username == "ipd-editor"
    # Sequences were moved past the restored ids: new rows get fresh keys.
    new = Mechanism.objects.create(slug="after-restore", name="After restore")
    assert new.pk > max(row["pk"] for row in before["mechanisms.Mechanism"])


def test_restore_refuses_a_database_with_data(db, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup", output=path, verbosity=0)
    count = Mechanism.objects.count()
    with pytest.raises(CommandError, match="Refusing to restore into a database that holds"):
        call_command("restore", str(path), verbosity=0)
    assert Mechanism.objects.count() == count


def test_restore_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No backup file"):
        call_command("restore", str(tmp_path / "nope.json"))


def test_pg_dump_refused_on_sqlite(db, tmp_path, settings):
    from django.db import connection

    if connection.vendor == "postgresql":
        pytest.skip("the option works on PostgreSQL (see test below)")
    with pytest.raises(CommandError, match="needs PostgreSQL"):
        call_command("backup", output=tmp_path / "b.json", pg_dump=True, verbosity=0)


def test_pg_dump_written_on_postgresql(db, tmp_path):
    import shutil

    from django.db import connection

    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("PostgreSQL with pg_dump only")
    call_command("backup", output=tmp_path / "b.json", pg_dump=True, verbosity=0)
    assert (tmp_path / "b.json.pgdump").read_bytes()[:5] == b"PGDMP"


def test_backup_queries_do_not_grow_with_rows(db, tmp_path, django_user_model):
    """A few queries per table, however many rows (no natural-key lookup per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from mechanisms.models import Region
    from ops.backup import write_backup

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            write_backup(tmp_path / "b.json")
        return len(captured.captured_queries)

    user = django_user_model.objects.create_user("bulk-editor")
    africa = Region.objects.get(slug="africa")

    def add_mechanisms(start: int, count: int) -> None:
        for n in range(start, start + count):
            mechanism = Mechanism(slug=f"bulk-{n}", name=f"Bulk {n}")
            mechanism._history_user = user
            mechanism.save()
            mechanism.regions.add(africa)

    add_mechanisms(0, 1)  # every kind of row exists once
    baseline = queries()
    add_mechanisms(1, 25)
    assert queries() == baseline


def test_every_backup_file_is_readable_by_its_owner_only(db, tmp_path):
    """Regression (issue 14, item 9): the pg_dump file was 0644 under the usual umask while
    holding users, tokens and sessions; the JSON was already 0600."""
    import os
    import shutil
    import stat

    from django.db import connection

    with_pg_dump = connection.vendor == "postgresql" and bool(shutil.which("pg_dump"))
    previous = os.umask(0o022)
    try:
        call_command("backup", output=tmp_path / "b.json", pg_dump=with_pg_dump, verbosity=0)
    finally:
        os.umask(previous)
    written = sorted(tmp_path.iterdir())
    assert [p.name for p in written] == ["b.json", "b.json.pgdump"][: 1 + with_pg_dump]
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
