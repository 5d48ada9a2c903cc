"""Member profile pages pass axe-core in real Chromium: the full member page, edit, review."""

import pytest

from tests.e2e.conftest import assert_accessible, sign_in
from tests.integration.diagnostic.test_peers import scored
from wego.events.models import MatchmakingRequest
from wego.members.models import Member
from wego.practices.models import Practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "wego-demo-2014"


@pytest.fixture
def seoul_with_everything(demo_network, frameworks):
    """Seoul with every section filled: scores, a prize-winning practice, a meeting."""
    seoul = Member.objects.get(slug="seoul")
    scored(frameworks, 3, member=seoul)
    Practice.objects.create(
        slug="seoul-demo-practice",
        title="Demo practice",
        member=seoul,
        city="Seoul",
        country="KR",
        category="services",
        status="published",
        award_year=2014,
        award_tier="best",
    )
    MatchmakingRequest.objects.create(
        from_member=Member.objects.get(slug="nairobi"),
        to_member=seoul,
        topic="open data",
        message="Hello",
        status="accepted",
    )
    return seoul


@pytest.mark.parametrize("language", ["", "/ar", "/ko"])
def test_full_member_page_is_accessible(page, seoul_with_everything, language):
    page.goto(language + "/members/seoul/")
    assert page.locator("svg[role=img] rect.chart__bar").count() > 0
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_edit_page_and_its_errors_are_accessible(page, seoul_with_everything):
    sign_in(page, "seoul@demo.we-gov.org", DEMO_PASSWORD)
    page.goto("/members/seoul/profile/edit/")
    assert_accessible(page)
    page.get_by_label("Area (km²)").fill("-3")
    page.get_by_label("Name of the CIO").fill("(demo)")
    page.get_by_role("button", name="Send for review").click()
    summary = page.get_by_role("alert")
    assert "Area (km²): The area cannot be negative." in summary.inner_text()
    assert page.get_by_label("Area (km²)").input_value() == "-3"
    assert page.get_by_label("Name of the CIO").input_value() == "(demo)"
    assert page.get_by_label("Area (km²)").get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    page.get_by_label("Area (km²)").fill("606")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/members/seoul/")
    assert "WeGO staff will review your changes" in page.inner_text("main")
    assert_accessible(page)  # the member page with the changes waiting


def test_review_queue_is_accessible(page, seoul_with_everything):
    sign_in(page, "seoul@demo.we-gov.org", DEMO_PASSWORD)
    page.goto("/members/seoul/profile/edit/")
    page.get_by_label("Overview").fill("A new demo overview.")
    page.get_by_role("button", name="Send for review").click()
    page.wait_for_url("**/members/seoul/")
    page.context.clear_cookies()

    sign_in(page, "asia-office@demo.we-gov.org", DEMO_PASSWORD)
    page.goto("/staff/")
    page.get_by_role("link", name="Member profiles waiting for review").click()
    assert "A new demo overview." in page.inner_text("main")
    assert_accessible(page)
    page.get_by_role("button", name="Send back to the city (Seoul)").click()
    assert "Say what the city should change." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish (Seoul)").click()
    assert "The changes are approved and public." in page.inner_text("main")
    page.goto("/members/seoul/")
    assert "A new demo overview." in page.inner_text("main")
