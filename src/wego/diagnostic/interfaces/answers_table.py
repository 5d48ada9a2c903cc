"""Answers as people read them, for the report, the results export and the history."""

from django.utils.translation import gettext as _

from wego.core.i18n import Localised, localise, translate
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
        return f"{value:g}%"
    if kind == QuestionType.NUMBER:
        unit = translate(question.unit, language)
        return f"{value:g} {unit}".strip()
    return str(value)


def answer_rows(assessment, result, language: str):
    """[(domain title, [(code, question text, answer text, comment)])] in framework order."""
    framework = assessment.framework
    stored = {a.question_code: a for a in assessment.answers.all()}
    sections = []
    for domain in framework.domains:
        rows = []
        for indicator in domain.indicators:
            for question in indicator.questions:
                answer = stored.get(question.code)
                rows.append(
                    (
                        question.code,
                        translate(question.text, language),
                        display_answer(
                            framework, question, answer, result.statuses[question.code], language
                        ),
                        answer.comment if answer else "",
                    )
                )
        sections.append((domain.code, translate(domain.title, language), rows))
    return sections
