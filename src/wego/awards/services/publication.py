"""Publishing a cycle's results, and the winners everyone reads afterwards.

Owns the winners in display order (the winners page, the certificates and publication read
them), and publication itself: the cycle's results become public and its decisions locked,
each winning good practice shows its prize in the practice library, and the outcome emails
are queued (`announcements`). Recording the decisions is `decisions`.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wego.awards.models import Application, AwardCycle, Decision
from wego.awards.services.announcements import start_announcement
from wego.awards.services.decisions import ResultsLocked
from wego.core.models import Job
from wego.practices.services import practices as practice_lifecycle

SUBMITTED = Application.Status.SUBMITTED


class NothingToPublish(Exception):
    """No application has a prize yet."""


@dataclass
class Publication:
    winners: int
    practices_updated: int
    announcement: Job  # the outcome emails, sent in the background


def winning_decisions(cycle: AwardCycle):
    """The prizes of the cycle, in the cycle's category and prize order."""
    decisions = (
        Decision.objects.filter(application__cycle=cycle, application__status=SUBMITTED)
        .exclude(tier="")
        .select_related("application__member", "application__practice", "application__cycle")
    )
    order = cycle.categories.values_list("category", flat=True)
    categories = {code: n for n, code in enumerate(order)}
    tiers = {code: n for n, code in enumerate(cycle.prize_tiers)}
    return sorted(
        decisions,
        key=lambda d: (
            categories.get(d.application.category, len(categories)),
            tiers.get(d.tier, len(tiers)),
            d.application.applicant_name,
        ),
    )


def publish(cycle: AwardCycle, user) -> Publication:
    """Make the winners public, link them to their good practices and tell every applicant.

    Needs at least one prize. Afterwards decisions are locked.
    """
    with transaction.atomic():
        locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.results_published_at is not None:
            raise ResultsLocked
        winners = winning_decisions(cycle)
        if not winners:
            raise NothingToPublish
        locked.results_published_at = timezone.now()
        locked.save(update_fields=["results_published_at"])
        cycle.results_published_at = locked.results_published_at
        practices = _show_prizes_in_library(cycle, winners, user)
    return Publication(len(winners), practices, start_announcement(cycle, user))


def _show_prizes_in_library(cycle: AwardCycle, winners, user) -> int:
    """Put each winner's prize on its good practice; returns how many practices changed."""
    practices = 0
    for decision in winners:
        practice = decision.application.practice
        if practice is None:
            continue
        # The good-practice library shows the prize on the practice and filters by it.
        practice.award_year, practice.award_tier = cycle.year, decision.tier
        practice_lifecycle.save(practice, user, embed=False)
        practices += 1
    return practices
