"""Answers to framework questions: what a valid answer is, and reading one from text.

Plain Python. The same rules serve the fill-in form, the workbook import and the API, so a
value refused in one is refused in all, with the same message.
"""

from __future__ import annotations

from dataclasses import dataclass

from wego.diagnostic.domain.framework import Framework, Question, QuestionType

YES_WORDS = {"yes", "y", "true", "1", "oui", "sí", "si", "예", "네", "نعم"}
NO_WORDS = {"no", "n", "false", "0", "non", "아니오", "아니요", "لا"}
MAX_TEXT = 4000


@dataclass(frozen=True, slots=True)
class AnswerValue:
    """A city's answer to one question. `value` is None when only `not_applicable` is set."""

    value: bool | int | float | str | None = None
    not_applicable: bool = False

    @property
    def is_given(self) -> bool:
        return self.not_applicable or self.value not in (None, "")


MESSAGES = {
    "not-applicable": "this question cannot be answered “not applicable”",
    "level": "must be a level from 0 to 4",
    "whole-level": "must be a whole level from 0 to 4",
    "yes-no": "must be yes or no",
    "number": "must be a number, e.g. 12 or 3.5",
    "negative": "cannot be negative",
    "percentage": "must be a percentage from 0 to 100",
    "choice": "must be one of: {options}",
    "too-long": "is too long ({length} characters; at most {limit})",
}


class AnswerError(ValueError):
    """A value that is not a valid answer to its question.

    `code` and `params` let the web layer say it in the reader's language; the English message
    is for logs, scripts and tests.
    """

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(MESSAGES[code].format(**params))


def parse_answer(framework: Framework, question: Question, raw) -> AnswerValue:
    """Turn a raw value (text from a form or a cell, or a typed value) into a checked AnswerValue.

    Empty means not answered (None); "n/a" means not applicable where the question allows it.
    """
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return AnswerValue()
    if isinstance(raw, str) and raw.strip().lower() in {"n/a", "na", "not applicable"}:
        if not question.allow_not_applicable:
            raise AnswerError("not-applicable")
        return AnswerValue(not_applicable=True)
    parser = _PARSERS[question.type]
    return AnswerValue(value=parser(framework, question, raw))


def _level(framework, question, raw) -> int:
    try:
        value = float(str(raw).strip().split(" ")[0].rstrip(":.-"))
    except ValueError:
        raise AnswerError("level") from None
    if value != int(value) or not 0 <= value <= 4:
        raise AnswerError("whole-level")
    return int(value)


def _yes_no(framework, question, raw) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise AnswerError("yes-no")


def _number(framework, question, raw) -> float:
    if isinstance(raw, bool):
        raise AnswerError("number")
    try:
        value = float(str(raw).strip().replace(",", "")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise AnswerError("number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError("number")
    if value < 0:
        raise AnswerError("negative")
    return value


def _percentage(framework, question, raw) -> float:
    text = str(raw).strip().rstrip("%").strip() if isinstance(raw, str) else raw
    try:
        value = _number(framework, question, text)
    except AnswerError:
        raise AnswerError("percentage") from None
    if value > 100:
        raise AnswerError("percentage")
    return value


def _choice(framework, question, raw) -> str:
    text = str(raw).strip()
    choices = framework.choices_of(question)
    for choice in choices:
        if text == choice.code or text.lower() in {
            label.strip().lower() for label in choice.label.values()
        }:
            return choice.code
    options = ", ".join(choice.label["en"] for choice in choices)
    raise AnswerError("choice", options=options)


def _text(framework, question, raw) -> str:
    text = str(raw).strip()
    if len(text) > MAX_TEXT:
        raise AnswerError("too-long", length=len(text), limit=MAX_TEXT)
    return text


def _evidence(framework, question, raw) -> str:
    return _text(framework, question, raw)


_PARSERS = {
    QuestionType.LEVEL: _level,
    QuestionType.YES_NO: _yes_no,
    QuestionType.NUMBER: _number,
    QuestionType.PERCENTAGE: _percentage,
    QuestionType.CHOICE: _choice,
    QuestionType.TEXT: _text,
    QuestionType.EVIDENCE: _evidence,
}
