"""Public pages: the GCM objectives and the compact texts with their referenced paragraphs."""

from django.db.models import Count, Prefetch, Q
from django.views.generic import DetailView, ListView, TemplateView

from core.counts import count_of
from core.templatetags.citations import Citations
from core.text import Fold
from gcm.comparison import compare_wordings, prefetch_mechanism_ids
from gcm.models import (
    EntryPoint,
    MechanismObjective,
    Objective,
    Reference,
    StakeholderEngagement,
)
from mechanisms.models import Mechanism
from sources.models import Document
from surveys.models import Choice, PublishedFigure, Response

MAX_LISTED = 100
FINAL = "gcm-final"
ZERO_DRAFT = "gcm-zero-draft-rev1"


def gcm_texts() -> dict[str, Document]:
    """The final GCM and Zero draft Rev 1, by slug (either may be missing on a bare DB)."""
    return {d.slug: d for d in Document.objects.filter(slug__in=[FINAL, ZERO_DRAFT])}


class ObjectiveListView(ListView):
    template_name = "gcm/objective_list.html"
    context_object_name = "objectives"

    def get_queryset(self):
        return Objective.objects.annotate(
            mechanism_count=count_of(MechanismObjective.objects.all(), "objective"),
            reference_count=count_of(Reference.objects.all(), "objective"),
        ).prefetch_related("sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        texts = gcm_texts()
        final, zero_draft = texts.get(FINAL), texts.get(ZERO_DRAFT)
        for objective in context["objectives"]:
            objective.final_paragraph = objective.paragraph_in(final) if final else None
            objective.draft_paragraph = objective.paragraph_in(zero_draft) if zero_draft else None
        context.update(final=final, zero_draft=zero_draft)
        return context


class ObjectiveDetailView(DetailView):
    """An objective: its paragraphs in both texts, entry points, references, who engages."""

    template_name = "gcm/objective_detail.html"
    context_object_name = "objective"
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_queryset(self):
        return Objective.objects.prefetch_related("sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objective = self.object
        texts = gcm_texts()
        documents = [d for d in (texts.get(FINAL), texts.get(ZERO_DRAFT)) if d is not None]

        entry_points = list(
            EntryPoint.objects.filter(objective=objective)
            .select_related("document")
            .prefetch_related("sources")
        )
        # Bounded at any size: the first MAX_LISTED of each list, with the total and a way
        # to all of them (the directory, the API).
        references = list(
            Reference.objects.filter(objective=objective)
            .select_related("document")
            # Into lists: a plain prefetch builds two querysets per reference to hold them.
            .prefetch_related(
                Prefetch("sources", queryset=Document.objects.all(), to_attr="source_list"),
                Prefetch("mechanisms", queryset=Mechanism.objects.all(), to_attr="mechanism_list"),
            )
            .order_by("-document__date", "paragraph_number", "paragraph", "wording")[:MAX_LISTED]
        )
        reference_total = (
            len(references)
            if len(references) < MAX_LISTED
            else Reference.objects.filter(objective=objective).count()
        )
        mechanism_links = list(
            MechanismObjective.objects.filter(objective=objective)
            .select_related("mechanism")
            .prefetch_related("sources")
            .order_by(Fold("mechanism__name").asc(), "mechanism__slug")[:MAX_LISTED]
        )
        mechanism_total = (
            len(mechanism_links)
            if len(mechanism_links) < MAX_LISTED
            else MechanismObjective.objects.filter(objective=objective).count()
        )
        per_text = []
        for document in documents:
            per_text.append(
                {
                    "document": document,
                    "paragraph": objective.paragraph_in(document),
                    # Regional level first, as the notes' tables read.
                    "entry_points": sorted(
                        (e for e in entry_points if e.document_id == document.pk),
                        key=lambda e: e.level != EntryPoint.Level.REGIONAL,
                    ),
                    "references": [r for r in references if r.document_id == document.pk],
                }
            )
        other_refs = [r for r in references if r.document_id not in {d.pk for d in documents}]

        # The objectives before and after, in one query.
        around = [objective.number - 1, objective.number + 1]
        neighbours = {o.number: o for o in Objective.objects.filter(number__in=around)}
        submitted = Q(answers__response__status=Response.Status.SUBMITTED)
        context.update(
            texts=per_text,
            other_references=other_refs,
            stakeholders=StakeholderEngagement.objects.filter(objectives=objective)
            .select_related("document")
            .prefetch_related("sources")
            .order_by("-document__date", "group"),
            mechanism_links=mechanism_links,
            mechanism_total=mechanism_total,
            reference_total=reference_total,
            references_shown=len(references),
            survey_choices=Choice.objects.filter(objective=objective)
            .select_related("question__survey")
            .annotate(count=Count("answers", filter=submitted, distinct=True))
            .order_by("-question__survey__year", "question__number"),
            published_figures=PublishedFigure.objects.filter(objective=objective)
            .select_related("survey")
            .prefetch_related("sources")
            .order_by("-survey__year", "key"),
            previous=neighbours.get(objective.number - 1),
            next=neighbours.get(objective.number + 1),
        )
        return context


# One text's paragraphs come this many references a page (a phone scrolls ~12,000 px).
COMPACT_PAGE_SIZE = 40
# The comparison is of the two IPD notes' annexes: references citing these notes.
COMPARED_NOTES = ["iom-note-zero-draft-rev1", "iom-note-final-gcm"]


def paragraph_anchor(paragraph: str) -> str:
    return "p-" + "".join(ch for ch in (paragraph or "none") if ch.isalnum())


def group_by_paragraph(references):
    """[{paragraph, anchor, objective, quotes: [{quote, refs}]}]: each quote once per
    paragraph, with the wordings (and their mechanisms) it is quoted for."""
    paragraphs = []
    for ref in references:
        if not paragraphs or paragraphs[-1]["paragraph"] != ref.paragraph:
            paragraphs.append(
                {
                    "paragraph": ref.paragraph,
                    "anchor": paragraph_anchor(ref.paragraph),
                    "objective": ref.objective,
                    "quotes": [],
                }
            )
        quotes = paragraphs[-1]["quotes"]
        text = ref.quote or ref.note
        for entry in quotes:
            if entry["quote"] == text:
                entry["refs"].append(ref)
                break
        else:
            quotes.append({"quote": text, "refs": [ref]})
    return paragraphs


class CompactView(TemplateView):
    """The UN texts and how each wording changed; ``?document=`` lists one text's paragraphs.

    The overview is small at any size (the comparison covers the two IPD notes' annexes, the
    texts are listed with counts); a text's paragraphs come a page at a time, each
    paragraph with an anchor (``#p-47``) that the comparison table links to.
    """

    template_name = "gcm/compact.html"

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        documents = list(
            Document.objects.texts()
            .annotate(reference_count=count_of(Reference.objects.all(), "document"))
            .prefetch_related("sources")
            .order_by("-date", "slug")
        )
        by_slug = {d.slug: d for d in documents}
        wanted = self.request.GET.get("document", "")
        document = by_slug.get(wanted)
        context.update(
            documents=documents,
            document=document,
            unknown_document=wanted if wanted and document is None else "",
            group_labels=dict(Reference.Group.choices),
        )
        if document is not None:
            references = (
                Reference.objects.filter(document=document)
                .select_related("objective")
                .prefetch_related("sources", "mechanisms")
                .order_by("paragraph_number", "paragraph", "wording", "pk")
            )
            page = Paginator(references, COMPACT_PAGE_SIZE).get_page(self.request.GET.get("page"))
            context.update(
                page=page,
                paragraphs=group_by_paragraph(page.object_list),
                citations=Citations(),
            )
            return context
        comparisons = []
        if FINAL in by_slug and ZERO_DRAFT in by_slug:
            compared = (
                Reference.objects.filter(sources__slug__in=COMPARED_NOTES)
                .distinct()
                .prefetch_related(prefetch_mechanism_ids())
                .order_by("paragraph_number", "paragraph", "wording", "pk")
            )
            refs = list(compared.filter(document__slug__in=[FINAL, ZERO_DRAFT]))
            comparisons = compare_wordings(
                [r for r in refs if r.document_id == by_slug[ZERO_DRAFT].pk],
                [r for r in refs if r.document_id == by_slug[FINAL].pk],
            )
            # ISCMs first, then the other groups in the notes' order; stable within a group.
            order = {value: i for i, value in enumerate(Reference.Group.values)}
            comparisons.sort(key=lambda c: order.get(c.group, len(order)))
        context.update(
            final=by_slug.get(FINAL),
            zero_draft=by_slug.get(ZERO_DRAFT),
            comparisons=comparisons,
            pages_of=self.paragraph_pages([by_slug.get(ZERO_DRAFT), by_slug.get(FINAL)]),
        )
        return context

    @staticmethod
    def paragraph_pages(documents) -> dict:
        """{document slug: {paragraph: page}}: where each paragraph's list starts."""
        pages = {}
        for document in documents:
            if document is None:
                continue
            # A text's list is ordered by paragraph first, so each paragraph's rows are
            # contiguous: it starts after the rows of the paragraphs before it. Counted per
            # paragraph in the database (reading every row's paragraph took 0.36 s for the
            # final GCM at scale 1).
            per_paragraph = (
                Reference.objects.filter(document=document)
                .order_by("paragraph_number", "paragraph")
                .values_list("paragraph")
                .annotate(rows=Count("pk"))
                .values_list("paragraph", "rows")
            )
            first, before = {}, 0
            for paragraph, rows in per_paragraph:
                first.setdefault(paragraph, before // COMPACT_PAGE_SIZE + 1)
                before += rows
            pages[document.slug] = first
        return pages
