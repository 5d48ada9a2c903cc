import copy

import pytest

from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.domain.roadmap import apply_edits, candidates, not_answered, plan
from wego.diagnostic.domain.scoring import CityContext, score

CITY = CityContext(population=1_000_000)
LOW = {  # every question answered, every indicator far from full marks
    "AA1.1": AnswerValue(0),
    "AA1.2": AnswerValue(False),
    "AA2.1": AnswerValue(0.0),
    "AA2.2": AnswerValue(0.0),
    "BB1.1": AnswerValue("none"),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    domains = copy.deepcopy(DOMAINS)
    domains["AA"]["indicators"][0]["effort"] = 4  # AA1
    domains["AA"]["indicators"][1]["effort"] = 1  # AA2, requires AA1
    domains["BB"]["indicators"][0]["effort"] = 2  # BB1
    return load_framework(write_framework(tmp_path_factory.mktemp("t"), HEADER, domains))


def test_gain_is_what_the_overall_score_would_gain(tiny):
    answers = {
        "AA1.1": AnswerValue(2),
        "AA1.2": AnswerValue(False),
        "AA2.1": AnswerValue(50.0),
        "AA2.2": AnswerValue(5.0),
        "BB1.1": AnswerValue("none"),
    }
    result = score(tiny, answers, CITY)
    for item in candidates(tiny, result):
        indicator = next(i for d in tiny.domains for i in d.indicators if i.code == item.indicator)
        improved = dict(answers)
        for question in indicator.questions:
            best = {
                "level": 4,
                "yes-no": True,
                "percentage": 100.0,
                "number": 10.0,
                "choice": "full",
            }.get(question.type.value)
            if best is not None:
                improved[question.code] = AnswerValue(best)
        expected = score(tiny, improved, CITY).overall.value - result.overall.value
        assert item.gain == pytest.approx(expected)


def test_priority_order_and_requirements(tiny):
    answers = {
        "AA1.1": AnswerValue(0),
        "AA1.2": AnswerValue(False),
        "AA2.1": AnswerValue(0.0),
        "AA2.2": AnswerValue(0.0),
        "BB1.1": AnswerValue("none"),
    }
    result = score(tiny, answers, CITY)
    items = candidates(tiny, result)
    assert [i.priority for i in items] == sorted((i.priority for i in items), reverse=True)
    steps = plan(tiny, result, capacity=5)
    order = [s.item.indicator for s in steps]
    assert order.index("AA1") < order.index("AA2")  # AA2 needs AA1, even if cheaper
    assert next(s for s in steps if s.item.indicator == "AA2").waits_for == ("AA1",)


def test_years_respect_capacity(tiny):
    result = score(tiny, LOW, CITY)
    steps = plan(tiny, result, capacity=4, years=2)
    by_year = {}
    for step in steps:
        by_year.setdefault(step.year, 0)
        by_year[step.year] += step.item.effort
    assert all(load <= 4 for year, load in by_year.items() if year)
    assert all(1 <= s.quarter <= 4 for s in steps if s.year)


def test_full_marks_are_not_in_the_plan(tiny):
    answers = {"AA1.1": AnswerValue(4), "AA1.2": AnswerValue(True)}
    result = score(tiny, answers, CITY)
    assert "AA1" not in {i.indicator for i in candidates(tiny, result)}


def test_a_dropped_item_leaves_the_plan(tiny):
    result = score(tiny, LOW, CITY)
    steps = plan(tiny, result, keep={"BB1", "AA2"})
    assert {s.item.indicator for s in steps} == {"BB1", "AA2"}
    assert next(s for s in steps if s.item.indicator == "AA2").waits_for == ()


def test_an_unanswered_indicator_is_no_gap_but_is_listed_to_answer(tiny):
    answers = {"AA1.1": AnswerValue(1), "AA1.2": AnswerValue(False)}
    result = score(tiny, answers, CITY)
    assert [i.indicator for i in candidates(tiny, result)] == ["AA1"]
    assert [(u.indicator, u.domain, u.missing) for u in not_answered(tiny, result)] == [
        ("AA2", "AA", 2),
        ("BB1", "BB", 1),
    ]
    assert candidates(tiny, score(tiny, {}, CITY)) == []  # nothing answered, nothing to plan


def test_the_gain_is_explained_by_the_domain_it_moves(tiny):
    result = score(tiny, LOW, CITY)
    item = next(i for i in candidates(tiny, result) if i.indicator == "AA2")
    assert item.score == 0 and item.domain_score == 0
    assert item.domain_after == pytest.approx(50)  # AA1 and AA2 weigh the same in AA
    assert item.gain == pytest.approx(50 * 2 / 3)  # AA weighs 2, BB 1


def test_a_requirement_already_in_place_is_not_waited_for(tiny):
    answers = dict(LOW, **{"AA1.1": AnswerValue(1), "AA1.2": AnswerValue(True)})
    result = score(tiny, answers, CITY)
    assert result.indicators["AA1"].value == pytest.approx(75)
    steps = plan(tiny, result)
    aa2 = next(s for s in steps if s.item.indicator == "AA2")
    assert aa2.waits_for == ()  # AA1 counts as in place: AA2 may come first
    assert apply_edits(steps, {}).concerns == []
