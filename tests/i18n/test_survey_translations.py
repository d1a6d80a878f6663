"""A survey's title and description, and the labels of published figures (a survey's and an
event's), take editors' French and Spanish versions: pages, the admin, mails and the API show
them, or the English text marked "not translated" where there is none.

Before, these were record content with no translation columns: always English, unmarked.
"""

import pytest
from django.core import mail

from events.models import EventFigure
from secretariats.models import Membership
from surveys.mail import invitations_send
from surveys.models import PublishedFigure, Survey
from tests.workflow.conftest import make_secretariat, open_next_round

pytestmark = pytest.mark.django_db

SLUG = "imrf-inputs-2021"
TITLE_FR = "Enquête 2021 sur les contributions des MCIE au FIEM"
DESCRIPTION_FR = "Une enquête de l’OIM auprès des secrétariats des mécanismes."
LABEL_FR = "mécanismes sollicités"
MARK = '<span lang="en" class="untranslated">{}</span><span class="untranslated-label"> {}'


@pytest.fixture
def survey():
    survey = Survey.objects.get(slug=SLUG)
    survey.title_fr = TITLE_FR
    survey.description_fr = DESCRIPTION_FR
    survey.save()
    return survey


@pytest.fixture
def new_round(db):
    return open_next_round()


@pytest.fixture
def figure(survey):
    figure = PublishedFigure.objects.get(survey=survey, key="approached")
    figure.label_fr = LABEL_FR
    figure.save()
    return figure


def test_the_survey_page_shows_the_french_title_description_and_figure_label(
    client, survey, figure
):
    body = client.get(f"/fr/surveys/{SLUG}/").content.decode()
    assert f"<h1>{TITLE_FR}</h1>" in body
    assert f"<title>{TITLE_FR} — " in body
    assert DESCRIPTION_FR in body
    assert LABEL_FR in body
    # A figure no editor translated: English, marked.
    other = PublishedFigure.objects.filter(survey=survey, label_fr="").exclude(unit="count")[0]
    assert MARK.format(other.label, "non traduit") in body


def test_the_spanish_page_marks_what_has_no_spanish_version(client, survey):
    body = client.get(f"/es/surveys/{SLUG}/").content.decode()
    assert f"<h1>{MARK.format(survey.title, 'sin traducir')}" in body
    assert 'class="lead untranslated" lang="en"' in body
    assert TITLE_FR not in body


def test_english_pages_keep_the_notes_wording_unmarked(client, survey, figure):
    body = client.get(f"/surveys/{SLUG}/").content.decode()
    assert f"<h1>{survey.title}</h1>" in body
    assert figure.label in body
    assert "untranslated" not in body
    assert TITLE_FR not in body


def test_the_survey_list_profile_and_objective_pages_use_the_french_title(client, survey):
    listing = client.get("/fr/surveys/").content.decode()
    assert TITLE_FR in listing
    responding = survey.responses.filter(status="submitted").select_related("mechanism")[0]
    profile = client.get(f"/fr{responding.mechanism.get_absolute_url()}").content.decode()
    assert f">{TITLE_FR}</a>" in profile
    objective_with_figures = survey.published_figures.exclude(objective=None)[0].objective
    objective = client.get(f"/fr{objective_with_figures.get_absolute_url()}").content.decode()
    assert f">{TITLE_FR}</a>" in objective


def test_an_event_figure_label_in_french_or_marked(client):
    figures = list(EventFigure.objects.filter(event__slug="grcp-9").order_by("slug"))
    figures[0].label_fr = "mécanismes réunis"
    figures[0].save()
    body = client.get(f"/fr{figures[0].event.get_absolute_url()}").content.decode()
    assert "<dt>Mécanismes réunis</dt>" in body
    assert f'<dt><span lang="en" class="untranslated">{figures[1].label[0].upper()}' in body


def test_the_api_results_and_survey_read_in_french_with_the_same_keys(client, survey, figure):
    english = client.get(f"/api/v1/surveys/{SLUG}/results/").json()
    french = client.get(f"/api/v1/surveys/{SLUG}/results/?lang=fr").json()
    assert english["title"] == survey.title
    assert french["title"] == TITLE_FR
    assert english.keys() == french.keys()
    labels = {f["key"]: f["label"] for f in french["figures"]}
    assert labels["approached"] == LABEL_FR
    record = client.get(f"/api/v1/surveys/{SLUG}/?lang=fr").json()
    assert record["title"] == TITLE_FR
    assert record["description"] == DESCRIPTION_FR
    assert client.get(f"/api/v1/surveys/{SLUG}/?lang=es").json()["title"] == survey.title


def test_an_invitation_mail_names_the_survey_in_the_secretariats_language(new_round):
    new_round.title_fr = "Enquête 2025 sur les contributions au FIEM"
    new_round.save()
    rep = make_secretariat("bali-rep", "bali-process", email="rep@bali.example")
    Membership.objects.filter(user=rep).update(language="fr")
    invitations_send(survey=new_round)
    (message,) = mail.outbox
    assert message.subject == "Invitation : Enquête 2025 sur les contributions au FIEM"
    assert "« Enquête 2025 sur les contributions au FIEM »" in message.body or (
        "“Enquête 2025 sur les contributions au FIEM”" in message.body
    )


def test_the_admin_survey_form_has_the_translation_fields_once(admin_client, survey):
    body = admin_client.get(f"/admin/surveys/survey/{survey.pk}/change/").content.decode()
    for name in ("title_fr", "title_es", "description_fr", "description_es"):
        assert body.count(f'name="{name}"') == 1, name
    assert TITLE_FR in body
