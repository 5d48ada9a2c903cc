"""An event of the network, its rooms, its programme of sessions and their speakers."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from wego.accounts.roles import is_network_staff, roles_of
from wego.core.time_zones import validate_time_zone

EVENT_DESCRIPTION_LENGTH = 8_000
SESSION_DESCRIPTION_LENGTH = 2_000


def feed_token() -> str:
    """A secret for a calendar address that a calendar application opens without signing in."""
    return secrets.token_urlsafe(24)


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published public events are for everyone; published members-only events for anyone
        with a role on the platform (member cities' users, staff, partners, judges); drafts
        for network staff, who prepare events."""
        if is_network_staff(user):
            return self
        published = self.filter(published=True)
        if roles_of(user):
            return published
        return published.filter(audience=Event.Audience.PUBLIC)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Event(models.Model):
    """A General Assembly, Executive Committee meeting, training programme, webinar, workshop
    or forum track. Times are stored in UTC and shown in the venue's time zone (and the
    reader's); an online event's zone is its organiser's."""

    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general-assembly", _("General Assembly")
        EXECUTIVE_COMMITTEE = "executive-committee", _("Executive Committee meeting")
        TRAINING = "training", _("Training programme")
        WEBINAR = "webinar", _("Webinar")
        WORKSHOP = "workshop", _("Workshop")
        FORUM_TRACK = "forum-track", _("Forum track")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("event", "title"), max_length=200)  # translated
    summary = models.TextField(  # translated
        _("description"),
        blank=True,
        max_length=EVENT_DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(EVENT_DESCRIPTION_LENGTH)],
    )
    audience = models.CharField(
        _("who may see it"), max_length=20, choices=Audience.choices, default=Audience.PUBLIC
    )
    published = models.BooleanField(_("published"), default=False)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Seoul",
        validators=[validate_time_zone],
        help_text=_("The venue's time zone: the programme is shown in it."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)  # translated
    city = models.CharField(_("city"), max_length=120, blank=True)  # translated
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    host_member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("host member"),
    )
    language = models.CharField(
        _("language of the event"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Invitation letters are written in it and in the delegate's language."),
    )
    # Registration.
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Registrations, changes and cancellations are possible until then."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit. When full, new registrations join a waiting list."),
    )
    quota_per_member = models.PositiveSmallIntegerField(
        _("places per member"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("The most people one member may register. Leave empty for no quota."),
    )
    needs_approval = models.BooleanField(_("registrations need approval by staff"), default=True)
    offers_visa_letters = models.BooleanField(_("invitation letters for visas"), default=False)
    has_matchmaking = models.BooleanField(_("city-to-city matchmaking"), default=False)
    # After a webinar.
    recording_url = models.URLField(_("recording"), blank=True)
    slides_url = models.URLField(_("slides"), blank=True)
    feed_token = models.CharField(max_length=64, default=feed_token, editable=False)
    is_demo = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})
        deadline, ends = self.registration_deadline, self.ends_at
        if deadline and ends and deadline > ends:
            raise ValidationError(
                {"registration_deadline": _("The deadline cannot be after the event ends.")}
            )
        opens = self.registration_opens_at
        if opens and deadline and opens > deadline:
            raise ValidationError(
                {"registration_opens_at": _("Registration cannot open after its deadline.")}
            )

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        if self.registration_deadline:
            return now <= self.registration_deadline
        return now <= self.ends_at

    def is_over(self, now=None) -> bool:
        return (now or timezone.now()) > self.ends_at


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=120)  # translated
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class Session(models.Model):
    """One item of an event's programme: a plenary, a roundtable, a master class..."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        MEETING = "meeting", _("Statutory meeting")
        ROUNDTABLE = "roundtable", _("Roundtable")
        WORKSHOP = "workshop", _("Workshop")
        MASTER_CLASS = "master-class", _("Master class")
        LECTURE = "lecture", _("Lecture")
        SITE_VISIT = "site-visit", _("Site visit")
        CEREMONY = "ceremony", _("Ceremony")
        MATCHMAKING = "matchmaking", _("Matchmaking meetings")
        SOCIAL = "social", _("Reception or meal")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(pgettext_lazy("event", "title"), max_length=200)  # translated
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    description = models.TextField(  # translated
        _("description"),
        blank=True,
        max_length=SESSION_DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(SESSION_DESCRIPTION_LENGTH)],
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("room"),
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty to use the room's seats.")
    )

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title

    @property
    def places(self) -> int | None:
        if self.capacity:
            return self.capacity
        return self.room.capacity if self.room_id else None


class Speaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=150)
    affiliation = models.CharField(_("organisation"), max_length=200, blank=True)  # translated
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name
