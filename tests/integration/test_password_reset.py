import re

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_password_reset_by_email_over_smtp(client, smtp_server):
    user = make_user(email="officer@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "officer@example.org"})
    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    assert smtp_server.messages[0]["Subject"] == "Reset your WeGO Platform password"
    link = re.search(r"http://\S+", smtp_server.body()).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    response = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "harbour-lights-77",
            "new_password2": "harbour-lights-77",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("harbour-lights-77")


def test_unknown_address_sends_nothing_and_reveals_nothing(client, smtp_server):
    response = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert "Check your email" in response.content.decode()
    assert smtp_server.messages == []


def test_login_error_keeps_the_email(client):
    make_user(email="officer@example.org")
    response = client.post(
        reverse("accounts:login"), {"username": "officer@example.org", "password": "wrong"}
    )
    page = response.content.decode()
    assert "The email address or password is not right" in page
    assert 'value="officer@example.org"' in page


def test_login_with_any_letter_case(client):
    make_user(email="officer@example.org")
    response = client.post(
        reverse("accounts:login"),
        {
            "username": "Officer@Example.org",
            "password": "a-long-test-password-42",
        },
    )
    assert response.status_code == 302
