"""Secretariats choose their language: invitations, reminders and the questionnaire follow it."""

import pytest
from django.conf import settings
from django.core import mail

from secretariats.models import Membership
from surveys.mail import invitations_send, reminders_send
from tests.workflow.conftest import make_secretariat, open_next_round

pytestmark = pytest.mark.django_db


def test_mail_is_written_in_each_users_language(new_round):
    make_secretariat("bali-chair", "bali-process", email="chair@bali.example")
    rep = make_secretariat(
        "bali-rep", "bali-process", role="representative", email="rep@bali.example"
    )
    head = make_secretariat("rabat-head", "rabat-process", email="head@rabat.example")
    Membership.objects.filter(user=rep).update(language="fr")
    Membership.objects.filter(user=head).update(language="es")
    report = invitations_send(survey=new_round)
    assert len(report.sent) == 2
    by_to = {tuple(m.to): m for m in mail.outbox}
    assert set(by_to) == {("chair@bali.example",), ("rep@bali.example",), ("head@rabat.example",)}
    english, french, spanish = (
        by_to[("chair@bali.example",)],
        by_to[("rep@bali.example",)],
        by_to[("head@rabat.example",)],
    )
    assert english.subject == f"Invitation: {new_round.title}"
    assert f"{settings.SITE_URL}/surveys/imrf-inputs-2025/respond/bali-process/" in english.body
    assert french.subject == f"Invitation : {new_round.title}"
    assert "L’OIM invite" in french.body and "Date limite" in french.body
    assert f"{settings.SITE_URL}/fr/surveys/imrf-inputs-2025/respond/bali-process/" in french.body
    assert spanish.subject == f"Invitación: {new_round.title}"
    assert "La OIM invita" in spanish.body
    assert f"{settings.SITE_URL}/es/surveys/imrf-inputs-2025/respond/rabat-process/" in spanish.body
    # The deadline's month is named in the mail's language.
    month = new_round.deadline.month
    assert [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][month - 1] in french.body
    mail.outbox.clear()
    reminders_send(survey=new_round)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["rep@bali.example"] == f"Rappel : {new_round.title}"
    assert subjects["head@rabat.example"] == f"Recordatorio: {new_round.title}"


def test_a_secretariat_chooses_its_language_and_its_questionnaire_follows(client, new_round):
    user = make_secretariat("bali-chair", "bali-process")
    client.force_login(user)
    page = client.get("/accounts/questionnaires/").content.decode()
    assert 'name="language"' in page
    assert 'href="/surveys/imrf-inputs-2025/respond/bali-process/"' in page
    response = client.post("/accounts/language/", {"language": "es"})
    assert response.status_code == 302
    assert response["Location"] == "/es/accounts/questionnaires/"
    assert Membership.objects.get(user=user).language == "es"
    assert Membership.objects.get(user=user).history.latest().language == "es"
    page = client.get("/es/accounts/questionnaires/").content.decode()
    assert "Mis cuestionarios" in page
    assert 'href="/es/surveys/imrf-inputs-2025/respond/bali-process/"' in page
    questionnaire = client.get("/es/surveys/imrf-inputs-2025/respond/bali-process/")
    assert questionnaire.status_code == 200
    body = questionnaire.content.decode()
    assert '<html lang="es"' in body
    assert "Guardar borrador" in body and "Enviar" in body
    assert client.post("/accounts/language/", {"language": "xx"}).status_code == 400


def test_the_questionnaires_messages_follow_the_page_language(client, new_round):
    from tests.workflow.conftest import form_data

    user = make_secretariat("bali-chair", "bali-process")
    client.force_login(user)
    url = "/fr/surveys/imrf-inputs-2025/respond/bali-process/"
    response = client.post(url, form_data(new_round, version=0, action="submit"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rien n’a été enregistré" in body
    assert "Cette question est obligatoire (*)." in body
    saved = client.post(url, form_data(new_round, version=0, action="draft"), follow=True)
    assert "Brouillon enregistré." in saved.content.decode()


@pytest.fixture
def new_round(db):
    return open_next_round()
