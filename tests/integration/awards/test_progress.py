"""The secretariat follows the applications and the judges' progress, and chases late judges."""

import csv
import io
import socket
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import (
    make_application,
    make_cycle,
    make_judge,
    make_member,
    make_secretariat,
    make_user,
)
from wego.accounts.models import Role
from wego.awards.models import Assignment, Review
from wego.awards.services.reviews import progress

pytestmark = pytest.mark.django_db


@pytest.fixture
def judging():
    """Three applications, three judges: one done, one halfway, one who has not started."""
    cycle = make_cycle(phase="judging", time_zone="Asia/Seoul", judges_per_application=2)
    seoul = make_member(name="Seoul", name_en="Seoul", country="KR")
    tunis = make_member(name="Tunis", name_en="Tunis", country="TN")
    first = make_application(cycle, member=seoul, category="services", title="Seoul 120 Dasan")
    second = make_application(cycle, member=tunis, category="open-city", title="Open budget")
    make_application(cycle, member=tunis, category="services", status="draft", title="Draft")
    done = make_judge(cycle, country="FI", full_name="Done Judge", email="done@example.org")
    halfway = make_judge(cycle, country="US", full_name="Half Judge", email="half@example.org")
    idle = make_judge(cycle, country="ES", full_name="Idle Judge", email="idle@example.org")
    for judge, application, status in [
        (done, first, Review.Status.SUBMITTED),
        (done, second, Review.Status.SUBMITTED),
        (halfway, first, Review.Status.SUBMITTED),
        (halfway, second, Review.Status.DRAFT),
        (idle, first, None),
        (idle, second, None),
    ]:
        assignment = Assignment.objects.create(judge=judge, application=application)
        if status:
            Review.objects.create(assignment=assignment, status=status)
    return cycle, (first, second), (done, halfway, idle)


def test_progress_counts_per_judge_and_who_is_late(judging):
    cycle, _applications, (done, halfway, idle) = judging

    result = progress(cycle)

    rows = {row.judge.pk: row for row in result.judges}
    assert (rows[done.pk].submitted, rows[done.pk].late) == (2, False)
    assert (rows[halfway.pk].submitted, rows[halfway.pk].drafts, rows[halfway.pk].late) == (
        1,
        1,
        True,
    )
    assert (rows[idle.pk].not_started, rows[idle.pk].late) == (2, True)
    assert (result.assigned, result.submitted, result.drafts, result.not_started) == (6, 3, 1, 2)
    assert result.percent == 50
    # Before the deadline nobody can score yet, so nobody is late.
    assert progress(cycle, now=cycle.deadline - timedelta(hours=1)).late == []


def test_the_manage_page_shows_applications_and_progress(client, judging):
    cycle, (first, second), (done, _halfway, idle) = judging
    client.force_login(make_secretariat())

    response = client.get(reverse("awards:manage", args=[cycle.slug]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-current="page">Applications and progress</a>' in page
    assert '<progress id="judging-progress" max="6" value="3">' in page
    assert "3 of 6 reviews submitted (50%)" in page
    assert "1 in draft, 2 not started" in page
    assert first.reference in page and "Seoul 120 Dasan" in page and "Draft" in page
    categories = response.context["categories"]
    services = next(row for row in categories if row["label"] == "Services")
    assert services["counts"] == [1, 1, 0] and services["total"] == 2
    rows = {row["application"].pk: row for row in response.context["rows"]}
    assert (rows[first.pk]["judges"], rows[first.pk]["submitted"]) == (3, 2)
    judge_rows = {row.judge.pk: row for row in response.context["progress"].judges}
    assert judge_rows[idle.pk].late and not judge_rows[done.pk].late
    assert reverse("awards:judge", args=[cycle.slug, idle.pk]) in page


def test_the_applications_list_exports_to_csv_and_excel(client, judging):
    cycle, (first, _second), _judges = judging
    client.force_login(make_secretariat())
    url = reverse("awards:manage", args=[cycle.slug])

    response = client.get(url, {"format": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Reference",
        "City",
        "Country",
        "Category",
        "Title",
        "Status",
        "Submitted at (Asia/Seoul)",
        "Judges assigned",
        "Reviews submitted",
    ]
    seoul_row = next(row for row in rows if row[0] == first.reference)
    seoul_time = timezone.localtime(first.submitted_at, ZoneInfo("Asia/Seoul"))
    assert seoul_row == [
        first.reference,
        "Seoul",
        "South Korea",
        "Services",
        "Seoul 120 Dasan",
        "Submitted",
        seoul_time.strftime("%Y-%m-%d %H:%M"),
        "3",
        "2",
    ]
    assert len(rows) == 4

    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    sheet = workbook.active
    assert sheet.max_row == 4 and sheet["A1"].value == "Reference"


def test_reminders_go_only_to_late_judges_in_their_language(client, judging, smtp_server):
    cycle, _applications, (done, halfway, idle) = judging
    idle.user.preferred_language = "ko"
    idle.user.save()
    client.force_login(make_secretariat())

    response = client.post(reverse("awards:remind", args=[cycle.slug]), follow=True)

    assert "Reminded 2 judges." in response.content.decode()
    assert sorted(m["To"] for m in smtp_server.messages) == ["half@example.org", "idle@example.org"]
    to_half = next(m for m in smtp_server.messages if m["To"] == "half@example.org")
    body = to_half.get_body(("plain",)).get_content()
    assert "1 of your 2 reviews" in body and "(Asia/Seoul)" in body
    to_idle = next(m for m in smtp_server.messages if m["To"] == "idle@example.org")
    assert "/ko/awards/judging/" in to_idle.get_body(("plain",)).get_content()
    for judge in (done, halfway, idle):
        judge.refresh_from_db()
    assert done.reminded_at is None
    assert halfway.reminded_at is not None and idle.reminded_at is not None
    page = client.get(reverse("awards:panel", args=[cycle.slug])).content.decode()
    assert "Idle Judge" in page


def test_no_reminder_once_judging_is_over(client, smtp_server):
    cycle = make_cycle(phase="deliberation")
    judge = make_judge(cycle)
    Assignment.objects.create(judge=judge, application=make_application(cycle))
    client.force_login(make_secretariat())

    response = client.post(reverse("awards:remind", args=[cycle.slug]), follow=True)

    assert "Judging ended on" in response.content.decode()
    assert smtp_server.messages == []


def test_manage_pages_are_refused_to_cities_and_judges(client, judging):
    cycle, _applications, (done, _halfway, _idle) = judging
    focal = make_user(Role.FOCAL_POINT, member=make_member())
    for user in (focal, done.user):
        client.force_login(user)
        assert client.get(reverse("awards:manage", args=[cycle.slug])).status_code == 403
        assert client.post(reverse("awards:assign", args=[cycle.slug])).status_code == 403
        assert client.post(reverse("awards:remind", args=[cycle.slug])).status_code == 403
    client.force_login(make_secretariat())
    assert client.get(reverse("awards:manage", args=["no-such-cycle"])).status_code == 404


def test_a_mail_server_that_is_down_is_reported_not_a_crash(client, judging, settings):
    cycle, _applications, (_done, halfway, idle) = judging
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    client.force_login(make_secretariat())

    response = client.post(reverse("awards:remind", args=[cycle.slug]), follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The mail server refused the reminder to: Half Judge, Idle Judge." in page
    halfway.refresh_from_db()
    assert halfway.reminded_at is None  # not reminded, so not marked as reminded
