"""The app's URLs plus "floor" views: the same rows as the API endpoints the benchmark hits,
read with ``.values()`` and returned through ``JsonResponse`` with no framework in between.

Each floor reads what the API endpoint shows (count, page of rows, many-to-many keys, nested
lists of the detail, per-question counts of results), so api/floor measures what DRF,
filters and serializers cost on top of the database work.
"""

import os
from collections import defaultdict
from pathlib import Path

from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import path

from gcm.models import MechanismObjective, Reference
from iscm_registry.urls import urlpatterns as app_urlpatterns
from mechanisms.models import Mechanism, MechanismName, Participation
from surveys.models import Answer, Choice, Question, Response, Survey


def _page_size(request, default):
    return min(int(request.GET.get("page_size", default)), 500)


def _m2m(field, ids, key):
    """``{owner id: [related key, ...]}`` for one many-to-many field, in one query."""
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    found = defaultdict(list)
    rows = through.objects.filter(**{f"{source}_id__in": ids}).values_list(
        f"{source}_id", f"{target}__{key}"
    )
    for owner, value in rows:
        found[owner].append(value)
    return found


MECHANISM_FIELDS = [
    "id",
    "slug",
    "acronym",
    "name",
    "kind",
    "status",
    "region_label",
    "secretariat",
    "secretariat_organization__slug",
    "year_established",
    "website",
]


def _mechanism_rows(queryset):
    rows = list(queryset.values(*MECHANISM_FIELDS))
    ids = [r["id"] for r in rows]
    regions = _m2m(Mechanism._meta.get_field("regions"), ids, "slug")
    sources = _m2m(Mechanism._meta.get_field("sources"), ids, "slug")
    names = defaultdict(list)
    for mechanism, name, acronym in MechanismName.objects.filter(mechanism_id__in=ids).values_list(
        "mechanism_id", "name", "acronym"
    ):
        names[mechanism] += [a for a in (name, acronym) if a]
    objectives = defaultdict(list)
    for mechanism, number in MechanismObjective.objects.filter(mechanism_id__in=ids).values_list(
        "mechanism_id", "objective__number"
    ):
        objectives[mechanism].append(number)
    for r in rows:
        pk = r.pop("id")
        r.update(
            regions=regions[pk],
            sources=sources[pk],
            aliases=names[pk],
            objectives=sorted(objectives[pk]),
        )
    return rows


def mechanisms(request):
    queryset = Mechanism.objects.order_by("name")
    size = _page_size(request, 50)
    return JsonResponse({"count": queryset.count(), "results": _mechanism_rows(queryset[:size])})


def mechanism(request, slug):
    rows = _mechanism_rows(Mechanism.objects.filter(slug=slug))
    if not rows:
        raise Http404
    row = rows[0]
    mechanism_id = Mechanism.objects.values_list("id", flat=True).get(slug=slug)
    row["partners"] = list(
        Mechanism.partners.through.objects.filter(mechanism_id=mechanism_id).values_list(
            "organization__slug", flat=True
        )
    )
    row["names"] = list(
        MechanismName.objects.filter(mechanism_id=mechanism_id).values(
            "name", "acronym", "kind", "note"
        )
    )
    row["objective_links"] = list(
        MechanismObjective.objects.filter(mechanism_id=mechanism_id).values(
            "objective__number", "objective__title", "statement"
        )
    )
    row["references"] = list(
        Reference.objects.filter(mechanisms=mechanism_id).values(
            "id", "document__slug", "paragraph", "wording", "group", "objective__number"
        )
    )
    row["responses"] = list(
        Response.objects.filter(mechanism_id=mechanism_id).values(
            "id", "survey__slug", "status", "submitted_at"
        )
    )
    row["participations"] = list(
        Participation.objects.filter(mechanism_id=mechanism_id).values(
            "meeting__number", "meeting__year", "role"
        )
    )
    return JsonResponse(row)


def references(request):
    # The API's order (Reference.Meta.ordering) by document_id: "document" would sort by
    # Document's own ordering through a join (measured 70-100 ms at scale 1 instead of 3 ms);
    # with the document filter the rows are the same.
    queryset = Reference.objects.order_by("document_id", "paragraph_number", "paragraph", "wording")
    if document := request.GET.get("document"):
        queryset = queryset.filter(document__slug=document)
    size = _page_size(request, 50)
    rows = list(
        queryset[:size].values(
            "id",
            "document__slug",
            "paragraph",
            "wording",
            "group",
            "heading",
            "quote",
            "note",
            "objective__number",
        )
    )
    ids = [r["id"] for r in rows]
    named = _m2m(Reference._meta.get_field("mechanisms"), ids, "slug")
    sources = _m2m(Reference._meta.get_field("sources"), ids, "slug")
    for r in rows:
        r.update(mechanisms=named[r["id"]], sources=sources[r["id"]])
    return JsonResponse({"count": queryset.count(), "results": rows})


def survey_results(request, slug):
    survey = Survey.objects.filter(slug=slug).values("id", "slug", "title").first()
    if survey is None:
        raise Http404
    submitted = Q(response__survey_id=survey["id"], response__status="submitted")
    respondents = Response.objects.filter(survey_id=survey["id"], status="submitted").count()
    answered = dict(
        Answer.objects.filter(submitted)
        .values("question_id")
        .annotate(n=Count("id"))
        .values_list("question_id", "n")
    )
    chosen = dict(
        Choice.objects.filter(question__survey_id=survey["id"])
        .annotate(
            n=Count(
                "answers",
                filter=Q(answers__response__status="submitted"),
            )
        )
        .values_list("id", "n")
    )
    choices = defaultdict(list)
    for c in Choice.objects.filter(question__survey_id=survey["id"]).values(
        "id", "question_id", "label", "position"
    ):
        c["count"] = chosen.get(c["id"], 0)
        choices[c["question_id"]].append(c)
    texts = defaultdict(list)
    for question, mechanism, text in (
        Answer.objects.filter(submitted)
        .exclude(text="")
        .values_list("question_id", "response__mechanism__slug", "text")
    ):
        texts[question].append([mechanism, text])
    questions = []
    for q in Question.objects.filter(survey_id=survey["id"]).values("id", "number", "text", "kind"):
        n = answered.get(q["id"], 0)
        questions.append(
            {
                **q,
                "answered": n,
                "not_stated": respondents - n,
                "choices": choices[q["id"]],
                "texts": texts[q["id"]],
            }
        )
    return JsonResponse({"survey": survey, "respondents": respondents, "questions": questions})


_limits: dict[str, tuple[bytes, str]] = {}


def limit(request, name):
    """ "The limit" (bench/pages.py): a page's bytes, saved by the benchmark from the page
    itself, returned by a bare view through the same middleware (never cached: it stands
    for the page rendered at no cost, not for the cache)."""
    if name not in _limits:
        base = Path(os.environ["BENCH_LIMIT_DIR"]) / name
        try:
            _limits[name] = (
                base.with_suffix(".body").read_bytes(),
                base.with_suffix(".type").read_text(),
            )
        except FileNotFoundError as missing:
            raise Http404 from missing
    body, content_type = _limits[name]
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "no-cache"
    return response


urlpatterns = [
    path("limit/<slug:name>", limit),
    path("floor/mechanisms/", mechanisms),
    path("floor/mechanisms/<slug:slug>/", mechanism),
    path("floor/references/", references),
    path("floor/surveys/<slug:slug>/results/", survey_results),
    # The app's own patterns, added rather than include()d: they are i18n_patterns, which
    # Django allows only in a root URLconf.
    *app_urlpatterns,
]
