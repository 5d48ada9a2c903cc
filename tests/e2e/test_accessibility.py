"""Every page passes axe-core (WCAG 2.x A/AA) in real Chromium, left-to-right and right-to-left."""

import pytest

from tests.e2e.conftest import assert_accessible, sign_in
from tests.integration.diagnostic.test_peers import scored
from wego.members.models import Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DEMO_PASSWORD = "wego-demo-2014"

PUBLIC_PAGES = [
    "/",
    "/members/",
    "/members/seoul/",
    "/about/",
    "/accounts/login/",
    "/accounts/password-reset/",
    "/members/?region=atlantis&q=Seo",
    "/no-such-page/",
    "/diagnostic/map/",
]


@pytest.mark.parametrize("language", ["", "/ar", "/ko"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page, demo_network, language, path):
    response = page.goto(language + path)
    assert response.status in (200, 404)
    assert page.locator("h1").count() == 1
    expected_dir = "rtl" if language == "/ar" else "ltr"
    assert page.locator("html").get_attribute("dir") == expected_dir
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/staff/",
        "/accounts/invitations/",
        "/accounts/invitations/new/",
        "/members/seoul/team/",
        "/accounts/profile/",
        "/diagnostic/network/",
    ],
)
def test_staff_pages_are_accessible(page, demo_network, frameworks, path):
    sign_in(page, "secretariat@demo.we-gov.org", DEMO_PASSWORD)
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["", "/ar", "/ko"])
def test_world_map_is_accessible(page, demo_network, frameworks, language):
    """The map with published results: markers are focusable links that say what they show."""
    for level, slug in enumerate(["seoul", "gimpo", "nairobi", "dhaka-north", "dhaka-south"]):
        scored(frameworks, level, member=Member.objects.get(slug=slug))
    page.goto(language + "/diagnostic/map/")
    markers = page.locator(".world-map__markers a")
    assert markers.count() == 5
    assert page.locator("tbody tr").count() == 5
    markers.first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    assert_accessible(page)


def test_invitation_form_errors_are_accessible_and_keep_input(page, demo_network):
    sign_in(page, "secretariat@demo.we-gov.org", DEMO_PASSWORD)
    page.goto("/accounts/invitations/new/")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_label("Full name").fill("Amina Yusuf")
    page.get_by_label("Role").select_option("focal-point")
    page.get_by_role("button", name="Send the invitation").click()
    summary = page.get_by_role("alert")
    assert "Member: Choose the member this city role acts for." in summary.inner_text()
    assert page.get_by_label("Full name").input_value() == "Amina Yusuf"
    assert page.get_by_label("Email address").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page, demo_network):
    page.goto("/members/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_axe_really_reports_violations(page, live_server):
    """Guard against a silent checker: a page with known faults must fail axe."""
    from tests.e2e.conftest import axe_violations

    page.goto("/about/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/x.png"><input type="text">\')'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= found
