"""System checks for production settings that Django's own --deploy checks do not cover."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_cache_url(app_configs, **kwargs):
    url = getattr(settings, "CACHE_URL", "")
    backend = settings.CACHES["default"]["BACKEND"]
    if url.startswith(("redis://", "rediss://")) and not backend.endswith("RedisCache"):
        return [
            Warning(
                "CACHE_URL names Redis but the redis package is not installed; each worker "
                "uses its own in-memory cache (throttling is then per worker).",
                hint="pip install '.[redis]'",
                id="ops.W001",
            )
        ]
    return []
