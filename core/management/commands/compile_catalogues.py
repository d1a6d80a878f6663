"""Compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads, in pure Python.

``manage.py compilemessages`` needs GNU gettext's ``msgfmt``; this needs only polib (a
dependency), so a fresh machine builds the catalogues with the project's own install. The
.mo files are committed too: ``tests/i18n`` fails when one is not what its .po compiles to,
or when a French or Spanish entry is untranslated or fuzzy.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    return sorted(
        path
        for root in settings.LOCALE_PATHS
        for path in Path(root).glob("*/LC_MESSAGES/django.po")
    )


def compiled(po_path: Path) -> bytes:
    """The .mo bytes of a catalogue (fuzzy and obsolete entries left out, as msgfmt does)."""
    catalogue = polib.pofile(str(po_path))
    out = po_path.with_suffix(".tmp.mo")
    try:
        catalogue.save_as_mofile(str(out))
        return out.read_bytes()
    finally:
        out.unlink(missing_ok=True)


class Command(BaseCommand):
    help = "Compile the project's .po catalogues into .mo files (pure Python, no gettext)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; exit 1 if a .mo is stale."
        )

    def handle(self, *args, check=False, **options):
        stale = []
        for po_path in catalogues():
            data = compiled(po_path)
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.read_bytes() == data:
                continue
            stale.append(mo_path)
            if not check:
                mo_path.write_bytes(data)
                self.stdout.write(f"Compiled {mo_path.relative_to(settings.BASE_DIR)}")
        if check and stale:
            names = ", ".join(str(p.relative_to(settings.BASE_DIR)) for p in stale)
            self.stderr.write(f"Stale: {names}. Run manage.py compile_catalogues.")
            raise SystemExit(1)
