"""The election pages the journey does not pass through, checked with axe-core in English and
Arabic at a desktop's width and a phone's, none wider than the screen: the event's elections,
the staff's new-election and edit forms (the new one also with an error), candidacies,
accreditation, proxies and the paper-ballot desk; a city's candidacy and proxy pages; and the
result, recount and find-your-ballot pages of a published election."""

import pytest

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import EventFactory
from tests.factories import PASSWORD, make_member, make_secretariat
from wego.events.domain import elections as domain
from wego.events.services import elections as service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What sticks out of the screen (outside any box that scrolls), for the failure's message.
WIDE = """[...document.querySelectorAll('body *')].filter(e => {
  for (let a = e.parentElement; a; a = a.parentElement)
    if (getComputedStyle(a).overflowX !== 'visible') return false;
  const r = e.getBoundingClientRect();
  return r.right > document.documentElement.clientWidth + 1 || r.left < -1;
}).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 60))"""
# Breadcrumb items whose link starts on a line below the item's separator (a long title that
# wrapped away from its "›" and left it alone on a line).
LONELY_SEPARATORS = """[...document.querySelectorAll('.breadcrumb li + li')].filter(li => {
  const link = li.querySelector('a');
  return link && link.getBoundingClientRect().top - li.getBoundingClientRect().top > 4;
}).map(li => li.textContent.trim().slice(0, 60))"""
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def assembly():
    event = EventFactory(slug="ga-elections")
    cities = [make_member(name=n, name_en=n) for n in ("Seoul", "Nairobi", "Hebron")]
    candidates = {domain.PRESIDENT: cities[:2], domain.VICE_PRESIDENTS: cities}
    ready = make_election(event=event, candidates=candidates, resolutions=["statutes"])
    service.close_candidacies(ready)
    long_title = "Election of the WeGO leadership 2014-2017 and of the host of the 4th Assembly"
    published = open_election(make_election(event=event, candidates=candidates, title=long_title))
    delegates = [make_delegate(event, city)[0] for city in cities[:2]]
    ballot = domain.Choices(offices={domain.PRESIDENT: [cities[0].pk]})
    for city, delegate in zip(cities, delegates, strict=False):
        service.cast_vote(published, delegate, city.pk, ballot)
    service.close_voting(published)
    service.count_and_publish(published)
    return {"event": event, "ready": ready, "published": published, "delegate": delegates[0]}


def check(page, path, width):
    page.goto(path)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, (
        path,
        page.evaluate(WIDE),
    )
    assert page.evaluate(LONELY_SEPARATORS) == [], path


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("prefix", ["", "/ar"], ids=["en", "ar"])
def test_election_pages_are_accessible(browser, live_server, assembly, prefix, size):
    width = SIZES[size]["width"]
    base = f"{prefix}/events/ga-elections"
    ready, published = assembly["ready"].pk, assembly["published"].pk
    page = new_page(browser, live_server)
    page.set_viewport_size(SIZES[size])
    for path in (f"/elections/{published}/", f"/elections/{published}/recount/"):
        check(page, base + path, width)
    check(page, f"{base}/elections/{published}/receipt/", width)
    page.get_by_role("textbox").fill("not a code")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert_accessible(page)  # the error next to the field

    sign_in(page, assembly["delegate"].email, PASSWORD)
    for path in (f"/elections/{ready}/", f"/elections/{ready}/proxies/", "/accreditation/"):
        check(page, base + path, width)

    page.context.clear_cookies()
    sign_in(page, make_secretariat().email, PASSWORD)
    for path in (
        "/elections/",
        "/elections/new/",
        f"/elections/{ready}/",
        f"/elections/{ready}/edit/",
        f"/elections/{ready}/candidacies/",
        f"/elections/{ready}/proxies/",
        "/accreditation/",
        f"/elections/{published}/paper/",
    ):
        check(page, base + path, width)
    page.goto(f"{base}/elections/new/")
    page.locator("input[name=title_en]").fill("")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".errorlist, [id$=_error]").count() > 0
    assert_accessible(page)
    page.context.close()
