"""The server enforces the deadline and completeness; a refused submission loses nothing."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_application, make_cycle, make_member, make_user
from wego.accounts.models import Role
from wego.awards.models import Application
from wego.awards.services import applications as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    member = make_member(name="Ulaanbaatar", name_en="Ulaanbaatar", country="MN")
    return member, make_user(Role.CITY_USER, member=member)


def typed(**overrides):
    data = {
        "title": "Smart street lights",
        "summary": "Residents report broken lights from their phones.",
        "in_operation_since": "2019",
        "answer-0": "An app and a phone line.",
        "answer-1": "40,000 reports last year.",
        "in_operation": "on",
    }
    return {**data, **overrides}


def test_a_late_submission_is_refused_with_the_deadline_and_the_draft_is_kept(client, city):
    member, user = city
    deadline = timezone.now() - timedelta(hours=1)
    cycle = make_cycle(
        "judging",
        call_opens_at=deadline - timedelta(days=60),
        deadline=deadline,
        time_zone="Asia/Ulaanbaatar",
    )
    application = make_application(cycle, member=member, status="draft", title="Old title")
    client.force_login(user)
    response = client.post(reverse("awards:submit", args=[application.pk]), typed())
    body = response.content.decode()
    assert response.status_code == 400
    local = deadline.astimezone(ZoneInfo("Asia/Ulaanbaatar"))
    assert f"{local:%H:%M} (Asia/Ulaanbaatar)" in body
    assert "applications can no longer be started or submitted" in body
    # What was typed is stored, and shown again.
    application.refresh_from_db()
    assert application.status == "draft" and application.submitted_at is None
    assert application.title == "Smart street lights"
    assert application.answers["1"] == "40,000 reports last year."
    assert 'value="Smart street lights"' in body and "40,000 reports last year.</textarea>" in body
    # The page says the deadline has passed, and offers no Submit button any more.
    page = client.get(application.get_absolute_url()).content.decode()
    assert "this draft can no longer be submitted" in page
    assert reverse("awards:submit", args=[application.pk]) not in page
    assert "40,000 reports last year." in page


def test_the_deadline_instant_itself_is_too_late(city):
    member, user = city
    cycle = make_cycle("open")
    application = make_application(
        cycle,
        member=member,
        status="draft",
        answers={"0": "An app.", "1": "Many.", "in_operation": True},
    )
    with pytest.raises(service.Refused):
        service.submit(application, user, now=cycle.deadline)
    assert Application.objects.get().status == "draft"
    service.submit(application, user, now=cycle.deadline - timedelta(seconds=1))
    assert Application.objects.get().status == "submitted"


def test_an_incomplete_submission_names_the_missing_fields_and_keeps_the_text(client, city):
    member, user = city
    cycle = make_cycle("open")
    application = make_application(cycle, member=member, status="draft")
    client.force_login(user)
    response = client.post(
        reverse("awards:submit", args=[application.pk]),
        typed(summary="", **{"answer-1": "  "}, in_operation_since=""),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert (
        "To submit, fill in: Summary; Who uses it, and how many people did it reach in the last "
        "year?; In operation since (year)"
    ) in body
    assert '<a href="#id_summary">Summary: Fill this in to submit the application.</a>' in body
    assert 'aria-describedby="id_summary_helptext id_summary_error"' in body
    assert "An app and a phone line.</textarea>" in body  # what was typed stays
    application.refresh_from_db()
    assert application.status == "draft" and application.answers["0"] == "An app and a phone line."


def test_the_practice_must_be_in_operation_and_not_start_in_the_future(client, city):
    member, user = city
    cycle = make_cycle("open")
    application = make_application(cycle, member=member, status="draft")
    client.force_login(user)
    next_year = str(timezone.now().year + 1)
    data = typed(in_operation_since=next_year)
    del data["in_operation"]
    response = client.post(reverse("awards:submit", args=[application.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "In operation since (year): The year cannot be in the future." in body
    assert (
        "The practice is in operation today: Tick this box to submit: only practices in "
        "operation can apply."
    ) in body
    assert f'value="{next_year}"' in body
    application.refresh_from_db()
    assert application.status == "draft" and application.answers["in_operation"] is False


def test_a_submit_button_without_the_form_checks_what_is_stored(client, city):
    member, user = city
    application = make_application(make_cycle("open"), member=member, status="draft")
    client.force_login(user)
    response = client.post(reverse("awards:submit", args=[application.pk]))
    assert response.status_code == 400
    assert "To submit, fill in: Which services are offered online" in response.content.decode()


def test_a_submitted_application_cannot_be_submitted_or_changed_again(client, city):
    member, user = city
    application = make_application(make_cycle("open"), member=member, title="As submitted")
    client.force_login(user)
    for url in (application.get_absolute_url(), reverse("awards:submit", args=[application.pk])):
        response = client.post(url, typed(title="Changed after"))
        assert response.status_code == 400
        assert "This application is submitted: it can no longer be changed." in (
            response.content.decode()
        )
    application.refresh_from_db()
    assert application.title == "As submitted"


@pytest.mark.parametrize(
    "phase, message",
    [
        ("judging", "applications can no longer be started or submitted"),
        ("upcoming", "The call for applications opens on"),
    ],
)
def test_no_application_starts_outside_the_call(client, city, phase, message):
    _member, user = city
    cycle = make_cycle(phase)
    client.force_login(user)
    page = client.get(reverse("awards:apply", args=[cycle.slug]))
    assert message in page.content.decode() and 'name="source"' not in page.content.decode()
    response = client.post(
        reverse("awards:apply", args=[cycle.slug]),
        {"source": "new", "title": "Too late", "category": "services"},
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Application.objects.exists()


def test_the_deadline_shows_in_the_cycle_zone_on_the_application(client, city):
    member, user = city
    cycle = make_cycle(
        "judging",
        call_opens_at=datetime(2026, 3, 1, tzinfo=UTC),
        deadline=datetime(2026, 6, 30, 14, 59, tzinfo=UTC),
        judging_ends_at=timezone.now() + timedelta(days=5),
    )
    application = make_application(cycle, member=member, status="draft")
    client.force_login(user)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "The deadline was 30 June 2026, 23:59 (Asia/Seoul)" in page
