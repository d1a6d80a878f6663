"""Shared model helpers: natural-key managers used by fixtures, dumps and imports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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

    token = models.CharField(max_length=32, verbose_name=_("token"))
    changed_at = models.DateTimeField(verbose_name=_("changed at"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")
        db_table = "core_dataversion"

    def __str__(self):
        return f"data version {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


TRANSLATION_HELP = _(
    "An editor's translation of the field above (never machine-made); left empty, pages show "
    "the English text marked as not translated."
)
LANGUAGE_NAMES = {"fr": _("French"), "es": _("Spanish")}


def translation_of(field: models.Field, language: str, label: str) -> models.Field:
    """A French or Spanish version of a text field: same kind and length, optional.

    Plain columns beside the English one (``name_fr`` next to ``name``), so the history
    (django-simple-history copies every concrete field) records them like any other field.
    """
    from django.utils.text import format_lazy

    # "name (French)", "nom (français)": the English field's label in the reader's language.
    label = field._verbose_name or label
    kwargs = {"blank": True, "default": "", "help_text": TRANSLATION_HELP}
    kwargs["verbose_name"] = format_lazy("{} ({})", label, LANGUAGE_NAMES[language])
    if isinstance(field, models.CharField):
        return models.CharField(max_length=field.max_length, **kwargs)
    return models.TextField(**kwargs)


TRANSLATED_LANGUAGES = ("fr", "es")
_translated: dict[type, tuple[str, ...]] = {}


def translated_fields(model) -> tuple[str, ...]:
    """The fields of ``model`` that have editors' French and Spanish versions."""
    model = getattr(model, "_meta", None) and model._meta.concrete_model or model
    if model not in _translated:
        names = {f.name for f in model._meta.concrete_fields}
        _translated[model] = tuple(
            name
            for name in sorted(names)
            if all(f"{name}_{c}" in names for c in TRANSLATED_LANGUAGES)
        )
    return _translated[model]


def translated(instance, field: str, language: str | None = None) -> tuple[str, bool]:
    """``(text, is_translation)``: the editor's version in ``language`` if there is one,
    else the source (English) text. English asks for nothing more than the field."""
    from django.utils import translation

    language = language or translation.get_language() or "en"
    value = getattr(instance, field, "")
    if language in TRANSLATED_LANGUAGES and field in translated_fields(type(instance)):
        version = getattr(instance, f"{field}_{language}", "")
        if version:
            return version, True
        return value, False
    return value, True


def translated_html(instance, field: str, language: str | None = None, *, words: int = 0):
    """The field in the reader's language as HTML: an editor's translation as it is, else
    the English text in ``<span lang="en">`` followed by the visible "not translated" mark.
    ``words``: the text cut to that many words ("…" after), the mark kept whole."""
    from django.utils.html import format_html
    from django.utils.text import Truncator
    from django.utils.translation import gettext

    text, shown = translated(instance, field, language)
    if words:
        text = Truncator(text).words(words, truncate="…")
    if shown:
        return format_html("{}", text)
    return format_html(
        '<span lang="en" class="untranslated">{}</span><span class="untranslated-label"> {}</span>',
        text,
        gettext("not translated"),
    )


def translated_text(instance, field: str, language: str | None = None) -> str:
    """Plain text for where markup cannot go (``<option>``): the translation, else the
    English text followed by "(not translated)"."""
    from django.utils.translation import gettext

    text, shown = translated(instance, field, language)
    return text if shown else f"{text} ({gettext('not translated')})"


def objective_label(objective, *, html: bool = False) -> str:
    """``Objective 6: <title>`` in the reader's language, the title translated where an
    editor translated it. ``html``: the English title marked "not translated" (safe HTML); else
    plain text (``title`` attributes, search titles, the API)."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext

    template = gettext("Objective %(number)s: %(title)s")
    if not html:
        return template % {"number": objective.number, "title": translated(objective, "title")[0]}
    values = {"number": objective.number, "title": translated_html(objective, "title")}
    # Every part is escaped: the catalogue's wording, the number, the (marked) title.
    return mark_safe(conditional_escape(template) % values)  # noqa: S308
