"""Shared fixtures. The test database is migrated and seeded once per run.

Tests that use ``transactional_db`` or ``live_server`` run last (pytest-django orders
them so) and empty the database when they finish; they seed it themselves if they need
the notes' data (``seeded_transactional_db``).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from core.groups import ensure_groups
from core.seeding import seed


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle and login-limit counters live in the cache: each test starts clean."""
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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (cached answers, throttle counts): a test that
    reads a page a test before it read must not get that test's answer."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """A database as after ``migrate`` and ``seed``: an earlier transactional test's flush
    emptied it, groups included (the data migration that made them does not run again)."""
    ensure_groups()
    seed()


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
