"""Giving each submitted application to enough judges, evenly, with no conflict of interest.

The solver (domain/assignment.py) decides; this module feeds it from the database, writes its
answer, and emails the judges whose set of applications changed.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.awards.domain.assignment import AssignmentImpossible, AssignmentProblem, assign
from wego.awards.models import Application, Assignment, Conflict, Review
from wego.awards.services.panel import email_judge, refresh_conflicts
from wego.awards.services.reviews import visible_assignments


class CannotAssign(Exception):
    """No assignment was made; `message` says why, in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class AssignmentSummary:
    applications: int
    judges: int
    min_load: int
    max_load: int
    imbalance: int
    kept: int  # pairs kept because the judge had started scoring
    added: int
    removed: int
    emailed: int
    not_emailed: int = 0  # the mail server refused: staff should tell these judges themselves


def assign_cycle(cycle) -> AssignmentSummary:
    """Assign the cycle's submitted applications to its judges, keeping pairs already scored.

    All or nothing: when no assignment meets the rules, nothing changes (not even conflicts).
    """
    with transaction.atomic():
        before = current_sets(cycle)
        refresh_conflicts(cycle)
        applications = list(
            cycle.applications.filter(status=Application.Status.SUBMITTED).select_related("member")
        )
        judges = list(cycle.judges.all())
        if not applications:
            raise CannotAssign(_("There is no submitted application to assign yet."))
        if not judges:
            raise CannotAssign(_("The panel has no judges yet: invite judges first."))
        problem = build_problem(cycle, applications, judges)
        try:
            solution = assign(problem)
        except AssignmentImpossible as impossible:  # leaving the block rolls everything back
            raise CannotAssign(impossible_message(cycle, applications, impossible)) from None
        added, removed = write(cycle, solution.pairs)
    after = current_sets(cycle)
    changed = [judge for judge in judges if before.get(judge.pk, set()) != after.get(judge.pk)]
    emailed = sum(
        email_judge(judge, "judge_assigned", count=len(after.get(judge.pk, ())))
        for judge in changed
    )
    loads = solution.loads.values()
    return AssignmentSummary(
        applications=len(applications),
        judges=len(judges),
        min_load=min(loads),
        max_load=max(loads),
        imbalance=solution.imbalance,
        kept=len(problem.keep - problem.conflicts),
        added=added,
        removed=removed,
        emailed=emailed,
        not_emailed=len(changed) - emailed,
    )


def build_problem(cycle, applications, judges) -> AssignmentProblem:
    application_ids = [application.pk for application in applications]
    conflicts = frozenset(
        Conflict.objects.filter(judge__cycle=cycle, application__in=application_ids).values_list(
            "application_id", "judge_id"
        )
    )
    started = Review.objects.filter(
        assignment__judge__cycle=cycle, assignment__application__in=application_ids
    )
    given = Assignment.objects.filter(judge__cycle=cycle, application__in=application_ids)
    return AssignmentProblem(
        applications=application_ids,
        judges=[judge.pk for judge in judges],
        judges_per_application=cycle.judges_per_application,
        conflicts=conflicts,
        # A judge who started scoring keeps the application: their work is not thrown away.
        keep=frozenset(started.values_list("assignment__application_id", "assignment__judge_id")),
        preferred=preferred_pairs(
            applications,
            judges,
            set(given.values_list("application_id", "judge_id")) - conflicts,
            cycle.judges_per_application,
        ),
    )


def preferred_pairs(applications, judges, given: set[tuple[int, int]], needed: int):
    """Pairs the solver should choose first.

    An application that already has all its judges prefers them: running the assignment again
    (after a withdrawal, a new judge) then moves as few applications as balance allows, and
    judges are not emailed about changes for nothing. An application still short of judges
    prefers judges whose expertise is its category.
    """
    has = Counter(application for application, _judge in given)
    by_expertise = {
        (application.pk, judge.pk)
        for application in applications
        if has[application.pk] < needed
        for judge in judges
        if application.category in (judge.expertise or [])
    }
    return frozenset(given | by_expertise)


def write(cycle, pairs: dict[int, list[int]]) -> tuple[int, int]:
    """Make the cycle's stored assignments the solver's; (added, removed).

    Assignments of applications no longer submitted (withdrawn) go too, unless scored.
    """
    wanted = {(application, judge) for application, judges in pairs.items() for judge in judges}
    stored = Assignment.objects.filter(judge__cycle=cycle)
    removed = 0
    existing = set()
    for assignment in stored.select_related("review"):
        pair = (assignment.application_id, assignment.judge_id)
        if pair in wanted:
            existing.add(pair)
        elif not submitted(assignment):
            assignment.delete()
            removed += 1
        # A submitted review in conflict is left on record; the conflict hides it from the judge.
    missing = wanted - existing
    Assignment.objects.bulk_create(
        Assignment(application_id=application, judge_id=judge) for application, judge in missing
    )
    return len(missing), removed


def submitted(assignment) -> bool:
    review = getattr(assignment, "review", None)
    return review is not None and review.status == Review.Status.SUBMITTED


def current_sets(cycle) -> dict[int, set[int]]:
    """judge id -> ids of the applications they have to score (as the judges see them)."""
    sets = defaultdict(set)
    for judge, application in visible_assignments(judge__cycle=cycle).values_list(
        "judge", "application"
    ):
        sets[judge].add(application)
    return dict(sets)


def impossible_message(cycle, applications, impossible: AssignmentImpossible) -> str:
    """Which applications cannot get enough judges, named so staff can act on it."""
    by_id = {application.pk: application for application in applications}

    def name(application_id):
        application = by_id[application_id]
        return f"{application.reference} ({application.applicant_name})"

    needed = cycle.judges_per_application
    lines = [
        ngettext(
            "Each application needs %(needed)d judge free of conflict of interest.",
            "Each application needs %(needed)d judges free of conflict of interest.",
            needed,
        )
        % {"needed": needed}
    ]
    for application_id, count in sorted(impossible.short.items()):
        lines.append(
            ngettext(
                "%(application)s can have only %(count)d judge.",
                "%(application)s can have only %(count)d judges.",
                count,
            )
            % {"application": name(application_id), "count": count}
        )
    for application_id, count in sorted(impossible.over_kept.items()):
        lines.append(
            ngettext(
                "%(application)s already has %(count)d judge who started scoring it.",
                "%(application)s already has %(count)d judges who started scoring it.",
                count,
            )
            % {"application": name(application_id), "count": count}
        )
    lines.append(
        _(
            "Nothing was changed. Invite more judges from other countries, or lower the "
            "number of judges per application in the cycle's settings."
        )
    )
    return " ".join(lines)
