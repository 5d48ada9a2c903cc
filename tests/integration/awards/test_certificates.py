"""Winners' certificates as PDF, read back with pdftotext (poppler-utils)."""

import subprocess
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_application, make_cycle, make_member, make_user
from tests.integration.awards.results_helpers import decide
from wego.accounts.models import Role

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def page_count(data: bytes) -> int:
    return pdf_text(data).count("\f")


@pytest.fixture
def winner():
    # 31 May 2014, 16:00 UTC is already 1 June in Seoul: the certificate shows Seoul's date.
    cycle = make_cycle(
        "deliberation",
        name="2nd WeGO Awards 2014",
        time_zone="Asia/Seoul",
        results_published_at=datetime(2014, 5, 31, 16, 0, tzinfo=UTC),
    )
    seoul = make_member(name="Seoul", name_en="Seoul", name_ar="سيول", country="KR")
    application = make_application(cycle, seoul, title="mVoting: the citizens decide")
    decide(application, "best")
    return application


def certificate_url(application):
    return reverse(
        "awards:certificate", kwargs={"slug": application.cycle.slug, "pk": application.pk}
    )


def test_certificate_of_a_winner(client, winner):
    response = client.get(certificate_url(winner))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "2nd WeGO Awards 2014" in text
    assert "Best e-Government Prize" in text
    assert "Seoul, South Korea" in text
    assert "mVoting: the citizens decide" in text
    assert "Services" in text
    assert "1 June 2014" in text  # the announcement as a clock in Seoul showed it


def test_certificate_in_arabic(client, winner):
    response = client.get("/ar" + certificate_url(winner))
    assert response.status_code == 200
    text = pdf_text(response.content)
    # pdftotext gives right-to-left text in reading order, or (older versions) reversed.
    for word in ("سيول", "جائزة"):
        assert word in text or word[::-1] in text


def test_no_certificate_for_an_application_without_a_prize(client, winner):
    cycle = winner.cycle
    no_prize = make_application(cycle)
    decide(no_prize, "")
    undecided = make_application(cycle)
    client.force_login(make_user(Role.SECRETARIAT))
    assert client.get(certificate_url(no_prize)).status_code == 404
    assert client.get(certificate_url(undecided)).status_code == 404
    other_cycle = make_cycle("deliberation", results_published_at=timezone.now())
    wrong = reverse("awards:certificate", kwargs={"slug": other_cycle.slug, "pk": winner.pk})
    assert client.get(wrong).status_code == 404


def test_before_publication_only_staff_see_certificates(client):
    cycle = make_cycle("deliberation")
    application = make_application(cycle)
    decide(application, "outstanding")
    client.force_login(make_user(Role.FOCAL_POINT, member=application.member))
    assert client.get(certificate_url(application)).status_code == 404
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.get(certificate_url(application))
    assert response.status_code == 200
    assert "Outstanding e-Government Prize" in pdf_text(response.content)


def test_all_certificates_one_page_per_winner(client):
    """The 2014 edition had 15 winners: one PDF of 15 pages."""
    cycle = make_cycle("deliberation", name="2nd WeGO Awards 2014")
    categories = ["services", "efficiency", "open-city", "urban-management", "digital-divide"]
    for number in range(15):
        application = make_application(
            cycle,
            make_member(name=f"Winner {number}", name_en=f"Winner {number}"),
            category=categories[number % 5],
        )
        decide(application, ["best", "outstanding", "most-promising"][number // 5])
    make_application(cycle)  # not awarded: no page
    client.force_login(make_user(Role.SECRETARIAT))
    url = reverse("awards:certificates", kwargs={"slug": cycle.slug})

    response = client.get(url)
    assert response.status_code == 200
    assert page_count(response.content) == 15
    text = pdf_text(response.content)
    assert all(f"Winner {number}," in text for number in range(15))


def test_all_certificates_are_for_staff(client, winner):
    url = reverse("awards:certificates", kwargs={"slug": winner.cycle.slug})
    client.force_login(make_user(Role.FOCAL_POINT, member=winner.member))
    assert client.get(url).status_code == 403


def test_all_certificates_without_winners_explains(client):
    cycle = make_cycle("deliberation")
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.get(reverse("awards:certificates", args=[cycle.slug]), follow=True)
    assert "No prize is decided yet: there is no certificate to make." in response.text
