"""A visitor's first minutes: home, directory, filters, a member, language, no JavaScript."""

import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_finds_a_member_through_the_directory(page, demo_network):
    page.goto("/")
    assert "83" in page.locator(".figures").inner_text()
    page.get_by_role("link", name="Explore the member directory").click()
    assert page.get_by_role("status").first.inner_text() == "83 members found"
    page.get_by_label("Region").select_option("africa")
    page.get_by_label("Kind").select_option("state")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("status").first.inner_text() == "8 members found"
    page.get_by_role("link", name="Khartoum State").click()
    assert page.locator("h1").inner_text() == "Khartoum State"
    assert "Vice President City, 2014–2017" in page.content()
    assert_accessible(page)


def test_language_switch_to_arabic_is_right_to_left(page, demo_network):
    page.goto("/members/seoul/")
    page.get_by_label("Language").select_option("ar")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url("**/ar/members/seoul/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "سيول"
    assert_accessible(page)


def test_directory_works_without_javascript(browser, live_server, demo_network):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/members/?q=%EC%84%9C%EC%9A%B8")  # 서울
    assert page.locator("tbody tr").count() == 1
    assert page.locator("tbody th a").inner_text() == "Seoul"
    context.close()
