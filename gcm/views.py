"""Public pages: the GCM objectives and the compact texts with their referenced paragraphs."""

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.views.generic import DetailView, ListView, TemplateView

from core.counts import count_of
from core.text import Fold
from gcm.comparison import compare_wordings
from gcm.models import (
    EntryPoint,
    MechanismObjective,
    Objective,
    Reference,
    StakeholderEngagement,
)
from sources.models import Document
from surveys.models import Choice, PublishedFigure, Response

MAX_LISTED = 100
# The compact page: references listed (and compared) per text.
COMPACT_LISTED = 130
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
            .prefetch_related("sources", "mechanisms")
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
            previous=Objective.objects.filter(number=objective.number - 1).first(),
            next=Objective.objects.filter(number=objective.number + 1).first(),
        )
        return context


class CompactView(TemplateView):
    """The UN texts, their referenced paragraphs, and how each wording changed."""

    template_name = "gcm/compact.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        documents = list(
            Document.objects.texts()
            .prefetch_related("sources")
            .annotate(reference_total=count_of(Reference.objects.all(), "document"))
            .order_by("-date", "slug")
        )
        # Bounded at any size: the first COMPACT_LISTED references of each text (the notes
        # list about a hundred; the API has them all), in one query for all the texts.
        order = ("paragraph_number", "paragraph", "wording")
        listed = (
            Reference.objects.filter(document__in=documents)
            .alias(_row=Window(RowNumber(), partition_by=[F("document_id")], order_by=list(order)))
            .filter(_row__lte=COMPACT_LISTED)
            .select_related("objective")
            .prefetch_related("sources", "mechanisms")
            .order_by("document_id", *order)
        )
        by_document = {}
        for ref in listed:
            by_document.setdefault(ref.document_id, []).append(ref)
        for document in documents:
            document.listed_references = by_document.get(document.pk, [])
        by_slug = {d.slug: d for d in documents}
        comparisons, compared_partly = [], False
        if FINAL in by_slug and ZERO_DRAFT in by_slug:
            # The comparison reads the same references (a text with more says so).
            comparisons = compare_wordings(
                by_slug[ZERO_DRAFT].listed_references, by_slug[FINAL].listed_references
            )
            compared_partly = any(
                by_slug[slug].reference_total > COMPACT_LISTED for slug in (FINAL, ZERO_DRAFT)
            )
            # ISCMs first, then the other groups in the notes' order; stable within a group.
            order = {value: i for i, value in enumerate(Reference.Group.values)}
            comparisons.sort(key=lambda c: order.get(c.group, len(order)))
        context.update(
            documents=documents,
            final=by_slug.get(FINAL),
            zero_draft=by_slug.get(ZERO_DRAFT),
            comparisons=comparisons,
            compared_partly=compared_partly,
            compared=COMPACT_LISTED,
            group_labels=dict(Reference.Group.choices),
        )
        return context
