"""Page addresses, reversed once per process.

``reverse()`` walks the URL resolver on every call (about 20-40 µs); a list page calls
``get_absolute_url()`` for every row and every source it shows, hundreds of times per render.
The patterns never change while a process runs, so the answer depends only on the name, the
arguments, the URLconf, the script prefix and the active language (``i18n_patterns``), and is
kept per process under exactly those (forgotten when a test changes the URL settings).
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@lru_cache(maxsize=65536)
def _reverse(viewname: str, args: tuple, urlconf, prefix: str, language) -> str:
    return reverse(viewname, args=args, urlconf=urlconf)


def page_url(viewname: str, *args) -> str:
    """``reverse(viewname, args=args)``, cached (arguments must be hashable: slugs, numbers)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(viewname, args, urlconf, get_script_prefix(), get_language())


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "LANGUAGES", "LANGUAGE_CODE"}:
        _reverse.cache_clear()
