"""The admin in French (issue 12): the registry's own admin pages and messages — import and
export, a change form with its error summary and concurrent-edit warning, the history —
speak the editor's language, with none of their English left.

The admin is not under /fr/: it follows the editor's choice (the language cookie the
switcher sets, else Accept-Language), see core.i18n.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from mechanisms.models import Mechanism, Region

from .conftest import admin_url
from .test_concurrent_edits import posted_form
from .test_import_export import GOOD_MECHANISMS, upload

pytestmark = pytest.mark.django_db

BAD_ROWS = (
    "slug,acronym,name,kind,status,regions,year_established\n"
    "test-imp-a,TIA,Imported A,continental,active,test-region,\n"
    "test-imp-b,TIB,Imported B,rcp,asleep,atlantis,\n"
    "test-imp-c,TIC,Imported C,rcp,active,,nineteen-ninety\n"
)


def text_of(html):
    """The page's visible words: no tags, no comments, no scripts."""
    html = re.sub(r"<script.*?</script>|<!--.*?-->", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def assert_no_english(html, *phrases):
    text = text_of(html)
    left = [p for p in phrases if p in text]
    assert left == [], f"English left on the French page: {left}"


@pytest.fixture
def french(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return admin_client


def test_the_import_preview_counts_its_rows_in_french(french, records):
    page = upload(french, Mechanism, GOOD_MECHANISMS)
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr"' in html
    assert (
        "Aperçu seulement : rien n’a encore été importé. 2 lignes seront importées quand vous "
        "appuierez sur <strong>Confirmer l’import</strong>."
    ) in html
    assert "Annuler : ne rien importer" in html
    one = upload(french, Mechanism, GOOD_MECHANISMS.rsplit("\n", 2)[0] + "\n").content.decode()
    assert "1 ligne sera importée" in one
    assert_no_english(
        html, "Preview only", "nothing has been imported", "will be imported", "Cancel: import"
    )


def test_import_errors_are_explained_in_french(french, records):
    response = upload(french, Mechanism, BAD_ROWS)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Rien n’a été importé : 3 lignes du fichier comportent des erreurs." in html
    assert "Corrigez-les dans votre fichier" in html
    assert "<h2>Lignes comportant des erreurs</h2>" in html
    assert "<h2>Les lignes telles que lues</h2>" in html
    assert "<strong>Ligne 1</strong>" in html
    assert "Valeurs valides : rcp (" in html
    assert "Régions inconnu(e)s" in html or "inconnu(e)s : &#x27;atlantis&#x27;" in html
    assert "« nineteen-ninety » n’est pas un nombre" in html
    assert_no_english(
        html,
        "Nothing was imported",
        "Rows with errors",
        "The rows as read",
        "Row 1",
        "Valid values",
        "Unknown ",
        "is not a number",
        "Fix them",
    )
    assert not Mechanism.objects.filter(slug__startswith="test-imp-").exists()


def test_the_export_page_is_in_french(french, records):
    html = french.get(admin_url(Mechanism, "export")).content.decode()
    assert "Cet export comprendra les champs suivants" in html
    assert "Tout sélectionner" in html and 'value="Envoyer"' in html
    assert_no_english(html, "This exporter will export", "Select all", "Submit")


def test_a_change_form_its_error_summary_and_the_concurrent_edit_warning_in_french(french, records):
    mechanism = Mechanism.objects.get(slug="test-process")
    page = french.get(admin_url(mechanism, "change"))
    html = page.content.decode()
    assert "Motif de cette modification" in html
    assert "Traductions (français, espagnol)" in html
    assert "Versions française et espagnole rédigées par les éditeurs" in html
    assert_no_english(html, "Reason for this change", "Translations (French", "Never machine-made")
    # A failed save: the summary at the top, in French.
    data = posted_form(page)
    data["name"] = ""
    failed = french.post(admin_url(mechanism, "change"), data).content.decode()
    assert "Non enregistré : 1 problème à corriger." in failed
    assert "Chaque lien mène au champ concerné." in failed
    assert_no_english(failed, "Not saved", "problem to fix", "Each link leads")
    # Another editor saved meanwhile: the warning in French.
    data["name"] = "Ma modification"
    Mechanism.objects.filter(pk=mechanism.pk).update(acronym="THEIRS")
    stale = french.post(admin_url(mechanism, "change"), data).content.decode()
    assert "Quelqu’un d’autre a enregistré cette fiche depuis que vous l’avez ouverte" in stale
    assert "Non enregistré : 1 problème à corriger." in stale
    assert "Cette fiche" in text_of(stale)  # the summary names the record itself
    assert_no_english(stale, "Someone else saved", "This record")


def test_the_history_describes_changes_in_french(french, records):
    region = Region.objects.get(slug="test-region")
    page = french.get(admin_url(region, "change"))
    data = posted_form(page)
    data["name"] = "Région d’essai"
    data["change_reason"] = "essai"
    assert french.post(admin_url(region, "change"), data).status_code == 302
    mechanism = Mechanism.objects.get(slug="test-process")
    page = french.get(admin_url(mechanism, "change"))
    data = posted_form(page)
    data["names-TOTAL_FORMS"] = str(int(data["names-TOTAL_FORMS"]) + 1)
    index = int(data["names-TOTAL_FORMS"]) - 1
    data.update({f"names-{index}-name": "Processus d’essai", f"names-{index}-kind": "former"})
    assert french.post(admin_url(mechanism, "change"), data).status_code == 302
    html = french.get(admin_url(mechanism, "history")).content.decode()
    for heading in ("Version", "Quoi", "Par", "Motif", "Modifications"):
        assert f'<th scope="col">{heading}</th>' in html
    assert "Modification" in html and "Création" in html
    assert re.search(r"<strong>[^<]* \(ajout\):</strong>", html)
    assert_no_english(html, "first version", "no field changed", " added:", "(system)")
    html = french.get(admin_url(region, "history")).content.decode()
    assert "essai" in html


def test_an_editor_switches_the_admin_to_french_and_back(admin_client, records):
    """The admin's pages carry the language switcher; the admin keeps its one address."""
    url = admin_url(Mechanism, "changelist")
    html = admin_client.get(url).content.decode()
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html))
    to_french = {lang: href for href, lang in links.items()}["fr"].replace("&amp;", "&")
    assert to_french == f"/language/fr/?next={url}"
    response = admin_client.get(to_french)
    assert response.status_code == 302 and response["Location"] == url
    french = admin_client.get(url).content.decode()
    assert '<html lang="fr"' in french and "Gérer les mécanismes" not in french
    assert '<span aria-current="true" lang="fr">Français</span>' in french
    index = admin_client.get("/admin/").content.decode()
    assert "Gérer les mécanismes, les références au Pacte mondial et les enquêtes" in index
    back = admin_client.get(f"/language/en/?next={url}")
    assert back["Location"] == url
    assert '<html lang="en"' in admin_client.get(url).content.decode()


def test_and_in_spanish_the_import_errors_and_the_error_summary(admin_client, records):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = upload(admin_client, Mechanism, BAD_ROWS).content.decode()
    assert "No se importó nada: 3 filas del archivo tienen errores." in html
    assert "<h2>Filas con errores</h2>" in html and "<strong>Fila 2</strong>" in html
    assert_no_english(html, "Nothing was imported", "Rows with errors", "Valid values")
    mechanism = Mechanism.objects.get(slug="test-process")
    data = posted_form(admin_client.get(admin_url(mechanism, "change")))
    data["name"] = ""
    failed = admin_client.post(admin_url(mechanism, "change"), data).content.decode()
    assert "No se guardó: 1 problema por corregir." in failed
    assert_no_english(failed, "Not saved", "Each link leads")


def test_model_and_field_labels_are_french_in_the_admin(french, records):
    """Regression: the field labels ("Name", "Year established"), help texts, model and app
    names were English on French admin pages."""
    mechanism = Mechanism.objects.order_by("slug").first()
    html = french.get(admin_url(mechanism, "change")).content.decode()
    for label in ("Sigle", "Nom", "Année de création", "Site web", "Régions", "nom (français)"):
        assert re.search(rf"<label[^>]*>{re.escape(label)}(?!\w)", html, re.I), label
    assert "Le regroupement régional tel qu’une note le formule" in html  # a help text
    assert_no_english(html, "Year established", "Region label", "Secretariat or host as")
    index = french.get(reverse("admin:index")).content.decode()
    assert "Mécanismes" in index and "Enquêtes" in index and "Chiffres publiés" in index
    assert_no_english(index, "Published figures", "Mechanism names", "Surveys")


def test_a_model_error_message_reads_in_french(french, records):
    from surveys.models import Survey

    survey = Survey.objects.order_by("slug").first()
    data = posted_form(french.get(admin_url(survey, "change")))
    data.update({"opens_at_0": "2030-05-02", "opens_at_1": "10:00", "deadline_0": "2030-05-01"})
    data["deadline_1"] = "10:00"
    html = french.post(admin_url(survey, "change"), data).content.decode()
    assert "La date limite doit suivre la date d’ouverture." in html
