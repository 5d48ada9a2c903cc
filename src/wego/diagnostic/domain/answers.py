"""Answers to framework questions: what a valid answer is, and reading one from text.

Plain Python. The same rules serve the fill-in form, the workbook import and the API, so a
value refused in one is refused in all, with the same message.
"""

from __future__ import annotations

import ipaddress
import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from wego.diagnostic.domain.framework import Framework, Question, QuestionType

YES_WORDS = {"yes", "y", "true", "1", "oui", "sí", "si", "예", "네", "نعم"}
NO_WORDS = {"no", "n", "false", "0", "non", "아니오", "아니요", "لا"}
MAX_TEXT = 4000
# The comment or source given with an answer: a few paragraphs. The same limit holds for the
# Answer model, the fill-in form, the workbook and the API.
MAX_COMMENT = 4000
# The largest answer to a number question. The framework files give number questions no upper
# bound, only a unit: counts (meetings, tests, datasets), rates per 100 employees or per 1,000
# residents, speeds in Mbps, days. A billion is far above any real answer of that kind, yet small
# enough that every score, mean and JSON value computed from the answers stays an ordinary
# finite number. A question whose unit is a percentage of something is at most 100.
MAX_NUMBER = 1_000_000_000
# An evidence link: the answer to an evidence question, or the link given with any answer (as
# long as the Answer model's evidence_url).
MAX_LINK = 500


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
    "too-large": "must be at most {limit:,}",
    "percentage": "must be a percentage from 0 to 100",
    "choice": "must be one of: {options}",
    "too-long": "is too long ({length:,} characters; at most {limit:,})",
    "comment-too-long": "comment is too long ({length:,} characters; at most {limit:,})",
    "link": "must be a web link starting with https:// or http://, e.g. https://city.example/plan",
    "link-too-long": "link is too long ({length:,} characters; at most {limit:,})",
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


def check_comment(text: str) -> str:
    """The comment given with an answer, if it is not too long; AnswerError otherwise."""
    if len(text) > MAX_COMMENT:
        raise AnswerError("comment-too-long", length=len(text), limit=MAX_COMMENT)
    return text


def check_link(text: str) -> str:
    """An evidence link, stripped, if it is a web address a reader can open; AnswerError if not.

    Empty means no link. "6", "www.city.example" or "file:///C:/plan.pdf" are refused: a
    validator would find nothing behind them.
    """
    link = text.strip()
    if len(link) > MAX_LINK:
        raise AnswerError("link-too-long", length=len(link), limit=MAX_LINK)
    if link and not is_web_link(link):
        raise AnswerError("link")
    return link


# A host name's label: letters or digits (any script), with hyphens inside.
_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")


def is_web_link(text: str) -> bool:
    """http:// or https://, then a host (a domain name with its top-level part, an IP address
    or localhost), and no spaces."""
    if any(character.isspace() for character in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (a port that is not a number raises ValueError)
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    return _is_host(parts.hostname)


def _is_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    top = labels[-1]
    if len(labels) < 2 or not (top.isalpha() and len(top) >= 2 or top.startswith("xn--")):
        return False
    return all(_LABEL.fullmatch(label) for label in labels)


def _level(framework, question, raw) -> int:
    try:
        value = _as_float(str(raw).strip().split(" ")[0].rstrip(":.-"))
    except ValueError:
        raise AnswerError("level") from None
    if math.isnan(value):
        raise AnswerError("level")
    if not 0 <= value <= 4 or not value.is_integer():
        raise AnswerError("whole-level")
    return int(value)


def _as_float(raw) -> float:
    """A float from text or a number; ValueError if it is not a number. Never raises anything
    else: an integer too large for a float (10**400, which JSON may give) becomes infinity, for
    the range checks to refuse; NaN and infinities are returned, for the caller to refuse."""
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        try:
            return float(raw)
        except OverflowError:
            return math.inf if raw > 0 else -math.inf
    try:
        return float(raw)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(raw) from None


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
    if _in_percent(question):
        return _percentage(framework, question, raw)
    return _bounded_number(raw, MAX_NUMBER)


def _bounded_number(raw, limit: float) -> float:
    """A finite number from 0 to `limit`; "inf", "nan" and "1e999" (infinity) are refused."""
    try:
        value = _as_float(raw.strip().replace(",", "") if isinstance(raw, str) else raw)
    except ValueError:
        raise AnswerError("number") from None
    if math.isnan(value):
        raise AnswerError("number")
    if value < 0:
        raise AnswerError("negative")
    if value > limit:
        raise AnswerError("too-large", limit=limit)
    return value


def _in_percent(question: Question) -> bool:
    """A number question whose unit is a percentage of something, e.g. "% of the city budget"."""
    return bool(question.unit) and question.unit.get("en", "").lstrip().startswith("%")


def _percentage(framework, question, raw) -> float:
    text = str(raw).strip().rstrip("%").strip() if isinstance(raw, str) else raw
    try:
        return _bounded_number(text, 100)
    except AnswerError:
        raise AnswerError("percentage") from None


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
    return check_link(str(raw))


_PARSERS = {
    QuestionType.LEVEL: _level,
    QuestionType.YES_NO: _yes_no,
    QuestionType.NUMBER: _number,
    QuestionType.PERCENTAGE: _percentage,
    QuestionType.CHOICE: _choice,
    QuestionType.TEXT: _text,
    QuestionType.EVIDENCE: _evidence,
}
