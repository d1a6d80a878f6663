"""What the notes say, quoted: recommendations, commitments, outcomes, ...; and definitions.

A statement is one item as a note prints it (a bullet, a numbered paragraph), with the note
and its place there, the event it came out of, and the objectives, mechanisms and actors
it concerns where the note names them. A definition is a note's definition of a term.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import SlugManager
from sources.models import Sourced


class StatementKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    PROPOSAL = "proposal", _("Proposal")
    CHALLENGE = "challenge", _("Challenge")
    COMMITMENT = "commitment", _("Commitment")
    PRINCIPLE = "principle", _("Principle of cooperation")
    OUTCOME = "outcome", _("Outcome")
    CONCLUSION = "conclusion", _("Conclusion")
    GUIDANCE = "guidance", _("Guidance")
    PRIORITY = "priority", _("Priority or trend")
    PRACTICE = "practice", _("Practice to share")
    PLAN = "plan", _("Planned contribution")
    REMARK = "remark", _("Remark quoted from a speaker")


class Statement(Sourced):
    """One recommendation, proposal, challenge, commitment, outcome or conclusion, quoted."""

    Kind = StatementKind

    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    kind = models.CharField(max_length=20, choices=Kind, verbose_name=_("kind"))
    text = models.TextField(help_text=_("As printed."), verbose_name=_("text"))
    document = models.ForeignKey(
        "sources.Document",
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("document"),
    )
    place = models.CharField(
        max_length=200,
        help_text=_("Section or paragraph in the document, as it names it."),
        verbose_name=_("place"),
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order within the place."), verbose_name=_("position")
    )
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The event the statement came out of."),
        verbose_name=_("event"),
    )
    session = models.ForeignKey(
        "events.Session",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("session"),
    )
    speaker = models.ForeignKey(
        "events.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The person the note attributes it to."),
        verbose_name=_("speaker"),
    )
    objectives = models.ManyToManyField(
        "gcm.Objective", blank=True, related_name="statements", verbose_name=_("objectives")
    )
    mechanisms = models.ManyToManyField(
        "mechanisms.Mechanism", blank=True, related_name="statements", verbose_name=_("mechanisms")
    )
    organizations = models.ManyToManyField(
        "mechanisms.Organization",
        blank=True,
        related_name="statements",
        verbose_name=_("organizations"),
    )
    countries = models.ManyToManyField(
        "countries.Country", blank=True, related_name="statements", verbose_name=_("countries")
    )
    actors = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Other actors it concerns, as the note names them (e.g. 'civil society')."),
        verbose_name=_("actors"),
    )
    restates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restated_by",
        help_text=_("The statement of another note this one repeats in its own words."),
        verbose_name=_("restates"),
    )

    objects = SlugManager()
    history = HistoricalRecords(
        m2m_fields=["sources", "objectives", "mechanisms", "organizations", "countries"]
    )

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["document_id", "place", "position", "slug"]
        indexes = [
            models.Index(fields=["document", "place", "position", "slug"], name="statements_order")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=StatementKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"{self.get_kind_display()}: {text}"

    def natural_key(self):
        return (self.slug,)


class Definition(Sourced):
    """A note's definition of a term (ISCM, RCP, IRF, global process, ...), as printed."""

    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    term = models.CharField(
        max_length=200, help_text=_("The term as the note prints it."), verbose_name=_("term")
    )
    abbreviation = models.CharField(max_length=40, blank=True, verbose_name=_("abbreviation"))
    term_key = models.SlugField(
        max_length=60,
        help_text=_("The same key for every note's definition of one term: 'iscm'."),
        verbose_name=_("term key"),
    )
    text = models.TextField(help_text=_("The definition as printed."), verbose_name=_("text"))
    document = models.ForeignKey(
        "sources.Document",
        on_delete=models.PROTECT,
        related_name="definitions",
        verbose_name=_("document"),
    )
    place = models.CharField(
        max_length=200,
        help_text=_("Where the note gives it, e.g. 'footnote 1'."),
        verbose_name=_("place"),
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("definition")
        verbose_name_plural = _("definitions")
        ordering = ["term_key", "document_id", "slug"]
        indexes = [models.Index(fields=["term_key", "document", "slug"], name="definitions_order")]

    def __str__(self):
        return f"{self.term} ({self.document})"

    def natural_key(self):
        return (self.slug,)
