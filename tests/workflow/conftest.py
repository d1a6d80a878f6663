"""Fixtures for the survey workflow: a new round copied from 2021, secretariat users."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mechanisms.models import Mechanism
from secretariats.models import Membership
from surveys.models import Question, Survey
from surveys.services import survey_copy

PASSWORD = "secretariat-pass-123"  # noqa: S105 (test accounts)


def open_next_round():
    """The next round: the 2021 questionnaire copied, open now, deadline in a week.

    Q9 (plans for the IMRF) is made required, as the next round's questionnaire would mark it.
    """
    now = timezone.now()
    survey = survey_copy(
        source=Survey.objects.get(slug="imrf-inputs-2021"),
        slug="imrf-inputs-2025",
        title="Survey on ISCM input to the second IMRF",
        year=2025,
        opens_at=now - timedelta(days=1),
        deadline=now + timedelta(days=7),
        invite_same=True,
    )
    Question.objects.filter(survey=survey, number=9).update(required=True)
    return survey


@pytest.fixture
def new_round(db):
    return open_next_round()


def make_secretariat(username, mechanism_slug, role="chair", email=None):
    user = get_user_model().objects.create_user(
        username, email=email if email is not None else f"{username}@example.org", password=PASSWORD
    )
    Membership.objects.create(
        user=user, mechanism=Mechanism.objects.get(slug=mechanism_slug), role=role
    )
    return user


@pytest.fixture
def bali_user(db):
    return make_secretariat("bali-chair", "bali-process")


@pytest.fixture
def rabat_user(db):
    return make_secretariat("rabat-head", "rabat-process", role="secretariat-head")


@pytest.fixture
def bali_client(client, bali_user):
    client.force_login(bali_user)
    return client


def respond_url(survey, mechanism_slug):
    return f"/surveys/{survey.slug}/respond/{mechanism_slug}/"


def choice_value(survey, number, label):
    """The form value (option id) of an option, looked up by its label."""
    question = Question.objects.get(survey=survey, number=number)
    return str(question.choices.get(label=label).pk)


def form_data(survey, *, version, action="draft", **answers):
    """POST data for the questionnaire: ``q9="Yes"`` picks by label, ``q3="text"`` writes."""
    data = {"version": str(version), "action": action}
    for name, value in answers.items():
        number = int(name[1:].split("_")[0])
        question = Question.objects.get(survey=survey, number=number)
        if name.endswith("_other") or question.kind == "text":
            data[name] = value
        elif isinstance(value, list):
            data[name] = [choice_value(survey, number, label) for label in value]
        else:
            data[name] = choice_value(survey, number, value)
    return data
