"""The coverage matrix: which mechanisms work on which GCM objectives, at a glance.

A heat-map table (rows: mechanisms, columns: the 23 objectives), filtered by kind and
region and paged like the directory, so it stays small at any number of mechanisms. Each
column's header cell is shaded by how many of the listed mechanisms work on it.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.views.generic import TemplateView

from core.text import Fold
from gcm.models import MechanismObjective, Objective
from mechanisms.models import Mechanism, MechanismKind, Region

PAGE_SIZE = 50


def level(n, top):
    """A shade 0–4 for a count, relative to the largest in view (0 only for none)."""
    if not n or not top:
        return 0
    return min(4, 1 + (3 * n) // top)


class CoverageView(TemplateView):
    template_name = "mechanisms/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        regions = list(Region.objects.only("slug", "name"))
        kind = params.get("kind", "")
        kind = kind if kind in MechanismKind.values else ""
        region = params.get("region", "")
        region = region if region in {r.slug for r in regions} else ""
        mechanisms = Mechanism.objects.all()
        if kind:
            mechanisms = mechanisms.filter(kind=kind)
        if region:
            mechanisms = mechanisms.filter(regions__slug=region)
        mechanisms = mechanisms.annotate(
            objective_count=Count("objective_links", distinct=True)
        ).order_by(Fold("name").asc(), "slug")
        page = Paginator(mechanisms.only("slug", "name", "acronym", "kind"), PAGE_SIZE).get_page(
            params.get("page")
        )
        rows = list(page.object_list)
        links = set(
            MechanismObjective.objects.filter(mechanism__in=[m.pk for m in rows]).values_list(
                "mechanism_id", "objective__number"
            )
        )
        objectives = list(Objective.objects.only("number", "title"))
        # Column totals over every mechanism the filters select, not only this page.
        per_objective = dict(
            MechanismObjective.objects.filter(mechanism__in=mechanisms.values("pk"))
            .values_list("objective__number")
            .annotate(n=Count("mechanism", distinct=True))
            .order_by()
        )
        top = max(per_objective.values(), default=0)
        context.update(
            page=page,
            kind=kind,
            region=region,
            kinds=MechanismKind.choices,
            regions=regions,
            columns=[
                {
                    "objective": o,
                    "count": per_objective.get(o.number, 0),
                    "level": level(per_objective.get(o.number, 0), top),
                }
                for o in objectives
            ],
            rows=[
                {
                    "mechanism": m,
                    "cells": [(o, (m.pk, o.number) in links) for o in objectives],
                }
                for m in rows
            ],
        )
        return context
