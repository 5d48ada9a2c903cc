"""The event pages the walkthrough does not pass through, checked with axe-core in English and
Arabic, at a desktop's width and a phone's: the calendar, an event's page and its participant
list (public), the staff's event form, programme and check-in desk, and a person's own page
with the passport form (opened by its secret link)."""

import pytest

from tests.e2e.conftest import assert_accessible, new_page, sign_in
from tests.events_factories import EventFactory, RegistrationFactory, SessionFactory
from tests.factories import PASSWORD, make_secretariat

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def event():
    made = EventFactory(slug="ga-pages", offers_visa_letters=True, has_matchmaking=True)
    SessionFactory(event=made, title="Opening plenary")
    return made


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("prefix", ["", "/ar"], ids=["en", "ar"])
def test_event_pages_are_accessible(browser, live_server, event, prefix, size):
    person = RegistrationFactory(event=event, needs_visa_letter=True, full_name="Amina Otieno")
    page = new_page(browser, live_server)
    page.set_viewport_size(SIZES[size])
    public = ["/events/", "/events/ga-pages/", "/events/ga-pages/participants/"]
    own = [f"/events/ga-pages/me/{person.token}/", f"/events/ga-pages/me/{person.token}/passport/"]
    for path in public + own:
        page.goto(prefix + path)
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    staff = make_secretariat()
    sign_in(page, staff.email, PASSWORD)
    for path in (
        "/events/new/",
        "/events/ga-pages/edit/",
        "/events/ga-pages/programme/",
        "/events/ga-pages/check-in/",
    ):
        page.goto(prefix + path)
        assert_accessible(page)
    page.context.close()
