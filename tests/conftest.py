"""Shared fixtures. The test database is migrated and seeded once per run.

Tests that use ``transactional_db`` or ``live_server`` run last (pytest-django orders
them so) and empty the database when they finish; they seed it themselves if they need
the notes' data (``seeded_transactional_db``).
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache

from core.seeding import seed
from tests import snapshot


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
    """A database as after ``migrate`` and ``seed``: an earlier transactional test's flush
    emptied it, groups included (the data migration that made them does not run again).
    Put back from the copy taken after the run's seed (tests/snapshot.py)."""
    snapshot.seeded.restore()


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
