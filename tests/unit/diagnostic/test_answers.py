import pytest

from tests.unit.diagnostic.small_framework import write_framework
from wego.diagnostic.domain.answers import AnswerError, AnswerValue, parse_answer
from wego.diagnostic.domain.framework import load_framework


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_framework(write_framework(tmp_path_factory.mktemp("tiny")))


def parse(framework, code, raw):
    return parse_answer(framework, framework.question_map()[code], raw)


@pytest.mark.parametrize(
    ("code", "raw", "expected"),
    [
        ("AA1.1", "3", AnswerValue(3)),
        ("AA1.1", 2, AnswerValue(2)),
        ("AA1.1", "4 - Level 4", AnswerValue(4)),
        ("AA1.2", "Yes", AnswerValue(True)),
        ("AA1.2", "아니요", AnswerValue(False)),
        ("AA1.2", "نعم", AnswerValue(True)),
        ("AA2.1", "45%", AnswerValue(45.0)),
        ("AA2.1", "n/a", AnswerValue(not_applicable=True)),
        ("AA2.2", "1,250", AnswerValue(1250.0)),
        ("BB1.1", "Some", AnswerValue("some")),
        ("BB1.1", "full", AnswerValue("full")),
        ("BB1.2", "  notes  ", AnswerValue("notes")),
        ("AA1.1", "", AnswerValue()),
        ("AA1.1", None, AnswerValue()),
    ],
)
def test_valid_answers(tiny, code, raw, expected):
    assert parse(tiny, code, raw) == expected


@pytest.mark.parametrize(
    ("code", "raw", "message"),
    [
        ("AA1.1", "5", "must be a whole level from 0 to 4"),
        ("AA1.1", "2.5", "must be a whole level from 0 to 4"),
        ("AA1.1", "high", "must be a level from 0 to 4"),
        ("AA1.2", "perhaps", "must be yes or no"),
        ("AA2.1", "120", "must be a percentage from 0 to 100"),
        ("AA2.1", "-3", "must be a percentage from 0 to 100"),
        ("AA2.2", "lots", "must be a number"),
        ("AA2.2", "-1", "cannot be negative"),
        ("AA2.2", "nan", "must be a number"),
        ("BB1.1", "maybe", "must be one of: None, Some, Full"),
        ("AA1.1", "n/a", "cannot be answered “not applicable”"),
        ("BB1.2", "x" * 5000, "is too long"),
    ],
)
def test_invalid_answers_say_what_is_expected(tiny, code, raw, message):
    with pytest.raises(AnswerError, match=message):
        parse(tiny, code, raw)


# Non-finite and far-out-of-range numbers: Python's float() reads "inf", "nan", "Infinity" and
# "1e999" (infinity) without complaint, and JSON gives them as floats; none is an answer.
NOT_FINITE = ["inf", "-inf", "Infinity", "-Infinity", "nan", "NaN", "1e999", "-1e999"]


@pytest.mark.parametrize("raw", [*NOT_FINITE, float("inf"), float("-inf"), float("nan")])
@pytest.mark.parametrize("code", ["AA1.1", "AA2.1", "AA2.2"])
def test_non_finite_numbers_are_refused(tiny, code, raw):
    with pytest.raises(AnswerError):
        parse(tiny, code, raw)


@pytest.mark.parametrize(
    ("code", "raw", "message"),
    [
        ("AA1.1", "1e300", "must be a whole level from 0 to 4"),
        ("AA1.1", 10**400, "must be a whole level from 0 to 4"),
        ("AA2.1", "1e300", "must be a percentage from 0 to 100"),
        ("AA2.1", 10**400, "must be a percentage from 0 to 100"),
        ("AA2.2", "1e300", "must be at most 1,000,000,000"),
        ("AA2.2", 1e300, "must be at most 1,000,000,000"),
        ("AA2.2", 10**400, "must be at most 1,000,000,000"),
        ("AA2.2", "1" * 5000, "must be at most 1,000,000,000"),
        ("AA2.2", "inf", "must be at most 1,000,000,000"),
        ("AA2.2", "1e999", "must be at most 1,000,000,000"),
        ("AA2.2", float("inf"), "must be at most 1,000,000,000"),
        ("AA2.2", "-inf", "cannot be negative"),
        ("AA2.2", "NaN", "must be a number"),
        ("AA2.2", float("nan"), "must be a number"),
        ("AA1.1", "nan", "must be a level from 0 to 4"),
        ("AA1.1", "inf", "must be a whole level from 0 to 4"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_numbers_out_of_range_say_the_range(tiny, code, raw, message):
    with pytest.raises(AnswerError, match=message):
        parse(tiny, code, raw)


def test_the_largest_number_is_accepted(tiny):
    assert parse(tiny, "AA2.2", "1,000,000,000") == AnswerValue(1e9)
    assert parse(tiny, "AA2.2", 1_000_000_000) == AnswerValue(1e9)


def test_a_number_in_percent_of_something_is_at_most_100(tmp_path):
    from tests.unit.diagnostic.small_framework import DOMAINS

    domains = {**DOMAINS, "AA": _with_question(DOMAINS["AA"], unit={"en": "% of the budget"})}
    framework = load_framework(write_framework(tmp_path, domains=domains))
    assert parse(framework, "AA2.2", "100") == AnswerValue(100.0)
    with pytest.raises(AnswerError, match="must be a percentage from 0 to 100"):
        parse(framework, "AA2.2", "100.5")


def _with_question(domain, **changes):
    import copy

    domain = copy.deepcopy(domain)
    domain["indicators"][1]["questions"][1].update(changes)
    return domain
