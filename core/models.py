"""Shared model helpers: natural-key managers used by fixtures, dumps and imports."""

from django.db import models


class SlugManager(models.Manager):
    """Manager for models whose natural key is their unique ``slug``."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)
