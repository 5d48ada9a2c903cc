"""The public winners page: hidden until publication, then by category and prize."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html
from openpyxl import load_workbook

from tests.factories import make_application, make_cycle, make_member, make_user
from tests.integration.awards.results_helpers import decide
from wego.accounts.models import Role
from wego.practices.models import Practice

pytestmark = pytest.mark.django_db


def city(name, country="KR"):
    return make_member(name=name, name_en=name, country=country)


@pytest.fixture
def awarded_cycle():
    """Three prizes in two categories, one not-awarded and one withdrawn application."""
    cycle = make_cycle("deliberation", name="2nd WeGO Awards 2014", slug="wego-awards-2014")
    practice = Practice.objects.create(
        slug="seoul-mvoting", title="mVoting", member=None, status="published"
    )
    draft_practice = Practice.objects.create(slug="busan-draft", title="Draft", status="draft")
    best = make_application(cycle, city("Seoul"), title="mVoting", practice=practice)
    outstanding = make_application(cycle, city("Busan"), title="Smart bus", practice=draft_practice)
    efficiency = make_application(
        cycle, city("Moscow", "RU"), category="efficiency", title="Paperless city hall"
    )
    nothing = make_application(cycle, city("Nowhere"), title="Not awarded")
    withdrawn = make_application(cycle, city("Gone"), title="Withdrawn", status="withdrawn")
    decide(best, "best", "Citizens decide with their phones.")
    decide(outstanding, "outstanding", "Buses on time.")
    decide(efficiency, "most-promising", "Paper use down by 80%.")
    decide(nothing, "", "Not yet in operation.")
    decide(withdrawn, "best", "Should never show.")
    return cycle, best, outstanding, efficiency


def winners_url(cycle):
    return reverse("awards:winners", kwargs={"slug": cycle.slug})


@pytest.mark.parametrize("role", [None, Role.JUDGE, Role.FOCAL_POINT, Role.REGIONAL_STAFF])
def test_before_publication_the_winners_page_does_not_exist_for_the_public(
    client, awarded_cycle, role
):
    cycle, best, *_ = awarded_cycle
    if role:
        client.force_login(make_user(role, member=best.member, region="europe"))
    assert client.get(winners_url(cycle)).status_code == 404
    assert client.get(winners_url(cycle) + "?format=xlsx").status_code == 404


def test_staff_preview_says_it_is_not_public_yet(client, awarded_cycle):
    cycle, *_ = awarded_cycle
    client.force_login(make_user(Role.SECRETARIAT))
    response = client.get(winners_url(cycle))
    assert response.status_code == 200
    assert "Not public yet." in response.text
    assert "mVoting" in response.text


def test_published_winners_by_category_and_prize(client, awarded_cycle):
    cycle, best, outstanding, efficiency = awarded_cycle
    cycle.results_published_at = timezone.now()
    cycle.save()

    response = client.get(winners_url(cycle))

    assert response.status_code == 200
    assert "Not public yet." not in response.text
    page = html.fromstring(response.content)
    sections = page.xpath("//main//section")
    assert [s.xpath("string(h2)") for s in sections] == ["Services", "Efficiency"]
    services = sections[0]
    assert [h.text_content() for h in services.xpath("h3")] == [
        "Best e-Government Prize",
        "Outstanding e-Government Prize",
    ]
    first = " ".join(services.xpath("ul[1]/li")[0].text_content().split())
    assert "mVoting" in first and "Seoul, South Korea" in first
    assert "Citizens decide with their phones." in first
    # A link to the practice only when it is published in the library.
    assert services.xpath('ul[1]//a[@href="/practices/seoul-mvoting/"]')
    assert not page.xpath('//a[@href="/practices/busan-draft/"]')
    certificate = reverse("awards:certificate", kwargs={"slug": cycle.slug, "pk": best.pk})
    assert services.xpath(f'ul[1]//a[@href="{certificate}"]')
    moscow = " ".join(sections[1].text_content().split())
    assert "Most Promising e-Government Prize" in moscow and "Moscow, Russia" in moscow
    assert "Not awarded" not in response.text and "Should never show" not in response.text


def test_winners_export(client, awarded_cycle):
    cycle, *_ = awarded_cycle
    cycle.results_published_at = timezone.now()
    cycle.save()
    response = client.get(winners_url(cycle) + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Winners"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Category", "Prize", "City", "Country")
    assert [row[2] for row in rows[1:]] == ["Seoul", "Busan", "Moscow"]
    assert rows[1][6] == "http://testserver/practices/seoul-mvoting/"

    response = client.get(winners_url(cycle) + "?format=csv")
    text = response.content.decode("utf-8-sig")
    assert "Paperless city hall" in text and "Not awarded" not in text


def test_winners_page_in_arabic(client, awarded_cycle):
    cycle, *_ = awarded_cycle
    cycle.results_published_at = timezone.now()
    cycle.save()
    response = client.get("/ar" + winners_url(cycle))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.text
    assert "جائزة أفضل حكومة إلكترونية" in response.text


def test_unknown_cycle_is_404(client):
    assert client.get(reverse("awards:winners", kwargs={"slug": "nope"})).status_code == 404
