"""Where a cold page's time goes, in-process: each page beside its limit, then a profile.

    .venv/bin/python bench/cold.py                      # every page of bench/pages.py
    .venv/bin/python bench/cold.py /mechanisms/ --top 30 --sort tottime

Runs the app in this process through Django's test client with the response cache off
(``RESPONSE_CACHE=0``), on ``DATABASE_URL`` or, without it, an SQLite file in the temporary
directory that it migrates and seeds on the first run and keeps. For each page it prints
milliseconds per request, the same for the page's bytes returned by a bare view through the
same middleware (``bench/urls.py`` ``/limit/``), their ratio and the function calls of one
request (cProfile): the in-process counterpart of bench/pages.py's cold ratio, free of the
network and the load generator, so cheap to run after each change. With ``--top`` it also
prints cProfile's top functions per page, with ``--tree`` pyinstrument's call tree. Figures
are ratios within one run: the machine is shared (``--cpu``: CPU time, the best of five
batches, which other processes sway less than the wall clock).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import start_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="pages (default: bench/pages.py's list)")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (20)")
    parser.add_argument("--top", type=int, default=0, help="print N top functions per page")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key")
    parser.add_argument("--fresh", action="store_true", help="migrate and seed SQLite anew")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="CPU time, best of 5 batches of --repeat: less swayed by other processes",
    )
    args = parser.parse_args()

    workdir = start_django("bench-profile-", fresh=args.fresh)
    from django.test import Client

    from bench.pages import PAGES, limit_name

    client = Client()
    print(f"{'page':<40} {'KB':>7} {'ms':>8} {'limit ms':>9} {'ratio':>6} {'calls':>8}")
    for path in args.paths or PAGES:
        response = client.get(path)
        body = response.content
        name = limit_name(path)
        (workdir / f"{name}.body").write_bytes(body)
        (workdir / f"{name}.type").write_text(response["Content-Type"])

        def per_request(url: str) -> float:
            client.get(url)
            clock = time.process_time if args.cpu else time.perf_counter
            batches = []
            for _ in range(5 if args.cpu else 1):
                start = clock()
                for _ in range(args.repeat):
                    client.get(url)
                batches.append((clock() - start) / args.repeat * 1000)
            return min(batches)

        page_ms = per_request(path)
        limit_ms = per_request(f"/limit/{name}")
        counter = cProfile.Profile()
        counter.runcall(client.get, path)
        calls = pstats.Stats(counter).total_calls
        print(
            f"{path:<40} {len(body) / 1024:7.1f} {page_ms:8.2f} {limit_ms:9.2f}"
            f" {limit_ms / page_ms:6.2f} {calls:8d}",
            flush=True,
        )
        if args.tree:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
            with profiler:
                for _ in range(args.repeat):
                    client.get(path)
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        if args.top:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(5):
                client.get(path)
            profile.disable()
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
