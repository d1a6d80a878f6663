"""Each page's query count is pinned and does not grow with the number of rows.

Every test adds one row of each kind the page lists (so every prefetch runs), reads the
page, adds ~25 more rows of each kind, and reads it again: both reads stay under the
pinned ceiling and need exactly the same number of queries.
"""

import pytest

from countries.models import Country, Membership, MembershipFigure
from events.models import Event, EventMechanism
from gcm.models import MechanismObjective, Objective, Reference
from mechanisms.models import Mechanism, MechanismName, Meeting, Organization, Participation
from sources.models import Document
from statements.models import Statement
from surveys.models import Answer, Choice, Invitation, PublishedFigure, Question, Response, Survey
from tests.pages.conftest import make_mechanism

pytestmark = pytest.mark.django_db

MANY = 25


def check_page(client, url, ceiling, add_rows, django_assert_max_num_queries):
    """Read ``url`` with 1 added row of each kind, then with MANY more."""
    add_rows(0, 1)
    with django_assert_max_num_queries(ceiling) as few:
        assert client.get(url).status_code == 200
    add_rows(1, MANY)
    with django_assert_max_num_queries(ceiling) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries), [
        q["sql"][:200] for q in many.captured_queries
    ]


def notes():
    return list(Document.objects.notes())


def add_mechanisms(start, count):
    """Mechanisms in Africa with sources, a partner, a former name and an objective."""
    objective = Objective.objects.get(number=6)
    organization = Organization.objects.first()
    created = []
    for i in range(start, start + count):
        m = make_mechanism(f"q-test-{i}", acronym=f"QT{i}", name=f"Former-test process {i}")
        m.sources.set(notes())
        m.partners.set([organization])
        MechanismName.objects.create(mechanism=m, name=f"Former {i}", kind="former")
        MechanismObjective.objects.create(mechanism=m, objective=objective, statement="Labour.")
        created.append(m)
    return created


def add_reference(document, i, **fields):
    ref = Reference.objects.create(
        document=document,
        paragraph=str(100 + i),
        paragraph_number=100 + i,
        wording=f"Query test wording {i}",
        group="iscm",
        quote="…",
        **fields,
    )
    ref.sources.set(notes())
    return ref


def test_home(client, django_assert_max_num_queries):
    check_page(client, "/", 8, add_mechanisms, django_assert_max_num_queries)


@pytest.mark.parametrize(
    "query",
    ["", "?kind=rcp&region=africa", "?q=former-test&sort=-objectives&objective=6", "?format=csv"],
)
def test_directory(client, django_assert_max_num_queries, query):
    check_page(client, f"/mechanisms/{query}", 13, add_mechanisms, django_assert_max_num_queries)


def test_directory_with_a_bad_filter(client, django_assert_max_num_queries):
    url = "/mechanisms/?kind=nonsense&region=africa"
    check_page(client, url, 13, add_mechanisms, django_assert_max_num_queries)


def test_profile(client, django_assert_max_num_queries):
    mechanism = make_mechanism("q-profile", acronym="QP")
    mechanism.sources.set(notes())
    final = Document.objects.get(slug="gcm-final")
    objectives = list(Objective.objects.all())
    meetings = list(Meeting.objects.all())
    organizations = list(Organization.objects.all())
    states = [
        Country.objects.get_or_create(code=code)[0]
        for code in ["MX", "CL", "FR", "SG", "KE", "TR", "ZA", "AU", "JP", "BR", "CA", "IN", "MA"]
        + ["NG", "PE", "SE", "DE", "EG", "TH", "AR", "GH", "ID", "NZ", "PH", "CH", "US"]
    ]

    def add_rows(start, count):
        mechanism.partners.add(*organizations[start : start + count])
        for i in range(start, start + count):
            MechanismName.objects.create(
                mechanism=mechanism, name=f"Old {i}", kind="former"
            ).sources.set(notes())
            add_reference(final, i).mechanisms.set([mechanism])
            survey = Survey.objects.create(slug=f"q-survey-{i}", title=f"Survey {i}")
            response = Response.objects.create(survey=survey, mechanism=mechanism)
            response.sources.set(notes())
            for n in range(1, 4):
                question = Question.objects.create(survey=survey, number=n, text="?", kind="single")
                choice = Choice.objects.create(question=question, label="Yes")
                answer = Answer.objects.create(response=response, question=question, text="x")
                answer.choices.set([choice])
                answer.sources.set(notes())
        for objective in objectives[start : start + count]:
            MechanismObjective.objects.create(
                mechanism=mechanism, objective=objective, statement="Works on it."
            ).sources.set(notes())
        for meeting in meetings[start : start + count]:
            Participation.objects.create(meeting=meeting, mechanism=mechanism).sources.set(notes())
        # Issue 11: the States (with the map), events and statements sections.
        for i, state in enumerate(states[start : start + count], start=start):
            Membership.objects.create(
                country=state, mechanism=mechanism, role="member" if i % 2 else "chair"
            ).sources.set(notes())
            MembershipFigure.objects.create(
                mechanism=mechanism, slug=f"f{i}", value=i, counted="States", quote="q"
            ).sources.set(notes())
            event = Event.objects.create(slug=f"q-event-{i}", kind="webinar", title=f"W{i}")
            EventMechanism.objects.create(event=event, mechanism=mechanism).sources.set(notes())
            statement = Statement.objects.create(
                slug=f"q-st-{i}", kind="outcome", text=f"Outcome {i}", document=final
            )
            statement.mechanisms.set([mechanism])
            statement.objectives.set(objectives[:2])
            statement.sources.set(notes())

    check_page(client, "/mechanisms/q-profile/", 34, add_rows, django_assert_max_num_queries)


def test_regions(client, django_assert_max_num_queries):
    check_page(client, "/regions/", 6, add_mechanisms, django_assert_max_num_queries)


def test_region(client, django_assert_max_num_queries):
    check_page(client, "/regions/africa/", 9, add_mechanisms, django_assert_max_num_queries)


def test_objectives(client, django_assert_max_num_queries):
    check_page(client, "/objectives/", 6, add_mechanisms, django_assert_max_num_queries)


def test_objective(client, django_assert_max_num_queries):
    objective = Objective.objects.get(number=6)
    final = Document.objects.get(slug="gcm-final")
    survey = Survey.objects.create(slug="q-obj-survey", title="S")

    def add_rows(start, count):
        mechanisms = add_mechanisms(start, count)
        for i in range(start, start + count):
            ref = add_reference(final, i, objective=objective)
            ref.mechanisms.set(mechanisms[:3])
            question = Question.objects.create(
                survey=survey, number=i + 1, text="?", kind="multiple"
            )
            Choice.objects.create(question=question, label="Obj 6", objective=objective)
            PublishedFigure.objects.create(
                survey=survey,
                key=f"f{i}",
                label="f",
                statement="s",
                value=i,
                unit="count",
                objective=objective,
            ).sources.set(notes())

    check_page(client, "/objectives/6/", 20, add_rows, django_assert_max_num_queries)


def test_compact(client, django_assert_max_num_queries):
    documents = [Document.objects.get(slug=s) for s in ["gcm-final", "gcm-zero-draft-rev1"]]
    mechanisms = list(Mechanism.objects.all()[:2])

    def add_rows(start, count):
        for document in documents:
            for i in range(start, start + count):
                add_reference(document, i).mechanisms.set(mechanisms)

    check_page(client, "/compact/", 9, add_rows, django_assert_max_num_queries)


def test_compact_one_text(client, django_assert_max_num_queries):
    final = Document.objects.get(slug="gcm-final")
    mechanisms = list(Mechanism.objects.all()[:2])

    def add_rows(start, count):
        for i in range(start, start + count):
            add_reference(final, i).mechanisms.set(mechanisms)

    url = "/compact/?document=gcm-final&page=4"
    check_page(client, url, 9, add_rows, django_assert_max_num_queries)


def test_surveys(client, django_assert_max_num_queries):
    def add_rows(start, count):
        for i in range(start, start + count):
            Survey.objects.create(slug=f"q-list-{i}", title=f"S{i}").sources.set(notes())

    check_page(client, "/surveys/", 6, add_rows, django_assert_max_num_queries)


def test_survey(client, django_assert_max_num_queries):
    survey = Survey.objects.create(slug="q-detail", title="Detail survey", year=2030)
    question = Question.objects.create(survey=survey, number=1, text="Objectives?", kind="multiple")
    choices = [
        Choice.objects.create(question=question, position=o.number, label=str(o), objective=o)
        for o in Objective.objects.all()
    ]

    def add_rows(start, count):
        for i, mechanism in enumerate(add_mechanisms(start, count), start=start):
            Invitation.objects.create(survey=survey, mechanism=mechanism)
            response = Response.objects.create(survey=survey, mechanism=mechanism)
            answer = Answer.objects.create(response=response, question=question, text="t")
            answer.choices.set(choices[: i % 23 + 1])
        for choice in choices[start : start + count]:
            PublishedFigure.objects.create(
                survey=survey,
                key=f"o{choice.position}",
                label="share",
                statement="s",
                value=10,
                unit="percent",
                basis="respondents",
                question=question,
                choice=choice,
            ).sources.set(notes())

    check_page(client, "/surveys/q-detail/", 15, add_rows, django_assert_max_num_queries)


def test_sources(client, django_assert_max_num_queries):
    # One UNION query counts every kind of record citing notes, not one per kind or note.
    check_page(client, "/sources/", 25, add_mechanisms, django_assert_max_num_queries)


def test_source(client, django_assert_max_num_queries):
    url = "/sources/iom-note-regional-consultations-2017/"
    check_page(client, url, 29, add_mechanisms, django_assert_max_num_queries)
