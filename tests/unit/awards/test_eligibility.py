"""Who may apply, and when an application is complete enough to submit."""

import pytest

from wego.awards.domain.eligibility import (
    ALREADY_APPLIED,
    CLOSED,
    FUTURE_YEAR,
    MISSING,
    NOT_IN_OPERATION,
    NOT_MEMBER,
    NOT_OPEN,
    answer_field,
    call_problems,
    missing_fields,
    problems_to_apply,
    problems_to_submit,
)
from wego.awards.domain.timeline import Phase


@pytest.mark.parametrize(
    "phase, expected",
    [
        (Phase.UPCOMING, [NOT_OPEN]),
        (Phase.OPEN, []),
        (Phase.JUDGING, [CLOSED]),
        (Phase.DELIBERATION, [CLOSED]),
        (Phase.PUBLISHED, [CLOSED]),
    ],
)
def test_the_call_takes_applications_only_while_open(phase, expected):
    assert call_problems(phase) == expected


def test_an_active_member_with_no_application_in_the_category_may_apply():
    assert problems_to_apply(Phase.OPEN, member_active=True, already_applied=False) == []


def test_every_reason_not_to_apply_is_given():
    assert problems_to_apply(Phase.JUDGING, member_active=False, already_applied=True) == [
        CLOSED,
        NOT_MEMBER,
        ALREADY_APPLIED,
    ]


def test_missing_fields_name_each_empty_question():
    answers = {"0": "We put 300 services online.", "1": "   ", "in_operation": True}
    assert missing_fields("", " ", answers, 3, None) == [
        "title",
        "summary",
        answer_field(1),
        answer_field(2),
        "in_operation_since",
    ]
    assert missing_fields("Title", "Summary", {"0": "a", "1": "b"}, 2, 2019) == []


def test_a_complete_application_in_operation_can_be_submitted():
    problems = problems_to_submit(
        Phase.OPEN, [], in_operation_since=2019, current_year=2026, confirms_in_operation=True
    )
    assert problems == []


def test_submission_problems_come_together_the_deadline_first():
    problems = problems_to_submit(
        Phase.JUDGING,
        ["summary"],
        in_operation_since=2031,
        current_year=2026,
        confirms_in_operation=False,
    )
    assert problems == [CLOSED, MISSING, NOT_IN_OPERATION, FUTURE_YEAR]


def test_this_year_is_not_the_future():
    problems = problems_to_submit(
        Phase.OPEN, [], in_operation_since=2026, current_year=2026, confirms_in_operation=True
    )
    assert problems == []
