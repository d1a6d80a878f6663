from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ops.backup import BackupError, write_backup
from ops.backup import pg_dump as write_pg_dump


class Command(BaseCommand):
    help = (
        "Write a consistent backup (natural-key JSON of every registry table, history, users "
        "and groups) read in one transaction; optionally a pg_dump beside it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="File to write (default: backup-<UTC time>.json in the current directory).",
        )
        parser.add_argument(
            "--pg-dump",
            action="store_true",
            help="Also write <output>.pgdump with pg_dump --format=custom (PostgreSQL only).",
        )

    def handle(self, *args, output=None, pg_dump=False, **options):
        output = output or Path(f"backup-{timezone.now():%Y%m%dT%H%M%SZ}.json")
        try:
            counts = write_backup(output)
            if pg_dump:
                dump_path = output.with_name(output.name + ".pgdump")
                write_pg_dump(dump_path)
                self.stdout.write(f"pg_dump written to {dump_path}")
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        total = sum(counts.values())
        self.stdout.write(f"Backup written to {output}: {total} rows from {len(counts)} tables.")
