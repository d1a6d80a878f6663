"""Secretariat accounts: which user speaks for which mechanism, and in what role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import CachedChoiceDisplay
from mechanisms.models import Mechanism


class SecretariatRole(models.TextChoices):
    # The roles the 2021 questionnaire's Q2 offers ("What is your role in the ISCM?").
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co-chair", _("Co-Chair")
    SECRETARIAT_HEAD = "secretariat-head", _("Head of Secretariat")
    REPRESENTATIVE = "representative", _("Representative")


class MembershipQuerySet(models.QuerySet):
    def mechanism_ids(self, user) -> models.QuerySet:
        """The mechanisms ``user`` answers for, as a subquery of ids."""
        return self.filter(user=user).values("mechanism_id")


class Membership(CachedChoiceDisplay, models.Model):
    """A user who answers surveys for a mechanism, as its chair, secretariat head, ...

    A user may hold several (one mechanism's chair, another's representative); they see
    and answer only these mechanisms' questionnaires. Needs no staff status.
    """

    Role = SecretariatRole

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="secretariat_memberships",
        verbose_name=_("user"),
    )
    mechanism = models.ForeignKey(
        Mechanism,
        on_delete=models.PROTECT,
        related_name="secretariat_memberships",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(max_length=20, choices=Role, verbose_name=_("role"))
    language = models.CharField(
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "The language of this user's invitations, reminders and questionnaires "
            "(the user can change it under My questionnaires)."
        ),
        verbose_name=_("language"),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("secretariat memberships")
        ordering = ["mechanism", "user"]
        verbose_name = _("secretariat membership")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "mechanism"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=SecretariatRole.values),
                name="%(app_label)s_%(class)s_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.mechanism}"
