"""A person who mistypes their password too often, as they see it, in English, Korean and
Arabic, on a phone: the sign-in page says why signing in is paused and for how long, keeps the
email, offers the password reset, and is still accessible."""

import pytest
from django.conf import settings

from tests.e2e.conftest import assert_accessible, new_page
from tests.factories import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAUSED = {
    "en": "signing in is paused for 15 minutes",
    "ko": "15분 동안 로그인이 중지됩니다",
    "ar": "أُوقف تسجيل الدخول 15 دقيقة",
}


@pytest.mark.parametrize("language", ["en", "ko", "ar"])
def test_a_paused_sign_in_says_why_in_the_readers_language(browser, live_server, language):
    person = make_user(email="focal.point@city.example")
    page = new_page(browser, live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    prefix = "" if language == "en" else f"/{language}"
    for attempt in range(settings.LOGIN_FAILURE_LIMIT):
        page.goto(f"{prefix}/accounts/login/")
        page.locator("#id_username").fill(person.email)
        page.locator("#id_password").fill(f"not-my-password-{attempt}")
        page.locator("main form button[type=submit]").click()
    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill(person.email)
    page.locator("#id_password").fill(PASSWORD)  # right, but too late
    with page.expect_response(lambda r: r.url.endswith("/accounts/login/")) as answer:
        page.locator("main form button[type=submit]").click()
    assert answer.value.status == 429
    alert = page.get_by_role("alert")
    response_text = alert.inner_text()
    assert PAUSED[language] in response_text
    assert page.locator("#id_username").input_value() == person.email
    assert alert.locator("a[href$='/accounts/password-reset/']").count() == 1
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"test-results/sign-in-paused-{language}.png", full_page=True)
    assert_accessible(page)
    page.context.close()
