"""Small factories for tests: real rows in the real database, no mocks."""

import itertools

from wego.accounts.models import Role, RoleAssignment, User
from wego.members.models import Member, Region

PASSWORD = "a-long-test-password-42"
_sequence = itertools.count(1)


def make_member(**fields) -> Member:
    number = next(_sequence)
    defaults = {
        "name": f"Test City {number}",
        "name_en": f"Test City {number}",
        "slug": f"test-city-{number}",
        "country": "KR",
        "region": Region.ASIA_PACIFIC,
        "kind": Member.Kind.CITY,
    }
    defaults.update(fields)
    return Member.objects.create(**defaults)


def make_user(role: str | None = None, member=None, region: str = "", **fields) -> User:
    number = next(_sequence)
    email = fields.pop("email", f"person{number}@example.org")
    user = User.objects.create_user(
        email, PASSWORD, full_name=fields.pop("full_name", f"Person {number}"), **fields
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, member=member, region=region)
    return user


def make_secretariat(**fields) -> User:
    return make_user(Role.SECRETARIAT, **fields)


def make_assessment(member=None, framework_version=None, year=2026, user=None, **fields):
    from wego.diagnostic.models import FrameworkVersion
    from wego.diagnostic.services.assessments import start_assessment

    member = member or make_member(population=1_000_000)
    framework_version = framework_version or FrameworkVersion.objects.get(code="ceds")
    assessment = start_assessment(member, framework_version, year, user)
    if fields:
        for name, value in fields.items():
            setattr(assessment, name, value)
        assessment.save()
    return assessment
