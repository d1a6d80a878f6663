"""The kinds of record the site search covers. Add one with a ``register(SearchKind(...))``.

``fields`` are (path, weight): A for names and titles, B for short texts, C–D for long
quotes. The first field is also the one small typos are forgiven on (PostgreSQL).
``document=DOCUMENT`` on a kind whose table grows: PostgreSQL keeps its weighted document
in that column (search/migrations/0002_stored_documents.py, which must list the same
fields; tests/search/test_stored.py checks it).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TRANSLATED_LANGUAGES, objective_label, translated
from countries.models import Country
from events.models import Event, PublicRole
from gcm.models import EntryPoint, Objective, Reference
from mechanisms.models import Mechanism, MechanismName, Organization, Region
from search.engine import Related, SearchKind, register
from search.text import fold, terms
from sources.models import Document
from statements.models import Definition, Statement
from surveys.models import Answer, PublishedFigure, Response
from surveys.visibility import PUBLIC_ANSWERS

DOCUMENT = "search_document"


def _translations(field, weight):
    """The editors' French and Spanish versions of a searched field, at the same weight."""
    return tuple((f"{field}_{language}", weight) for language in TRANSLATED_LANGUAGES)


def _join(*parts):
    return " · ".join(str(p) for p in parts if p)


register(
    SearchKind(
        key="mechanism",
        label=_("Mechanism"),
        plural=_("Mechanisms"),
        order=10,
        queryset=lambda: Mechanism.objects.all(),
        fields=(
            ("name", "A"),
            ("acronym", "A"),
            ("region_label", "B"),
            ("secretariat", "B"),
            ("description", "C"),
            # Editors' translations (search/migrations/0003 stores them too).
            ("name_fr", "A"),
            ("name_es", "A"),
            ("description_fr", "C"),
            ("description_es", "C"),
        ),
        document=DOCUMENT,
        related=(
            Related(
                queryset=lambda: MechanismName.objects.all(),
                parent="mechanism",
                fields=(("name", "A"), ("acronym", "A"), ("note", "C")),
                document=DOCUMENT,
            ),
        ),
        title=str,
        url=lambda m: m.get_absolute_url(),
        snippet=lambda m: m.description or m.secretariat,
        context=lambda m: _join(m.get_kind_display(), m.region_label),
    )
)

register(
    SearchKind(
        key="objective",
        label=_("GCM objective"),
        plural=_("GCM objectives"),
        order=20,
        queryset=lambda: Objective.objects.all(),
        fields=(
            ("title", "A"),
            ("short_title", "A"),
            ("number", "A"),
            *_translations("title", "A"),
            *_translations("short_title", "A"),
        ),
        title=objective_label,
        title_html=lambda o: objective_label(o, html=True),
        url=lambda o: o.get_absolute_url(),
        snippet=lambda o: translated(o, "title")[0],
    )
)

register(
    SearchKind(
        key="organization",
        label=_("Organisation"),
        plural=_("Organisations"),
        order=30,
        queryset=lambda: Organization.objects.prefetch_related("regions"),
        fields=(
            ("name", "A"),
            ("acronym", "A"),
            ("description", "C"),
            *_translations("name", "A"),
            *_translations("description", "C"),
        ),
        title=str,
        url=lambda o: (
            o.regions.all()[0].get_absolute_url() + f"#org-{o.slug}"
            if o.regions.all()
            else reverse("mechanisms:regions")
        ),
        snippet=lambda o: o.description,
        context=lambda o: _join(o.get_kind_display(), *(r.name for r in o.regions.all())),
    )
)

register(
    SearchKind(
        key="region",
        label=_("Region"),
        plural=_("Regions"),
        order=35,
        queryset=lambda: Region.objects.all(),
        fields=(
            ("name", "A"),
            ("planned_consultations", "C"),
            ("un_rc_cooperation", "D"),
            *_translations("name", "A"),
        ),
        title=str,
        url=lambda r: r.get_absolute_url(),
        snippet=lambda r: r.planned_consultations or r.un_rc_cooperation,
    )
)


def _reference_url(ref):
    if ref.objective_id:
        return ref.objective.get_absolute_url() + f"#text-{ref.document.slug}"
    return reverse("gcm:compact") + f"?document={ref.document.slug}#p-{ref.pk}"


register(
    SearchKind(
        key="reference",
        label=_("Paragraph or quote"),
        plural=_("Paragraphs and quotes"),
        order=40,
        queryset=lambda: Reference.objects.select_related("document", "objective"),
        fields=(("wording", "A"), ("heading", "B"), ("quote", "C"), ("note", "D")),
        document=DOCUMENT,
        title=lambda r: _join(
            r.document.short_title or r.document.title,
            f"§{r.paragraph}" if r.paragraph else "",
            f"“{r.wording}”",
        ),
        url=_reference_url,
        snippet=lambda r: r.quote or r.note or r.wording,
        context=lambda r: (
            _("Objective %(number)s") % {"number": r.objective.number} if r.objective_id else ""
        ),
    )
)

register(
    SearchKind(
        key="entry-point",
        label=_("Entry point"),
        plural=_("Entry points"),
        order=50,
        queryset=lambda: EntryPoint.objects.select_related("document", "objective"),
        fields=(("action", "A"), ("engagement", "B"), ("objective_label", "C")),
        title=lambda e: _join(
            _("Objective %(number)s") % {"number": e.objective.number},
            e.get_level_display(),
            e.document.short_title,
        ),
        url=lambda e: e.objective.get_absolute_url(),
        snippet=lambda e: f"{e.action} — {e.engagement}",
    )
)


def _published_answers():
    # Drafts are unfinished questionnaires, and answers naming the respondent are personal
    # data: the search shows neither, to anyone (surveys.visibility).
    return Answer.objects.filter(
        PUBLIC_ANSWERS, response__status=Response.Status.SUBMITTED
    ).select_related("question", "response__mechanism", "response__survey")


register(
    SearchKind(
        key="answer",
        label=_("Survey answer"),
        plural=_("Survey answers"),
        order=60,
        queryset=_published_answers,
        fields=(("text", "B"), ("statement", "B")),
        document=DOCUMENT,
        title=lambda a: _join(
            a.response.mechanism.acronym or a.response.mechanism.name,
            translated(a.response.survey, "title")[0],
            f"Q{a.question.number}",
        ),
        url=lambda a: a.response.mechanism.get_absolute_url() + "#surveys-heading",
        snippet=lambda a: a.statement or a.text,
        context=lambda a: a.question.text[:120],
    )
)

register(
    SearchKind(
        key="published-figure",
        label=_("Published survey figure"),
        plural=_("Published survey figures"),
        order=65,
        queryset=lambda: PublishedFigure.objects.select_related("survey"),
        fields=(("label", "A"), ("statement", "B"), *_translations("label", "A")),
        title=lambda f: _join(translated(f.survey, "title")[0], translated(f, "label")[0]),
        url=lambda f: f.survey.get_absolute_url() + "#figures-heading",
        snippet=lambda f: f.statement,
    )
)

register(
    SearchKind(
        key="source",
        label=_("Source note or text"),
        plural=_("Source notes and texts"),
        order=90,
        queryset=lambda: Document.objects.all(),
        fields=(("title", "A"), ("short_title", "A"), ("symbol", "A"), ("description", "C")),
        title=lambda d: d.title,
        url=lambda d: d.get_absolute_url(),
        snippet=lambda d: d.description,
    )
)


# --- States, events, people's roles, statements, definitions (issue 10's records) ------


def _country_names_q(query):
    """States whose ISO name (English, French, Spanish) holds every word of the query."""
    from django.utils import translation
    from django_countries import countries

    words = terms(query)
    if not words:
        return None
    codes = set()
    for language in ("en", "fr", "es"):
        with translation.override(language):
            for code, name in countries:
                folded = fold(str(name))
                if all(w in folded for w in words):
                    codes.add(code)
    if len(query.strip()) == 2:
        codes.add(query.strip().upper())
    return Q(code__in=sorted(codes)) if codes else None


register(
    SearchKind(
        key="country",
        label=_("State"),
        plural=_("States"),
        order=15,
        queryset=lambda: Country.objects.all(),
        fields=(("printed_names", "A"),),
        matches_also=_country_names_q,
        title=lambda c: c.name,
        url=lambda c: c.get_absolute_url(),
        snippet=lambda c: c.printed_names,
    )
)

register(
    SearchKind(
        key="event",
        label=_("Event"),
        plural=_("Events"),
        order=25,
        queryset=lambda: Event.objects.select_related("meeting"),
        fields=(
            ("title", "A"),
            ("meeting__title", "A"),
            ("kind", "B"),
            ("meeting__number", "B"),
            ("meeting__theme", "B"),
            ("place", "B"),
            ("meeting__venue", "B"),
            ("host", "B"),
            ("organisers", "C"),
            ("description", "C"),
            *_translations("title", "A"),
            *_translations("meeting__title", "A"),
            *_translations("meeting__theme", "B"),
            *_translations("description", "C"),
        ),
        title=lambda e: e.display_title,
        url=lambda e: e.get_absolute_url(),
        snippet=lambda e: e.description or e.display_place,
        context=lambda e: _join(e.get_kind_display(), e.display_year),
    )
)

register(
    SearchKind(
        key="role",
        label=_("Person in a public role"),
        plural=_("People in public roles"),
        order=45,
        queryset=lambda: PublicRole.objects.select_related("person", "event", "mechanism"),
        fields=(
            ("person__name", "A"),
            ("name_as_printed", "A"),
            ("position", "B"),
            ("organisation", "B"),
        ),
        title=lambda r: _join(r.person.name, r.get_kind_display()),
        url=lambda r: (
            r.event.get_absolute_url()
            if r.event_id
            else r.mechanism.get_absolute_url()
            if r.mechanism_id
            else reverse("events:list")
        ),
        snippet=lambda r: _join(r.position, r.organisation),
        context=lambda r: str(r.event) if r.event_id else "",
    )
)

register(
    SearchKind(
        key="statement",
        label=_("Statement"),
        plural=_("Statements"),
        order=55,
        queryset=lambda: Statement.objects.select_related("document", "event"),
        fields=(("text", "B"), ("actors", "C"), ("place", "D")),
        title=lambda s: _join(s.get_kind_display(), str(s.event) if s.event_id else s.document),
        url=lambda s: reverse("statements:list") + f"#statement-{s.slug}",
        snippet=lambda s: s.text,
    )
)

register(
    SearchKind(
        key="definition",
        label=_("Definition"),
        plural=_("Definitions"),
        order=70,
        queryset=lambda: Definition.objects.select_related("document"),
        fields=(("term", "A"), ("abbreviation", "A"), ("text", "B")),
        title=lambda d: d.term + (f" ({d.abbreviation})" if d.abbreviation else ""),
        url=lambda d: reverse("core:about") + f"#definition-{d.slug}",
        snippet=lambda d: d.text,
        context=lambda d: str(d.document),
    )
)
