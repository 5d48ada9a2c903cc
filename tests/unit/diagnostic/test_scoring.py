"""The scoring engine: hand-computed examples, then invariants with hypothesis."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.diagnostic.small_framework import write_framework
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import QuestionType, load_framework
from wego.diagnostic.domain.scoring import CityContext, Status, score, sensitivity

BIG_CITY = CityContext(population=1_000_000, kind="city")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_framework(write_framework(tmp_path_factory.mktemp("tiny")))


def test_hand_computed_example(tiny):
    answers = {
        "AA1.1": AnswerValue(3),  # 0.75, weight 1
        "AA1.2": AnswerValue(True),  # 1.0, weight 2  -> AA1 = (0.75 + 2) / 3 = 91.67
        "AA2.1": AnswerValue(40.0),  # 0.4            -> AA2 = (0.4 + 0.5) / 2 = 45
        "AA2.2": AnswerValue(5.0),  # 0.5
        "BB1.1": AnswerValue("some"),  # 0.5          -> BB1 = 50, BB = 50
    }
    result = score(tiny, answers, BIG_CITY)
    assert result.indicators["AA1"].value == pytest.approx(275 / 3)
    assert result.indicators["AA2"].value == pytest.approx(45)
    assert result.domains["AA"].value == pytest.approx((275 / 3 + 45) / 2)
    # AA weighs 2, BB 1
    expected = (2 * (275 / 3 + 45) / 2 + 50) / 3
    assert result.overall.value == pytest.approx(expected)
    assert result.stage.code == "mid"
    assert result.overall.coverage == pytest.approx(1.0)
    assert result.statuses["AA1.3"] == Status.UNSCORED


def test_missing_answers_are_shown_not_counted_as_zero(tiny):
    result = score(tiny, {"AA1.1": AnswerValue(4)}, BIG_CITY)
    assert result.indicators["AA1"].value == 100  # only the answered question counts
    assert result.indicators["AA1"].coverage == pytest.approx(1 / 3)  # AA1.2 weighs 2, missing
    assert result.indicators["AA2"].value is None
    assert result.overall.value == 100
    assert result.overall.missing == 4
    assert result.overall.coverage < 0.5
    assert result.stage is None  # too few answers to name a stage


def test_not_applicable_and_excluded_leave_the_mean(tiny):
    small_town = CityContext(population=20_000, kind="city")
    answers = {"AA2.1": AnswerValue(not_applicable=True), "AA2.2": AnswerValue(10.0)}
    result = score(tiny, answers, small_town)
    assert result.statuses["AA2.1"] == Status.NOT_APPLICABLE
    assert result.statuses["AA2.2"] == Status.EXCLUDED  # only for cities over 100,000
    assert result.indicators["AA2"].value is None
    assert result.indicators["AA2"].coverage == 0


def test_nothing_answered(tiny):
    result = score(tiny, {}, BIG_CITY)
    assert result.overall.value is None
    assert result.stage is None
    assert result.overall.coverage == 0


def test_number_scoring_is_clamped(tiny):
    assert score(tiny, {"AA2.2": AnswerValue(50.0)}, BIG_CITY).indicators["AA2"].value == 100


# ---- invariants -----------------------------------------------------------------------------


def answer_strategy(framework, question):
    kind = question.type
    if kind == QuestionType.LEVEL:
        values = st.integers(0, 4)
    elif kind == QuestionType.YES_NO:
        values = st.booleans()
    elif kind == QuestionType.PERCENTAGE:
        values = st.floats(0, 100)
    elif kind == QuestionType.NUMBER:
        values = st.floats(0, 1e6)
    elif kind == QuestionType.CHOICE:
        values = st.sampled_from([c.code for c in framework.choices_of(question)])
    else:
        values = st.text(max_size=20)
    answer = values.map(AnswerValue)
    if question.allow_not_applicable:
        answer = st.one_of(answer, st.just(AnswerValue(not_applicable=True)))
    return st.one_of(st.none(), answer)


def best_value(question):
    """The answer that scores highest in the tiny framework."""
    return {
        QuestionType.LEVEL: 4,
        QuestionType.YES_NO: True,
        QuestionType.PERCENTAGE: 100.0,
        QuestionType.NUMBER: question.scoring.full_at if question.scoring else 0,
        QuestionType.CHOICE: "full",
    }[question.type]


def answers_strategy(framework):
    questions = [q for _d, _i, q in framework.questions()]
    return st.fixed_dictionaries({q.code: answer_strategy(framework, q) for q in questions}).map(
        lambda answers: {code: a for code, a in answers.items() if a is not None}
    )


def city_strategy():
    return st.builds(
        CityContext,
        st.one_of(st.none(), st.integers(0, 10_000_000)),
        st.sampled_from(["city", "province", None]),
    )


def all_bounded(result) -> bool:
    scores = [result.overall, *result.domains.values(), *result.indicators.values()]
    return all(
        (s.value is None or 0 <= s.value <= 100 + 1e-9) and 0 <= s.coverage <= 1 + 1e-9
        for s in scores
    )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_scores_and_coverage_stay_in_range(tiny, data):
    answers = data.draw(answers_strategy(tiny))
    result = score(tiny, answers, data.draw(city_strategy()))
    assert all_bounded(result)
    answered = sum(1 for s in result.statuses.values() if s == Status.ANSWERED)
    assert result.overall.answered == answered


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_raising_one_answer_never_lowers_the_overall_score(tiny, data):
    answers = data.draw(answers_strategy(tiny))
    city = data.draw(city_strategy())
    before = score(tiny, answers, city)
    scored = [code for code, s in before.statuses.items() if s == Status.ANSWERED]
    if not scored:
        return
    code = data.draw(st.sampled_from(scored))
    question = tiny.question_map()[code]
    best = best_value(question)
    after = score(tiny, {**answers, code: AnswerValue(best)}, city)
    assert after.overall.value >= before.overall.value - 1e-9


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_sensitivity_matches_rescoring(tiny, data):
    answers = data.draw(answers_strategy(tiny))
    city = data.draw(city_strategy())
    result = score(tiny, answers, city)
    questions = tiny.question_map()
    for item in sensitivity(tiny, result):
        question = questions[item.question]
        best = best_value(question)
        rescored = score(tiny, {**answers, item.question: AnswerValue(best)}, city).overall.value
        base = result.overall.value
        if base is not None:
            assert math.isclose(rescored - base, item.gain, abs_tol=1e-6)
        assert item.gain >= -1e-9 and item.loss >= -1e-9


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_all_best_is_100_and_all_worst_is_0(tiny, data):
    city = data.draw(city_strategy())
    best, worst = {}, {}
    for _d, _i, q in tiny.questions():
        if q.type == QuestionType.LEVEL:
            best[q.code], worst[q.code] = AnswerValue(4), AnswerValue(0)
        elif q.type == QuestionType.YES_NO:
            best[q.code], worst[q.code] = AnswerValue(True), AnswerValue(False)
        elif q.type == QuestionType.PERCENTAGE:
            best[q.code], worst[q.code] = AnswerValue(100.0), AnswerValue(0.0)
        elif q.type == QuestionType.NUMBER:
            best[q.code], worst[q.code] = AnswerValue(10.0), AnswerValue(0.0)
        elif q.type == QuestionType.CHOICE:
            best[q.code], worst[q.code] = AnswerValue("full"), AnswerValue("none")
    assert score(tiny, best, city).overall.value == pytest.approx(100)
    assert score(tiny, worst, city).overall.value == pytest.approx(0)
    assert score(tiny, best, city).stage.code == "high"


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_shipped_frameworks_keep_the_invariants(shipped_frameworks, data):
    """CeDS (200 questions) and LOSI (95): bounded scores, coverage, stage only with coverage."""
    for framework in shipped_frameworks:
        answers = data.draw(answers_strategy(framework))
        result = score(framework, answers, data.draw(city_strategy()))
        assert all_bounded(result)
        if result.stage is not None:
            assert result.overall.coverage >= 0.5
            assert result.overall.value >= result.stage.min_score
        for item in sensitivity(framework, result):
            assert -1e-9 <= item.gain <= 100 and -1e-9 <= item.loss <= 100
