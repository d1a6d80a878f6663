"""The kinds of record the site search covers. Add one with a ``register(SearchKind(...))``.

``fields`` are (path, weight): A for names and titles, B for short texts, C–D for long
quotes. The first field is also the one small typos are forgiven on (PostgreSQL).
"""

from django.urls import reverse

from gcm.models import EntryPoint, Objective, Reference
from mechanisms.models import Mechanism, MechanismName, Organization, Region
from search.engine import Related, SearchKind, register
from sources.models import Document
from surveys.models import Answer, PublishedFigure, Response


def _join(*parts):
    return " · ".join(str(p) for p in parts if p)


register(
    SearchKind(
        key="mechanism",
        label="Mechanism",
        plural="Mechanisms",
        order=10,
        queryset=lambda: Mechanism.objects.all(),
        fields=(
            ("name", "A"),
            ("acronym", "A"),
            ("region_label", "B"),
            ("secretariat", "B"),
            ("description", "C"),
        ),
        related=(
            Related(
                queryset=lambda: MechanismName.objects.all(),
                parent="mechanism",
                fields=(("name", "A"), ("acronym", "A"), ("note", "C")),
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
        label="GCM objective",
        plural="GCM objectives",
        order=20,
        queryset=lambda: Objective.objects.all(),
        fields=(("title", "A"), ("short_title", "A"), ("number", "A")),
        title=str,
        url=lambda o: o.get_absolute_url(),
        snippet=lambda o: o.title,
    )
)

register(
    SearchKind(
        key="organization",
        label="Organisation",
        plural="Organisations",
        order=30,
        queryset=lambda: Organization.objects.prefetch_related("regions"),
        fields=(("name", "A"), ("acronym", "A"), ("description", "C")),
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
        label="Region",
        plural="Regions",
        order=35,
        queryset=lambda: Region.objects.all(),
        fields=(("name", "A"), ("planned_consultations", "C"), ("un_rc_cooperation", "D")),
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
        label="Paragraph or quote",
        plural="Paragraphs and quotes",
        order=40,
        queryset=lambda: Reference.objects.select_related("document", "objective"),
        fields=(("wording", "A"), ("heading", "B"), ("quote", "C"), ("note", "D")),
        title=lambda r: _join(
            r.document.short_title or r.document.title,
            f"§{r.paragraph}" if r.paragraph else "",
            f"“{r.wording}”",
        ),
        url=_reference_url,
        snippet=lambda r: r.quote or r.note or r.wording,
        context=lambda r: f"Objective {r.objective.number}" if r.objective_id else "",
    )
)

register(
    SearchKind(
        key="entry-point",
        label="Entry point",
        plural="Entry points",
        order=50,
        queryset=lambda: EntryPoint.objects.select_related("document", "objective"),
        fields=(("action", "A"), ("engagement", "B"), ("objective_label", "C")),
        title=lambda e: _join(
            f"Objective {e.objective.number}", e.get_level_display(), e.document.short_title
        ),
        url=lambda e: e.objective.get_absolute_url(),
        snippet=lambda e: f"{e.action} — {e.engagement}",
    )
)


def _published_answers():
    # Drafts are unfinished questionnaires: only submitted answers are public.
    return Answer.objects.filter(response__status=Response.Status.SUBMITTED).select_related(
        "question", "response__mechanism", "response__survey"
    )


register(
    SearchKind(
        key="answer",
        label="Survey answer",
        plural="Survey answers",
        order=60,
        queryset=_published_answers,
        fields=(("text", "B"), ("statement", "B")),
        title=lambda a: _join(
            a.response.mechanism.acronym or a.response.mechanism.name,
            a.response.survey.title,
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
        label="Published survey figure",
        plural="Published survey figures",
        order=65,
        queryset=lambda: PublishedFigure.objects.select_related("survey"),
        fields=(("label", "A"), ("statement", "B")),
        title=lambda f: _join(f.survey.title, f.label),
        url=lambda f: f.survey.get_absolute_url() + "#figures-heading",
        snippet=lambda f: f.statement,
    )
)

register(
    SearchKind(
        key="source",
        label="Source note or text",
        plural="Source notes and texts",
        order=90,
        queryset=lambda: Document.objects.all(),
        fields=(("title", "A"), ("short_title", "A"), ("symbol", "A"), ("description", "C")),
        title=lambda d: d.title,
        url=lambda d: d.get_absolute_url(),
        snippet=lambda d: d.description,
    )
)
