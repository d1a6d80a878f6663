"""The questionnaire's own texts in French and Spanish: an editor's translation of a question
(text, help, section) or of an option's label where there is one, else the English wording
in ``lang="en"`` with the visible "not translated" mark. The secretariat's questionnaire
(in the language it chose) and the public survey pages both follow this.

Nothing is translated for the seeded questionnaire: its wording is sourced from IOM's notes.
"""

import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from secretariats.models import Membership
from surveys.models import Choice, Question
from tests.workflow.conftest import make_secretariat, open_next_round

pytestmark = pytest.mark.django_db

Q9_FR = (
    "Votre mécanisme prévoit-il de contribuer au Forum d’examen des migrations internationales ?"
)
YES_FR = "Oui, il le prévoit"
SECTION_FR = "Section 3. Contribution au FEMI"
MARK_FR = '<span class="untranslated-label"> non traduit</span>'


def legend(body, number):
    return re.search(
        rf'<fieldset class="field" id="question-{number}">\s*<legend>(.*?)</legend>', body, re.S
    ).group(1)


@pytest.fixture
def new_round(db):
    return open_next_round()


@pytest.fixture
def french_q9(new_round):
    """An editor's French for Q9 of the new round, its section and one of its options."""
    question = Question.objects.get(survey=new_round, number=9)
    question.text_fr = Q9_FR
    question.section_fr = SECTION_FR
    question.save()
    yes = question.choices.order_by("position").first()
    yes.label_fr = YES_FR
    yes.save()
    return question, yes


@pytest.fixture
def french_secretariat(client, new_round):
    user = make_secretariat("bali-chair", "bali-process")
    Membership.objects.filter(user=user).update(language="fr")
    client.force_login(user)
    return client


def test_the_seeded_questionnaire_has_no_invented_translation():
    for model, fields in [(Question, ("text", "help_text", "section")), (Choice, ("label",))]:
        for field in fields:
            for language in ("fr", "es"):
                assert not model.objects.exclude(**{f"{field}_{language}": ""}).exists(), (
                    f"{model.__name__}.{field}_{language}"
                )


def test_the_french_questionnaire_shows_an_editors_french_and_marks_the_rest(
    french_secretariat, new_round, french_q9
):
    question, yes = french_q9
    page = french_secretariat.get("/accounts/questionnaires/").content.decode()
    url = f"/fr/surveys/{new_round.slug}/respond/bali-process/"
    assert f'href="{url}"' in page  # the secretariat's language: its questionnaire's link
    body = french_secretariat.get(url).content.decode()
    q9 = legend(body, 9)
    assert q9.startswith(f"Q9. {Q9_FR}")
    assert "untranslated" not in q9
    # A question without French: its English wording, in lang="en", marked.
    q10 = Question.objects.get(survey=new_round, number=10)
    assert legend(body, 10).startswith(
        f'Q10. <span lang="en" class="untranslated">{q10.text}</span>{MARK_FR}'
    )
    # The section heading and the option labels the same way.
    assert f"<h2>{SECTION_FR}</h2>" in body
    others = question.choices.exclude(pk=yes.pk).order_by("position")
    fieldset = re.search(r'id="question-9">(.*?)</fieldset>', body, re.S).group(1)
    assert f"{YES_FR}</label>" in fieldset
    for option in others:
        assert f'<span lang="en" class="untranslated">{option.label}</span>{MARK_FR}' in fieldset
    # The reference list (item 18): English, marked.
    info = re.search(r'<section class="field" id="question-18">(.*?)</section>', body, re.S)
    assert MARK_FR in info.group(1)


def test_other_languages_show_the_english_wording_marked_or_plain(client, new_round, french_q9):
    client.force_login(make_secretariat("bali-chair", "bali-process"))
    spanish = client.get(f"/es/surveys/{new_round.slug}/respond/bali-process/").content.decode()
    q9 = legend(spanish, 9)
    assert f'<span lang="en" class="untranslated">{french_q9[0].text}</span>' in q9
    assert "sin traducir" in q9 and Q9_FR not in spanish
    english = client.get(f"/surveys/{new_round.slug}/respond/bali-process/").content.decode()
    assert legend(english, 9).startswith(f"Q9. {french_q9[0].text}")
    assert "untranslated" not in english and Q9_FR not in english


def test_the_french_questionnaire_costs_no_more_queries_than_the_english(
    client, new_round, french_q9
):
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_secretariat("bali-chair", "bali-process"))
    counts = []
    for prefix in ("", "/fr", "/es"):
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{prefix}/surveys/{new_round.slug}/respond/bali-process/")
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts


def test_the_public_survey_page_shows_translated_questions_and_marks_the_rest(client):
    question = Question.objects.get(survey__slug="imrf-inputs-2021", number=9)
    question.text_fr = Q9_FR
    question.save()
    body = client.get("/fr/surveys/imrf-inputs-2021/").content.decode()
    assert re.search(rf'<h3 id="q9">Q9\. {re.escape(Q9_FR)}</h3>', body)
    q10 = Question.objects.get(survey__slug="imrf-inputs-2021", number=10)
    assert f'<h3 id="q10">Q10. <span lang="en" class="untranslated">{q10.text}</span>' in body
    english = client.get("/surveys/imrf-inputs-2021/").content.decode()
    assert f'<h3 id="q9">Q9. {question.text}</h3>' in english


def test_the_admin_offers_the_translations_and_history_keeps_them(admin_client, new_round):
    question = Question.objects.get(survey=new_round, number=10)
    page = admin_client.get(f"/admin/surveys/question/{question.pk}/change/").content.decode()
    assert "Translations (French, Spanish)" in page
    for name in ("text_fr", "text_es", "help_text_fr", "help_text_es", "section_fr"):
        assert f'name="{name}"' in page
    assert 'name="choices-0-label_fr"' in page
    question.text_fr = Q9_FR
    question.save()
    latest = question.history.latest()
    assert latest.text_fr == Q9_FR
    assert {c.field for c in latest.diff_against(latest.prev_record).changes} == {"text_fr"}


def test_a_copied_round_keeps_the_editors_translations(new_round, french_q9):
    from surveys.services import survey_copy

    copy = survey_copy(source=new_round, slug="imrf-inputs-2029", title="Next", year=2029)
    question = Question.objects.get(survey=copy, number=9)
    assert question.text_fr == Q9_FR and question.section_fr == SECTION_FR
    assert question.choices.filter(label_fr=YES_FR).exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_applies_backward_and_forward():
    def columns(table):
        with connection.cursor() as cursor:
            return {c.name for c in connection.introspection.get_table_description(cursor, table)}

    assert {"text_fr", "help_text_es", "section_fr"} <= columns("surveys_question")
    executor = MigrationExecutor(connection)
    # Back to every app's leaf afterwards: migrations added since (surveys 0008) must come
    # back too, or the next test's seeded copy no longer fits the tables.
    leaves = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("surveys", "0006_question_personal_data")])
        assert "text_fr" not in columns("surveys_question")
        assert "label_fr" not in columns("surveys_choice")
        assert "label_es" not in columns("surveys_historicalchoice")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    assert {"label_fr", "label_es"} <= columns("surveys_choice")


def test_the_rounds_status_page_speaks_the_editors_language(admin_client, new_round):
    from django.conf import settings
    from django.urls import reverse

    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = admin_client.get(reverse("admin:surveys_survey_status", args=[new_round.pk]))
    html = html.content.decode()
    invited = new_round.invitations.count()
    assert f"{invited} invités : {invited} non commencés, 0 brouillons" in html
    assert '<td class="status-invited">non commencé</td>' in html
    assert "Exporter toutes les réponses (CSV)" in html
    for english in ("not started", "Export all answers", "Secretariat users", ">invited<"):
        assert english not in html
