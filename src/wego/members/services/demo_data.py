"""Loads the demo network (members, leadership, offices, demo users) from demo_data/*.yaml.

Idempotent: running it again updates the same rows instead of adding new ones.
"""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from wego.accounts.models import RoleAssignment, User
from wego.members.models import (
    LeadershipSeat,
    Member,
    MemberProfile,
    NetworkOffice,
    OfficeStaffMember,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"
LANGUAGES = ("en", "ko", "ar")


def _read(name: str):
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _translated(row: dict, field: str) -> dict:
    return {f"{field}_{lang}": row.get(f"{field}_{lang}", "") for lang in LANGUAGES}


@transaction.atomic
def load_demo_network(with_users: bool = True) -> dict:
    members = _load_members(_read("members.yaml"))
    network = _read("network.yaml")
    seats = _load_leadership(network["leadership"], members)
    offices = _load_offices(network["offices"], members)
    users = _load_users(network["demo_users"], members) if with_users else 0
    profiles = _load_profiles(_read("profiles.yaml"), members)
    return {
        "members": len(members),
        "seats": seats,
        "offices": offices,
        "users": users,
        "profiles": profiles,
    }


def _income_by_country() -> dict[str, str]:
    groups = _read("income_groups.yaml")
    return {country: group for group, countries in groups.items() for country in countries}


def _exact_decimal(value) -> Decimal | None:
    """YAML reads 37.5665 as a float: through str, so the stored decimal is the one written."""
    return None if value is None else Decimal(str(value))


def _load_members(rows) -> dict[str, Member]:
    loaded = {}
    income = _income_by_country()
    for row in rows:
        defaults = {
            **_translated(row, "name"),
            "name": row["name_en"],
            "kind": row["kind"],
            "country": row["country"],
            "region": row["region"],
            "population": row.get("population"),
            "latitude": _exact_decimal(row.get("latitude")),
            "longitude": _exact_decimal(row.get("longitude")),
            "income_group": income.get(row["country"], ""),
            "membership_type": row.get("membership_type", Member.MembershipType.FULL),
        }
        member, _created = Member.objects.update_or_create(slug=row["slug"], defaults=defaults)
        loaded[member.slug] = member
    return loaded


def _load_leadership(leadership, members) -> int:
    start, end = leadership["term"]
    count = 0
    for position, _label in LeadershipSeat.Position.choices:
        for slug in leadership.get(position, []):
            LeadershipSeat.objects.update_or_create(
                member=members[slug],
                position=position,
                term_start=start,
                defaults={"term_end": end},
            )
            count += 1
    return count


def _load_offices(rows, members) -> int:
    for row in rows:
        office, _created = NetworkOffice.objects.update_or_create(
            kind=row["kind"],
            region=row["region"],
            defaults={
                **_translated(row, "name"),
                "name": row["name_en"],
                "host": members.get(row["host"]),
                "head_name": row["head_name"],
                "head_title": row["head_title"],
                "website": row["website"],
                "email": row["email"],
                "opened_on": row["opened_on"],
            },
        )
        office.staff.all().delete()
        for order, person in enumerate(row["staff"]):
            OfficeStaffMember.objects.create(
                office=office,
                name=person["name"],
                order=order,
                title=person["title_en"],
                team=person["team_en"],
                **_translated(person, "title"),
                **_translated(person, "team"),
            )
    return len(rows)


def _load_users(spec, members) -> int:
    for row in spec["users"]:
        user = User.objects.filter(email=row["email"]).first()
        if user is None:
            user = User.objects.create_user(
                row["email"], spec["password"], full_name=row["full_name"]
            )
        RoleAssignment.objects.get_or_create(
            user=user,
            role=row["role"],
            member=members.get(row.get("member", "")),
            region=row.get("region", ""),
        )
    return len(spec["users"])


def _load_profiles(rows, members) -> int:
    """Approved (public) demo profiles; changes a city has waiting for review are left alone."""
    for row in rows:
        profile, _created = MemberProfile.objects.update_or_create(
            member=members[row["member"]],
            defaults={
                "overview": row.get("overview", ""),
                "area_km2": _exact_decimal(row.get("area_km2")),
                "egov_budget_usd": row.get("egov_budget_usd"),
                "budget_is_public": row.get("budget_is_public", False),
                "budget_year": row.get("budget_year"),
                "cio_name": row.get("cio_name", ""),
                "cio_title": row.get("cio_title", ""),
                "egov_departments": row.get("egov_departments", ""),
            },
        )
        profile.partner_cities.set([members[slug] for slug in row.get("partners", [])])
        if profile.approved_at is None:
            profile.approved_at = timezone.now()
            profile.save(update_fields=["approved_at"])
    return len(rows)
