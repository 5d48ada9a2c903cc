"""What the assessment and results pages show, computed from the scoring engine."""

from wego.diagnostic.domain.framework import translate
from wego.diagnostic.domain.scoring import Status, score, sensitivity
from wego.diagnostic.models import Assessment

BAR_SCALE = 3  # pixels per score point: a full bar is 300 wide
ROW_HEIGHT = 30


def assessment_progress(assessment: Assessment, language: str, assignments: dict) -> list[dict]:
    """Per domain: answered (or not applicable), missing, and who is in charge."""
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    rows = []
    for domain in framework.domains:
        done = missing = 0
        for indicator in domain.indicators:
            for question in indicator.questions:
                status = result.statuses[question.code]
                if status in (Status.ANSWERED, Status.NOT_APPLICABLE):
                    done += 1
                elif status == Status.MISSING:
                    missing += 1
        total = done + missing
        rows.append(
            {
                "code": domain.code,
                "title": translate(domain.title, language),
                "part": domain.part,
                "done": done,
                "missing": missing,
                "total": total,
                "percent": round(100 * done / total) if total else 100,
                "assignee": assignments.get(domain.code),
                "score": result.domains[domain.code].value,
            }
        )
    return rows


def results_context(assessment: Assessment, language: str) -> dict:
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    stage = result.stage
    indicators = framework.indicator_map()
    questions = framework.question_map()
    scored = [(code, item) for code, item in result.indicators.items() if item.value is not None]
    scored.sort(key=lambda pair: pair[1].value)

    def indicator_row(code, item):
        return {
            "code": code,
            "title": translate(indicators[code].title, language),
            "score": item.value,
            "coverage": item.coverage,
        }

    gains = sorted(sensitivity(framework, result), key=lambda s: -s.gain)[:10]
    domains = [
        {
            "code": domain.code,
            "title": translate(domain.title, language),
            "part": domain.part,
            "score": result.domains[domain.code].value,
            "coverage": result.domains[domain.code].coverage,
        }
        for domain in framework.domains
    ]
    for index, row in enumerate(domains):
        row["y"] = index * ROW_HEIGHT
        row["bar"] = round((row["score"] or 0) * BAR_SCALE, 1)
        row["label_x"] = row["bar"] + 6
    history = (
        Assessment.objects.filter(
            member=assessment.member, framework_version__code=assessment.framework_version.code
        )
        .exclude(pk=assessment.pk)
        .select_related("framework_version")
        .order_by("year")
    )
    return {
        "result": result,
        "stage_label": translate(stage.label, language) if stage else "",
        "stage_description": translate(stage.description, language) if stage else "",
        "stages": [(translate(s.label, language), s.min_score) for s in framework.header.stages],
        "domains": domains,
        "chart_height": len(domains) * ROW_HEIGHT,
        "strongest": [indicator_row(c, i) for c, i in reversed(scored[-5:])],
        "weakest": [indicator_row(c, i) for c, i in scored[:5]],
        "gains": [
            {
                "code": g.question,
                "text": translate(questions[g.question].text, language),
                "gain": g.gain,
                "missing": result.statuses[g.question] == Status.MISSING,
            }
            for g in gains
            if g.gain > 0.05
        ],
        "history": history,
        "missing_count": result.count(Status.MISSING),
    }
