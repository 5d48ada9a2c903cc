"""How far the answering of an assessment has got: the questions answered, of those to answer.

Plain Python. The base is the questions that apply to the city and are scored: a question that
an applicability rule leaves out (it asks only cities above a population, or of one kind) and
an evidence request (weight 0, asked for information) are not counted; "not applicable to our
city", said by the city, is an answer. So CeDS 1.0 has 200 questions, of which a city of
1,000,000 or more has 190 to answer (10 ask for evidence) and a smaller city fewer.

This is the figure people read ("28 of 190 questions answered, 15%"), the same on every page.
The scores' coverage (scoring.Score.coverage) weighs each question by its weight and its
indicator's and domain's instead; it decides whether a maturity stage can be given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wego.diagnostic.domain.framework import Framework
from wego.diagnostic.domain.scoring import Status

DONE = (Status.ANSWERED, Status.NOT_APPLICABLE)
TO_ANSWER = (*DONE, Status.MISSING)


@dataclass(frozen=True, slots=True)
class Progress:
    done: int = 0
    total: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.done

    @property
    def percent(self) -> int:
        """Whole percent, never 100 while one is missing nor 0 once one is answered (a person
        reading 100% takes it for all); nothing to answer is all done."""
        if not self.total:
            return 100
        value = round(100 * self.done / self.total)
        if self.done < self.total:
            value = min(value, 99)
        return max(value, 1) if self.done else value

    def __add__(self, other: Progress) -> Progress:
        return Progress(self.done + other.done, self.total + other.total)


@dataclass(frozen=True, slots=True)
class AnswerProgress:
    overall: Progress
    domains: dict[str, Progress] = field(default_factory=dict)
    indicators: dict[str, Progress] = field(default_factory=dict)


def answer_progress(framework: Framework, statuses: dict[str, Status]) -> AnswerProgress:
    """Progress overall, by domain and by indicator, from the scoring's question statuses."""
    overall, domains, indicators = Progress(), {}, {}
    for domain in framework.domains:
        in_domain = Progress()
        for indicator in domain.indicators:
            found = [statuses[question.code] for question in indicator.questions]
            item = Progress(
                sum(status in DONE for status in found),
                sum(status in TO_ANSWER for status in found),
            )
            indicators[indicator.code] = item
            in_domain += item
        domains[domain.code] = in_domain
        overall += in_domain
    return AnswerProgress(overall, domains, indicators)


@dataclass(frozen=True, slots=True)
class QuestionCount:
    """What a framework asks: every question, the scored ones, the evidence requests (and other
    questions asked for information only), and those that apply only to some cities."""

    total: int
    scored: int
    unscored: int
    conditional: int


def question_count(framework: Framework) -> QuestionCount:
    questions = [question for _domain, _indicator, question in framework.questions()]
    scored = sum(question.is_scored for question in questions)
    conditional = sum(bool(question.applies_if) for question in questions)
    return QuestionCount(len(questions), scored, len(questions) - scored, conditional)
