"""Secretariat accounts: each sees and answers only its own mechanisms' questionnaires."""

import pytest
from django.contrib.auth import get_user_model

from surveys.models import Response

from .conftest import PASSWORD, form_data, make_secretariat, respond_url

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_login_page(client, new_round):
    url = respond_url(new_round, "bali-process")
    answer = client.get(url)
    assert answer.status_code == 302
    assert answer["Location"] == f"/accounts/login/?next={url}"
    # Posting anonymously saves nothing either.
    client.post(url, form_data(new_round, version=0, q3="anon"))
    assert not Response.objects.filter(survey=new_round).exists()


def test_plain_login_page_logs_a_secretariat_in_without_staff_status(client, bali_user, new_round):
    url = respond_url(new_round, "bali-process")
    page = client.get(f"/accounts/login/?next={url}")
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    logged_in = client.post(
        "/accounts/login/", {"username": "bali-chair", "password": PASSWORD, "next": url}
    )
    assert logged_in.status_code == 302 and logged_in["Location"] == url
    assert not bali_user.is_staff
    assert client.get(url).status_code == 200
    wrong = client.post("/accounts/login/", {"username": "bali-chair", "password": "nope"})
    assert wrong.status_code == 200 and "did not match" in wrong.content.decode()


def test_second_secretariat_cannot_open_the_first_ones_response(
    client, bali_user, rabat_user, new_round
):
    client.force_login(bali_user)
    client.post(respond_url(new_round, "bali-process"), form_data(new_round, version=0, q3="Ours"))
    client.force_login(rabat_user)
    assert client.get(respond_url(new_round, "rabat-process")).status_code == 200
    # Guessing the other mechanism's slug: 404, reading or writing.
    assert client.get(respond_url(new_round, "bali-process")).status_code == 404
    posted = client.post(
        respond_url(new_round, "bali-process"), form_data(new_round, version=1, q3="Theirs")
    )
    assert posted.status_code == 404
    assert (
        new_round.responses.get(mechanism__slug="bali-process").answers.get(question__number=3).text
        == "Ours"
    )
    # A mechanism not invited, an unknown mechanism or survey: the same 404.
    for url in (
        respond_url(new_round, "idm"),
        respond_url(new_round, "no-such-mechanism"),
        "/surveys/no-such-survey/respond/rabat-process/",
        "/surveys/imrf-inputs-2025/respond/1/",
    ):
        assert client.get(url).status_code == 404, url


def test_user_with_several_mechanisms_answers_for_each(client, new_round):
    from mechanisms.models import Mechanism
    from secretariats.models import Membership

    user = make_secretariat("two-hats", "bali-process")
    Membership.objects.create(
        user=user, mechanism=Mechanism.objects.get(slug="rabat-process"), role="representative"
    )
    client.force_login(user)
    assert client.get(respond_url(new_round, "bali-process")).status_code == 200
    assert client.get(respond_url(new_round, "rabat-process")).status_code == 200
    assert client.get(respond_url(new_round, "khartoum-process")).status_code == 404
    mine = client.get("/accounts/questionnaires/").content.decode()
    for slug in ("bali-process", "rabat-process"):
        assert f"/surveys/imrf-inputs-2025/respond/{slug}/" in mine


def test_my_questionnaires_lists_only_my_mechanisms(client, bali_user, new_round):
    client.force_login(bali_user)
    page = client.get("/accounts/questionnaires/").content.decode()
    assert "/surveys/imrf-inputs-2025/respond/bali-process/" in page
    assert "rabat-process" not in page
    assert "Not started" in page


def test_a_user_without_membership_sees_no_questionnaire(client, new_round):
    user = get_user_model().objects.create_user("nobody", password=PASSWORD)
    client.force_login(user)
    assert client.get(respond_url(new_round, "bali-process")).status_code == 404


# --- The API hides other mechanisms' drafts --------------------------------------------


def test_api_hides_drafts_from_others_and_shows_own(client, bali_user, rabat_user, new_round):
    client.force_login(bali_user)
    client.post(respond_url(new_round, "bali-process"), form_data(new_round, version=0, q3="x"))
    draft = new_round.responses.get(mechanism__slug="bali-process")

    def visible(as_user):
        client.logout()
        if as_user:
            client.force_login(as_user)
        listed = client.get("/api/v1/responses/", {"survey": "imrf-inputs-2025"}).json()
        by_id = client.get(f"/api/v1/responses/{draft.pk}/")
        return [r["mechanism"] for r in listed["results"]], by_id.status_code

    assert visible(bali_user) == (["bali-process"], 200)
    assert visible(rabat_user) == ([], 404)
    assert visible(None) == ([], 404)
    # Submitted seeded answers stay public, for everyone.
    client.logout()
    seeded = client.get("/api/v1/responses/", {"survey": "imrf-inputs-2021"}).json()
    assert seeded["count"] == 15
    client.force_login(rabat_user)
    assert client.get("/api/v1/responses/", {"survey": "imrf-inputs-2021"}).json()["count"] == 15


def test_api_shows_drafts_to_staff_who_read_responses(client, viewer, bali_user, new_round):
    client.force_login(bali_user)
    client.post(respond_url(new_round, "bali-process"), form_data(new_round, version=0, q3="x"))
    client.force_login(viewer)
    listed = client.get("/api/v1/responses/", {"survey": "imrf-inputs-2025"}).json()
    assert [r["status"] for r in listed["results"]] == ["draft"]


def test_secretariat_cannot_write_through_the_api(client, bali_user, new_round):
    client.force_login(bali_user)
    created = client.post(
        "/api/v1/responses/",
        {"survey": "imrf-inputs-2025", "mechanism": "bali-process", "status": "submitted"},
        content_type="application/json",
    )
    assert created.status_code == 403
    assert not new_round.responses.exists()
