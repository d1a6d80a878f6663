"""The Global Compact for Migration: objectives, principles and where texts speak of ISCMs."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import CachedChoiceDisplay
from core.links import page_url
from core.models import translation_of
from mechanisms.models import Mechanism
from sources.models import Document, Sourced

OBJECTIVE_COUNT = 23
# A number, then optionally one lower-case letter and a lower-case roman sub-item: 002 cites
# the final GCM's §43(b)(iii) as "43biii".
PARAGRAPH_PATTERN = r"^[1-9][0-9]{0,2}([a-z]([ivx]{1,4})?)?$"
paragraph_validator = RegexValidator(
    PARAGRAPH_PATTERN,
    "A paragraph is a number, optionally followed by one lower-case letter and a lower-case "
    "roman numeral, e.g. 49, 49a or 43biii.",
)


def split_paragraph(paragraph: str) -> tuple[int, str]:
    """``"49a"`` → ``(49, "a")``, ``"43biii"`` → ``(43, "biii")``; ``ValueError`` otherwise."""
    match = re.fullmatch(r"([1-9][0-9]{0,2})((?:[a-z](?:[ivx]{1,4})?)?)", paragraph)
    if not match:
        raise ValueError(f"not a paragraph: {paragraph!r}")
    return int(match.group(1)), match.group(2)


class ObjectiveManager(models.Manager):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class Objective(Sourced):
    """One of the 23 objectives of the GCM."""

    number = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(OBJECTIVE_COUNT)],
        verbose_name=_("number"),
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    title_fr = translation_of(title, "fr", "title")
    title_es = translation_of(title, "es", "title")
    short_title = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("Short label used in the notes' tables, e.g. 'Data'."),
        verbose_name=_("short title"),
    )
    short_title_fr = translation_of(short_title, "fr", "short title")
    short_title_es = translation_of(short_title, "es", "short title")

    objects = ObjectiveManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=OBJECTIVE_COUNT),
                name="%(app_label)s_%(class)s_number_1_23",
            ),
        ]

    def __str__(self):
        return f"Objective {self.number}: {self.title}"

    def natural_key(self):
        return (self.number,)

    def get_absolute_url(self):
        return page_url("gcm:objective", self.number)

    def paragraph_in(self, document: Document) -> int | None:
        """The paragraph that states this objective in a GCM text, if the text has objectives."""
        if document.objective_paragraph_offset is None:
            return None
        return document.objective_paragraph_offset + self.number


class GuidingPrincipleManager(models.Manager):
    def get_by_natural_key(self, letter):
        return self.get(letter=letter)


class GuidingPrinciple(Sourced):
    """One of the ten cross-cutting and interdependent guiding principles of the GCM (a–j)."""

    letter = models.CharField(
        max_length=1,
        unique=True,
        validators=[RegexValidator("^[a-j]$", "The principles are lettered a to j.")],
        verbose_name=_("letter"),
    )
    title = models.CharField(max_length=200, verbose_name=_("title"))

    objects = GuidingPrincipleManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ["letter"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(letter__in=list("abcdefghij")),
                name="%(app_label)s_%(class)s_letter_a_j",
            ),
        ]

    def __str__(self):
        return f"({self.letter}) {self.title}"

    def natural_key(self):
        return (self.letter,)


def objective_for_paragraph(document: Document, paragraph_number: int | None) -> int | None:
    """The objective number a paragraph states, e.g. §22 of the final GCM → objective 6."""
    if paragraph_number is None or document.objective_paragraph_offset is None:
        return None
    number = paragraph_number - document.objective_paragraph_offset
    return number if 1 <= number <= OBJECTIVE_COUNT else None


class ReferenceManager(models.Manager):
    def get_by_natural_key(self, document_slug, wording, paragraph):
        return self.get(document__slug=document_slug, wording=wording, paragraph=paragraph)


class ReferenceGroup(models.TextChoices):
    ISCM = "iscm", _("ISCMs")
    IGO = "igo", _("Intergovernmental organizations")
    NON_STATE = "non-state", _("Non-State stakeholders")
    IOM = "iom", _("IOM")
    OTHER = "other", _("Other")


class Reference(Sourced):
    """A place where a GCM text uses a wording that concerns ISCMs or other actors.

    One row per wording per paragraph, as in the annexes of notes 000 (Zero draft Rev 1)
    and 002 (final GCM). ``paragraph`` is blank only where a note lists a wording without a
    paragraph (e.g. "Regional Migration Review Forum: No more mentioned").
    """

    Group = ReferenceGroup

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="references", verbose_name=_("document")
    )
    paragraph = models.CharField(
        max_length=8,
        blank=True,
        validators=[paragraph_validator],
        help_text=_("E.g. 49a or 43biii."),
        verbose_name=_("paragraph"),
    )
    paragraph_number = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("Numeric part, for sorting."),
        verbose_name=_("paragraph number"),
    )
    wording = models.CharField(max_length=300, verbose_name=_("wording"))
    group = models.CharField(max_length=10, choices=Group, verbose_name=_("group"))
    heading = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The heading the note files the quote under."),
        verbose_name=_("heading"),
    )
    quote = models.TextField(blank=True, verbose_name=_("quote"))
    note = models.TextField(
        blank=True,
        help_text=_("What the note adds, e.g. 'No more mentioned'."),
        verbose_name=_("note"),
    )
    mechanisms = models.ManyToManyField(
        Mechanism, blank=True, related_name="references", verbose_name=_("mechanisms")
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="references",
        help_text=_(
            "Derived from the paragraph number (final GCM: §16+n; Zero draft Rev 1: §15+n)."
        ),
        verbose_name=_("objective"),
    )

    objects = ReferenceManager()
    history = HistoricalRecords(m2m_fields=["sources", "mechanisms"])

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["document_id", "paragraph_number", "paragraph", "wording"]
        indexes = [models.Index(fields=["document", "paragraph_number", "paragraph"])]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "wording", "paragraph"],
                name="%(app_label)s_%(class)s_unique_wording_paragraph",
            ),
            models.CheckConstraint(
                condition=models.Q(group__in=ReferenceGroup.values),
                name="%(app_label)s_%(class)s_group_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(paragraph="") | models.Q(paragraph__regex=PARAGRAPH_PATTERN),
                name="%(app_label)s_%(class)s_paragraph_format",
            ),
            models.CheckConstraint(
                condition=models.Q(paragraph="", paragraph_number__isnull=True)
                | (~models.Q(paragraph="") & models.Q(paragraph_number__isnull=False)),
                name="%(app_label)s_%(class)s_paragraph_number_present",
            ),
        ]

    def __str__(self):
        where = f"§{self.paragraph}" if self.paragraph else "no paragraph"
        return f"{self.document}: {self.wording} ({where})"

    def natural_key(self):
        return (*self.document.natural_key(), self.wording, self.paragraph)

    natural_key.dependencies = ["sources.document"]

    def clean(self):
        """Derive the paragraph's number and objective; refuse an objective that disagrees.

        In a text with objectives (``objective_paragraph_offset`` set) the objective follows
        from the paragraph alone, so one that another paragraph states is refused, and so is
        an objective on a paragraph that states none (§3, §47, ...).
        """
        if not self.paragraph:
            self.paragraph_number = None
        else:
            try:
                self.paragraph_number, _rest = split_paragraph(self.paragraph)
            except ValueError:
                raise ValidationError({"paragraph": paragraph_validator.message}) from None
        if self.document_id is None or self.document.objective_paragraph_offset is None:
            return
        derived = objective_for_paragraph(self.document, self.paragraph_number)
        if self.objective_id is None:
            if derived is not None:
                self.objective = Objective.objects.filter(number=derived).first()
        elif derived is None:
            message = (
                _("§%(paragraph)s of this text states no objective; leave it empty.")
                if self.paragraph
                else _("A reference without a paragraph states no objective; leave it empty.")
            )
            raise ValidationError({"objective": message % {"paragraph": self.paragraph}})
        elif self.objective.number != derived:
            raise ValidationError(
                {
                    "objective": _("§%(paragraph)s of this text belongs to objective %(number)s.")
                    % {"paragraph": self.paragraph, "number": derived}
                }
            )


class ReferenceQuoteManager(models.Manager):
    def get_by_natural_key(self, document_slug, wording, paragraph, source_slug, position):
        return self.get(
            reference__document__slug=document_slug,
            reference__wording=wording,
            reference__paragraph=paragraph,
            source__slug=source_slug,
            position=position,
        )


class ReferenceQuote(CachedChoiceDisplay, models.Model):
    """Another note's wording of a reference's paragraph, as that note prints it.

    A reference's ``quote`` is the wording of the note whose annex lists it (000 or 002).
    Where other notes quote the same paragraph (003 quotes the final GCM's §47 and §50,
    004 its "Article 50"), each keeps its own wording here, with the note it comes from
    and how that note cites the paragraph, instead of one quote standing for all.
    """

    reference = models.ForeignKey(
        Reference, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("reference")
    )
    source = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="reference_quotes",
        limit_choices_to={"kind": "iom-note"},
        help_text=_("The IOM note whose wording this is."),
        verbose_name=_("source"),
    )
    position = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Order among this note's quotes of the paragraph (1 for the first)."),
        verbose_name=_("position"),
    )
    text = models.TextField(help_text=_("The quote as the note prints it."), verbose_name=_("text"))
    cited_as = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("How the note cites it, e.g. '(§47)', 'Article 50'."),
        verbose_name=_("cited as"),
    )

    objects = ReferenceQuoteManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["reference_id", "source_id", "position"]
        verbose_name = _("quote by another note")
        verbose_name_plural = _("quotes by other notes")
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "source", "position"],
                name="%(app_label)s_%(class)s_unique_position",
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1),
                name="%(app_label)s_%(class)s_position_positive",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — as {self.source} quotes it"

    def natural_key(self):
        return (*self.reference.natural_key(), *self.source.natural_key(), self.position)

    natural_key.dependencies = ["gcm.reference", "sources.document"]

    def clean(self):
        if self.source_id is not None and self.source.kind != Document.Kind.IOM_NOTE:
            raise ValidationError({"source": _("A quote's source is an IOM note.")})


class EntryPointManager(models.Manager):
    def get_by_natural_key(self, document_slug, level, objective_number):
        return self.get(
            document__slug=document_slug, level=level, objective__number=objective_number
        )


class EntryPointLevel(models.TextChoices):
    REGIONAL = "regional", _("Regional level")
    GLOBAL = "global", _("Global level")


class EntryPoint(Sourced):
    """Where ISCMs could engage with a GCM objective, at regional or global level (000, 002)."""

    Level = EntryPointLevel

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="entry_points", verbose_name=_("document")
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        related_name="entry_points",
        verbose_name=_("objective"),
    )
    level = models.CharField(max_length=10, choices=Level, verbose_name=_("level"))
    objective_label = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The objective as the table labels it."),
        verbose_name=_("objective label"),
    )
    action = models.TextField(verbose_name=_("action"))
    engagement = models.TextField(
        help_text=_("Possible engagement of ISCMs."), verbose_name=_("engagement")
    )

    objects = EntryPointManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("entry points")
        ordering = ["document_id", "level", "objective_id"]
        verbose_name = _("entry point")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "level", "objective"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=EntryPointLevel.values),
                name="%(app_label)s_%(class)s_level_valid",
            ),
        ]

    def __str__(self):
        return f"{self.document} · {self.get_level_display()} · objective {self.objective.number}"

    def natural_key(self):
        return (*self.document.natural_key(), self.level, self.objective.number)

    natural_key.dependencies = ["sources.document", "gcm.objective"]


class StakeholderEngagementManager(models.Manager):
    def get_by_natural_key(self, document_slug, group):
        return self.get(document__slug=document_slug, group=group)


class StakeholderEngagementGroup(models.TextChoices):
    CSO = "cso", _("Civil society organizations")
    TRADE_UNIONS = "trade-unions", _("Trade unions")
    DIASPORAS = "diasporas", _("Diasporas")
    LOCAL = "local", _("Local governments / communities")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    # Actors other than the five non-State groups that the notes tie to objectives.
    ISCM = "iscm", _("ISCMs (referred to indirectly)")
    IGO = "igo", _("Intergovernmental organizations")
    IFI = "ifi", _("International financial institutions")


NON_STATE_GROUPS = (
    StakeholderEngagementGroup.CSO,
    StakeholderEngagementGroup.TRADE_UNIONS,
    StakeholderEngagementGroup.DIASPORAS,
    StakeholderEngagementGroup.LOCAL,
    StakeholderEngagementGroup.PRIVATE_SECTOR,
)


class StakeholderEngagement(Sourced):
    """An actor a GCM text expects to engage in given objectives, as a note says it.

    The five non-State stakeholder groups of the notes' introductions (000, 002), and the
    other actors those introductions tie to objectives: ISCMs "indirectly referred to"
    under some objectives, IGOs as implementing partners, international financial
    institutions (002). ``statement`` keeps the note's sentence the link rests on.
    """

    Group = StakeholderEngagementGroup

    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        related_name="stakeholder_engagements",
        verbose_name=_("document"),
    )
    group = models.CharField(max_length=20, choices=Group, verbose_name=_("group"))
    label = models.CharField(
        max_length=200, blank=True, help_text=_("As the note words it."), verbose_name=_("label")
    )
    statement = models.TextField(
        blank=True,
        help_text=_("The note's sentence that ties the actor to the objectives."),
        verbose_name=_("statement"),
    )
    objectives = models.ManyToManyField(
        Objective, related_name="stakeholder_engagements", verbose_name=_("objectives")
    )

    objects = StakeholderEngagementManager()
    history = HistoricalRecords(m2m_fields=["sources", "objectives"])

    class Meta:
        verbose_name = _("stakeholder engagement")
        verbose_name_plural = _("stakeholder engagements")
        ordering = ["document_id", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "group"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(group__in=StakeholderEngagementGroup.values),
                name="%(app_label)s_%(class)s_group_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_group_display()} ({self.document})"

    def natural_key(self):
        return (*self.document.natural_key(), self.group)

    natural_key.dependencies = ["sources.document"]


class MechanismObjectiveManager(models.Manager):
    def get_by_natural_key(self, mechanism_slug, objective_number):
        return self.get(mechanism__slug=mechanism_slug, objective__number=objective_number)


class MechanismObjective(Sourced):
    """A mechanism works on an objective — only where a note ties its work to the theme.

    ``statement`` keeps the sentence the link rests on so an editor can judge it.
    """

    mechanism = models.ForeignKey(
        Mechanism,
        on_delete=models.CASCADE,
        related_name="objective_links",
        verbose_name=_("mechanism"),
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.PROTECT,
        related_name="mechanism_links",
        verbose_name=_("objective"),
    )
    statement = models.TextField(
        help_text=_("The sentence of the note that supports the link."), verbose_name=_("statement")
    )

    objects = MechanismObjectiveManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["mechanism_id", "objective_id"]
        verbose_name = _("objective a mechanism works on")
        verbose_name_plural = _("objectives mechanisms work on")
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "objective"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return (
            f"{self.mechanism.acronym or self.mechanism.name} → objective {self.objective.number}"
        )

    def natural_key(self):
        return (*self.mechanism.natural_key(), self.objective.number)

    natural_key.dependencies = ["mechanisms.mechanism", "gcm.objective"]
