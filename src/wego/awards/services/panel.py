"""The judges' panel of a cycle: inviting judges and keeping their conflicts of interest.

A judge is a seat on one cycle's panel, found by email address. The seat may exist before the
person has an account: it is linked to the account when they first open their judging page.
"""

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from wego.accounts.models import Invitation, Role, RoleAssignment, User
from wego.accounts.services.invitations import send_invitation
from wego.awards.models import Application, Assignment, Conflict, Judge, Review
from wego.core.dates import when
from wego.core.mail import templated_email

log = logging.getLogger(__name__)


class AlreadyOnPanel(ValueError):
    """The cycle already has a judge with this email address."""


def language_of(judge: Judge) -> str:
    """The judge's own language once they have an account; until then, the staff's."""
    if judge.user is not None and judge.user.preferred_language:
        return judge.user.preferred_language
    return translation.get_language() or settings.LANGUAGE_CODE


def email_judge(judge: Judge, template: str, **context) -> bool:
    """One email to the judge in their language, from awards/email/<template>_*.txt.

    False when the mail server refused it: that is logged, and the caller tells staff, rather
    than undoing the work the email was about.
    """
    with translation.override(language_of(judge)):
        cycle = judge.cycle
        context = {
            "judge": judge,
            "cycle": cycle,
            "link": settings.SITE_URL + reverse("awards:judging"),
            "judging_ends": when(cycle.judging_ends_at, cycle.time_zone),
            "scoring_opens": when(cycle.deadline, cycle.time_zone),
            **context,
        }
        email = templated_email(f"awards/email/{template}", context, judge.email)
    try:
        email.send()
    except (smtplib.SMTPException, OSError):
        log.exception("Email %s to judge %s not sent", template, judge.pk)
        return False
    return True


@dataclass
class Invited:
    judge: Judge
    has_account: bool  # True: role given and emailed; False: an accounts invitation was sent
    emailed: bool = True


def invite_judge(cycle, inviter, **fields) -> Invited:
    """Put a person on the cycle's panel and tell them.

    Someone with an account gets the judge role at once and an email pointing to their judging
    page; anyone else gets an invitation to create an account, which then carries the role.
    """
    expertise = fields.pop("expertise", [])
    email = User.objects.normalize_email(fields.pop("email")).lower()
    if Judge.objects.filter(cycle=cycle, email__iexact=email).exists():
        raise AlreadyOnPanel(email)
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    try:
        with transaction.atomic():
            judge = Judge.objects.create(
                cycle=cycle, email=email, user=user, expertise=list(expertise), **fields
            )
            if user is not None:
                RoleAssignment.objects.get_or_create(
                    user=user, role=Role.JUDGE, member=None, region=""
                )
    except IntegrityError:  # another staff member invited the same person a moment ago
        raise AlreadyOnPanel(email) from None
    if user is not None:
        return Invited(judge, has_account=True, emailed=email_judge(judge, "judge_panel"))
    invitation = pending_judge_invitation(email, judge.full_name, inviter)
    try:
        send_invitation(invitation)
    except (smtplib.SMTPException, OSError):
        log.exception("Invitation of judge %s not sent", judge.pk)
        return Invited(judge, has_account=False, emailed=False)
    return Invited(judge, has_account=False)


def pending_judge_invitation(email: str, full_name: str, inviter) -> Invitation:
    """The person's pending judge invitation (sent again with a fresh link), or a new one."""
    invitation = Invitation.objects.pending().filter(email__iexact=email, role=Role.JUDGE).first()
    return invitation or Invitation(
        role=Role.JUDGE, email=email, full_name=full_name, invited_by=inviter
    )


def link_seats(user) -> int:
    """Link the panel seats waiting for this user's email address; how many were linked."""
    if not user.is_authenticated or not user.email:
        return 0
    return Judge.objects.filter(user__isnull=True, email__iexact=user.email).update(user=user)


def invitation_pending(judge: Judge) -> bool:
    return judge.user_id is None and (
        Invitation.objects.pending().filter(email__iexact=judge.email, role=Role.JUDGE).exists()
    )


@dataclass
class ConflictsRefreshed:
    created: int = 0
    removed_conflicts: int = 0
    # Assignments dropped because a new conflict appeared (their reviews were not submitted).
    removed_assignments: list[tuple[Judge, Application]] = field(default_factory=list)
    # Conflicted pairs whose review was already submitted: kept on record, never shown again.
    submitted_in_conflict: list[tuple[Judge, Application]] = field(default_factory=list)


def automatic_reason(judge: Judge, application: Application) -> str | None:
    """Why a judge may not judge an application, from facts alone (own city before country)."""
    if judge.member_id is not None and judge.member_id == application.member_id:
        return Conflict.Reason.OWN_CITY
    if judge.country and judge.country == application.applicant_country:
        return Conflict.Reason.OWN_COUNTRY
    return None


@transaction.atomic
def refresh_conflicts(cycle) -> ConflictsRefreshed:
    """Own-country and own-city conflicts for every application still in the competition.

    Declared conflicts are never touched. Automatic ones follow the facts: a judge whose
    country was corrected loses the conflicts that no longer hold.
    """
    outcome = ConflictsRefreshed()
    judges = list(cycle.judges.all())
    applications = cycle.applications.exclude(status=Application.Status.WITHDRAWN)
    applications = list(applications.select_related("member"))
    existing = {
        (conflict.judge_id, conflict.application_id): conflict
        for conflict in Conflict.objects.filter(judge__cycle=cycle)
    }
    for application in applications:
        for judge in judges:
            reason = automatic_reason(judge, application)
            conflict = existing.get((judge.pk, application.pk))
            if conflict is not None and conflict.reason == Conflict.Reason.DECLARED:
                continue
            if reason is None:
                if conflict is not None:
                    conflict.delete()
                    outcome.removed_conflicts += 1
                continue
            if conflict is None:
                Conflict.objects.create(judge=judge, application=application, reason=reason)
                outcome.created += 1
                drop_assignment(judge, application, outcome)
            elif conflict.reason != reason:
                conflict.reason = reason
                conflict.save(update_fields=["reason"])
    return outcome


def drop_assignment(judge, application, outcome: ConflictsRefreshed) -> None:
    """Remove the pair's assignment unless its review is submitted (then it stays on record)."""
    assignment = Assignment.objects.filter(judge=judge, application=application).first()
    if assignment is None:
        return
    if Review.objects.filter(assignment=assignment, status=Review.Status.SUBMITTED).exists():
        outcome.submitted_in_conflict.append((judge, application))
        return
    assignment.delete()  # its draft review, if any, goes with it: the judge must not use it
    outcome.removed_assignments.append((judge, application))


@transaction.atomic
def declare_conflict(judge: Judge, application: Application, note: str, user) -> ConflictsRefreshed:
    """Record a declared tie; the pair's unsubmitted assignment goes."""
    Conflict.objects.update_or_create(
        judge=judge,
        application=application,
        defaults={"reason": Conflict.Reason.DECLARED, "note": note, "declared_by": user},
    )
    outcome = ConflictsRefreshed(created=1)
    drop_assignment(judge, application, outcome)
    return outcome
