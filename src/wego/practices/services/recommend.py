"""Practices to recommend for an indicator of the diagnostic: tagged with it, and about it.

A city's tag says that a practice improves an indicator; the practice's meaning must agree
(domain.relevance.fits), so that a wrong tag alone cannot recommend it. Those kept are ranked
by how close the practice's meaning is to the indicator's title and description, award
winners first among equals. Without a sentence model the tags alone decide.
"""

import hashlib
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.utils.translation import get_language

from wego.core.i18n import Localised, translate
from wego.diagnostic.models import FrameworkVersion
from wego.practices.domain import relevance, vectors
from wego.practices.models import Practice, PracticeEmbedding, PracticeTag
from wego.practices.services import semantic


@dataclass(frozen=True)
class Recommendation:
    """A practice as the diagnostic's pages show it: its title in the reader's language."""

    title: Localised
    city: str
    category: str
    url: str
    slug: str

    def get_absolute_url(self) -> str:
        return self.url

    def get_category_display(self) -> str:
        return self.category


def recommendation(practice: Practice) -> Recommendation:
    return Recommendation(
        title=practice.title_in(get_language() or "en"),
        city=practice.city_name,
        category=str(practice.get_category_display()),
        url=practice.get_absolute_url(),
        slug=practice.slug,
    )


def for_each_indicator(codes: list[str], exclude_member=None, per_code: int = 2) -> dict:
    """{indicator code: up to `per_code` Recommendations}, the most relevant first."""
    tagged = tagged_practices(codes, exclude_member)
    if semantic.available():
        tagged = about_their_indicators(tagged)
    found = {}
    for code, practices in tagged.items():
        if practices:
            found[code] = [recommendation(p) for p, _score in practices[:per_code]]
    return found


def tagged_practices(codes: list[str], exclude_member) -> dict[str, list[tuple]]:
    """{code: [(published practice tagged with it, 0.0)]}, award winners first; one query."""
    tags = (
        PracticeTag.objects.filter(
            kind=PracticeTag.Kind.INDICATOR,
            value__in=codes,
            practice__status=Practice.Status.PUBLISHED,
        )
        .select_related("practice", "practice__member")
        .order_by("value", "-practice__award_year", "-practice__published_at", "practice_id")
    )
    if exclude_member is not None:
        tags = tags.exclude(practice__member=exclude_member)
    found: dict[str, list[tuple]] = {}
    for tag in tags:
        found.setdefault(tag.value, []).append((tag.practice, 0.0))
    return found


def about_their_indicators(tagged: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The tagged practices whose meaning is about the indicator, nearest first. A practice
    not embedded yet waits for its embedding (minutes after it is saved)."""
    model = semantic.encoder()
    indicators = indicator_vectors(model)
    if not indicators:
        return tagged
    codes = list(indicators)
    matrix = np.stack([indicators[code] for code in codes])
    practice_ids = {p.pk for pairs in tagged.values() for p, _s in pairs}
    scores = {
        pk: dict(zip(codes, (matrix @ vector).tolist(), strict=True))
        for pk, vector in practice_vectors(model, practice_ids).items()
    }
    kept = {}
    for code, pairs in tagged.items():
        fitting = [
            (practice, scores[practice.pk][code])
            for practice, _s in pairs
            if practice.pk in scores and relevance.fits(scores[practice.pk], code)
        ]
        kept[code] = sorted(fitting, key=lambda pair: -pair[1])  # stable: winners first on ties
    return kept


def practice_vectors(model, practice_ids) -> dict[int, np.ndarray]:
    rows = PracticeEmbedding.objects.filter(practice_id__in=practice_ids, model=model.name)
    return {
        pk: vectors.unpack(bytes(vector), model.dim)
        for pk, vector in rows.values_list("practice_id", "vector")
    }


def indicator_texts() -> dict[str, str]:
    """{code: title and description} of the current CeDS indicators, in English (the language
    the framework is written in first, and the one measured)."""
    version = FrameworkVersion.objects.filter(code="ceds", is_current=True).first()
    if version is None:
        return {}
    return {
        code: "\n".join(t for t in (translate(i.title), translate(i.description)) if t)
        for code, i in version.framework.indicator_map().items()
    }


def indicator_vectors(model) -> dict[str, np.ndarray]:
    """{code: unit vector} of the indicators' texts, kept in the shared cache by their text."""
    texts = indicator_texts()
    if not texts:
        return {}
    stamp = hashlib.sha256("\x1f".join(f"{c}\x1e{t}" for c, t in texts.items()).encode())
    key = f"indicator-vectors:{model.name}:{stamp.hexdigest()}"
    blob = cache.get(key)
    if blob is None:
        blob = vectors.pack(model.encode(list(texts.values())))
        cache.set(key, blob, timeout=7 * 24 * 3600)
    matrix = vectors.matrix_from_blob(blob, len(texts), model.dim)
    return dict(zip(texts, matrix, strict=True))
