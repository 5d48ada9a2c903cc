"""An event as the people at it live it, in real Chromium: two cities register their
delegations (Seoul's focal point in Korean at a desktop, Nairobi's city user in English on a
phone), the secretariat approves them in Arabic; Seoul asks Nairobi for a meeting, Nairobi
accepts; the secretariat makes the schedule; both agendas show the meeting and each person's
iCalendar feed carries it. Screenshots in test-results/events/.

Each step asserts what the person checks with their eyes: the status they read, the request
they see arrive, the figures of the schedule, the meeting's time and table on their agenda.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.events_factories import EventFactory
from wego.events.models import Delegation, Meeting, MeetingSlot, MeetingTable, Registration
from wego.members.models import Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "wego-demo-2014"  # the demo accounts' (README)
SHOTS = Path("test-results/events")
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}


def words(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fits(page, width: int):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.fixture
def assembly(tmp_path, settings):
    """The demo accounts, and a General Assembly open for registration with matchmaking:
    four 30-minute slots on its first afternoon and three tables."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", "--no-assessments", verbosity=0)
    starts = (timezone.now() + timedelta(days=40)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    event = EventFactory(
        slug="ga-test",
        title="4th WeGO General Assembly",
        time_zone="Asia/Seoul",
        starts_at=starts,
        ends_at=starts + timedelta(days=2),
        has_matchmaking=True,
        needs_approval=True,
        capacity=50,
        quota_per_member=4,
    )
    first = starts + timedelta(hours=5)  # 14:00 in Seoul
    for number in range(4):
        begins = first + timedelta(minutes=30 * number)
        MeetingSlot.objects.create(
            event=event, starts_at=begins, ends_at=begins + timedelta(minutes=30)
        )
    for number in range(1, 4):
        MeetingTable.objects.create(event=event, name=f"Table {number}", seats=4)
    return event


def person(browser, live_server, email, size=DESKTOP):
    page = new_page(browser, live_server)
    page.set_viewport_size(size)
    sign_in(page, email, PASSWORD)
    return page


def register(page, prefix, language, full_name, email, width):
    """From the event's page, the call to action, then one person as head of delegation."""
    page.goto(f"{prefix}/events/ga-test/")
    page.get_by_role("link", name=words(language, "Register your delegation")).click()
    person_one = page.get_by_role(
        "group", name=words(language, "Person %(number)s") % {"number": 1}
    )
    person_one.get_by_label(words(language, "Full name"), exact=True).fill(full_name)
    person_one.get_by_label(words(language, "Email address"), exact=True).fill(email)
    person_one.get_by_label(words(language, "Role")).select_option("head")
    person_one.get_by_label(
        words(language, "Agrees to appear on the participant list (name, position, organisation)")
    ).check()
    fits(page, width)
    page.get_by_role("button", name=words(language, "Register these people")).click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text(words(language, "Waiting for approval"))
    assert_accessible(page)


def test_two_cities_meet_at_the_general_assembly(browser, live_server, assembly):
    # Seoul's focal point registers in Korean; Nairobi's city user on a phone, in English.
    seoul = person(browser, live_server, "seoul@demo.we-gov.org")
    register(seoul, "/ko", "ko", "Ji-won Park", "seoul@demo.we-gov.org", DESKTOP["width"])
    shot(seoul, "1-seoul-registered-ko")
    # Registered from the Korean interface: their emails come in Korean unless changed.
    assert Registration.objects.get(event=assembly, email="seoul@demo.we-gov.org").language == "ko"
    nairobi = person(browser, live_server, "nairobi@demo.we-gov.org", PHONE)
    register(nairobi, "", "en", "Amina Otieno", "nairobi@demo.we-gov.org", PHONE["width"])
    shot(nairobi, "2-nairobi-registered-phone")

    # The secretariat approves both, in Arabic.
    staff = person(browser, live_server, "secretariat@demo.we-gov.org")
    staff.goto("/ar/events/ga-test/registrations/")
    queue = staff.locator("table")
    expect(queue).to_contain_text("Ji-won Park")
    expect(queue).to_contain_text("Amina Otieno")
    for box in staff.locator("input[name=selected]").all():
        box.check()
    staff.get_by_role("button", name=words("ar", "Approve the selected")).click()
    staff.wait_for_load_state()
    expect(staff.locator("table")).to_contain_text(words("ar", "Approved"))
    assert_accessible(staff)
    shot(staff, "3-secretariat-approved-ar")
    assert set(Registration.objects.filter(event=assembly).values_list("status", flat=True)) == {
        "approved"
    }

    # Seoul asks Nairobi for a meeting.
    seoul.goto("/ko/events/ga-test/meetings/")
    seoul.get_by_role("link", name=words("ko", "Ask a delegation for a meeting")).click()
    nairobi_delegation = Delegation.objects.get(event=assembly, member__slug="nairobi")
    choice = seoul.get_by_label(words("ko", "Delegation to meet"))
    choice.select_option(value=str(nairobi_delegation.pk))
    expect(choice.locator("option:checked")).to_have_text(nairobi_delegation.member.name_ko)
    seoul.get_by_label(words("ko", "Topic")).fill("Open data portals")
    seoul.get_by_role("button", name=words("ko", "Send the request")).click()
    seoul.wait_for_load_state()
    sent = seoul.locator(
        "section", has=seoul.get_by_role("heading", name=words("ko", "Requests sent"))
    )
    expect(sent).to_contain_text("Open data portals")
    assert_accessible(seoul)
    shot(seoul, "4-seoul-request-sent-ko")

    # Nairobi sees it arrive and accepts, on the phone.
    nairobi.goto("/events/ga-test/meetings/")
    request = nairobi.locator("article", has_text="Open data portals")
    expect(request).to_contain_text("Seoul")
    request.get_by_label("Accept").check()
    request.get_by_label("Message to the city").fill("Gladly: the first afternoon suits us.")
    request.get_by_role("button", name="Send the answer").click()
    nairobi.wait_for_load_state()
    expect(nairobi.locator("article", has_text="Open data portals")).to_contain_text("Accepted")
    fits(nairobi, PHONE["width"])
    assert_accessible(nairobi)
    shot(nairobi, "5-nairobi-accepted-phone")

    # The secretariat makes the schedule (the background task runs at once in tests).
    staff.goto("/ar/events/ga-test/schedule/")
    staff.get_by_role("button", name=words("ar", "Make the schedule")).click()
    staff.wait_for_load_state()
    staff.goto("/ar/events/ga-test/schedule/")
    meeting = Meeting.objects.select_related("slot", "table").get(request__event=assembly)
    seoul_city, nairobi_city = (Member.objects.get(slug=slug) for slug in ("seoul", "nairobi"))
    grid = staff.locator("table", has_text=seoul_city.name_ar)
    expect(grid).to_contain_text(nairobi_city.name_ar)
    expect(staff.locator("main")).to_contain_text(words("ar", "Proven the best possible"))
    assert_accessible(staff)
    shot(staff, "6-secretariat-schedule-ar")

    # Both agendas show the meeting at its time (in Seoul's zone) and table.
    local = timezone.localtime(
        meeting.slot.starts_at, timezone=__import__("zoneinfo").ZoneInfo("Asia/Seoul")
    )
    hour = local.strftime("%H:%M")
    seoul.goto("/ko/events/ga-test/agenda/")
    agenda = seoul.locator("main")
    expect(agenda).to_contain_text(nairobi_city.name_ko)
    expect(agenda).to_contain_text(hour)
    expect(agenda).to_contain_text(meeting.table.name)
    assert_accessible(seoul)
    shot(seoul, "7-seoul-agenda-ko")
    nairobi.goto("/events/ga-test/agenda/")
    expect(nairobi.locator("main")).to_contain_text("Seoul")
    expect(nairobi.locator("main")).to_contain_text(hour)
    fits(nairobi, PHONE["width"])
    shot(nairobi, "8-nairobi-agenda-phone")

    # Each person's calendar feed (opened by a calendar application, by its secret address).
    for email, other in (
        ("seoul@demo.we-gov.org", "Nairobi"),
        ("nairobi@demo.we-gov.org", "Seoul"),
    ):
        token = Registration.objects.get(event=assembly, email=email).token
        response = seoul.request.get(f"/events/ga-test/me/{token}/agenda.ics")
        assert response.ok and response.headers["content-type"].startswith("text/calendar")
        feed = Calendar.from_ical(response.body())
        meetings = [e for e in feed.walk("VEVENT") if other in str(e.get("SUMMARY"))]
        assert len(meetings) == 1, [str(e.get("SUMMARY")) for e in feed.walk("VEVENT")]
        assert meetings[0].decoded("DTSTART") == meeting.slot.starts_at
    for page in (seoul, nairobi, staff):
        page.context.close()


def tab_to(page, selector: str, limit: int = 120):
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus with Tab on {page.url}")


def test_the_desk_checks_a_delegate_in_with_the_keyboard_only(browser, live_server, assembly):
    """A desk with a badge reader (it types the code and Enter) or a person who types it: no
    mouse, an Arabic interface on a phone."""
    from tests.events_factories import DelegationFactory, RegistrationFactory

    nairobi = Member.objects.get(slug="nairobi")
    delegate = RegistrationFactory(
        event=assembly,
        delegation=DelegationFactory(event=assembly, member=nairobi),
        full_name="Amina Otieno",
        email="amina@example.org",
    )
    desk = person(browser, live_server, "secretariat@demo.we-gov.org", PHONE)
    desk.goto("/ar/events/ga-test/check-in/")
    tab_to(desk, "input[name=code]")
    # Typed as printed under the QR code: groups of four, with spaces.
    code = " ".join(delegate.badge_code[i : i + 4] for i in range(0, len(delegate.badge_code), 4))
    desk.keyboard.type(code.upper())
    desk.keyboard.press("Enter")
    desk.wait_for_load_state()
    expect(desk.locator("h1")).to_have_text(words("ar", "Check this person in?"))
    expect(desk.locator("main")).to_contain_text("Amina Otieno")
    tab_to(desk, "button.check-in__button")
    desk.keyboard.press("Enter")
    desk.wait_for_load_state()
    expect(desk.locator("h1")).to_have_text(words("ar", "Checked in"))
    fits(desk, PHONE["width"])
    assert_accessible(desk)
    shot(desk, "9-desk-checked-in-ar-phone")
    delegate.refresh_from_db()
    assert delegate.checked_in_at is not None
    desk.context.close()
