"""Small factories for tests: real rows in the real database, no mocks."""

import itertools

from wego.accounts.models import Role, RoleAssignment, User
from wego.core.regions import Region
from wego.members.models import Member

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


def make_cycle(phase: str = "open", **fields):
    """An award cycle whose dates put it in the given phase now, with the default criteria.

    Phases: upcoming, open, judging, deliberation (published cycles: set
    results_published_at yourself).
    """
    from datetime import timedelta

    from django.utils import timezone

    from wego.awards.services.cycles import create_cycle

    number = next(_sequence)
    now = timezone.now()
    # The call opens, the deadline, judging ends (days from now) for each phase.
    offsets = {
        "upcoming": (5, 30, 60),
        "open": (-10, 20, 50),
        "judging": (-40, -10, 20),
        "deliberation": (-70, -40, -10),
    }[phase]
    opens, deadline, judging = (now + timedelta(days=days) for days in offsets)
    defaults = {
        "name": f"Test WeGO Awards {number}",
        "slug": f"test-awards-{number}",
        "year": now.year,
        "call_opens_at": opens,
        "deadline": deadline,
        "judging_ends_at": judging,
        "announcement_at": judging + timedelta(days=10),
        "judges_per_application": 2,
    }
    defaults.update(fields)
    return create_cycle(**defaults)


def make_application(cycle, member=None, category="services", status="submitted", **fields):
    from django.utils import timezone

    from wego.awards.models import Application

    member = member or make_member()
    defaults = {
        "title": f"Application of {member.name} in {category}",
        "summary": "What the city did and what came of it.",
        "in_operation_since": cycle.year - 1,
        "submitted_at": timezone.now() if status == "submitted" else None,
    }
    defaults.update(fields)
    return Application.objects.create(
        cycle=cycle, member=member, category=category, status=status, **defaults
    )


def make_judge(cycle, user=None, country="FI", **fields):
    """A judge on the cycle's panel, with a user account holding the judge role."""
    from wego.awards.models import Judge

    user = user or make_user(Role.JUDGE)
    defaults = {"full_name": user.full_name, "email": user.email, "organisation": "University"}
    defaults.update(fields)
    return Judge.objects.create(cycle=cycle, user=user, country=country, **defaults)
