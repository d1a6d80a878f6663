"""Benchmark the REST API against a bare-Django "floor" on PostgreSQL at scale.

    .venv/bin/python bench/api.py                 # everything, scale 1 (about 10 minutes)
    .venv/bin/python bench/api.py --duration 5    # shorter measurements

Creates (or reuses) the PostgreSQL database ``apibench``, migrates, seeds, synthesizes
scale 1 (``manage.py synthesize``), runs ``VACUUM ANALYZE``, serves the app with gunicorn on
127.0.0.1 using ``bench.settings`` (which adds the floor views of ``bench/urls.py``), then
measures on
loopback, for each endpoint and its floor:

- throughput: ``--concurrency`` clients send requests back to back for ``--duration``
  seconds; requests/s and p50/p95/p99 latency;
- latency at a fixed rate (``--rate``, 50 requests/s): requests are sent on a schedule,
  latency counted from the scheduled time (so a slow server cannot hide its queue).

Prints a table with api/floor throughput ratios. The issue's goal: list endpoints reach at
least 0.8 of the floor's throughput, and p95 <= 30 ms at 50 requests/s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MAX_OUTSTANDING = 32


@dataclass
class Result:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]  # milliseconds
    overloaded: bool = False  # a fixed-rate run the server could not keep up with

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def get(host: str, port: int, path: str) -> tuple[int, int]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "application/json, */*;q=0.1"})
        response = conn.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        conn.close()


def closed_loop(host, port, path, *, concurrency: int, duration: float) -> Result:
    """``concurrency`` clients, each sending the next request when the last one answers."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + duration

    def client():
        mine, bad = [], 0
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                status, _ = get(host, port, path)
            except OSError:
                status = 0
            if status == 200:
                mine.append((time.perf_counter() - start) * 1000)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(len(latencies), errors[0], time.perf_counter() - start, latencies)


def fixed_rate(host, port, path, *, rate: float, duration: float) -> Result:
    """Open loop: request i is due at start + i/rate whatever happened to the others.

    Latency counts from the due time, so a server that falls behind shows its queue. When
    ``MAX_OUTSTANDING`` requests are waiting the server cannot keep up with the rate: the
    run stops there and is marked overloaded instead of queueing for minutes.
    """
    total = int(rate * duration)
    latencies, errors, lock = [], [0], threading.Lock()
    slots = threading.Semaphore(MAX_OUTSTANDING)
    overloaded = False
    start = time.perf_counter() + 0.05

    def one(due):
        try:
            status, _ = get(host, port, path)
        except OSError:
            status = 0
        finally:
            slots.release()
        with lock:
            if status == 200:
                latencies.append((time.perf_counter() - due) * 1000)
            else:
                errors[0] += 1

    pool = ThreadPoolExecutor(max_workers=MAX_OUTSTANDING)
    try:
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            if not slots.acquire(blocking=False):
                overloaded = True
                break
            pool.submit(one, due)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return Result(len(latencies), errors[0], duration, latencies, overloaded)


# --- Setting up the database and the server --------------------------------------------


def prepare_database(args, env) -> None:
    import psycopg2

    admin = psycopg2.connect(
        host=args.pg_host, port=args.pg_port, user="postgres", dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
        if cursor.fetchone() is None:
            print(f"Creating database {args.db}")
            cursor.execute(f'CREATE DATABASE "{args.db}"')
    admin.close()

    def manage(*command):
        subprocess.run([PYTHON, "manage.py", *command], cwd=BASE_DIR, env=env, check=True)  # noqa: S603

    manage("migrate", "--noinput", "-v0")
    manage("seed")
    wanted = str(round(10_000 * args.scale))
    have = subprocess.run(  # noqa: S603 (fixed commands, no user input)
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from mechanisms.models import Mechanism;"
            "print(Mechanism.objects.filter(slug__startswith='synthetic-').count())",
        ],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()[-1]
    if have == wanted and not args.fresh:
        print(f"Reusing {have} synthetic mechanisms in {args.db}")
    else:
        started = time.perf_counter()
        manage("synthesize", "--scale", str(args.scale), "--clear", "--database-name", args.db)
        print(f"Synthesized scale {args.scale} in {time.perf_counter() - started:.0f} s")
    # Measure the database as production keeps it: autovacuum maintains statistics and the
    # visibility map (so a page's COUNT(*) can be an index-only scan). Some servers, this
    # development one included, run with autovacuum off; a freshly written database would
    # then be measured in a state production never stays in.
    manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
    )


def start_server(args, env) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 (fixed command)
        [
            str(Path(PYTHON).with_name("gunicorn")),
            "iscm_registry.wsgi:application",
            "--config",
            str(BASE_DIR / "bench" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    for _ in range(100):
        try:
            if get("127.0.0.1", args.port, "/api/v1/")[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited; see its output above")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 20 s")


# --- The run ---------------------------------------------------------------------------


def endpoints(args) -> list[tuple[str, str, str, bool]]:
    """(label, API path, floor path, is a list endpoint)."""
    m, s = args.mechanism, args.survey
    return [
        (
            "mechanisms list (50)",
            "/api/v1/mechanisms/?page_size=50",
            "/floor/mechanisms/?page_size=50",
            True,
        ),
        (
            "references gcm-final (100)",
            "/api/v1/references/?document=gcm-final&page_size=100",
            "/floor/references/?document=gcm-final&page_size=100",
            True,
        ),
        (f"mechanism detail {m}", f"/api/v1/mechanisms/{m}/", f"/floor/mechanisms/{m}/", False),
        (
            f"survey results {s}",
            f"/api/v1/surveys/{s}/results/",
            f"/floor/surveys/{s}/results/",
            False,
        ),
    ]


def run(args) -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"postgres://postgres@{args.pg_host}:{args.pg_port}/{args.db}",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production"),
        "ISCM_PLAIN_STATIC": "1",
        "DEBUG": "",
        # The API's own cost beside the floor: the response cache would serve both sides.
        "RESPONSE_CACHE": os.environ.get("RESPONSE_CACHE", "0"),
    }
    if not args.skip_setup:
        prepare_database(args, env)
    server = start_server(args, env)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nPostgreSQL db {args.db}, scale {args.scale}, gunicorn {args.workers} sync workers, "
        f"{args.concurrency} concurrent clients, {args.duration:.0f} s per measurement, "
        f"load average before: {load}"
    )
    header = (
        f"{'endpoint':<34}{'side':<7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
        f"{'err':>5}{'ratio':>7}  {'p95@' + str(int(args.rate)) + '/s':>10}"
    )
    print(header)
    print("-" * len(header), flush=True)
    failures = []
    try:
        for label, api, floor, is_list in endpoints(args):
            if args.only and args.only not in label:
                continue
            failures += measure(args, label, api, floor, is_list)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("latencies in ms; ratio = api req/s / floor req/s; p95@rate counted from the schedule")
    print()
    if failures:
        print("Short of the goal:\n  " + "\n  ".join(failures))
    else:
        print("All goals met.")
    return 0


def measure(args, label, api, floor, is_list) -> list[str]:
    """Measure one endpoint beside its floor, print two table rows, return goals missed."""
    host, port = "127.0.0.1", args.port
    for path in (api, floor):
        status, _ = get(host, port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        closed_loop(host, port, path, concurrency=args.concurrency, duration=1)  # warm up
    tp = {
        side: closed_loop(host, port, path, concurrency=args.concurrency, duration=args.duration)
        for side, path in (("api", api), ("floor", floor))
    }
    fr = {
        side: fixed_rate(host, port, path, rate=args.rate, duration=args.duration)
        for side, path in (("api", api), ("floor", floor))
    }
    ratio = tp["api"].rps / tp["floor"].rps if tp["floor"].rps else float("nan")
    for side in ("api", "floor"):
        t, f = tp[side], fr[side]
        print(
            f"{label if side == 'api' else '':<34}{side:<7}{t.rps:8.1f}"
            f"{t.percentile(50):8.1f}{t.percentile(95):8.1f}{t.percentile(99):8.1f}"
            f"{t.errors + f.errors:5d}{(f'{ratio:.2f}' if side == 'api' else ''):>7}"
            f"  {'overload' if f.overloaded else f'{f.percentile(95):.1f}':>10}",
            flush=True,
        )
    failures = []
    if is_list and ratio < 0.8:
        failures.append(f"{label}: throughput {ratio:.2f} of the floor (goal 0.8)")
    if fr["api"].overloaded:
        failures.append(f"{label}: cannot keep up with {args.rate:.0f} req/s (goal: p95 30 ms)")
    elif fr["api"].percentile(95) > 30:
        failures.append(
            f"{label}: p95 {fr['api'].percentile(95):.1f} ms at {args.rate:.0f} req/s (goal 30)"
        )
    return failures


def main() -> int:
    # A plain kill must still stop the gunicorn this script started (finally in run()).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db",
        default=os.environ.get("BENCH_DB", "apibench"),
        help="PostgreSQL database (created if missing; env BENCH_DB)",
    )
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", default="5432")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--fresh", action="store_true", help="Synthesize again even if present.")
    parser.add_argument("--skip-setup", action="store_true", help="No migrate/seed/synthesize.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8765")))
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per measurement")
    parser.add_argument("--rate", type=float, default=50.0, help="requests/s of the fixed-rate run")
    parser.add_argument("--only", help="Measure only endpoints whose label contains this.")
    parser.add_argument("--mechanism", default="gfmd", help="slug for the detail endpoint")
    parser.add_argument(
        "--survey", default="synthetic-survey-1", help="slug for the results endpoint"
    )
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
