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
