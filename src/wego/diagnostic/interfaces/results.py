"""What the assessment and results pages show, computed from the scoring engine. Framework
texts come as Localised texts (which language they were found in), for the pages to mark a
missing translation; the exports write them as plain text."""

from wego.core.i18n import localise
from wego.diagnostic.domain.crosswalk import CrosswalkError, carry_over
from wego.diagnostic.domain.progress import Progress, answer_progress
from wego.diagnostic.domain.scoring import Status, score
from wego.diagnostic.interfaces.gains import best_gains, unanswered_by_domain
from wego.diagnostic.models import Assessment

BAR_SCALE = 3  # pixels per score point: a full bar is 300 wide
ROW_HEIGHT = 30


def place_bars(rows: list[dict]) -> int:
    """Where each domain's bar goes in the score chart (rows with "score"); the chart's height."""
    for index, row in enumerate(rows):
        row["y"] = index * ROW_HEIGHT
        row["bar"] = round((row["score"] or 0) * BAR_SCALE, 1)
        row["label_x"] = row["bar"] + 6  # after the bar; the chart adds the 40 of the labels
    return len(rows) * ROW_HEIGHT


def assessment_progress(assessment: Assessment, language: str, assignments: dict) -> list[dict]:
    """Per domain: answered (or not applicable), missing, and who is in charge."""
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    progress = answer_progress(framework, result.statuses)
    return [
        {
            "code": domain.code,
            "title": localise(domain.title, language),
            "part": domain.part,
            "done": progress.domains[domain.code].done,
            "missing": progress.domains[domain.code].missing,
            "total": progress.domains[domain.code].total,
            "percent": progress.domains[domain.code].percent,
            "answered": progress.domains[domain.code],
            "assignee": assignments.get(domain.code),
            "score": result.domains[domain.code].value,
        }
        for domain in framework.domains
    ]


def total_progress(rows: list[dict]) -> Progress:
    """All domains' progress together (rows of assessment_progress)."""
    return sum((row["answered"] for row in rows), Progress())


def results_context(assessment: Assessment, language: str) -> dict:
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    progress = answer_progress(framework, result.statuses)
    stage = result.stage
    indicators = framework.indicator_map()
    scored = [(code, item) for code, item in result.indicators.items() if item.value is not None]
    scored.sort(key=lambda pair: pair[1].value)

    def indicator_row(code, item):
        return {
            "code": code,
            "title": localise(indicators[code].title, language),
            "score": item.value,
            "answered": progress.indicators[code],
        }

    domains = [
        {
            "code": domain.code,
            "title": localise(domain.title, language),
            "part": domain.part,
            "score": result.domains[domain.code].value,
            "answered": progress.domains[domain.code],
        }
        for domain in framework.domains
    ]
    height = place_bars(domains)
    history = trend(assessment, result)
    return {
        "result": result,
        "answered": progress.overall,
        "progress": progress,
        "stage_label": localise(stage.label, language) if stage else "",
        "stage_description": localise(stage.description, language) if stage else "",
        "stages": [(localise(s.label, language), s.min_score) for s in framework.header.stages],
        "domains": domains,
        "chart_height": height,
        "strongest": [indicator_row(c, i) for c, i in reversed(scored[-5:])],
        "weakest": [indicator_row(c, i) for c, i in scored[:5]],
        "gains": best_gains(framework, result, language),
        "unanswered": unanswered_by_domain(assessment, result, language),
        "history": history,
        "trend_chart": trend_chart(history),
        "missing_count": result.count(Status.MISSING),
    }


def trend(assessment: Assessment, result) -> list[dict]:
    """The member's assessments of this framework by year, scored on this version's yardstick.

    An earlier version's answers are carried over by the crosswalk and scored again, so the
    trend compares like with like; where no crosswalk links them, the stored score is shown
    and marked as not comparable.
    """
    framework = assessment.framework
    earlier = (
        Assessment.objects.filter(
            member=assessment.member, framework_version__code=assessment.framework_version.code
        )
        .exclude(pk=assessment.pk)
        .select_related("framework_version")
        .order_by("year")
    )
    rows = []
    for other in earlier:
        value, comparable = other.overall_score, True
        if other.framework_version_id != assessment.framework_version_id:
            try:
                carried = carry_over(other.answer_values(), other.framework, framework)
                value = score(framework, carried, other.city_context()).overall.value
            except CrosswalkError:
                comparable = False
        rows.append(
            {
                "assessment": other,
                "year": other.year,
                "score": value,
                "comparable": comparable,
                "current": False,
            }
        )
    rows.append(
        {
            "assessment": assessment,
            "year": assessment.year,
            "score": result.overall.value,
            "comparable": True,
            "current": True,
        }
    )
    return sorted(rows, key=lambda row: row["year"])


TREND_WIDTH, TREND_HEIGHT = 400, 120


def trend_chart(rows) -> dict | None:
    points = [row for row in rows if row["score"] is not None and row["comparable"]]
    if len(points) < 2:
        return None
    first, last = points[0]["year"], points[-1]["year"]
    span = max(last - first, 1)

    def x(year):
        return round(30 + (TREND_WIDTH - 60) * (year - first) / span, 1)

    def y(value):
        return round(TREND_HEIGHT - 20 - (TREND_HEIGHT - 40) * value / 100, 1)

    marks = [
        {"x": x(p["year"]), "y": y(p["score"]), "year": p["year"], "score": p["score"]}
        for p in points
    ]
    return {
        "width": TREND_WIDTH,
        "height": TREND_HEIGHT,
        "marks": marks,
        "line": " ".join(f"{m['x']},{m['y']}" for m in marks),
    }
