"""Judges' reviews and decisions as real rows, for the results tests."""

from django.utils import timezone

from wego.awards.models import Assignment, Decision, Review, Score


def record_review(application, judge, values, status="submitted", comment="", notes=None):
    """The judge's scores of the application: `values` is one score for every criterion (an
    int) or {criterion name: score}; `notes` {criterion name: comment}."""
    criteria = list(application.cycle.criteria.all())
    if isinstance(values, int):
        values = {criterion.name: values for criterion in criteria}
    assignment, _ = Assignment.objects.get_or_create(judge=judge, application=application)
    review = Review.objects.create(
        assignment=assignment,
        status=status,
        comment=comment,
        submitted_at=timezone.now() if status == "submitted" else None,
    )
    notes = notes or {}
    Score.objects.bulk_create(
        Score(review=review, criterion=c, value=values[c.name], comment=notes.get(c.name, ""))
        for c in criteria
        if c.name in values
    )
    return review


def decide(application, tier, reason="The panel's reasons.", user=None):
    return Decision.objects.create(
        application=application, tier=tier, reason=reason, decided_by=user
    )
