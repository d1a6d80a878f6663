"""Invitations and reminders by e-mail to the users linked to invited mechanisms."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from surveys.mail import invitations_send
from surveys.models import Invitation

from .conftest import form_data, make_secretariat, respond_url

pytestmark = pytest.mark.django_db


def test_invitations_go_to_linked_users_only_once(new_round):
    make_secretariat("bali-chair", "bali-process", email="chair@bali.example")
    make_secretariat("bali-rep", "bali-process", role="representative", email="rep@bali.example")
    make_secretariat("rabat-head", "rabat-process", email="head@rabat.example")
    make_secretariat("no-mail", "khartoum-process", email="")
    report = invitations_send(survey=new_round)
    by_subject_to = {tuple(m.to) for m in mail.outbox}
    assert by_subject_to == {("chair@bali.example", "rep@bali.example"), ("head@rabat.example",)}
    bali = next(m for m in mail.outbox if "chair@bali.example" in m.to)
    assert bali.subject == f"Invitation: {new_round.title}"
    assert f"{settings.SITE_URL}/surveys/imrf-inputs-2025/respond/bali-process/" in bali.body
    assert "Deadline:" in bali.body
    assert len(report.sent) == 2 and len(report.no_address) == 27
    stamped = Invitation.objects.filter(survey=new_round, invited_at__isnull=False)
    assert {i.mechanism.slug for i in stamped} == {"bali-process", "rabat-process"}
    # Sent again: those already invited are not mailed twice.
    mail.outbox.clear()
    assert invitations_send(survey=new_round).sent == []
    assert mail.outbox == []


def test_admin_action_sends_invitations(admin_client, new_round):
    make_secretariat("bali-chair", "bali-process")
    page = admin_client.post(
        "/admin/surveys/survey/",
        {"action": "send_invitations", "_selected_action": [new_round.pk]},
        follow=True,
    )
    assert "1 invitation sent" in page.content.decode()
    assert "no secretariat e-mail address for" in page.content.decode()
    assert [m.to for m in mail.outbox] == [["bali-chair@example.org"]]


def test_remind_command_mails_those_not_yet_submitted(client, new_round):
    bali = make_secretariat("bali-chair", "bali-process")
    make_secretariat("rabat-head", "rabat-process")
    make_secretariat("khartoum-rep", "khartoum-process", role="representative")
    client.force_login(bali)
    client.post(
        respond_url(new_round, "bali-process"),
        form_data(new_round, version=0, action="submit", q9="Yes"),
    )
    client.force_login(make_secretariat("rabat-rep", "rabat-process", role="representative"))
    client.post(respond_url(new_round, "rabat-process"), form_data(new_round, version=0, q3="d"))
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("remind", survey="imrf-inputs-2025", stdout=out, stderr=err)
    recipients = sorted(address for m in mail.outbox for address in m.to)
    # Bali submitted: no reminder. Rabat (a draft) and Khartoum (nothing yet) are reminded.
    assert recipients == [
        "khartoum-rep@example.org",
        "rabat-head@example.org",
        "rabat-rep@example.org",
    ]
    assert all(m.subject.startswith("Reminder: ") for m in mail.outbox)
    assert "2 reminder(s) sent" in out.getvalue()
    assert "no secretariat e-mail for almaty-process" in err.getvalue()
    reminded = Invitation.objects.filter(survey=new_round, reminded_at__isnull=False)
    assert {i.mechanism.slug for i in reminded} == {"rabat-process", "khartoum-process"}
    assert all(timezone.now() - i.reminded_at < timedelta(minutes=1) for i in reminded)


def test_remind_command_unknown_survey():
    with pytest.raises(CommandError, match="No survey with slug 'nope'"):
        call_command("remind", survey="nope")


def test_invite_command(new_round):
    make_secretariat("bali-chair", "bali-process")
    from io import StringIO

    out = StringIO()
    call_command("invite", survey="imrf-inputs-2025", stdout=out, stderr=StringIO())
    assert "1 invitation(s) sent" in out.getvalue() and len(mail.outbox) == 1


def _mail_settings(**env):
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
        "'iscm_registry.settings'); django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return result.stdout.split()


def test_console_backend_by_default_smtp_from_the_environment():
    assert _mail_settings()[0] == "django.core.mail.backends.console.EmailBackend"
    smtp = _mail_settings(EMAIL_HOST="smtp.example.org", EMAIL_PORT="2525", EMAIL_USE_TLS="0")
    assert smtp == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "2525",
        "False",
    ]
