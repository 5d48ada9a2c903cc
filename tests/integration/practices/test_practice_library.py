"""The library: search, filters, facets, export, the practice page, feeds and sitemap."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wego.practices.models import Practice
from wego.practices.services.demo_data import load_demo_practices

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(demo_network):
    load_demo_practices()


def listed(response):
    return [p.slug for p in response.context["result"].practices]


def test_a_question_in_plain_words_finds_the_reporting_app(client, library):
    response = client.get(
        reverse("practices:list"), {"q": "How do we get citizens to report potholes?"}
    )
    assert response.status_code == 200
    assert "seberang-perai-street-problem-reporting-app" in listed(response)[:5]
    assert response.context["result"].mode == "both"


def test_a_korean_question_finds_an_english_practice(client, library):
    question = "시민이 스마트폰으로 도로 파손을 신고하는 방법"  # how citizens report damaged roads
    response = client.get(reverse("practices:list"), {"q": question, "mode": "meaning"})
    assert "seberang-perai-street-problem-reporting-app" in listed(response)[:5]


def test_a_practice_is_found_by_the_words_of_its_korean_title(client, library):
    # "Report app": words of the Korean title of Seberang Perai's English practice.
    response = client.get(reverse("practices:list"), {"q": "신고 앱", "mode": "keyword"})
    assert "seberang-perai-street-problem-reporting-app" in listed(response)


@pytest.mark.parametrize("mode", ["meaning", "both"])
def test_nonsense_finds_nothing_and_says_so(client, library, mode):
    response = client.get(reverse("practices:list"), {"q": "xyzzy nothing", "mode": mode})
    body = response.content.decode()
    assert response.context["result"].total == 0
    assert "0 practices found" in body
    assert "No practice is close enough in meaning to “xyzzy nothing”" in body
    assert "?q=xyzzy+nothing&amp;mode=keyword" in body  # the same words, by exact words


@pytest.mark.parametrize("query", ["cemetery management", "snow removal"])
def test_the_merged_search_does_not_pad_with_far_away_practices(client, library, query):
    """Practices merely sharing a word ("management") with a topic the library does not
    cover are found by exact words only, not by the default search."""
    merged = client.get(reverse("practices:list"), {"q": query})
    assert merged.context["result"].mode == "both"
    assert merged.context["result"].total == 0
    words = client.get(reverse("practices:list"), {"q": query, "mode": "keyword"})
    assert query != "cemetery management" or words.context["result"].total > 0


def test_a_clear_question_finds_a_few_practices_not_the_whole_library(client, library):
    response = client.get(reverse("practices:list"), {"q": "ghost workers on the payroll"})
    found = response.context["result"]
    assert listed(response)[0] == "khartoum-state-integrated-payroll"
    assert found.total <= 3 < Practice.objects.count()


def test_filters_and_facets(client, library):
    response = client.get(reverse("practices:list"), {"category": "open-city", "awarded": "1"})
    found = response.context["result"]
    assert found.total == 3  # Best, Outstanding and Most Promising in Open City, 2014
    assert {p.award_year for p in found.practices} == {2014}
    assert dict(found.facets["category"]) == {"open-city": 3}
    technology = found.facets["technology"][0][0]
    narrowed = client.get(
        reverse("practices:list"), {"category": "open-city", "technology": technology}
    )
    assert all(technology in p.technologies for p in narrowed.context["result"].practices)


def test_a_filter_value_that_does_not_exist_is_named(client, library):
    response = client.get(reverse("practices:list"), {"category": "gardening", "q": "data"})
    assert response.status_code == 400
    assert "Category: “gardening” is not one of the choices." in response.content.decode()
    assert response.context["result"].total > 0  # the rest of the search still ran


def test_nothing_found_says_so(client, library):
    response = client.get(reverse("practices:list"), {"q": "zzzqqq", "mode": "keyword"})
    assert response.context["result"].total == 0
    assert "No practice matches" in response.content.decode()


@pytest.mark.parametrize("page", ["²", "9" * 5000, "1e999", "inf", "-1", "0", "two"])
def test_a_page_number_that_is_no_page_shows_the_first(client, library, page):
    response = client.get(reverse("practices:list"), {"page": page})
    assert response.status_code == 200
    assert response.context["page"] == 1


def test_a_page_number_in_arabic_digits_is_read(client, library):
    assert client.get(reverse("practices:list"), {"page": "٢"}).context["page"] == 2


def test_export_of_what_is_found(client, library):
    response = client.get(reverse("practices:list"), {"awarded": "1", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Title" and len(rows) == 16  # heading and the 15 winners
    assert any(r[1] == "Seoul" and "Best e-Government Prize" in r[4] for r in rows[1:])


def test_practice_page_shows_the_award_and_similar_practices(client, library):
    seoul = Practice.objects.get(city="Seoul", award_tier="best")
    page = client.get(seoul.get_absolute_url())
    body = page.content.decode()
    assert "Best e-Government Prize, WeGO Awards 2014" in body
    assert seoul.title in body and "Demo content" in body
    assert "<p>Seoul designed a network of late-night bus routes" in body  # paragraphs, not
    assert "&lt;p&gt;" not in body  # their tags shown as text
    similar = page.context["similar"]
    assert len(similar) == 4 and seoul not in similar


def test_unpublished_practices_are_not_public(client, library):
    draft = Practice.objects.first()
    draft.status = Practice.Status.DRAFT
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 302  # sign in first
    assert draft.slug not in listed(client.get(reverse("practices:list")))


def test_feeds_list_new_practices(client, library):
    rss = ET.fromstring(client.get(reverse("practices:feed_rss")).content)
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert len(titles) == 30 and all(titles)
    atom = ET.fromstring(client.get(reverse("practices:feed_atom")).content)
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"


def test_sitemap_lists_public_pages(client, library):
    sitemap = client.get("/sitemap.xml").content.decode()
    seoul = Practice.objects.get(city="Seoul", award_tier="best")
    assert seoul.get_absolute_url() in sitemap
    assert "/members/seoul/" in sitemap and "/practices/" in sitemap


def test_roadmap_and_results_recommend_practices_for_the_gaps(client, library, frameworks):
    from tests.factories import make_user
    from tests.integration.diagnostic.test_peers import scored
    from wego.accounts.models import Role

    mine = scored(frameworks, 1, share="none", country="NP")
    client.force_login(make_user(Role.CITY_USER, member=mine.member))
    roadmap = client.get(reverse("diagnostic:roadmap", args=[mine.pk]))
    rows = [r for y in roadmap.context["years"] for r in y["rows"]]
    tags = dict(Practice.objects.values_list("slug", "indicators"))
    recommended = [(r["code"], p) for r in rows for p in r["practices"]]
    assert recommended and all(code in tags[p.slug] for code, p in recommended)
    assert recommended[0][1].get_absolute_url() in roadmap.content.decode()
    results = client.get(reverse("diagnostic:results", args=[mine.pk]))
    weakest = {row["code"] for row in results.context["weakest"]}
    assert results.context["practices"]
    assert all(weakest & set(tags[p.slug]) for p in results.context["practices"])
