"""The practice library in Chromium: search, a practice, writing one; axe finds no violations."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, make_user
from wego.accounts.models import Role
from wego.members.models import Member
from wego.practices.models import Practice
from wego.practices.services.demo_data import load_demo_practices

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(demo_network):
    load_demo_practices()


@pytest.mark.parametrize("language", ["", "/ko", "/ar"])
def test_searching_and_reading_a_practice(page, library, language):
    page.goto(language + "/practices/")
    assert_accessible(page)
    page.locator("#q").fill("How do we get citizens to report potholes?")
    page.locator("main button[type=submit]").first.click()
    expect(page.locator(".practice-list a").first).to_be_visible()
    assert_accessible(page)
    seoul = Practice.objects.get(city="Seoul", award_tier="best")
    page.goto(language + seoul.get_absolute_url())
    expect(page.locator(".award-badge")).to_be_visible()
    assert_accessible(page)


def test_writing_a_practice(page, library):
    user = make_user(Role.FOCAL_POINT, member=Member.objects.get(slug="seoul"))
    sign_in(page, user.email, PASSWORD)
    page.goto("/practices/new/")
    assert_accessible(page)
    page.locator("#id_title").fill("Night bus routes from call data")
    page.locator("#id_months_to_implement").fill("900")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".error-summary")).to_contain_text("at most 240")
    assert page.locator("#id_title").input_value() == "Night bus routes from call data"
    assert_accessible(page)
    page.locator("#id_months_to_implement").fill("9")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("h1")).to_have_text("Night bus routes from call data")
    assert_accessible(page)
