"""The public pages' HTML, saved to a directory, to compare before and after a change.

    .venv/bin/python bench/html_snapshot.py /tmp/before          # save
    .venv/bin/python bench/html_snapshot.py /tmp/after --compare /tmp/before

Renders each page in-process (bench.inprocess: the response cache off, the kept seeded
SQLite file or ``DATABASE_URL``) in English, French and Spanish, plus the directory with
filters and the second page of each paginated list, and writes one file per page. With
``--compare`` it lists the pages whose bytes differ from the other directory's and exits
non-zero if any do: a rendering optimisation should leave every page byte-identical.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.inprocess import start_django  # noqa: E402

BASE = [
    "/",
    "/mechanisms/",
    "/mechanisms/?region=africa",
    "/mechanisms/?region=africa&page=2",
    "/mechanisms/?sort=-founded",
    "/mechanisms/?page=2",
    "/mechanisms/rcm/",
    "/mechanisms/rabat-process/",
    "/regions/",
    "/regions/africa/",
    "/regions/europe-central-asia/",
    "/objectives/",
    "/objectives/1/",
    "/objectives/6/",
    "/objectives/23/",
    "/compact/",
    "/compact/?page=2",
    "/compact/?document=gcm-final",
    "/surveys/",
    "/surveys/imrf-inputs-2021/",
    "/surveys/grcp7-2017/",
    "/surveys/imrf-inputs-2021/?page=2",
    "/sources/",
    "/sources/iom-note-final-gcm/",
    "/countries/",
    "/events/",
    "/statements/",
    "/statements/?page=2",
    "/about/",
    "/search/?q=migration",
]


def pages() -> list[str]:
    return [prefix + path for prefix in ("", "/fr", "/es") for path in BASE]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write the pages to")
    parser.add_argument("--compare", type=Path, help="a directory saved earlier")
    args = parser.parse_args()

    start_django("bench-snapshot-")
    from django.test import Client

    client = Client()
    args.out.mkdir(parents=True, exist_ok=True)
    differ = []
    for path in pages():
        response = client.get(path)
        name = quote(path, safe="") + ".html"
        body = f"{response.status_code}\n".encode() + response.content
        (args.out / name).write_bytes(body)
        if args.compare:
            before = args.compare / name
            if not before.exists() or before.read_bytes() != body:
                differ.append(path)
        print(f"{response.status_code} {len(response.content):>7} {path}")
    if args.compare:
        print("\nDiffer:\n  " + "\n  ".join(differ) if differ else "\nAll identical.")
        sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
