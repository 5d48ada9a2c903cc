import uuid
from array import array

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wego.accounts.roles import managed, member_ids_for
from wego.core import limits
from wego.core.i18n import translate
from wego.core.uploads import evidence_name
from wego.diagnostic.domain.answers import MAX_COMMENT, AnswerValue
from wego.diagnostic.domain.framework import Framework
from wego.diagnostic.domain.scoring import CityContext

# Parsed frameworks by checksum. A stored version's content changes only with its checksum (a
# better wording), so this is a cache of immutable data, not state: any app server may rebuild
# it at any time.
_PARSED: dict[str, Framework] = {}


class FrameworkVersion(models.Model):
    """One version of a diagnostic framework, stored whole: its structure never changes under an
    assessment; its wording may improve (services.frameworks.store_framework)."""

    code = models.SlugField(_("code"), max_length=40)
    version = models.CharField(_("version"), max_length=20)
    title = models.JSONField(_("title"))
    checksum = models.CharField(_("checksum"), max_length=64)
    content = models.JSONField(_("content"))
    is_current = models.BooleanField(
        _("offered for new assessments"),
        default=True,
        help_text=_("The version new assessments of this framework use."),
    )
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        ordering = ["code", "-loaded_at"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_framework_version")
        ]

    def __str__(self):
        return f"{self.display_title} {self.version}"

    def get_absolute_url(self):
        return reverse("diagnostic:framework", args=[self.code, self.version])

    @property
    def display_title(self) -> str:
        return translate(self.title, get_language() or "en")

    @property
    def framework(self) -> Framework:
        parsed = _PARSED.get(self.checksum)
        if parsed is None:
            parsed = Framework.model_validate(self.content)
            if len(_PARSED) >= 32:
                _PARSED.clear()
            _PARSED[self.checksum] = parsed
        return parsed


class AssessmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_public=True, status=Assessment.Status.VALIDATED)

    def visible_to(self, user):
        """Whose results the user may see: published ones for everybody, and every assessment
        whose answers they may see."""
        return self.published() | self.answers_visible_to(user)

    def answers_visible_to(self, user):
        """Whose answers, drafts, evidence and plans the user may see: their own city's, and
        those of the members they look after as staff."""
        own = self.filter(member_id__in=member_ids_for(user))
        return own | managed(self, user, through="member__")


class Assessment(models.Model):
    """A member's self-assessment against one framework version, for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for validation")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", _("Validated")

    EDITABLE = (Status.DRAFT, Status.RETURNED)

    member = models.ForeignKey(
        "members.Member",
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("member"),
    )
    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("framework"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_public = models.BooleanField(_("published"), default=False)
    share_with_peers = models.BooleanField(
        _("counted in anonymous peer statistics"),
        default=False,
        help_text=_("Without publishing: the scores only count in statistics of 5 cities or more."),
    )
    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("Invented results of the demo network, loaded for trying the platform."),
    )
    population = models.PositiveBigIntegerField(
        _("population used for this assessment"),
        null=True,
        blank=True,
        help_text=_("Some questions only apply above or below a population."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    # Scores are recomputed on every change (a few milliseconds) and kept for lists and peers.
    overall_score = models.FloatField(_("overall score"), null=True, blank=True)
    coverage = models.FloatField(_("coverage"), default=0)
    stage = models.CharField(_("maturity stage"), max_length=40, blank=True)
    domain_scores = models.JSONField(_("domain scores"), default=dict, blank=True)
    indicator_scores = models.JSONField(_("indicator scores"), default=dict, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "member__name"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "framework_version", "year"], name="one_assessment_per_year"
            )
        ]
        indexes = [
            models.Index(fields=["status", "is_public"]),
            # Pages ask "is any of this demo data?": answered from the few demo rows alone.
            models.Index(
                fields=["framework_version"],
                condition=models.Q(is_demo=True),
                name="demo_assessments",
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.framework_version} · {self.year}"

    def get_absolute_url(self):
        return reverse("diagnostic:assessment", args=[self.pk])

    @property
    def framework(self) -> Framework:
        return self.framework_version.framework

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    def city_context(self) -> CityContext:
        population = self.population if self.population is not None else self.member.population
        return CityContext(population=population, kind=self.member.kind)

    def answer_values(self) -> dict[str, AnswerValue]:
        return {answer.question_code: answer.as_value() for answer in self.answers.all()}

    def score_metrics(self) -> dict[str, float | None]:
        """The stored scores by metric: "overall", each domain code, each indicator code.

        They are recomputed on every change of the answers, so nothing needs rescoring.
        """
        metrics = {"overall": self.overall_score}
        metrics.update({code: item.get("score") for code, item in self.domain_scores.items()})
        metrics.update(self.indicator_scores)
        return metrics


def evidence_path(answer, filename: str) -> str:
    # The name is ours, not the uploader's: the question code and the kind the content showed
    # (services.assessments.attach_evidence names the upload "<code>.<kind>").
    kind = filename.rsplit(".", 1)[-1]
    name = evidence_name(f"{answer.question_code}-{uuid.uuid4().hex[:8]}.{kind}", kind)
    return f"evidence/{answer.assessment_id}/{name}"


class Answer(models.Model):
    """The current answer to one question of an assessment (its history is in AnswerRevision)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(_("question"), max_length=40)
    value = models.JSONField(_("answer"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=MAX_COMMENT,
        validators=[MaxLengthValidator(MAX_COMMENT)],
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question_code"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question_code}: {self.value}"

    def as_value(self) -> AnswerValue:
        return AnswerValue(value=self.value, not_applicable=self.not_applicable)

    @property
    def evidence_name(self) -> str:
        return self.evidence_file.name.rsplit("/", 1)[-1] if self.evidence_file else ""


class AnswerRevision(models.Model):
    """One change to one answer: who, when, from where, and what it became."""

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        WORKBOOK = "workbook", _("Workbook upload")
        API = "api", _("API")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="revisions")
    question_code = models.CharField(_("question"), max_length=40)
    value = models.JSONField(_("answer"), null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=MAX_COMMENT,
        validators=[MaxLengthValidator(MAX_COMMENT)],
    )
    evidence = models.CharField(_("evidence"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("answer revision")
        verbose_name_plural = _("answer revisions")
        indexes = [models.Index(fields=["assessment", "question_code"])]

    def __str__(self):
        return f"{self.question_code} at {self.changed_at:%Y-%m-%d %H:%M}"


class DomainAssignment(models.Model):
    """A colleague in charge of answering one domain of an assessment."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    domain_code = models.CharField(_("domain"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="domain_assignments",
        verbose_name=_("colleague"),
    )

    class Meta:
        verbose_name = _("domain assignment")
        verbose_name_plural = _("domain assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain_code"], name="one_person_per_domain"
            )
        ]

    def __str__(self):
        return f"{self.domain_code}: {self.user}"


class AssessmentEvent(models.Model):
    """A step in an assessment's life: started, submitted, returned (with why), validated..."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        SUBMITTED = "submitted", _("Submitted for validation")
        RETURNED = "returned", _("Returned for changes")
        VALIDATED = "validated", _("Validated")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Withdrawn from publication")
        WORKBOOK_IMPORTED = "workbook-imported", _("Workbook imported")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=30, choices=Kind.choices)
    comment = models.TextField(
        _("comment"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("assessment event")
        verbose_name_plural = _("assessment events")

    def __str__(self):
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class WorkbookUpload(models.Model):
    """A filled workbook that was read, waiting for the person to confirm what it changes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="uploads")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    changes = models.JSONField(_("changes"), default=list)
    problems = models.JSONField(_("problems"), default=list)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workbook upload")
        verbose_name_plural = _("workbook uploads")

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"


class PeerScore(models.Model):
    """One score of a member's latest shared assessment, kept for peer statistics.

    Rows are replaced for one member when that member publishes, shares or withdraws an
    assessment, so statistics never need the whole network recomputed. Group attributes are
    copied in so a peer group is one indexed filter.
    """

    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    metric = models.CharField(max_length=40)  # "overall", a domain or an indicator code
    value = models.FloatField()
    # Published (not only shared anonymously): such a member may be named as a helper.
    published = models.BooleanField(default=False)
    region = models.CharField(max_length=20)
    country = models.CharField(max_length=2)
    population_band = models.CharField(max_length=20, blank=True)
    income_group = models.CharField(max_length=20, blank=True)

    class Meta:
        verbose_name = _("peer score")
        verbose_name_plural = _("peer scores")
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "member", "metric"], name="one_peer_score_per_metric"
            )
        ]
        indexes = [
            models.Index(fields=["framework_version", "metric", "value"]),
            models.Index(
                fields=["framework_version", "metric", "-value"],
                condition=models.Q(published=True),
                name="published_peer_scores",
            ),
            models.Index(fields=["framework_version", "region", "metric"]),
            models.Index(fields=["framework_version", "country", "metric"]),
            models.Index(fields=["framework_version", "population_band", "metric"]),
            models.Index(fields=["framework_version", "income_group", "metric"]),
        ]

    def __str__(self):
        return f"{self.member_id} {self.metric}: {self.value:.1f}"


class PeerGroupScores(models.Model):
    """The sorted scores of one peer group on one domain-level metric.

    Kept up to date one member at a time (remove its old score, insert its new one), so a
    benchmark page reads a handful of rows instead of scanning the network's peer scores.
    """

    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20)  # all, region, country, population, income
    key = models.CharField(max_length=40, blank=True)
    metric = models.CharField(max_length=40)
    # The scores, sorted ascending, packed as 8-byte floats: read back without parsing.
    packed = models.BinaryField(default=b"")

    class Meta:
        verbose_name = _("peer group scores")
        verbose_name_plural = _("peer group scores")
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "kind", "key", "metric"], name="one_list_per_group"
            )
        ]

    def __str__(self):
        return f"{self.kind}:{self.key} {self.metric} ({len(self.packed) // 8})"

    @property
    def values(self) -> array:
        return array("d", bytes(self.packed))

    @values.setter
    def values(self, values) -> None:
        self.packed = array("d", values).tobytes()


class NetworkScore(models.Model):
    """A score of a member's latest validated assessment, for the staff's network dashboard.

    Like PeerScore, but for every validated assessment (staff see all, shared or not), and with
    the overall score of the cycle before, for the movement since then. Replaced for one member
    when one of its assessments is validated.
    """

    framework_version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=20)
    metric = models.CharField(max_length=40)  # "overall", a domain or an indicator code
    value = models.FloatField()
    previous = models.FloatField(null=True)  # the previous cycle's value ("overall" rows)

    class Meta:
        verbose_name = _("network score")
        verbose_name_plural = _("network scores")
        constraints = [
            models.UniqueConstraint(
                fields=["framework_version", "member", "metric"], name="one_network_score"
            )
        ]
        indexes = [models.Index(fields=["framework_version", "metric", "region"])]

    def __str__(self):
        return f"{self.member_id} {self.metric}: {self.value:.1f}"


class RoadmapEdit(models.Model):
    """The official's change to one item of the proposed roadmap: moved, dropped or annotated."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="roadmap_edits"
    )
    indicator_code = models.CharField(_("indicator"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year of the plan"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("place in the year"), null=True, blank=True)
    dropped = models.BooleanField(_("dropped"), default=False)
    note = models.TextField(
        _("note"), blank=True, max_length=limits.NOTE, validators=[MaxLengthValidator(limits.NOTE)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("roadmap edit")
        verbose_name_plural = _("roadmap edits")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator_code"], name="one_edit_per_roadmap_item"
            )
        ]

    def __str__(self):
        return f"{self.assessment_id} {self.indicator_code}"


class PeerGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A custom peer group is its city's own: only the city's users see and change it."""
        return self.filter(owner_id__in=member_ids_for(user))


class PeerGroup(models.Model):
    """A peer group a member picks itself: the cities it wants to be compared with.

    Only the published results of its cities are compared (never the anonymously shared ones),
    so a hand-picked group cannot single out a city's unpublished data.
    """

    owner = models.ForeignKey(
        "members.Member", on_delete=models.CASCADE, related_name="peer_groups"
    )
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(
        "members.Member", related_name="+", verbose_name=_("cities in the group")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PeerGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="peer_group_names_unique")
        ]

    def __str__(self):
        return self.name
