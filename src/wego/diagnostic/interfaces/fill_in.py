"""The fill-in page of one domain: questions as view items, and answers read from a POST.

The page is rendered by hand from the framework (not with a Django Form per question) because
it is the platform's largest page and must stay fast and fully accessible.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.core.i18n import Localised, localise
from wego.diagnostic.domain.answers import AnswerError, check_comment, check_link, parse_answer
from wego.diagnostic.domain.framework import Domain, Framework, Question, QuestionType
from wego.diagnostic.domain.scoring import CityContext, Status, question_status
from wego.diagnostic.interfaces.messages import answer_error_text, evidence_link_error
from wego.diagnostic.services.assessments import AnswerChange

NOT_APPLICABLE = "na"
RADIO_TYPES = {QuestionType.LEVEL, QuestionType.YES_NO, QuestionType.CHOICE}


class Refusal(NamedTuple):
    """Why a question's input was refused, and what to show again."""

    typed: str  # what was typed as the answer, shown again in its field
    message: str
    field: str = "input"  # the input it concerns: "input" (the answer), "evidence" or "file"


def dom_id(code: str) -> str:
    """The id of a question's box on the page (also the base of its inputs' ids)."""
    return "q-" + code.replace(".", "-")


def error_target(code: str, is_radio: bool, field: str) -> str:
    """The element a refusal marks (aria-invalid, aria-describedby): the input concerned, or
    the fieldset of a question answered with radio buttons."""
    if field == "input" and is_radio:
        return dom_id(code)
    return f"{dom_id(code)}-{field}"


@dataclass
class Option:
    value: str
    label: str | Localised  # a framework's choice label, or the page's "Yes" and "No"
    description: Localised | str = ""


@dataclass
class QuestionItem:
    """A question as the page shows it; the framework's texts say which language they are in."""

    code: str
    type: str
    text: Localised
    help: Localised
    unit: Localised
    status: str
    options: list[Option] = field(default_factory=list)
    value: str = ""  # what the input shows: the stored value, or what was typed
    not_applicable: bool = False
    allow_not_applicable: bool = False
    comment: str = ""
    evidence: str = ""
    evidence_file: str = ""  # the attached file's name, if any
    error: str = ""
    error_field: str = ""  # which input the error concerns (see Refusal.field)
    stored_signature: str | None = None  # kept when the refused input replaces what is shown

    @property
    def field_name(self) -> str:
        return f"q-{self.code}"

    @property
    def dom_id(self) -> str:
        return dom_id(self.code)

    @property
    def is_radio(self) -> bool:
        return self.type in RADIO_TYPES

    @property
    def error_target(self) -> str:
        return error_target(self.code, self.is_radio, self.error_field) if self.error else ""

    @property
    def signature(self) -> str:
        """What is stored, even when the page shows refused input: sent again unchanged, the
        refused input must be read (and refused) again, not taken for the stored answer."""
        if self.stored_signature is not None:
            return self.stored_signature
        return posted_signature(self.value, self.not_applicable, self.comment, self.evidence)


def posted_signature(value: str, not_applicable: bool, comment: str, evidence: str) -> str:
    """What a question showed when the page was loaded, to tell what this person changed."""
    shown = NOT_APPLICABLE if not_applicable else value
    return "\x1f".join((shown, comment.strip(), evidence.strip()))


def options_for(framework: Framework, question: Question, language: str) -> list[Option]:
    if question.type == QuestionType.LEVEL:
        levels = framework.levels_of(question)
        return [Option(str(n), str(n), localise(levels[n], language)) for n in range(5)]
    if question.type == QuestionType.YES_NO:
        return [Option("yes", _("Yes")), Option("no", _("No"))]
    if question.type == QuestionType.CHOICE:
        return [Option(c.code, localise(c.label, language)) for c in framework.choices_of(question)]
    return []


def shown_value(question: Question, value) -> str:
    if value is None:
        return ""
    if question.type == QuestionType.YES_NO:
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def question_items(framework, domain: Domain, answers: dict, city: CityContext, language: str):
    """[(indicator, title, [QuestionItem])] for the domain, with the stored answers filled in."""
    groups = []
    for indicator in domain.indicators:
        items = []
        for question in indicator.questions:
            stored = answers.get(question.code)
            value = stored.as_value() if stored else None
            status = question_status(question, value, city)
            items.append(
                QuestionItem(
                    code=question.code,
                    type=question.type.value,
                    text=localise(question.text, language),
                    help=localise(question.help, language),
                    unit=localise(question.unit, language),
                    status=status.value,
                    options=options_for(framework, question, language),
                    value=shown_value(question, value.value if value else None),
                    not_applicable=bool(value and value.not_applicable),
                    allow_not_applicable=question.allow_not_applicable,
                    comment=stored.comment if stored else "",
                    evidence=stored.evidence_url if stored else "",
                    evidence_file=stored.evidence_name if stored else "",
                )
            )
        groups.append((indicator, localise(indicator.title, language), items))
    return groups


def read_answers(framework, domain: Domain, data, city: CityContext):
    """Parse the posted answers of a domain: (changes to save, {code: Refusal})."""
    changes, errors = [], {}
    for indicator in domain.indicators:
        for question in indicator.questions:
            if question_status(question, None, city) == Status.EXCLUDED:
                continue
            name = f"q-{question.code}"
            if not any(f"{prefix}-{question.code}" in data for prefix in ("q", "na", "c", "e")):
                continue  # not on the page that was posted (e.g. an autosave of one field)
            raw = data.get(name, "")
            comment = data.get(f"c-{question.code}")
            not_applicable = raw == NOT_APPLICABLE or bool(data.get(f"na-{question.code}"))
            evidence = data.get(f"e-{question.code}")
            was = data.get(f"was-{question.code}")
            shown = posted_signature(raw, not_applicable, comment or "", evidence or "")
            if was is not None and was == shown:
                # Untouched on this page: saving it could undo a colleague's newer answer.
                continue
            if comment is not None:
                # A browser sends a textarea's line breaks as CR LF, and counts them as one
                # character against the limit: so are they stored and counted here.
                comment = comment.replace("\r\n", "\n")
            try:
                value = parse_answer(framework, question, "n/a" if not_applicable else raw)
                if comment is not None:
                    check_comment(comment)
            except AnswerError as error:
                field = "comment" if error.code == "comment-too-long" else "input"
                errors[question.code] = Refusal(raw, answer_error_text(error), field)
                continue
            try:
                evidence = None if evidence is None else check_link(evidence)
            except AnswerError as error:
                errors[question.code] = Refusal(raw, evidence_link_error(error), "evidence")
                continue
            changes.append(AnswerChange(question.code, value, comment, evidence))
    return changes, errors


def apply_errors(groups, errors: dict[str, Refusal], data):
    """Show what the person typed, and the problem, on every question that was refused."""
    for _indicator, _title, items in groups:
        for item in items:
            if item.code in errors:
                refusal = errors[item.code]
                item.stored_signature = item.signature
                item.value, item.error, item.error_field = refusal
                item.comment = data.get(f"c-{item.code}", item.comment)
                item.evidence = data.get(f"e-{item.code}", item.evidence)


def autosave_answer(domain: Domain, saved: int, errors: dict[str, Refusal]) -> dict:
    """What the autosave script needs: the status to show, and each refusal in page order with
    the box and the input it belongs to, to show it there as the server-rendered page does."""
    order = [q.code for indicator in domain.indicators for q in indicator.questions]
    problems = [
        {
            "code": code,
            "question": dom_id(code),
            "target": error_target(code, _is_radio(domain, code), errors[code].field),
            "message": errors[code].message,
        }
        for code in sorted(errors, key=order.index)
    ]
    status = save_status(saved, len(errors))
    return {
        "saved": saved,
        "errors": {code: refusal.message for code, refusal in errors.items()},
        "problems": problems,
        "message": " ".join(part for part in status if part),
        "status": {"saved": status[0], "correction": status[1]},
    }


def _is_radio(domain: Domain, code: str) -> bool:
    question = next(q for i in domain.indicators for q in i.questions if q.code == code)
    return question.type in RADIO_TYPES


def save_status(saved: int, refused: int) -> tuple[str, str]:
    """(what was saved, what needs a correction), each a sentence or empty."""
    if not refused:
        return _("All changes saved."), ""
    done = ""
    if saved:
        done = ngettext("%(count)s answer saved.", "%(count)s answers saved.", saved) % {
            "count": saved
        }
    correction = ngettext(
        "%(count)s answer needs a correction.", "%(count)s answers need a correction.", refused
    ) % {"count": refused}
    return done, correction


def read_evidence_files(domain: Domain, files) -> tuple[dict, dict]:
    """Checked evidence files of a domain by question code, and problems by question code."""
    from wego.core.uploads import check_evidence, upload_problem_text

    accepted, problems = {}, {}
    for indicator in domain.indicators:
        for question in indicator.questions:
            upload = files.get(f"f-{question.code}")
            if upload is None:
                continue
            kind, problem = check_evidence(upload)
            if problem is None:
                accepted[question.code] = (upload, kind)
            else:
                problems[question.code] = upload_problem_text(problem)
    return accepted, problems
