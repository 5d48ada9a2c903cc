"""Sign-in throttling (django-axes): too many wrong passwords for one account, or from one
address, pause signing in there, with a clear message; the right password then does not help."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, make_user

LOGIN = "/accounts/login/"


def sign_in(client, email, password, address="203.0.113.7"):
    data = {"username": email, "password": password}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, settings):
    user = make_user(email="focal@seoul.example")
    answers = [sign_in(client, user.email, f"wrong-{n}").status_code for n in range(30)]
    limit = settings.LOGIN_FAILURE_LIMIT
    assert answers[: limit - 1] == [200] * (limit - 1)  # the form again, "not right"
    assert set(answers[limit:]) == {429}
    right = sign_in(client, user.email, PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert "Too many failed sign-ins for this account or from this network" in page
    assert f"paused for {settings.LOGIN_LOCKOUT_MINUTES} minutes" in page
    assert 'value="focal@seoul.example"' in page  # what the person typed is kept
    assert reverse("accounts:password_reset") in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_account_is_locked_from_any_address_in_any_letter_case(client, settings):
    user = make_user(email="someone@city.example")
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        typed = user.email.upper() if n % 2 else user.email
        sign_in(client, typed, "wrong", address=f"198.51.100.{n}")
    assert sign_in(client, user.email, PASSWORD, address="192.0.2.99").status_code == 429


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_paused(client, settings):
    people = [make_user() for _ in range(settings.LOGIN_FAILURE_LIMIT + 1)]
    for person in people[:-1]:
        sign_in(client, person.email, "Summer2026!")
    last = people[-1]
    assert sign_in(client, last.email, PASSWORD).status_code == 429
    # The same person from another network is not held up by that address.
    assert sign_in(client, last.email, PASSWORD, address="192.0.2.50").status_code == 302


@pytest.mark.django_db
def test_a_few_mistakes_then_success_clears_the_count(client, settings):
    user = make_user()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, user.email, "wrong")
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, user.email, "wrong")
    assert sign_in(client, user.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_visitor_address_counts(client, settings):
    """Behind a trusted proxy every request comes from the proxy's address: the visitor's is the
    one the proxy wrote last into X-Forwarded-For (what the client wrote before it is not
    trusted)."""
    settings.TRUSTED_PROXY_COUNT = 1
    people = [make_user() for _ in range(settings.LOGIN_FAILURE_LIMIT + 1)]
    for person in people[:-1]:
        client.post(
            LOGIN,
            {"username": person.email, "password": "wrong"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
        )
    other_visitor = client.post(
        LOGIN,
        {"username": people[-1].email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert other_visitor.status_code == 302
