"""Where a cycle stands in time, and the countdown to its deadline."""

from datetime import UTC, datetime, timedelta

import pytest

from wego.awards.domain.timeline import Phase, Timeline, countdown, local, order_problems, phase

OPENS = datetime(2026, 3, 1, tzinfo=UTC)
# 30 June, 23:59 in Seoul (UTC+9) is 14:59 in UTC.
DEADLINE = datetime(2026, 6, 30, 14, 59, tzinfo=UTC)
JUDGING_ENDS = datetime(2026, 8, 31, tzinfo=UTC)
DATES = Timeline(OPENS, DEADLINE, JUDGING_ENDS, datetime(2026, 9, 15, tzinfo=UTC))


@pytest.mark.parametrize(
    "now, expected",
    [
        (OPENS - timedelta(seconds=1), Phase.UPCOMING),
        (OPENS, Phase.OPEN),
        (DEADLINE - timedelta(seconds=1), Phase.OPEN),
        # The deadline instant itself is too late: "before the deadline" means strictly before.
        (DEADLINE, Phase.JUDGING),
        (JUDGING_ENDS, Phase.DELIBERATION),
    ],
)
def test_phase_follows_the_dates(now, expected):
    assert phase(DATES, now) is expected


def test_published_results_end_the_cycle_whatever_the_date():
    published = Timeline(OPENS, DEADLINE, JUDGING_ENDS, published=True)
    assert phase(published, OPENS) is Phase.PUBLISHED


def test_countdown_rounds_down_to_the_minute():
    now = DEADLINE - timedelta(days=12, hours=4, minutes=3, seconds=59)
    assert countdown(DEADLINE, now) == countdown(DEADLINE, now + timedelta(seconds=59))
    left = countdown(DEADLINE, now)
    assert (left.days, left.hours, left.minutes) == (12, 4, 3)
    assert not left.is_over


def test_countdown_is_zero_after_the_deadline():
    assert countdown(DEADLINE, DEADLINE + timedelta(hours=1)).is_over


def test_local_time_is_the_clock_of_the_cycle_time_zone():
    seoul = local(DEADLINE, "Asia/Seoul")
    assert (seoul.day, seoul.hour, seoul.minute) == (30, 23, 59)
    madrid = local(DEADLINE, "Europe/Madrid")  # summer time, UTC+2
    assert (madrid.hour, madrid.minute) == (16, 59)


def test_dates_out_of_order_are_named():
    backwards = Timeline(DEADLINE, OPENS, OPENS, OPENS - timedelta(days=1))
    assert order_problems(backwards) == [
        ("deadline", "deadline-before-opening"),
        ("judging_ends_at", "judging-before-deadline"),
        ("announcement_at", "announcement-before-judging"),
    ]
    assert order_problems(DATES) == []
