"""Events the notes describe, their sessions and documents, and people in public roles.

GRCP meetings are one kind of event: each ``mechanisms.Meeting`` (the GRCP number, its
report, the mechanisms taking part, which surveys and ``/api/v1/meetings/`` use) has one
``Event`` of kind ``grcp`` that carries what every event has (dates, place or virtual,
sessions, people, documents, published counts). A GRCP event keeps no second copy of its
meeting's title, venue or participants: it reads them from the meeting.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from core.links import page_url
from core.models import SlugManager, translation_of
from sources.models import Sourced


class EventKind(models.TextChoices):
    GRCP = "grcp", _("GRCP meeting")
    SIDE_EVENT = "side-event", _("Side event")
    WEBINAR = "webinar", _("Webinar")
    REGIONAL_CONSULTATION = "regional-consultation", _("Regional consultation")
    REGIONAL_REVIEW = "regional-review", _("Regional review")
    ISCM_MEETING = "iscm-meeting", _("Meeting of a mechanism")
    WORKSHOP = "workshop", _("Workshop")
    IMRF = "imrf", _("International Migration Review Forum")
    HIGH_LEVEL_DIALOGUE = "hld", _("UN High-level Dialogue")
    CONFERENCE = "conference", _("Intergovernmental conference or summit")
    OTHER = "other", _("Other")


class EventQuerySet(models.QuerySet):
    def grcp(self):
        return self.filter(kind=EventKind.GRCP)


class EventManager(models.Manager.from_queryset(EventQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Event(Sourced):
    """A meeting, consultation, webinar, side event or forum a note describes."""

    Kind = EventKind

    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    kind = models.CharField(max_length=30, choices=Kind, verbose_name=_("kind"))
    meeting = models.OneToOneField(
        "mechanisms.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event",
        help_text=_("For a GRCP event: its meeting (number, report, participating mechanisms)."),
        verbose_name=_("meeting"),
    )
    title = models.CharField(
        max_length=400,
        blank=True,
        help_text=_("As printed. Left empty for a GRCP event: its meeting's title is shown."),
        verbose_name=_("title"),
    )
    title_fr = translation_of(title, "fr", "title")
    title_es = translation_of(title, "es", "title")
    start_date = models.DateField(null=True, blank=True, verbose_name=_("start date"))
    end_date = models.DateField(null=True, blank=True, verbose_name=_("end date"))
    year = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("year"))
    dates_text = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("The dates as the note words them."),
        verbose_name=_("dates text"),
    )
    place = models.CharField(
        max_length=200, blank=True, help_text=_("As printed."), verbose_name=_("place")
    )
    place_country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_held",
        help_text=_("The State where the event took place."),
        verbose_name=_("place country"),
    )
    virtual = models.BooleanField(default=False, verbose_name=_("virtual"))
    platform = models.CharField(
        max_length=60, blank=True, help_text=_("E.g. 'Zoom'."), verbose_name=_("platform")
    )
    host = models.CharField(
        max_length=300, blank=True, help_text=_("Host(s) as printed."), verbose_name=_("host")
    )
    host_country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        help_text=_("The State that hosted it, where a note says a State did."),
        verbose_name=_("host country"),
    )
    host_organizations = models.ManyToManyField(
        "mechanisms.Organization",
        blank=True,
        related_name="events_hosted",
        verbose_name=_("host organizations"),
    )
    organisers = models.CharField(
        max_length=400, blank=True, help_text=_("As printed."), verbose_name=_("organisers")
    )
    organiser_organizations = models.ManyToManyField(
        "mechanisms.Organization",
        blank=True,
        related_name="events_organised",
        verbose_name=_("organiser organizations"),
    )
    organiser_countries = models.ManyToManyField(
        "countries.Country",
        blank=True,
        related_name="events_organised",
        verbose_name=_("organiser countries"),
    )
    moderator = models.CharField(
        max_length=300, blank=True, help_text=_("As printed."), verbose_name=_("moderator")
    )
    moderator_country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_moderated",
        verbose_name=_("moderator country"),
    )
    margins_of = models.ForeignKey(
        "mechanisms.Mechanism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="side_events",
        help_text=_("The process on whose margins a side event was held (e.g. the GFMD)."),
        verbose_name=_("margins of"),
    )
    documents = models.ManyToManyField(
        "sources.Document",
        blank=True,
        related_name="events",
        help_text=_("Registry documents that are the event's own (its report, its paper)."),
        verbose_name=_("documents"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    description_fr = translation_of(description, "fr", "description")
    description_es = translation_of(description, "es", "description")

    objects = EventManager()
    history = HistoricalRecords(
        m2m_fields=[
            "sources",
            "host_organizations",
            "organiser_organizations",
            "organiser_countries",
            "documents",
        ]
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start_date", "year", "slug"]
        indexes = [models.Index(fields=["start_date", "year", "slug"], name="events_event_order")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
            models.CheckConstraint(
                condition=(models.Q(kind=EventKind.GRCP) & models.Q(meeting__isnull=False))
                | (~models.Q(kind=EventKind.GRCP) & models.Q(meeting__isnull=True)),
                name="%(app_label)s_%(class)s_grcp_has_meeting",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.display_title

    def clean(self):
        if (self.kind == EventKind.GRCP) != (self.meeting_id is not None):
            raise ValidationError(
                {"meeting": _("A GRCP event has a meeting; an event of another kind has none.")}
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The event cannot end before it starts.")})

    def title_shown(self, show):
        """The event's own title, else (a GRCP event) "GRCP n: <its meeting's title>", else the
        slug; ``show(record, field)`` renders a title: one of core.models' ``translated_*``."""
        from django.utils.html import format_html
        from django.utils.safestring import SafeData

        if self.title:
            return show(self, "title")
        if self.meeting_id:
            title = show(self.meeting, "title")
            if isinstance(title, SafeData):  # HTML stays HTML; plain text is not escaped
                return format_html("GRCP {}: {}", self.meeting.number, title)
            return f"GRCP {self.meeting.number}: {title}"
        return self.slug

    @property
    def display_title(self) -> str:
        """The title in the reader's language where an editor translated it, else in English
        (plain text: ``<title>``, attributes, search)."""
        from core.models import translated

        return self.title_shown(lambda record, field: translated(record, field)[0])

    @property
    def display_title_html(self):
        """``display_title`` as HTML for headings and links: an English title shown on a
        French or Spanish page is marked "not translated"."""
        from core.models import translated_html

        return self.title_shown(translated_html)

    @property
    def display_place(self) -> str:
        if self.place:
            return self.place
        return self.meeting.venue if self.meeting_id else ""

    @property
    def display_year(self):
        if self.year:
            return self.year
        if self.start_date:
            return self.start_date.year
        return self.meeting.year if self.meeting_id else None

    def participant_links(self):
        """The mechanisms taking part, with their role: a GRCP event reads its meeting's."""
        if self.meeting_id:
            return list(self.meeting.participations.all())
        return list(self.mechanism_links.all())

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return page_url("events:detail", self.slug)


class EventMechanismManager(models.Manager):
    def get_by_natural_key(self, event_slug, mechanism_slug):
        return self.get(event__slug=event_slug, mechanism__slug=mechanism_slug)


class EventMechanism(Sourced):
    """A mechanism taking part in an event other than a GRCP meeting, as a note lists it."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="mechanism_links", verbose_name=_("event")
    )
    mechanism = models.ForeignKey(
        "mechanisms.Mechanism",
        on_delete=models.PROTECT,
        related_name="event_links",
        verbose_name=_("mechanism"),
    )
    role = models.CharField(
        max_length=200, blank=True, help_text=_("As the note gives it."), verbose_name=_("role")
    )

    objects = EventMechanismManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("participating mechanisms")
        ordering = ["event_id", "mechanism_id"]
        verbose_name = _("participating mechanism")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "mechanism"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.mechanism} at {self.event}"

    def clean(self):
        if self.event_id and self.event.meeting_id:
            raise ValidationError(
                {"event": _("A GRCP event's mechanisms are its meeting's participations.")}
            )

    def natural_key(self):
        return (*self.event.natural_key(), *self.mechanism.natural_key())

    natural_key.dependencies = ["events.event", "mechanisms.mechanism"]


class EventFigureManager(models.Manager):
    def get_by_natural_key(self, event_slug, slug):
        return self.get(event__slug=event_slug, slug=slug)


class EventFigure(Sourced):
    """A count a note publishes about an event ('23 inter-State consultation mechanisms')."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="figures", verbose_name=_("event")
    )
    slug = models.SlugField(max_length=80, verbose_name=_("slug"))
    label = models.CharField(
        max_length=200, help_text=_("What is counted."), verbose_name=_("label")
    )
    label_fr = translation_of(label, "fr", "label")
    label_es = translation_of(label, "es", "label")
    value = models.PositiveIntegerField(verbose_name=_("value"))
    quote = models.TextField(
        help_text=_("The note's words giving the count, as printed."), verbose_name=_("quote")
    )

    objects = EventFigureManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("published counts")
        ordering = ["event_id", "slug"]
        verbose_name = _("published count")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slug"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.value} {self.label}"

    def natural_key(self):
        return (*self.event.natural_key(), self.slug)

    natural_key.dependencies = ["events.event"]


class EventDocumentKind(models.TextChoices):
    REPORT = "report", _("Report")
    AGENDA = "agenda", _("Agenda")
    RAPPORTEUR_REPORT = "rapporteur-report", _("Rapporteur report")
    OUTCOME = "outcome", _("Outcome document")
    BACKGROUND = "background", _("Background or discussion paper")
    MATERIAL = "material", _("Relevant material")
    REMARKS = "remarks", _("Remarks")
    WEBSITE = "website", _("Website")


class EventDocumentManager(models.Manager):
    def get_by_natural_key(self, event_slug, slug):
        return self.get(event__slug=event_slug, slug=slug)


class EventDocument(Sourced):
    """A document of an event as a note lists it: title as printed, web address if given."""

    Kind = EventDocumentKind

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="event_documents", verbose_name=_("event")
    )
    slug = models.SlugField(max_length=100, verbose_name=_("slug"))
    kind = models.CharField(max_length=20, choices=Kind, verbose_name=_("kind"))
    title = models.CharField(max_length=500, verbose_name=_("title"))
    url = models.URLField(max_length=500, blank=True, verbose_name=_("url"))
    document = models.ForeignKey(
        "sources.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_listings",
        help_text=_("The registry's own copy, where it has one."),
        verbose_name=_("document"),
    )
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))

    objects = EventDocumentManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("event documents")
        ordering = ["event_id", "position", "slug"]
        verbose_name = _("event document")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slug"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EventDocumentKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.event.natural_key(), self.slug)

    natural_key.dependencies = ["events.event", "sources.document"]


class SessionManager(models.Manager):
    def get_by_natural_key(self, event_slug, slug):
        return self.get(event__slug=event_slug, slug=slug)


class Session(Sourced):
    """A session of an event: title, time, interpretation languages, mechanisms listed."""

    LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "ru": "Russian"}

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    slug = models.SlugField(max_length=80, verbose_name=_("slug"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    title = models.CharField(max_length=300, help_text=_("As printed."), verbose_name=_("title"))
    title_fr = translation_of(title, "fr", "title")
    title_es = translation_of(title, "es", "title")
    date = models.DateField(null=True, blank=True, verbose_name=_("date"))
    start_time = models.TimeField(null=True, blank=True, verbose_name=_("start time"))
    end_time = models.TimeField(null=True, blank=True, verbose_name=_("end time"))
    time_zone = models.CharField(
        max_length=60, blank=True, help_text=_("As printed."), verbose_name=_("time zone")
    )
    time_text = models.CharField(
        max_length=200, blank=True, help_text=_("As printed."), verbose_name=_("time text")
    )
    languages = models.CharField(
        max_length=40,
        blank=True,
        help_text=_("Interpretation languages, codes separated by commas: 'en,fr,es'."),
        verbose_name=_("languages"),
    )
    languages_text = models.CharField(
        max_length=200, blank=True, help_text=_("As printed."), verbose_name=_("languages text")
    )
    objective = models.TextField(blank=True, verbose_name=_("objective"))
    mechanisms = models.ManyToManyField(
        "mechanisms.Mechanism",
        blank=True,
        related_name="event_sessions",
        help_text=_("The mechanisms the agenda lists for the session."),
        verbose_name=_("mechanisms"),
    )

    objects = SessionManager()
    history = HistoricalRecords(m2m_fields=["sources", "mechanisms"])

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event_id", "position", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slug"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.event}: {self.title}"

    def clean(self):
        codes = [c for c in self.languages.split(",") if c]
        unknown = [c for c in codes if c not in self.LANGUAGES]
        if unknown:
            raise ValidationError(
                {
                    "languages": ngettext(
                        "Unknown language code: %(codes)s.",
                        "Unknown language codes: %(codes)s.",
                        len(unknown),
                    )
                    % {"codes": ", ".join(unknown)}
                }
            )

    @property
    def language_names(self) -> list[str]:
        return [self.LANGUAGES.get(c, c) for c in self.languages.split(",") if c]

    def natural_key(self):
        return (*self.event.natural_key(), self.slug)

    natural_key.dependencies = ["events.event"]


class Person(Sourced):
    """A person a note names in a public role (speaker, facilitator, chair, ...).

    Only what a note publishes: the name as printed (one spelling; others stay on the
    roles that print them).
    """

    slug = models.SlugField(max_length=100, unique=True, verbose_name=_("slug"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    honorific = models.CharField(
        max_length=40, blank=True, help_text=_("E.g. 'H.E. Mr', 'Dr'."), verbose_name=_("honorific")
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        ordering = ["name"]
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class PublicRoleKind(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    FACILITATOR = "facilitator", _("Facilitator")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    MODERATOR = "moderator", _("Moderator")
    PARTICIPANT = "participant", _("Participant")
    ORGANISER = "organiser", _("Organiser")
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co-chair", _("Co-chair")
    INCOMING_CHAIR = "incoming-chair", _("Incoming chair")
    FOR_CHAIR = "for-chair", _("Representing the chair")
    SECRETARIAT_HEAD = "secretariat-head", _("Head of secretariat")
    SECRETARIAT_CO_HEAD = "secretariat-co-head", _("Co-head of secretariat")


class PublicRole(Sourced):
    """A person's role at an event or session, or for a mechanism, as one place prints it."""

    Kind = PublicRoleKind

    slug = models.SlugField(max_length=120, unique=True, verbose_name=_("slug"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    kind = models.CharField(max_length=30, choices=Kind, verbose_name=_("kind"))
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("event"),
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("session"),
    )
    mechanism = models.ForeignKey(
        "mechanisms.Mechanism",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_roles",
        verbose_name=_("mechanism"),
    )
    name_as_printed = models.CharField(
        max_length=200,
        help_text=_("The name as this place prints it."),
        verbose_name=_("name as printed"),
    )
    position = models.CharField(
        max_length=500, blank=True, help_text=_("As printed."), verbose_name=_("position")
    )
    organisation = models.CharField(
        max_length=300, blank=True, help_text=_("As printed."), verbose_name=_("organisation")
    )
    organization = models.ForeignKey(
        "mechanisms.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_roles",
        verbose_name=_("organization"),
    )
    country = models.ForeignKey(
        "countries.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_roles",
        help_text=_("The State the person serves, where the note names it."),
        verbose_name=_("country"),
    )
    printed = models.TextField(
        help_text=_("The whole entry as the note prints it."), verbose_name=_("printed")
    )
    place = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("Where the note prints it, e.g. 'Annex IV, agenda'."),
        verbose_name=_("place"),
    )

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = _("public roles")
        ordering = ["person_id", "kind", "slug"]
        verbose_name = _("public role")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PublicRoleKind.values),
                name="%(app_label)s_%(class)s_kind_valid",
            ),
        ]

    def __str__(self):
        where = self.session or self.event or self.mechanism
        return f"{self.person}: {self.get_kind_display().lower()}" + (
            f" — {where}" if where else ""
        )

    def clean(self):
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("The session belongs to another event.")})
        if not (self.event_id or self.session_id or self.mechanism_id):
            raise ValidationError(_("A role is at an event or session, or for a mechanism."))

    def natural_key(self):
        return (self.slug,)
