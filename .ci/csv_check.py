"""pandas.read_csv of every list's CSV URL on a live server reads every row (.ci/client).

python .ci/csv_check.py http://127.0.0.1:8741
"""

import json
import sys
import urllib.request

import pandas


def main(base: str) -> None:
    with urllib.request.urlopen(f"{base}/api/v1/") as answer:  # noqa: S310 (our own server)
        lists = json.load(answer)
    for name, url in sorted(lists.items()):
        with urllib.request.urlopen(f"{url}?page_size=1") as answer:  # noqa: S310
            count = json.load(answer)["count"]
        frame = pandas.read_csv(f"{url}?format=csv")
        if len(frame) != count:
            raise SystemExit(f"csv check FAILED: {name}: {len(frame)} CSV rows, {count} in JSON")
    print(f"csv check: pandas read all rows of {len(lists)} lists")


if __name__ == "__main__":
    main(sys.argv[1])
