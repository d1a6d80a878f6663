"""The editors' French and Spanish fields on the change forms: each shown once, each saved.

Regression: the mechanism form showed ``name_fr``/``name_es`` in "Translations" and again
under "Other fields" (the row ``("name_fr", "name_es")`` was not counted as listed), and the
unchanged copy further down won the save, losing the editor's translation.
"""

import pytest

from core.models import translated_fields
from mechanisms.models import Mechanism

from .conftest import admin_url
from .test_concurrent_edits import posted_form

pytestmark = pytest.mark.django_db


def test_each_translation_field_is_on_the_mechanism_form_once_and_is_saved(admin_client, records):
    mechanism = Mechanism.objects.get(slug="test-process")
    page = admin_client.get(admin_url(mechanism, "change"))
    html = page.content.decode()
    for field in translated_fields(Mechanism):
        for language in ("fr", "es"):
            assert html.count(f'name="{field}_{language}"') == 1, f"{field}_{language}"
    assert "Other fields" not in html
    data = posted_form(page)
    data["name_fr"] = "Processus d’essai"
    response = admin_client.post(admin_url(mechanism, "change"), data)
    assert response.status_code == 302
    assert Mechanism.objects.get(pk=mechanism.pk).name_fr == "Processus d’essai"
