"""An election at the General Assembly as the people in the hall live it, in real Chromium:
the secretariat opens the vote (in Arabic); Seoul's delegate votes in Korean at a desktop and
Nairobi's in English on a phone; Seoul's delegate tries to vote a second time and is refused;
a partner who is no delegate is refused; the secretariat closes the vote and publishes the
result; each delegate finds their ballot by the receipt they were shown (Nairobi's with the
keyboard only), and the published list, downloaded and recounted by the published script in
a separate process, gives the published result. Screenshots in test-results/elections/.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.elections_factories import make_delegate, make_election
from tests.events_factories import EventFactory
from wego.accounts.models import User
from wego.events.domain import elections as domain
from wego.events.models import Ballot, VoterRecord
from wego.events.services import elections as service
from wego.members.models import Member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "wego-demo-2014"  # the demo accounts' (README)
SHOTS = Path("test-results/elections")
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}
RECOUNT_SCRIPT = Path(__file__).resolve().parents[2] / "tools" / "recount.py"


def words(language: str, text: str, **values) -> str:
    with translation.override(language):
        said = translation.gettext(text)
    return said % values if values else said


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def fits(page, width: int):
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def person(browser, live_server, email, size=DESKTOP):
    page = new_page(browser, live_server)
    page.set_viewport_size(size)
    sign_in(page, email, PASSWORD)
    return page


@pytest.fixture
def assembly(tmp_path, settings):
    """The demo accounts; a General Assembly where Seoul's focal point and Nairobi's city user
    are their cities' accredited delegates; an election whose candidacies are closed (the
    order drawn): Seoul and Nairobi stand for President City, four cities for two Vice
    President seats, and one resolution."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data", "--no-assessments", verbosity=0)
    seoul, nairobi = Member.objects.get(slug="seoul"), Member.objects.get(slug="nairobi")
    others = list(
        service.eligible_members().exclude(pk__in=[seoul.pk, nairobi.pk]).order_by("slug")[:2]
    )
    event = EventFactory(slug="ga-vote", title="4th WeGO General Assembly")
    election = make_election(
        event=event,
        title="Elections of the 4th General Assembly",
        candidates={
            domain.PRESIDENT: [seoul, nairobi],
            domain.VICE_PRESIDENTS: [seoul, nairobi, *others],
        },
        resolutions=["statutes"],
        quorum_percent=2,  # of the demo's 83 full members: the two delegates make the quorum
    )
    election.offices.filter(key=domain.VICE_PRESIDENTS).update(seats=2)
    for member, email in ((seoul, "seoul"), (nairobi, "nairobi")):
        make_delegate(event, member, user=User.objects.get(email=f"{email}@demo.we-gov.org"))
    service.close_candidacies(election)
    return {"event": event, "election": election, "seoul": seoul, "nairobi": nairobi}


def starting(text: str):
    return re.compile("^" + re.escape(text))


def name_in(language: str, member) -> str:
    return getattr(member, f"name_{language}") or member.name_en


def vote(page, language, city, president, vice_presidents, answer, width):
    """From the election page: the delegate's call to action, the ballot, the receipt."""
    name = name_in(language, city)
    page.get_by_role("link", name=words(language, "Vote for %(city)s", city=name)).click()
    # Named from the start: "회장도시" (President City) is inside "부회장도시" (Vice Presidents).
    president_box = page.get_by_role("group", name=starting(words(language, "President City")))
    president_box.get_by_label(name_in(language, president), exact=True).check()
    for member in vice_presidents:
        page.get_by_role(
            "group", name=starting(words(language, "Vice President Cities"))
        ).get_by_label(name_in(language, member), exact=True).check()
    with translation.override(language):
        said = translation.pgettext("answer to a resolution", answer)
    page.get_by_role("group", name="Statutes").get_by_label(said, exact=True).check()
    fits(page, width)
    assert_accessible(page)
    page.get_by_role("button", name=words(language, "Cast the ballot")).click()
    page.wait_for_load_state()
    receipt = page.locator("#receipt-code")
    expect(receipt).to_be_visible()
    assert_accessible(page)
    fits(page, width)
    return receipt.inner_text().strip()


def test_an_election_is_opened_voted_closed_published_and_recounted(browser, live_server, assembly):
    event, election = assembly["event"], assembly["election"]
    seoul_city, nairobi_city = assembly["seoul"], assembly["nairobi"]
    page_of = f"/events/{event.slug}/elections/{election.pk}/"

    # The secretariat opens the vote, in Arabic.
    staff = person(browser, live_server, "secretariat@demo.we-gov.org")
    staff.goto(f"/ar{page_of}")
    staff.get_by_role("button", name=words("ar", "Open voting now")).click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text(words("ar", "Voting open"))
    assert_accessible(staff)
    shot(staff, "1-staff-opened-ar")

    # Seoul's delegate votes in Korean at a desktop.
    seoul = person(browser, live_server, "seoul@demo.we-gov.org")
    seoul.goto(f"/ko{page_of}")
    others = [c.member for c in election.offices.get(key=domain.VICE_PRESIDENTS).candidacies.all()]
    others = [m for m in others if m.pk not in (seoul_city.pk, nairobi_city.pk)]
    seoul_receipt = vote(seoul, "ko", seoul_city, seoul_city, [seoul_city, others[0]], "Yes", 1280)
    shot(seoul, "2-seoul-receipt-ko")

    # Going back and casting again is refused, and nothing more is counted.
    seoul.go_back()
    seoul.reload()
    seoul.wait_for_load_state()
    expect(seoul.locator("main")).to_contain_text(
        words("ko", "%(city)s has voted.", city=name_in("ko", seoul_city))
    )
    assert VoterRecord.objects.filter(election=election).count() == 1

    # Nairobi's delegate, on a phone in English, has the ballot open in two tabs: votes in
    # one, then casts the other too (a second vote), and is refused with nothing counted.
    nairobi = person(browser, live_server, "nairobi@demo.we-gov.org", PHONE)
    second_tab = nairobi.context.new_page()
    second_tab.csp_violations = []  # the checks of new_page(); this tab shares its cookies
    second_tab.set_viewport_size(PHONE)
    second_tab.goto(f"{page_of}vote/?city={nairobi_city.pk}")
    nairobi.goto(page_of)
    nairobi_receipt = vote(
        nairobi, "en", nairobi_city, seoul_city, [nairobi_city], "No", PHONE["width"]
    )
    shot(nairobi, "3-nairobi-receipt-en-phone")
    assert nairobi_receipt != seoul_receipt
    president_box = second_tab.get_by_role("group", name="President City")
    president_box.get_by_label(nairobi_city.name_en, exact=True).check()
    second_tab.get_by_role("button", name="Cast the ballot").click()
    second_tab.wait_for_load_state()
    expect(second_tab.locator("main")).to_contain_text(
        "This city has already voted in this election. A city votes once."
    )
    expect(second_tab.locator("#receipt-code")).to_have_count(0)
    assert_accessible(second_tab)
    shot(second_tab, "3b-nairobi-second-vote-refused")
    second_tab.close()
    nairobi.goto(f"{page_of}vote/?city={nairobi_city.pk}")
    expect(nairobi.locator("main")).to_contain_text(f"{nairobi_city.name_en} has voted.")
    assert VoterRecord.objects.filter(election=election).count() == 2
    assert Ballot.objects.filter(election=election).count() == 2

    # A partner organisation's person is no delegate: refused, and told why.
    partner = person(browser, live_server, "partner@demo.we-gov.org")
    response = partner.goto(f"{page_of}vote/")
    assert response.status == 403
    expect(partner.locator("main")).to_contain_text(
        words(
            "en",
            "Only the accredited delegate of a member city votes in this election, or the "
            "delegate to whom a city has given its vote by proxy. You are neither.",
        )
    )
    assert_accessible(partner)

    # The secretariat closes the vote, then counts and publishes.
    staff.reload()
    staff.get_by_role("button", name=words("ar", "Close voting: this cannot be undone")).click()
    staff.wait_for_load_state()
    staff.get_by_role(
        "button", name=words("ar", "Count and publish the result: this cannot be undone")
    ).click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text(words("ar", "Result published"))
    assert_accessible(staff)
    shot(staff, "4-staff-published-ar")

    # Seoul's delegate finds their ballot in Korean.
    seoul.goto(f"/ko{page_of}receipt/")
    seoul.get_by_label(words("ko", "Receipt")).fill(seoul_receipt)
    seoul.get_by_role("button", name=words("ko", "Find my ballot")).click()
    seoul.wait_for_load_state()
    found = seoul.locator(".ballot-found")
    expect(found).to_contain_text(name_in("ko", seoul_city))
    with translation.override("ko"):
        expect(found).to_contain_text(translation.pgettext("answer to a resolution", "Yes"))
    assert_accessible(seoul)
    shot(seoul, "5-seoul-found-ballot-ko")

    # Nairobi's delegate, with the keyboard only, on the phone: the result page, then the form.
    nairobi.goto(page_of)
    result = nairobi.locator("main")
    expect(result).to_contain_text("100%")  # Seoul, President City: 2 of 2 ballots
    expect(result).to_contain_text("50%")  # Vice President Cities: 1 of 2 each
    expect(result).to_contain_text("Elected")
    shot(nairobi, "6-result-en-phone")
    nairobi.goto(f"{page_of}receipt/")
    tab_to(nairobi, "input[name=receipt]")
    nairobi.keyboard.type(nairobi_receipt.lower().replace("-", " "))  # as one may type it
    nairobi.keyboard.press("Enter")
    nairobi.wait_for_load_state()
    expect(nairobi.locator(".ballot-found")).to_contain_text(nairobi_city.name)
    fits(nairobi, PHONE["width"])

    # Anyone: the recount page, then the downloaded list recounted by the published script.
    visitor = new_page(browser, live_server)
    visitor.goto(f"{page_of}recount/")
    expect(visitor.locator("main")).to_contain_text(
        words(
            "en",
            "The platform recounted the published list of ballots: the recount equals the "
            "published result.",
        )
    )
    assert_accessible(visitor)
    download = visitor.request.get(f"{page_of}ballots.json")
    assert download.status == 200
    listed = Path(SHOTS / "ballots.json")
    listed.write_bytes(download.body())
    published = json.loads(download.body())
    assert len(published["ballots"]) == 2
    assert published["voted"] == sorted([seoul_city.name_en, nairobi_city.name_en])
    script = subprocess.run(
        [sys.executable, str(RECOUNT_SCRIPT), str(listed), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert script.returncode == 0, script.stderr
    assert json.loads(script.stdout) == published["result"]
    for receipt in (seoul_receipt, nairobi_receipt):
        mine = subprocess.run(
            [sys.executable, str(RECOUNT_SCRIPT), str(listed), "--receipt", receipt],
            capture_output=True,
            text=True,
            check=False,
        )
        assert mine.returncode == 0, mine.stderr
    president = published["result"]["offices"][0]
    assert president["elected"] == [seoul_city.pk]  # both delegates marked Seoul
    for page in (staff, seoul, nairobi, partner, visitor):
        page.context.close()


def tab_to(page, selector: str, limit: int = 120):
    """Press Tab until the element matching `selector` has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the focus with Tab on {page.url}")
