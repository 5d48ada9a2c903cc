"""Dates are written one way in each language (5 November 2014; 2014년 11월 5일; 5 نوفمبر 2014),
and short lists use the reader's comma ("Seoul, 2026"; "سيول، 2026")."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from wego.core.dates import clock

DAY = date(2014, 11, 5)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "5 November 2014"), ("ko", "2014년 11월 5일"), ("ar", "5 نوفمبر 2014")],
)
def test_one_date_format_per_language(language, expected):
    with translation.override(language):
        for shown in (
            Template('{{ day|date:"DATE_FORMAT" }}').render(Context({"day": DAY})),
            Template("{{ day|date }}").render(Context({"day": DAY})),
            Template("{{ day }}").render(Context({"day": DAY})),
        ):
            assert shown == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 June 2026, 23:59"),
        ("ko", "2026년 6월 30일 23:59"),
        ("ar", "30 يونيو 2026، 23:59"),
    ],
)
def test_an_instant_on_a_clock_reads_the_same_way(language, expected):
    deadline = datetime(2026, 6, 30, 14, 59, tzinfo=ZoneInfo("UTC"))
    with translation.override(language):
        assert clock(deadline, "Asia/Seoul") == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Seoul, 2026"), ("ko", "서울, 2026"), ("ar", "سيول، 2026")]
)
def test_short_lists_use_the_readers_comma(language, expected):
    names = {"en": "Seoul", "ko": "서울", "ar": "سيول"}
    with translation.override(language):
        rendered = Template("{% load wego_text %}{% listed city year %}").render(
            Context({"city": names[language], "year": 2026})
        )
    assert rendered == expected


def test_empty_items_are_left_out_and_text_escaped():
    rendered = Template("{% load wego_text %}{% listed a b c %}").render(
        Context({"a": "<b>x</b>", "b": "", "c": None})
    )
    assert rendered == "&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize("language", ["en", "ko", "ar"])
def test_numbers_are_grouped_by_thousands_in_every_language(language):
    """Arabic pages printed a population as 10100000 and a gain as +4,2."""
    with translation.override(language):
        shown = Template("{% load humanize %}{{ n|intcomma }} {{ f|floatformat:1 }}").render(
            Context({"n": 10_100_000, "f": 4.24})
        )
    assert shown == "10,100,000 4.2"


@pytest.mark.django_db
def test_what_a_city_wrote_keeps_its_own_direction_on_an_arabic_page(client):
    """A member's overview written in English reads left to right on the Arabic page (the
    browser takes the direction from the text itself)."""
    from tests.factories import make_member
    from wego.members.models import MemberProfile

    member = make_member(name_ar="سيول")
    MemberProfile.objects.create(
        member=member, overview="Seoul is the capital.", approved_at="2026-01-01T00:00:00Z"
    )
    with translation.override("ar"):
        page = client.get(member.get_absolute_url()).content.decode()
    assert '<div dir="auto"><p>Seoul is the capital.</p></div>' in page
