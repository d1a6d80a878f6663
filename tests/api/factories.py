"""Small builders for API tests: records with every relation the serializers follow filled.

Names carry the prefix "apitest" so they never collide with seeded records.
"""

import itertools
from datetime import UTC, datetime

from gcm.models import (
    EntryPoint,
    MechanismObjective,
    Objective,
    Reference,
    ReferenceQuote,
    StakeholderEngagement,
)
from mechanisms.models import (
    Mechanism,
    MechanismName,
    Meeting,
    Organization,
    Participation,
    Region,
)
from sources.models import Document
from surveys.models import Answer, Choice, PublishedFigure, Question, Response, Survey

_counter = itertools.count(1)


def _n():
    return next(_counter)


def note():
    return Document.objects.get(slug="iom-note-final-gcm")


def region():
    n = _n()
    obj = Region.objects.create(slug=f"apitest-region-{n}", name=f"Apitest region {n}")
    obj.sources.add(note())
    return obj


def organization():
    n = _n()
    obj = Organization.objects.create(
        slug=f"apitest-org-{n}", acronym=f"AO{n}", name=f"Apitest organization {n}", kind="igo"
    )
    obj.regions.add(Region.objects.get(slug="africa"))
    obj.sources.add(note())
    return obj


def mechanism(**fields):
    """A mechanism with a region, an alias, an objective link, a partner and a source."""
    n = _n()
    values = {
        "slug": f"apitest-mech-{n}",
        "acronym": f"APIT{n}",
        "name": f"Apitest mechanism {n}",
        "kind": "rcp",
        "status": "active",
    }
    values.update(fields)
    obj = Mechanism.objects.create(**values)
    obj.regions.add(Region.objects.get(slug="africa"))
    obj.sources.add(note())
    obj.partners.add(Organization.objects.order_by("pk").first())
    MechanismName.objects.create(mechanism=obj, name=f"Former apitest {n}", kind="former")
    link = MechanismObjective.objects.create(
        mechanism=obj, objective=Objective.objects.get(number=10), statement="Works on it."
    )
    link.sources.add(note())
    return obj


def survey():
    n = _n()
    obj = Survey.objects.create(slug=f"apitest-survey-{n}", title=f"Apitest survey {n}", year=2021)
    obj.sources.add(note())
    return obj


def question(survey_obj=None):
    survey_obj = survey_obj or survey()
    number = (
        survey_obj.questions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    obj = Question.objects.create(
        survey=survey_obj, number=number, text=f"Apitest question {number}?", kind="single"
    )
    Choice.objects.create(question=obj, position=1, label="Yes")
    Choice.objects.create(question=obj, position=2, label="No")
    obj.sources.add(note())
    return obj


def response(survey_obj=None, mechanism_obj=None, question_obj=None):
    survey_obj = survey_obj or survey()
    mechanism_obj = mechanism_obj or mechanism()
    question_obj = question_obj or question(survey_obj)
    obj = Response.objects.create(
        survey=survey_obj, mechanism=mechanism_obj, submitted_at=datetime(2021, 5, 1, tzinfo=UTC)
    )
    obj.sources.add(note())
    answer = Answer.objects.create(response=obj, question=question_obj, text="Yes indeed.")
    answer.choices.add(question_obj.choices.get(label="Yes"))
    answer.sources.add(note())
    return obj


def published_figure(survey_obj=None):
    survey_obj = survey_obj or survey()
    q = question(survey_obj)
    obj = PublishedFigure.objects.create(
        survey=survey_obj,
        key=f"apitest-figure-{_n()}",
        label="Share saying yes",
        statement="Most said yes.",
        value=60,
        unit="percent",
        basis="respondents",
        question=q,
        choice=q.choices.get(label="Yes"),
        objective=Objective.objects.get(number=10),
    )
    obj.sources.add(note())
    return obj


def meeting():
    number = (Meeting.objects.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    obj = Meeting.objects.create(number=number, year=2030, title=f"Apitest GRCP {number}")
    obj.sources.add(note())
    Participation.objects.create(meeting=obj, mechanism=mechanism(), role="speaker")
    return obj


def reference(**fields):
    n = _n()
    values = {
        "document": Document.objects.get(slug="gcm-final"),
        "paragraph": "22",
        "paragraph_number": 22,
        "objective": Objective.objects.get(number=6),
        "wording": f"apitest wording {n}",
        "group": "iscm",
        "quote": "regional consultative processes",
    }
    values.update(fields)
    obj = Reference.objects.create(**values)
    obj.mechanisms.add(Mechanism.objects.get(slug="gfmd"))
    obj.sources.add(note())
    return obj


def entry_point():
    document = Document.objects.create(
        slug=f"apitest-doc-{_n()}", title="Apitest text", kind="draft"
    )
    obj = EntryPoint.objects.create(
        document=document,
        objective=Objective.objects.get(number=1),
        level="regional",
        action="An action.",
        engagement="An engagement.",
    )
    obj.sources.add(note())
    return obj


def reference_quote():
    """Another note's wording of a (new) reference's paragraph."""
    return ReferenceQuote.objects.create(
        reference=reference(),
        source=Document.objects.get(slug="iom-discussion-paper-regional-dimensions-2018"),
        text="“apitest wording as another note prints it”",
        cited_as="(§22)",
    )


def stakeholder_engagement():
    document = Document.objects.create(
        slug=f"apitest-doc-{_n()}", title="Apitest text", kind="draft"
    )
    obj = StakeholderEngagement.objects.create(document=document, group="cso", label="CSOs")
    obj.objectives.add(*Objective.objects.filter(number__in=[2, 3]))
    obj.sources.add(note())
    return obj


def document():
    obj = Document.objects.create(slug=f"apitest-doc-{_n()}", title="Apitest text", kind="draft")
    obj.sources.add(note())
    return obj


def source():
    return Document.objects.create(
        slug=f"apitest-note-{_n()}", title="Apitest note", kind="iom-note"
    )
