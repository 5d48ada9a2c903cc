from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wego.accounts.roles import managed, member_ids_for
from wego.core import limits
from wego.core.regions import Region


class IncomeGroup(models.TextChoices):
    """The World Bank's income groups, for comparing members with similar means."""

    HIGH = "high", _("High income")
    UPPER_MIDDLE = "upper-middle", _("Upper-middle income")
    LOWER_MIDDLE = "lower-middle", _("Lower-middle income")
    LOW = "low", _("Low income")


def name_in_reader_language(through: str = ""):
    """A member's name in the active language (else English), for querysets of other models that
    reach the member `through` a lookup such as "member__" (modeltranslation only rewrites
    `name` on the member's own queryset, so values("member__name") would be English)."""
    language = (get_language() or "en").split("-")[0]
    own = F(f"{through}name_{language}")
    text = models.CharField()
    return Coalesce(NullIf(own, Value("")), F(f"{through}name_en"), output_field=text)


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Member organisations are public: the directory and member pages are for everyone."""
        return self

    def active(self):
        return self.filter(status=Member.Status.ACTIVE)

    def managed_by(self, user):
        """The members a staff user looks after: all for the secretariat, their region's
        for regional office staff, none for anyone else."""
        return managed(self, user)

    def acted_for_by(self, user):
        """The members the user acts for as a focal point or city user."""
        return self.filter(pk__in=member_ids_for(user))


class Member(models.Model):
    """A member organisation of WeGO: a city, province, state or locality."""

    class Kind(models.TextChoices):
        CITY = "city", _("City")
        PROVINCE = "province", _("Province")
        STATE = "state", _("State")
        LOCALITY = "locality", _("Locality")

    class MembershipType(models.TextChoices):
        FULL = "full", _("Full member")
        ASSOCIATE = "associate", _("Associate member")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    name = models.CharField(_("name"), max_length=120)  # translated: name_en, name_ko, name_ar
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CITY)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    membership_type = models.CharField(
        _("membership type"),
        max_length=20,
        choices=MembershipType.choices,
        default=MembershipType.FULL,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    income_group = models.CharField(
        _("income group of the country"), max_length=20, choices=IncomeGroup.choices, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    # Approximate centre (or, for a state, province or locality, its seat), for the world map.
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees, north positive (Seoul: 37.5665)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees, east positive (Seoul: 126.9780)."),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("members:detail", kwargs={"slug": self.slug})


class LeadershipSeat(models.Model):
    """A member's elected position in WeGO's leadership for one term."""

    class Position(models.TextChoices):
        PRESIDENT = "president", _("President City")
        EXECUTIVE_VICE_PRESIDENT = "executive-vice-president", _("Executive Vice President City")
        VICE_PRESIDENT = "vice-president", _("Vice President City")
        EXCOM_MEMBER = "excom-member", _("Executive Committee Member")

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="leadership_seats", verbose_name=_("member")
    )
    position = models.CharField(_("position"), max_length=30, choices=Position.choices)
    term_start = models.PositiveSmallIntegerField(_("term starts (year)"))
    term_end = models.PositiveSmallIntegerField(_("term ends (year)"))

    class Meta:
        ordering = ["-term_start", "position", "member__name"]
        verbose_name = _("leadership seat")
        verbose_name_plural = _("leadership seats")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "position", "term_start"], name="unique_seat_per_term"
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gte=models.F("term_start")),
                name="seat_term_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_position_display()} {self.term_start}-{self.term_end}: {self.member}"

    @property
    def rank(self) -> int:
        """President first, then executive vice president, vice presidents, EXCOM."""
        return list(self.Position.values).index(self.position)

    @property
    def term(self) -> str:
        return f"{self.term_start}–{self.term_end}"


class NetworkOffice(models.Model):
    """The WeGO Secretariat or one of its regional offices."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        REGIONAL_OFFICE = "regional-office", _("Regional office")

    name = models.CharField(_("name"), max_length=120)  # translated
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    host = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="hosted_offices",
        null=True,
        blank=True,
        verbose_name=_("host member"),
    )
    region = models.CharField(
        _("region served"),
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text=_("Leave empty for the Secretariat, which serves every region."),
    )
    head_name = models.CharField(_("head"), max_length=120, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("network office")
        verbose_name_plural = _("network offices")

    def __str__(self):
        return self.name


class OfficeStaffMember(models.Model):
    """A person on the public staff list of a network office."""

    office = models.ForeignKey(
        NetworkOffice, on_delete=models.CASCADE, related_name="staff", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=120)
    title = models.CharField(_("title"), max_length=120)  # translated
    team = models.CharField(_("team"), max_length=120, blank=True)  # translated
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["office", "order", "name"]
        verbose_name = _("office staff member")
        verbose_name_plural = _("office staff members")

    def __str__(self):
        return f"{self.name}, {self.title}"


# Sane maxima for what a member declares: the largest member regions are a few hundred
# thousand km², and no city's e-government budget comes near USD 100 billion.
MAX_AREA_KM2 = 2_000_000
MAX_EGOV_BUDGET_USD = 100_000_000_000
FIRST_BUDGET_YEAR = 1990

# Texts of a profile: the overview is a few paragraphs (about a page); the departments are one
# a line, at most 40 lines of 200 characters and their line breaks.
OVERVIEW_LENGTH = 5_000
MAX_DEPARTMENTS = 40
MAX_DEPARTMENT_LENGTH = 200
DEPARTMENTS_LENGTH = MAX_DEPARTMENTS * (MAX_DEPARTMENT_LENGTH + 1)


class MemberProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The approved profiles are public; a profile not yet approved only to the member's
        users and the staff who look after it."""
        return self.filter(approved_at__isnull=False) | self.changes_visible_to(user)

    def changes_visible_to(self, user):
        """Whose waiting changes (and reviewers' comments) the user may see: their own city's,
        and those of the members they look after as staff."""
        own = self.filter(member_id__in=member_ids_for(user))
        return own | managed(self, user, through="member__")


class MemberProfile(models.Model):
    """What a member tells the network about itself, reviewed by staff before it is public.

    The public version lives in the fields below; the city's changes wait in `pending_values`
    (field name to value, as JSON) until the Secretariat or the member's regional office
    approves them or sends them back with a comment.
    """

    class ReviewState(models.TextChoices):
        APPROVED = "approved", _("Approved")
        PENDING = "pending", _("Waiting for review")
        RETURNED = "returned", _("Sent back for changes")

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="profile", verbose_name=_("member")
    )
    # The approved, public version
    overview = models.TextField(
        _("overview"),
        blank=True,
        max_length=OVERVIEW_LENGTH,
        validators=[MaxLengthValidator(OVERVIEW_LENGTH)],
    )
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AREA_KM2)],
    )
    egov_budget_usd = models.PositiveBigIntegerField(
        _("e-government budget (USD)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_EGOV_BUDGET_USD)],
    )
    budget_is_public = models.BooleanField(_("budget shown publicly"), default=False)
    budget_year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    cio_name = models.CharField(_("name of the CIO"), max_length=120, blank=True)
    cio_title = models.CharField(_("title of the CIO"), max_length=120, blank=True)
    egov_departments = models.TextField(
        _("e-government departments"),
        blank=True,
        help_text=_("One per line."),
        max_length=DEPARTMENTS_LENGTH,
        validators=[MaxLengthValidator(DEPARTMENTS_LENGTH)],
    )
    partner_cities = models.ManyToManyField(
        Member, blank=True, related_name="partner_of_profiles", verbose_name=_("partner cities")
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The city's changes, waiting for review
    review_state = models.CharField(
        _("review"), max_length=20, choices=ReviewState.choices, default=ReviewState.APPROVED
    )
    pending_values = models.JSONField(_("changes waiting for review"), default=dict, blank=True)
    pending_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(
        _("comment from the reviewer"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    returned_at = models.DateTimeField(_("sent back at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MemberProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")
        indexes = [models.Index(fields=["review_state", "pending_since"])]

    def __str__(self):
        return str(self.member)

    @property
    def is_published(self) -> bool:
        return self.approved_at is not None

    @property
    def has_pending_changes(self) -> bool:
        return self.review_state != self.ReviewState.APPROVED

    @property
    def shown_budget(self) -> int | None:
        """The budget for the public page: only when the member chose to share it."""
        return self.egov_budget_usd if self.budget_is_public else None

    def department_list(self) -> list[str]:
        return [line.strip() for line in self.egov_departments.splitlines() if line.strip()]
