"""A city's application: started from a practice, saved as drafts, submitted, withdrawn.

The rules are in domain/eligibility.py; here they meet the database, the clock and email.
"""

import logging
import smtplib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst, normalize_newlines
from django.utils.translation import gettext as _

from wego.accounts.services.people import people_of
from wego.awards.domain import eligibility, timeline
from wego.awards.models import Application, AwardCycle, CycleCategory
from wego.core.dates import when
from wego.core.mail import templated_email
from wego.core.text import plain_text
from wego.members.models import Member
from wego.practices.models import Practice
from wego.practices.services import practices as library

logger = logging.getLogger("wego.awards")


class Refused(Exception):
    """The city cannot do this now. `problems` say why, in the user's language; `fields`
    gives, for each form field at fault, what is wrong with it."""

    def __init__(self, problems: list[str], fields: dict[str, str] | None = None):
        super().__init__("; ".join(problems))
        self.problems = problems
        self.fields = fields or {}


class AlreadyApplied(Refused):
    """The city has an application in this category already (withdrawn ones do not count)."""

    def __init__(self, existing: Application):
        super().__init__([already_applied_text(existing)])
        self.existing = existing


def already_applied_text(existing: Application) -> str:
    return _(
        "%(city)s already has an application in %(category)s in this cycle: “%(title)s” "
        "(reference %(reference)s). A city applies once per category; withdraw that "
        "application first to apply with another."
    ) % {
        "city": existing.member.name,
        "category": existing.get_category_display(),
        "title": existing.title or _("untitled"),
        "reference": existing.reference,
    }


def problem_text(code: str, cycle: AwardCycle, member: Member | None = None) -> str:
    """A problem code of domain/eligibility.py as a sentence for the city."""
    if code == eligibility.NOT_OPEN:
        return _("The call for applications opens on %(opens)s.") % {
            "opens": when(cycle.call_opens_at, cycle.time_zone)
        }
    if code == eligibility.CLOSED:
        return _(
            "The deadline was %(deadline)s: applications can no longer be started or submitted."
        ) % {"deadline": when(cycle.deadline, cycle.time_zone)}
    if code == eligibility.NOT_MEMBER:
        return _("%(city)s is not an active WeGO member: only active members can apply.") % {
            "city": member.name if member else "?"
        }
    raise ValueError(code)


def members_applying_for(user) -> list[Member]:
    """The members the user may apply for (active or not: an inactive one is told why)."""
    return list(Member.objects.acted_for_by(user).order_by("name"))


def practices_of(members) -> list[Practice]:
    """Every practice of these members, drafts included: a city often applies with a new one."""
    return list(
        Practice.objects.filter(member__in=members).select_related("member").order_by("title")
    )


def existing_application(cycle, member, category) -> Application | None:
    return (
        Application.objects.filter(cycle=cycle, member=member, category=category)
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("member", "cycle")
        .first()
    )


def questions_of(application) -> list[str]:
    category = CycleCategory.objects.filter(
        cycle_id=application.cycle_id, category=application.category
    ).first()
    return list(category.questions) if category else []


def start(cycle, member, category, practice, user, title="", now=None) -> Application:
    """A draft application, filled in from the practice when there is one."""
    existing = existing_application(cycle, member, category)
    problems = eligibility.problems_to_apply(
        cycle.phase(now), member.status == Member.Status.ACTIVE, existing is not None
    )
    others = [code for code in problems if code != eligibility.ALREADY_APPLIED]
    if others:
        raise Refused([problem_text(code, cycle, member) for code in others])
    if existing is not None:
        raise AlreadyApplied(existing)
    fields = {"title": title.strip()}
    if practice is not None:
        fields = {
            "title": practice.title,
            "summary": _plain(practice.summary),
            "in_operation_since": practice.year_started,
        }
    return create_draft(cycle, member, category, practice, user, **fields)


def create_draft(cycle, member, category, practice, user, **fields) -> Application:
    """The insert itself. When two people of a city apply at the same moment, both pass the
    check above; the database constraint then refuses the second, with the same message."""
    try:
        with transaction.atomic():
            return Application.objects.create(
                cycle=cycle,
                member=member,
                category=category,
                practice=practice,
                created_by=user,
                **fields,
            )
    except IntegrityError:
        existing = existing_application(cycle, member, category)
        if existing is None:
            raise
        raise AlreadyApplied(existing) from None


def _plain(rich: str) -> str:
    """A practice's summary keeps simple formatting; the application's is plain text."""
    text = (rich or "").replace("</p>", "</p>\n\n").replace("<br>", "\n")
    return plain_text(normalize_newlines(text))


def field_labels(application) -> dict[str, str]:
    """What each field is called on the form, to name what is missing."""
    labels = {
        name: capfirst(Application._meta.get_field(name).verbose_name)
        for name in ("title", "summary", "in_operation_since")
    }
    for index, question in enumerate(questions_of(application)):
        labels[eligibility.answer_field(index)] = question
    return labels


def missing_fields(application) -> list[str]:
    return eligibility.missing_fields(
        application.title,
        application.summary,
        application.answers,
        len(questions_of(application)),
        application.in_operation_since,
    )


# The form field each problem of a complete application is about.
FIELD_OF_PROBLEM = {
    eligibility.NOT_IN_OPERATION: "in_operation",
    eligibility.FUTURE_YEAR: "in_operation_since",
}


def field_problem_text(code: str) -> str:
    if code == eligibility.NOT_IN_OPERATION:
        return _("Tick this box to submit: only practices in operation can apply.")
    if code == eligibility.FUTURE_YEAR:
        return _("The year cannot be in the future.")
    raise ValueError(code)


def incompleteness(application, phase, now) -> Refused | None:
    """What the application still lacks to be submitted: each field at fault is told at the
    field, and the summary names the empty ones."""
    missing = missing_fields(application)
    problems = eligibility.problems_to_submit(
        phase,
        missing,
        application.in_operation_since,
        timeline.local(now, application.cycle.time_zone).year,
        bool(application.answers.get(eligibility.IN_OPERATION_KEY)),
    )
    if not problems:
        return None
    fields = dict.fromkeys(missing, _("Fill this in to submit the application."))
    for code, field in FIELD_OF_PROBLEM.items():
        if code in problems:
            fields[field] = field_problem_text(code)
    summary = []
    if missing:
        labels = field_labels(application)
        summary.append(
            _("To submit, fill in: %(fields)s")
            % {"fields": "; ".join(str(labels[name]) for name in missing)}
        )
    return Refused(summary, fields)


def submit(application: Application, user, now=None) -> Application:
    """Checks the deadline on the server's clock, then completeness; sends confirmations."""
    now = now or timezone.now()
    cycle = application.cycle
    phase = cycle.phase(now)
    late = eligibility.call_problems(phase)
    if late:
        raise Refused([problem_text(code, cycle) for code in late])
    incomplete = incompleteness(application, phase, now)
    if incomplete:
        raise incomplete
    with transaction.atomic():
        if application.practice is None:
            application.practice = _practice_for_library(application, user)
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now
        application.save()
    send_confirmation(application, user)
    return application


def _practice_for_library(application, user) -> Practice:
    """A submitted application written from scratch also becomes a draft good practice of
    the city, so the work is not lost for the library."""
    member = application.member
    practice = Practice(
        title=application.title,
        summary=application.summary,
        category=application.category,
        member=member,
        city=member.name,
        country=member.country,
        year_started=application.in_operation_since,
        created_by=user,
    )
    return library.save(practice, user)


def withdraw(application: Application, now=None) -> Application:
    cycle = application.cycle
    if cycle.results_published_at is not None:
        raise Refused(
            [
                _("The results of %(cycle)s are published: it is too late to withdraw.")
                % {"cycle": cycle.name}
            ]
        )
    application.status = Application.Status.WITHDRAWN
    application.withdrawn_at = now or timezone.now()
    application.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return application


def confirmation_recipients(application, user) -> list:
    """The person who submitted and the city's focal points, each once."""
    people = {person.pk: person for person in people_of(application.member)}
    if user is not None and user.is_authenticated:
        people = {user.pk: user, **people}
    return [person for person in people.values() if person.email]


def send_confirmation(application: Application, user) -> None:
    """One email per recipient, in the recipient's own language. The submission is stored
    already: a mail server that is down is logged, not shown to the city as a failure."""
    for person in confirmation_recipients(application, user):
        with translation.override(person.preferred_language or "en"):
            context = {
                "person": person,
                "application": application,
                "cycle": application.cycle,
                "category": application.get_category_display(),
                "city": application.applicant_name,
                "submitted": when(application.submitted_at, application.cycle.time_zone),
                "link": settings.SITE_URL + application.get_absolute_url(),
            }
            email = templated_email("awards/email/application_submitted", context, person.email)
        try:
            email.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Confirmation of application %s not sent", application.reference)
