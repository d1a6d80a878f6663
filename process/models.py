"""The GCM process as the notes describe it: its phases with their dates, and the
informal thematic sessions of the consultations phase (001)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import SlugManager
from sources.models import Sourced

MONTH = [MinValueValidator(1), MaxValueValidator(12)]


class ProcessStage(models.TextChoices):
    PREPARATION = "preparation", "Preparatory process leading to the GCM"
    FOLLOW_UP = "follow-up", "Implementation, follow-up and review"


class Phase(Sourced):
    """A phase of the GCM process, with the months a note gives for it."""

    Stage = ProcessStage

    slug = models.SlugField(max_length=60, unique=True, verbose_name=_("slug"))
    stage = models.CharField(max_length=20, choices=ProcessStage, verbose_name=_("stage"))
    number = models.CharField(
        max_length=10, blank=True, help_text=_("As printed, e.g. 'I'."), verbose_name=_("number")
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    start_year = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("start year")
    )
    start_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=MONTH, verbose_name=_("start month")
    )
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("end year"))
    end_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=MONTH, verbose_name=_("end month")
    )
    period_text = models.CharField(
        max_length=120, blank=True, help_text=_("As printed."), verbose_name=_("period text")
    )
    quote = models.TextField(
        help_text=_("The note's words for the phase, as printed."), verbose_name=_("quote")
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["stage", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=ProcessStage.values),
                name="%(app_label)s_%(class)s_stage_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(start_month__isnull=True) | models.Q(start_month__range=(1, 12))
                )
                & (models.Q(end_month__isnull=True) | models.Q(end_month__range=(1, 12))),
                name="%(app_label)s_%(class)s_months_valid",
            ),
        ]

    def __str__(self):
        prefix = f"({self.number}) " if self.number else ""
        return f"{prefix}{self.name}" + (f", {self.period_text}" if self.period_text else "")

    def natural_key(self):
        return (self.slug,)


class ThematicSessionManager(models.Manager):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class ThematicSession(Sourced):
    """One of the six informal thematic sessions of the GCM consultations phase (001)."""

    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1)], verbose_name=_("number")
    )
    label = models.CharField(
        max_length=10, help_text=_("As printed, e.g. '(iv)'."), verbose_name=_("label")
    )
    title = models.TextField(help_text=_("The theme as printed."), verbose_name=_("title"))
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thematic_sessions",
        verbose_name=_("phase"),
    )

    objects = ThematicSessionManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thematic session")
        verbose_name_plural = _("thematic sessions")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.title}"

    def natural_key(self):
        return (self.number,)
