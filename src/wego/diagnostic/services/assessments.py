"""The life of an assessment: start, answer, submit, validate or return, publish."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.scoring import score
from wego.diagnostic.models import (
    Answer,
    AnswerRevision,
    Assessment,
    AssessmentEvent,
    FrameworkVersion,
)
from wego.diagnostic.services import network, peers


class TransitionError(ValueError):
    """A step that the assessment's status does not allow; the message says why."""


@dataclass(frozen=True)
class AnswerChange:
    question_code: str
    value: AnswerValue
    comment: str | None = None  # None: leave the comment as it is
    evidence_url: str | None = None  # None: leave the evidence link as it is


def start_assessment(
    member, framework_version: FrameworkVersion, year: int, user, *, demo: bool = False
) -> Assessment:
    """A new draft; `demo` marks the invented assessments of the demo network."""
    assessment = Assessment.objects.create(
        member=member,
        framework_version=framework_version,
        year=year,
        population=member.population,
        created_by=user,
        is_demo=demo,
    )
    AssessmentEvent.objects.create(
        assessment=assessment, kind=AssessmentEvent.Kind.STARTED, actor=user
    )
    recompute_scores(assessment)
    return assessment


@transaction.atomic
def save_answers(assessment: Assessment, changes: list[AnswerChange], user, source: str) -> int:
    """Store the answers that differ from what is there, with a revision each. Returns how many."""
    if not assessment.is_editable:
        raise TransitionError("This assessment is not open for changes.")
    current = {answer.question_code: answer for answer in assessment.answers.all()}
    changed = 0
    for change in changes:
        answer = current.get(change.question_code)
        if answer is None:
            answer = Answer(assessment=assessment, question_code=change.question_code)
        comment = answer.comment if change.comment is None else change.comment
        evidence = answer.evidence_url if change.evidence_url is None else change.evidence_url
        if (
            answer.pk
            and answer.value == change.value.value
            and answer.not_applicable == change.value.not_applicable
            and answer.comment == comment
            and answer.evidence_url == evidence
        ):
            continue
        answer.value = change.value.value
        answer.not_applicable = change.value.not_applicable
        answer.comment = comment
        answer.evidence_url = evidence.strip()
        answer.updated_by = user
        answer.save()
        AnswerRevision.objects.create(
            assessment=assessment,
            question_code=change.question_code,
            value=answer.value,
            not_applicable=answer.not_applicable,
            comment=comment,
            evidence=answer.evidence_url,
            source=source,
            changed_by=user,
        )
        changed += 1
    if changed:
        recompute_scores(assessment)
    return changed


def recompute_scores(assessment: Assessment) -> None:
    result = score(assessment.framework, assessment.answer_values(), assessment.city_context())
    assessment.overall_score = result.overall.value
    assessment.coverage = result.overall.coverage
    assessment.stage = result.stage.code if result.stage else ""
    assessment.domain_scores = {
        code: {"score": item.value, "coverage": item.coverage}
        for code, item in result.domains.items()
    }
    assessment.indicator_scores = {
        code: item.value for code, item in result.indicators.items() if item.value is not None
    }
    assessment.save(
        update_fields=[
            "overall_score",
            "coverage",
            "stage",
            "domain_scores",
            "indicator_scores",
            "updated_at",
        ]
    )


def _record(assessment, kind, user, comment=""):
    AssessmentEvent.objects.create(assessment=assessment, kind=kind, actor=user, comment=comment)


@transaction.atomic
def submit(assessment: Assessment, user) -> None:
    if not assessment.is_editable:
        raise TransitionError("Only a draft or a returned assessment can be submitted.")
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.save(update_fields=["status", "submitted_at", "updated_at"])
    _record(assessment, AssessmentEvent.Kind.SUBMITTED, user)


@transaction.atomic
def return_for_changes(assessment: Assessment, user, comment: str) -> None:
    if assessment.status != Assessment.Status.SUBMITTED:
        raise TransitionError("Only a submitted assessment can be returned.")
    if not comment.strip():
        raise TransitionError("Say what the city should change.")
    assessment.status = Assessment.Status.RETURNED
    assessment.save(update_fields=["status", "updated_at"])
    _record(assessment, AssessmentEvent.Kind.RETURNED, user, comment.strip())


@transaction.atomic
def validate(assessment: Assessment, user, comment: str = "") -> None:
    if assessment.status != Assessment.Status.SUBMITTED:
        raise TransitionError("Only a submitted assessment can be validated.")
    assessment.status = Assessment.Status.VALIDATED
    assessment.validated_at = timezone.now()
    assessment.save(update_fields=["status", "validated_at", "updated_at"])
    _record(assessment, AssessmentEvent.Kind.VALIDATED, user, comment.strip())
    network.refresh_member(assessment.member, assessment.framework_version)


@transaction.atomic
def set_published(assessment: Assessment, user, public: bool) -> None:
    if public and assessment.status != Assessment.Status.VALIDATED:
        raise TransitionError("Only a validated assessment can be published.")
    if assessment.is_public == public:
        return
    assessment.is_public = public
    assessment.save(update_fields=["is_public", "updated_at"])
    kind = AssessmentEvent.Kind.PUBLISHED if public else AssessmentEvent.Kind.UNPUBLISHED
    _record(assessment, kind, user)
    peers.refresh_member(assessment.member, assessment.framework_version)


@transaction.atomic
def set_shared_with_peers(assessment: Assessment, user, shared: bool) -> None:
    """Count (or stop counting) the scores in anonymous peer statistics, without publishing."""
    if shared and assessment.status != Assessment.Status.VALIDATED:
        raise TransitionError("Only a validated assessment can be shared with peers.")
    assessment.share_with_peers = shared
    assessment.save(update_fields=["share_with_peers", "updated_at"])
    peers.refresh_member(assessment.member, assessment.framework_version)


@transaction.atomic
def apply_workbook(upload, user) -> int:
    """Save the answers of a checked workbook upload; returns how many changed."""
    if upload.problems:
        raise TransitionError("A workbook with problems cannot be applied.")
    changes = [
        AnswerChange(c["code"], AnswerValue(c["value"], c["not_applicable"]), c["comment"])
        for c in upload.changes
    ]
    saved = save_answers(upload.assessment, changes, user, AnswerRevision.Source.WORKBOOK)
    upload.applied_at = timezone.now()
    upload.save(update_fields=["applied_at"])
    _record(upload.assessment, AssessmentEvent.Kind.WORKBOOK_IMPORTED, user, upload.filename)
    return saved


@transaction.atomic
def attach_evidence(assessment: Assessment, question_code: str, upload, kind: str, user) -> None:
    """Keep a checked evidence file with an answer, replacing the previous one."""
    if not assessment.is_editable:
        raise TransitionError("This assessment is not open for changes.")
    answer, _created = Answer.objects.get_or_create(
        assessment=assessment, question_code=question_code, defaults={"updated_by": user}
    )
    if answer.evidence_file:
        answer.evidence_file.delete(save=False)
    answer.evidence_file.save(f"{question_code}.{kind}", upload, save=False)
    answer.updated_by = user
    answer.save()
    AnswerRevision.objects.create(
        assessment=assessment,
        question_code=question_code,
        value=answer.value,
        not_applicable=answer.not_applicable,
        comment=answer.comment,
        evidence=answer.evidence_name,
        source=AnswerRevision.Source.FORM,
        changed_by=user,
    )
