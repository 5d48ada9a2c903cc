"""What a member's page shows beyond the member row: profile, maturity, practices, meetings."""

from decimal import Decimal

from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wego.accounts.models import Role, RoleAssignment
from wego.core.i18n import translate
from wego.diagnostic.interfaces.results import place_bars
from wego.diagnostic.models import Assessment
from wego.events.models import MatchmakingRequest
from wego.members.models import Member, MemberProfile
from wego.members.services import profiles
from wego.practices.models import Practice

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


def latest_published_assessment(member: Member) -> Assessment | None:
    return (
        Assessment.objects.published()
        .filter(member=member, framework_version__code="ceds")
        .select_related("framework_version")
        .defer("framework_version__content", "indicator_scores")
        .order_by("-year", "-validated_at")
        .first()
    )


def maturity(member: Member, language: str) -> dict | None:
    """The latest published CeDS result: stage, overall score and one bar per domain."""
    assessment = latest_published_assessment(member)
    if assessment is None:
        return None
    framework = assessment.framework
    stage = next((s for s in framework.header.stages if s.code == assessment.stage), None)
    domains = [
        domain_row(domain, assessment.domain_scores, language) for domain in framework.domains
    ]
    return {
        "assessment": assessment,
        "stage_label": translate(stage.label, language) if stage else "",
        "domains": domains,
        "chart_height": place_bars(domains),
    }


def domain_row(domain, scores: dict, language: str) -> dict:
    return {
        "code": domain.code,
        "title": translate(domain.title, language),
        "part": domain.part,
        "score": (scores.get(domain.code) or {}).get("score"),
    }


def published_practices(member: Member) -> list[Practice]:
    return list(
        Practice.objects.published()
        .filter(member=member)
        .only("slug", "title", "category", "award_year", "award_tier")
        .order_by("title")
    )


def awards(practices: list[Practice]) -> list[Practice]:
    won = [p for p in practices if p.award_year and p.award_tier]
    return sorted(won, key=lambda p: (-p.award_year, p.title))


def meetings(member: Member) -> list[dict]:
    """Accepted matchmaking requests the member took part in, asking or asked."""
    accepted = (
        MatchmakingRequest.objects.filter(status=MatchmakingRequest.Status.ACCEPTED)
        .filter(Q(from_member=member) | Q(to_member=member))
        .select_related("from_member", "to_member")
        .order_by("-answered_at")
    )
    return [
        {
            "other": r.to_member if r.from_member_id == member.pk else r.from_member,
            "topic": r.topic,
            "date": r.answered_at,
        }
        for r in accepted
    ]
