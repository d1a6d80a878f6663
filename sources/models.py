"""Documents: the UN texts the registry cross-references and the IOM notes it is built from."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import CachedChoiceDisplay
from core.links import page_url


class DocumentQuerySet(models.QuerySet):
    def notes(self):
        """The IOM notes that seed data cites as its sources."""
        return self.filter(kind=Document.Kind.IOM_NOTE)

    def texts(self):
        """UN texts (resolutions and drafts) whose paragraphs are referenced."""
        return self.exclude(kind=Document.Kind.IOM_NOTE)


class DocumentManager(models.Manager.from_queryset(DocumentQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class DocumentKind(models.TextChoices):
    RESOLUTION = "resolution", "UN resolution"
    DRAFT = "draft", "Draft"
    DECLARATION = "declaration", "Declaration"
    IOM_NOTE = "iom-note", "IOM note"


class Document(CachedChoiceDisplay, models.Model):
    """A text the registry refers to: a UN resolution or draft, or an IOM note.

    The five IOM notes in ``sources/notes/`` are the sources every seeded fact cites; the UN
    texts (final GCM, Zero draft Rev 1, ...) are the documents whose paragraphs references
    and entry points point into.
    """

    Kind = DocumentKind

    slug = models.SlugField(max_length=60, unique=True, verbose_name=_("slug"))
    symbol = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("UN document symbol, e.g. A/RES/73/195."),
        verbose_name=_("symbol"),
    )
    title = models.CharField(max_length=400, verbose_name=_("title"))
    short_title = models.CharField(max_length=120, blank=True, verbose_name=_("short title"))
    kind = models.CharField(max_length=20, choices=Kind, verbose_name=_("kind"))
    date = models.DateField(null=True, blank=True, verbose_name=_("date"))
    date_note = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "The date as the source words it when it gives no exact day "
            "(e.g. 'last update 27 March 2017', 'after Dec 2018')."
        ),
        verbose_name=_("date note"),
    )
    seed_file = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("File name of the plain-text copy in sources/notes/."),
        verbose_name=_("seed file"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    url = models.URLField(
        _("URL"),
        max_length=500,
        blank=True,
        help_text=_("Where a note says the text can be read; only a link a note prints."),
    )
    objective_paragraph_offset = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "For a GCM text: objective n is paragraph offset + n "
            "(16 in the final GCM, 15 in Zero draft Rev 1)."
        ),
        verbose_name=_("objective paragraph offset"),
    )
    sources = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="cited_sources_document",
        help_text=_(
            "For a UN text: the IOM note(s) that describe it. IOM notes are sources themselves."
        ),
        verbose_name=_("sources"),
    )

    objects = DocumentManager()
    history = HistoricalRecords(m2m_fields=["sources"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "date", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return self.short_title or self.title

    def get_absolute_url(self):
        return page_url("sources:detail", self.slug)

    def natural_key(self):
        return (self.slug,)


class Sourced(CachedChoiceDisplay, models.Model):
    """Abstract base for every record that must cite the IOM note(s) it comes from."""

    sources = models.ManyToManyField(
        Document,
        blank=True,
        related_name="cited_%(app_label)s_%(class)s",
        help_text=_("The IOM note(s) this record comes from."),
        verbose_name=_("sources"),
    )

    # simple_history reads this to keep the sources of each version in its history.
    _history_m2m_fields = ["sources"]

    class Meta:
        abstract = True
