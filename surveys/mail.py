"""Invitation and reminder e-mails to the secretariat users of invited mechanisms.

Sent through Django's mail framework (console by default, SMTP when EMAIL_HOST is set).
Recipients are the active users linked to the mechanism (``secretariats.Membership``)
that have an e-mail address; a mechanism without one is reported, not skipped silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from secretariats.models import Membership

from .models import Invitation, Response, Survey


@dataclass
class MailReport:
    sent: list[Invitation] = field(default_factory=list)
    no_address: list[Invitation] = field(default_factory=list)


def _recipients(invitations: list[Invitation]) -> dict[int, dict[str, list[str]]]:
    """Per mechanism, its users' addresses grouped by the language each chose."""
    emails: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for mechanism_id, email, language in (
        Membership.objects.filter(
            mechanism__in=[i.mechanism_id for i in invitations], user__is_active=True
        )
        .exclude(user__email="")
        .order_by("language", "user__email")
        .values_list("mechanism_id", "user__email", "language")
    ):
        if email not in emails[mechanism_id][language]:
            emails[mechanism_id][language].append(email)
    return emails


def _link(invitation: Invitation) -> str:
    """The questionnaire's address in the active language (``/fr/...`` in French)."""
    path = reverse("surveys:respond", args=[invitation.survey.slug, invitation.mechanism.slug])
    return settings.SITE_URL.rstrip("/") + path


def _deadline(survey: Survey) -> str:
    if not survey.deadline:
        return _("none set")
    return _("%(when)s UTC") % {"when": date_format(survey.deadline, "d F Y, H:i")}


def _send(invitations, *, subject, body, stamp: str, now: datetime) -> MailReport:
    """One mail per mechanism and language, written in the language its users chose."""
    report = MailReport()
    recipients = _recipients(invitations)
    with get_connection() as connection:
        for invitation in invitations:
            by_language = recipients.get(invitation.mechanism_id)
            if not by_language:
                report.no_address.append(invitation)
                continue
            for language, to in sorted(by_language.items()):
                with translation.override(language):
                    EmailMessage(
                        subject=subject(invitation),
                        body=body(invitation),
                        to=to,
                        connection=connection,
                    ).send()
            setattr(invitation, stamp, now)
            invitation.save(update_fields=[stamp])
            report.sent.append(invitation)
    return report


def invitations_send(*, survey: Survey, resend: bool = False, now=None) -> MailReport:
    """Invite every invited mechanism not yet mailed (all of them with ``resend``)."""
    invitations = list(survey.invitations.select_related("survey", "mechanism"))
    if not resend:
        invitations = [i for i in invitations if i.invited_at is None]
    return _send(
        invitations,
        subject=lambda i: _("Invitation: %(survey)s") % {"survey": _title(survey)},
        body=lambda i: (
            _(
                "Dear secretariat of %(mechanism)s,\n\n"
                "IOM invites %(mechanism)s to answer the questionnaire “%(survey)s”.\n"
                "Please answer online (one questionnaire per mechanism): %(link)s\n"
                "Deadline: %(deadline)s.\n"
            )
            % {
                "mechanism": _name(i.mechanism),
                "survey": _title(survey),
                "link": _link(i),
                "deadline": _deadline(survey),
            }
        ),
        stamp="invited_at",
        now=now or timezone.now(),
    )


def reminders_send(*, survey: Survey, now=None) -> MailReport:
    """Remind every invited mechanism that has not submitted (drafts included)."""
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED).values(
        "mechanism_id"
    )
    invitations = list(
        survey.invitations.exclude(mechanism__in=submitted).select_related("survey", "mechanism")
    )
    return _send(
        invitations,
        subject=lambda i: _("Reminder: %(survey)s") % {"survey": _title(survey)},
        body=lambda i: (
            _(
                "Dear secretariat of %(mechanism)s,\n\n"
                "%(mechanism)s has not yet submitted its answers to “%(survey)s”.\n"
                "Deadline: %(deadline)s. Answer online: %(link)s\n"
            )
            % {
                "mechanism": _name(i.mechanism),
                "survey": _title(survey),
                "link": _link(i),
                "deadline": _deadline(survey),
            }
        ),
        stamp="reminded_at",
        now=now or timezone.now(),
    )


def _title(survey) -> str:
    """The survey's title in the mail's language where an editor translated it."""
    from core.models import translated

    return translated(survey, "title")[0]


def _name(mechanism) -> str:
    """The mechanism's name in the mail's language where an editor translated it."""
    from core.models import translated

    text, _shown = translated(mechanism, "name")
    return (
        f"{text} ({mechanism.acronym})"
        if mechanism.acronym and mechanism.acronym not in text
        else text
    )
