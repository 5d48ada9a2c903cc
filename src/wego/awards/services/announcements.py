"""The outcome emails to the applicant cities once the results are published.

Owns the background job that sends them (a django-tasks task, followed through a core Job),
one email per person of each applicant city in the person's language, and finding the latest
such job for the winners page. `publication` starts it; this module knows nothing of how the
results are published.

The task is stored in the database queue by its import path,
`wego.awards.services.announcements.announce_outcomes_task`: moving or renaming it strands
the emails queued under the old path (`results` still answers to the path used before the
results services were split).
"""

import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from wego.accounts.services.people import people_of
from wego.awards.models import Application, AwardCycle
from wego.awards.services.decisions import decision_of
from wego.core.mail import templated_email
from wego.core.models import Job

log = logging.getLogger(__name__)

SUBMITTED = Application.Status.SUBMITTED


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
    job.finish(_failure_message(job, failed) if failed else "", failed=bool(failed))
    return sent


def _failure_message(job: Job, failed: int) -> str:
    """How many emails failed, in the language of whoever published."""
    reader = job.started_by.preferred_language if job.started_by else "en"
    with translation.override(reader or "en"):
        return ngettext(
            "%(count)s email could not be sent; the server log has the details.",
            "%(count)s emails could not be sent; the server log has the details.",
            failed,
        ) % {"count": failed}


def announce_outcomes(cycle: AwardCycle, job: Job | None = None) -> tuple[int, int]:
    """One email per person of each applicant city, in the person's language: the outcome of
    each of the city's applications. Returns (sent, failed); a failed email is logged and does
    not undo the publication."""
    letters = _letters(cycle)
    if job is not None:
        job.start(len(letters))
    sent = failed = 0
    # One connection for the whole round (some seventy cities, each with its focal points).
    connection = _open_connection()
    try:
        for member, outcomes, person in letters:
            if _send(cycle, member, outcomes, person, connection):
                sent += 1
            else:
                failed += 1
            if job is not None:
                job.advance(1)
    finally:
        connection.close()
    return sent, failed


def _letters(cycle: AwardCycle) -> list[tuple]:
    """(member, its applications, person) for each person of each applicant city."""
    applications = (
        # Past winners from outside the member list (2014 demo data) have nobody to tell.
        cycle.applications.filter(status=SUBMITTED, member__isnull=False)
        .select_related("member", "decision")
        .order_by("member_id", "category")
    )
    by_member = defaultdict(list)
    for application in applications:
        by_member[application.member].append(application)
    return [
        (member, outcomes, person)
        for member, outcomes in by_member.items()
        for person in people_of(member)
    ]


def _open_connection():
    """The mail connection, opened; if the server cannot be reached now, each email still
    tries on its own."""
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        log.exception("The mail server cannot be reached for the Awards outcome emails")
    return connection


def _send(cycle, member, outcomes, person, connection) -> bool:
    """Send one person's email; False (and logged) when it fails."""
    try:
        _outcome_email(cycle, member, outcomes, person, connection).send()
    except (smtplib.SMTPException, OSError):
        log.exception("Awards outcome email to %s failed", person.email)
        return False
    return True


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
