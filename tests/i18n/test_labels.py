"""Every label the admin, the API schema and forms take from the models — field names and
help texts, model and app names — is translatable and has its French and Spanish version.

A field added without ``verbose_name=_("...")`` takes Django's English default and would show
in English on French admin pages; this test names it.
"""

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

PROJECT_APPS = {
    "core",
    "countries",
    "events",
    "gcm",
    "mechanisms",
    "ops",
    "process",
    "search",
    "secretariats",
    "sources",
    "statements",
    "surveys",
}


def project_models():
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical"):
            yield model


def labels():
    """(where, lazy text) of every model label in the project's apps."""
    for config in apps.get_app_configs():
        if config.label in PROJECT_APPS:
            yield config.label, config.verbose_name
    for model in project_models():
        opts = model._meta
        yield f"{opts.label}", opts.verbose_name
        yield f"{opts.label} (plural)", opts.verbose_name_plural
        for field in opts.get_fields(include_hidden=False):
            if (
                field.auto_created
                or not getattr(field, "concrete", False)
                and not field.many_to_many
            ):
                continue
            if field.name == "id":
                continue
            yield f"{opts.label}.{field.name}", field.verbose_name
            if field.help_text:
                yield f"{opts.label}.{field.name} help", field.help_text


def test_every_model_label_is_translatable():
    plain = [where for where, text in labels() if not isinstance(text, Promise)]
    assert plain == [], f"labels not marked for translation: {plain}"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_model_label_has_a_translation(language):
    # In the catalogue, whether or not the word changes ("position" is French too); a label
    # built from parts ("name (French)") must read differently in the language.
    catalogue = trans_real.translation(language)._catalog

    def translated(text):
        english = str(text)
        with translation.override(language):
            return catalogue.get(english) is not None or str(text) != english

    missing = sorted(
        {f"{where}: {str(text)!r}" for where, text in labels() if not translated(text)}
    )
    assert missing == [], f"no {language} translation: {missing}"
