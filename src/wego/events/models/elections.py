"""Elections at an event (the General Assembly): offices and candidacies, resolutions, the
delegate each member city accredits, proxies, and the two records a vote leaves.

The secret ballot rests on what these tables do NOT hold (docs/elections.md): a `VoterRecord`
says that a city voted; a `Ballot` holds a receipt's digest and the choices. They share no
key, id or field; neither has a time or a sequence (random primary keys), and ballots are
read in digest order. Do not add `created_at`, an auto-increment id, a history or an admin
page to either.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wego.accounts.roles import is_network_staff
from wego.core import limits
from wego.events.domain import elections as domain

STATEMENT_LENGTH = 2_000
# The published list is written by the platform, never typed: about 500 bytes a ballot, so
# this holds some 16,000 ballots (a network of a few hundred cities casts a few hundred).
PUBLISHED_LIST_LENGTH = 8_000_000


class ElectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An election is seen by whoever sees its event, once staff have announced it (past
        preparation); network staff see those they prepare too."""
        from wego.events.models.events import Event

        events = Event.objects.visible_to(user)
        elections = self.filter(event__in=events)
        if is_network_staff(user):
            return elections
        return elections.exclude(status=Election.Status.PREPARING)


class Election(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        CANDIDACIES = "candidacies", _("Candidacies open")
        READY = "ready", _("Candidacies closed, ballot order drawn")
        OPEN = "open", _("Voting open")
        CLOSED = "closed", _("Voting closed, counted")
        PUBLISHED = "published", _("Result published")

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="elections")
    title = models.CharField(_("title"), max_length=200)  # translated
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )  # translated
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    opens_at = models.DateTimeField(
        _("voting opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open voting by hand."),
    )
    closes_at = models.DateTimeField(
        _("voting closes"),
        null=True,
        blank=True,
        help_text=_("No vote is taken after this time. Leave empty to close voting by hand."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percentage of the full members in good standing)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    allows_proxies = models.BooleanField(
        _("a city may give its vote to another city's delegate"),
        default=True,
        help_text=_("Proxies must be declared before voting opens."),
    )
    # Drawn once when candidacies close (domain.new_seed), published with the order.
    seed = models.CharField(_("seed of the ballot order"), max_length=64, blank=True)
    # Full member cities in good standing when voting opened: one vote each.
    eligible = models.PositiveIntegerField(_("eligible cities"), null=True, blank=True)
    # The published ballot list (domain.elections_publish.canonical_json) and its SHA-256.
    published_list = models.TextField(
        blank=True,
        max_length=PUBLISHED_LIST_LENGTH,
        validators=[MaxLengthValidator(PUBLISHED_LIST_LENGTH)],
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="election_closes_after_it_opens",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:election", args=[self.event.slug, self.pk])

    @property
    def quorum(self):
        from fractions import Fraction

        return Fraction(self.quorum_percent, 100)

    def voting_is_open(self, now=None) -> bool:
        """Open by staff, or by its opening time once the order is drawn; never after its
        closing time."""
        now = now or timezone.now()
        if self.closes_at and now >= self.closes_at:
            return False
        if self.status == self.Status.OPEN:
            return True
        return self.status == self.Status.READY and bool(self.opens_at) and now >= self.opens_at

    @property
    def is_counted(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.PUBLISHED)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Office(models.Model):
    """An office to fill at the election, with its number of seats."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="offices")
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=120)  # translated
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["election_id", "order", "pk"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        constraints = [
            models.UniqueConstraint(fields=["election", "key"], name="one_office_per_key")
        ]

    def __str__(self):
        return self.title

    @property
    def is_host_city(self) -> bool:
        return self.key == domain.HOST_CITY


class Candidacy(models.Model):
    """A member city standing for an office, with its statement."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="candidacies")
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="candidacies",
        verbose_name=_("member"),
    )
    statement = models.TextField(
        _("statement"),
        blank=True,
        max_length=STATEMENT_LENGTH,
        validators=[MaxLengthValidator(STATEMENT_LENGTH)],
        help_text=_("Why the city stands and what it would do (up to 2,000 characters)."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["office_id", "member__name"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [
            models.UniqueConstraint(fields=["office", "member"], name="one_candidacy_per_office")
        ]

    def __str__(self):
        return f"{self.member} ({self.office})"


class Resolution(models.Model):
    """A question put to the vote: yes, no or abstain."""

    class Majority(models.TextChoices):
        SIMPLE = domain.Majority.SIMPLE, _("Simple majority")
        TWO_THIRDS = domain.Majority.TWO_THIRDS, _("Two-thirds majority")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="resolutions")
    key = models.SlugField(_("key"), max_length=40)
    title = models.CharField(_("title"), max_length=200)  # translated
    text = models.TextField(
        _("text"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )  # translated
    majority = models.CharField(
        _("majority"), max_length=20, choices=Majority.choices, default=Majority.SIMPLE
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["election_id", "order", "pk"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(fields=["election", "key"], name="one_resolution_per_key")
        ]

    def __str__(self):
        return self.title


class Accreditation(models.Model):
    """The delegate a member city accredits to vote for it at an event: one per city."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="accreditations"
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    registration = models.ForeignKey(
        "events.Registration",
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=pgettext_lazy("election", "delegate"),
    )
    accredited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["event_id", "member__name"]
        verbose_name = _("accreditation")
        verbose_name_plural = _("accreditations")
        constraints = [
            models.UniqueConstraint(fields=["event", "member"], name="one_delegate_per_city")
        ]

    def __str__(self):
        return f"{self.registration.full_name} ({self.member})"


class Proxy(models.Model):
    """A city that will not vote itself gives its vote in one election to another city's
    accredited delegate, declared before voting opens."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="proxies")
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )
    holder = models.ForeignKey(
        Accreditation,
        on_delete=models.CASCADE,
        related_name="proxies_held",
        verbose_name=_("votes on its behalf"),
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["election_id", "member__name"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_proxy_per_city")
        ]

    def __str__(self):
        return f"{self.member} → {self.holder}"


class VoterRecord(models.Model):
    """That a city has voted in an election. Unique on (election, member): a second vote fails
    at the database. No time, no sequence, nothing of the ballot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="voter_records")
    member = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="+", verbose_name=_("member")
    )

    class Meta:
        ordering = ["election_id", "member__name"]
        verbose_name = _("city that voted")
        verbose_name_plural = _("cities that voted")
        constraints = [
            models.UniqueConstraint(fields=["election", "member"], name="one_vote_per_city")
        ]

    def __str__(self):
        return str(self.member)


class Ballot(models.Model):
    """A cast ballot: its receipt's digest (the primary key: random) and the choices in the
    normalised form of domain.elections_publish.ballot_to_json. Nothing about who or when."""

    receipt_digest = models.CharField(primary_key=True, max_length=64, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField()

    class Meta:
        ordering = ["receipt_digest"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return self.receipt_digest[:12]


class PaperEntry(models.Model):
    """One paper sheet as one staff member typed it (two staff enter every sheet; the ballots
    are made when both agree, and the entries are then deleted)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="paper_entries")
    sheet = models.CharField(_("code on the sheet"), max_length=19)
    choices = models.JSONField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["election_id", "sheet"]
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "entered_by", "sheet"], name="one_entry_per_sheet_and_person"
            )
        ]

    def __str__(self):
        return self.sheet
