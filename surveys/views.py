"""Public pages: the surveys and their results, computed beside the published figures."""

from django.db.models import Count, Q, prefetch_related_objects
from django.views.generic import DetailView, ListView

from gcm.models import Objective
from surveys.models import Response, Survey
from surveys.results import survey_results


class SurveyListView(ListView):
    template_name = "surveys/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self):
        return (
            Survey.objects.select_related("meeting")
            .prefetch_related("sources")
            .annotate(
                approached_count=Count("invitations", distinct=True),
                respondent_count=Count(
                    "responses",
                    filter=Q(responses__status=Response.Status.SUBMITTED),
                    distinct=True,
                ),
                question_count=Count("questions", distinct=True),
            )
        )


class SurveyDetailView(DetailView):
    """Per question the computed result; per published figure the recomputation and the gap."""

    template_name = "surveys/survey_detail.html"
    context_object_name = "survey"

    def get_queryset(self):
        return Survey.objects.select_related("meeting").prefetch_related("sources")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        results = survey_results(self.object)
        # Each figure shows its sources: one query for all of them.
        prefetch_related_objects([c.figure for c in results.figures], "sources")
        figures_by_question = {}
        loose_figures = []
        for comparison in results.figures:
            if comparison.figure.question_id:
                figures_by_question.setdefault(comparison.figure.question_id, []).append(comparison)
            else:
                loose_figures.append(comparison)
        questions = []
        objectives_chart = None
        for result in results.questions:
            figures = figures_by_question.get(result.question.pk, [])
            by_choice = {c.figure.choice_id: c for c in figures if c.figure.choice_id}
            rows = [(cc, by_choice.get(cc.choice.pk)) for cc in result.choices]
            top = max([cc.count for cc in result.choices] or [0])
            questions.append(
                {
                    "result": result,
                    "rows": rows,
                    "max_count": top,
                    "other_figures": [c for c in figures if not c.figure.choice_id],
                }
            )
            if objectives_chart is None and any(cc.choice.objective_id for cc in result.choices):
                # One query for the objective numbers rather than one per choice.
                numbers = dict(Objective.objects.values_list("pk", "number"))
                objectives_chart = _bar_chart(result, top, numbers)
        context.update(
            results=results,
            questions=questions,
            loose_figures=loose_figures,
            percent_figures=[c for c in results.figures if c.figure.unit == "percent"],
            objectives_chart=objectives_chart,
        )
        return context


def _bar_chart(result, top, objective_numbers):
    """Geometry for an inline SVG bar chart of one question's choices (objectives)."""
    bar_height, gap, label_width, width = 18, 6, 60, 420
    scale = (width - label_width - 40) / top if top else 0
    bars = []
    for index, cc in enumerate(result.choices):
        y = index * (bar_height + gap)
        number = objective_numbers.get(cc.choice.objective_id)
        label = f"Obj. {number}" if number else cc.choice.label
        bars.append(
            {
                "y": y,
                "text_y": y + bar_height - 4,
                "width": round(cc.count * scale, 1),
                "value_x": label_width + round(cc.count * scale, 1) + 4,
                "label": label[:12],
                "count": cc.count,
                "choice": cc.choice,
            }
        )
    return {
        "question": result.question,
        "bars": bars,
        "height": len(bars) * (bar_height + gap),
        "width": width,
        "bar_height": bar_height,
        "label_width": label_width,
    }
