"""The fill-in page of one domain: questions as view items, and answers read from a POST.

The page is rendered by hand from the framework (not with a Django Form per question) because
it is the platform's largest page and must stay fast and fully accessible.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from wego.core.i18n import translate
from wego.diagnostic.domain.answers import AnswerError, check_comment, parse_answer
from wego.diagnostic.domain.framework import Domain, Framework, Question, QuestionType
from wego.diagnostic.domain.scoring import CityContext, Status, question_status
from wego.diagnostic.interfaces.messages import answer_error_text
from wego.diagnostic.services.assessments import AnswerChange

NOT_APPLICABLE = "na"
RADIO_TYPES = {QuestionType.LEVEL, QuestionType.YES_NO, QuestionType.CHOICE}


@dataclass
class Option:
    value: str
    label: str
    description: str = ""


@dataclass
class QuestionItem:
    code: str
    type: str
    text: str
    help: str
    unit: str
    status: str
    options: list[Option] = field(default_factory=list)
    value: str = ""  # what the input shows: the stored value, or what was typed
    not_applicable: bool = False
    allow_not_applicable: bool = False
    comment: str = ""
    evidence: str = ""
    evidence_file: str = ""  # the attached file's name, if any
    error: str = ""
    stored_signature: str | None = None  # kept when the refused input replaces what is shown

    @property
    def field_name(self) -> str:
        return f"q-{self.code}"

    @property
    def dom_id(self) -> str:
        return "q-" + self.code.replace(".", "-")

    @property
    def is_radio(self) -> bool:
        return self.type in RADIO_TYPES

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
        return [Option(str(n), str(n), translate(levels[n], language)) for n in range(5)]
    if question.type == QuestionType.YES_NO:
        return [Option("yes", _("Yes")), Option("no", _("No"))]
    if question.type == QuestionType.CHOICE:
        return [
            Option(c.code, translate(c.label, language)) for c in framework.choices_of(question)
        ]
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
                    text=translate(question.text, language),
                    help=translate(question.help, language),
                    unit=translate(question.unit, language),
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
        groups.append((indicator, translate(indicator.title, language), items))
    return groups


def read_answers(framework, domain: Domain, data, city: CityContext):
    """Parse the posted answers of a domain: (changes to save, {code: (typed, error)})."""
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
                if not_applicable:
                    value = parse_answer(framework, question, "n/a")
                else:
                    value = parse_answer(framework, question, raw)
                if comment is not None:
                    check_comment(comment)
            except AnswerError as error:
                errors[question.code] = (raw, answer_error_text(error))
                continue
            if evidence and not is_web_link(evidence.strip()):
                message = _("The evidence must be a web link starting with https:// or http://.")
                errors[question.code] = (raw, message)
                continue
            changes.append(AnswerChange(question.code, value, comment, evidence))
    return changes, errors


def is_web_link(text: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return len(text) <= 500


def apply_errors(groups, errors, data):
    """Show what the person typed, and the problem, on every question that was refused."""
    for _indicator, _title, items in groups:
        for item in items:
            if item.code in errors:
                item.stored_signature = item.signature
                item.value, item.error = errors[item.code]
                item.comment = data.get(f"c-{item.code}", item.comment)
                item.evidence = data.get(f"e-{item.code}", item.evidence)


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
