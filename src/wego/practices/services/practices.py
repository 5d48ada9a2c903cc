"""A practice's life: saved (every version kept), submitted, reviewed, published, revised."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wego.core.text import plain_text
from wego.practices.domain.practice import missing_for_publication
from wego.practices.domain.sanitise import rich_text
from wego.practices.models import TRANSLATIONS, Practice, PracticeRevision, PracticeTag
from wego.practices.services import keyword, semantic

RICH_FIELDS = (
    "summary",
    *(f"summary_{code}" for code in TRANSLATIONS),
    "problem",
    "solution",
    "results",
    "lessons",
    "contacts",
)
PLAIN_FIELDS = ("title", *(f"title_{code}" for code in TRANSLATIONS), "city")


class NotReady(ValueError):
    """The practice lacks fields it needs for publication."""

    def __init__(self, missing: list[str]):
        super().__init__(", ".join(missing))
        self.missing = missing


def unique_slug(title: str, city: str, exclude_pk=None) -> str:
    base = slugify(f"{city} {title}")[:100] or "practice"
    slug, number = base, 2
    others = Practice.objects.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def save(practice: Practice, user, embed: bool = True) -> Practice:
    """Clean the texts, keep a revision, refresh tags and the search indexes.

    `embed=False` leaves the embedding to the caller (a bulk load embeds all in one job).
    """
    for name in RICH_FIELDS:
        setattr(practice, name, rich_text(getattr(practice, name) or ""))
    for name in PLAIN_FIELDS:
        setattr(practice, name, plain_text(getattr(practice, name) or ""))
    if not practice.slug:
        practice.slug = unique_slug(practice.title, practice.city, practice.pk)
    if practice.created_by_id is None:
        practice.created_by = user
    practice.save()
    _keep_revision(practice, user)
    _refresh_tags(practice)
    keyword.index(practice)
    if embed:
        semantic.embed_soon(practice)  # queued in this transaction: runs once it commits
    return practice


def _keep_revision(practice, user):
    last = practice.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    PracticeRevision.objects.create(
        practice=practice,
        number=last + 1,
        data=practice.values(),
        status=practice.status,
        saved_by=user,
    )


def _refresh_tags(practice):
    practice.tags.all().delete()
    wanted = (
        [(PracticeTag.Kind.TECHNOLOGY, v) for v in practice.technologies]
        + [(PracticeTag.Kind.INDICATOR, v) for v in practice.indicators]
        + [(PracticeTag.Kind.SDG, v) for v in practice.sdg_targets]
    )
    PracticeTag.objects.bulk_create(
        [PracticeTag(practice=practice, kind=kind, value=value[:60]) for kind, value in wanted],
        ignore_conflicts=True,
    )


def submit(practice: Practice, user) -> None:
    """The city sends its practice for review; it must be complete first."""
    missing = missing_for_publication(practice.values())
    if missing:
        raise NotReady(missing)
    practice.status = Practice.Status.REVIEW
    save(practice, user)


def publish(practice: Practice, user) -> None:
    missing = missing_for_publication(practice.values())
    if missing:
        raise NotReady(missing)
    practice.status, practice.review_comment = Practice.Status.PUBLISHED, ""
    practice.published_at = practice.published_at or timezone.now()
    save(practice, user)


def return_to_city(practice: Practice, user, comment: str) -> None:
    practice.status, practice.review_comment = Practice.Status.DRAFT, comment
    save(practice, user)


def revise(practice: Practice, user) -> None:
    """A published practice goes back to draft (off the public site) for the city to change."""
    practice.status = Practice.Status.DRAFT
    save(practice, user)
