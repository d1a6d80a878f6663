"""Shared model helpers: natural-key managers used by fixtures, dumps and imports."""

from django.db import models


class SlugManager(models.Manager):
    """Manager for models whose natural key is their unique ``slug``."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class DataVersion(models.Model):
    """One row whose token changes with every write to the registry's data (core.cache).

    Cached responses are keyed by the token, so a write shows on the very next request.
    The token is random (not a counter) so a rolled-back write can never be confused with a
    later committed one.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "core_dataversion"

    def __str__(self):
        return f"data version {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
