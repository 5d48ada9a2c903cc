"""A judge opens only what they were given and are free of conflict with; refusals are logged."""

import logging

import pytest
from django.urls import reverse

from tests.factories import make_application, make_cycle, make_judge, make_member, make_user
from wego.accounts.models import Role
from wego.awards.models import Assignment, Conflict
from wego.awards.services.panel import declare_conflict, refresh_conflicts

pytestmark = pytest.mark.django_db


@pytest.fixture
def judging():
    cycle = make_cycle(phase="judging")
    seoul = make_member(name="Seoul", name_en="Seoul", country="KR")
    application = make_application(cycle, member=seoul, title="Seoul open data plaza")
    return cycle, seoul, application


def refusals(caplog):
    return [r for r in caplog.records if r.name == "wego.security"]


def test_a_conflicted_application_is_refused_and_logged(client, caplog, judging):
    cycle, _seoul, application = judging
    korean = make_judge(cycle, country="KR")
    # Assigned before the conflict was known: the conflict still wins.
    Assignment.objects.create(judge=korean, application=application)
    Conflict.objects.create(judge=korean, application=application, reason="own-country")
    client.force_login(korean.user)

    with caplog.at_level(logging.WARNING, logger="wego.security"):
        response = client.get(reverse("awards:score", args=[application.pk]))

    assert response.status_code == 403
    assert "Seoul open data plaza" not in response.content.decode()
    [record] = refusals(caplog)
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert f"user {korean.user.pk}" in message and f"application {application.pk}" in message
    assert "conflict of interest" in message


def test_a_refreshed_conflict_closes_the_page_to_an_assigned_judge(client, caplog, judging):
    cycle, seoul, application = judging
    judge = make_judge(cycle, country="FR", member=seoul)  # works for Seoul
    Assignment.objects.create(judge=judge, application=application)
    client.force_login(judge.user)
    refresh_conflicts(cycle)

    with caplog.at_level(logging.WARNING, logger="wego.security"):
        assert client.get(reverse("awards:score", args=[application.pk])).status_code == 403
        assert client.post(reverse("awards:score", args=[application.pk]), {}).status_code == 403
    assert all("conflict of interest" in r.getMessage() for r in refusals(caplog))
    assert len(refusals(caplog)) == 2


def test_an_unassigned_application_is_refused_and_logged(client, caplog, judging):
    cycle, _seoul, application = judging
    judge = make_judge(cycle, country="FI")
    client.force_login(judge.user)

    with caplog.at_level(logging.WARNING, logger="wego.security"):
        response = client.get(reverse("awards:score", args=[application.pk]))

    assert response.status_code == 403
    [record] = refusals(caplog)
    assert "not assigned" in record.getMessage()


def test_a_judge_of_another_cycle_cannot_open_this_one(client, caplog, judging):
    _cycle, _seoul, application = judging
    elsewhere = make_judge(make_cycle(phase="judging"), country="FI")
    client.force_login(elsewhere.user)

    with caplog.at_level(logging.WARNING, logger="wego.security"):
        assert client.get(reverse("awards:score", args=[application.pk])).status_code == 403
    assert "not assigned" in refusals(caplog)[0].getMessage()


@pytest.mark.parametrize("role", [Role.CITY_USER, Role.FOCAL_POINT, Role.SECRETARIAT])
def test_other_roles_are_refused_and_logged_as_not_judges(client, caplog, judging, role):
    _cycle, seoul, application = judging
    user = make_user(role, member=seoul if role != Role.SECRETARIAT else None)
    client.force_login(user)

    with caplog.at_level(logging.WARNING, logger="wego.security"):
        response = client.get(reverse("awards:score", args=[application.pk]))

    assert response.status_code == 403
    assert "not a judge" in refusals(caplog)[0].getMessage()
    assert client.get(reverse("awards:judging")).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, judging):
    _cycle, _seoul, application = judging
    for url in (reverse("awards:score", args=[application.pk]), reverse("awards:judging")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_a_declared_tie_hides_the_application_from_the_list(client, judging):
    cycle, _seoul, application = judging
    judge = make_judge(cycle, country="FI")
    assignment = Assignment.objects.create(judge=judge, application=application)
    client.force_login(judge.user)
    assert "Seoul open data plaza" in client.get(reverse("awards:judging")).content.decode()

    declare_conflict(judge, application, "Former adviser to the city.", None)

    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert "Seoul open data plaza" not in client.get(reverse("awards:judging")).content.decode()
    assert client.get(reverse("awards:score", args=[application.pk])).status_code == 403


def test_an_unknown_application_is_not_found(client):
    judge = make_judge(make_cycle(phase="judging"))
    client.force_login(judge.user)
    assert client.get(reverse("awards:score", args=[999999])).status_code == 404
