"""JSON API of the CeDS diagnostic: frameworks, and a city's assessments (read; write answers).

Every str a client sends has a max_length (the limits of the models and of the answers'
domain), so django-ninja refuses a megabyte before anything reads it; `invalid_input` says
what is wrong the way the platform's own checks do (400, each problem under its question).
"""

import json
from typing import Annotated

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import MaxLengthValidator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from ninja.security import django_auth
from pydantic import Field

from wego.diagnostic.domain.answers import MAX_COMMENT, MAX_TEXT, AnswerError, parse_answer
from wego.diagnostic.interfaces.messages import answer_error_text
from wego.diagnostic.models import Answer, AnswerRevision, Assessment, FrameworkVersion
from wego.diagnostic.services import assessments as lifecycle

router = Router(tags=["CeDS diagnostic"])


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


QuestionCode = Annotated[str, Field(max_length=_limit(Answer, "question_code"))]
FrameworkCode = Annotated[str, Field(max_length=_limit(FrameworkVersion, "code"))]
FrameworkVersionName = Annotated[str, Field(max_length=_limit(FrameworkVersion, "version"))]
# More than any framework has questions (CeDS 1.0 has about 150): one request, one assessment.
MAX_ANSWERS = 1000


class FrameworkOut(Schema):
    code: str
    version: str
    title: dict[str, str]
    current: bool


class MemberRef(Schema):
    slug: str
    name: str


class AssessmentOut(Schema):
    id: int
    member: MemberRef
    framework: str
    version: str
    year: int
    status: str
    public: bool
    demo: Annotated[
        bool, Field(description="Invented results of the demo network, for trying the platform.")
    ]
    overall_score: float | None
    coverage: float
    stage: str
    domain_scores: dict


class AnswerOut(Schema):
    value: bool | int | float | str | None
    not_applicable: bool
    comment: str


class AssessmentDetailOut(AssessmentOut):
    answers: dict[str, AnswerOut]


class AnswerIn(Schema):
    # A text answer is at most MAX_TEXT characters; any other answer is far shorter.
    value: bool | int | float | Annotated[str, Field(max_length=MAX_TEXT)] | None = None
    not_applicable: bool = False
    comment: Annotated[str, Field(max_length=MAX_COMMENT)] | None = None


class AnswersIn(Schema):
    answers: Annotated[dict[QuestionCode, AnswerIn], Field(max_length=MAX_ANSWERS)]


class SavedOut(Schema):
    saved: int
    overall_score: float | None
    coverage: float


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, str] = {}


def _summary(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "member": {"slug": assessment.member.slug, "name": assessment.member.name},
        "framework": assessment.framework_version.code,
        "version": assessment.framework_version.version,
        "year": assessment.year,
        "status": assessment.status,
        "public": assessment.is_public,
        "demo": assessment.is_demo,
        "overall_score": assessment.overall_score,
        "coverage": assessment.coverage,
        "stage": assessment.stage,
        "domain_scores": assessment.domain_scores,
    }


def visible_assessments(user):
    return Assessment.objects.visible_to(user).select_related("member", "framework_version")


@router.get("/frameworks", response=list[FrameworkOut])
def list_frameworks(request):
    return [
        {"code": v.code, "version": v.version, "title": v.title, "current": v.is_current}
        for v in FrameworkVersion.objects.all()
    ]


@router.get("/frameworks/{code}/{version}", response=dict)
def framework_detail(request, code: FrameworkCode, version: FrameworkVersionName):
    return get_object_or_404(FrameworkVersion, code=code, version=version).content


@router.get("/assessments", response=list[AssessmentOut])
def list_assessments(request, year: int | None = None, framework: FrameworkCode | None = None):
    found = visible_assessments(request.user).order_by("-year", "member__name_en")
    if year is not None:
        found = found.filter(year=year)
    if framework:
        found = found.filter(framework_version__code=framework)
    return [_summary(a) for a in found[:1000]]


@router.get("/assessments/{assessment_id}", response=AssessmentDetailOut)
def assessment_detail(request, assessment_id: int):
    assessment = get_object_or_404(visible_assessments(request.user), pk=assessment_id)
    # The answers and their comments are the city's working material, as on the web: only
    # those who may see them get them; published results alone carry the scores.
    answers = {}
    if request.user.has_perm("diagnostic.view_assessment_details", assessment):
        answers = {
            a.question_code: {
                "value": a.value,
                "not_applicable": a.not_applicable,
                "comment": a.comment,
            }
            for a in assessment.answers.all()
        }
    return {**_summary(assessment), "answers": answers}


@router.put(
    "/assessments/{assessment_id}/answers",
    response={200: SavedOut, 400: ErrorsOut, 403: ErrorsOut},
    auth=django_auth,
)
def save_answers(request, assessment_id: int, payload: AnswersIn):
    """Save several answers at once; if any is invalid, nothing is saved."""
    assessment = get_object_or_404(visible_assessments(request.user), pk=assessment_id)
    if not request.user.has_perm("diagnostic.edit_assessment", assessment):
        return Status(
            403, {"detail": "You cannot change this assessment (not your city, or not open)."}
        )
    framework = assessment.framework
    questions = framework.question_map()
    changes, errors = [], {}
    for code, given in payload.answers.items():
        question = questions.get(code)
        if question is None:
            errors[code] = "No such question in this framework."
            continue
        try:
            raw = "n/a" if given.not_applicable else given.value
            value = parse_answer(framework, question, raw)
        except AnswerError as error:
            errors[code] = answer_error_text(error)
            continue
        changes.append(lifecycle.AnswerChange(code, value, given.comment))
    if errors:
        return Status(
            400, {"detail": "Some answers are not valid; nothing was saved.", "errors": errors}
        )
    saved = lifecycle.save_answers(assessment, changes, request.user, AnswerRevision.Source.API)
    assessment.refresh_from_db()
    saved_out = {
        "saved": saved,
        "overall_score": assessment.overall_score,
        "coverage": assessment.coverage,
    }
    return Status(200, saved_out)


# ---- requests django-ninja refuses -------------------------------------------------------------


def invalid_input(request, error: ValidationError) -> dict:
    """The body of a 400 for a request that does not fit the schemas: what is wrong, under the
    question it concerns (in the answers' own words, as the form and the workbook say it), or
    under the parameter."""
    errors: dict[str, str] = {}
    for problem in error.errors:
        key, message = _problem(request, problem)
        if key not in errors or problem["type"] == "string_too_long":
            errors[key] = message  # a text too long says more than its union's other types
    if any(problem["loc"][:1] == ("body",) for problem in error.errors):
        return {"detail": _("Some answers are not valid; nothing was saved."), "errors": errors}
    return {"detail": _("The request is not valid."), "errors": errors}


def _problem(request, problem: dict) -> tuple[str, str]:
    source, *where = problem["loc"]
    if source == "body":
        where = where[1:]  # the payload's own name
    too_long = problem["type"] == "string_too_long"
    limit = (problem.get("ctx") or {}).get("max_length")
    if where[:1] == ["answers"] and len(where) >= 2:
        code, field = str(where[1]), where[2] if len(where) > 2 else None
        if field == "[key]":  # not a question code: do not send a megabyte back
            return code[: _limit(Answer, "question_code")], _("No such question in this framework.")
        if too_long and field in ("comment", "value"):
            length = len(_sent(request, ["answers", code, field]))
            reason = "comment-too-long" if field == "comment" else "too-long"
            return code, answer_error_text(AnswerError(reason, length=length, limit=limit))
        return code, f"{field}: {problem['msg']}" if field else problem["msg"]
    name = ".".join(str(part) for part in where) or source
    if where == ["answers"] and problem["type"] == "too_long":
        return name, _("At most %(limit)s answers at once.") % {"limit": MAX_ANSWERS}
    if too_long and source in ("query", "path"):
        sent = (
            request.GET.get(name, "")
            if source == "query"
            else str(
                (request.resolver_match.kwargs if request.resolver_match else {}).get(name, "")
            )
        )
        try:
            MaxLengthValidator(limit)(sent)
        except DjangoValidationError as refused:  # Django's words, in the reader's language
            return name, refused.messages[0]
    return name, problem["msg"]


def _sent(request, path: list[str]) -> str:
    """The text the request sent at `path` of its JSON body (read with Python's json, as
    django-ninja reads it)."""
    try:
        data = json.loads(request.body)
        for part in path:
            data = data[part]
    except (ValueError, KeyError, TypeError):
        return ""
    return data if isinstance(data, str) else ""
