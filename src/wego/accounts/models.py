import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wego.accounts.roles import MEMBER_ROLES, REGION_ROLES, Role, is_secretariat, managed
from wego.core.regions import Region


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who signs in with an email address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


def validate_role_scope(role, member, region):
    """A city role needs a member, a regional role a region, other roles neither."""
    errors = {}
    if role in MEMBER_ROLES and member is None:
        errors["member"] = _("Choose the member this city role acts for.")
    if role not in MEMBER_ROLES and member is not None:
        errors["member"] = _("Only city focal points and city users belong to a member.")
    if role in REGION_ROLES and not region:
        errors["region"] = _("Choose the region this regional office staff member serves.")
    if role not in REGION_ROLES and region:
        errors["region"] = _("Only regional office staff are scoped to a region.")
    if errors:
        raise ValidationError(errors)


def scope_member_field(related_name: str) -> models.ForeignKey:
    """The member a city role acts for (empty for other roles)."""
    return models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=_("member"),
    )


class ScopedRole(models.Model):
    """A role with its scope: a member for city roles, a region for regional staff.

    Subclasses declare `member` themselves, each with its own reverse name.
    """

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)

    class Meta:
        abstract = True

    def clean(self):
        validate_role_scope(self.role, self.member, self.region)


class RoleAssignment(ScopedRole):
    """What a user may do: a role, scoped to a member or a region where the role needs it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("user"),
    )
    member = scope_member_field(related_name="role_assignments")
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "member", "region"], name="unique_role_assignment"
            )
        ]

    def __str__(self):
        scope = self.member or self.get_region_display()
        return f"{self.user}: {self.get_role_display()}" + (f" ({scope})" if scope else "")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see the invitations to the members they look after; the secretariat all."""
        if is_secretariat(user):
            return self
        return managed(self.filter(member__isnull=False), user, through="member__")

    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def find_by_token(self, token: str):
        return self.filter(token_hash=_hash_token(token)).first()


class Invitation(ScopedRole):
    """An invitation, sent by staff, to take a role on the platform.

    Only a hash of the token is stored, so a leaked database does not leak
    working invitation links.
    """

    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    member = scope_member_field(related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    def issue_token(self) -> str:
        """Give the invitation a fresh secret token and return it (shown only once)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _hash_token(token)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
        return token

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
