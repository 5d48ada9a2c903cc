"""The public world map of published results, and its table (page, CSV and Excel)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member
from tests.integration.diagnostic.test_peers import scored
from wego.core.regions import Region
from wego.diagnostic.models import Assessment
from wego.members.models import Member

pytestmark = pytest.mark.django_db
URL = reverse("diagnostic:map")


def city(name, country="KR", region=Region.ASIA_PACIFIC, lat="37.5665", lon="126.9780"):
    return make_member(
        name=name,
        name_en=name,
        slug=name.lower().replace(" ", "-"),
        country=country,
        region=region,
        population=900_000,
        latitude=None if lat is None else Decimal(lat),
        longitude=None if lon is None else Decimal(lon),
    )


def markers(html: str) -> dict[str, str]:
    """Each marker's link target, by the text it announces."""
    svg = html[html.index('<svg class="world-map__svg"') : html.index("</svg>")]
    return {
        title: href for href, title in re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', svg)
    }


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]
    ]


@pytest.fixture
def network(frameworks):
    seoul = scored(frameworks, 3, member=city("Seoul"))  # 75 out of 100
    Assessment.objects.filter(pk=seoul.pk).update(stage="connected")
    nairobi = scored(
        frameworks, 1, member=city("Nairobi", "KE", Region.AFRICA, "-1.2921", "36.8219")
    )  # 25
    private = scored(frameworks, 4, share="none", member=city("Private Town", lat="35", lon="129"))
    anonymous = scored(
        frameworks, 4, share="anonymous", member=city("Quiet City", lat="36", lon="127")
    )
    nowhere = scored(frameworks, 2, member=city("Nowhere", "FJ", Region.ASIA_PACIFIC, None, None))
    return {
        "seoul": seoul,
        "nairobi": nairobi,
        "private": private,
        "anonymous": anonymous,
        "nowhere": nowhere,
    }


def test_published_cities_are_markers_linking_to_their_results(client, network):
    html = client.get(URL).content.decode()
    found = markers(html)
    seoul, nairobi = network["seoul"], network["nairobi"]
    seoul_title = (
        "Seoul, South Korea: 75 out of 100 in 2026 · maturity stage: Connected"
        " · band 60 to under 80 (triangle pointing up)"
    )
    assert found[seoul_title] == reverse("diagnostic:results", args=[seoul.pk])
    nairobi_title = next(title for title in found if title.startswith("Nairobi, Kenya: 25 out of"))
    assert "band 20 to under 40 (square)" in nairobi_title
    assert found[nairobi_title] == reverse("diagnostic:results", args=[nairobi.pk])
    assert f"<title>{seoul_title}</title>" in html  # shown on hover too
    assert html.count('class="map-marker map-marker--4"') == 2  # Seoul's marker and the legend's
    assert len(found) == 2


def test_published_cities_are_in_the_table(client, network):
    rows = table_rows(client.get(URL).content.decode())
    assert rows == [
        "Nairobi Kenya Africa 2026 25 — See the results",
        "Nowhere (not on the map) Fiji Asia-Pacific 2026 50 — See the results",
        "Seoul South Korea Asia-Pacific 2026 75 Connected See the results",
    ]


def test_unpublished_and_anonymously_shared_results_are_nowhere(client, network):
    html = client.get(URL).content.decode()
    for name in ("Private Town", "Quiet City"):
        assert name not in html
    for key in ("private", "anonymous"):
        assert reverse("diagnostic:results", args=[network[key].pk]) not in html


def test_members_without_coordinates_are_counted_off_the_map(client, network):
    response = client.get(URL)
    html = response.content.decode()
    assert "1 published result is not on the map" in html
    assert not any(title.startswith("Nowhere") for title in markers(html))
    assert response.context["off_map"] == 1


def test_only_the_latest_published_year_of_each_member(client, frameworks):
    older = scored(frameworks, 1, year=2025, member=city("Seoul"))
    newer = scored(frameworks, 4, year=2026, member=older.member)
    html = client.get(URL).content.decode()
    assert reverse("diagnostic:results", args=[newer.pk]) in html
    assert reverse("diagnostic:results", args=[older.pk]) not in html
    assert table_rows(html) == ["Seoul South Korea Asia-Pacific 2026 100 — See the results"]


def test_a_newer_result_shared_only_anonymously_leaves_the_published_one(client, frameworks):
    published = scored(frameworks, 2, year=2025, member=city("Seoul"))
    scored(frameworks, 4, year=2026, share="anonymous", member=published.member)
    rows = table_rows(client.get(URL).content.decode())
    assert rows == ["Seoul South Korea Asia-Pacific 2025 50 — See the results"]


def test_other_frameworks_are_left_out(client, frameworks):
    losi = make_assessment(city("Gimpo"), frameworks["losi"])
    Assessment.objects.filter(pk=losi.pk).update(
        status=Assessment.Status.VALIDATED, is_public=True, overall_score=80
    )
    html = client.get(URL).content.decode()
    assert "No city has published its results yet." in html
    assert "Gimpo" not in html


def test_no_published_results_says_so(client, frameworks):
    scored(frameworks, 3, share="none", member=city("Seoul"))
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "No city has published its results yet." in html
    assert "<svg" not in html and "<table" not in html


def test_without_a_framework_the_page_says_so(client, db):
    html = client.get(URL).content.decode()
    assert "No framework is loaded yet." in html


def test_csv_export(client, network):
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ceds-results-map.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0] == [
        "Member",
        "Country",
        "Country code",
        "Region",
        "Year",
        "Overall score",
        "Maturity stage",
        "Latitude",
        "Longitude",
        "Results",
        "Demo data",
    ]
    seoul_url = "http://testserver" + reverse("diagnostic:results", args=[network["seoul"].pk])
    assert rows[1:] == [
        [
            "Nairobi",
            "Kenya",
            "KE",
            "Africa",
            "2026",
            "25.0",
            "",
            "-1.2921",
            "36.8219",
            "http://testserver" + reverse("diagnostic:results", args=[network["nairobi"].pk]),
            "no",
        ],
        [
            "Nowhere",
            "Fiji",
            "FJ",
            "Asia-Pacific",
            "2026",
            "50.0",
            "",
            "",
            "",
            "http://testserver" + reverse("diagnostic:results", args=[network["nowhere"].pk]),
            "no",
        ],
        [
            "Seoul",
            "South Korea",
            "KR",
            "Asia-Pacific",
            "2026",
            "75.0",
            "Connected",
            "37.5665",
            "126.978",
            seoul_url,
            "no",
        ],
    ]


def test_excel_export(client, network):
    response = client.get(URL, {"format": "xlsx"})
    assert 'filename="ceds-results-map.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert sheet.title == "Published results"
    assert rows[0][:6] == ["Member", "Country", "Country code", "Region", "Year", "Overall score"]
    assert [row[0] for row in rows[1:]] == ["Nairobi", "Nowhere", "Seoul"]
    assert rows[3][4:9] == [2026, 75, "Connected", 37.5665, 126.978]


def test_page_is_in_arabic_right_to_left_with_unlocalised_svg_numbers(client, network):
    html = client.get("/ar" + URL).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    view_box = re.search(r'viewBox="([^"]+)"', html).group(1)
    assert re.fullmatch(r"0 0 1000 \d+(\.\d)?", view_box)
    assert "/ar/diagnostic/assessments/" in html


def test_no_inline_style_or_script_for_the_strict_csp(client, network):
    html = client.get(URL).content.decode()
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # scripts only as files


def test_the_svg_is_described_for_screen_readers(client, network):
    html = client.get(URL).content.decode()
    svg_tag = re.search(r"<svg class=\"world-map__svg\"[^>]*>", html).group(0)
    assert 'role="group"' in svg_tag  # not "img": that would hide the marker links
    assert (
        'aria-labelledby="map-title"' in svg_tag and 'aria-describedby="map-description"' in svg_tag
    )
    assert '<title id="map-title">' in html and '<desc id="map-description">' in html
    assert '<g class="world-map__land" aria-hidden="true">' in html


def test_queries_do_not_grow_with_the_number_of_results(
    client, network, django_assert_max_num_queries
):
    client.get(URL)  # parse the framework once
    with django_assert_max_num_queries(3):
        client.get(URL)


def test_diagnostic_home_links_to_the_map(client, db):
    html = client.get(reverse("diagnostic:home")).content.decode()
    assert f'href="{URL}"' in html


def test_demo_members_all_have_coordinates(demo_network):
    assert not Member.objects.filter(latitude__isnull=True).exists()
    assert not Member.objects.filter(longitude__isnull=True).exists()
    seoul = Member.objects.get(slug="seoul")
    assert (seoul.latitude, seoul.longitude) == (Decimal("37.5665"), Decimal("126.9780"))
    assert Member.objects.get(slug="mexico-city").longitude < 0
    assert Member.objects.get(slug="mosman").latitude < 0
