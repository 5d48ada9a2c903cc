"""The reader's-language wording of the domain's answer errors."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wego.diagnostic.domain.answers import AnswerError


def answer_error_text(error: AnswerError) -> str:
    sizes = _sizes(error)
    texts = {
        "not-applicable": lambda: _("This question cannot be answered “not applicable”."),
        "level": lambda: _("Choose a level from 0 to 4."),
        "whole-level": lambda: _("Choose a whole level from 0 to 4."),
        "yes-no": lambda: _("Answer yes or no."),
        "number": lambda: _("Enter a number, for example 12 or 3.5."),
        "negative": lambda: _("Enter a number that is not negative."),
        "too-large": lambda: _("Enter a number no larger than %(limit)s.") % sizes,
        "percentage": lambda: _("Enter a percentage from 0 to 100."),
        "choice": lambda: _("Choose one of: %(options)s.") % error.params,
        "too-long": lambda: (
            _("The text is too long (%(length)s characters; at most %(limit)s).") % sizes
        ),
        "comment-too-long": lambda: (
            _("The comment is too long (%(length)s characters; at most %(limit)s).") % sizes
        ),
        "link": lambda: _(
            "Enter a web link starting with https:// or http://, for example "
            "https://www.city.example/plan.pdf."
        ),
        "link-too-long": lambda: (
            _("The link is too long (%(length)s characters; at most %(limit)s).") % sizes
        ),
    }
    return texts[error.code]()


def _sizes(error: AnswerError) -> dict:
    """The lengths and limits of an error, as the reader writes numbers (4,000)."""
    return {
        name: number_format(value, force_grouping=True)
        for name, value in error.params.items()
        if name in ("length", "limit")
    }


def evidence_link_error(error: AnswerError) -> str:
    """The error of the evidence link given with an answer: it names that field, since the
    answer itself is fine."""
    if error.code == "link-too-long":
        return _(
            "The evidence link is too long (%(length)s characters; at most %(limit)s)."
        ) % _sizes(error)
    return _("The evidence must be a web link starting with https:// or http://.")


def _answer_text(error) -> str:
    return answer_error_text(error) if isinstance(error, AnswerError) else ""


def workbook_problem_text(problem) -> str:
    """A workbook problem in the reader's language, with where it is."""
    params = problem.params
    texts = {
        "too-large": lambda: (
            _("The file is too large (%(size)s MB; at most %(limit)s MB).") % params
        ),
        "not-xlsx": lambda: _("The file is not an Excel workbook (.xlsx)."),
        "zip-bomb": lambda: _("The file unpacks to far more data than a CeDS workbook could hold."),
        "unreadable": lambda: _("The file is damaged and cannot be read as a workbook."),
        "not-ours": lambda: _("This is not a CeDS workbook downloaded from the platform."),
        "other-framework": lambda: (
            _("This workbook is for framework %(found)s, not %(expected)s.") % params
        ),
        "other-structure": lambda: _(
            "This workbook was made from another edition of the framework, whose questions or "
            "answer scales differ. Download the workbook again and copy your answers into it."
        ),
        "other-assessment": lambda: _(
            "This workbook was downloaded for another assessment. Download this assessment's "
            "workbook and copy your answers into it."
        ),
        "sheet-missing": lambda: _("The sheet %(sheet)s is missing.") % params,
        "merged": lambda: _("Merged cells are not allowed; unmerge them."),
        "structure": lambda: (
            _(
                "Expected question %(expected)s here, found “%(found)s”: rows must not be added, "
                "moved or deleted."
            )
            % params
        ),
        "formula": lambda: _("This cell contains a formula; type the value instead."),
        "extra-rows": lambda: _("Rows were added below the last question; remove them."),
        "answer": lambda: f"{params['question']}: {_answer_text(params.get('error'))}",
    }
    message = texts[problem.code]() if problem.code in texts else problem.message
    if problem.sheet == "file":
        return message
    if problem.cell:
        return _("Sheet %(sheet)s, cell %(cell)s: %(message)s") % {
            "sheet": problem.sheet,
            "cell": problem.cell,
            "message": message,
        }
    return _("Sheet %(sheet)s: %(message)s") % {"sheet": problem.sheet, "message": message}
