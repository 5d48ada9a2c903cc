"""The demo awards: the 2nd WeGO Awards 2014 as the annual report tells it, and an open call."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wego.accounts.models import User
from wego.awards.domain.timeline import Phase
from wego.awards.models import (
    Application,
    Assignment,
    AwardCycle,
    Criterion,
    CycleCategory,
    Decision,
    Judge,
    Review,
)
from wego.awards.services.demo_data import load_awards_demo
from wego.practices.services.demo_data import load_demo_practices

pytestmark = pytest.mark.django_db

# The 2014 annual report: tier, category, city (as the practice names it).
WINNERS_2014 = [
    ("best", "services", "Taipei"),
    ("best", "efficiency", "Bangalore"),
    ("best", "open-city", "Helsinki"),
    ("best", "urban-management", "Seoul"),
    ("best", "digital-divide", "New Taipei"),
    ("outstanding", "services", "Songpa"),
    ("outstanding", "efficiency", "Barcelona"),
    ("outstanding", "open-city", "Hong Kong"),
    ("outstanding", "urban-management", "Gimpo"),
    ("outstanding", "digital-divide", "Da Nang"),
    ("most-promising", "services", "Beyoglu"),
    ("most-promising", "efficiency", "San Fernando, La Union"),
    ("most-promising", "open-city", "Chengdu"),
    ("most-promising", "urban-management", "Ankara"),
    ("most-promising", "digital-divide", "Singapore"),
]
MEMBER_WINNERS = {
    "Helsinki": "helsinki",
    "Seoul": "seoul",
    "Barcelona": "barcelona",
    "Hong Kong": "hong-kong",
    "Gimpo": "gimpo",
    "Da Nang": "da-nang",
    "San Fernando, La Union": "san-fernando-la-union",
    "Chengdu": "chengdu",
    "Ankara": "ankara",
}
PANEL_2014 = {
    ("Chris Moore", "AcuitasGov", "CA"),
    ("Tang Zhiwei", "University of Electronic Science and Technology of China", "CN"),
    ("Joonas Pekkanen", "Open Ministry", "FI"),
    ("Giulio Quagiotto", "Pulse Lab Jakarta (UN Global Pulse)", "ID"),
    ("Nadezhda Glebovna Yarushkina", "Ulyanovsk State Technical University", "RU"),
    ("Jong-Sung Hwang", "National Information Society Agency", "KR"),
    ("Mustafa Omar Nawari", "University of Khartoum", "SD"),
}


@pytest.fixture
def demo_awards(demo_network):
    load_demo_practices()
    return load_awards_demo()


def winners_2014():
    return {
        (d.tier, d.application.category, d.application.practice.city): d
        for d in Decision.objects.filter(
            application__cycle__slug="wego-awards-2014"
        ).select_related("application__practice", "application__member")
    }


def test_the_2014_cycle_has_the_five_categories_and_the_report_s_dates(demo_awards):
    cycle = AwardCycle.objects.get(slug="wego-awards-2014")

    assert (cycle.name, cycle.year, cycle.time_zone) == ("2nd WeGO Awards", 2014, "Asia/Shanghai")
    assert list(cycle.categories.values_list("category", flat=True)) == [
        "services",
        "efficiency",
        "open-city",
        "urban-management",
        "digital-divide",
    ]
    assert cycle.criteria.count() == 5
    assert cycle.prize_tiers == ["best", "outstanding", "most-promising"]
    ceremony = cycle.results_published_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert ceremony.date() == datetime(2014, 11, 5).date()
    assert cycle.announcement_at == cycle.results_published_at
    assert cycle.phase() == Phase.PUBLISHED
    assert "approximate" in cycle.description
    assert "Chengdu" in cycle.description
    assert cycle.is_demo


def test_the_2014_panel_is_the_seven_judges_of_the_report_without_accounts(demo_awards):
    judges = Judge.objects.filter(cycle__slug="wego-awards-2014")

    assert {(j.full_name, j.organisation, j.country.code) for j in judges} == PANEL_2014
    assert all(j.email.endswith("@judges.demo.we-gov.org") for j in judges)
    assert not judges.filter(user__isnull=False).exists()
    assert all(j.is_demo for j in judges)
    tang = judges.get(full_name="Tang Zhiwei")
    assert tang.position == "Vice Dean, School of Political and Public Administration"


def test_fifteen_winners_five_per_tier_as_the_report_lists_them(demo_awards):
    winners = winners_2014()

    assert set(winners) == set(WINNERS_2014)
    assert Decision.objects.filter(application__cycle__slug="wego-awards-2014").count() == 15
    for tier in ("best", "outstanding", "most-promising"):
        assert sum(1 for key in winners if key[0] == tier) == 5


def test_each_member_winner_applied_from_its_practice_in_its_category(demo_awards):
    winners = winners_2014()
    expected = [row for row in WINNERS_2014 if row[2] in MEMBER_WINNERS]

    assert set(expected) <= set(winners)
    for tier, category, city in expected:
        decision = winners[(tier, category, city)]
        application = decision.application
        assert application.member.slug == MEMBER_WINNERS[city]
        assert application.practice.award_year == 2014
        assert application.practice.award_tier == tier
        assert application.practice.member == application.member
        assert application.title == application.practice.title
        assert application.status == Application.Status.SUBMITTED
        assert application.is_demo
        assert decision.reason == (
            "Winner as announced at the 2nd WeGO Awards Ceremony, Chengdu, 5 November 2014."
        )
    # No invented scores: the report gives none.
    assert not Application.objects.filter(cycle__slug="wego-awards-2014", assignments__isnull=False)


def test_the_2027_call_is_open_with_the_demo_judge_on_its_panel(demo_awards):
    cycle = AwardCycle.objects.get(slug="wego-awards-2027")
    seoul = ZoneInfo("Asia/Seoul")
    now = timezone.now()

    assert cycle.phase() == Phase.OPEN
    assert cycle.is_open
    assert cycle.time_zone == "Asia/Seoul"
    deadline = cycle.deadline.astimezone(seoul)
    assert (deadline.hour, deadline.minute) == (23, 59)
    assert deadline.date() == (now.astimezone(seoul) + timedelta(days=45)).date()
    assert now - cycle.call_opens_at > timedelta(days=13)
    assert cycle.judging_ends_at - cycle.deadline == timedelta(days=45)
    assert cycle.announcement_at - cycle.judging_ends_at == timedelta(days=7)
    assert cycle.categories.count() == 5 and cycle.criteria.count() == 5
    assert cycle.results_published_at is None

    judge_account = User.objects.get(email="judge@demo.we-gov.org")
    seat = cycle.judges.get(user=judge_account)
    assert judge_account.has_perm("awards.judge")
    assert cycle.judges.filter(user__isnull=True).count() == 3
    assert seat.country.code not in {"KR", "KE"}  # no conflict with the demo cities' accounts
    seoul_account = User.objects.get(email="seoul@demo.we-gov.org")
    assert seoul_account.has_perm("awards.apply")


def test_a_2026_edition_is_being_judged_and_the_demo_judge_can_score(demo_awards, client):
    """The tester's case: in the demo a judge could not try scoring (the only panel the demo
    judge sat on opened for scoring months later). An edition is now always being judged."""
    cycle = AwardCycle.objects.get(slug="wego-awards-2026")
    assert cycle.phase() == Phase.JUDGING and cycle.is_demo
    judge = User.objects.get(email="judge@demo.we-gov.org")
    mine = Assignment.objects.filter(judge__cycle=cycle, judge__user=judge)
    assert mine.count() >= 4 and not Review.objects.filter(assignment__in=mine).exists()
    others = Assignment.objects.filter(judge__cycle=cycle).exclude(judge__user=judge)
    assert others and all(a.review.status == Review.Status.SUBMITTED for a in others)
    for application in cycle.applications.all():  # every application has its N judges
        assert application.assignments.count() == cycle.judges_per_application

    client.force_login(judge)
    listing = client.get(reverse("awards:judging")).content.decode()
    first = mine.select_related("application").first().application
    assert first.title in listing
    sheet = client.get(reverse("awards:score", args=[first.pk])).content.decode()
    assert 'type="radio"' in sheet and "message--warning" not in sheet
    assert "Submit scores" in sheet


def test_loading_twice_adds_nothing(demo_awards):
    models = (
        AwardCycle,
        CycleCategory,
        Criterion,
        Judge,
        Application,
        Decision,
        Assignment,
        Review,
    )
    before = [model.objects.count() for model in models]

    load_awards_demo()

    assert [model.objects.count() for model in models] == before


def test_loading_later_keeps_the_current_call_open(demo_awards):
    later = timezone.now() + timedelta(days=400)

    load_awards_demo(now=later)

    cycle = AwardCycle.objects.get(slug="wego-awards-2027")
    assert cycle.phase(later) == Phase.OPEN
    assert AwardCycle.objects.filter(slug="wego-awards-2027").count() == 1


def test_load_demo_data_loads_the_awards_after_the_practices(db, capsys):
    call_command("load_demo_data", "--no-users")

    assert AwardCycle.objects.filter(slug__in=["wego-awards-2014", "wego-awards-2027"]).count() == 2
    assert "3 award cycles" in capsys.readouterr().out
    # Without the demo accounts, the demo judge's seat is there, without a login.
    seat = Judge.objects.get(cycle__slug="wego-awards-2027", email="judge@demo.we-gov.org")
    assert seat.user is None
    assert AwardCycle.objects.get(slug="wego-awards-2014").deadline == datetime(
        2014, 7, 31, 15, 59, tzinfo=UTC
    )
