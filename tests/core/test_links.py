"""core.links.page_url: reverse() once per process, under the language and URLconf."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from core.links import page_url


def test_page_url_is_reverse():
    assert page_url("mechanisms:detail", "rabat-process") == reverse(
        "mechanisms:detail", args=["rabat-process"]
    )
    assert page_url("gcm:objective", 6) == reverse("gcm:objective", args=[6])


def test_page_url_follows_the_active_language():
    for language in ("en", "fr", "es"):
        with translation.override(language):
            assert page_url("sources:detail", "x") == reverse("sources:detail", args=["x"])


@override_settings(FORCE_SCRIPT_NAME="/registry/")
def test_page_url_follows_the_script_prefix():
    from django.urls import set_script_prefix

    set_script_prefix("/registry/")
    try:
        assert page_url("mechanisms:detail", "x").startswith("/registry/")
    finally:
        set_script_prefix("/")
