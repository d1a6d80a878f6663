"""Public pages: the surveys and their results, computed beside the published figures."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from core.counts import count_of
from core.svg import svg_number
from gcm.models import Objective
from surveys.models import Invitation, Question, Response, Survey
from surveys.results import rounds_comparison, survey_results


class SurveyListView(ListView):
    template_name = "surveys/survey_list.html"
    context_object_name = "surveys"

    def get_queryset(self):
        return (
            Survey.objects.select_related("meeting")
            .prefetch_related("sources")
            .annotate(
                approached_count=count_of(Invitation.objects.all(), "survey"),
                respondent_count=count_of(
                    Response.objects.filter(status=Response.Status.SUBMITTED), "survey"
                ),
                question_count=count_of(Question.objects.all(), "survey"),
            )
        )


WRITTEN_LISTED = 50


WRITTEN_LISTED = 50


class SurveyDetailView(DetailView):
    """Per question the computed result; per published figure the recomputation and the gap."""

    template_name = "surveys/survey_detail.html"
    context_object_name = "survey"

    def get_queryset(self):
        return Survey.objects.select_related("meeting").prefetch_related("sources")

    def get_context_data(self, **kwargs):
        from core.templatetags.citations import Citations, notes_by_code
        from sources.models import Document

        context = super().get_context_data(**kwargs)
        context.update(
            citations=Citations(),
            notes_by_code=notes_by_code(Document.objects.notes()),
            # Small at any size: a question's first WRITTEN_LISTED written answers.
            written_listed=WRITTEN_LISTED,
            written_listed_slice=f":{WRITTEN_LISTED}",
        )
        results = survey_results(self.object)
        # Each figure shows its sources: one query for all of them, into lists (a plain
        # prefetch builds a queryset per figure to hold them).
        prefetch_related_objects(
            [c.figure for c in results.figures],
            Prefetch("sources", queryset=Document.objects.all(), to_attr="source_list"),
        )
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
            questions.append(
                {
                    "result": result,
                    "rows": [(cc, by_choice.get(cc.choice.pk)) for cc in result.choices],
                    "rows_published": [
                        (cc, by_choice[cc.choice.pk])
                        for cc in result.choices
                        if cc.choice.pk in by_choice
                    ],
                    "other_figures": [c for c in figures if not c.figure.choice_id],
                }
            )
        numbers = dict(Objective.objects.values_list("pk", "number"))
        # Objectives worked on: computed from a question whose options are objectives when
        # the answers are stored per mechanism; otherwise the counts the report published
        # (004 gives them only in aggregate).
        for result in results.questions:
            if any(cc.choice.objective_id for cc in result.choices):
                objectives_chart = _bar_chart(
                    [
                        (_short_label(numbers.get(cc.choice.objective_id, "?")), cc.count)
                        for cc in result.choices
                    ],
                    title=_("Responding mechanisms working on each GCM objective (computed)"),
                    question=result.question,
                )
                break
        if objectives_chart is None:
            per_objective = sorted(
                (
                    c.figure
                    for c in results.figures
                    if c.figure.objective_id and c.figure.unit == "count"
                ),
                key=lambda f: numbers.get(f.objective_id, 0),
            )
            if per_objective:
                objectives_chart = _bar_chart(
                    [(_short_label(numbers.get(f.objective_id)), f.value) for f in per_objective],
                    title=_("Mechanisms contributing to each GCM objective, as published"),
                    question=per_objective[0].question,
                    figures=per_objective,
                )
        context.update(
            results=results,
            questions=questions,
            loose_figures=loose_figures,
            percent_figures=[c for c in results.figures if c.figure.unit == "percent"],
            objectives_chart=objectives_chart,
            # Questions copied from an earlier round, beside that round's results.
            rounds=rounds_comparison(results),
        )
        return context


def _short_label(number) -> str:
    """An objective's label beside its bar (12 characters at most)."""
    # Translators: a GCM objective's number, abbreviated, in a bar chart's narrow margin.
    return _("Obj. %(number)s") % {"number": number}


def _bar_chart(items, *, title, question=None, figures=()):
    """Geometry for an inline SVG bar chart of (label, value) pairs; values also as text."""
    bar_height, gap, label_width, width = 18, 6, 60, 420
    top = max([value for _, value in items] or [0])
    scale = (width - label_width - 40) / float(top) if top else 0
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (bar_height + gap)
        length = round(float(value) * scale, 1)
        bars.append(
            {
                "y": y,
                "text_y": y + bar_height - 4,
                # SVG numbers as text: a float would print "213,3" on French pages (the
                # decimal comma of the reader's locale), which no browser draws.
                "width": svg_number(length),
                "value_x": svg_number(label_width + length + 4),
                "label": label[:12],
                "count": f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value}" else value,
            }
        )
    return {
        "title": title,
        "question": question,
        "figures": list(figures),
        "bars": bars,
        "height": len(bars) * (bar_height + gap),
        "width": width,
        "bar_height": bar_height,
        "label_width": label_width,
    }
