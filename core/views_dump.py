"""``GET /api/v1/dump/``: the bulk dump as a download. Public data, so anyone may fetch it.

The dump is built once per data version (``core.cache``) into a file and streamed from it
to every request until the next write: ``DUMP_DIR/<database>/dump-<version>.zip``. The
first request after a write starts the build in a thread (one per machine, under a file
lock) and waits for it up to ``DUMP_WAIT_SECONDS`` (below gunicorn's worker timeout); a
build that takes longer (a large database) answers 503 with ``Retry-After`` meanwhile,
never a killed worker. Older versions' files are removed once a new one is in place.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.http import FileResponse
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from core.api.exceptions import error_response
from core.cache import current_version
from core.dump import write_dump

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


def dump_dir() -> Path:
    """This database's dump files (several databases may share the machine)."""
    base = Path(getattr(settings, "DUMP_DIR", "") or Path(tempfile.gettempdir()) / "iscm-dumps")
    db = settings.DATABASES["default"]
    name = f"{settings.BASE_DIR}|{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}"
    name = hashlib.sha256(name.encode()).hexdigest()
    path = base / name[:16]
    path.mkdir(parents=True, exist_ok=True)
    return path


def _path(token: str) -> Path:
    return dump_dir() / f"dump-{token}.zip"


def build(token: str) -> Path:
    """Write the dump for ``token`` unless another process is writing it; return its path."""
    target = _path(token)
    with open(dump_dir() / "build.lock", "w") as lock:  # noqa: PTH123
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():
            return target
        started = time.perf_counter()
        fd, partial = tempfile.mkstemp(dir=dump_dir(), prefix="partial-", suffix=".zip")
        try:
            with os.fdopen(fd, "wb") as stream:
                write_dump(stream)
            os.replace(partial, target)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        for old in dump_dir().glob("*.zip"):
            if old != target:
                old.unlink(missing_ok=True)
        logger.info("dump %s built in %.1f s", token, time.perf_counter() - started)
    return target


def _build_in_thread(token: str) -> threading.Thread:
    def run():
        try:
            build(token)
        except Exception:
            logger.exception("building the dump failed")
        finally:
            connections.close_all()  # this thread's connection

    thread = threading.Thread(target=run, name=f"dump-{token}", daemon=True)
    thread.start()
    return thread


_building: dict[str, threading.Thread] = {}


@csrf_exempt  # reads only: any other method answers 405 (in the API's shape), not CSRF's 403
@transaction.non_atomic_requests  # write_dump opens its own repeatable-read transaction
def dump(request):
    # Errors in the API's one shape; like every list, no parameter it does not know.
    if request.method not in ("GET", "HEAD"):
        response = error_response(405, f'Method "{request.method}" not allowed.')
        response["Allow"] = "GET, HEAD"
        return response
    unknown = [name for name in request.GET if name != "lang"]  # lang: core.i18n
    if unknown:
        name = unknown[0][:60]
        return error_response(
            400,
            f"{name}: Unknown query parameter. The dump takes none.",
            field=name,
            code="unknown_parameter",
        )
    version = current_version()
    if version is None:  # no version row (a database emptied by hand): build it each time
        token = "unversioned"  # noqa: S105 (a file name, not a secret)
        _path(token).unlink(missing_ok=True)
    else:
        token = version[0]
    target = _path(token)
    if not target.exists():
        if not getattr(settings, "DUMP_IN_BACKGROUND", not settings.TESTING):
            build(token)
        else:
            thread = _building.get(token)
            if thread is None or not (thread.is_alive() or target.exists()):
                thread = _building[token] = _build_in_thread(token)
            thread.join(getattr(settings, "DUMP_WAIT_SECONDS", 20))
            if not target.exists():
                response = error_response(
                    503,
                    "The dump is being built for the current data; "
                    f"retry in {RETRY_AFTER_SECONDS} seconds.",
                    code="dump_building",
                )
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                response["Cache-Control"] = "no-store"
                return response
            _building.pop(token, None)
    changed = version[1] if version else None
    response = FileResponse(
        open(target, "rb"),  # noqa: SIM115 (closed by the response)
        as_attachment=True,
        filename=f"iscm-registry-dump-{changed:%Y%m%d-%H%M%S}.zip"
        if changed
        else "iscm-registry-dump.zip",
        content_type="application/zip",
    )
    if version is not None:
        response["ETag"] = f'"dump-{token}"'
        response["Last-Modified"] = http_date(changed.timestamp())
    return response
