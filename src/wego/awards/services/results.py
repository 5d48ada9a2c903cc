"""A cycle's standardised results: from the judges' submitted scores to each category's ranking.

Owns reading the scores that count (submitted reviews of submitted applications, no judge
with a conflict of interest) in a handful of queries, and what the deliberation page and the
exports show of them: the rankings, each judge's sheet and leniency. The arithmetic lives in
`domain/aggregation.py`. Recording decisions is `decisions`; publishing them, `publication`;
the emails to the applicant cities, `announcements`.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Exists, OuterRef

from wego.awards.domain import aggregation
from wego.awards.models import (
    Application,
    AwardCycle,
    Conflict,
    Criterion,
    Decision,
    Judge,
    Review,
    Score,
)

# Queued before the results services were split, an announcement is stored in the task queue
# under this module's path: it still resolves here. Remove once no queued task names it.
from wego.awards.services.announcements import announce_outcomes_task as announce_outcomes_task
from wego.awards.services.decisions import decision_of
from wego.practices.models import Category

SUBMITTED = Application.Status.SUBMITTED


class CriterionScore(NamedTuple):
    criterion: Criterion
    value: int | None  # None: the judge left it out
    comment: str


@dataclass
class JudgeSheet:
    """One judge's submitted scores of one application, as staff see them."""

    judge: Judge
    total: float | None  # None: not every criterion is scored, so it does not count
    comment: str
    scores: list[CriterionScore]

    @property
    def scores_text(self) -> str:
        """ "Innovation 4, Impact 3, …" (a dash for a criterion left out)."""
        return ", ".join(
            f"{s.criterion.name} {'—' if s.value is None else s.value}" for s in self.scores
        )

    @property
    def comments(self) -> list[tuple[str, str]]:
        """(criterion name, comment) of the criteria the judge commented on."""
        return [(s.criterion.name, s.comment) for s in self.scores if s.comment]


@dataclass
class Row:
    """One application in its category's ranking."""

    result: aggregation.ApplicationResult
    application: Application
    decision: Decision | None
    sheets: list[JudgeSheet]
    shares_prize: bool = False  # another application of the category has the same prize


@dataclass
class CategoryRanking:
    code: str
    label: str
    rows: list[Row]


@dataclass
class JudgeLine:
    judge: Judge
    profile: aggregation.JudgeProfile | None  # None: no complete submitted scores yet


@dataclass
class CycleResults:
    cycle: AwardCycle
    criteria: list[Criterion]
    outcome: aggregation.Results
    applications: dict[int, Application]
    judges: dict[int, Judge]
    sheets: dict[int, list[JudgeSheet]] = field(default_factory=dict)

    def rankings(self) -> list[CategoryRanking]:
        """The categories in the cycle's order, each ranked best first."""
        grouped = self.outcome.by_category()
        labels = dict(Category.choices)
        order = [c.category for c in self.cycle.categories.all()]
        order += sorted(code for code in grouped if code not in order)
        rankings = []
        for code in order:
            rows = [
                Row(
                    result=result,
                    application=self.applications[result.application],
                    decision=decision_of(self.applications[result.application]),
                    sheets=self.sheets.get(result.application, []),
                )
                for result in grouped.get(code, [])
            ]
            _mark_shared_prizes(rows)
            rankings.append(CategoryRanking(code, str(labels.get(code, code)), rows))
        return rankings

    def judge_lines(self) -> list[JudgeLine]:
        """Every judge of the panel, those without complete scores too (to chase them)."""
        profiles = {profile.judge: profile for profile in self.outcome.judges}
        return [JudgeLine(judge, profiles.get(pk)) for pk, judge in self.judges.items()]

    @property
    def prizes_decided(self) -> int:
        return sum(
            1 for a in self.applications.values() if (d := decision_of(a)) is not None and d.tier
        )


def _mark_shared_prizes(rows: list[Row]) -> None:
    counts = defaultdict(int)
    for row in rows:
        if row.decision and row.decision.tier:
            counts[row.decision.tier] += 1
    for row in rows:
        row.shares_prize = bool(row.decision and counts.get(row.decision.tier, 0) > 1)


def compute(cycle: AwardCycle) -> CycleResults:
    """The ranking of every submitted application, with what the deliberation page shows.

    Only submitted reviews count, of applications still submitted (not withdrawn), and never
    a review of a judge with a conflict of interest recorded on the application (a conflict
    found after scoring takes the scores out).
    """
    criteria = list(cycle.criteria.all())
    applications = {
        application.pk: application
        for application in cycle.applications.filter(status=SUBMITTED).select_related(
            "member", "decision"
        )
    }
    judges = {judge.pk: judge for judge in cycle.judges.all()}
    scores, sheets = _read_scores(_counted_scores(cycle), criteria)
    domain_criteria = [
        aggregation.Criterion(str(c.pk), float(c.weight), c.min_score, c.max_score)
        for c in criteria
    ]
    outcome = aggregation.aggregate(
        domain_criteria, scores, {pk: a.category for pk, a in applications.items()}
    )
    return CycleResults(
        cycle=cycle,
        criteria=criteria,
        outcome=outcome,
        applications=applications,
        judges=judges,
        sheets=_judge_sheets(sheets, criteria, domain_criteria, judges),
    )


def _counted_scores(cycle: AwardCycle):
    """(application, judge, criterion, score, comment, review's comment) of every score that
    counts, as one query."""
    conflicted = Conflict.objects.filter(
        judge=OuterRef("review__assignment__judge"),
        application=OuterRef("review__assignment__application"),
    )
    return (
        Score.objects.filter(
            review__status=Review.Status.SUBMITTED,
            review__assignment__application__cycle=cycle,
            review__assignment__application__status=SUBMITTED,
            review__assignment__judge__cycle=cycle,
        )
        .exclude(Exists(conflicted))
        .values_list(
            "review__assignment__application_id",
            "review__assignment__judge_id",
            "criterion_id",
            "value",
            "comment",
            "review__comment",
        )
    )


def _read_scores(rows, criteria) -> tuple[list[aggregation.Score], dict]:
    """The scores the ranking reads, and every score grouped by sheet:
    {(application, judge): (the review's comment, {criterion id: (score, comment)})}."""
    scales = {c.pk: (c.min_score, c.max_score) for c in criteria}
    scores = []
    sheets: dict[tuple[int, int], tuple[str, dict]] = {}
    for application, judge, criterion, value, comment, review_comment in rows:
        _review_comment, given = sheets.setdefault((application, judge), (review_comment, {}))
        given[criterion] = (value, comment)
        low, high = scales.get(criterion, (None, None))
        # A score outside its criterion's scale (the scale changed after scoring) cannot be
        # read: the sheet is left incomplete rather than the whole page failing.
        if low is not None and low <= value <= high:
            scores.append(aggregation.Score(application, judge, str(criterion), value))
    return scores, sheets


def _judge_sheets(raw, criteria, domain_criteria, judges) -> dict[int, list[JudgeSheet]]:
    """Each application's sheets, each with the judge's total when every criterion is scored
    within its scale (the same rule as the ranking's)."""
    by_application = defaultdict(list)
    for (application, judge), (review_comment, given) in sorted(raw.items()):
        scores = [CriterionScore(c, *given.get(c.pk, (None, ""))) for c in criteria]
        readable = {
            str(score.criterion.pk): score.value
            for score in scores
            if score.value is not None
            and score.criterion.min_score <= score.value <= score.criterion.max_score
        }
        complete = bool(criteria) and len(readable) == len(criteria)
        by_application[application].append(
            JudgeSheet(
                judge=judges[judge],
                total=aggregation.judge_total(readable, domain_criteria) if complete else None,
                comment=review_comment,
                scores=scores,
            )
        )
    return by_application
