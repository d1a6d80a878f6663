"""The app in this process, for the in-process benchmarks (bench/cold.py, bench/search.py).

``DATABASE_URL`` if set; else a seeded SQLite file in the temporary directory, migrated
and seeded on first use and kept between runs (``fresh=True`` makes it anew). The response
cache is off: these scripts measure rendering, not the cache.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

SQLITE = Path(tempfile.gettempdir()) / "bench-cold.sqlite3"


def start_django(prefix: str, *, fresh: bool = False) -> Path:
    """Set Django up with ``bench.settings``; return a new work directory (the limits')."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("SECRET_KEY", prefix)
    os.environ["RESPONSE_CACHE"] = "0"
    os.environ["BENCH_LIMIT_DIR"] = str(workdir)
    if fresh:
        SQLITE.unlink(missing_ok=True)
    seed = "DATABASE_URL" not in os.environ and not SQLITE.exists()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{SQLITE}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
    if seed:
        call_command("migrate", verbosity=0)
        call_command("seed", verbosity=0)
    return workdir
