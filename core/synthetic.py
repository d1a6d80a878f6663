"""Synthetic but valid data at scale, for benchmarks and query-count checks.

At scale 1: 10,000 mechanisms, 100,000 references and 50,000 answers, with what they need
(an IOM note to cite, texts, surveys, questions, choices, responses, invitations) and the
links a real record has (regions, objectives, sources, mechanisms named by references).

Every synthetic row is marked: slugs start with ``synthetic-``, names, titles and wordings
with ``[synthetic]``. Half the references point into the seeded final GCM so that filters
on real documents meet real volumes; the seeded rows themselves are never written to, and
``clear()`` removes exactly the marked rows and their links. Rows are written with
``bulk_create`` in batches, so no history rows are written for them.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models import Q

from gcm.models import MechanismObjective, Objective, Reference
from mechanisms.models import Mechanism, MechanismName, Participation, Region
from sources.models import Document
from surveys.models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    Question,
    Response,
    Survey,
)

SLUG_PREFIX = "synthetic-"
NAME_PREFIX = "[synthetic]"
MECHANISMS_AT_SCALE_1 = 10_000
REFERENCES_AT_SCALE_1 = 100_000
ANSWERS_AT_SCALE_1 = 50_000
SURVEYS = 5
QUESTIONS_PER_SURVEY = 10
CHOICES_PER_QUESTION = 4
SYNTHETIC_TEXTS = 3
# Question kinds in questionnaire order: choice questions dominate, as in the 2021 survey.
QUESTION_KINDS = ["single", "multiple", "single", "text", "multiple"]
GCM_FINAL = "gcm-final"
_WORDS = [
    "regional",
    "dialogue",
    "cooperation",
    "migration",
    "governance",
    "labour",
    "mobility",
    "data",
    "return",
    "reintegration",
    "border",
    "management",
    "consular",
    "protection",
    "capacity",
    "building",
    "review",
    "forum",
]


@dataclass
class Plan:
    """How many rows of each kind to make."""

    mechanisms: int
    references: int
    answers: int
    surveys: int = field(init=False)
    responses: int = field(init=False)

    def __post_init__(self):
        if self.mechanisms < 1:
            raise ValueError("At least one mechanism is needed.")
        self.responses = math.ceil(self.answers / QUESTIONS_PER_SURVEY)
        self.surveys = max(1, min(SURVEYS, self.responses))
        if math.ceil(self.responses / self.surveys) > self.mechanisms:
            raise ValueError(
                f"{self.answers} answers need more than {self.mechanisms} mechanisms "
                "(one response per mechanism per survey)."
            )

    @classmethod
    def at_scale(cls, scale: float) -> Plan:
        if scale <= 0:
            raise ValueError("The scale must be positive.")
        return cls(
            mechanisms=max(1, round(MECHANISMS_AT_SCALE_1 * scale)),
            references=round(REFERENCES_AT_SCALE_1 * scale),
            answers=round(ANSWERS_AT_SCALE_1 * scale),
        )

    @classmethod
    def for_mechanisms(cls, mechanisms: int) -> Plan:
        return cls.at_scale(mechanisms / MECHANISMS_AT_SCALE_1)


# --- Which rows are synthetic ----------------------------------------------------------


def _synthetic_querysets() -> list[models.QuerySet]:
    """Every synthetic row, in an order that deletes dependants before what they point to."""
    mechanisms = Mechanism.objects.filter(slug__startswith=SLUG_PREFIX)
    surveys = Survey.objects.filter(slug__startswith=SLUG_PREFIX)
    documents = Document.objects.filter(slug__startswith=SLUG_PREFIX)
    responses = Response.objects.filter(Q(survey__in=surveys) | Q(mechanism__in=mechanisms))
    questions = Question.objects.filter(survey__in=surveys)
    return [
        Answer.objects.filter(Q(response__in=responses) | Q(question__in=questions)),
        responses,
        Invitation.objects.filter(Q(survey__in=surveys) | Q(mechanism__in=mechanisms)),
        PublishedFigure.objects.filter(survey__in=surveys),
        Choice.objects.filter(question__in=questions),
        questions,
        surveys,
        Reference.objects.filter(Q(wording__startswith=NAME_PREFIX) | Q(document__in=documents)),
        MechanismObjective.objects.filter(mechanism__in=mechanisms),
        MechanismName.objects.filter(mechanism__in=mechanisms),
        Participation.objects.filter(mechanism__in=mechanisms),
        mechanisms,
        documents,
    ]


def synthetic_counts() -> dict[str, int]:
    counts = {}
    for queryset in _synthetic_querysets():
        count = queryset.count()
        if count:
            counts[queryset.model._meta.verbose_name_plural] = count
    return counts


def _m2m_throughs(model):
    """(through model, column naming ``model``) for each auto-created m2m table touching it."""
    for f in model._meta.get_fields(include_hidden=True):
        if f.many_to_many and f.concrete and f.remote_field.through._meta.auto_created:
            yield f.remote_field.through, f.m2m_field_name()
        elif f.many_to_many and not f.concrete:  # the reverse side of another model's m2m
            through = f.field.remote_field.through
            if through._meta.auto_created:
                yield through, f.field.m2m_reverse_field_name()


@transaction.atomic
def clear() -> dict[str, int]:
    """Delete every synthetic row and its links; seeded and edited rows stay untouched.

    Raw deletes: Django's collector would load each row and write a "deleted" history
    row for each of the hundreds of thousands of synthetic ones.
    """
    deleted = {}
    for queryset in _synthetic_querysets():
        pks = queryset.values("pk")
        for through, column in _m2m_throughs(queryset.model):
            through._base_manager.filter(**{f"{column}__in": pks})._raw_delete(connection.alias)
        count = queryset.model._base_manager.filter(pk__in=pks)._raw_delete(connection.alias)
        if count:
            deleted[queryset.model._meta.verbose_name_plural] = count
    return deleted


# --- Making rows -----------------------------------------------------------------------


class _Writer:
    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.counts: dict[str, int] = {}

    def create(self, model, objs: list) -> list:
        created = model._base_manager.bulk_create(objs, batch_size=self.batch_size)
        label = model._meta.verbose_name_plural
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def link(self, field, pairs) -> None:
        """Bulk-insert m2m rows: ``pairs`` of (owner pk, target pk)."""
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        rows = [through(**{source: a, target: b}) for a, b in pairs]
        through._base_manager.bulk_create(rows, batch_size=self.batch_size)


def _text(rng: random.Random, words: int) -> str:
    return f"{NAME_PREFIX} " + " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def _sources_field(model):
    return model._meta.get_field("sources")


@transaction.atomic
def synthesize(plan: Plan, *, batch_size: int = 5000, seed: int = 2026) -> dict[str, int]:
    """Write the plan's synthetic rows; refuse if synthetic rows are already there."""
    if synthetic_counts():
        raise ValueError("The database already holds synthetic rows; clear them first.")
    rng = random.Random(seed)  # noqa: S311 (reproducible filler, not secrets)
    out = _Writer(batch_size)

    note, *texts = out.create(
        Document,
        [
            Document(
                slug=f"{SLUG_PREFIX}note",
                title=f"{NAME_PREFIX} IOM note citing synthetic data",
                kind=Document.Kind.IOM_NOTE,
            )
        ]
        + [
            Document(
                slug=f"{SLUG_PREFIX}text-{i}",
                title=f"{NAME_PREFIX} Text {i}",
                kind=Document.Kind.DRAFT,
                objective_paragraph_offset=16,
            )
            for i in range(1, SYNTHETIC_TEXTS + 1)
        ],
    )
    objectives = dict(Objective.objects.values_list("number", "pk"))
    regions = list(Region.objects.values_list("pk", flat=True))

    mechanisms = _mechanisms(plan, rng, out, note, regions, objectives)
    _references(plan, rng, out, note, texts, mechanisms, objectives)
    _surveys(plan, rng, out, note, mechanisms)
    return out.counts


def _mechanisms(plan, rng, out, note, regions, objectives) -> list[int]:
    kinds, statuses = Mechanism.Kind.values, Mechanism.Status.values
    created = out.create(
        Mechanism,
        [
            Mechanism(
                slug=f"{SLUG_PREFIX}mechanism-{i:05d}",
                acronym=f"SYN{i}",
                name=f"{NAME_PREFIX} Mechanism {i}",
                kind=rng.choice(kinds),
                status=rng.choice(statuses),
                region_label=f"{NAME_PREFIX} region label",
                secretariat=f"{NAME_PREFIX} Secretariat {i}",
                year_established=rng.randint(1985, 2021),
                description=_text(rng, 30),
            )
            for i in range(1, plan.mechanisms + 1)
        ],
    )
    pks = [m.pk for m in created]
    out.link(_sources_field(Mechanism), [(pk, note.pk) for pk in pks])
    if regions:
        out.link(
            Mechanism._meta.get_field("regions"),
            [
                (pk, r)
                for pk in pks
                for r in rng.sample(regions, rng.randint(1, min(2, len(regions))))
            ],
        )
    out.create(
        MechanismName,
        [
            MechanismName(
                mechanism_id=pk,
                name=f"{NAME_PREFIX} Former name of mechanism {pk}",
                kind=MechanismName.Kind.FORMER,
            )
            for pk in pks[::5]
        ],
    )
    if objectives:
        links = out.create(
            MechanismObjective,
            [
                MechanismObjective(
                    mechanism_id=pk, objective_id=objectives[number], statement=_text(rng, 12)
                )
                for pk in pks
                for number in rng.sample(sorted(objectives), min(3, len(objectives)))
            ],
        )
        out.link(_sources_field(MechanismObjective), [(o.pk, note.pk) for o in links])
    return pks


def _references(plan, rng, out, note, texts, mechanisms, objectives) -> None:
    final = Document.objects.filter(slug=GCM_FINAL).first()
    documents = [final, *texts] if final else texts
    groups = Reference.Group.values
    objs = []
    for i in range(1, plan.references + 1):
        # Half into the seeded final GCM, the rest spread over the synthetic texts.
        document = final if final and i % 2 else documents[i % len(documents)]
        number = rng.randint(5, 60)
        offset = document.objective_paragraph_offset
        objs.append(
            Reference(
                document=document,
                paragraph=f"{number}{rng.choice(['', 'a', 'b', 'c'])}",
                paragraph_number=number,
                wording=f"{NAME_PREFIX} wording {i}",
                group=rng.choice(groups),
                quote=_text(rng, 40),
                objective_id=objectives.get(number - offset) if offset is not None else None,
            )
        )
    created = out.create(Reference, objs)
    out.link(_sources_field(Reference), [(r.pk, note.pk) for r in created])
    out.link(
        Reference._meta.get_field("mechanisms"),
        [
            (r.pk, m)
            for r in created
            for m in rng.sample(mechanisms, min(len(mechanisms), rng.randint(0, 2)))
        ],
    )


def _surveys(plan, rng, out, note, mechanisms) -> None:
    if plan.answers == 0:
        return
    surveys = out.create(
        Survey,
        [
            Survey(
                slug=f"{SLUG_PREFIX}survey-{k}",
                title=f"{NAME_PREFIX} Survey {k}",
                year=2000 + k,
                description=_text(rng, 20),
            )
            for k in range(1, plan.surveys + 1)
        ],
    )
    questions = out.create(
        Question,
        [
            Question(
                survey=survey,
                number=n,
                text=f"{NAME_PREFIX} Question {n}: " + _text(rng, 10),
                kind=QUESTION_KINDS[(n - 1) % len(QUESTION_KINDS)],
                required=n == 1,
            )
            for survey in surveys
            for n in range(1, QUESTIONS_PER_SURVEY + 1)
        ],
    )
    choices = out.create(
        Choice,
        [
            Choice(question=q, position=p, label=f"{NAME_PREFIX} Option {p}")
            for q in questions
            if q.kind != "text"
            for p in range(1, CHOICES_PER_QUESTION + 1)
        ],
    )
    choices_of = {}
    for c in choices:
        choices_of.setdefault(c.question_id, []).append(c.pk)

    # Spread the responses over the surveys; each survey's respondents are distinct.
    responses = []
    for index in range(plan.responses):
        survey = surveys[index % len(surveys)]
        mechanism = mechanisms[(index // len(surveys)) % len(mechanisms)]
        submitted = rng.random() < 0.9
        responses.append(
            Response(
                survey=survey,
                mechanism_id=mechanism,
                status=Response.Status.SUBMITTED if submitted else Response.Status.DRAFT,
            )
        )
    responses = out.create(Response, responses)
    out.create(
        Invitation,
        [Invitation(survey_id=r.survey_id, mechanism_id=r.mechanism_id) for r in responses],
    )
    questions_of = {}
    for q in questions:
        questions_of.setdefault(q.survey_id, []).append(q)

    answers, remaining = [], plan.answers
    for r in responses:
        for q in questions_of[r.survey_id][: min(remaining, QUESTIONS_PER_SURVEY)]:
            answers.append(
                Answer(
                    response=r,
                    question=q,
                    text=_text(rng, 15) if q.kind == "text" or rng.random() < 0.1 else "",
                )
            )
        remaining = plan.answers - len(answers)
    answers = out.create(Answer, answers)
    kind_of = {q.pk: q.kind for q in questions}
    pairs = []
    for a in answers:
        options = choices_of.get(a.question_id)
        if not options:
            continue
        picked = 1 if kind_of[a.question_id] == "single" else rng.randint(1, 3)
        pairs.extend((a.pk, c) for c in rng.sample(options, picked))
    out.link(Answer._meta.get_field("choices"), pairs)
    out.link(_sources_field(Answer), [(a.pk, note.pk) for a in answers])
    out.link(_sources_field(Response), [(r.pk, note.pk) for r in responses])
