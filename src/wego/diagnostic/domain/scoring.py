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


@dataclass(slots=True)
class _Mean:
    """A running weighted mean."""

    total: float = 0.0
    weight: float = 0.0

    def add(self, weight: float, value: float) -> None:
        self.total += weight * value
        self.weight += weight

    @property
    def value(self) -> float | None:
        return self.total / self.weight if self.weight else None


@dataclass(slots=True)
class _Level:
    """One level of the roll-up (a domain, or the whole framework): mean score and coverage."""

    score: _Mean = field(default_factory=_Mean)
    coverage: _Mean = field(default_factory=_Mean)
    answered: int = 0
    missing: int = 0

    def add(self, weight: float, item: Score, has_applicable: bool) -> None:
        if item.value is not None:
            self.score.add(weight, item.value)
        if has_applicable:
            self.coverage.add(weight, item.coverage)
        self.answered += item.answered
        self.missing += item.missing

    def result(self) -> Score:
        return Score(self.score.value, self.coverage.value or 0.0, self.answered, self.missing)


def _score_indicator(framework, indicator, answers, city, statuses, question_scores):
    mean, applicable, answered, missing = _Mean(), 0.0, 0, 0
    for question in indicator.questions:
        answer = answers.get(question.code)
        status = question_status(question, answer, city)
        statuses[question.code] = status
        if status == Status.ANSWERED:
            value = question_score(framework, question, answer.value)
            question_scores[question.code] = value
            mean.add(question.weight, value)
            applicable += question.weight
            answered += 1
        elif status == Status.MISSING:
            applicable += question.weight
            missing += 1
    value = mean.value * 100 if mean.weight else None
    coverage = mean.weight / applicable if applicable else 0.0
    return Score(value, coverage, answered, missing), mean, applicable > 0


def score(
    framework: Framework, answers: Mapping[str, AnswerValue], city: CityContext = CityContext()
) -> Result:
    statuses: dict[str, Status] = {}
    question_scores: dict[str, float] = {}
    indicators: dict[str, Score] = {}
    domains: dict[str, Score] = {}
    sums = {"indicator": {}, "domain": {}}
    overall = _Level()
    for domain in framework.domains:
        level = _Level()
        for indicator in domain.indicators:
            item, mean, has_applicable = _score_indicator(
                framework, indicator, answers, city, statuses, question_scores
            )
            indicators[indicator.code] = item
            sums["indicator"][indicator.code] = (mean.total, mean.weight)
            level.add(indicator.weight, item, has_applicable)
        domains[domain.code] = level.result()
        sums["domain"][domain.code] = (level.score.total, level.score.weight)
        overall.add(domain.weight, domains[domain.code], level.coverage.weight > 0)
    sums["overall"] = (overall.score.total, overall.score.weight)
    total = overall.result()
    stage = framework.stage_for(total.value) if total.coverage >= STAGE_MIN_COVERAGE else None
    return Result(total, stage, domains, indicators, statuses, question_scores, sums)


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


def replaced_mean(sums: tuple[float, float], weight: float, old, new: float) -> float:
    """The weighted mean once `old` (None: not counted yet) becomes `new`."""
    total, weights = sums
    if old is not None:
        total, weights = total - weight * old, weights - weight
    return (total + weight * new) / (weights + weight)


def with_indicator(result, domain, indicator, new_value: float) -> tuple[float, float]:
    """The domain's score and the overall score once one indicator scores `new_value` (0-100),
    all else equal: the sensitivity of the overall score to that indicator."""
    new_domain = replaced_mean(
        result._sums["domain"][domain.code],
        indicator.weight,
        result.indicators[indicator.code].value,
        new_value,
    )
    new_overall = replaced_mean(
        result._sums["overall"], domain.weight, result.domains[domain.code].value, new_domain
    )
    return new_domain, new_overall


def _overall_with(result, domain, indicator, question, new_score) -> float:
    old = result.question_scores.get(question.code)
    new_indicator = 100 * replaced_mean(
        result._sums["indicator"][indicator.code], question.weight, old, new_score
    )
    return with_indicator(result, domain, indicator, new_indicator)[1]
