"""The two staff groups: Editors curate the registry, Viewers only read it.

Used by the data migration that creates the groups and, after every ``migrate``, to give
existing groups the permissions of models added since (their permissions are created by
the same ``migrate``), so a new model is never silently out of the editors' reach.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
VIEWERS = "Viewers"
#: Apps whose records the groups curate; their historical models are view-only for both.
#: Editors manage secretariat memberships too (which user answers for which mechanism).
CURATED_APPS = (
    "sources",
    "mechanisms",
    "gcm",
    "surveys",
    "countries",
    "events",
    "statements",
    "process",
    "secretariats",
)


def create_curated_permissions(apps, *, using="default"):
    """Create the permissions of the curated apps now; Django would only do so after migrate."""
    for label in CURATED_APPS:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:  # an app added after this migration state: post_migrate grants it
            continue
        had_models_module = getattr(app_config, "models_module", None)
        # Migration-state app configs have no models module; create_permissions skips those.
        app_config.models_module = had_models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0, using=using)
        finally:
            app_config.models_module = had_models_module


def grant_permissions(apps, groups, *, using="default"):
    """Give each of ``groups`` (Group rows) the permissions its name calls for."""
    permission_model = apps.get_model("auth", "Permission")
    permissions = list(
        permission_model.objects.using(using)
        .filter(content_type__app_label__in=CURATED_APPS)
        .select_related("content_type")
    )
    readable = [p for p in permissions if p.codename.startswith("view_")]
    # History rows are the audit trail: even editors only read them (revert writes a new one).
    editable = [
        p
        for p in permissions
        if p.codename.startswith("view_") or not p.content_type.model.startswith("historical")
    ]
    for group in groups:
        if group.name == EDITORS:
            group.permissions.add(*editable)
        elif group.name == VIEWERS:
            group.permissions.add(*readable)


def sync_group_permissions(sender, apps=None, using="default", **kwargs):
    """post_migrate (for core): complete existing groups' permissions; never recreate one.

    ``flush`` (run after every transactional test) sends post_migrate without ``apps``;
    the live registry serves then.
    """
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    groups = list(group_model.objects.using(using).filter(name__in=[EDITORS, VIEWERS]))
    if groups:
        create_curated_permissions(apps, using=using)
        grant_permissions(apps, groups, using=using)


def ensure_groups(apps=None, *, using="default"):
    """Create both groups with their permissions if they are missing.

    The data migration does this once; tests that empty the database (``flush`` after a
    transactional test) call it to get back to a freshly migrated state.
    """
    if apps is None:
        from django.apps import apps
    group_model = apps.get_model("auth", "Group")
    if group_model.objects.using(using).filter(name__in=[EDITORS, VIEWERS]).count() == 2:
        return
    create_curated_permissions(apps, using=using)
    groups = [
        group_model.objects.using(using).get_or_create(name=name)[0] for name in (EDITORS, VIEWERS)
    ]
    grant_permissions(apps, groups, using=using)
    # create_permissions caches content types; a later flush would leave that cache stale.
    apps.get_model("contenttypes", "ContentType").objects.clear_cache()
