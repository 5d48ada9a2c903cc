import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db
DIRECTORY = reverse("members:directory")


def member_names(response) -> list[str]:
    return [member.name for member in response.context["members"]]


def test_lists_every_member_with_links(client, demo_network):
    response = client.get(DIRECTORY)
    page = response.content.decode()
    assert response.context["paginator"].count == 83
    assert "83 members found" in page
    assert 'href="/members/abu-dhabi/"' in page
    assert response.context["page_obj"].paginator.num_pages == 2


def test_filters_by_region_and_kind(client, demo_network):
    response = client.get(DIRECTORY, {"region": "africa", "kind": "state"})
    names = member_names(response)
    assert "Khartoum State" in names
    assert all(name.endswith("State") for name in names)
    assert len(names) == 8


def test_filters_by_country(client, demo_network):
    names = member_names(client.get(DIRECTORY, {"country": "KR"}))
    assert sorted(names) == ["Gimpo", "Seoul"]


def test_search_finds_names_in_korean_and_arabic(client, demo_network):
    assert member_names(client.get(DIRECTORY, {"q": "서울"})) == ["Seoul"]
    assert "Seoul" in member_names(client.get(DIRECTORY, {"q": "سيول"}))
    assert member_names(client.get(DIRECTORY, {"q": "nairo"})) == ["Nairobi"]


def test_invalid_filter_names_the_field_and_keeps_the_input(client, demo_network):
    response = client.get(DIRECTORY, {"q": "Seo", "region": "atlantis"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Region: Select a valid choice" in page
    assert 'value="Seo"' in page
    assert 'aria-invalid="true"' in page


def test_no_match_says_so(client, demo_network):
    response = client.get(DIRECTORY, {"q": "Atlantis"})
    assert "No member matches these filters" in response.content.decode()


def test_csv_export_follows_the_filters(client, demo_network):
    response = client.get(DIRECTORY, {"region": "latin-america", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Name", "Kind", "Country", "Region"]
    assert {row[0] for row in rows[1:]} == {
        "Asunción",
        "Caracas",
        "Mexico City",
        "Porto Alegre",
        "São Paulo",
    }


def test_excel_export_opens_with_every_member(client, demo_network):
    response = client.get(DIRECTORY, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 84  # header + 83 members
    assert sheet["A1"].value == "Name"


def test_member_page_shows_facts_and_leadership(client, demo_network):
    response = client.get(reverse("members:detail", args=["seoul"]))
    page = response.content.decode()
    assert "<h1>Seoul</h1>" in page
    assert "President City, 2014–2017" in page
    assert page.index("President City") < page.index("Executive Committee Member")
    assert "Host of the WeGO Secretariat" in page
    assert "WeGO Asia Regional Office" in page


def test_unknown_member_is_a_friendly_404(client, demo_network):
    response = client.get("/members/atlantis/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_home_shows_network_figures(client, demo_network):
    response = client.get(reverse("site:home"))
    assert response.context["figures"] == {"members": 83, "countries": 46, "regions": 6}
    assert 'href="/members/?region=africa"' in response.content.decode()


def test_home_counts_members_per_region(client, demo_network):
    from collections import Counter

    from wego.members.models import Member

    regions = {row["region"]: row["count"] for row in client.get("/").context["regions"]}
    expected = Counter(Member.objects.values_list("region", flat=True))
    assert regions == dict(expected)
    assert sum(regions.values()) == 83
