"""The main navigation leads secretariats to their questionnaires."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_sees_the_log_in_link(client):
    page = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in page
    assert "My questionnaires" not in page


def test_logged_in_user_sees_their_questionnaires_link(client):
    user = get_user_model().objects.create_user("sec", password="a-long-pass-123")
    client.force_login(user)
    page = client.get("/").content.decode()
    assert 'href="/accounts/questionnaires/"' in page
    assert 'href="/accounts/login/"' not in page
