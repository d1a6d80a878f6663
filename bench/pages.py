"""Every public page and the main API lists beside "the limit", cold and warm, in one run.

    .venv/bin/python bench/pages.py                       # seed size, database loadbench
    .venv/bin/python bench/pages.py --scale-db apibench    # then scale 1, same run

The limit of a page is the same bytes returned by a bare view (``bench/urls.py``,
``/limit/<name>``) through the same middleware and settings: what no page can beat on this
machine. For each page, in each mode:

- ``cold``: the response cache off (``RESPONSE_CACHE=0``): every request renders;
- ``warm``: the cache on, the page read once before measuring;

it prints bytes, requests/s of the page and of its limit with ``--concurrency`` clients
back to back, their ratio, the page's p95, and the page's p95 at a fixed ``--rate``
(50 requests/s). API lists are also measured beside their ``.values()`` floor, cold.
gunicorn runs ``--workers`` (2) sync workers with ``bench.settings`` on 127.0.0.1:``--port``.
Environment: ``BENCH_DB``, ``BENCH_PORT`` give the defaults of ``--db`` and ``--port``.

Targets (issue 13): warm every page >= 0.7 of its limit and p95 <= 20 ms at 50 req/s; cold
every public page >= 0.25 of its limit and API lists >= 0.8 of the floor.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.api import closed_loop, fixed_rate, prepare_database, start_server  # noqa: E402

PAGES = [
    "/",
    "/mechanisms/",
    "/mechanisms/rabat-process/",
    "/regions/",
    "/regions/africa/",
    "/objectives/",
    "/objectives/6/",
    "/compact/",
    "/surveys/",
    "/surveys/imrf-inputs-2021/",
    "/sources/",
    "/sources/iom-note-final-gcm/",
    "/countries/",
    "/events/",
    "/statements/",
    "/about/",
    "/search/?q=migration",
]
# (path, floor path or None)
API = [
    ("/api/v1/mechanisms/?page_size=50", "/floor/mechanisms/?page_size=50"),
    (
        "/api/v1/references/?document=gcm-final&page_size=100",
        "/floor/references/?document=gcm-final&page_size=100",
    ),
    ("/api/v1/mechanisms/?page=1&page_size=50&format=csv", None),
    ("/api/schema/", None),
]


def fetch(port: int, path: str) -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("GET", path, headers={"Accept": "application/json, */*;q=0.1"})
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Content-Type", "")
    finally:
        conn.close()


def limit_name(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()[:16]


def save_limit(limit_dir: Path, port: int, path: str) -> int:
    status, body, content_type = fetch(port, path)
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    name = limit_name(path)
    (limit_dir / f"{name}.body").write_bytes(body)
    (limit_dir / f"{name}.type").write_text(content_type)
    return len(body)


def run(args) -> int:
    """The seed-size database, then (``--scale-db``) the scale-1 one, in one run."""
    missed = measure(args, args.db, args.scale, at_scale=args.scale >= 1)
    if args.scale_db:
        missed += measure(args, args.scale_db, 1.0, at_scale=True)
    print("\nShort of a target:\n  " + "\n  ".join(missed) if missed else "\nAll targets met.")
    return 0


def measure(args, db: str, scale: float, *, at_scale: bool) -> list[str]:
    args.db, args.scale = db, scale
    limit_dir = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"postgres://postgres@{args.pg_host}:{args.pg_port}/{args.db}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
        "ISCM_PLAIN_STATIC": "1",
        "DEBUG": "",
        "BENCH_LIMIT_DIR": str(limit_dir),
        "DUMP_DIR": str(limit_dir / "dumps"),
    }
    if not args.skip_setup:
        prepare_database(args, base_env)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nPostgreSQL db {args.db} (scale {args.scale:g}), gunicorn {args.workers} sync "
        f"workers, {args.concurrency} clients, {args.duration:.0f} s per measurement, "
        f"load average before: {load}"
    )
    header = (
        f"{'page':<52}{'mode':<6}{'KB':>8}{'req/s':>8}{'limit':>8}{'ratio':>7}"
        f"{'p95':>7}{'p95@' + str(int(args.rate)):>8}{'floor':>8}{'/floor':>7}"
    )
    print(header)
    print("-" * len(header), flush=True)
    missed, sizes = [], {}
    pages = [p for p in PAGES + [a for a, _ in API] if not args.only or args.only in p]
    floors = dict(API)
    for mode in args.modes.split(","):
        env = {**base_env, "RESPONSE_CACHE": "1" if mode == "warm" else "0"}
        server = start_server(args, env)
        try:
            for path in pages:
                if path not in sizes:
                    sizes[path] = save_limit(limit_dir, args.port, path)
                    if at_scale and not path.startswith("/api/") and sizes[path] > 300 * 1024:
                        missed.append(f"{path} at scale: {sizes[path] / 1024:.0f} KB (goal 300)")
                limit = f"/limit/{limit_name(path)}"
                for p in (path, limit):
                    closed_loop("127.0.0.1", args.port, p, concurrency=args.concurrency, duration=1)
                page = closed_loop(
                    "127.0.0.1",
                    args.port,
                    path,
                    concurrency=args.concurrency,
                    duration=args.duration,
                )
                bare = closed_loop(
                    "127.0.0.1",
                    args.port,
                    limit,
                    concurrency=args.concurrency,
                    duration=args.duration,
                )
                rate = fixed_rate(
                    "127.0.0.1", args.port, path, rate=args.rate, duration=args.duration
                )
                floor_rps = None
                if floors.get(path) and mode == "cold":
                    floor_rps = closed_loop(
                        "127.0.0.1",
                        args.port,
                        floors[path],
                        concurrency=args.concurrency,
                        duration=args.duration,
                    ).rps
                ratio = page.rps / bare.rps if bare.rps else float("nan")
                p95_rate = "overload" if rate.overloaded else f"{rate.percentile(95):.1f}"
                print(
                    f"{path[:51]:<52}{mode:<6}{sizes[path] / 1024:8.1f}{page.rps:8.1f}"
                    f"{bare.rps:8.1f}{ratio:7.2f}{page.percentile(95):7.1f}{p95_rate:>8}"
                    + (f"{floor_rps:8.1f}{page.rps / floor_rps:7.2f}" if floor_rps else ""),
                    flush=True,
                )
                errors = page.errors + bare.errors + rate.errors
                if errors:
                    missed.append(f"{path} {mode}: {errors} errors")
                is_page = not path.startswith("/api/")
                goal = 0.7 if mode == "warm" else 0.25
                if (mode == "warm" or is_page) and ratio < goal:
                    missed.append(f"{path} {mode}: {ratio:.2f} of its limit (goal {goal})")
                if floor_rps and page.rps / floor_rps < 0.8:
                    missed.append(
                        f"{path} cold: {page.rps / floor_rps:.2f} of the floor (goal 0.8)"
                    )
                if mode == "warm" and (rate.overloaded or rate.percentile(95) > 20):
                    missed.append(f"{path} warm: p95 {p95_rate} ms at {args.rate:.0f}/s (goal 20)")
                schema = at_scale and mode == "warm" and path == "/api/schema/"
                if schema and page.percentile(95) > 50:
                    missed.append(f"/api/schema/ warm at scale: p95 {page.percentile(95):.0f} ms")
            if args.dump and mode == args.modes.split(",")[0]:
                measure_dump(args)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print("KB: body size; ratio: page req/s / limit req/s; p95 in ms (p95@rate from the schedule)")
    return [f"[{db}] {m}" for m in missed]


def measure_dump(args) -> None:
    """The dump: the first request after a write builds it (or answers 503 while it is
    built), the next ones stream the stored file."""
    started = time.perf_counter()
    statuses = []
    while time.perf_counter() - started < args.dump_wait:
        t = time.perf_counter()
        status, body, _ = fetch(args.port, "/api/v1/dump/")
        statuses.append((status, time.perf_counter() - t))
        if status == 200:
            break
        time.sleep(5)
    ready = time.perf_counter() - started
    t = time.perf_counter()
    status, body, _ = fetch(args.port, "/api/v1/dump/")
    print(
        f"dump: answers {[s for s, _ in statuses]} (longest request "
        f"{max(d for _, d in statuses):.1f} s), ready after {ready:.1f} s; then "
        f"{status} in {(time.perf_counter() - t) * 1000:.0f} ms, {len(body) / 1e6:.1f} MB",
        flush=True,
    )


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "loadbench"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8766")))
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", default="5432")
    parser.add_argument("--scale", type=float, default=0.0, help="synthetic data (0: seed only)")
    parser.add_argument(
        "--scale-db",
        default=os.environ.get("BENCH_SCALE_DB"),
        help="then the same at scale 1 on this database (created and synthesized if needed)",
    )
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--duration", type=float, default=3.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--modes", default="cold,warm")
    parser.add_argument("--only", help="only paths containing this")
    parser.add_argument("--dump", action="store_true", help="also time the dump")
    parser.add_argument("--dump-wait", type=float, default=900.0)
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
