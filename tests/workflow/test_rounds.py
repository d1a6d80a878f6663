"""Staff run rounds: copy a questionnaire, follow each mechanism's status, export answers."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from mechanisms.models import Mechanism
from surveys.models import Invitation, Question, Survey
from surveys.services import survey_copy

from .conftest import form_data, make_secretariat, respond_url

pytestmark = pytest.mark.django_db


def test_survey_copy_copies_every_question_and_option(new_round):
    source = Survey.objects.get(slug="imrf-inputs-2021")
    assert new_round.copied_from == source
    originals = list(source.questions.prefetch_related("choices", "sources"))
    copies = {q.number: q for q in new_round.questions.prefetch_related("choices", "sources")}
    assert len(copies) == len(originals) == 18
    for original in originals:
        copy = copies[original.number]
        assert copy.copied_from_id == original.pk
        assert (copy.text, copy.kind) == (original.text, original.kind)
        assert [c.label for c in copy.choices.all()] == [c.label for c in original.choices.all()]
        assert set(copy.sources.all()) == set(original.sources.all())
    # The copy has no answers: nothing of 2021 counts in the new round.
    assert not new_round.responses.exists()
    assert new_round.invitations.count() == source.invitations.count() == 29
    # The source is untouched.
    assert source.questions.count() == 18 and source.responses.count() == 15


def test_survey_copy_refuses_bad_rounds_and_leaves_nothing(new_round):
    source = Survey.objects.get(slug="imrf-inputs-2021")
    with pytest.raises(ValidationError):
        survey_copy(source=source, slug="imrf-inputs-2025", title="Same slug")
    now = timezone.now()
    with pytest.raises(ValidationError, match="deadline must come after"):
        survey_copy(
            source=source, slug="backwards", title="t", opens_at=now, deadline=now - timedelta(1)
        )
    assert not Survey.objects.filter(slug="backwards").exists()
    assert Question.objects.filter(survey__slug="backwards").count() == 0


def test_admin_action_creates_a_round(admin_client):
    source = Survey.objects.get(slug="imrf-inputs-2021")
    url = "/admin/surveys/survey/"
    form = admin_client.post(url, {"action": "copy_round", "_selected_action": [source.pk]})
    assert form.status_code == 200 and 'name="slug"' in form.content.decode()
    created = admin_client.post(
        url,
        {
            "action": "copy_round",
            "_selected_action": [source.pk],
            "apply": "1",
            "slug": "round-2026",
            "title": "Round 2026",
            "year": "2026",
            "opens_at": "2026-01-10",
            "deadline": "2026-02-10",
            "late_policy": "accept",
            "invite_same": "on",
        },
    )
    assert created.status_code == 302
    survey = Survey.objects.get(slug="round-2026")
    assert survey.late_policy == "accept" and survey.deadline.month == 2
    assert survey.questions.count() == 18 and survey.invitations.count() == 29
    # A bad form re-renders with the error and creates nothing.
    again = admin_client.post(
        url,
        {
            "action": "copy_round",
            "_selected_action": [source.pk],
            "apply": "1",
            "slug": "round-2026",
            "title": "Again",
            "late_policy": "accept",
        },
    )
    assert again.status_code == 200 and "already exists" in again.content.decode()
    assert Survey.objects.filter(slug="round-2026").count() == 1


def test_questions_and_options_are_editable_in_the_admin(admin_client, new_round):
    question = new_round.questions.get(number=9)
    page = admin_client.get(f"/admin/surveys/question/{question.pk}/change/")
    assert page.status_code == 200 and "choices-TOTAL_FORMS" in page.content.decode()


def _status_rows(html):
    import re

    return dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td class="status-(\w+)">', html))


def test_status_page_shows_each_mechanism(admin_client, client, new_round):
    names = {
        slug: Mechanism.objects.get(slug=slug).name
        for slug in ("bali-process", "rabat-process", "khartoum-process")
    }
    for slug in names:
        make_secretariat(f"sec-{slug}", slug)
    client.force_login(get_user("sec-khartoum-process"))
    client.post(respond_url(new_round, "khartoum-process"), form_data(new_round, version=0, q3="d"))
    client.force_login(get_user("sec-bali-process"))
    client.post(
        respond_url(new_round, "bali-process"),
        form_data(new_round, version=0, action="submit", q9="Yes"),
    )
    Survey.objects.filter(pk=new_round.pk).update(
        deadline=timezone.now() - timedelta(minutes=1), late_policy="accept"
    )
    client.force_login(get_user("sec-rabat-process"))
    client.post(
        respond_url(new_round, "rabat-process"),
        form_data(new_round, version=0, action="submit", q9="No"),
    )
    page = admin_client.get(f"/admin/surveys/survey/{new_round.pk}/status/")
    assert page.status_code == 200
    html = page.content.decode()
    rows = _status_rows(html)
    assert len(rows) == 29
    assert rows[names["bali-process"]] == "submitted"
    assert rows[names["rabat-process"]] == "late"
    assert rows[names["khartoum-process"]] == "draft"
    assert list(rows.values()).count("invited") == 26
    assert "26 not started, 1 draft, 1 submitted, 1 late" in html
    # The changelist links to it.
    assert (
        f"/admin/surveys/survey/{new_round.pk}/status/"
        in admin_client.get("/admin/surveys/survey/").content.decode()
    )


def get_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_status_page_query_count_does_not_grow(
    admin_client, new_round, django_assert_max_num_queries
):
    url = f"/admin/surveys/survey/{new_round.pk}/status/"
    admin_client.get(url)
    Invitation.objects.filter(survey=new_round).exclude(mechanism__slug="bali-process").delete()
    with django_assert_max_num_queries(12) as one:
        assert admin_client.get(url).status_code == 200
    invited = [i.mechanism for i in Survey.objects.get(slug="imrf-inputs-2021").invitations.all()]
    for mechanism in invited[:25]:
        Invitation.objects.get_or_create(survey=new_round, mechanism=mechanism)
        make_secretariat(f"u-{mechanism.slug}", mechanism.slug)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_status_page_and_exports_are_staff_only(client, bali_user, viewer, new_round):
    client.force_login(bali_user)
    for suffix in ("status/", "export.csv", "export.xlsx"):
        answer = client.get(f"/admin/surveys/survey/{new_round.pk}/{suffix}")
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
    client.force_login(viewer)  # staff who may read responses
    viewer.is_staff = True
    viewer.save()
    assert client.get(f"/admin/surveys/survey/{new_round.pk}/export.csv").status_code == 200
    assert client.get(f"/admin/surveys/survey/{new_round.pk}/export.pdf").status_code == 404


def _submit_bali(client, survey, **answers):
    client.force_login(make_secretariat("exp-bali", "bali-process"))
    client.post(
        respond_url(survey, "bali-process"),
        form_data(survey, version=0, action="submit", **answers),
    )


def test_export_csv_and_xlsx_hold_all_answers(admin_client, client, new_round):
    _submit_bali(
        client,
        new_round,
        q9="Yes",
        q10=["Other:"],
        q10_other='=HYPERLINK("http://evil")',
        q11="Déjà vu, “quoted”, <b>",
    )
    csv_answer = admin_client.get(f"/admin/surveys/survey/{new_round.pk}/export.csv")
    assert csv_answer["Content-Type"].startswith("text/csv")
    assert "imrf-inputs-2025-answers.csv" in csv_answer["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_answer.content.decode())))
    by_q = {int(r["question"]): r for r in rows}
    assert set(by_q) == {9, 10, 11}
    assert by_q[9]["choices"] == "Yes" and by_q[9]["status"] == "submitted"
    assert by_q[11]["text"] == "Déjà vu, “quoted”, <b>"
    # A formula is neutralised for spreadsheets.
    assert by_q[10]["text"].startswith("'=HYPERLINK")
    xlsx = admin_client.get(f"/admin/surveys/survey/{new_round.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][0] == "survey" and len(values) == len(rows) + 1
    assert any(row[6] == 11 and row[9] == "Déjà vu, “quoted”, <b>" for row in values[1:])


def test_export_of_seeded_2021_survey(admin_client):
    survey = Survey.objects.get(slug="imrf-inputs-2021")
    rows = list(
        csv.DictReader(
            io.StringIO(
                admin_client.get(f"/admin/surveys/survey/{survey.pk}/export.csv").content.decode()
            )
        )
    )
    assert len({r["mechanism"] for r in rows}) == 15


def test_two_rounds_side_by_side_on_the_survey_page(client, new_round):
    _submit_bali(client, new_round, q9="Undecided")
    page = client.get(new_round.get_absolute_url()).content.decode()
    assert "Compared with the earlier round" in page
    section = page[page.index('id="round-q9"') :]
    section = section[: section.index("</table>")]
    # 2021 as stored (15 respondents) beside the new round (1 respondent).
    assert "2021 (15 respondents)" in section and "2025 (1 respondents)" in section
    undecided = section[section.index("Undecided") :]
    assert '<td class="num">1 (100%)</td>' in undecided.split("</tr>")[0]


def test_survey_page_query_count_does_not_grow_with_compared_questions(
    client, new_round, django_assert_max_num_queries
):
    _submit_bali(client, new_round, q9="Yes")
    url = new_round.get_absolute_url()
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    Question.objects.filter(survey=new_round).exclude(number__in=[9, 18]).update(copied_from=None)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(url)


def test_copy_form_prefills_the_next_round_with_date_pickers_and_a_breadcrumb(admin_client):
    """Regression (issue 15): no date picker, no prefilled slug, no breadcrumb."""
    source = Survey.objects.get(slug="imrf-inputs-2021")
    page = admin_client.post(
        "/admin/surveys/survey/", {"action": "copy_round", "_selected_action": [source.pk]}
    ).content.decode()
    assert 'type="date" name="opens_at"' in page and 'type="date" name="deadline"' in page
    assert 'name="slug" value="imrf-inputs-2022"' in page
    assert 'name="year" value="2022"' in page
    assert 'class="breadcrumbs"' in page and "New round" in page


def test_survey_change_page_links_the_rounds_pages(admin_client):
    survey = Survey.objects.get(slug="imrf-inputs-2021")
    page = admin_client.get(f"/admin/surveys/survey/{survey.pk}/change/").content.decode()
    assert f'href="/admin/surveys/survey/{survey.pk}/status/"' in page
    assert f"/admin/surveys/question/?survey__id__exact={survey.pk}" in page
    assert f"/admin/surveys/response/?survey__id__exact={survey.pk}" in page
