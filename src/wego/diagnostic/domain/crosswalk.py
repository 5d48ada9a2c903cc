"""Carrying answers from one framework version to the next, so scores stay comparable.

A new version's framework.yaml lists, for every question of the version it replaces, the code
it has now (or null when it was dropped). Answers given under the old version can then be
scored under the new one: the same yardstick for every year of a city's trend.
"""

from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import Framework


class CrosswalkError(ValueError):
    """The two versions are not linked by a crosswalk."""


def carry_over(
    answers: dict[str, AnswerValue], old: Framework, new: Framework
) -> dict[str, AnswerValue]:
    """The old version's answers under the new version's question codes.

    Dropped questions are left out; questions new in this version stay missing (never zero).
    A carried answer that is no longer valid for the new question (say, a choice removed)
    is left out too, rather than guessed.
    """
    if old.code != new.code:
        raise CrosswalkError(f"{old.code} and {new.code} are different frameworks")
    if old.version == new.version:
        return dict(answers)
    crosswalk = new.header.crosswalk
    if crosswalk is None or crosswalk.from_version != old.version:
        raise CrosswalkError(f"{new.code} {new.version} has no crosswalk from {old.version}")
    new_questions = new.question_map()
    carried = {}
    for code, answer in answers.items():
        target = crosswalk.questions.get(code, code if code in new_questions else None)
        if target is None or target not in new_questions:
            continue
        if answer.value is not None and not _still_valid(new, new_questions[target], answer):
            continue
        carried[target] = answer
    return carried


def _still_valid(framework: Framework, question, answer: AnswerValue) -> bool:
    from wego.diagnostic.domain.answers import AnswerError, parse_answer

    try:
        parse_answer(framework, question, answer.value)
    except AnswerError:
        return False
    return True
