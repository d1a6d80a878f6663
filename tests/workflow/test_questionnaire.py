"""The questionnaire page: the form built from the questions, drafts, submission, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from surveys.models import Answer, Question, Response, Survey
from surveys.results import survey_results
from surveys.services import MAX_ANSWER_LENGTH, AnswerInput, response_submit

from .conftest import choice_value, form_data, respond_url

pytestmark = pytest.mark.django_db


def stored(survey, mechanism_slug="bali-process"):
    return Response.objects.filter(survey=survey, mechanism__slug=mechanism_slug).first()


def answer(survey, number, mechanism_slug="bali-process"):
    return Answer.objects.get(
        response__survey=survey, response__mechanism__slug=mechanism_slug, question__number=number
    )


def test_form_is_built_from_the_questions(bali_client, new_round):
    page = bali_client.get(respond_url(new_round, "bali-process"))
    assert page.status_code == 200
    html = page.content.decode()
    # Single choice → radio buttons, multiple → checkboxes, free text → text area.
    assert 'type="radio" name="q9"' in html
    assert 'type="checkbox" name="q10"' in html
    assert '<textarea name="q3"' in html
    # "Other: ___" → the option plus a text field for what the other is.
    assert 'name="q10_other"' in html and 'name="q7_other"' in html
    # Item 18 is a reference list: shown as text, no field.
    assert 'name="q18"' not in html
    assert "Collect and utilize accurate and disaggregated data" in html
    # The limit is shown and carried by the field; the required question is marked.
    assert f'maxlength="{MAX_ANSWER_LENGTH}"' in html
    assert "Up to 5,000 characters" in html
    assert '<abbr title="required">*</abbr>' in html
    # Q1 (which mechanism answers) is known: preselected.
    q1 = Question.objects.get(survey=new_round, number=1)
    bali = str(q1.choices.get(mechanism__slug="bali-process").pk)
    assert f'value="{bali}" id="id_q1_' in html
    assert html.count("checked") == 1  # only that one, in an empty questionnaire
    assert 'name="action" value="draft"' in html and 'name="action" value="submit"' in html
    assert 'name="version" value="0"' in html


def test_save_draft_then_come_back_then_submit(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    before = survey_results(new_round)
    data = form_data(
        new_round,
        version=0,
        q3="Jane Doe",
        q9="Yes",
        q10=["Organization by your ISCMs of side-event on the margins of the 1st IMRF", "Other:"],
        q10_other="A joint statement",
    )
    saved = bali_client.post(url, data)
    assert saved.status_code == 302
    response = stored(new_round)
    assert response.status == "draft" and response.version == 1
    # A draft does not count in the results.
    assert survey_results(new_round).respondents == before.respondents == 0

    page = bali_client.get(url).content.decode()
    assert "Draft saved" in page
    assert "Jane Doe</textarea>" in page
    assert f'value="{choice_value(new_round, 9, "Yes")}" id="id_q9_0" checked' in page
    assert "A joint statement</textarea>" in page
    assert 'name="version" value="1"' in page

    submitted = bali_client.post(url, {**data, "version": "1", "action": "submit"})
    assert submitted.status_code == 302
    response.refresh_from_db()
    assert response.status == "submitted" and response.submitted_at and not response.is_late
    results = survey_results(new_round)
    assert results.respondents == 1
    q9 = next(r for r in results.questions if r.question.number == 9)
    assert {c.choice.label: c.count for c in q9.choices}["Yes"] == 1
    q10 = next(r for r in results.questions if r.question.number == 10)
    assert q10.texts[0][1] == "A joint statement"
    # The results page shows the new count (computed live).
    page = bali_client.get(new_round.get_absolute_url()).content.decode()
    assert "1 (percentages below are of these respondents" in page


def test_one_response_per_mechanism(bali_client, bali_user, new_round):
    from .conftest import make_secretariat

    second = make_secretariat("bali-rep", "bali-process", role="representative")
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="From the chair"))
    bali_client.force_login(second)
    # The second user of the same mechanism opens the same response, not a new one.
    page = bali_client.get(url).content.decode()
    assert "From the chair</textarea>" in page
    bali_client.post(url, form_data(new_round, version=1, q3="From the representative"))
    assert Response.objects.filter(survey=new_round, mechanism__slug="bali-process").count() == 1
    assert answer(new_round, 3).text == "From the representative"


def test_required_question_enforced_on_submit_only(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    refused = bali_client.post(url, form_data(new_round, version=0, action="submit", q3="Jane"))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "This question is required" in html and "Nothing was saved" in html
    assert "Jane</textarea>" in html  # the input is kept
    assert stored(new_round) is None
    # A draft may leave it empty.
    assert bali_client.post(url, form_data(new_round, version=0, q3="Jane")).status_code == 302


def test_other_needs_its_text_on_submit(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    refused = bali_client.post(
        url, form_data(new_round, version=0, action="submit", q9="Yes", q10=["Other:"])
    )
    assert refused.status_code == 400
    assert "Please say what “Other” is" in refused.content.decode()


def test_double_submission_is_refused_with_a_message(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    data = form_data(new_round, version=0, action="submit", q9="Yes", q3="First")
    assert bali_client.post(url, data).status_code == 302
    # The same form sent again (double click, back button): refused, nothing changed.
    again = bali_client.post(url, {**data, "q3": "Second"})
    assert again.status_code == 409
    html = again.content.decode()
    assert "already submitted" in html
    assert "Second</textarea>" in html  # the user's input is still on the form
    response = stored(new_round)
    assert response.version == 1 and answer(new_round, 3).text == "First"
    assert response.history.filter(status="submitted").count() == 1


def test_two_tabs_the_later_stale_save_is_refused_and_keeps_input(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="Saved first"))
    # Both tabs were opened at version 1.
    tab_a = form_data(new_round, version=1, q3="Tab A", q4="IOM")
    tab_b = form_data(new_round, version=1, q3="Tab B")
    assert bali_client.post(url, tab_a).status_code == 302
    conflict = bali_client.post(url, tab_b)
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Your answers were NOT saved" in html
    assert "Tab B</textarea>" in html
    assert answer(new_round, 3).text == "Tab A" and answer(new_round, 4).text == "IOM"
    assert stored(new_round).version == 2


def test_oversized_text_is_refused_and_kept(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="Short"))
    long_text = "x" * (MAX_ANSWER_LENGTH + 1)
    refused = bali_client.post(url, form_data(new_round, version=1, q3="Changed", q11=long_text))
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Ensure this value has at most 5000 characters" in html
    assert long_text in html  # nothing the user typed is lost
    assert answer(new_round, 3).text == "Short"  # and nothing half-saved
    # Exactly at the limit is fine.
    ok = bali_client.post(url, form_data(new_round, version=1, q11="y" * MAX_ANSWER_LENGTH))
    assert ok.status_code == 302


def test_service_refuses_oversized_text_too(new_round, bali_user):
    question = Question.objects.get(survey=new_round, number=11)
    nine = Question.objects.get(survey=new_round, number=9)
    with pytest.raises(Exception, match="at most 5,000"):
        response_submit(
            survey=new_round,
            mechanism=bali_user.secretariat_memberships.get().mechanism,
            answers={
                question.pk: AnswerInput(text="z" * (MAX_ANSWER_LENGTH + 1)),
                nine.pk: AnswerInput(choices=[nine.choices.first()]),
            },
            version=0,
        )
    # Atomic: the response created on the way and Q9's answer were rolled back.
    assert stored(new_round) is None


def test_html_is_stored_as_given_and_escaped_on_display(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    hostile = '<script>alert("x")</script><b>bold</b>'
    bali_client.post(url, form_data(new_round, version=0, action="submit", q9="Yes", q11=hostile))
    assert answer(new_round, 11).text == hostile
    for page_url in (url, new_round.get_absolute_url()):
        html = bali_client.get(page_url).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_tampered_choice_is_a_form_error(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    # An option of another question (Q6's "Yes") posted as the answer to Q9.
    data = form_data(new_round, version=0, action="submit", q3="Kept")
    data["q9"] = choice_value(new_round, 6, "Yes")
    refused = bali_client.post(url, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Select a valid choice" in html and "Kept</textarea>" in html
    # Nor an option of another survey's question, nor garbage.
    data["q9"] = choice_value(Survey.objects.get(slug="imrf-inputs-2021"), 9, "Yes")
    assert bali_client.post(url, data).status_code == 400
    data["q9"] = "'; DROP TABLE surveys_answer; --"
    assert bali_client.post(url, data).status_code == 400
    assert stored(new_round) is None


def test_unknown_action_or_bad_version_is_refused(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    data = form_data(new_round, version=0, q3="x")
    assert bali_client.post(url, {**data, "action": "publish"}).status_code == 400
    assert bali_client.post(url, {**data, "version": "abc"}).status_code == 400
    assert bali_client.post(url, {**data, "version": "-1"}).status_code == 400
    assert stored(new_round) is None


def test_after_deadline_refused_by_default(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="Draft before the deadline"))
    Survey.objects.filter(pk=new_round.pk).update(
        opens_at=timezone.now() - timedelta(days=30), deadline=timezone.now() - timedelta(hours=1)
    )
    page = bali_client.get(url).content.decode()
    assert "no longer accepts answers" in page
    refused = bali_client.post(
        url, form_data(new_round, version=1, action="submit", q9="Yes", q3="Late change")
    )
    assert refused.status_code == 403
    html = refused.content.decode()
    assert "The deadline" in html and "Nothing was saved" in html
    assert "Late change</textarea>" in html
    response = stored(new_round)
    assert response.status == "draft" and answer(new_round, 3).text == "Draft before the deadline"


def test_after_deadline_accepted_and_marked_late_when_the_survey_says_so(bali_client, new_round):
    Survey.objects.filter(pk=new_round.pk).update(
        opens_at=timezone.now() - timedelta(days=30),
        deadline=timezone.now() - timedelta(hours=1),
        late_policy="accept",
    )
    url = respond_url(new_round, "bali-process")
    assert "marked late" in bali_client.get(url).content.decode()
    ok = bali_client.post(url, form_data(new_round, version=0, action="submit", q9="No"))
    assert ok.status_code == 302
    response = stored(new_round)
    assert response.status == "submitted" and response.is_late
    assert "(late)" in bali_client.get(url).content.decode()


def test_not_yet_open_refused(bali_client, new_round):
    Survey.objects.filter(pk=new_round.pk).update(
        opens_at=timezone.now() + timedelta(days=1), deadline=timezone.now() + timedelta(days=9)
    )
    url = respond_url(new_round, "bali-process")
    refused = bali_client.post(url, form_data(new_round, version=0, q3="Too early"))
    assert refused.status_code == 403 and "opens on" in refused.content.decode()
    assert stored(new_round) is None


def test_changes_after_submission_are_kept_in_history(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, action="submit", q9="Yes", q3="One"))
    page = bali_client.get(url).content.decode()
    # A submitted response is changed by submitting again, never turned back into a draft.
    assert "Submit changes" in page and 'value="draft"' not in page
    refused = bali_client.post(url, form_data(new_round, version=1, q3="Draft?"))
    assert refused.status_code == 400 and "has been submitted" in refused.content.decode()
    bali_client.post(url, form_data(new_round, version=1, action="submit", q9="No", q3="Two"))
    three = answer(new_round, 3)
    assert three.text == "Two"
    assert [h.text for h in three.history.order_by("history_date")] == ["One", "Two"]
    nine = answer(new_round, 9)
    assert [c.label for c in nine.choices.all()] == ["No"]
    old_choices = [
        [c.choice.label for c in h.choices.all()] for h in nine.history.order_by("history_date")
    ]
    assert ["Yes"] in old_choices and old_choices[-1] == ["No"]
    response = stored(new_round)
    assert response.history.filter(status="submitted").count() == 2
    assert response.history.first().history_user.username == "bali-chair"


def test_unchanged_answers_get_no_new_history_row(bali_client, new_round):
    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="Same", q4="Changes"))
    bali_client.post(url, form_data(new_round, version=1, q3="Same", q4="Changed"))
    assert answer(new_round, 3).history.count() == 1
    assert answer(new_round, 4).history.count() == 2


def test_submission_is_atomic(bali_client, new_round, monkeypatch):
    """A failure while storing the answers leaves the earlier state whole."""
    import surveys.services as services

    url = respond_url(new_round, "bali-process")
    bali_client.post(url, form_data(new_round, version=0, q3="Kept draft"))
    real = services.answer_set_choices
    calls = []

    def failing(*, answer, choices):
        calls.append(answer.question.number)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(answer=answer, choices=choices)

    monkeypatch.setattr(services, "answer_set_choices", failing)
    with pytest.raises(RuntimeError):
        bali_client.post(url, form_data(new_round, version=1, action="submit", q3="New", q9="Yes"))
    response = stored(new_round)
    assert response.status == "draft" and response.version == 1
    assert answer(new_round, 3).text == "Kept draft"
    assert not Answer.objects.filter(response=response, question__number=9).exists()


def _add_questions(survey, count):
    for n in range(100, 100 + count):
        question = Question.objects.create(
            survey=survey, number=n, text=f"Extra {n}", kind="multiple" if n % 2 else "text"
        )
        for position in range(3):
            question.choices.create(position=position, label=f"Option {position}")


def test_questionnaire_page_query_count_is_pinned(
    bali_client, new_round, django_assert_max_num_queries
):
    """The page costs the same whether empty, answered, or twice as long."""
    url = respond_url(new_round, "bali-process")
    # Session, user, permissions (2), invitation with membership, questions, options,
    # response; savepoint and release (ATOMIC_REQUESTS).
    with django_assert_max_num_queries(10):
        assert bali_client.get(url).status_code == 200
    bali_client.post(
        url,
        form_data(
            new_round,
            version=0,
            q3="a",
            q4="b",
            q6="Yes",
            q7=["Other:"],
            q7_other="c",
            q9="Yes",
            q10=["Other:"],
        ),
    )
    # Answers and their options: two more, whatever their number.
    with django_assert_max_num_queries(12) as answered:
        assert bali_client.get(url).status_code == 200
    _add_questions(new_round, 25)
    with django_assert_max_num_queries(len(answered.captured_queries)):
        page = bali_client.get(url)
    assert "Extra 124" in page.content.decode()
