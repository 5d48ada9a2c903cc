"""The official's edits to a roadmap, kept per item: move, drop, restore, annotate, reset."""

from django.db import transaction

from wego.diagnostic.domain.roadmap import YEARS, Edit, apply_edits, moved, plan
from wego.diagnostic.domain.scoring import score
from wego.diagnostic.models import RoadmapEdit

UP, DOWN = "up", "down"


class RoadmapEditError(ValueError):
    """An edit that cannot apply; `field` names what was wrong."""

    def __init__(self, field: str, code: str):
        super().__init__(f"{field}: {code}")
        self.field, self.code = field, code


def edits_for(assessment) -> dict[str, Edit]:
    return {
        row.indicator_code: Edit(row.indicator_code, row.year, row.position, row.dropped, row.note)
        for row in assessment.roadmap_edits.all()
    }


def proposed_steps(assessment):
    framework = assessment.framework
    result = score(framework, assessment.answer_values(), assessment.city_context())
    return plan(framework, result), result


def edited_plan(assessment):
    steps, result = proposed_steps(assessment)
    return apply_edits(steps, edits_for(assessment)), result


@transaction.atomic
def edit_item(assessment, indicator: str, user, *, year=None, note=None, dropped=None, move=None):
    """Apply one change to one roadmap item. Raises RoadmapEditError on impossible input."""
    current, _result = edited_plan(assessment)
    planned = {s.item.indicator for s in [*current.steps, *current.dropped]}
    if indicator not in planned:
        raise RoadmapEditError("indicator", "not-in-plan")
    row, _created = RoadmapEdit.objects.get_or_create(
        assessment=assessment, indicator_code=indicator
    )
    if year is not None:
        if year not in range(0, YEARS + 1):
            raise RoadmapEditError("year", "out-of-range")
        row.year, row.position = year, None  # to the end of its new year
    if note is not None:
        row.note = note.strip()[:2000]
    if dropped is not None:
        row.dropped = dropped
    row.updated_by = user
    row.save()
    if move is not None:
        _move(assessment, current.steps, indicator, move)


def _move(assessment, steps, indicator, direction):
    if direction not in (UP, DOWN):
        raise RoadmapEditError("move", "unknown-direction")
    positions = moved(steps, indicator, -1 if direction == UP else 1)
    if not positions:
        raise RoadmapEditError("move", "at-the-edge")
    year = next(s.year for s in steps if s.item.indicator == indicator)
    for code, position in positions.items():
        RoadmapEdit.objects.update_or_create(
            assessment=assessment,
            indicator_code=code,
            defaults={"position": position, "year": year},
        )


def reset(assessment) -> int:
    deleted, _by_model = assessment.roadmap_edits.all().delete()
    return deleted
