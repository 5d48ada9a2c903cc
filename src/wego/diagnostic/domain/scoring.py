"""The CeDS scoring engine: answers in, scores out. Plain Python, no Django.

Scores run from 0 to 100. A question's score (0..1) rolls up into its indicator (weighted mean
of answered questions), the indicator into its domain, the domains into the overall score.
Questions that do not apply leave the means. Questions not answered yet also leave the means
but are counted: every score carries its `coverage`, the share of the applicable weight behind
it that is answered, so a missing answer is visible and never silently counted as zero.
A maturity stage is only given once at least half of that weight is answered
(STAGE_MIN_COVERAGE): a stage read off a handful of answers would mislead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import Framework, Question, QuestionType, Stage

STAGE_MIN_COVERAGE = 0.5


class Status(StrEnum):
    ANSWERED = "answered"
    MISSING = "missing"
    NOT_APPLICABLE = "not-applicable"  # the city said so
    EXCLUDED = "excluded"  # an applicability rule left it out for this city
    UNSCORED = "unscored"  # asked for information (text, evidence, weight 0)


@dataclass(frozen=True, slots=True)
class CityContext:
    """What applicability rules look at."""

    population: int | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Score:
    value: float | None  # 0-100; None when nothing behind it is answered
    coverage: float  # 0-1: share of the applicable weight that is answered
    answered: int
    missing: int


@dataclass(slots=True)
class Result:
    overall: Score
    stage: Stage | None
    domains: dict[str, Score]
    indicators: dict[str, Score]
    statuses: dict[str, Status]
    question_scores: dict[str, float]  # 0..1, answered scored questions only
    _sums: dict = field(default_factory=dict, repr=False)

    def count(self, status: Status) -> int:
        return sum(1 for value in self.statuses.values() if value == status)


def question_score(framework: Framework, question: Question, value) -> float:
    """The 0..1 score of a valid answer value."""
    kind = question.type
    if kind == QuestionType.LEVEL:
        return value / 4
    if kind == QuestionType.YES_NO:
        return 1.0 if value else 0.0
    if kind == QuestionType.PERCENTAGE:
        return min(max(value / 100, 0.0), 1.0)
    if kind == QuestionType.NUMBER:
        zero, full = question.scoring.zero_at, question.scoring.full_at
        return min(max((value - zero) / (full - zero), 0.0), 1.0)
    if kind == QuestionType.CHOICE:
        for choice in framework.choices_of(question):
            if choice.code == value:
                return choice.score
        raise ValueError(f"{question.code}: unknown choice {value!r}")
    raise ValueError(f"{question.code}: {kind} answers are not scored")


def best_and_worst(framework: Framework, question: Question) -> tuple[float, float]:
    if question.type == QuestionType.CHOICE:
        scores = [choice.score for choice in framework.choices_of(question)]
        return max(scores), min(scores)
    return 1.0, 0.0


def question_status(question: Question, answer: AnswerValue | None, city: CityContext) -> Status:
    if question.applies_if and not question.applies_if.applies(city.population, city.kind):
        return Status.EXCLUDED
    if not question.is_scored:
        return Status.UNSCORED
    if answer is not None and answer.not_applicable:
        return Status.NOT_APPLICABLE
    if answer is None or answer.value is None or answer.value == "":
        return Status.MISSING
    return Status.ANSWERED


def score(
    framework: Framework, answers: Mapping[str, AnswerValue], city: CityContext = CityContext()
) -> Result:
    statuses: dict[str, Status] = {}
    question_scores: dict[str, float] = {}
    indicators: dict[str, Score] = {}
    domains: dict[str, Score] = {}
    sums = {"indicator": {}, "domain": {}}
    overall_num = overall_den = 0.0
    overall_cov_num = overall_cov_den = 0.0
    total_answered = total_missing = 0

    for domain in framework.domains:
        dom_num = dom_den = 0.0  # over scored indicators
        dom_cov_num = dom_cov_den = 0.0  # over indicators with applicable questions
        dom_answered = dom_missing = 0
        for indicator in domain.indicators:
            num = den = applicable = 0.0
            answered = missing = 0
            for question in indicator.questions:
                answer = answers.get(question.code)
                status = question_status(question, answer, city)
                statuses[question.code] = status
                if status == Status.ANSWERED:
                    value = question_score(framework, question, answer.value)
                    question_scores[question.code] = value
                    num += question.weight * value
                    den += question.weight
                    applicable += question.weight
                    answered += 1
                elif status == Status.MISSING:
                    applicable += question.weight
                    missing += 1
            value = num / den * 100 if den else None
            coverage = den / applicable if applicable else 0.0
            indicators[indicator.code] = Score(value, coverage, answered, missing)
            sums["indicator"][indicator.code] = (num, den)
            if value is not None:
                dom_num += indicator.weight * value
                dom_den += indicator.weight
            if applicable:
                dom_cov_num += indicator.weight * coverage
                dom_cov_den += indicator.weight
            dom_answered += answered
            dom_missing += missing
        value = dom_num / dom_den if dom_den else None
        coverage = dom_cov_num / dom_cov_den if dom_cov_den else 0.0
        domains[domain.code] = Score(value, coverage, dom_answered, dom_missing)
        sums["domain"][domain.code] = (dom_num, dom_den)
        if value is not None:
            overall_num += domain.weight * value
            overall_den += domain.weight
        if dom_cov_den:
            overall_cov_num += domain.weight * coverage
            overall_cov_den += domain.weight
        total_answered += dom_answered
        total_missing += dom_missing

    overall_value = overall_num / overall_den if overall_den else None
    overall = Score(
        overall_value,
        overall_cov_num / overall_cov_den if overall_cov_den else 0.0,
        total_answered,
        total_missing,
    )
    sums["overall"] = (overall_num, overall_den)
    stage = framework.stage_for(overall_value) if overall.coverage >= STAGE_MIN_COVERAGE else None
    return Result(overall, stage, domains, indicators, statuses, question_scores, sums)


@dataclass(frozen=True, slots=True)
class Sensitivity:
    question: str
    gain: float  # points the overall score would gain at the best answer
    loss: float  # points it would lose at the worst answer


def sensitivity(framework: Framework, result: Result) -> list[Sensitivity]:
    """For every applicable scored question, how far its answer can move the overall score.

    Each change touches one indicator, one domain and the overall mean, so it is recomputed
    from the running sums in constant time instead of rescoring the whole assessment.
    """
    current = result.overall.value
    found = []
    for domain in framework.domains:
        for indicator in domain.indicators:
            for question in indicator.questions:
                status = result.statuses[question.code]
                if status not in (Status.ANSWERED, Status.MISSING):
                    continue
                best, worst = best_and_worst(framework, question)
                high = _overall_with(result, domain, indicator, question, best)
                low = _overall_with(result, domain, indicator, question, worst)
                base = current if current is not None else low
                found.append(Sensitivity(question.code, high - base, base - low))
    return found


def _overall_with(result, domain, indicator, question, new_score) -> float:
    old = result.question_scores.get(question.code)
    num, den = result._sums["indicator"][indicator.code]
    if old is not None:
        num, den = num - question.weight * old, den - question.weight
    num, den = num + question.weight * new_score, den + question.weight
    new_indicator = num / den * 100

    dom_num, dom_den = result._sums["domain"][domain.code]
    old_indicator = result.indicators[indicator.code].value
    if old_indicator is not None:
        dom_num, dom_den = dom_num - indicator.weight * old_indicator, dom_den - indicator.weight
    dom_num, dom_den = dom_num + indicator.weight * new_indicator, dom_den + indicator.weight
    new_domain = dom_num / dom_den

    all_num, all_den = result._sums["overall"]
    old_domain = result.domains[domain.code].value
    if old_domain is not None:
        all_num, all_den = all_num - domain.weight * old_domain, all_den - domain.weight
    all_num, all_den = all_num + domain.weight * new_domain, all_den + domain.weight
    return all_num / all_den
