"""Records of every model for the admin tests, made here so the tests do not depend on how
much of the notes is seeded yet. Slugs start with ``test-`` so they never meet seed data."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from gcm.models import (
    EntryPoint,
    GuidingPrinciple,
    MechanismObjective,
    Objective,
    Reference,
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
from surveys.models import (
    Answer,
    Choice,
    Invitation,
    PublishedFigure,
    Question,
    Response,
    Survey,
)


def admin_url(model_or_obj, view, *args):
    opts = model_or_obj._meta
    if view in {"change", "delete", "history"} and not args:
        args = (model_or_obj.pk,)
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def records(db):
    note = Document.objects.get(slug="iom-note-final-gcm")
    gcm = Document.objects.get(slug="gcm-final")
    text = Document.objects.create(slug="test-text", title="Test text", kind="draft")
    region = Region.objects.create(slug="test-region", name="Test region", position=99)
    organization = Organization.objects.create(
        slug="test-org", name="Test Organization", kind="igo"
    )
    organization.regions.add(region)
    mechanism = Mechanism.objects.create(
        slug="test-process", acronym="TSTP", name="Test Process", kind="rcp", status="active"
    )
    mechanism.regions.add(region)
    mechanism.sources.add(note)
    name = MechanismName.objects.create(mechanism=mechanism, name="Old Test Process", kind="former")
    meeting = Meeting.objects.create(number=99, year=2099, title="Test GRCP")
    participation = Participation.objects.create(meeting=meeting, mechanism=mechanism)
    objective, _ = Objective.objects.get_or_create(
        number=23, defaults={"title": "Strengthen international cooperation"}
    )
    principle, _ = GuidingPrinciple.objects.get_or_create(
        letter="j", defaults={"title": "Whole-of-society approach"}
    )
    named = Mechanism.objects.create(slug="test-named", acronym="TSTN", name="Test Named Forum")
    reference = Reference.objects.create(
        document=gcm,
        paragraph="39",
        paragraph_number=39,
        wording="test wording",
        group="iscm",
        objective=objective,
    )
    reference.mechanisms.add(named)
    reference.sources.add(note)
    entry_point = EntryPoint.objects.create(
        document=text, objective=objective, level="regional", action="Act", engagement="Engage"
    )
    engagement = StakeholderEngagement.objects.create(document=text, group="cso")
    engagement.objectives.add(objective)
    link = MechanismObjective.objects.create(
        mechanism=mechanism, objective=objective, statement="A test sentence."
    )
    survey = Survey.objects.create(slug="test-survey", title="Test survey", year=2099)
    invitation = Invitation.objects.create(survey=survey, mechanism=mechanism)
    question = Question.objects.create(survey=survey, number=1, text="Which?", kind="single")
    choice = Choice.objects.create(question=question, label="This one")
    response = Response.objects.create(survey=survey, mechanism=mechanism)
    answer = Answer.objects.create(response=response, question=question)
    answer.choices.add(choice)
    figure = PublishedFigure.objects.create(
        survey=survey, key="test-figure", label="Share", statement="Half.", value=50, unit="percent"
    )
    return SimpleNamespace(**locals())
