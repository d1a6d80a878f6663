"""States (ISO 3166-1 countries) and their places in the mechanisms: member, chair, ...

A country's name comes from django-countries (ISO 3166, with French and Spanish names); the
notes only say which States hold which role. Where a note gives a size without naming the
States ("50 States", "almost 15 countries"), the size is a ``MembershipFigure``, never a list.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from core.links import page_url
from sources.models import Sourced


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(Sourced):
    """A State a note names in a role: member, chair or host (ISO 3166-1 alpha-2 code)."""

    code = CountryField(
        unique=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. CL."), verbose_name=_("State")
    )
    printed_names = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "How the notes print the State where it differs from its ISO name, "
            "separated by '; ' (e.g. 'Turkey')."
        ),
        verbose_name=_("printed names"),
    )

    objects = CountryManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def name(self) -> str:
        return str(self.code.name)

    def name_in(self, language: str) -> str:
        """The ISO name in another language (django-countries carries fr, es, ...)."""
        with translation.override(language):
            return str(self.code.name)

    def natural_key(self):
        return (str(self.code),)

    def get_absolute_url(self):
        return page_url("countries:detail", str(self.code))


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co-chair", _("Co-chair")
    INCOMING_CHAIR = "incoming-chair", _("Incoming chair")
    FORMER_CHAIR = "former-chair", _("Former chair")
    SECRETARIAT = "secretariat", _("Holds the secretariat")


class MembershipManager(models.Manager):
    def get_by_natural_key(self, code, mechanism_slug, role):
        return self.get(country__code=code, mechanism__slug=mechanism_slug, role=role)


class Membership(Sourced):
    """A State's place in a mechanism as a note states it (member, chair, co-chair, ...)."""

    Role = MembershipRole

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("country")
    )
    mechanism = models.ForeignKey(
        "mechanisms.Mechanism",
        on_delete=models.PROTECT,
        related_name="country_memberships",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(max_length=20, choices=Role, verbose_name=_("role"))
    period = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("The period as the note words it, where it does."),
        verbose_name=_("period"),
    )
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("The year the note shows the State in the role."),
        verbose_name=_("year"),
    )
    quote = models.TextField(
        blank=True,
        help_text=_("The note's words that give the role, as printed."),
        verbose_name=_("quote"),
    )
    note = models.CharField(max_length=300, blank=True, verbose_name=_("note"))

    objects = MembershipManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["mechanism_id", "role", "country_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "mechanism", "role"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values),
                name="%(app_label)s_%(class)s_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.country.name}: {self.get_role_display().lower()} of {self.mechanism}"

    def natural_key(self):
        return (*self.country.natural_key(), *self.mechanism.natural_key(), self.role)

    natural_key.dependencies = ["countries.country", "mechanisms.mechanism"]


class MembershipFigureManager(models.Manager):
    def get_by_natural_key(self, mechanism_slug, slug):
        return self.get(mechanism__slug=mechanism_slug, slug=slug)


class MembershipFigure(Sourced):
    """A published size of a mechanism's membership (or of one of its bodies), no list given."""

    mechanism = models.ForeignKey(
        "mechanisms.Mechanism",
        on_delete=models.PROTECT,
        related_name="membership_figures",
        verbose_name=_("mechanism"),
    )
    slug = models.SlugField(max_length=80, verbose_name=_("slug"))
    role = models.CharField(
        max_length=20, choices=MembershipRole, default=MembershipRole.MEMBER, verbose_name=_("role")
    )
    value = models.PositiveIntegerField(verbose_name=_("value"))
    approximate = models.BooleanField(
        default=False,
        help_text=_("The note qualifies the number ('almost', 'about', ...)."),
        verbose_name=_("approximate"),
    )
    counted = models.CharField(
        max_length=60,
        help_text=_("What is counted, as printed: 'States'."),
        verbose_name=_("counted"),
    )
    scope = models.CharField(
        max_length=200,
        blank=True,
        help_text=_(
            "What the figure is the size of, where not the whole mechanism "
            "(e.g. 'each meeting of the Reference Group')."
        ),
        verbose_name=_("scope"),
    )
    quote = models.TextField(
        help_text=_("The note's sentence giving the figure, as printed."), verbose_name=_("quote")
    )

    objects = MembershipFigureManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership figure")
        verbose_name_plural = _("membership figures")
        ordering = ["mechanism_id", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["mechanism", "slug"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.mechanism}: {self.size}"

    @property
    def size(self) -> str:
        """The figure as the note gives it: "50 States", "almost 15 countries"."""
        about = gettext("almost ") if self.approximate else ""
        return f"{about}{self.value} {self.counted}"

    def natural_key(self):
        return (*self.mechanism.natural_key(), self.slug)

    natural_key.dependencies = ["mechanisms.mechanism"]
