"""Logins: lockout after repeated failures (admin and token endpoint), session handling."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session

TOKEN_URL = "/api/v1/auth/token/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staff-editor", password="right-pass-123", is_staff=True, is_superuser=True
    )


def fail_admin_login(client, times, username="staff-editor"):
    return [
        client.post(ADMIN_LOGIN, {"username": username, "password": "wrong"}).status_code
        for _ in range(times)
    ]


def test_admin_lockout_after_repeated_failures(client, staff):
    limit = settings.AXES_FAILURE_LIMIT
    # Below the limit the form just says the password is wrong.
    assert fail_admin_login(client, limit - 1) == [200] * (limit - 1)
    locked = client.post(ADMIN_LOGIN, {"username": "staff-editor", "password": "wrong"})
    assert locked.status_code == 429
    assert b"Too many failed login attempts" in locked.content
    assert int(locked["Retry-After"]) > 0
    # Even the right password is refused while locked out, and no session is opened.
    right = client.post(ADMIN_LOGIN, {"username": "staff-editor", "password": "right-pass-123"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_ip(client, staff, django_user_model):
    """Another account from the same address, or the same account from elsewhere, still
    logs in: an attacker cannot lock everybody out."""
    django_user_model.objects.create_user("other", password="other-pass-123", is_staff=True)
    fail_admin_login(client, settings.AXES_FAILURE_LIMIT)
    other = client.post(ADMIN_LOGIN, {"username": "other", "password": "other-pass-123"})
    assert other.status_code == 302
    client.logout()
    elsewhere = client.post(
        ADMIN_LOGIN,
        {"username": "staff-editor", "password": "right-pass-123"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert elsewhere.status_code == 302


def test_success_below_the_limit_resets_the_count(client, staff):
    fail_admin_login(client, settings.AXES_FAILURE_LIMIT - 1)
    ok = client.post(ADMIN_LOGIN, {"username": "staff-editor", "password": "right-pass-123"})
    assert ok.status_code == 302
    client.logout()
    # The earlier failures no longer count: one more failure does not lock.
    assert fail_admin_login(client, 1) == [200]


def test_token_endpoint_lockout(client, staff):
    limit = settings.AXES_FAILURE_LIMIT
    for _ in range(limit - 1):
        response = client.post(TOKEN_URL, {"username": "staff-editor", "password": "wrong"})
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert "Unable to log in" in response.json()["errors"][0]["message"]
    locked = client.post(TOKEN_URL, {"username": "staff-editor", "password": "wrong"})
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.json()["detail"]
    right = client.post(TOKEN_URL, {"username": "staff-editor", "password": "right-pass-123"})
    assert right.status_code == 429
    assert AccessAttempt.objects.filter(username="staff-editor").exists()


def test_token_endpoint_issues_a_token(client, staff):
    response = client.post(TOKEN_URL, {"username": "staff-editor", "password": "right-pass-123"})
    assert response.status_code == 200
    body = response.json()
    assert len(body["token"]) == 40 and body["expires"]
    # The same token again on a second call (one per user).
    again = client.post(TOKEN_URL, {"username": "staff-editor", "password": "right-pass-123"})
    assert again.json()["token"] == body["token"]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"username": "staff-editor"},
        {"username": "", "password": "y"},
        {"username": "x" * 10_000, "password": "y"},
    ],
)
def test_token_endpoint_bad_input_is_400(client, staff, payload):
    assert client.post(TOKEN_URL, payload).status_code == 400


def test_session_key_changes_at_login_and_logout_ends_it(client, staff):
    # An anonymous session exists before login (e.g. a fixed session an attacker planted).
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key
    response = client.post(ADMIN_LOGIN, {"username": "staff-editor", "password": "right-pass-123"})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert client.get("/admin/").status_code == 200

    assert client.post("/admin/logout/").status_code == 200
    assert not Session.objects.filter(session_key=after).exists()
    # The old cookie no longer opens the admin.
    client.cookies[settings.SESSION_COOKIE_NAME] = after
    assert client.get("/admin/").status_code == 302


def test_session_cookie_flags(client, staff):
    response = client.post(ADMIN_LOGIN, {"username": "staff-editor", "password": "right-pass-123"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
