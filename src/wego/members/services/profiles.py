"""A member's profile: the city edits a pending version, staff approve it or send it back.

The public version is kept in the profile's fields; the pending one as JSON (`pending_values`),
so nothing the city types reaches the public page before a reviewer has seen it.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from wego.core.text import plain_text
from wego.members.models import Member, MemberProfile

SCALAR_FIELDS = (
    "overview",
    "area_km2",
    "egov_budget_usd",
    "budget_is_public",
    "budget_year",
    "cio_name",
    "cio_title",
    "egov_departments",
)
PARTNERS = "partner_cities"
FIELDS = (*SCALAR_FIELDS, PARTNERS)
ReviewState = MemberProfile.ReviewState


class ReviewError(Exception):
    """A review that no longer applies: nothing is waiting, or the city changed it meanwhile."""


def profile_of(member: Member) -> MemberProfile:
    """The member's profile, or a new unsaved one when it has none yet."""
    try:
        return member.profile
    except MemberProfile.DoesNotExist:
        return MemberProfile(member=member)


def approved_values(profile: MemberProfile) -> dict:
    """The public version, as JSON-ready values."""
    values = {field: getattr(profile, field) for field in SCALAR_FIELDS}
    partners = [member.pk for member in profile.partner_cities.all()] if profile.pk else []
    return as_json({**values, PARTNERS: partners})


def draft_values(profile: MemberProfile) -> dict:
    """What the city's edit form starts from: its waiting changes, else the public version."""
    if profile.has_pending_changes:
        return {**approved_values(profile), **profile.pending_values}
    return approved_values(profile)


def as_json(values: dict) -> dict:
    """Form or model values as JSON: decimals as text, partner cities as sorted ids."""
    converted = {}
    for field in FIELDS:
        value = values.get(field)
        if field == PARTNERS:
            value = sorted(getattr(member, "pk", member) for member in value or [])
        elif isinstance(value, Decimal):
            value = str(value)
        converted[field] = value
    return converted


def changed_fields(profile: MemberProfile) -> list[str]:
    if not profile.has_pending_changes:
        return []
    approved, pending = approved_values(profile), profile.pending_values
    return [
        field
        for field in FIELDS
        if _comparable(field, approved[field]) != _comparable(field, pending.get(field))
    ]


def _comparable(field: str, value):
    """Empty text is no value, and "605.20" approved equals "605.2" typed."""
    if value == "":
        return None
    if field == "area_km2" and value is not None:
        return Decimal(value)
    return value


@transaction.atomic
def submit_changes(member: Member, values: dict, user) -> MemberProfile:
    """Keep the city's version for review; the public page does not change yet."""
    profile, _created = MemberProfile.objects.select_for_update().get_or_create(member=member)
    profile.pending_values = as_json(values)
    profile.review_state = ReviewState.PENDING
    if profile.is_published and not changed_fields(profile):
        _clear_pending(profile)  # nothing to review: the public version says the same
    else:
        profile.pending_since = timezone.now()
        profile.submitted_by = user
    profile.save()
    return profile


def version_of(profile: MemberProfile) -> str:
    """Identifies the waiting version, so a reviewer approves exactly what they saw."""
    return profile.pending_since.isoformat() if profile.pending_since else ""


@transaction.atomic
def approve(profile: MemberProfile, user, seen_version: str) -> None:
    profile = _locked_for_review(profile, seen_version)
    values = draft_values(profile)
    for field in SCALAR_FIELDS:
        setattr(profile, field, values[field])
    profile.area_km2 = Decimal(values["area_km2"]) if values["area_km2"] is not None else None
    profile.partner_cities.set(
        Member.objects.filter(pk__in=values[PARTNERS]).exclude(pk=profile.member_id)
    )
    profile.approved_at, profile.approved_by = timezone.now(), user
    _clear_pending(profile)
    profile.save()


@transaction.atomic
def send_back(profile: MemberProfile, user, seen_version: str, comment: str) -> None:
    """Return the changes to the city with what to change; they stay for the city to edit."""
    profile = _locked_for_review(profile, seen_version)
    profile.review_state = ReviewState.RETURNED
    profile.review_comment = plain_text(comment)
    profile.returned_at, profile.returned_by = timezone.now(), user
    profile.save()


def _locked_for_review(profile: MemberProfile, seen_version: str) -> MemberProfile:
    locked = MemberProfile.objects.select_for_update().filter(pk=profile.pk).first()
    if locked is None or locked.review_state != ReviewState.PENDING:
        raise ReviewError("Nothing is waiting for review.")
    if version_of(locked) != seen_version:
        raise ReviewError("The city changed its profile since the reviewer opened it.")
    return locked


def _clear_pending(profile: MemberProfile) -> None:
    profile.review_state = ReviewState.APPROVED
    profile.pending_values = {}
    profile.pending_since = None
    profile.submitted_by = None
    profile.review_comment = ""


def waiting_for_review(members: QuerySet[Member]) -> QuerySet[MemberProfile]:
    """Profiles with changes to review, oldest first, among the given members."""
    return (
        MemberProfile.objects.filter(review_state=ReviewState.PENDING, member__in=members)
        .select_related("member", "submitted_by")
        .prefetch_related("partner_cities")
        .order_by("pending_since")
    )
