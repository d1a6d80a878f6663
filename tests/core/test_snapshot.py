"""The copy of the seeded database that transactional tests start from (tests/snapshot.py)
is the seeded database: after an earlier test emptied it, it comes back whole."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from core.seeding import seed
from mechanisms.models import Mechanism
from tests import snapshot


def test_a_restored_database_is_the_seeded_one(transactional_db):
    call_command("flush", "--noinput", verbosity=0)  # as after an earlier transactional test
    assert not Mechanism.objects.exists()

    snapshot.seeded.restore()

    report = seed()
    assert report.created == 0
    assert report.differences == []
    assert report.unchanged > 1000
    # The groups' permissions point at content types that exist, under their cached ids.
    editors = Group.objects.get(name="Editors")
    permission = editors.permissions.select_related("content_type").first()
    assert permission.content_type == ContentType.objects.get_for_model(
        permission.content_type.model_class()
    )
    assert Permission.objects.filter(group=editors).count() > 10
