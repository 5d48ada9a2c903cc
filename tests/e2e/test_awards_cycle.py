"""A whole WeGO Awards cycle in Chromium.

The secretariat opens a call, two cities apply, the panel is assigned, two judges score, a
judge from one applicant's country is kept away from it (403), and the results are computed,
decided and published. axe-core checks each kind of page on the way.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.factories import PASSWORD, make_judge, make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.awards.domain.timeline import local
from wego.awards.models import Application, Assignment, AwardCycle, Judge
from wego.practices.models import Practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZONE = "Asia/Seoul"


def clock(moment) -> str:
    """The value a datetime-local input takes, in the cycle's time zone."""
    return local(moment, ZONE).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def signed_in(browser, live_server):
    """Opens a fresh browser session for one person (each signs in on their own); all are
    closed before the live server stops, so no request thread outlives it."""
    pages = []

    def open_for(user=None):
        page = new_page(browser, live_server)
        pages.append(page)
        if user is not None:
            sign_in(page, user.email, PASSWORD)
        return page

    yield open_for
    for page in pages:
        page.context.close()


def open_the_call(page) -> AwardCycle:
    now = timezone.now()
    page.goto("/awards/new/")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("WeGO Awards Test Edition")
    page.get_by_label("Web address name").fill("wego-awards-test")
    page.get_by_label("Year", exact=True).fill(str(now.year))
    page.get_by_label("Time zone").select_option(ZONE)
    page.get_by_label("Call opens").fill(clock(now - timedelta(hours=1)))
    page.get_by_label("Deadline for applications").fill(clock(now + timedelta(days=20)))
    page.get_by_label("Judging ends").fill(clock(now + timedelta(days=50)))
    page.get_by_label("Winners announced").fill(clock(now + timedelta(days=60)))
    page.get_by_label("Judges per application").fill("2")
    page.get_by_role("button", name="Create the cycle").click()
    expect(page.locator("h1")).to_contain_text("WeGO Awards Test Edition")
    return AwardCycle.objects.get(slug="wego-awards-test")


def apply(page, cycle, category: str, source: str, title: str = ""):
    page.goto(f"/awards/{cycle.slug}/")
    expect(page.locator("[data-deadline]").first).to_contain_text("left")
    page.get_by_role("link", name="Apply").first.click()
    assert_accessible(page)
    page.get_by_label(category, exact=True).check()
    page.get_by_label(source).check()
    if title:
        page.get_by_label("Title of the new practice").fill(title)
    page.get_by_role("button", name="Start the application").click()
    expect(page).to_have_url(re.compile(r"/awards/applications/\d+/$"))
    return Application.objects.get(pk=page.url.rstrip("/").rsplit("/", 1)[1])


def write_and_submit(page, application, summary: str):
    page.get_by_label("Summary").fill(summary)
    if not page.get_by_label("In operation since (year)").input_value():
        page.get_by_label("In operation since (year)").fill("2022")
    category = application.cycle.categories.get(category=application.category)
    for index, _question in enumerate(category.questions):
        page.locator(f"#id_answer-{index}").fill(f"Answer {index + 1}: {summary}")
    page.get_by_label("The practice is in operation today").check()
    assert_accessible(page)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.locator(".message").first).to_contain_text("submitted")
    application.refresh_from_db()
    assert application.status == "submitted"


def score_all(page, value: str):
    """Score every application on the judge's list with the same value on every criterion."""
    page.goto("/awards/judging/")
    links = page.locator("main a[href*='/awards/judging/']")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, "the judge has applications to score"
    for href in hrefs:
        page.goto(href)
        for fieldset in page.locator("form fieldset").all():
            radio = fieldset.locator(f"input[type=radio][value='{value}']")
            if radio.count():
                radio.check()
        page.get_by_role("button", name="Submit scores").click()
        expect(page.locator(".message").first).to_be_visible()
    return hrefs


def test_a_whole_award_cycle(page, signed_in):
    secretariat = make_secretariat()
    seoul_like = make_member(name="Hanbit City", name_en="Hanbit City", country="KR")
    madrid_like = make_member(
        name="Sierra City", name_en="Sierra City", country="ES", region="europe"
    )
    Practice.objects.create(
        slug="hanbit-one-stop",
        title="One-stop civil service portal",
        member=seoul_like,
        city="Hanbit City",
        country="KR",
        category="services",
        year_started=2021,
        summary="All permits in one place.",
        status="published",
    )
    hanbit = make_user(Role.FOCAL_POINT, member=seoul_like)
    sierra = make_user(Role.FOCAL_POINT, member=madrid_like)

    # The secretariat opens the call.
    sign_in(page, secretariat.email, PASSWORD)
    cycle = open_the_call(page)
    assert cycle.is_open

    # Two cities apply: one from its practice, one writing a new one.
    city_a = signed_in(hanbit)
    first = apply(city_a, cycle, "Services", "One-stop civil service portal")
    write_and_submit(city_a, first, "All permits in one place, for everyone.")
    city_b = signed_in(sierra)
    second = apply(city_b, cycle, "Open City", "Write a new one", title="Open budget")
    write_and_submit(city_b, second, "Every euro of the budget, open and explained.")

    # The panel: a Finnish and a Canadian judge, and a Korean one who may not judge Hanbit.
    finnish = make_judge(cycle, country="FI")
    canadian = make_judge(cycle, country="CA")
    korean_user = make_user(Role.JUDGE, full_name="Kim Judge")
    page.goto(f"/awards/{cycle.slug}/judges/")
    assert_accessible(page)
    page.get_by_label("Full name").fill(korean_user.full_name)
    page.get_by_label("Email address").fill(korean_user.email)
    page.get_by_label("Country").select_option("KR")
    page.get_by_role("button", name="Invite the judge").click()
    expect(page.locator("main")).to_contain_text("Kim Judge")
    korean = Judge.objects.get(cycle=cycle, email=korean_user.email)

    # The deadline passes; the secretariat assigns the applications.
    AwardCycle.objects.filter(pk=cycle.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    page.goto(f"/awards/{cycle.slug}/manage/")
    assert_accessible(page)
    page.get_by_role("button", name="Assign applications to judges").click()
    expect(page.locator(".message").first).to_be_visible()
    hanbit_judges = set(
        Assignment.objects.filter(application=first).values_list("judge", flat=True)
    )
    assert hanbit_judges == {finnish.pk, canadian.pk}
    assert Assignment.objects.filter(application=second).count() == 2
    # Even loads (4 seats over 3 judges): the Korean judge takes Sierra's application.
    assert Assignment.objects.filter(application=second, judge=korean).exists()

    # Two judges score; the Korean judge is kept away from Hanbit's application.
    judge_fi = signed_in(finnish.user)
    score_all(judge_fi, "5")
    assert_accessible(judge_fi)
    judge_ca = signed_in(canadian.user)
    score_all(judge_ca, "4")
    judge_kr = signed_in(korean_user)
    judge_kr.goto("/awards/judging/")
    expect(judge_kr.locator("main")).not_to_contain_text(first.title)
    refused = judge_kr.goto(f"/awards/judging/{first.pk}/")
    assert refused.status == 403

    # Results: computed, decided with reasons, published.
    page.goto(f"/awards/{cycle.slug}/results/")
    assert_accessible(page)
    ranking = page.locator("main")
    expect(ranking).to_contain_text(first.title)
    expect(ranking).to_contain_text(second.title)
    decision = page.locator(f"form[action$='/results/{first.pk}/decision/']")
    decision.locator("select").select_option("best")
    decision.locator("textarea").fill("Highest standardised score; all judges agree.")
    decision.get_by_role("button").click()
    expect(page.locator(".message").first).to_be_visible()
    page.get_by_role("button", name="Publish the results").click()
    cycle.refresh_from_db()
    assert cycle.results_published_at is not None

    # The public sees the winners.
    visitor = signed_in()  # nobody: the public
    visitor.goto(f"/awards/{cycle.slug}/winners/")
    winners = visitor.locator("main")
    expect(winners).to_contain_text("Hanbit City")
    expect(winners).to_contain_text("Best e-Government Prize")
    assert_accessible(visitor)


@pytest.mark.parametrize("language", ["", "/ko", "/ar"])
def test_public_award_pages_in_each_language(page, demo_network, language):
    """The calls, an open call and the 2014 winners, in English, Korean and Arabic (RTL)."""
    from wego.awards.services.demo_data import load_awards_demo
    from wego.practices.services.demo_data import load_demo_practices

    load_demo_practices()
    load_awards_demo()
    page.goto(language + "/awards/")
    assert_accessible(page)
    page.goto(language + "/awards/wego-awards-2027/")
    expect(page.locator("[data-deadline]").first).to_be_visible()
    assert_accessible(page)
    page.goto(language + "/awards/wego-awards-2014/winners/")
    expect(page.locator("main")).to_contain_text("Helsinki" if not language else "2014")
    assert_accessible(page)
