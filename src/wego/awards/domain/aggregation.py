"""From the judges' scores to a ranking. Plain Python, no Django.

Rules, in plain words for staff:

1. A judge's total. Each criterion's score is turned into a share of its scale (the lowest
   score counts 0, the highest 1), the shares are averaged with the criteria's weights, and
   the result is put on 0-100. A judge's scores for an application count only once the judge
   has scored every criterion; an unfinished scoring sheet is left out entirely. Scores of
   criteria no longer in use, and of applications not in the competition, are left out too.
2. Raw mean: the average of an application's judges' totals.
3. Standardised score: some judges score harshly, others generously. Each judge's totals are
   compared with that judge's own habits: how far above or below the judge's average the total
   is, counted in the judge's usual spread (standard deviation) - a "z-score". A judge who
   scored only one application, or gave every application the same total, says nothing about
   order and counts as exactly average (z = 0). Each z-score is then turned back into points
   using the average and spread of all totals of all judges, so a standardised score reads like
   a raw one: an application all its judges found typical gets the overall average. An
   application's standardised score is the average over its judges. In extreme cases it can go
   slightly below 0 or above 100: it is not cut off, so the order stays intact.
4. Ranking, within each category: by standardised score, then by raw mean (both compared
   rounded to 2 decimals). Applications still equal share the rank (1, 1, 3) and are marked
   as tied. Applications without any complete scoring sheet come last, without a rank.
5. Spread: how far an application's judges disagree, once each judge's habits are taken out:
   the standard deviation of their standardised values (0 with a single judge). Measured on
   raw totals, one harsh and one generous judge would make every application they share look
   disputed. A spread above the dispute threshold (15 points by default) marks the application
   as disputed, for the deliberation meeting.
6. Judge profiles: how many applications each judge fully scored, their average total and
   spread, and leniency: their average total minus the average of all totals (positive for a
   generous judge, negative for a harsh one).

All standard deviations are population ones (divide by the count, not the count minus one).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_DISPUTE_THRESHOLD = 15.0
RANK_DECIMALS = 2
# Below this a standard deviation is rounding noise: the judge gave equal totals.
FLAT = 1e-9


@dataclass(frozen=True)
class Criterion:
    code: str
    weight: float
    min_score: int
    max_score: int

    def __post_init__(self):
        if self.max_score <= self.min_score:
            raise ValueError(f"criterion {self.code}: max_score must exceed min_score")
        if self.weight < 0:
            raise ValueError(f"criterion {self.code}: weight cannot be negative")


@dataclass(frozen=True)
class Score:
    application: int
    judge: int
    criterion: str
    value: int


@dataclass
class ApplicationResult:
    application: int
    category: str
    judges: int  # judges with a complete scoring sheet
    raw_mean: float | None  # 0-100; None without complete scores
    standardised: float | None  # on the points scale of raw scores; None without scores
    spread: float | None  # population sd of the judges' standardised values; None unscored
    rank: int | None  # within the category; None without scores
    tied: bool = False  # shares its rank with another application of the category
    disputed: bool = False  # spread above the dispute threshold


@dataclass
class JudgeProfile:
    judge: int
    scored: int  # applications fully scored
    mean: float  # average total
    sd: float  # population sd of the totals
    leniency: float  # average total minus the average of all totals


@dataclass
class Results:
    applications: list[ApplicationResult]  # by category, then rank (unranked last)
    judges: list[JudgeProfile]  # by judge id

    def by_category(self) -> dict[str, list[ApplicationResult]]:
        grouped: dict[str, list[ApplicationResult]] = {}
        for result in self.applications:
            grouped.setdefault(result.category, []).append(result)
        return grouped


def judge_total(values: Mapping[str, int], criteria: Sequence[Criterion]) -> float:
    """One judge's weighted score of one application, on 0-100.

    sum(weight * (value - min) / (max - min)) / sum(weight) * 100. Every criterion must be
    scored, within its scale.
    """
    weighted = 0.0
    weights = 0.0
    for criterion in criteria:
        value = values[criterion.code]
        if not criterion.min_score <= value <= criterion.max_score:
            raise ValueError(
                f"score {value} for {criterion.code} is outside "
                f"{criterion.min_score}-{criterion.max_score}"
            )
        share = (value - criterion.min_score) / (criterion.max_score - criterion.min_score)
        weighted += criterion.weight * share
        weights += criterion.weight
    if weights <= 0:
        raise ValueError("the criteria's weights add up to zero")
    return weighted / weights * 100


def aggregate(
    criteria: Sequence[Criterion],
    scores: Iterable[Score],
    categories: Mapping[int, str],
    dispute_threshold: float = DEFAULT_DISPUTE_THRESHOLD,
) -> Results:
    """Results of every application in `categories` (application -> category)."""
    totals = _totals(criteria, scores, categories)
    overall_mean, overall_sd = _mean_sd(list(totals.values()))
    by_judge: dict[int, list[float]] = defaultdict(list)
    by_application: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for (application, judge), total in totals.items():
        by_judge[judge].append(total)
        by_application[application].append((judge, total))
    profiles = _profiles(by_judge, overall_mean)
    scale = _Rescale({p.judge: p for p in profiles}, overall_mean, overall_sd)
    results = [
        _application_result(
            application, category, by_application.get(application, []), scale, dispute_threshold
        )
        for application, category in categories.items()
    ]
    _rank(results)
    results.sort(key=_display_order)
    return Results(applications=results, judges=profiles)


def _totals(
    criteria: Sequence[Criterion], scores: Iterable[Score], categories: Mapping[int, str]
) -> dict[tuple[int, int], float]:
    """(application, judge) -> total, for complete scoring sheets only."""
    codes = {criterion.code for criterion in criteria}
    sheets: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for score in scores:
        if score.criterion not in codes or score.application not in categories:
            continue
        sheet = sheets[(score.application, score.judge)]
        if score.criterion in sheet:
            raise ValueError(
                f"judge {score.judge} scored {score.criterion} of application "
                f"{score.application} twice"
            )
        sheet[score.criterion] = score.value
    # Sorted so that sums, and so the last decimals, never depend on the input's order.
    return {
        pair: judge_total(sheet, criteria)
        for pair, sheet in sorted(sheets.items())
        if len(sheet) == len(codes)
    }


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and population standard deviation; (0, 0) for no values."""
    if not values:
        return 0.0, 0.0
    mean = math.fsum(values) / len(values)
    variance = math.fsum((v - mean) ** 2 for v in values) / len(values)
    return mean, math.sqrt(variance)


def _profiles(by_judge: Mapping[int, list[float]], overall_mean: float) -> list[JudgeProfile]:
    profiles = []
    for judge in sorted(by_judge):
        mean, sd = _mean_sd(by_judge[judge])
        profiles.append(JudgeProfile(judge, len(by_judge[judge]), mean, sd, mean - overall_mean))
    return profiles


@dataclass(frozen=True)
class _Rescale:
    """Puts a judge's total on the common points scale, taking out the judge's habits."""

    profiles: Mapping[int, JudgeProfile]
    overall_mean: float
    overall_sd: float

    def __call__(self, judge: int, total: float) -> float:
        profile = self.profiles[judge]
        # Fewer than two totals, or all equal: the judge says nothing about order.
        informative = profile.scored >= 2 and profile.sd > FLAT
        z = (total - profile.mean) / profile.sd if informative else 0.0
        return self.overall_mean + z * self.overall_sd


def _application_result(
    application: int,
    category: str,
    judged: Sequence[tuple[int, float]],
    scale: _Rescale,
    dispute_threshold: float,
) -> ApplicationResult:
    """judged: (judge, total) of the application's complete scoring sheets."""
    if not judged:
        return ApplicationResult(application, category, 0, None, None, None, None)
    raw_mean, _raw_spread = _mean_sd([total for _, total in judged])
    standardised, spread = _mean_sd([scale(judge, total) for judge, total in judged])
    return ApplicationResult(
        application=application,
        category=category,
        judges=len(judged),
        raw_mean=raw_mean,
        standardised=standardised,
        spread=spread,
        rank=None,
        disputed=spread > dispute_threshold,
    )


def _rank_key(result: ApplicationResult) -> tuple[float, float]:
    """Higher is better; rounded so that noise in the last decimals never splits a tie."""
    assert result.standardised is not None and result.raw_mean is not None
    return (round(result.standardised, RANK_DECIMALS), round(result.raw_mean, RANK_DECIMALS))


def _rank(results: Sequence[ApplicationResult]) -> None:
    """Competition ranking (1, 1, 3) within each category; unscored ones stay unranked."""
    by_category: dict[str, list[ApplicationResult]] = defaultdict(list)
    for result in results:
        if result.standardised is not None:
            by_category[result.category].append(result)
    for ranked in by_category.values():
        ranked.sort(key=_rank_key, reverse=True)
        keys = [_rank_key(result) for result in ranked]
        shared = Counter(keys)
        for position, result in enumerate(ranked):
            equal_to_previous = position > 0 and keys[position] == keys[position - 1]
            result.rank = ranked[position - 1].rank if equal_to_previous else position + 1
            result.tied = shared[keys[position]] > 1


def _display_order(result: ApplicationResult) -> tuple[str, bool, int, int]:
    unranked = result.rank is None
    return (result.category, unranked, result.rank or 0, result.application)
