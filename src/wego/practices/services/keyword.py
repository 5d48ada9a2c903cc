"""Full-text search: PostgreSQL's text search in production, SQLite's FTS5 when embedded.

Both rank with their own relevance function (ts_rank, bm25) and match ANY of the query's
words, because officials type questions ("how do we get citizens to report potholes?"), not
keyword lists; the ranking puts practices with more and rarer matching words first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F

from wego.practices.domain.practice import TRANSLATED_LANGUAGES, search_text, search_words, titles


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def index(practice) -> None:
    """(Re)index one practice; call after every save of its text."""
    if is_postgres():
        from wego.practices.models import Practice

        Practice.objects.filter(pk=practice.pk).update(search_vector=weighted_vector())
        return
    values = practice.values()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice.pk])
        cursor.execute(
            "INSERT INTO practices_fts (rowid, title, body) VALUES (%s, %s, %s)",
            [practice.pk, "\n".join(titles(values)), search_text(values)],
        )


def unindex(practice_id: int) -> None:
    if not is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM practices_fts WHERE rowid = %s", [practice_id])


def weighted_vector():
    """Titles first, summaries next, in every language they are given in, then the story."""
    translated = [f"title_{code}" for code in TRANSLATED_LANGUAGES]
    summaries = [f"summary_{code}" for code in TRANSLATED_LANGUAGES]
    return (
        SearchVector("title", *translated, weight="A", config="english")
        + SearchVector("summary", *summaries, weight="B", config="english")
        + SearchVector("problem", "solution", "results", "lessons", weight="C", config="english")
    )


def search(queryset, query: str, limit: int, every_word: bool = False) -> list[tuple[int, float]]:
    """(practice id, relevance) of the best matches within `queryset`, best first: those with
    any of the query's words, or with every one of them."""
    terms = search_words(query)
    if not terms:
        return []
    if is_postgres():
        return _search_postgres(queryset, terms, limit, every_word)
    return _search_sqlite(queryset, terms, limit, every_word)


def _search_postgres(queryset, terms, limit, every_word):
    combined = None
    for term in terms:
        part = SearchQuery(term, search_type="plain", config="english")
        if combined is None:
            combined = part
        else:
            combined = combined & part if every_word else combined | part
    ranked = (
        queryset.filter(search_vector=combined)
        # F(), not the field's name: a name would make SearchRank re-parse the stored vector.
        .annotate(rank=SearchRank(F("search_vector"), combined))
        .order_by("-rank", "pk")
        .values_list("pk", "rank")[:limit]
    )
    return list(ranked)


def _search_sqlite(queryset, terms, limit, every_word):
    joiner = " AND " if every_word else " OR "
    match = joiner.join('"' + t.replace('"', "") + '"' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(practices_fts, 4.0, 1.0) AS score FROM practices_fts "
            "WHERE practices_fts MATCH %s ORDER BY score LIMIT 2000",
            [match],
        )
        found = [(pk, -score) for pk, score in cursor.fetchall()]  # bm25: lower is better
    allowed = set(queryset.filter(pk__in=[pk for pk, _s in found]).values_list("pk", flat=True))
    return [(pk, score) for pk, score in found if pk in allowed][:limit]


def reindex_all() -> int:
    """Rebuild the whole full-text index (after a bulk load). Returns how many practices."""
    from wego.practices.models import Practice

    if is_postgres():
        return Practice.objects.update(search_vector=weighted_vector())
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_fts")
    count = 0
    for practice in Practice.objects.iterator(chunk_size=500):
        index(practice)
        count += 1
    return count
