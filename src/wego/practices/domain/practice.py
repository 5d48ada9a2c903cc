"""What a good practice is made of, and when it is complete enough to publish. Plain Python."""

from __future__ import annotations

import re

CATEGORIES = ("services", "efficiency", "open-city", "urban-management", "digital-divide")
COST_RANGES = ("under-100k", "100k-1m", "1m-10m", "over-10m")
PRIZE_TIERS = ("best", "outstanding", "most-promising")

# Needed before a practice can be published: a reader must learn what was done and what came of it.
REQUIRED_FOR_PUBLICATION = (
    "title",
    "city",
    "country",
    "category",
    "summary",
    "problem",
    "solution",
    "results",
    "cost_range",
    "months_to_implement",
    "language",
)

SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-d])$")

# The interface's languages: a practice's title and summary may be given in each of them, beside
# the language the city wrote it in.
TRANSLATED_LANGUAGES = ("en", "ko", "ar")


def missing_for_publication(values: dict) -> list[str]:
    """The required fields that are empty, in form order."""
    return [name for name in REQUIRED_FOR_PUBLICATION if values.get(name) in (None, "", [])]


def split_list(raw: str) -> list[str]:
    """Items typed with commas, the Arabic comma included ("GIS، mobile app")."""
    return [item.strip() for item in raw.replace("\u060c", ",").split(",") if item.strip()]


def clean_tags(raw: str | list[str]) -> list[str]:
    """Technology tags: lower case, trimmed, unique, in the order given ("GIS, Mobile app")."""
    items = split_list(raw) if isinstance(raw, str) else raw
    seen: dict[str, None] = {}
    for item in items:
        tag = " ".join(item.strip().lower().split())
        if tag:
            seen.setdefault(tag[:60], None)
    return list(seen)


def invalid_sdg_targets(targets: list[str]) -> list[str]:
    return [t for t in targets if not SDG_TARGET.match(t)]


def titles(values: dict) -> list[str]:
    """The title as the city wrote it, then in every other language it is given in."""
    found = [values.get("title", "")]
    found += [values.get(f"title_{code}", "") for code in TRANSLATED_LANGUAGES]
    return list(dict.fromkeys(t for t in found if t))


def summaries(values: dict) -> list[str]:
    found = [values.get("summary", "")]
    found += [values.get(f"summary_{code}", "") for code in TRANSLATED_LANGUAGES]
    return list(dict.fromkeys(s for s in found if s))


def search_text(values: dict) -> str:
    """The text a practice is found by: titles and summaries first (in every language they are
    given in), then the rest of the story."""
    parts = [
        *titles(values),
        *summaries(values),
        values.get("problem", ""),
        values.get("solution", ""),
        values.get("results", ""),
        values.get("lessons", ""),
        " ".join(values.get("technologies", [])),
    ]
    return "\n".join(p for p in parts if p)


MEANING_WORDS = 200
TAG = re.compile(r"<[^>]+>")


def meaning_text(values: dict) -> str:
    """What a practice is about, for its embedding: its titles, summary and the problem it solves.

    Shorter than the full text on purpose: on the 44 first test queries, embedding title,
    summary and problem gave a recall@5 of 0.93 against 0.86 for everything, at half the cost
    (how-to details and figures blur what the practice is about). The titles in the other
    languages come first: on the 113 test queries with an answer, recall@5 by meaning went from
    0.95, 0.94, 0.97 (English, Korean, Arabic) to 0.96, 0.95, 0.98 with them
    (bench/bench_search_relevance.py; domain.vectors mixes in the titles' own embeddings).
    """
    text = "\n".join(
        [*titles(values), *(v for v in (values.get("summary"), values.get("problem")) if v)]
    )
    words = TAG.sub(" ", text).split()  # formatting tags say nothing about the meaning
    return " ".join(words[:MEANING_WORDS])


def title_texts(values: dict) -> list[str]:
    """The title in each interface language, the original where there is no translation: each
    is embedded on its own too, because a short query is closest to a short title."""
    return [values.get(f"title_{code}") or values.get("title", "") for code in TRANSLATED_LANGUAGES]


WORD = re.compile(r"\w+", re.UNICODE)
QUERY_WORDS = 32

# Words that say nothing about what a practice does, in the interface's languages. PostgreSQL's
# English configuration drops the English ones itself; SQLite's full-text search does not, and
# any-word matching would then find every practice with "the" or "في" (in) in its text.
STOP_WORDS = frozenset(
    """a about after all also an and any are as at be been before but by can could do does for
    from get has have how i if in into is it its my no not of on or our so some than that the
    their them then there these they this to up us was we what when where which who why will
    with without would you your
    및 등 그 이 저 것 수 위한 위해 대한 통한 어떻게 무엇 있는 하는 없는
    في من على إلى عن مع أن أو و ثم قد كل بين دون عبر التي الذي الذين هذا هذه ذلك تلك كيف ما
    ماذا لا لم لن هل هو هي هم نحن""".split()
)


def search_words(query: str) -> list[str]:
    """The words of a query worth matching: lower case, without stop words, at most 32."""
    found = [w.lower() for w in WORD.findall(query)]
    return [w for w in found if w not in STOP_WORDS][:QUERY_WORDS]
