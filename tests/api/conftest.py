import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Throttle counters live in the cache; each test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def staff_groups(db):
    """The Editors/Viewers groups (made by core's data migration; built here if it is absent)."""
    apps = ["sources", "mechanisms", "gcm", "surveys"]
    editors, created = Group.objects.get_or_create(name="Editors")
    if created:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=apps).exclude(
                content_type__model__startswith="historical"
            )
        )
    viewers, created = Group.objects.get_or_create(name="Viewers")
    if created:
        viewers.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=apps, codename__startswith="view_"
            )
        )


@pytest.fixture
def editor(staff_groups, editor):
    return editor


@pytest.fixture
def viewer(staff_groups, viewer):
    return viewer


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


@pytest.fixture
def viewer_api(viewer):
    client = APIClient()
    client.force_authenticate(viewer)
    return client
