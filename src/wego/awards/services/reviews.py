"""Judges' scores: saving a scoring sheet, the panel's progress, and reminders to late judges.

Scoring opens at the application deadline (the applications are final then) and closes when
judging ends. A draft may be partial; a submitted sheet scores every criterion and can still be
changed, complete, until judging ends.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wego.awards.models import Application, Assignment, Criterion, Judge, Review, Score
from wego.awards.services.panel import email_judge
from wego.core.dates import when


class ScoringClosed(Exception):
    """Scores cannot be given now; `message` says when they can (active language)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidScores(ValueError):
    """Nothing was saved; `problems` maps criterion id to what is wrong with its score."""

    def __init__(self, problems: dict[int, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


def score_range_text(criterion: Criterion) -> str:
    return _("%(criterion)s: give a score from %(lowest)d to %(highest)d.") % {
        "criterion": criterion.name,
        "lowest": criterion.min_score,
        "highest": criterion.max_score,
    }


def scoring_closed_reason(cycle, now=None, application=None) -> str | None:
    """Why scores cannot be given at this moment (to this application), or None when they can."""
    now = now or timezone.now()
    if application is not None and application.status != Application.Status.SUBMITTED:
        return _("The city withdrew this application: it no longer needs scores.")
    if now < cycle.deadline:
        return _("Scoring opens when the call closes: %(moment)s.") % {
            "moment": when(cycle.deadline, cycle.time_zone)
        }
    if now >= cycle.judging_ends_at:
        return _("Judging ended on %(moment)s: scores can no longer be given or changed.") % {
            "moment": when(cycle.judging_ends_at, cycle.time_zone)
        }
    return None


def review_for(judge: Judge, application) -> Review | None:
    return Review.objects.filter(
        assignment__judge=judge, assignment__application=application
    ).first()


def as_score(raw) -> int | None:
    """A whole number, None for no score; ValueError for anything else (text, 2.5, True)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("+-").isdigit():
        return int(raw.strip())
    raise ValueError(raw)


def check_scores(criteria, values, comments, complete: bool) -> dict[int, int]:
    """The valid scores by criterion id; InvalidScores naming every criterion with a problem."""
    scores, problems = {}, {}
    for criterion in criteria:
        try:
            value = as_score(values.get(criterion.pk))
        except ValueError:
            problems[criterion.pk] = score_range_text(criterion)
            continue
        if value is None:
            if complete:
                problems[criterion.pk] = _(
                    "%(criterion)s: give a score from %(lowest)d to %(highest)d before you submit."
                ) % {
                    "criterion": criterion.name,
                    "lowest": criterion.min_score,
                    "highest": criterion.max_score,
                }
            elif (comments.get(criterion.pk) or "").strip():
                # A comment is stored with its score; without one it would be lost.
                problems[criterion.pk] = _(
                    "%(criterion)s: give a score from %(lowest)d to %(highest)d to keep your "
                    "comment."
                ) % {
                    "criterion": criterion.name,
                    "lowest": criterion.min_score,
                    "highest": criterion.max_score,
                }
        elif not criterion.min_score <= value <= criterion.max_score:
            problems[criterion.pk] = score_range_text(criterion)
        else:
            scores[criterion.pk] = value
    if problems:
        raise InvalidScores(problems)
    return scores


def save_review(
    assignment: Assignment,
    values: dict,
    comments: dict,
    overall_comment: str,
    submit: bool,
    now=None,
) -> Review:
    """Save the judge's sheet as a draft, or submit it (every criterion scored).

    `values` and `comments` are keyed by criterion id. A sheet already submitted stays
    submitted: changing it needs every criterion scored again.
    """
    now = now or timezone.now()
    cycle = assignment.application.cycle
    closed = scoring_closed_reason(cycle, now, assignment.application)
    if closed:
        raise ScoringClosed(closed)
    review = Review.objects.filter(assignment=assignment).first()
    complete = submit or (review is not None and review.status == Review.Status.SUBMITTED)
    criteria = list(cycle.criteria.all())
    scores = check_scores(criteria, values, comments, complete)
    with transaction.atomic():
        review = review or Review(assignment=assignment)
        review.comment = overall_comment or ""
        if complete:
            review.status = Review.Status.SUBMITTED
            review.submitted_at = review.submitted_at or now
        review.save()
        for criterion in criteria:
            if criterion.pk in scores:
                Score.objects.update_or_create(
                    review=review,
                    criterion=criterion,
                    defaults={
                        "value": scores[criterion.pk],
                        "comment": (comments.get(criterion.pk) or "").strip(),
                    },
                )
            else:
                Score.objects.filter(review=review, criterion=criterion).delete()
    return review


@dataclass
class JudgeProgress:
    judge: Judge
    assigned: int = 0
    submitted: int = 0
    drafts: int = 0
    late: bool = False

    @property
    def not_started(self) -> int:
        return self.assigned - self.submitted - self.drafts

    @property
    def unfinished(self) -> int:
        return self.assigned - self.submitted


@dataclass
class CycleProgress:
    judges: list[JudgeProgress] = field(default_factory=list)

    @property
    def assigned(self) -> int:
        return sum(row.assigned for row in self.judges)

    @property
    def submitted(self) -> int:
        return sum(row.submitted for row in self.judges)

    @property
    def drafts(self) -> int:
        return sum(row.drafts for row in self.judges)

    @property
    def not_started(self) -> int:
        return sum(row.not_started for row in self.judges)

    @property
    def late(self) -> list[JudgeProgress]:
        return [row for row in self.judges if row.late]

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.assigned) if self.assigned else 0


def visible_assignments(**filters):
    """What judges actually have to score: submitted applications, free of conflict."""
    return Assignment.objects.free_of_conflict().filter(
        application__status=Application.Status.SUBMITTED, **filters
    )


def progress(cycle, now=None) -> CycleProgress:
    """Per judge: assigned, submitted, drafts, not started, and whether they are late.

    A judge is late once scoring has opened (the deadline passed) with reviews unfinished.
    """
    now = now or timezone.now()
    rows = {judge.pk: JudgeProgress(judge) for judge in cycle.judges.select_related("user")}
    statuses = visible_assignments(judge__cycle=cycle).values_list("judge", "review__status")
    for judge_id, status in statuses:
        row = rows[judge_id]
        row.assigned += 1
        if status == Review.Status.SUBMITTED:
            row.submitted += 1
        elif status == Review.Status.DRAFT:
            row.drafts += 1
    for row in rows.values():
        row.late = row.unfinished > 0 and now >= cycle.deadline
    return CycleProgress(judges=list(rows.values()))


@dataclass
class Reminders:
    sent: list[Judge] = field(default_factory=list)
    failed: list[Judge] = field(default_factory=list)  # the mail server refused


def remind_late_judges(cycle, now=None) -> Reminders:
    """Email each late judge how many reviews are left and when judging ends."""
    now = now or timezone.now()
    if now >= cycle.judging_ends_at:
        raise ScoringClosed(scoring_closed_reason(cycle, now))
    reminders = Reminders()
    for row in progress(cycle, now).late:
        judge = row.judge
        if not email_judge(judge, "judge_reminder", left=row.unfinished, assigned=row.assigned):
            reminders.failed.append(judge)
            continue
        judge.reminded_at = now
        judge.save(update_fields=["reminded_at"])
        reminders.sent.append(judge)
    return reminders
