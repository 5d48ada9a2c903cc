"""Retrieval quality: recall@k of a search over hand-written queries. Plain Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def recall_at_k(found: list[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant items among the first k found."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    return len(wanted & set(found[:k])) / len(wanted)


def mean_recall(queries: list[dict], search: Callable[[str], list[str]], k: int = 5) -> float:
    """Mean recall@k of `search` (query -> ranked slugs) over queries {query, relevant}."""
    if not queries:
        return 0.0
    total = sum(recall_at_k(search(q["query"]), q["relevant"], k) for q in queries)
    return total / len(queries)
