"""The WeGO Awards: a cycle's call, the cities' applications, the judges' panel and its scores.

The rules (timeline, eligibility, assignment, aggregation) live in `domain/` as plain Python;
these models only store what happened.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import Country, CountryField

from wego.accounts.roles import is_judge, is_secretariat, member_ids_for
from wego.awards.domain import timeline
from wego.core import limits
from wego.core.models import EvidenceFile
from wego.core.time_zones import validate_time_zone  # noqa: F401 (migrations name it here)
from wego.core.uploads import evidence_name
from wego.practices.models import SUMMARY_LENGTH, Category, PrizeTier

# Texts of the awards. A cycle's description is its call, a page or two; a category's or a
# criterion's description a paragraph; each answer of an application (stored in its `answers`)
# up to about three pages, as each part of a practice's story; a judge's overall comment on an
# application twice a comment. An application's summary starts as its practice's summary and
# has its limit.
CYCLE_DESCRIPTION_LENGTH = 5_000
DESCRIPTION_LENGTH = 2_000
ANSWER_LENGTH = 10_000
REVIEW_COMMENT_LENGTH = 2 * limits.COMMENT


def default_prize_tiers():
    return list(PrizeTier.values)


class AwardCycleQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A cycle's call, categories, criteria and timeline are public."""
        return self

    def results_visible_to(self, user):
        """Whose winners the user may see: published results, and every cycle's for the
        secretariat, who prepare them."""
        if is_secretariat(user):
            return self
        return self.filter(results_published_at__isnull=False)


class AwardCycle(models.Model):
    """One edition of the WeGO Awards, from the call for applications to the winners."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("web address name"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=CYCLE_DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(CYCLE_DESCRIPTION_LENGTH)],
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Seoul",
        validators=[validate_time_zone],
        help_text=_("Dates of the call are shown and enforced in this time zone."),
    )
    call_opens_at = models.DateTimeField(_("call opens"))
    deadline = models.DateTimeField(_("deadline for applications"))
    judging_ends_at = models.DateTimeField(_("judging ends"))
    announcement_at = models.DateTimeField(_("winners announced"))
    judges_per_application = models.PositiveSmallIntegerField(
        _("judges per application"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
    )
    prize_tiers = models.JSONField(_("prize tiers"), default=default_prize_tiers)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-call_opens_at"]
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:cycle", kwargs={"slug": self.slug})

    def clean(self):
        if None in (self.call_opens_at, self.deadline, self.judging_ends_at):
            return  # the missing date has its own "required" message
        messages = {
            "deadline-before-opening": _("The deadline must come after the call opens."),
            "judging-before-deadline": _("Judging must end after the deadline."),
            "announcement-before-judging": _("Winners can only be announced after judging."),
        }
        problems = timeline.order_problems(self.dates())
        if problems:
            raise ValidationError({field: messages[code] for field, code in problems})

    def dates(self) -> timeline.Timeline:
        return timeline.Timeline(
            call_opens_at=self.call_opens_at,
            deadline=self.deadline,
            judging_ends_at=self.judging_ends_at,
            announcement_at=self.announcement_at,
            published=self.results_published_at is not None,
        )

    def phase(self, now=None) -> timeline.Phase:
        return timeline.phase(self.dates(), now or timezone.now())

    @property
    def is_open(self) -> bool:
        return self.phase() == timeline.Phase.OPEN

    def tier_choices(self) -> list[tuple[str, str]]:
        labels = dict(PrizeTier.choices)
        return [(code, labels[code]) for code in self.prize_tiers if code in labels]


class CycleCategory(models.Model):
    """A category of a cycle, with the questions its applications answer."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="categories")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(
        _("what this category rewards"),
        blank=True,
        max_length=DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_LENGTH)],
    )
    questions = models.JSONField(_("questions"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "category"], name="unique_cycle_category")
        ]

    def __str__(self):
        return self.get_category_display()


class Criterion(models.Model):
    """What judges score, with its weight and what each score means (the rubric)."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_LENGTH)],
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=20, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=5)
    # One descriptor per score, from the lowest to the highest.
    rubric = models.JSONField(_("rubric"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name

    def clean(self):
        if self.max_score <= self.min_score:
            raise ValidationError(
                {"max_score": _("The highest score must be above the lowest score.")}
            )
        if self.rubric and len(self.rubric) != self.max_score - self.min_score + 1:
            raise ValidationError(
                {"rubric": _("Give one descriptor for each score, from the lowest to the highest.")}
            )

    def levels(self) -> list[tuple[int, str]]:
        """(score, descriptor) from the lowest to the highest score."""
        scores = range(self.min_score, self.max_score + 1)
        descriptors = list(self.rubric) + [""] * len(scores)
        return list(zip(scores, descriptors, strict=False))


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A city sees its own applications, the secretariat all of them, and a judge only
        those assigned to them with no conflict of interest. Never the public."""
        if is_secretariat(user):
            return self
        return self.filter(member_id__in=member_ids_for(user)) | self.judged_by(user)

    def judged_by(self, user):
        """The applications the user scores as a judge: assigned and free of conflict."""
        if not is_judge(user):
            return self.none()
        assigned = Assignment.objects.free_of_conflict().filter(judge__user=user)
        return self.filter(pk__in=assigned.values("application_id"))


class Application(models.Model):
    """A member city's candidacy in one category of a cycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("application", "Withdrawn")

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="applications")
    # Empty only for past winners from outside the member list (the 2014 demo data); their
    # city is their practice's.
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="award_applications",
        verbose_name=_("member"),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_applications",
        verbose_name=_("good practice"),
    )
    title = models.CharField(pgettext_lazy("practice", "title"), max_length=200)
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=SUMMARY_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_LENGTH)],
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    in_operation_since = models.PositiveSmallIntegerField(
        _("in operation since (year)"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["category", "member__name"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            # One application per category per city; a withdrawn one frees the place.
            models.UniqueConstraint(
                fields=["cycle", "member", "category"],
                condition=~Q(status="withdrawn"),
                name="one_application_per_category",
            )
        ]
        indexes = [models.Index(fields=["cycle", "status", "category"])]

    def __str__(self):
        return f"{self.applicant_name} – {self.title}"

    def get_absolute_url(self):
        return reverse("awards:application", kwargs={"pk": self.pk})

    @property
    def shown_title(self):
        """The title in the reader's language while it is its practice's (whose translations
        then apply), else as the city gave it to the application."""
        if self.practice is not None and self.practice.title == self.title:
            return self.practice.shown_title
        return self.title

    @property
    def applicant_name(self) -> str:
        if self.member is not None:
            return self.member.name
        return self.practice.city if self.practice else ""

    @property
    def applicant_country(self):
        """The applicant's country (a django-countries Country; empty when unknown)."""
        if self.member is not None:
            return self.member.country
        return self.practice.country if self.practice else Country("")

    @property
    def reference(self) -> str:
        return f"{self.cycle.year}-{self.pk:04d}"


def application_file_path(instance, filename):
    # Named after the kind its content showed, never the uploader's extension.
    return f"awards/{instance.application_id}/{evidence_name(filename, instance.kind)}"


class ApplicationFile(EvidenceFile):
    """Evidence attached to an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=application_file_path, max_length=300)

    class Meta:
        ordering = ["uploaded_at"]


class Judge(models.Model):
    """A member of a cycle's panel: often an outside expert (a dean, an agency head)."""

    cycle = models.ForeignKey(AwardCycle, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judging",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"))
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"))
    # A judge who works for a member city never judges that city's applications.
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("own city"),
    )
    expertise = models.JSONField(_("categories of expertise"), default=list, blank=True)
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "email"], name="one_judge_seat_per_email")
        ]

    def __str__(self):
        return self.full_name


class Conflict(models.Model):
    """A conflict of interest: the judge never sees nor scores this application."""

    class Reason(models.TextChoices):
        OWN_COUNTRY = "own-country", _("Same country as the judge")
        OWN_CITY = "own-city", _("The judge's own city")
        DECLARED = "declared", _("Declared tie")

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(
        _("note"),
        blank=True,
        max_length=limits.NOTE,
        validators=[MaxLengthValidator(limits.NOTE)],
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["judge", "application"], name="one_conflict_per_pair")
        ]

    def __str__(self):
        return f"{self.judge} / {self.application_id}: {self.get_reason_display()}"


class AssignmentQuerySet(models.QuerySet):
    def free_of_conflict(self):
        """Assignments whose judge has no conflict of interest with the application: the only
        ones a judge may open (a conflict recorded after assigning hides the pair at once)."""
        conflict = Conflict.objects.filter(
            judge=models.OuterRef("judge"), application=models.OuterRef("application")
        )
        return self.exclude(models.Exists(conflict))


class Assignment(models.Model):
    """An application given to a judge to score."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "application"], name="one_assignment_per_pair")
        ]

    def __str__(self):
        return f"{self.judge} / {self.application_id}"


class Review(models.Model):
    """A judge's scores of one application; other judges never see it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    comment = models.TextField(
        _("overall comment"),
        blank=True,
        max_length=REVIEW_COMMENT_LENGTH,
        validators=[MaxLengthValidator(REVIEW_COMMENT_LENGTH)],
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    def __str__(self):
        return f"{self.assignment} ({self.status})"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"


class Decision(models.Model):
    """The panel's final decision on an application, with its reasons."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="decision"
    )
    tier = models.CharField(_("prize"), max_length=20, choices=PrizeTier.choices, blank=True)
    reason = models.TextField(
        _("reasons"),
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.application_id}: {self.tier or '-'}"
