"""Finding practices: filters and facets, by keywords, by meaning, or both merged."""

from dataclasses import dataclass, field

from django.db.models import Count

from wego.practices.domain.vectors import reciprocal_rank_fusion
from wego.practices.models import Practice, PracticeTag
from wego.practices.services import keyword, semantic

BOTH, KEYWORD, MEANING = "both", "keyword", "meaning"
MODES = (BOTH, KEYWORD, MEANING)
CANDIDATES = 100  # matches taken from each method before merging and paging
FACET_SIZE = 12


@dataclass
class Filters:
    category: str = ""
    region: str = ""
    indicator: str = ""
    sdg: str = ""
    technology: str = ""
    cost: str = ""
    awarded: bool = False

    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class SearchPage:
    practices: list[Practice]
    total: int
    mode: str  # the method used (may differ from the one asked: no model installed)
    facets: dict = field(default_factory=dict)
    fell_back: bool = False


def filtered(filters: Filters):
    practices = Practice.objects.published()
    if filters.category:
        practices = practices.filter(category=filters.category)
    if filters.region:
        practices = practices.filter(member__region=filters.region)
    if filters.cost:
        practices = practices.filter(cost_range=filters.cost)
    if filters.awarded:
        practices = practices.exclude(award_tier="")
    for kind, value in (
        (PracticeTag.Kind.INDICATOR, filters.indicator),
        (PracticeTag.Kind.SDG, filters.sdg),
        (PracticeTag.Kind.TECHNOLOGY, filters.technology),
    ):
        if value:
            practices = practices.filter(tags__kind=kind, tags__value=value)
    return practices


def ranked_ids(practices, query: str, mode: str) -> tuple[list[int], str, bool]:
    """Ids best first, the mode used, and whether search by meaning was missing.

    By words alone, a practice with any of the query's words is found (officials type
    questions). Merged with meaning, only those with every word are: the practices that merely
    share one word of a question ("management" of "cemetery management") are far away in
    meaning, and would pad the results (bench/bench_search_relevance.py: with any word, 38%,
    42% and 75% of the queries without an answer showed nothing in English, Korean and Arabic,
    and precision was 0.05 to 0.17; with every word, 94%, 92% and 92%, and 0.66 to 0.83).
    """
    wants_meaning = mode in (BOTH, MEANING)
    if wants_meaning and not semantic.available():
        mode = KEYWORD
    if mode == KEYWORD:
        return _ids(keyword.search(practices, query, CANDIDATES)), KEYWORD, wants_meaning
    by_meaning = _ids(semantic.search(practices, query, CANDIDATES))
    if mode == MEANING:
        return by_meaning, MEANING, False
    by_words = _ids(keyword.search(practices, query, CANDIDATES, every_word=True))
    return reciprocal_rank_fusion(by_meaning, by_words), BOTH, False


def _ids(scored: list[tuple[int, float]]) -> list[int]:
    return [pk for pk, _score in scored]


def search(query: str, filters: Filters, mode: str = BOTH, page: int = 1, per_page: int = 20):
    practices = filtered(filters)
    start = (page - 1) * per_page
    query = query.strip()[:300]
    if not query:
        total = practices.count()
        shown = list(
            practices.select_related("member").order_by("-published_at", "pk")[
                start : start + per_page
            ]
        )
        return SearchPage(shown, total, mode, facets(practices))
    ids, used, fell_back = ranked_ids(practices, query, mode)
    wanted = ids[start : start + per_page]
    found = Practice.objects.select_related("member").in_bulk(wanted)
    shown = [found[pk] for pk in wanted if pk in found]
    return SearchPage(shown, len(ids), used, facets(Practice.objects.filter(pk__in=ids)), fell_back)


def facets(practices) -> dict:
    """Counts per value of each filter over the practices found."""
    plain = practices.order_by()

    def counts(field_name):
        rows = plain.values(field_name).annotate(n=Count("pk", distinct=True)).order_by("-n")
        return [(row[field_name], row["n"]) for row in rows if row[field_name]]

    tags = (
        PracticeTag.objects.filter(practice__in=plain.values("pk"))
        .values("kind", "value")
        .annotate(n=Count("practice", distinct=True))
        .order_by("-n", "value")
    )
    by_kind: dict[str, list] = {kind: [] for kind in PracticeTag.Kind.values}
    for row in tags:
        if len(by_kind[row["kind"]]) < FACET_SIZE:
            by_kind[row["kind"]].append((row["value"], row["n"]))
    return {
        "category": counts("category"),
        "region": counts("member__region"),
        "cost": counts("cost_range"),
        "technology": by_kind[PracticeTag.Kind.TECHNOLOGY],
        "indicator": by_kind[PracticeTag.Kind.INDICATOR],
        "sdg": by_kind[PracticeTag.Kind.SDG],
    }


def similar_to(practice: Practice, limit: int = 4) -> list[Practice]:
    """Practices near this one in meaning; without a model, those sharing its tags."""
    others = Practice.objects.published().exclude(pk=practice.pk)
    ids = []
    if semantic.available():
        ids = [pk for pk, _s in semantic.search_near(others, practice, limit)]
    if not ids:
        shared = PracticeTag.objects.filter(practice=practice).values_list("kind", "value")
        ids = list(
            others.filter(tags__value__in=[value for _k, value in shared])
            .annotate(n=Count("tags"))
            .order_by("-n", "-published_at")
            .values_list("pk", flat=True)[:limit]
        )
    found = others.select_related("member").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
