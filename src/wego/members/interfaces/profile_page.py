"""What a member's page shows beyond the member row: its profile, its changes waiting for review,
its focal points and partners (other apps add their sections through members.signals)."""

from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wego.accounts.models import Role, RoleAssignment
from wego.members.models import Member, MemberProfile
from wego.members.services import profiles

# Changes waiting for review, field by field


def change_rows(profile: MemberProfile, names: dict[int, str]) -> list[dict]:
    """Each changed field: its label, the public value and the proposed one, as text."""
    approved = profiles.approved_values(profile)
    return [
        {
            "label": field_label(field),
            "old": display_value(field, approved[field], names),
            "new": display_value(field, profile.pending_values.get(field), names),
        }
        for field in profiles.changed_fields(profile)
    ]


def partner_names(profile_list) -> dict[int, str]:
    """Names of every partner city, public or proposed, in the given profiles (one query)."""
    ids = set()
    for profile in profile_list:
        ids.update(profile.pending_values.get(profiles.PARTNERS) or [])
        ids.update(member.pk for member in profile.partner_cities.all())
    return dict(Member.objects.filter(pk__in=ids).values_list("pk", "name"))


def field_label(field: str) -> str:
    return capfirst(MemberProfile._meta.get_field(field).verbose_name)


def display_value(field: str, value, names: dict[int, str]) -> str:
    if value is None or value == "" or value == []:
        return ""
    if field == "area_km2":
        return _("%(area)s km²") % {"area": area_text(Decimal(value))}
    if field == "egov_budget_usd":
        return _("USD %(amount)s") % {"amount": number_format(value, force_grouping=True)}
    if field == "budget_is_public":
        return _("Yes") if value else _("No")
    if field == profiles.PARTNERS:
        return "\n".join(sorted(names.get(pk, str(pk)) for pk in value))
    return str(value)


def area_text(area: Decimal | None) -> str:
    """605.2 for 605.20, 100 for 100.00, with the language's separators."""
    if area is None:
        return ""
    decimals = max(0, -area.normalize().as_tuple().exponent)
    return number_format(area, decimal_pos=decimals, force_grouping=True)


# The public sections


def partners(member: Member) -> list[Member]:
    """Partner cities either member named, in an approved profile (so both pages agree)."""
    named = Q(partner_of_profiles__member=member) | Q(profile__partner_cities=member)
    return list(Member.objects.filter(named).exclude(pk=member.pk).distinct().order_by("name"))


def focal_point_names(member: Member) -> list[str]:
    assignments = RoleAssignment.objects.filter(member=member, role=Role.FOCAL_POINT)
    return sorted(assignments.values_list("user__full_name", flat=True))
