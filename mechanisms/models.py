"""Mechanisms (ISCMs), the regions and organizations around them, and GRCP meetings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import page_url
from core.models import SlugManager, translation_of
from sources.models import Sourced


class Region(Sourced):
    """One of the five regions of IOM's 2017 regional-consultations matrix (note 001)."""

    slug = models.SlugField(max_length=60, unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=100, unique=True, verbose_name=_("name"))
    name_fr = translation_of(name, "fr", "name")
    name_es = translation_of(name, "es", "name")
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order in 001's matrix."), verbose_name=_("position")
    )
    planned_consultations = models.TextField(
        blank=True,
        help_text=_("Regional consultations planned in 2017 (001's matrix)."),
        verbose_name=_("planned consultations"),
    )
    # Two further columns of 001's matrix: facts about the region the notes give.
    un_rc_cooperation = models.TextField(
        _("UN RC cooperation with IOM"),
        blank=True,
        help_text=_("001's column 'UN REC / Regional Mechanism and RC Cooperation with IOM'."),
    )
    knowledge_products = models.TextField(
        blank=True,
        help_text=_("001's column 'Regional knowledge products by UN REC'."),
        verbose_name=_("knowledge products"),
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return page_url("mechanisms:region", self.slug)

    @property
    def un_regional_commissions(self):
        """The UN Regional Commission(s) serving this region (held on Organization.regions)."""
        return [
            o for o in self.organizations.all() if o.kind == OrganizationKind.UN_REGIONAL_COMMISSION
        ]


class OrganizationKind(models.TextChoices):
    UN_REGIONAL_COMMISSION = "un-rc", _("UN Regional Commission")
    REGIONAL_ORGANIZATION = "reo", _("Regional (economic) organization")
    IGO = "igo", _("Other intergovernmental organization")
    OTHER = "other", _("Other")


class Organization(Sourced):
    """An intergovernmental body around the mechanisms: UN Regional Commission, REO, IGO."""

    Kind = OrganizationKind

    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    acronym = models.CharField(max_length=40, blank=True, verbose_name=_("acronym"))
    name = models.CharField(max_length=300, verbose_name=_("name"))
    name_fr = translation_of(name, "fr", "name")
    name_es = translation_of(name, "es", "name")
    kind = models.CharField(max_length=10, choices=Kind, verbose_name=_("kind"))
    regions = models.ManyToManyField(
        Region, blank=True, related_name="organizations", verbose_name=_("regions")
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_fr = translation_of(description, "fr", "description")
    description_es = translation_of(description, "es", "description")

    objects = SlugManager()
    history = HistoricalRecords(m2m_fields=["sources", "regions"])

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["acronym", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganizationKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}" if self.acronym else self.name

    def natural_key(self):
        return (self.slug,)


class MechanismQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Mechanism.Status.ACTIVE)

    def of_kind(self, kind):
        return self.filter(kind=kind)


class MechanismManager(models.Manager.from_queryset(MechanismQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class MechanismKind(models.TextChoices):
    RCP = "rcp", _("Regional consultative process (RCP)")
    IRF = "irf", _("Inter-regional forum (IRF)")
    GLOBAL = "global", _("Global process")


class MechanismStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    EMERGING = "emerging", _("Emerging")


class Mechanism(Sourced):
    """An inter-State consultation mechanism on migration (ISCM).

    A State-led, ongoing information-sharing and policy dialogue on migration: a regional
    consultative process (RCP), an inter-regional forum (IRF) or a global process. Kind,
    status and regions stay empty where no note states them.
    """

    Kind = MechanismKind

    Status = MechanismStatus

    slug = models.SlugField(max_length=80, unique=True, verbose_name=_("slug"))
    acronym = models.CharField(max_length=40, blank=True, verbose_name=_("acronym"))
    name = models.CharField(max_length=300, verbose_name=_("name"))
    name_fr = translation_of(name, "fr", "name")
    name_es = translation_of(name, "es", "name")
    kind = models.CharField(max_length=10, choices=Kind, blank=True, verbose_name=_("kind"))
    status = models.CharField(max_length=10, choices=Status, blank=True, verbose_name=_("status"))
    regions = models.ManyToManyField(
        Region, blank=True, related_name="mechanisms", verbose_name=_("regions")
    )
    region_label = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("The regional grouping as a note words it, e.g. 'Africa – Europe'."),
        verbose_name=_("region label"),
    )
    secretariat = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Secretariat or host as a note words it."),
        verbose_name=_("secretariat"),
    )
    secretariat_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_of",
        verbose_name=_("secretariat organization"),
    )
    partners = models.ManyToManyField(
        Organization, blank=True, related_name="partner_of", verbose_name=_("partners")
    )
    year_established = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        verbose_name=_("year established"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_fr = translation_of(description, "fr", "description")
    description_es = translation_of(description, "es", "description")

    objects = MechanismManager()
    history = HistoricalRecords(m2m_fields=["sources", "regions", "partners"])

    class Meta:
        verbose_name = _("mechanism")
        verbose_name_plural = _("mechanisms")
        ordering = ["name"]
        # Serves the ordering of every list (and keyset-like paging) without a sort.
        indexes = [models.Index(fields=["name"], name="mechanisms_mechanism_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["", *MechanismKind.values]),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["", *MechanismStatus.values]),
                name="%(app_label)s_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(year_established__isnull=True)
                | models.Q(year_established__gte=1900, year_established__lte=2100),
                name="%(app_label)s_%(class)s_year_plausible",
            ),
            models.UniqueConstraint(
                fields=["acronym", "kind"],
                condition=~models.Q(acronym=""),
                name="%(app_label)s_%(class)s_unique_acronym_per_kind",
            ),
        ]

    def __str__(self):
        if self.acronym and self.acronym not in self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return page_url("mechanisms:detail", self.slug)


class MechanismNameManager(models.Manager):
    def get_by_natural_key(self, mechanism_slug, name):
        return self.get(mechanism__slug=mechanism_slug, name=name)


class MechanismNameKind(models.TextChoices):
    FORMER = "former", _("Former name")
    ALTERNATIVE = "alternative", _("Alternative name or acronym")


class MechanismName(Sourced):
    """Another name or acronym a mechanism has carried: a former name or an alternative."""

    Kind = MechanismNameKind

    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.CASCADE, related_name="names", verbose_name=_("mechanism")
    )
    name = models.CharField(max_length=300, verbose_name=_("name"))
    acronym = models.CharField(max_length=40, blank=True, verbose_name=_("acronym"))
    kind = models.CharField(max_length=12, choices=Kind, verbose_name=_("kind"))
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    objects = MechanismNameManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("mechanism names")
        ordering = ["mechanism_id", "kind", "name"]
        verbose_name = _("mechanism name")
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "name"], name="%(app_label)s_%(class)s_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=MechanismNameKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        label = f"{self.name} ({self.acronym})" if self.acronym else self.name
        return f"{label} — {self.get_kind_display().lower()}"

    def natural_key(self):
        return (*self.mechanism.natural_key(), self.name)

    natural_key.dependencies = ["mechanisms.mechanism"]


class MeetingManager(models.Manager):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class Meeting(Sourced):
    """A Global Meeting of Chairs and Secretariats of ISCMs (GRCP 1–9)."""

    number = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(1)], verbose_name=_("number")
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("year"))
    title = models.CharField(max_length=400, verbose_name=_("title"))
    title_fr = translation_of(title, "fr", "title")
    title_es = translation_of(title, "es", "title")
    theme = models.CharField(max_length=400, blank=True, verbose_name=_("theme"))
    theme_fr = translation_of(theme, "fr", "theme")
    theme_es = translation_of(theme, "es", "theme")
    venue = models.CharField(max_length=200, blank=True, verbose_name=_("venue"))
    dates = models.CharField(
        max_length=100, blank=True, help_text=_("As the note words them."), verbose_name=_("dates")
    )
    host = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Host(s) as the note words it."),
        verbose_name=_("host"),
    )
    report_title = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("Title of the meeting's summary report (004's list)."),
        verbose_name=_("report title"),
    )
    website = models.URLField(blank=True, verbose_name=_("website"))
    participants = models.ManyToManyField(
        Mechanism,
        through="Participation",
        related_name="meetings",
        blank=True,
        verbose_name=_("participants"),
    )

    objects = MeetingManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("GRCP meetings")
        ordering = ["number"]
        verbose_name = _("GRCP meeting")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="%(app_label)s_%(class)s_number_positive"
            ),
        ]

    def __str__(self):
        return f"GRCP {self.number}" + (f" ({self.year})" if self.year else "")

    def natural_key(self):
        return (self.number,)


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, meeting_number, mechanism_slug):
        return self.get(meeting__number=meeting_number, mechanism__slug=mechanism_slug)


class Participation(Sourced):
    """A mechanism's part in a GRCP meeting (participant, speaker, rapporteur, ...)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="participations", verbose_name=_("meeting")
    )
    mechanism = models.ForeignKey(
        Mechanism,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("As the note gives it, e.g. 'speaker'."),
        verbose_name=_("role"),
    )

    objects = ParticipationManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["meeting_id", "mechanism_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "mechanism"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.mechanism} at {self.meeting}"

    def natural_key(self):
        return (*self.meeting.natural_key(), *self.mechanism.natural_key())

    natural_key.dependencies = ["mechanisms.meeting", "mechanisms.mechanism"]
