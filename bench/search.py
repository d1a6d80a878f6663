"""The site search's time for a common and a rare word, beside a plain indexed lookup.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<scale db> .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --word dialogue --word remittances --repeat 10

Runs the app in this process through Django's test client with the response cache off
(``RESPONSE_CACHE=0``), as bench/cold.py does, on ``DATABASE_URL`` (a database made by
``manage.py synthesize --scale 1`` is the point; without it, the seeded SQLite file of
bench/cold.py). For each word it prints the median milliseconds of ``/search/?q=`` and of
``/api/v1/search/?q=``, the share of that spent in SQL, and the ratio to the reference: the
median of ``/api/v1/mechanisms/<slug>/``, one record read by its indexed slug through the
same middleware and settings, requested in turn with the search so both see the same load.
Figures are ratios within one run: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import start_django  # noqa: E402

# (word, what it stands for): at scale 1 "dialogue" is in 90 % of the synthetic texts.
WORDS = [
    ("dialogue", "common"),
    ("migration", "common"),
    ("remittances", "rare"),
    ("rabat procss", "typo"),
]
REFERENCE = "/api/v1/mechanisms/rabat-process/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--word", action="append", help="words to search (default: four)")
    parser.add_argument("--repeat", type=int, default=7, help="requests per URL (7)")
    args = parser.parse_args()

    start_django("bench-search-")
    from django.db import connection
    from django.test import Client

    client = Client()
    sql = [0.0]

    def timed(execute, query, params, many, context):
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql[0] += time.perf_counter() - start

    def measure(url: str) -> tuple[float, float, float, int]:
        """Median ms of ``url`` and of the reference, requested in turn (so both see the
        same load), the SQL share of ``url``'s time, and its body's size."""
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        times, reference, sql[0] = [], [], 0.0
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(REFERENCE)
            reference.append(time.perf_counter() - start)
            with connection.execute_wrapper(timed):
                start = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - start)
        median = statistics.median
        return (
            median(times) * 1000,
            median(reference) * 1000,
            sql[0] / sum(times),
            len(response.content),
        )

    from mechanisms.models import Mechanism

    counts = f"{Mechanism.objects.count():,} mechanisms"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{connection.vendor} {connection.settings_dict['NAME']}: {counts}; load {load}")
    if client.get(REFERENCE).status_code != 200:
        raise SystemExit(f"{REFERENCE} is not there: seed the database")
    print(f"reference: {REFERENCE}, requested in turn with each search")
    print(f"{'query':<26}{'url':<16}{'KB':>6}{'ms':>9}{'SQL':>6}{'ref ms':>8}{'ratio':>7}")
    words = [(w, "") for w in args.word] if args.word else WORDS
    for word, label in words:
        for path in ("/search/", "/api/v1/search/"):
            ms, reference_ms, share, size = measure(f"{path}?{urlencode({'q': word})}")
            title = f"{word} ({label})" if label else word
            print(
                f"{title:<26}{path:<16}{size / 1024:6.1f}{ms:9.1f}{share:6.0%}"
                f"{reference_ms:8.1f}{ms / reference_ms:7.1f}",
                flush=True,
            )
    print("ms: median per request; ratio: search ms / reference ms (1 = as cheap as it)")


if __name__ == "__main__":
    main()
