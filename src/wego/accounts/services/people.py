"""Who to write to: the people behind a member, and the secretariat."""

from wego.accounts.models import User
from wego.accounts.roles import Role


def people_of(member) -> list[User]:
    """Who hears about something for a member: its focal points, else its other city users."""
    users = User.objects.filter(is_active=True, role_assignments__member=member)
    focal = users.filter(role_assignments__role=Role.FOCAL_POINT).distinct()
    return list(focal) or list(users.filter(role_assignments__role=Role.CITY_USER).distinct())


def secretariat() -> list[User]:
    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.SECRETARIAT).distinct()
    )
