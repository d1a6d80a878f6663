"""Mechanisms (ISCMs), the regions and organizations around them, and GRCP meetings."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from core.links import page_url
from core.models import SlugManager
from sources.models import Sourced


class Region(Sourced):
    """One of the five regions of IOM's 2017 regional-consultations matrix (note 001)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in 001's matrix.")
    planned_consultations = models.TextField(
        blank=True, help_text="Regional consultations planned in 2017 (001's matrix)."
    )
    # Two further columns of 001's matrix: facts about the region the notes give.
    un_rc_cooperation = models.TextField(
        "UN RC cooperation with IOM",
        blank=True,
        help_text="001's column 'UN REC / Regional Mechanism and RC Cooperation with IOM'.",
    )
    knowledge_products = models.TextField(
        blank=True, help_text="001's column 'Regional knowledge products by UN REC'."
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
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
    UN_REGIONAL_COMMISSION = "un-rc", "UN Regional Commission"
    REGIONAL_ORGANIZATION = "reo", "Regional (economic) organization"
    IGO = "igo", "Other intergovernmental organization"
    OTHER = "other", "Other"


class Organization(Sourced):
    """An intergovernmental body around the mechanisms: UN Regional Commission, REO, IGO."""

    Kind = OrganizationKind

    slug = models.SlugField(max_length=80, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind)
    regions = models.ManyToManyField(Region, blank=True, related_name="organizations")
    description = models.TextField(blank=True)

    objects = SlugManager()
    history = HistoricalRecords(m2m_fields=["sources", "regions"])

    class Meta:
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
    RCP = "rcp", "Regional consultative process (RCP)"
    IRF = "irf", "Inter-regional forum (IRF)"
    GLOBAL = "global", "Global process"


class MechanismStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    DORMANT = "dormant", "Dormant"
    EMERGING = "emerging", "Emerging"


class Mechanism(Sourced):
    """An inter-State consultation mechanism on migration (ISCM).

    A State-led, ongoing information-sharing and policy dialogue on migration: a regional
    consultative process (RCP), an inter-regional forum (IRF) or a global process. Kind,
    status and regions stay empty where no note states them.
    """

    Kind = MechanismKind

    Status = MechanismStatus

    slug = models.SlugField(max_length=80, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=10, choices=Kind, blank=True)
    status = models.CharField(max_length=10, choices=Status, blank=True)
    regions = models.ManyToManyField(Region, blank=True, related_name="mechanisms")
    region_label = models.CharField(
        max_length=120,
        blank=True,
        help_text="The regional grouping as a note words it, e.g. 'Africa – Europe'.",
    )
    secretariat = models.CharField(
        max_length=300, blank=True, help_text="Secretariat or host as a note words it."
    )
    secretariat_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="secretariat_of",
    )
    partners = models.ManyToManyField(Organization, blank=True, related_name="partner_of")
    year_established = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)

    objects = MechanismManager()
    history = HistoricalRecords(m2m_fields=["sources", "regions", "partners"])

    class Meta:
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
    FORMER = "former", "Former name"
    ALTERNATIVE = "alternative", "Alternative name or acronym"


class MechanismName(Sourced):
    """Another name or acronym a mechanism has carried: a former name or an alternative."""

    Kind = MechanismNameKind

    mechanism = models.ForeignKey(Mechanism, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)
    acronym = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=12, choices=Kind)
    note = models.CharField(max_length=300, blank=True)

    objects = MechanismNameManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["mechanism_id", "kind", "name"]
        verbose_name = "mechanism name"
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

    number = models.PositiveSmallIntegerField(unique=True, validators=[MinValueValidator(1)])
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=400)
    theme = models.CharField(max_length=400, blank=True)
    venue = models.CharField(max_length=200, blank=True)
    dates = models.CharField(max_length=100, blank=True, help_text="As the note words them.")
    host = models.CharField(max_length=200, blank=True, help_text="Host(s) as the note words it.")
    report_title = models.CharField(
        max_length=500, blank=True, help_text="Title of the meeting's summary report (004's list)."
    )
    website = models.URLField(blank=True)
    participants = models.ManyToManyField(
        Mechanism, through="Participation", related_name="meetings", blank=True
    )

    objects = MeetingManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name = "GRCP meeting"
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

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    mechanism = models.ForeignKey(
        Mechanism, on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        max_length=200, blank=True, help_text="As the note gives it, e.g. 'speaker'."
    )

    objects = ParticipationManager()
    history = HistoricalRecords()

    class Meta:
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
