"""Time the heaviest admin change pages at seed size: ms, queries and bytes per page.

    DEBUG=1 .venv/bin/python -m bench.admin_pages        # uses DATABASE_URL or db.sqlite3

Migrate and seed first (``./dev serve`` does both). Each page is fetched five times by a
superuser through Django's test client; the medians of wall-clock and CPU time are shown
(CPU time is the steadier figure on a shared machine).
"""

import os
import statistics
import time

import django


def pages():
    from mechanisms.models import Mechanism, Meeting
    from surveys.models import Question, Survey

    yield "question 18", Question.objects.filter(number=18).order_by("survey__year").first()
    yield "2021 survey", Survey.objects.filter(year=2021).first()
    yield "GRCP 9", Meeting.objects.filter(number=9).first()
    yield "mechanism with most links", Mechanism.objects.filter(slug="rcm").first()


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iscm_registry.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    for label, obj in pages():
        if obj is None:
            print(f"{label:28} (not seeded)")
            continue
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        times, cpus = [], []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        wall, cpu = statistics.median(times), statistics.median(cpus)
        print(
            f"{label:28} {wall:6.0f} ms wall {cpu:6.0f} ms CPU {len(queries):4} queries "
            f"{len(response.content) / 1024:6.0f} KB  {url}"
        )


if __name__ == "__main__":
    main()
