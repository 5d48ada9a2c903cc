"""The proposed roadmap of the shipped frameworks, over many random assessments: it never breaks
a requirement or a year's capacity, never warns about itself, and plans answered gaps only."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.diagnostic.test_scoring import answer_strategy, best_value, city_strategy
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.domain.roadmap import (
    SATISFIED,
    YEAR_CAPACITY,
    apply_edits,
    candidates,
    not_answered,
    plan,
    year_rank,
)
from wego.diagnostic.domain.scoring import CityContext, score


@st.composite
def partly_answered(draw, framework):
    """Answers as a city gives them: some domains whole, some in part, some not started."""
    answers = {}
    for domain in framework.domains:
        left_out = draw(st.sampled_from([0.0, 0.0, 0.3, 0.7, 1.0]))  # share not answered yet
        for indicator in domain.indicators:
            for question in indicator.questions:
                if draw(st.floats(0, 1)) < left_out:
                    continue
                answer = draw(answer_strategy(framework, question))
                if answer is not None:
                    answers[question.code] = answer
    return answers


def framework_named(frameworks, code):
    return next(f for f in frameworks if f.code == code)


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_the_proposed_plan_keeps_every_requirement_and_never_warns(shipped_frameworks, data):
    framework = framework_named(shipped_frameworks, data.draw(st.sampled_from(["ceds", "losi"])))
    result = score(framework, data.draw(partly_answered(framework)), data.draw(city_strategy()))
    steps = plan(framework, result)
    place = {step.item.indicator: n for n, step in enumerate(steps)}
    for n, step in enumerate(steps):
        assert step.item.score is not None, "an unanswered indicator is no gap"
        for required in step.item.requires:
            needed = result.indicators[required].value
            if required in place and needed is not None and needed < SATISFIED:
                assert place[required] < n, f"{step.item.indicator} before {required}"
                assert year_rank(steps[place[required]].year) <= year_rank(step.year)
                assert required in step.waits_for
        assert all(place[r] < n for r in step.waits_for)
    loads = {}
    for step in steps:
        loads[step.year] = loads.get(step.year, 0) + step.item.effort
    assert all(load <= YEAR_CAPACITY for year, load in loads.items() if year)
    edited = apply_edits(steps, {})
    assert edited.concerns == [], "an unedited plan warns about nothing"
    assert [s.item.indicator for s in edited.steps] == [s.item.indicator for s in steps]
    unanswered = {u.indicator for u in not_answered(framework, result)}
    assert unanswered.isdisjoint(place)
    assert all(result.indicators[code].value is None for code in unanswered)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_an_items_gain_is_what_rescoring_gives(shipped_frameworks, data):
    framework = framework_named(shipped_frameworks, "ceds")
    answers = data.draw(partly_answered(framework))
    city = data.draw(city_strategy())
    result = score(framework, answers, city)
    items = candidates(framework, result)
    if not items:
        return
    item = data.draw(st.sampled_from(items))
    indicator = framework.indicator_map()[item.indicator]
    improved = dict(answers)
    for question in indicator.questions:  # its answered questions at their best
        if question.code in result.question_scores:
            improved[question.code] = AnswerValue(best_of(framework, question))
    rescored = score(framework, improved, city)
    assert rescored.overall.value - result.overall.value == pytest.approx(item.gain, abs=1e-6)
    assert rescored.domains[item.domain].value == pytest.approx(item.domain_after, abs=1e-6)


def best_of(framework, question):
    if question.type == QuestionType.CHOICE:
        return max(framework.choices_of(question), key=lambda c: c.score).code
    return best_value(question)


def test_gains_differ_by_indicator_in_a_realistic_case(shipped_frameworks):
    """Seoul's first session: two domains answered, with the variety of real answers."""
    framework = framework_named(shipped_frameworks, "ceds")
    levels, answers = [3, 4, 2, 3, 1, 4, 3, 2], {}
    for domain in framework.domains[:2]:
        for indicator in domain.indicators:
            for question in indicator.questions:
                n = len(answers)
                value = {
                    QuestionType.LEVEL: levels[n % len(levels)],
                    QuestionType.YES_NO: n % 3 != 0,
                    QuestionType.PERCENTAGE: float(40 + 7 * (n % 8)),
                }.get(question.type)
                if value is not None:
                    answers[question.code] = AnswerValue(value)
    result = score(framework, answers, CityContext(population=9_400_000, kind="city"))
    items = candidates(framework, result)
    assert len(items) >= 5
    assert len({round(item.gain, 2) for item in items}) >= len(items) // 2
    assert {item.domain for item in items} <= {d.code for d in framework.domains[:2]}
    assert len(not_answered(framework, result)) == sum(
        len(d.indicators) for d in framework.domains[2:]
    )
