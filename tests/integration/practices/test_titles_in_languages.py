"""A practice's title and summary in the reader's language wherever it is shown, the original
isolated and marked where there is no translation; cities give the translations in the form."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_member, make_user
from wego.accounts.models import Role
from wego.core.i18n import Localised
from wego.practices.models import Practice
from wego.practices.services import practices as lifecycle
from wego.practices.services.demo_data import load_demo_practices

pytestmark = pytest.mark.django_db

WIFI = "da-nang-citywide-free-wifi"
WIFI_KO = "도시 전역의 무료 공공 와이파이"
WIFI_AR = "شبكة واي فاي عامة مجانية في أنحاء المدينة"
WIFI_EN = "Free public Wi-Fi across the city"


@pytest.fixture
def library(demo_network):
    load_demo_practices()


def in_language(language, name, *args, **query):
    with translation.override(language):
        return reverse(name, args=args), query


def page(client, language, name, *args, **query):
    url, query = in_language(language, name, *args, **query)
    return client.get(url, query).content.decode()


def untranslated(practice_title):
    """What a title without a translation looks like on a Korean or Arabic page."""
    return f'<span lang="en" dir="ltr" class="untranslated">{practice_title}</span>'


@pytest.mark.django_db
def test_the_title_for_each_reader_and_what_it_falls_back_to():
    practice = Practice(title="Bus data", title_ko="버스 데이터", language="en")
    assert practice.title_in("ko") == Localised("버스 데이터", "ko")
    assert practice.title_in("ar") == Localised("Bus data", "en")  # no Arabic: the original
    korean = Practice(title="심야버스", title_en="Night buses", language="ko")
    assert korean.title_in("ar") == Localised("Night buses", "en")  # English before Korean
    assert korean.title_in("ko") == Localised("심야버스", "ko")  # the city's own words
    assert Practice(title="Plain", language="en").title_in("ko") == Localised("Plain", "en")


@pytest.mark.parametrize(("language", "title"), [("ko", WIFI_KO), ("ar", WIFI_AR), ("en", WIFI_EN)])
def test_the_library_lists_titles_and_summaries_in_the_readers_language(
    client, library, language, title
):
    body = page(client, language, "practices:list", category="digital-divide")
    assert title in body
    wifi = Practice.objects.get(slug=WIFI)
    summary = wifi.summary_in(language).text.split()[0]
    assert summary in body


def test_an_untranslated_title_on_an_arabic_page_keeps_its_own_direction(client, library):
    practice = Practice.objects.get(slug=WIFI)
    practice.title_ar = ""
    lifecycle.save(practice, None)
    body = page(client, "ar", "practices:list", category="digital-divide")
    assert untranslated(WIFI_EN) in body
    assert '<span class="untranslated-note">(الإنجليزية)</span>' in body


def test_the_practice_page_in_korean(client, library):
    body = page(client, "ko", "practices:detail", WIFI)
    assert f"<h1>{WIFI_KO}</h1>" in body
    assert untranslated(WIFI_EN) in body  # the title as the city wrote it, marked
    assert "다낭은 거리, 해변, 시장" in body  # the summary in Korean
    # The story stays in English, in its own language and direction.
    assert '<div lang="en" dir="ltr"><p>Many residents, especially informal workers' in body


def test_the_member_page_lists_its_practices_in_the_readers_language(client, library):
    body = page(client, "ko", "members:detail", "da-nang")
    assert WIFI_KO in body


def test_the_feed_in_arabic(client, library):
    url, _query = in_language("ar", "practices:feed_rss")
    rss = ET.fromstring(client.get(url).content)
    titles = [item.findtext("title") for item in rss.iter("item")]
    assert f"{WIFI_AR} (دا نانغ)" in titles  # the city as Arabic readers write it, too


def test_the_awards_winners_in_korean(client, library):
    from wego.awards.services.demo_data import load_awards_demo

    load_awards_demo()
    body = page(client, "ko", "awards:winners", "wego-awards-2014")
    assert WIFI_KO in body


def test_keyword_search_finds_a_practice_by_its_arabic_title(client, library):
    url, query = in_language("ar", "practices:list", q="واي فاي", mode="keyword")
    found = client.get(url, query).context["result"].practices
    assert WIFI in [p.slug for p in found]


def test_a_city_gives_its_title_in_other_languages(client):
    member = make_member(name="Ulaanbaatar", country="MN")
    client.force_login(make_user(Role.CITY_USER, member=member))
    form = client.get(reverse("practices:new")).content.decode()
    assert 'name="title_ko"' in form and 'name="title_ar"' in form
    assert 'name="title_en"' not in form  # written in English: no English translation asked
    assert 'lang="ar" dir="rtl"' in form
    data = {"title": "Street lights", "member": member.pk, "language": "en"}
    data |= {"title_ko": "스마트 가로등", "title_ar": "إنارة ذكية", "summary_ko": "<b>가로등</b>"}
    client.post(reverse("practices:new"), data)
    practice = Practice.objects.get()
    assert (practice.title_ko, practice.title_ar) == ("스마트 가로등", "إنارة ذكية")
    assert practice.summary_ko == "<b>가로등</b>"
    assert "스마트 가로등" in page(client, "ko", "practices:detail", practice.slug)


def test_the_results_and_roadmap_recommend_in_the_readers_language(client, library, frameworks):
    from tests.integration.diagnostic.test_peers import scored

    mine = scored(frameworks, 1, share="none", country="NP")
    client.force_login(make_user(Role.CITY_USER, member=mine.member))
    for name in ("diagnostic:results", "diagnostic:roadmap"):
        url, _query = in_language("ar", name, mine.pk)
        response = client.get(url)
        items = (
            response.context["practices"]
            if name.endswith("results")
            else [
                p
                for year in response.context["years"]
                for row in year["rows"]
                for p in row["practices"]
            ]
        )
        assert items
        body = response.content.decode()
        for item in items:
            arabic = Practice.objects.get(slug=item.slug).title_ar
            assert (item.title.text, item.title.language) == (arabic, "ar")
            assert f">{arabic}</a>" in body


def test_a_member_city_reads_in_the_readers_language(client, library):
    """A member's practice names its city as the member list does in each language; a city
    outside the list keeps the name it was written with."""
    for language, name in (("en", "Da Nang"), ("ko", "다낭"), ("ar", "دا نانغ")):
        body = page(client, language, "practices:list")
        assert name in body
    assert "Taipei" in page(client, "ar", "practices:list")  # not a member: as written
