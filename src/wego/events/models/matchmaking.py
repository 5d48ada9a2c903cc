"""Matchmaking: requests between member cities, and meetings between delegations at an event."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wego.accounts.roles import member_ids_for
from wego.core import limits


class MatchmakingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A request is between two cities: their users see it (meetings are network business,
        so member pages show the accepted ones to members and staff only)."""
        mine = member_ids_for(user)
        return self.filter(models.Q(from_member_id__in=mine) | models.Q(to_member_id__in=mine))


class MatchmakingRequest(models.Model):
    """One member asks another for a meeting, e.g. about an indicator the other is strong on.

    Answered by the other member's users; once events exist, an accepted request gets a meeting
    slot at the next General Assembly or an online meeting.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", pgettext_lazy("matchmaking request", "Declined")

    from_member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="matchmaking_sent",
        verbose_name=_("from"),
    )
    to_member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="matchmaking_received",
        verbose_name=_("to"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    indicator_code = models.CharField(_("indicator"), max_length=20, blank=True)
    message = models.TextField(
        _("message"), max_length=limits.COMMENT, validators=[MaxLengthValidator(limits.COMMENT)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MatchmakingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matchmaking request")
        verbose_name_plural = _("matchmaking requests")

    def __str__(self):
        return f"{self.from_member} → {self.to_member}: {self.topic}"


class MatchmakingInterest(models.Model):
    """What a participant offers to share or seeks to learn at an event: a CeDS indicator or
    domain, a practice of the library, or a few words."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("Offers")
        SEEK = "seek", _("Seeks")

    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="interests"
    )
    direction = models.CharField(_("offers or seeks"), max_length=10, choices=Direction.choices)
    indicator_code = models.CharField(_("indicator or domain"), max_length=20, blank=True)
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("practice"),
    )
    text = models.CharField(_("in a few words"), max_length=300, blank=True)

    class Meta:
        ordering = ["registration", "direction", "pk"]
        verbose_name = _("matchmaking interest")
        verbose_name_plural = _("matchmaking interests")

    def __str__(self):
        return self.text or self.indicator_code or str(self.practice)


class MeetingRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A meeting request at an event is the two delegations' business (their member's
        users, whoever registered them, the people attending it) and that of the network
        staff who look after either member."""
        from wego.events.models.registration import Delegation

        if not user.is_authenticated:
            return self.none()
        delegations = Delegation.objects.visible_to(user)
        return self.filter(
            models.Q(from_delegation__in=delegations)
            | models.Q(to_delegation__in=delegations)
            | models.Q(attendees__user=user)
        ).distinct()


class MeetingRequest(models.Model):
    """At an event, one delegation asks another for a one-to-one meeting; once accepted, the
    scheduler gives it a slot and a table."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", pgettext_lazy("matchmaking request", "Declined")
        CANCELLED = "cancelled", _("Cancelled")

    class Priority(models.IntegerChoices):
        NORMAL = 1, _("Normal")
        HIGH = 2, _("High")
        ESSENTIAL = 3, _("Essential")

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_requests"
    )
    from_delegation = models.ForeignKey(
        "events.Delegation",
        on_delete=models.CASCADE,
        related_name="meeting_requests_sent",
        verbose_name=_("from"),
    )
    to_delegation = models.ForeignKey(
        "events.Delegation",
        on_delete=models.CASCADE,
        related_name="meeting_requests_received",
        verbose_name=_("to"),
    )
    attendees = models.ManyToManyField(
        "events.Registration",
        blank=True,
        related_name="meeting_requests",
        verbose_name=_("who attends"),
    )
    topic = models.CharField(_("topic"), max_length=200)
    indicator_code = models.CharField(_("indicator"), max_length=20, blank=True)
    message = models.TextField(
        _("message"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    answer = models.TextField(
        _("answer"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    source = models.ForeignKey(
        MatchmakingRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_requests",
        verbose_name=_("from the matchmaking request"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = MeetingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_delegation=models.F("to_delegation")),
                name="meeting_request_between_two_delegations",
            )
        ]

    def __str__(self):
        return f"{self.from_delegation} → {self.to_delegation}: {self.topic}"


class MeetingSlot(models.Model):
    """A time in which matchmaking meetings are held (e.g. 30 minutes)."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class MeetingTable(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(_("name"), max_length=60)
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="table_name_unique_in_event")
        ]

    def __str__(self):
        return self.name


class ScheduleRun(models.Model):
    """One run of the scheduler over an event's accepted requests, and how good it was."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="schedule_runs"
    )
    job = models.OneToOneField(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField(max_length=30, default="cp-sat")
    requests = models.PositiveIntegerField(_("accepted requests"), default=0)
    meetings = models.PositiveIntegerField(_("meetings placed"), default=0)
    weighted = models.PositiveIntegerField(_("priority-weighted meetings"), default=0)
    upper_bound = models.FloatField(_("upper bound"), default=0)
    idle_gaps = models.PositiveIntegerField(_("idle gaps"), default=0)
    optimal = models.BooleanField(_("proven optimal"), default=False)
    seconds = models.FloatField(_("seconds"), default=0)
    # {request id: reason code} for the accepted requests that could not be placed.
    unplaced = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("schedule run")
        verbose_name_plural = _("schedule runs")

    def __str__(self):
        return f"{self.event} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def gap(self) -> float:
        """How far below the upper bound the schedule is, as a fraction."""
        if not self.upper_bound:
            return 0.0
        return max(0.0, (self.upper_bound - self.weighted) / self.upper_bound)


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A scheduled meeting is seen by whoever may see its request."""
        return self.filter(request__in=MeetingRequest.objects.visible_to(user))


class Meeting(models.Model):
    """An accepted request placed at a slot and a table."""

    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="meeting")
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="meetings")
    table = models.ForeignKey(MeetingTable, on_delete=models.CASCADE, related_name="meetings")
    pinned = models.BooleanField(_("pinned by staff"), default=False)
    run = models.ForeignKey(
        ScheduleRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="placed"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["slot__starts_at", "table__pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table_and_slot")
        ]

    def __str__(self):
        return f"{self.request} @ {self.slot} {self.table}"
