"""A city official on a phone, in English and in Arabic, types "-5" meetings in the fill-in
form: autosave refuses it, the error shows next to the field (as the Save button's page shows
it) and a status in the save bar, in view, links to it; corrected, the error goes. The first
question shows on the first screen, and axe finds no WCAG violation."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.factories import PASSWORD, make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.models import Answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_wrong_number_shows_next_to_its_field_and_goes_once_corrected(
    browser, live_server, frameworks, language
):
    city = make_member(name="Maputo", name_en="Maputo", slug="maputo", population=1_100_000)
    focal = make_user(Role.FOCAL_POINT, member=city, email="focal@maputo.example")
    assessment = make_assessment(city, user=focal)
    page = new_page(browser, live_server)
    page.set_viewport_size(PHONE)
    sign_in(page, focal.email, PASSWORD)
    prefix = "" if language == "en" else f"/{language}"
    page.goto(f"{prefix}/diagnostic/assessments/{assessment.pk}/domains/GM/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    # The first question's first answer is on the first screen, above the save bar.
    first = page.locator("#q-GM1-1-0").bounding_box()
    bar = page.locator(".sticky-actions").bounding_box()
    assert first["y"] + first["height"] <= bar["y"] <= PHONE["height"]
    assert_accessible(page)

    field = page.locator("#q-GM2-3-input")  # meetings a year
    field.fill("-5")
    field.press("Tab")  # leaving the field is a change: autosave sends it
    error = page.locator("#q-GM2-3 .field-errors")
    expect(error).to_contain_text(words(language, "Enter a number that is not negative."))
    expect(error).to_have_attribute("id", "q-GM2-3-error")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert "q-GM2-3-error" in field.get_attribute("aria-describedby").split()
    status = page.locator(".sticky-actions #autosave-status")
    expect(status.get_by_role("link")).to_have_attribute("href", "#q-GM2-3")
    shown = status.bounding_box()
    assert 0 <= shown["y"] and shown["y"] + shown["height"] <= PHONE["height"]  # in view
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not Answer.objects.filter(assessment=assessment, question_code="GM2.3").exists()

    # Following the status's link, with the keyboard, leads to the question and its error.
    status.get_by_role("link").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#q-GM2-3")  # the jump may land a moment after the key
    box = page.locator("#q-GM2-3").bounding_box()
    assert -1 <= box["y"] < PHONE["height"] / 2  # at the top (less a fraction of a pixel)
    page.screenshot(path=f"test-results/fill-in-error-{language}.png")
    assert_accessible(page)

    field.fill("5")
    field.press("Tab")
    expect(status).to_have_text(words(language, "All changes saved."))
    expect(error).to_have_count(0)
    assert field.get_attribute("aria-invalid") is None
    assert "q-GM2-3-error" not in (field.get_attribute("aria-describedby") or "")
    assert Answer.objects.get(assessment=assessment, question_code="GM2.3").value == 5
    assert_accessible(page)
    page.context.close()
