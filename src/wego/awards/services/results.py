"""From the judges' submitted scores to a ranking, the panel's decisions and the public winners.

The arithmetic lives in `domain/aggregation.py`; this module reads what it needs from the
database in a handful of queries, records decisions and publishes the results.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from wego.accounts.services.people import people_of
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
from wego.core.mail import templated_email
from wego.core.models import Job
from wego.practices.models import Category
from wego.practices.services import practices as practice_lifecycle

log = logging.getLogger(__name__)

SUBMITTED = Application.Status.SUBMITTED


class ResultsLocked(Exception):
    """The results are published: decisions can no longer change."""


class NothingToPublish(Exception):
    """No application has a prize yet."""


class NotEligible(ValueError):
    """A decision on an application that is not in the competition, or with an unknown prize."""


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


def decision_of(application: Application) -> Decision | None:
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default.
    return getattr(application, "decision", None)


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
    conflicted = Conflict.objects.filter(
        judge=OuterRef("review__assignment__judge"),
        application=OuterRef("review__assignment__application"),
    )
    rows = (
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
    scales = {c.pk: (c.min_score, c.max_score) for c in criteria}
    scores = []
    # (application, judge) -> (the review's comment, {criterion id: (score, comment)})
    sheets: dict[tuple[int, int], tuple[str, dict]] = {}
    for application, judge, criterion, value, comment, review_comment in rows:
        _review_comment, given = sheets.setdefault((application, judge), (review_comment, {}))
        given[criterion] = (value, comment)
        low, high = scales.get(criterion, (None, None))
        # A score outside its criterion's scale (the scale changed after scoring) cannot be
        # read: the sheet is left incomplete rather than the whole page failing.
        if low is not None and low <= value <= high:
            scores.append(aggregation.Score(application, judge, str(criterion), value))
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


def decide(application: Application, tier: str, reason: str, user) -> list[Application]:
    """Record the panel's decision ("" = no prize) with its reasons.

    Returns the other applications of the same category holding the same prize: allowed (a
    panel may split a prize) but worth a warning.
    """
    cycle = application.cycle
    if application.status != SUBMITTED:
        raise NotEligible("only submitted applications receive a decision")
    if tier and tier not in cycle.prize_tiers:
        raise NotEligible(f"{tier} is not a prize of this cycle")
    with transaction.atomic():
        # Read the publication under a lock: a decision never slips in after publication.
        locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.results_published_at is not None:
            raise ResultsLocked
        Decision.objects.update_or_create(
            application=application,
            defaults={"tier": tier, "reason": reason.strip(), "decided_by": user},
        )
    if not tier:
        return []
    return list(
        Application.objects.filter(
            cycle=cycle, category=application.category, status=SUBMITTED, decision__tier=tier
        )
        .exclude(pk=application.pk)
        .select_related("member")
    )


@dataclass
class Publication:
    winners: int
    practices_updated: int
    announcement: Job  # the outcome emails, sent in the background


def winning_decisions(cycle: AwardCycle):
    """The prizes of the cycle, in the cycle's category and prize order."""
    decisions = (
        Decision.objects.filter(application__cycle=cycle, application__status=SUBMITTED)
        .exclude(tier="")
        .select_related("application__member", "application__practice", "application__cycle")
    )
    order = cycle.categories.values_list("category", flat=True)
    categories = {code: n for n, code in enumerate(order)}
    tiers = {code: n for n, code in enumerate(cycle.prize_tiers)}
    return sorted(
        decisions,
        key=lambda d: (
            categories.get(d.application.category, len(categories)),
            tiers.get(d.tier, len(tiers)),
            d.application.applicant_name,
        ),
    )


def publish(cycle: AwardCycle, user) -> Publication:
    """Make the winners public, link them to their good practices and tell every applicant.

    Needs at least one prize. Afterwards decisions are locked.
    """
    with transaction.atomic():
        locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.results_published_at is not None:
            raise ResultsLocked
        winners = winning_decisions(cycle)
        if not winners:
            raise NothingToPublish
        locked.results_published_at = timezone.now()
        locked.save(update_fields=["results_published_at"])
        cycle.results_published_at = locked.results_published_at
        practices = 0
        for decision in winners:
            practice = decision.application.practice
            if practice is None:
                continue
            # The good-practice library shows the prize on the practice and filters by it.
            practice.award_year, practice.award_tier = cycle.year, decision.tier
            practice_lifecycle.save(practice, user, embed=False)
            practices += 1
    return Publication(len(winners), practices, start_announcement(cycle, user))


def announcement_kind(cycle: AwardCycle) -> str:
    return f"award-outcomes-{cycle.pk}"


def start_announcement(cycle: AwardCycle, user) -> Job:
    """Queue the outcome emails: some seventy cities, each with its focal points, on a mail
    server that may be slow, are no work for the publishing request."""
    job = Job.objects.create(
        kind=announcement_kind(cycle),
        title=_("Results of %(cycle)s, emailed to the applicant cities") % {"cycle": cycle.name},
        started_by=user,
    )
    announce_outcomes_task.enqueue(job.pk, cycle.pk)
    return job


def latest_announcement(cycle: AwardCycle) -> Job | None:
    return Job.objects.filter(kind=announcement_kind(cycle)).order_by("-pk").first()


@task()
def announce_outcomes_task(job_id: int, cycle_id: int) -> int:
    """Send the outcome emails, reporting progress on the job; returns how many went."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    sent, failed = announce_outcomes(AwardCycle.objects.get(pk=cycle_id), job)
    reader = job.started_by.preferred_language if job.started_by else "en"
    with translation.override(reader or "en"):
        problem = ngettext(
            "%(count)s email could not be sent; the server log has the details.",
            "%(count)s emails could not be sent; the server log has the details.",
            failed,
        ) % {"count": failed}
    job.finish(problem if failed else "", failed=bool(failed))
    return sent


def announce_outcomes(cycle: AwardCycle, job: Job | None = None) -> tuple[int, int]:
    """One email per person of each applicant city, in the person's language: the outcome of
    each of the city's applications. Returns (sent, failed); a failed email is logged and does
    not undo the publication."""
    applications = (
        # Past winners from outside the member list (2014 demo data) have nobody to tell.
        cycle.applications.filter(status=SUBMITTED, member__isnull=False)
        .select_related("member", "decision")
        .order_by("member_id", "category")
    )
    by_member = defaultdict(list)
    for application in applications:
        by_member[application.member].append(application)
    letters = [
        (member, outcomes, person)
        for member, outcomes in by_member.items()
        for person in people_of(member)
    ]
    if job is not None:
        job.start(len(letters))
    sent = failed = 0
    # One connection for the whole round (some seventy cities, each with its focal points).
    # If the server cannot be reached now, each email still tries on its own.
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        log.exception("The mail server cannot be reached for the Awards outcome emails")
    try:
        for member, outcomes, person in letters:
            try:
                _outcome_email(cycle, member, outcomes, person, connection).send()
            except (smtplib.SMTPException, OSError):
                log.exception("Awards outcome email to %s failed", person.email)
                failed += 1
            else:
                sent += 1
            if job is not None:
                job.advance(1)
    finally:
        connection.close()
    return sent, failed


def _outcome_email(cycle, member, applications, person, connection) -> EmailMessage:
    with translation.override(person.preferred_language or "en"):
        context = {
            "cycle": cycle,
            "member": member,
            "person": person,
            "outcomes": [(a, decision_of(a)) for a in applications],
            "link": settings.SITE_URL + reverse("awards:winners", kwargs={"slug": cycle.slug}),
        }
        return templated_email("awards/results/email/outcome", context, person.email, connection)
