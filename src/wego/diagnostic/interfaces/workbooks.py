"""The CeDS workbook in the reader's language: labels, download and reading an upload."""

from django.utils.translation import gettext as _
from django.utils.translation import override

from wego.core.i18n import localise
from wego.diagnostic.domain.scoring import Status, question_status
from wego.diagnostic.domain.workbook import Labels, read_workbook, write_workbook
from wego.diagnostic.interfaces.answers_table import shown_answer
from wego.diagnostic.models import Assessment, WorkbookUpload


def labels() -> Labels:
    """The workbook's words in the active language."""
    return Labels(
        instructions_title=_("How to fill in this workbook"),
        instructions=[
            _("Answer in the yellow cells of column C; use the dropdown where there is one."),
            _("Add a comment or the source of an answer in column D if you wish."),
            _("Type n/a where a question does not apply to your city, if the question allows it."),
            _("Do not add, move or delete rows or sheets: the platform reads them by position."),
            _("Upload the file on the assessment page; you see what changes before it is saved."),
        ],
        headings=(
            _("Code"),
            _("Question"),
            _("Your answer"),
            _("Comment or source"),
            _("Possible answers"),
        ),
        yes=_("Yes"),
        no=_("No"),
        level_hint=_("A level from 0 to 4:"),
        percentage_hint=_("A percentage from 0 to 100"),
        number_hint=_("A number"),
        text_hint=_("Free text"),
        evidence_hint=_("A link to a document or web page"),
        not_applicable_hint=_("or n/a if it does not apply"),
        framework=_("Framework"),
    )


def labels_by_language(languages) -> dict[str, Labels]:
    found = {}
    for code, _name in languages:
        with override(code):
            found[code] = labels()
    return found


def applies_to(assessment: Assessment):
    city = assessment.city_context()
    return lambda question: question_status(question, None, city) != Status.EXCLUDED


def export_workbook(assessment: Assessment, language: str) -> bytes:
    current = {a.question_code: (a.as_value(), a.comment) for a in assessment.answers.all()}
    title = _("CeDS assessment of %(member)s, %(year)s") % {
        "member": assessment.member.name,
        "year": assessment.year,
    }
    return write_workbook(
        assessment.framework,
        current,
        language=language,
        assessment_id=assessment.pk,
        title=title,
        labels=labels(),
        applies=applies_to(assessment),
    )


def read_upload(assessment: Assessment, data: bytes, languages):
    return read_workbook(
        data,
        assessment.framework,
        assessment_id=assessment.pk,
        labels_by_language=labels_by_language(languages),
        applies=applies_to(assessment),
    )


def preview_rows(assessment: Assessment, upload: WorkbookUpload, language: str) -> list[dict]:
    """The changes of an upload, each answer shown as the form shows it (Yes, a level's label,
    a choice's label, a number with its unit, 50%), never as stored (True, 50.0)."""
    framework = assessment.framework
    questions = framework.question_map()
    rows = []
    for change in upload.changes:
        question = questions[change["code"]]
        before = (change["before"], change["before_not_applicable"])
        rows.append(
            {
                **change,
                "text": localise(question.text, language),
                "now": shown_answer(framework, question, *before, language),
                "new": shown_answer(
                    framework, question, change["value"], change["not_applicable"], language
                ),
            }
        )
    return rows
