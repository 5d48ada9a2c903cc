"""The good practices and awards sections of a member's page."""

from django.dispatch import receiver

from wego.members.signals import MemberPageSection, member_page
from wego.practices.models import TRANSLATIONS, Practice

TITLES = ("title", *(f"title_{code}" for code in TRANSLATIONS))


def published_practices(member) -> list[Practice]:
    return list(
        Practice.objects.published()
        .filter(member=member)
        .only("slug", *TITLES, "language", "category", "award_year", "award_tier")
        .order_by("title")
    )


def awards(practices: list[Practice]) -> list[Practice]:
    won = [p for p in practices if p.award_year and p.award_tier]
    return sorted(won, key=lambda p: (-p.award_year, p.title))


@receiver(member_page, dispatch_uid="practices-and-awards")
def practices_section(sender, member, user, language, **kwargs):
    practices = published_practices(member)
    context = {"practices": practices, "awards": awards(practices)}
    return MemberPageSection("practices/includes/member_practices.html", context, order=20)
