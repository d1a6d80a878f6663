"""Public pages: the documents, above all the IOM notes every fact cites, and what each gave."""

from django.apps import apps
from django.db.models import Count, IntegerField, Value
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from sources.models import Document, Sourced
from sources.notes import note_path


def cited_models():
    """Every concrete model with a ``sources`` M2M to Document (the ``Sourced`` ones)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Sourced) and model._meta.get_field("sources").remote_field
    ]


def counts_by_document(document_ids=None) -> dict[int, list[tuple[str, int]]]:
    """{document id: [(model's plural name, records citing it), ...]} in one query.

    Each model's M2M through table is counted by document and the counts are joined with
    UNION ALL, so the number of queries stays one however many kinds of record cite notes.
    """
    models = cited_models()
    parts = []
    for index, model in enumerate(models):
        through = model._meta.get_field("sources").remote_field.through
        rows = through.objects.values("document_id").annotate(
            n=Count("pk"), kind=Value(index, output_field=IntegerField())
        )
        if document_ids is not None:
            rows = rows.filter(document_id__in=document_ids)
        parts.append(rows.order_by())
    counts: dict[int, list[tuple[str, int]]] = {}
    if not parts:
        return counts
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for row in sorted(rows, key=lambda r: (r["document_id"], r["kind"])):
        label = models[row["kind"]]._meta.verbose_name_plural
        counts.setdefault(row["document_id"], []).append((label, row["n"]))
    return counts


class SourceListView(ListView):
    template_name = "sources/source_list.html"
    context_object_name = "documents"

    def get_queryset(self):
        return Document.objects.prefetch_related("sources").order_by("kind", "seed_file", "date")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = counts_by_document()
        documents = list(context["documents"])
        for document in documents:
            document.cited_counts = counts.get(document.pk, [])
            document.cited_total = sum(n for _, n in document.cited_counts)
        context["notes"] = [d for d in documents if d.kind == Document.Kind.IOM_NOTE]
        context["texts"] = [d for d in documents if d.kind != Document.Kind.IOM_NOTE]
        return context


class SourceDetailView(DetailView):
    """A document: for an IOM note, what came from it; for a UN text, where it is used."""

    template_name = "sources/source_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return Document.objects.prefetch_related("sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        counts = counts_by_document([document.pk]).get(document.pk, [])
        context.update(
            cited_counts=counts,
            cited_total=sum(n for _, n in counts),
            mechanisms=document.cited_mechanisms_mechanism.order_by("name").only(
                "slug", "name", "acronym"
            ),
            described_texts=document.cited_sources_document.order_by("date"),
            reference_count=document.references.count(),
            entry_point_count=document.entry_points.count(),
        )
        return context


def note_text(request, slug):
    """An IOM note's plain-text copy, as the registry holds it, for readers to check a fact."""
    document = get_object_or_404(Document.objects.only("seed_file"), slug=slug)
    path = note_path(document.seed_file)
    if path is None:
        raise Http404("This document has no plain-text copy in the registry.")
    response = HttpResponse(path.read_bytes(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{document.seed_file}"'
    return response
