"""JSON API of the CeDS diagnostic: frameworks, and a city's assessments (read; write answers)."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import django_auth

from wego.diagnostic.domain.answers import AnswerError, parse_answer
from wego.diagnostic.interfaces.messages import answer_error_text
from wego.diagnostic.models import AnswerRevision, Assessment, FrameworkVersion
from wego.diagnostic.services import assessments as lifecycle

router = Router(tags=["CeDS diagnostic"])


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
    value: bool | int | float | str | None = None
    not_applicable: bool = False
    comment: str | None = None


class AnswersIn(Schema):
    answers: dict[str, AnswerIn]


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
def framework_detail(request, code: str, version: str):
    return get_object_or_404(FrameworkVersion, code=code, version=version).content


@router.get("/assessments", response=list[AssessmentOut])
def list_assessments(request, year: int | None = None, framework: str | None = None):
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
