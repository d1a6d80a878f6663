"""Shared fixtures. The test database is migrated and seeded once per run (per worker when
the suite runs in parallel), and every test finds it seeded.

Tests in ``db`` run in a transaction rolled back at their end. Tests that need real commits
(``transactional_db``, ``live_server``) end with Django's flush, which empties every table:
the seeded copy is put back right after it (tests/snapshot.py), so the order tests run in
does not matter (with pytest-xdist a worker runs a file's transactional tests, then another
file's plain ones).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import TransactionTestCase

from core.seeding import seed
from tests import snapshot


def _then_reseed(flush):
    def _fixture_teardown(self):
        flush(self)
        if snapshot.seeded.taken:
            snapshot.seeded.restore()

    return _fixture_teardown


# TestCase (the ``db`` tests) overrides this with its rollback; only the flushing teardown of
# transactional tests is wrapped.
TransactionTestCase._fixture_teardown = _then_reseed(TransactionTestCase._fixture_teardown)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts and ends with an empty cache: throttle and login-limit counters, and
    cached answers (a test reading a page a test before it read must not get that answer)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _generous_login_limit(settings):
    """Tests log in many times from one address; the login limit's own tests
    (tests/production/test_limits.py) set the rates they test."""
    settings.LOGIN_RATE = "1000/minute"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed()
        snapshot.seeded.take()


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """``transactional_db``, for a test that reads the notes' data: says so, as every test
    finds the database seeded (an earlier transactional test's flush is undone at its end)."""


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("editor", password="editor-pass-123")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create_user("viewer", password="viewer-pass-123")
    user.groups.add(Group.objects.get(name="Viewers"))
    return user
