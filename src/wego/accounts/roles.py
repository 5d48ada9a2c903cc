"""Who a user is on the platform: their roles, and predicates over them.

A user's role assignments are read once per request and cached on the user object. Each app
declares the permissions of its own objects in its `rules.py` (found by rules' autodiscovery),
on top of these predicates and of its objects' `visible_to(user)` querysets.
"""

import rules
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat staff")
    REGIONAL_STAFF = "regional-staff", _("Regional office staff")
    FOCAL_POINT = "focal-point", _("City focal point")
    CITY_USER = "city-user", _("City user")
    JUDGE = "judge", _("Judge")
    PARTNER = "partner", _("Partner")


MEMBER_ROLES = {Role.FOCAL_POINT, Role.CITY_USER}
REGION_ROLES = {Role.REGIONAL_STAFF}


def roles_of(user) -> list[tuple[str, int | None, str]]:
    """(role, member id, region) for each of the user's role assignments."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached = getattr(user, "_wego_roles", None)
    if cached is None:
        cached = list(user.role_assignments.values_list("role", "member_id", "region"))
        user._wego_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return any(assigned == role for assigned, _member, _region in roles_of(user))


def member_ids_for(user) -> set[int]:
    """Members the user acts for as a focal point or city user."""
    return {member for role, member, _region in roles_of(user) if role in MEMBER_ROLES}


def regions_for(user) -> set[str]:
    return {region for role, _m, region in roles_of(user) if role == Role.REGIONAL_STAFF}


def managed(members, user, through: str = ""):
    """The rows of `members` (a queryset of members, or of rows that point at one `through` a
    lookup such as "member__") that the user looks after as staff: all of them for the
    secretariat, those of their regions for regional office staff, none otherwise."""
    if has_role(user, Role.SECRETARIAT):
        return members
    return members.filter(**{f"{through}region__in": regions_for(user)})


@rules.predicate
def is_secretariat(user):
    return has_role(user, Role.SECRETARIAT)


@rules.predicate
def is_regional_staff(user):
    return has_role(user, Role.REGIONAL_STAFF)


@rules.predicate
def is_judge(user):
    return has_role(user, Role.JUDGE)


@rules.predicate
def is_partner(user):
    return has_role(user, Role.PARTNER)


@rules.predicate
def is_city_user(user):
    return bool(member_ids_for(user))


@rules.predicate
def acts_for_member(user, member):
    return member is not None and member.pk in member_ids_for(user)


@rules.predicate
def is_focal_point_of(user, member):
    return member is not None and any(
        role == Role.FOCAL_POINT and member_id == member.pk
        for role, member_id, _region in roles_of(user)
    )


@rules.predicate
def serves_region_of(user, member):
    return member is not None and member.region in regions_for(user)


is_network_staff = is_secretariat | is_regional_staff
manages_member = is_secretariat | serves_region_of
