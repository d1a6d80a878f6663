"""The home page: what the registry is, counts by kind and region, ways in."""

from django.db.models import Count
from django.views.generic import TemplateView

from gcm.models import Objective
from mechanisms.models import Mechanism, MechanismKind, Region
from surveys.models import Survey


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_kind = dict(Mechanism.objects.order_by().values_list("kind").annotate(n=Count("pk")))
        regions = list(Region.objects.annotate(n=Count("mechanisms", distinct=True)))
        top = max([*by_kind.values(), *(r.n for r in regions), 1])
        for r in regions:
            r.share = 100 * r.n / top
        context.update(
            mechanism_count=sum(by_kind.values()),
            kinds=[
                (value, label, by_kind.get(value, 0), 100 * by_kind.get(value, 0) / top)
                for value, label in MechanismKind.choices
            ],
            kind_unknown=by_kind.get("", 0),
            regions=regions,
            objective_count=Objective.objects.count(),
            latest_survey=Survey.objects.order_by("-year", "slug").first(),
        )
        return context


class AboutView(TemplateView):
    """What the registry is, who curates it, how to cite it, and the notes' definitions."""

    template_name = "core/about.html"

    def get_context_data(self, **kwargs):
        from sources.models import Document
        from statements.models import Definition

        context = super().get_context_data(**kwargs)
        context.update(
            definitions=Definition.objects.select_related("document").order_by(
                "term_key", "document__date", "slug"
            ),
            notes=Document.objects.notes().order_by("seed_file"),
        )
        return context
