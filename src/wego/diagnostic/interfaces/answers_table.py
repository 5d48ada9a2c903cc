"""Answers as people read them, for the report, the results export and the history."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wego.core.i18n import Localised, localise
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.domain.scoring import Status


def display_answer(framework, question, stored, status, language: str) -> str | Localised:
    """The answer in words; a level's descriptor or a choice's label as a Localised text."""
    if status == Status.EXCLUDED:
        return _("does not apply (population or kind of member)")
    if stored is None or (stored.value in (None, "") and not stored.not_applicable):
        return _("not answered")
    if stored.not_applicable:
        return _("not applicable")
    value = stored.value
    kind = question.type
    if kind == QuestionType.LEVEL:
        level = localise(framework.levels_of(question)[int(value)], language)
        return Localised(f"{value}: {level.text}", level.language)
    if kind == QuestionType.YES_NO:
        return _("Yes") if value else _("No")
    if kind == QuestionType.CHOICE:
        for choice in framework.choices_of(question):
            if choice.code == value:
                return localise(choice.label, language)
    if kind == QuestionType.PERCENTAGE:
        return f"{readable_number(value)}%"
    if kind == QuestionType.NUMBER:
        unit = localise(question.unit, language)
        if unit.text.startswith("%"):  # "% of the city budget": 12% of the city budget
            return Localised(f"{readable_number(value)}{unit.text}", unit.language)
        return Localised(f"{readable_number(value)} {unit.text}".strip(), unit.language)
    return str(value)


def shown_answer(framework, question, value, not_applicable: bool, language: str) -> str | None:
    """A value as the form shows it (Yes, a level's label, 50%); None when there is none."""
    if value in (None, "") and not not_applicable:
        return None
    answer = AnswerValue(value, not_applicable)
    return display_answer(framework, question, answer, Status.ANSWERED, language)


def readable_number(value) -> str:
    """A number as the reader writes it: 50, not 50.0; 1,250,000, not 1.25e+06; 3.5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, float):
        value = round(value, 4)
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class AnswerLine:
    """One question with its answer as people read it, and what the city gave with it."""

    code: str
    text: Localised
    answer: str | Localised
    comment: str
    evidence_url: str
    evidence_file: str  # the attached file's name, if any
    status: Status


def answer_sections(assessment, result, language: str) -> list[tuple[str, str, list]]:
    """[(domain code, domain title, [AnswerLine])] in framework order."""
    framework = assessment.framework
    stored = {a.question_code: a for a in assessment.answers.all()}
    sections = []
    for domain in framework.domains:
        lines = []
        for indicator in domain.indicators:
            for question in indicator.questions:
                answer, status = stored.get(question.code), result.statuses[question.code]
                lines.append(
                    AnswerLine(
                        code=question.code,
                        text=localise(question.text, language),
                        answer=display_answer(framework, question, answer, status, language),
                        comment=answer.comment if answer else "",
                        evidence_url=answer.evidence_url if answer else "",
                        evidence_file=answer.evidence_name if answer else "",
                        status=status,
                    )
                )
        sections.append((domain.code, localise(domain.title, language), lines))
    return sections


def answer_rows(assessment, result, language: str):
    """[(domain code, title, [(code, question text, answer text, comment)])] in framework
    order, for the report and the results export."""
    return [
        (code, title, [(line.code, line.text, line.answer, line.comment) for line in lines])
        for code, title, lines in answer_sections(assessment, result, language)
    ]
