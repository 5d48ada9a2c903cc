"""The first hour on the platform, as the people who use it live it, on the demo network that
`make run` loads: a visitor who changes language, Seoul's focal point with its draft, a city that
applies to the Awards, the demo judge, the Asia office that validates. In English, Korean and
Arabic, at a desktop's and at a phone's width, with screenshots in test-results/first-hour/.

Each step asserts what the person checks with their eyes: the language really changed, the map
has its markers, peer groups have figures, the form has no English passage, the plan does not
contradict itself, the typed answers survive an attachment.
"""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from wego.diagnostic.models import Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "wego-demo-2014"  # the demo accounts' (README)
SHOTS = Path("test-results/first-hour")
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}
PREFIX = {"en": "", "ko": "/ko", "ar": "/ar"}


@pytest.fixture
def demo(tmp_path, settings):
    """The demo network as `make run` loads it (its media in a temporary folder)."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", verbosity=0)
    return Assessment.objects.get(member__slug="seoul", year=2026, framework_version__code="ceds")


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def person(browser, live_server, size=DESKTOP):
    page = new_page(browser, live_server)
    page.set_viewport_size(size)
    return page


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def fits(page, size):
    """Nothing wider than the screen (no sideways scrolling)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], page.url


def choose_language(page, language: str):
    page.locator("#language-select").select_option(language)
    page.locator(".language-form button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_visitor_changes_language_and_sees_the_map(browser, live_server, demo, size):
    page = person(browser, live_server, size)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for language, direction in (("ko", "ltr"), ("ar", "rtl"), ("en", "ltr"), ("ar", "rtl")):
        choose_language(page, language)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        assert page.url.rstrip("/").endswith(PREFIX[language] or page.url.rstrip("/")[-22:])
    # From an Arabic page of the map, back to English: the same page, in English.
    page.goto("/ar/diagnostic/map/")
    choose_language(page, "en")
    assert page.url.endswith("/diagnostic/map/") and "/ar/" not in page.url
    expect(page.locator("html")).to_have_attribute("lang", "en")
    markers = page.locator(".world-map__markers a path.map-marker")
    assert markers.count() >= 20, "the world map should draw the published cities"
    assert "Demo data" in page.locator("main").inner_text()
    fits(page, size)
    shot(page, f"map-{'phone' if size is PHONE else 'desktop'}")
    assert_accessible(page)
    page.context.close()


@pytest.mark.parametrize(
    ("language", "size"), [("en", DESKTOP), ("ko", PHONE), ("ar", DESKTOP), ("ar", PHONE)]
)
def test_seoul_s_focal_point_finds_the_solution_working(browser, live_server, demo, language, size):
    page = person(browser, live_server, size)
    sign_in(page, "seoul@demo.we-gov.org", PASSWORD)
    assert page.url.endswith(f"/diagnostic/assessments/{demo.pk}/")  # lands on the draft
    prefix, width = PREFIX[language], "phone" if size is PHONE else "desktop"

    # The form in the reader's language: not one English passage marked as missing.
    page.goto(f"{prefix}/diagnostic/assessments/{demo.pk}/domains/GM/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert page.locator(".untranslated").count() == 0
    if language != "en":
        help_text = page.locator("#q-GM1-1 .hint").first.inner_text()
        assert "Think of what the mayor does" not in help_text  # was English in every language
    fits(page, size)
    shot(page, f"form-{language}-{width}")
    assert_accessible(page)

    # Peers: every group that may show figures has them.
    page.goto(f"{prefix}/diagnostic/assessments/{demo.pk}/peers/")
    groups = page.locator("section.peer-group")
    assert groups.count() >= 4
    with_figures = page.locator("section.peer-group table")
    assert with_figures.count() >= 4, "all members, region, size and income have 5+ peers"
    assert "over-5m" not in page.content()
    fits(page, size)
    shot(page, f"peers-{language}-{width}")
    assert_accessible(page)

    # The roadmap proposed for the draft: no warning about itself, helpers named.
    page.goto(f"{prefix}/diagnostic/assessments/{demo.pk}/roadmap/")
    assert page.locator(".concerns, #concerns").count() == 0
    helpers = page.locator("ul.helpers a")
    assert helpers.count() > 0, "peers who can help"
    fits(page, size)
    shot(page, f"roadmap-{language}-{width}")
    assert_accessible(page)
    page.context.close()


def test_seoul_submits_with_a_summary_and_the_asia_office_validates_from_the_answers(
    browser, live_server, demo
):
    city = person(browser, live_server)
    sign_in(city, "seoul@demo.we-gov.org", PASSWORD)
    city.goto(f"/diagnostic/assessments/{demo.pk}/submit/")
    summary = city.locator("main").inner_text()
    assert "not answered" in summary.lower() and "evidence" in summary.lower()
    shot(city, "submit-summary")
    assert_accessible(city)
    city.get_by_role("button", name=words("en", "Submit for validation now")).click()
    expect(city.locator(".message--success")).to_be_visible()
    city.context.close()

    office = person(browser, live_server, PHONE)
    sign_in(office, "asia-office@demo.we-gov.org", PASSWORD)
    assert office.url.endswith("/staff/")  # the queue first
    review_link = office.locator(f"a[href$='/diagnostic/assessments/{demo.pk}/review/']")
    expect(review_link).to_be_visible()
    review_link.click()
    answers = office.locator("main").inner_text()
    assert "GM1.1" in answers  # the answers beside the decision
    fits(office, PHONE)
    shot(office, "validation-phone")
    assert_accessible(office)
    office.context.close()


def test_a_city_applying_to_the_awards_keeps_its_answers_when_attaching(
    browser, live_server, demo, tmp_path
):
    page = person(browser, live_server)
    sign_in(page, "seoul@demo.we-gov.org", PASSWORD)
    page.goto("/awards/wego-awards-2027/apply/")
    title = "Citizen proposals answered online within a week"
    page.locator("input[name=category][value=services]").check()
    page.locator("input[name=source][value=new]").check()
    page.locator("#id_title").fill(title)
    page.get_by_role("button", name="Start the application").click()
    page.wait_for_url("**/awards/applications/*/")
    page.locator("#id_answer-0").fill("Residents waited months for an answer.")
    evidence = tmp_path / "plan.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% plan\n")
    page.locator("#id_evidence-title").fill("Project plan")
    page.locator("#id_evidence-file").set_input_files(str(evidence))
    page.get_by_role("button", name="Add the file").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("#id_title")).to_have_value(title)
    expect(page.locator("#id_answer-0")).to_have_value("Residents waited months for an answer.")
    expect(page.get_by_role("link", name="Project plan")).to_be_visible()
    shot(page, "awards-attached")
    assert_accessible(page)
    page.context.close()


def test_the_demo_judge_lands_on_the_judging_and_can_score(browser, live_server, demo):
    page = person(browser, live_server, PHONE)
    sign_in(page, "judge@demo.we-gov.org", PASSWORD)
    assert page.url.endswith("/awards/judging/")
    page.locator("main table a").first.click()
    radios = page.locator("input[type=radio]")
    assert radios.count() >= 25 and radios.first.is_enabled()
    for criterion in page.locator("fieldset.question").all():
        criterion.locator("input[type=radio]").nth(3).check()
    page.get_by_role("button", name="Submit scores").click()
    expect(page.locator(".message--success")).to_be_visible()
    fits(page, PHONE)
    shot(page, "judge-scored-phone")
    assert_accessible(page)
    page.context.close()
