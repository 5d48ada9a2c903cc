"""Changing what judges score, as long as no judge has scored yet."""

from django.db import transaction
from django.db.models import Max

from wego.awards.models import AwardCycle, Criterion, Review


class CriteriaLocked(Exception):
    """A judge has submitted scores: changing the criteria would change what they meant."""


def criteria_locked(cycle: AwardCycle) -> bool:
    return Review.objects.filter(
        assignment__judge__cycle=cycle, status=Review.Status.SUBMITTED
    ).exists()


def weight_shares(criteria) -> dict[int, float]:
    """Each criterion's share of the total weight, in per cent, by criterion id."""
    total = sum(criterion.weight for criterion in criteria)
    return {c.pk: (100 * c.weight / total if total else 0.0) for c in criteria}


@transaction.atomic
def save_criteria(cycle: AwardCycle, changed: list[Criterion], deleted: list[Criterion]) -> None:
    """Store edited and new criteria (new ones go last) and remove deleted ones."""
    if criteria_locked(cycle):
        raise CriteriaLocked
    next_order = (cycle.criteria.aggregate(last=Max("order"))["last"] or 0) + 1
    for criterion in deleted:
        if criterion.pk and criterion.cycle_id == cycle.pk:
            criterion.delete()
    for criterion in changed:
        if criterion.pk is None:
            criterion.cycle = cycle
            criterion.order = next_order
            next_order += 1
        criterion.full_clean()
        criterion.save()
