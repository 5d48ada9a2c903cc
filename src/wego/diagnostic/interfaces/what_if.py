"""The what-if simulator: change answers hypothetically, see scores, stage and percentile move.

Nothing is saved: the changes travel in the page's address (a GET form), so a what-if can be
shared as a link and never touches the real assessment.
"""

from wego.core.i18n import localise
from wego.diagnostic.domain.answers import AnswerError, parse_answer
from wego.diagnostic.domain.benchmarking import GroupKind
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.domain.scoring import Status, score, sensitivity
from wego.diagnostic.interfaces.fill_in import options_for, shown_value
from wego.diagnostic.interfaces.messages import answer_error_text
from wego.diagnostic.services.peers import OVERALL, compare

SHOWN = 15  # the questions that can move the score most


def what_if_context(assessment, params, language: str) -> dict:
    framework = assessment.framework
    answers = assessment.answer_values()
    city = assessment.city_context()
    before = score(framework, answers, city)
    questions = framework.question_map()

    ranked = sorted(sensitivity(framework, before), key=lambda s: -max(s.gain, s.loss))
    codes = [s.question for s in ranked[:SHOWN]]
    codes += [
        c[2:] for c in params if c.startswith("q-") and c[2:] in questions and c[2:] not in codes
    ]

    changed, errors = dict(answers), {}
    for code in codes:
        raw = params.get(f"q-{code}", "")
        if raw == "":
            continue
        try:
            changed[code] = parse_answer(framework, questions[code], raw)
        except AnswerError as error:
            errors[code] = answer_error_text(error)
    unknown = [c[2:] for c in params if c.startswith("q-") and c[2:] not in questions]
    after = score(framework, changed, city) if not errors else before

    rows = []
    for code in codes:
        question = questions[code]
        current = answers.get(code)
        rows.append(
            {
                "code": code,
                "text": localise(question.text, language),
                "type": question.type.value,
                "options": options_for(framework, question, language),
                "current": shown_value(question, current.value) if current else "",
                "current_missing": before.statuses[code] == Status.MISSING,
                "chosen": params.get(f"q-{code}", ""),
                "error": errors.get(code, ""),
                "free_input": question.type in (QuestionType.NUMBER, QuestionType.PERCENTAGE),
            }
        )
    domains = [
        {
            "title": localise(d.title, language),
            "before": before.domains[d.code].value,
            "after": after.domains[d.code].value,
        }
        for d in framework.domains
    ]
    return {
        "rows": rows,
        "errors": errors,
        "unknown": unknown,
        "before": before,
        "after": after,
        "domains": domains,
        "changed": any(params.get(f"q-{c}") for c in codes) and not errors,
        "before_stage": localise(before.stage.label, language) if before.stage else "",
        "after_stage": localise(after.stage.label, language) if after.stage else "",
        "percentiles": _percentiles(assessment, before, after),
    }


def _percentiles(assessment, before, after):
    metrics = [OVERALL]
    then = compare(assessment, metrics, {OVERALL: before.overall.value}, GroupKind.ALL)
    now = compare(assessment, metrics, {OVERALL: after.overall.value}, GroupKind.ALL)
    if then.too_small:
        return {"too_small": True, "peers": then.peers}
    return {
        "too_small": False,
        "peers": then.peers,
        "before": then.metrics[0].percentile,
        "after": now.metrics[0].percentile,
    }
