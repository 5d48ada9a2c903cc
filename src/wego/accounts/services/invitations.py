"""Sending and accepting invitations."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from wego.accounts.models import Invitation, RoleAssignment, User
from wego.core.mail import templated_email


def send_invitation(invitation: Invitation) -> None:
    """Issue a fresh token, save, and email the link (in the inviter's current language)."""
    token = invitation.issue_token()
    invitation.save()
    link = settings.SITE_URL + reverse("accounts:accept_invitation", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
    templated_email("accounts/email/invitation", context, invitation.email).send()


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User | None, full_name="", password="") -> User:
    """Give the invited role to an existing user, or create the user first."""
    if user is None:
        user = User.objects.create_user(
            invitation.email,
            password,
            full_name=full_name,
            preferred_language=translation.get_language() or "en",
        )
    RoleAssignment.objects.get_or_create(
        user=user, role=invitation.role, member=invitation.member, region=invitation.region
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
