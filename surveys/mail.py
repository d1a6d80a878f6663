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
from django.utils import timezone

from secretariats.models import Membership

from .models import Invitation, Response, Survey


@dataclass
class MailReport:
    sent: list[Invitation] = field(default_factory=list)
    no_address: list[Invitation] = field(default_factory=list)


def _recipients(invitations: list[Invitation]) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = defaultdict(list)
    for mechanism_id, email in (
        Membership.objects.filter(
            mechanism__in=[i.mechanism_id for i in invitations], user__is_active=True
        )
        .exclude(user__email="")
        .order_by("user__email")
        .values_list("mechanism_id", "user__email")
    ):
        emails[mechanism_id].append(email)
    return emails


def _link(invitation: Invitation) -> str:
    path = reverse("surveys:respond", args=[invitation.survey.slug, invitation.mechanism.slug])
    return settings.SITE_URL.rstrip("/") + path


def _deadline(survey: Survey) -> str:
    return f"{survey.deadline:%d %B %Y, %H:%M} UTC" if survey.deadline else "none set"


def _send(invitations, *, subject, body, stamp: str, now: datetime) -> MailReport:
    report = MailReport()
    recipients = _recipients(invitations)
    with get_connection() as connection:
        for invitation in invitations:
            to = recipients.get(invitation.mechanism_id)
            if not to:
                report.no_address.append(invitation)
                continue
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
        subject=lambda i: f"Invitation: {survey.title}",
        body=lambda i: (
            f"Dear secretariat of {i.mechanism},\n\n"
            f"IOM invites {i.mechanism} to answer the questionnaire “{survey.title}”.\n"
            f"Please answer online (one questionnaire per mechanism): {_link(i)}\n"
            f"Deadline: {_deadline(survey)}.\n"
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
        subject=lambda i: f"Reminder: {survey.title}",
        body=lambda i: (
            f"Dear secretariat of {i.mechanism},\n\n"
            f"{i.mechanism} has not yet submitted its answers to “{survey.title}”.\n"
            f"Deadline: {_deadline(survey)}. Answer online: {_link(i)}\n"
        ),
        stamp="reminded_at",
        now=now or timezone.now(),
    )
