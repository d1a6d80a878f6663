"""Statements (recommendations, outcomes, ...) browsable by objective and by mechanism."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from core.templatetags.citations import Citations
from gcm.models import Objective
from mechanisms.models import Mechanism
from statements.models import Statement, StatementKind

PAGE_SIZE = 50


class StatementListView(TemplateView):
    template_name = "statements/statement_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        statements = Statement.objects.select_related(
            "document", "event__meeting"
        ).prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.only("number", "title")),
            Prefetch("mechanisms", queryset=Mechanism.objects.only("slug", "name", "acronym")),
            "sources",
        )
        problems = []
        objective = mechanism = None
        if raw := params.get("objective"):
            objective = Objective.objects.filter(number=raw).first() if raw.isdigit() else None
            if objective is None:
                problems.append(
                    _("Objective “%(value)s” is not one of the 23; ignored.") % {"value": raw[:40]}
                )
            else:
                statements = statements.filter(objectives=objective)
        if raw := params.get("mechanism"):
            mechanism = Mechanism.objects.filter(slug=raw[:80]).first()
            if mechanism is None:
                problems.append(
                    _("Mechanism “%(value)s” is not in the registry; ignored.")
                    % {"value": raw[:40]}
                )
            else:
                statements = statements.filter(mechanisms=mechanism)
        kind = params.get("kind", "")
        if kind:
            if kind in StatementKind.values:
                statements = statements.filter(kind=kind)
            else:
                problems.append(
                    _("Kind “%(value)s” is not a kind of statement; ignored.")
                    % {"value": kind[:40]}
                )
                kind = ""
        page = Paginator(
            statements.order_by("kind", "document_id", "place", "position", "slug"), PAGE_SIZE
        ).get_page(params.get("page"))
        context.update(
            citations=Citations(),
            page=page,
            statements=page.object_list,
            problems=problems,
            objective=objective,
            mechanism=mechanism,
            kind=kind,
            kinds=StatementKind.choices,
            by_objective=Objective.objects.annotate(n=Count("statements")).filter(n__gt=0),
            by_mechanism=Mechanism.objects.annotate(n=Count("statements"))
            .filter(n__gt=0)
            .order_by("name"),
        )
        return context
