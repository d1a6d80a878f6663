"""The attacker stream of bench/load.sh (issue 14): for a bounded time, at a fixed rate,
login attempts with new random user names on the token endpoint, each with a forged
X-Forwarded-For; every 5th tick a 10 KB nested JSON body; every 10th an oversized body.
Requests are fired without waiting for the answers (a thread pool), so a slow server does
not slow the attack. Prints how the server answered, by kind and status, as JSON.

    python bench/attack.py http://127.0.0.1:8741 --rate 10 --duration 20
"""

import argparse
import http.client
import json
import random
import string
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit


def _random(n=12):
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=n))  # noqa: S311


def _forged_ip():
    return ".".join(str(random.randint(1, 254)) for _ in range(4))  # noqa: S311


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--rate", type=float, default=10.0, help="login attempts per second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds")
    args = parser.parse_args()
    target = urlsplit(args.base)
    counts: Counter = Counter()
    lock = threading.Lock()

    def send(kind, method, path, body, content_type="application/json"):
        headers = {"Content-Type": content_type, "X-Forwarded-For": _forged_ip()}
        try:
            conn = http.client.HTTPConnection(target.hostname, target.port, timeout=15)
            conn.request(method, path, body=body, headers=headers)
            status = str(conn.getresponse().status)
            conn.close()
        except OSError as error:
            status = type(error).__name__
        with lock:
            counts[(kind, status)] += 1

    nested = b"[" * 10_000
    oversized = b'{"name": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    with ThreadPoolExecutor(max_workers=32) as pool:
        started = time.monotonic()
        tick = 0
        while time.monotonic() - started < args.duration:
            login = json.dumps({"username": f"nobody-{_random()}", "password": _random(16)})
            pool.submit(send, "login", "POST", "/api/v1/auth/token/", login.encode())
            if tick % 5 == 0:
                pool.submit(send, "nested", "POST", "/api/v1/auth/token/", nested)
                pool.submit(send, "nested", "PATCH", "/api/v1/mechanisms/rabat-process/", nested)
            if tick % 10 == 0:
                pool.submit(send, "oversized", "POST", "/api/v1/auth/token/", oversized)
            tick += 1
            time.sleep(max(0.0, started + tick / args.rate - time.monotonic()))
    print(json.dumps({f"{kind} {status}": n for (kind, status), n in sorted(counts.items())}))


if __name__ == "__main__":
    main()
