"""The roadmap page and its exports, with peers who can help."""

import io

import pytest
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from tests.factories import make_user
from tests.integration.diagnostic.test_peers import scored
from tests.integration.diagnostic.test_roadmap_trust import answered
from wego.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(frameworks):
    mine = scored(frameworks, 1, share="none", country="NP")
    strong = scored(frameworks, 4, country="KR")  # published: may be named as a helper
    anonymous = scored(frameworks, 4, share="anonymous", country="JP")  # must never be named
    return mine, strong, anonymous


def test_roadmap_page_orders_by_year_and_names_helpers(client, city):
    mine, strong, anonymous = city
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    response = client.get(reverse("diagnostic:roadmap", args=[mine.pk]))
    page = response.content.decode()
    assert "Year 1 (2027)" in page
    years = response.context["years"]
    first = years[0]["rows"][0]
    # Highest gain x weight / effort first (this city's plan has no requirement before it).
    assert first["priority"] == max(r["priority"] for y in years for r in y["rows"])
    assert not first["after"]
    helpers = {h["name"] for y in years for r in y["rows"] for h in r["helpers"]}
    assert helpers == {strong.member.name}
    assert anonymous.member.name not in page


def test_roadmap_exports(client, city):
    mine, _strong, _anonymous = city
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    url = reverse("diagnostic:roadmap", args=[mine.pk])
    calendar = Calendar.from_ical(client.get(url, {"format": "ics"}).content)
    events = list(calendar.walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]).startswith("Milestone: ") for e in events)
    assert min(e.decoded("DTSTART").year for e in events) == 2027
    sheet = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content)).active
    assert sheet["A1"].value == "Year" and sheet["A2"].value == 2027


def test_roadmap_is_private(client, city):
    mine, strong, _anonymous = city
    client.force_login(make_user(Role.FOCAL_POINT, member=strong.member))
    assert client.get(reverse("diagnostic:roadmap", args=[mine.pk])).status_code == 403


def test_roadmap_proposes_modules_for_answered_gaps_and_guides_open(client, frameworks):
    mine = answered(frameworks, domains={"GM", "PI"})  # the e-services not answered yet
    client.force_login(make_user(Role.FOCAL_POINT, member=mine.member))
    response = client.get(reverse("diagnostic:roadmap", args=[mine.pk]))
    modules = response.context["modules"]
    assert modules and modules == sorted(modules, key=lambda m: -m["gain"])
    codes = {m["code"] for m in modules}
    assert "city-portal" not in codes  # it closes EL1, PS5 and EL6: none answered yet
    assert "cybersecurity-baseline" in codes  # it closes PI3, answered below full marks
    client.logout()
    guide = client.get(reverse("diagnostic:module", args=[modules[0]["code"]]))
    page = guide.content.decode()
    assert guide.status_code == 200 and "Steps" in page and "Typical cost" in page
    assert client.get(reverse("diagnostic:module", args=["no-such-module"])).status_code == 404
