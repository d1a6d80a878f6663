import pytest


def ensure_grcp_events():
    """One event per GRCP meeting, as issue 10's data migration makes them (the seed may not)."""
    from events.models import Event
    from mechanisms.models import Meeting

    for meeting in Meeting.objects.all():
        Event.objects.get_or_create(
            meeting=meeting, defaults={"slug": f"grcp-{meeting.number}", "kind": "grcp"}
        )


@pytest.fixture
def issue10_records(db):
    return make_issue10_records()


def make_issue10_records():
    """A State with a membership and a chair, a person in a role, a statement, a definition.

    The seed has none of these yet (the notes' data lands on another branch); the search
    and the new pages must already find and show them.
    """
    from countries.models import Country, Membership
    from events.models import Event, Person, PublicRole
    from gcm.models import Objective
    from mechanisms.models import Mechanism
    from sources.models import Document
    from statements.models import Definition, Statement

    ensure_grcp_events()
    note = Document.objects.get(slug="iom-grcp9-summary-report-2021")
    rcm = Mechanism.objects.get(slug="rcm")
    mexico = Country.objects.get_or_create(code="MX")[0]  # the notes may name it already
    mexico.sources.add(note)
    Membership.objects.get_or_create(country=mexico, mechanism=rcm, role="member")
    Membership.objects.get_or_create(country=mexico, mechanism=rcm, role="chair")
    grcp9 = Event.objects.get(slug="grcp-9")
    grcp9.host_country = mexico
    grcp9.save()
    person = Person.objects.create(slug="test-rapporteur", name="Adaeze Okonkwo-Test")
    PublicRole.objects.create(
        slug="test-rapporteur-grcp9",
        person=person,
        kind="rapporteur",
        event=grcp9,
        name_as_printed="Ms Adaeze Okonkwo-Test",
        position="Rapporteur of the closing session",
    )
    statement = Statement.objects.create(
        slug="test-recommendation",
        kind="recommendation",
        text="ISCMs should share practices on labour mobility corridors.",
        document=note,
        place="Conclusions",
        event=grcp9,
    )
    statement.objectives.set([Objective.objects.get(number=6)])
    statement.mechanisms.set([rcm])
    statement.sources.set([note])
    Definition.objects.create(
        slug="test-iscm-definition",
        term="Inter-State consultation mechanism on migration",
        abbreviation="ISCM",
        term_key="iscm",
        text="State-led, ongoing information-sharing and policy dialogue on migration.",
        document=note,
        place="Introduction",
    )
    return {"country": mexico, "statement": statement, "event": grcp9}
