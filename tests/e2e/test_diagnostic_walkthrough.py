"""A focal point's whole CeDS journey in real Chromium, then the staff's validation."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.diagnostic.models import Answer, Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(frameworks):
    city = make_member(
        name="Ulaanbaatar",
        name_en="Ulaanbaatar",
        slug="ulaanbaatar",
        country="MN",
        region=Region.ASIA_PACIFIC,
        population=1_600_000,
    )
    focal = make_user(
        Role.FOCAL_POINT, member=city, email="focal@ub.example.org", full_name="Bat Erdene"
    )
    staff = make_user(
        Role.REGIONAL_STAFF,
        region=Region.ASIA_PACIFIC,
        email="staff@asia.example.org",
        full_name="Asia Officer",
    )
    return city, focal, staff


def test_walkthrough(page, people, tmp_path):
    city, focal, staff = people
    sign_in(page, focal.email, PASSWORD)

    # Start an assessment.
    page.goto("/diagnostic/")
    page.get_by_role("link", name="Start an assessment").click()
    assert_accessible(page)
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Start").click()
    assert page.locator("h1").inner_text() == "Assessment of Ulaanbaatar, 2026"
    assert_accessible(page)
    assessment = Assessment.objects.get(member=city)

    # Answer two questions of the first domain in the form.
    page.get_by_role("link", name="Governance Mechanism").click()
    page.get_by_label(
        "3 e-Government is one of the mayor's written priorities", exact=False
    ).check()
    page.locator("fieldset#q-GM1-2").get_by_label("Yes").check()
    expect(page.locator("#autosave-status")).to_contain_text("saved")  # autosave ran
    assert Answer.objects.filter(assessment=assessment, question_code="GM1.2").exists()
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Your answers are saved." in page.locator(".messages").inner_text()
    assert_accessible(page)

    # Download the workbook, fill it offline, upload it, check the preview, confirm.
    page.goto(f"/diagnostic/assessments/{assessment.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the workbook (Excel)").click()
    book = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert book["GM"]["C3"].value == "3"
    book["PI"]["C3"] = "2"
    book["EA"]["C3"] = "In operation across the city"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    page.get_by_role("link", name="Upload a filled workbook").click()
    page.get_by_label("Filled workbook (.xlsx)").set_input_files(str(filled))
    page.get_by_role("button", name="Read the workbook").click()
    assert "2 answers change" in page.locator("table caption").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Save these 2 changes").click()
    assert Answer.objects.get(assessment=assessment, question_code="EA1.1").value == "operational"

    # Submit: first what is answered, missing and without evidence, then the confirmation.
    page.get_by_role("link", name="Check and submit for validation").click()
    assert "questions that apply to Ulaanbaatar are answered" in page.locator("main").inner_text()
    assert_accessible(page)
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    page.get_by_role("button", name="Submit for validation now").click()
    assert "submitted" in page.locator(".messages").inner_text()
    assessment.refresh_from_db()
    assert assessment.status == "submitted"

    # The regional office validates.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, staff.email, PASSWORD)
    page.goto("/diagnostic/")
    page.get_by_role("link", name="Ulaanbaatar").first.click()
    page.get_by_role("link", name="Validate or return").click()
    assert "In operation across the city" in page.locator("#answers-EA ~ div").first.inner_text()
    assert_accessible(page)
    page.get_by_label("Validate the assessment").check()
    page.get_by_role("button", name="Record the decision").click()
    assessment.refresh_from_db()
    assert assessment.status == "validated"

    # The results page and the PDF open.
    page.get_by_role("link", name="See the results").click()
    assert page.locator("h1").inner_text() == "Results of Ulaanbaatar, 2026"
    assert page.locator("svg[role=img] rect.chart__bar").count() == 10
    assert_accessible(page)
    pdf = page.request.get(page.get_by_role("link", name="Report (PDF)").get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    xlsx = page.request.get(page.get_by_role("link", name="Results (Excel)").get_attribute("href"))
    assert load_workbook(io.BytesIO(xlsx.body()))["Summary"]["A2"].value == "Ulaanbaatar"


@pytest.mark.parametrize("language", ["", "/ar"])
def test_framework_and_fill_in_pages_are_accessible(page, people, language):
    city, focal, _staff = people
    sign_in(page, focal.email, PASSWORD)
    page.goto(language + "/diagnostic/frameworks/ceds/1.0/")
    assert_accessible(page)
    page.goto(language + "/diagnostic/start/")
    page.get_by_role("button").last.click()  # the year is prefilled; start
    page.wait_for_url("**/diagnostic/assessments/*/")
    url = page.url
    for domain in ("GM", "EL", "EI"):
        page.goto(url + f"domains/{domain}/")
        assert_accessible(page)
    page.goto(url + "results/")
    assert_accessible(page)


def test_team_pages_are_accessible(page, people):
    city, focal, _staff = people
    from tests.factories import make_assessment

    assessment = make_assessment(city, user=focal)
    sign_in(page, focal.email, PASSWORD)
    base = f"/diagnostic/assessments/{assessment.pk}/"
    pages = (
        "/diagnostic/",
        base + "assign/",
        base + "history/",
        base + "workbook/upload/",
        base + "peers/",
    )
    for path in pages:
        page.goto(path)
        assert_accessible(page)
    page.goto(base + "workbook/upload/")
    page.get_by_role("button", name="Read the workbook").click()  # no file chosen
    assert "This field is required." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
