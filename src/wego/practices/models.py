"""Good practices of member cities: what they did, what it cost, what came of it."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wego.accounts.roles import is_secretariat, managed, member_ids_for
from wego.core import limits
from wego.core.i18n import Localised, localise
from wego.core.models import EvidenceFile
from wego.core.text import plain_text
from wego.core.uploads import evidence_name
from wego.practices.domain import practice as rules

# Texts of a practice. The summary is a few sentences (it also starts an award application,
# whose summary has the same limit); each part of the story (problem, solution, results,
# lessons) may take about three pages; the contacts a few lines; the links one web address a
# line, about twenty of them.
TITLE_LENGTH = 200
SUMMARY_LENGTH = 5_000
STORY_LENGTH = 10_000
CONTACTS_LENGTH = 1_000
LINKS_LENGTH = 4_000
SHORT_SUMMARY_WORDS = 40

# A city writes its practice in one language (`language`); its title and summary may also be
# given in the interface's languages, so that readers find it and see what it is about in
# theirs. The rest of the story stays in the language it was written in.
TRANSLATIONS = {
    "en": (_("title in English"), _("summary in English")),
    "ko": (_("title in Korean"), _("summary in Korean")),
    "ar": (_("title in Arabic"), _("summary in Arabic")),
}


def translated_title(label):
    return models.CharField(label, max_length=TITLE_LENGTH, blank=True)


def translated_summary(label):
    return models.TextField(
        label,
        blank=True,
        max_length=SUMMARY_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_LENGTH)],
    )


class Category(models.TextChoices):
    """The five categories of the WeGO Awards, also used to file practices."""

    SERVICES = "services", _("Services")
    EFFICIENCY = "efficiency", _("Efficiency")
    OPEN_CITY = "open-city", _("Open City")
    URBAN_MANAGEMENT = "urban-management", _("Urban Management")
    DIGITAL_DIVIDE = "digital-divide", _("Digital Divide")


class CostRange(models.TextChoices):
    UNDER_100K = "under-100k", _("Under USD 100,000")
    FROM_100K = "100k-1m", _("USD 100,000 to 1 million")
    FROM_1M = "1m-10m", _("USD 1 to 10 million")
    OVER_10M = "over-10m", _("Over USD 10 million")


class PrizeTier(models.TextChoices):
    BEST = "best", _("Best e-Government Prize")
    OUTSTANDING = "outstanding", _("Outstanding e-Government Prize")
    MOST_PROMISING = "most-promising", _("Most Promising e-Government Prize")


assert tuple(TRANSLATIONS) == rules.TRANSLATED_LANGUAGES
assert set(TRANSLATIONS) == {code for code, _name in settings.LANGUAGES}
assert tuple(Category.values) == rules.CATEGORIES and tuple(CostRange.values) == rules.COST_RANGES


class PracticeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Published practices for everybody; a city's own in every state; those of the
        members they look after for staff (the secretariat: all, member or not)."""
        return self.published() | self.drafts_visible_to(user)

    def drafts_visible_to(self, user):
        """Practices the user may see before they are published."""
        if is_secretariat(user):
            return self
        own = self.filter(member_id__in=member_ids_for(user))
        return own | managed(self.filter(member__isnull=False), user, through="member__")

    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("web address name"), max_length=120, unique=True)
    title = models.CharField(pgettext_lazy("practice", "title"), max_length=TITLE_LENGTH)
    title_en = translated_title(TRANSLATIONS["en"][0])
    title_ko = translated_title(TRANSLATIONS["ko"][0])
    title_ar = translated_title(TRANSLATIONS["ar"][0])
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("member"),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    award_year = models.PositiveSmallIntegerField(_("WeGO Awards year"), null=True, blank=True)
    award_tier = models.CharField(_("prize"), max_length=20, choices=PrizeTier.choices, blank=True)
    year_started = models.PositiveSmallIntegerField(_("year started"), null=True, blank=True)
    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=SUMMARY_LENGTH,
        validators=[MaxLengthValidator(SUMMARY_LENGTH)],
    )
    summary_en = translated_summary(TRANSLATIONS["en"][1])
    summary_ko = translated_summary(TRANSLATIONS["ko"][1])
    summary_ar = translated_summary(TRANSLATIONS["ar"][1])
    problem = models.TextField(
        _("problem"),
        blank=True,
        max_length=STORY_LENGTH,
        validators=[MaxLengthValidator(STORY_LENGTH)],
    )
    solution = models.TextField(
        _("solution"),
        blank=True,
        max_length=STORY_LENGTH,
        validators=[MaxLengthValidator(STORY_LENGTH)],
    )
    results = models.TextField(
        _("results"),
        blank=True,
        max_length=STORY_LENGTH,
        validators=[MaxLengthValidator(STORY_LENGTH)],
    )
    lessons = models.TextField(
        _("lessons learned"),
        blank=True,
        max_length=STORY_LENGTH,
        validators=[MaxLengthValidator(STORY_LENGTH)],
    )
    technologies = models.JSONField(_("technologies"), default=list, blank=True)
    cost_range = models.CharField(_("cost"), max_length=20, choices=CostRange.choices, blank=True)
    months_to_implement = models.PositiveSmallIntegerField(
        _("months to implement"), null=True, blank=True
    )
    contacts = models.TextField(
        _("contacts"),
        blank=True,
        max_length=CONTACTS_LENGTH,
        validators=[MaxLengthValidator(CONTACTS_LENGTH)],
    )
    links = models.TextField(
        _("links"),
        blank=True,
        help_text=_("One web address per line."),
        max_length=LINKS_LENGTH,
        validators=[MaxLengthValidator(LINKS_LENGTH)],
    )
    indicators = models.JSONField(_("CeDS indicators"), default=list, blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    review_comment = models.TextField(
        _("comment from the reviewer"),
        blank=True,
        max_length=limits.COMMENT,
        validators=[MaxLengthValidator(limits.COMMENT)],
    )
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # PostgreSQL's weighted text vector (GIN-indexed there); SQLite keeps an FTS5 table instead.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        indexes = [
            models.Index(fields=["status", "category"]),
            models.Index(fields=["status", "-published_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def city_name(self) -> str:
        """The city as the reader calls it: a member's name in the reader's language, else the
        name the practice was written with (a city outside the member list)."""
        return self.member.name if self.member_id and self.member else self.city

    def title_in(self, language: str) -> Localised:
        """The title for a reader of `language`: its translation, else the English one, else
        the original, saying which language it is in."""
        return self._in_language("title", language)

    def summary_in(self, language: str) -> Localised:
        return self._in_language("summary", language)

    def _in_language(self, field: str, language: str) -> Localised:
        texts = {code: getattr(self, f"{field}_{code}") for code in TRANSLATIONS}
        texts[self.language] = getattr(self, field)  # the city's own words win in their language
        found = localise(texts, language)
        return found if found.text else Localised(getattr(self, field), self.language)

    @property
    def shown_title(self) -> Localised:
        """The title in the language of the page being drawn, for {{ ...|in_its_language }}."""
        return self.title_in(get_language() or "en")

    @property
    def short_summary(self) -> Localised:
        """The first words of the summary in the page's language, as plain text, for lists."""
        summary = self.summary_in(get_language() or "en")
        words = Truncator(plain_text(summary.text)).words(SHORT_SUMMARY_WORDS)
        return Localised(words, summary.language)

    def values(self) -> dict:
        """The fields as plain values, for the domain rules and revisions."""
        return {
            field: getattr(self, field)
            for field in (
                "title",
                *(f"title_{code}" for code in TRANSLATIONS),
                "city",
                "category",
                "award_year",
                "award_tier",
                "year_started",
                "summary",
                *(f"summary_{code}" for code in TRANSLATIONS),
                "problem",
                "solution",
                "results",
                "lessons",
                "technologies",
                "cost_range",
                "months_to_implement",
                "contacts",
                "links",
                "indicators",
                "sdg_targets",
                "language",
            )
        } | {"country": self.country.code or "", "member": self.member_id}

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PracticeTag(models.Model):
    """One filterable value of a practice (technology, indicator, SDG target), for facets."""

    class Kind(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology")
        INDICATOR = "indicator", _("CeDS indicator")
        SDG = "sdg", _("SDG target")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "kind", "value"], name="unique_tag")
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        return f"{self.kind}: {self.value}"


class PracticeRevision(models.Model):
    """Every saved version of a practice, so nothing is lost and changes can be followed."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    status = models.CharField(max_length=20)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="unique_revision")
        ]

    def __str__(self):
        return f"{self.practice_id} v{self.number}"


def practice_file_path(instance, filename):
    # Named after the kind its content showed, never the uploader's extension.
    return f"practices/{instance.practice_id}/{evidence_name(filename, instance.kind)}"


class PracticeFile(EvidenceFile):
    """An image or PDF document of a practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=practice_file_path, max_length=300)


class PracticeEmbedding(models.Model):
    """A practice's text embedding (float32, normalised) for search by meaning."""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, related_name="embedding")
    model = models.CharField(max_length=100)
    vector = models.BinaryField()
    text_checksum = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.practice_id} ({self.model})"
