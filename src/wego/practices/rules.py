"""Permissions of the good-practice library, built on roles and on the practices' visibility."""

import rules

from wego.accounts.roles import (
    is_city_user,
    is_network_staff,
    is_secretariat,
    member_ids_for,
    regions_for,
)
from wego.core.visibility import visible_through
from wego.practices.models import Practice


@rules.predicate
def acts_for_practice_member(user, practice):
    return practice is not None and practice.member_id in member_ids_for(user)


@rules.predicate
def practice_is_published(user, practice):
    return practice is not None and practice.status == Practice.Status.PUBLISHED


@rules.predicate
def practice_is_draft(user, practice):
    return practice is not None and practice.status == Practice.Status.DRAFT


@rules.predicate
def practice_is_in_review(user, practice):
    return practice is not None and practice.status == Practice.Status.REVIEW


@rules.predicate
def manages_practice(user, practice):
    """The secretariat, or the regional office of the practice's member."""
    if practice is None:
        return False
    if is_secretariat(user):
        return True
    return practice.member is not None and practice.member.region in regions_for(user)


rules.add_perm("practices.view_practice", visible_through(Practice))
rules.add_perm("practices.add_practice", is_city_user | is_network_staff)
rules.add_perm(
    "practices.edit_practice",
    (acts_for_practice_member & practice_is_draft) | manages_practice,
)
rules.add_perm("practices.submit_practice", acts_for_practice_member & practice_is_draft)
rules.add_perm("practices.review_practice", manages_practice & practice_is_in_review)
rules.add_perm("practices.revise_practice", acts_for_practice_member & practice_is_published)
rules.add_perm("practices.manage_search", is_secretariat)
