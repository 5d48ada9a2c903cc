import copy

import pytest

from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.crosswalk import CrosswalkError, carry_over
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.domain.scoring import CityContext, score


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    old = load_framework(write_framework(tmp_path_factory.mktemp("v1")))
    header = {
        **copy.deepcopy(HEADER),
        "version": "2.0",
        "crosswalk": {"from_version": "1.0", "questions": {"AA1.2": "AA1.4", "AA2.2": None}},
    }
    domains = copy.deepcopy(DOMAINS)
    questions = domains["AA"]["indicators"][0]["questions"]
    questions[1]["code"] = "AA1.4"  # renamed
    questions.append({"code": "AA1.5", "type": "yes-no", "text": {"en": "New?"}})  # added
    domains["AA"]["indicators"][1]["questions"].pop()  # AA2.2 dropped
    domains["BB"]["indicators"][0]["questions"][0]["choices"] = [
        {"code": "none", "label": {"en": "None"}, "score": 0},
        {"code": "full", "label": {"en": "Full"}, "score": 1},
    ]  # "some" is no longer a choice
    del domains["BB"]["indicators"][0]["questions"][0]["scale"]
    new = load_framework(write_framework(tmp_path_factory.mktemp("v2"), header, domains))
    return old, new


def test_answers_follow_renamed_questions(versions):
    old, new = versions
    answers = {
        "AA1.1": AnswerValue(3),
        "AA1.2": AnswerValue(True),
        "AA2.2": AnswerValue(4.0),
        "BB1.1": AnswerValue("some"),
        "AA2.1": AnswerValue(not_applicable=True),
    }
    carried = carry_over(answers, old, new)
    assert carried == {
        "AA1.1": AnswerValue(3),
        "AA1.4": AnswerValue(True),
        "AA2.1": AnswerValue(not_applicable=True),
    }


def test_new_questions_are_missing_not_zero(versions):
    old, new = versions
    carried = carry_over({"AA1.1": AnswerValue(4), "AA1.2": AnswerValue(True)}, old, new)
    result = score(new, carried, CityContext(population=1_000_000))
    assert result.indicators["AA1"].value == 100
    assert result.indicators["AA1"].missing == 1  # AA1.5 is new


def test_same_version_is_unchanged_and_unlinked_versions_refused(versions):
    old, new = versions
    answers = {"AA1.1": AnswerValue(2)}
    assert carry_over(answers, old, old) == answers
    with pytest.raises(CrosswalkError, match="no crosswalk from 2.0"):
        carry_over(answers, new, old)
