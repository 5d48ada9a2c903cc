"""What a city is about to submit for validation, domain by domain (answered, missing, and
answered without evidence, each with a link to the question in the form), and what the
validator decides from (every answer with its comment and evidence)."""

from dataclasses import dataclass

from django.urls import reverse

from wego.core.i18n import Localised, localise
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.domain.progress import Progress, answer_progress
from wego.diagnostic.domain.scoring import Status, score
from wego.diagnostic.interfaces.answers_table import answer_sections
from wego.diagnostic.interfaces.fill_in import dom_id


@dataclass(frozen=True)
class QuestionLink:
    code: str
    text: Localised
    url: str  # the question in its domain's form


@dataclass(frozen=True)
class DomainSummary:
    code: str
    title: Localised
    url: str
    answered: Progress
    missing: list[QuestionLink]
    without_evidence: list[QuestionLink]


def lacks_evidence(question, status: Status, answer) -> bool:
    """An answer with neither link nor file, or an evidence request left empty. "Not
    applicable" and questions that do not apply to the city need none."""
    has_evidence = bool(answer and (answer.evidence_url or answer.evidence_file))
    if status == Status.ANSWERED:
        return not has_evidence
    if status == Status.UNSCORED and question.type == QuestionType.EVIDENCE:
        return not (has_evidence or (answer and answer.value))
    return False


def submission_summary(assessment, language: str) -> dict:
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    progress = answer_progress(framework, result.statuses)
    stored = {a.question_code: a for a in assessment.answers.all()}
    domains = []
    for domain in framework.domains:
        url = reverse("diagnostic:fill_in", args=[assessment.pk, domain.code])
        missing, without_evidence = [], []
        for indicator in domain.indicators:
            for question in indicator.questions:
                status = result.statuses[question.code]
                link = QuestionLink(
                    question.code,
                    localise(question.text, language),
                    f"{url}#{dom_id(question.code)}",
                )
                if status == Status.MISSING:
                    missing.append(link)
                elif lacks_evidence(question, status, stored.get(question.code)):
                    without_evidence.append(link)
        title = localise(domain.title, language)
        domains.append(
            DomainSummary(
                domain.code, title, url, progress.domains[domain.code], missing, without_evidence
            )
        )
    return {
        "domains": domains,
        "answered": progress.overall,
        "missing_count": sum(len(d.missing) for d in domains),
        "without_evidence_count": sum(len(d.without_evidence) for d in domains),
    }


def review_context(assessment, language: str) -> dict:
    """Every answer by domain, with how much of the domain is answered."""
    result = score(assessment.framework, assessment.answer_values(), assessment.city_context())
    progress = answer_progress(assessment.framework, result.statuses)
    sections = [
        {"code": code, "title": title, "lines": lines, "answered": progress.domains[code]}
        for code, title, lines in answer_sections(assessment, result, language)
    ]
    return {"sections": sections, "answered": progress.overall}
