from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.dump import write_dump


class Command(BaseCommand):
    # Like dumpdata/loaddata: moving data does not depend on admin or URL checks passing.
    requires_system_checks = []
    help = (
        "Write one zip of every public table of the registry: CSV (one file per table, "
        "relations by natural key) and JSON (loadable with load_dump), with manifest.json."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="Where to write the zip (default: iscm-registry-dump-<date>.zip here).",
        )

    def handle(self, *args, output=None, **options):
        path = Path(output or f"iscm-registry-dump-{timezone.now():%Y%m%d-%H%M%S}.zip")
        tmp = path.with_name(path.name + ".part")
        # Written beside the target, then renamed: a failed dump leaves no half-file behind.
        try:
            with tmp.open("wb") as stream:
                manifest = write_dump(stream)
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Dump written to {path}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{path.stat().st_size:,} bytes."
            )
        )
