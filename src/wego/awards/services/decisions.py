"""The panel's decisions: a prize (or none) for a submitted application, with the reasons.

Owns recording a decision, the checks on it (a submitted application, a prize of the cycle,
results not yet published: read under a lock) and the warning when a prize is shared. The
ranking the panel decides from is `results`; making the decisions public is `publication`.
"""

from django.db import transaction

from wego.awards.models import Application, AwardCycle, Decision

SUBMITTED = Application.Status.SUBMITTED


class ResultsLocked(Exception):
    """The results are published: decisions can no longer change."""


class NotEligible(ValueError):
    """A decision on an application that is not in the competition, or with an unknown prize."""


def decision_of(application: Application) -> Decision | None:
    # A missing reverse one-to-one raises a subclass of AttributeError: getattr's default.
    return getattr(application, "decision", None)


def decide(application: Application, tier: str, reason: str, user) -> list[Application]:
    """Record the panel's decision ("" = no prize) with its reasons.

    Returns the other applications of the same category holding the same prize: allowed (a
    panel may split a prize) but worth a warning.
    """
    _check_eligible(application, tier)
    _record(application, tier, reason, user)
    if not tier:
        return []
    return _sharing_the_prize(application, tier)


def _check_eligible(application: Application, tier: str) -> None:
    if application.status != SUBMITTED:
        raise NotEligible("only submitted applications receive a decision")
    if tier and tier not in application.cycle.prize_tiers:
        raise NotEligible(f"{tier} is not a prize of this cycle")


def _record(application: Application, tier: str, reason: str, user) -> None:
    with transaction.atomic():
        # Read the publication under a lock: a decision never slips in after publication.
        locked = AwardCycle.objects.select_for_update().get(pk=application.cycle.pk)
        if locked.results_published_at is not None:
            raise ResultsLocked
        Decision.objects.update_or_create(
            application=application,
            defaults={"tier": tier, "reason": reason.strip(), "decided_by": user},
        )


def _sharing_the_prize(application: Application, tier: str) -> list[Application]:
    return list(
        Application.objects.filter(
            cycle=application.cycle,
            category=application.category,
            status=SUBMITTED,
            decision__tier=tier,
        )
        .exclude(pk=application.pk)
        .select_related("member")
    )
