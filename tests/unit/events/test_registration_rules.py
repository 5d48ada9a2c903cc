"""The registration rules: places, the waiting list, the quota, the order of promotion."""

from datetime import UTC, datetime, timedelta

from wego.events.domain.registration import (
    APPROVED,
    CLOSED,
    NOBODY,
    NOT_OPEN,
    OVER_QUOTA,
    PENDING,
    WAITLISTED,
    Waiting,
    decide,
    phase_of,
    promotion_order,
    to_promote,
)

NOON = datetime(2026, 6, 1, 12, tzinfo=UTC)


def rules(new, **given):
    arguments = {
        "capacity": None,
        "places_taken": 0,
        "quota": None,
        "member_active": 0,
        "needs_approval": True,
    }
    arguments.update(given)
    return decide(new, **arguments)


def test_without_limits_everyone_gets_a_place_waiting_for_approval():
    assert rules(3).statuses == (PENDING, PENDING, PENDING)


def test_without_approval_people_are_approved_at_once():
    assert rules(2, needs_approval=False).statuses == (APPROVED, APPROVED)


def test_people_beyond_the_capacity_join_the_waiting_list():
    decision = rules(3, capacity=10, places_taken=8, needs_approval=False)
    assert decision.statuses == (APPROVED, APPROVED, WAITLISTED)


def test_a_full_event_waitlists_everyone():
    assert rules(2, capacity=5, places_taken=5).statuses == (WAITLISTED, WAITLISTED)


def test_newcomers_do_not_jump_the_queue():
    assert rules(1, capacity=5, places_taken=4, waiting=2).statuses == (WAITLISTED,)


def test_the_quota_refuses_the_whole_submission_and_says_what_is_left():
    decision = rules(3, quota=4, member_active=2)
    assert decision.refused and decision.refusal == OVER_QUOTA
    assert decision.statuses == ()
    assert decision.quota_left == 2


def test_the_quota_exactly_reached_is_allowed():
    assert rules(2, quota=4, member_active=2).statuses == (PENDING, PENDING)


def test_the_quota_is_checked_before_the_capacity():
    assert rules(2, quota=1, capacity=1, places_taken=1).refusal == OVER_QUOTA


def test_closed_and_not_yet_open_are_refused():
    assert rules(1, phase=CLOSED).refusal == CLOSED
    assert rules(1, phase=NOT_OPEN).refusal == NOT_OPEN
    assert rules(0).refusal == NOBODY


def test_phase_follows_the_opening_and_the_deadline():
    assert phase_of(NOON, NOON + timedelta(hours=1), None) == NOT_OPEN
    assert phase_of(NOON, None, NOON) == "open"  # the deadline minute itself is still open
    assert phase_of(NOON, None, NOON - timedelta(seconds=1)) == CLOSED


def test_promotion_is_first_come_first_served():
    first = Waiting(3, NOON, NOON - timedelta(days=2))
    second = Waiting(1, NOON + timedelta(minutes=1), NOON - timedelta(days=5))
    tie = Waiting(2, NOON + timedelta(minutes=1), NOON - timedelta(days=5))
    unknown = Waiting(4, None, NOON + timedelta(minutes=5))  # joined when registered
    assert [p.id for p in promotion_order([unknown, tie, second, first])] == [3, 1, 2, 4]


def test_only_the_free_places_are_filled():
    waiting = [Waiting(n, NOON + timedelta(minutes=n), NOON) for n in (5, 6, 7)]
    assert to_promote(10, 8, waiting) == [5, 6]
    assert to_promote(10, 10, waiting) == []
    assert to_promote(10, 12, waiting) == []  # more taken than the capacity (lowered)
    assert to_promote(None, 50, waiting) == [5, 6, 7]
