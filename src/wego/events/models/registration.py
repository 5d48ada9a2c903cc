"""Registration by delegation: a member city (or a partner organisation) registers its people
for an event; staff approve; a full event keeps a waiting list."""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from wego.accounts.roles import is_network_staff, managed, member_ids_for

ANSWER_LENGTH = 1_000


def badge_code() -> str:
    """What a badge's QR code carries (with its event): unguessable, short enough to type."""
    return secrets.token_hex(8)


def personal_token() -> str:
    """The secret of a person's own registration page and agenda feed (sent by email; many
    delegates have no account on the platform)."""
    return secrets.token_urlsafe(24)


class DelegationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A delegation is its member's business: that member's users see it, network staff
        who look after the member see it (a partner organisation's delegation: the
        secretariat), and whoever registered it."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(member_id__in=member_ids_for(user)) | Q(registered_by=user)
        if is_network_staff(user):
            return self.filter(mine | Q(pk__in=managed(self, user, through="member__")))
        return self.filter(mine)


class Delegation(models.Model):
    """The people one member city, or one partner organisation, sends to an event."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="delegations")
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("member"),
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For a partner organisation (not a member of WeGO)."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "member__name", "organisation"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=Q(member__isnull=False),
                name="one_delegation_per_member_and_event",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=False) | ~Q(organisation=""),
                name="delegation_of_member_or_organisation",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.member.name if self.member_id else self.organisation


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person's registration: the person, and whoever may see their delegation."""
        if not user.is_authenticated:
            return self.none()
        delegations = Delegation.objects.visible_to(user)
        return self.filter(Q(user=user) | Q(delegation__in=delegations))

    def taking_places(self):
        """Those who hold a place (or wait for approval of one): not the waiting list."""
        return self.filter(status__in=[Registration.Status.PENDING, Registration.Status.APPROVED])

    def active(self):
        """Neither cancelled nor declined: what counts against a member's quota."""
        return self.exclude(
            status__in=[Registration.Status.CANCELLED, Registration.Status.DECLINED]
        )

    def listed(self):
        """The public participant list: approved people who agreed to appear on it."""
        return self.filter(status=Registration.Status.APPROVED, listed=True)


class Registration(models.Model):
    """One person registered for an event, within a delegation."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        DELEGATE = "delegate", _("Delegate")
        OBSERVER = "observer", _("Observer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        WAITLISTED = "waitlisted", _("On the waiting list")
        DECLINED = "declined", pgettext_lazy("registration", "Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="registrations"
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.DELEGATE)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    listed = models.BooleanField(
        _("appears on the participant list"),
        default=False,
        help_text=_("Name, position and organisation, for the other participants to see."),
    )
    needs_visa_letter = models.BooleanField(
        _("needs an invitation letter for a visa"), default=False
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    sessions = models.ManyToManyField(
        "events.Session", blank=True, related_name="attendees", verbose_name=_("sessions")
    )
    unavailable_slots = models.ManyToManyField(
        "events.MeetingSlot",
        blank=True,
        related_name="unavailable",
        verbose_name=_("not available for meetings"),
    )
    badge_code = models.CharField(max_length=32, unique=True, default=badge_code, editable=False)
    token = models.CharField(max_length=64, unique=True, default=personal_token, editable=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["delegation", "role", "full_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status__in=["cancelled", "declined"]),
                name="one_active_registration_per_email_and_event",
            )
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.full_name} ({self.delegation})"


class RegistrationQuestion(models.Model):
    """A question the event asks each registered person (dietary needs, arrival date...)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        YES_NO = "yes-no", _("Yes or no")
        CHOICE = "choice", _("One of several choices")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)  # translated
    help_text = models.CharField(_("help text"), max_length=300, blank=True)  # translated
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"),
        blank=True,
        max_length=ANSWER_LENGTH,
        validators=[MaxLengthValidator(ANSWER_LENGTH)],
        help_text=_("One per line, for a question with choices."),
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class PassportDetailsQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Only the person and the network staff who look after their member (the
        secretariat for a partner organisation's people): not the rest of the delegation,
        not the focal point who registered them. Deleted after the event."""
        if not user.is_authenticated:
            return self.none()
        own = Q(registration__user=user)
        if is_network_staff(user):
            delegations = managed(Delegation.objects.all(), user, through="member__")
            return self.filter(own | Q(registration__delegation__in=delegations))
        return self.filter(own)


class PassportDetails(models.Model):
    """What an invitation letter for a visa needs: kept only until the event is over."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="passport"
    )
    name_in_passport = models.CharField(_("name as in the passport"), max_length=150)
    passport_number = models.CharField(_("passport number"), max_length=30)
    nationality = CountryField(_("nationality"))
    date_of_birth = models.DateField(_("date of birth"))
    expires_on = models.DateField(_("passport expires on"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = PassportDetailsQuerySet.as_manager()

    class Meta:
        verbose_name = _("passport details")
        verbose_name_plural = _("passport details")

    def __str__(self):
        return self.name_in_passport
