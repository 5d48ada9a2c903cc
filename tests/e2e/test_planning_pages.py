"""A city plans in Chromium: its own peer group, indicator comparison, an edited roadmap."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def city(frameworks):
    peers = [scored(frameworks, level) for level in (0, 1, 2, 3, 4)]
    own = scored(frameworks, 1, share="none", country="MN")
    user = make_user(Role.FOCAL_POINT, member=own.member, email="plan@city.example.org")
    return own, peers, user


@pytest.mark.parametrize("language", ["", "/ar"])
def test_peer_group_and_indicator_comparison(page, city, language):
    own, peers, user = city
    sign_in(page, user.email, PASSWORD)
    page.goto(language + "/diagnostic/peer-groups/new/")
    assert_accessible(page)
    page.locator("#id_name").fill("Learning partners")
    for assessment in peers:
        page.get_by_label(assessment.member.name, exact=True).check()
    page.locator("main button[type=submit]").first.click()  # "Save the peer group"
    expect(page.locator(".message--success")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{language}/diagnostic/assessments/{own.pk}/peers/?domain=GM&group=all")
    expect(page.locator("#indicators table")).to_be_visible()
    assert page.locator("section.peer-group").count() == 6  # five standard groups and ours
    assert_accessible(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_editing_the_roadmap(page, city, width):
    own, _peers, user = city
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, user.email, PASSWORD)
    page.goto(f"/diagnostic/assessments/{own.pk}/roadmap/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    first = page.locator("tbody tr").first
    code = first.get_attribute("id").removeprefix("item-")
    first.get_by_role("link", name="Change").click()  # the page again, this item's form open
    first = page.locator(f"#item-{code}")
    first.get_by_label("Note").fill("Ask the ICT department for a budget line")
    first.get_by_label("Year").select_option("2")
    assert_accessible(page)
    first.get_by_role("button", name="Save").click()
    moved = page.locator(f"#item-{code}")
    expect(moved).to_contain_text("Ask the ICT department for a budget line")
    assert "Year 2" in moved.locator("xpath=ancestor::section/h2").inner_text()
    assert_accessible(page)
    moved.get_by_role("link", name="Change").click()
    page.locator(f"#item-{code}").get_by_role("button", name="Drop").click()
    expect(page.locator("#dropped-title")).to_be_visible()
    page.get_by_role("button", name="Restore").first.click()
    expect(page.locator(f"#item-{code}")).to_be_visible()
    assert_accessible(page)


def test_asking_a_peer_for_a_meeting_from_the_roadmap(page, city):
    own, _peers, user = city
    sign_in(page, user.email, PASSWORD)
    page.goto(f"/diagnostic/assessments/{own.pk}/roadmap/")
    page.get_by_role("link", name="Ask for a meeting").first.click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator(".message--success")).to_contain_text("Your request is sent")
    assert_accessible(page)
