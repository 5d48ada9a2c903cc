"""Who may apply, and when an application is ready to submit. Plain Python, no Django.

The rules of the call, in plain words:

1. Applications are started and submitted only while the call is open: after it opens and
   strictly before the deadline (the deadline instant itself is too late).
2. Only active WeGO members apply.
3. One application per category per city; a withdrawn application frees its place.
4. The practice must be in operation: the city confirms it, and the year it started cannot
   be in the future.
5. A submitted application is complete: title, summary, every question of its category,
   and the year the practice started.

Functions return problem codes; the services turn them into messages in the user's language.
"""

from collections.abc import Mapping

from wego.awards.domain.timeline import Phase

NOT_OPEN = "not-open"  # the call has not opened yet
CLOSED = "closed"  # the deadline has passed
NOT_MEMBER = "not-member"
ALREADY_APPLIED = "already-applied"
MISSING = "missing"
NOT_IN_OPERATION = "not-in-operation"
FUTURE_YEAR = "future-year"

# The answer that records the city's confirmation; questions are keyed "0", "1", ...
IN_OPERATION_KEY = "in_operation"


def call_problems(phase: Phase) -> list[str]:
    if phase is Phase.UPCOMING:
        return [NOT_OPEN]
    if phase is not Phase.OPEN:
        return [CLOSED]
    return []


def problems_to_apply(phase: Phase, member_active: bool, already_applied: bool) -> list[str]:
    problems = call_problems(phase)
    if not member_active:
        problems.append(NOT_MEMBER)
    if already_applied:
        problems.append(ALREADY_APPLIED)
    return problems


def answer_key(question_index: int) -> str:
    """Where an answer is stored: answers["0"] for the first question."""
    return str(question_index)


def answer_field(question_index: int) -> str:
    """The form field, and the missing-field name, of a question: "answer-0"."""
    return f"answer-{question_index}"


def missing_fields(
    title: str,
    summary: str,
    answers: Mapping[str, object],
    question_count: int,
    in_operation_since: int | None,
) -> list[str]:
    """Names of what is still empty: "title", "summary", "answer-0", ..., "in_operation_since"."""
    missing = []
    if not (title or "").strip():
        missing.append("title")
    if not (summary or "").strip():
        missing.append("summary")
    for index in range(question_count):
        if not str(answers.get(answer_key(index)) or "").strip():
            missing.append(answer_field(index))
    if in_operation_since is None:
        missing.append("in_operation_since")
    return missing


def problems_to_submit(
    phase: Phase,
    missing_fields: list[str],
    in_operation_since: int | None,
    current_year: int,
    confirms_in_operation: bool,
) -> list[str]:
    """Problem codes, the call's first: a late application is refused whatever else it lacks."""
    problems = call_problems(phase)
    if missing_fields:
        problems.append(MISSING)
    if not confirms_in_operation:
        problems.append(NOT_IN_OPERATION)
    if in_operation_since is not None and in_operation_since > current_year:
        problems.append(FUTURE_YEAR)
    return problems
