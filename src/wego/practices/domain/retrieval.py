"""Retrieval quality: recall@k of a ranking, and precision and recall of what a search shows,
over hand-written queries. Plain Python."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


def recall_at_k(found: list[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant items among the first k found."""
    wanted = set(relevant)
    if not wanted:
        return 0.0
    return len(wanted & set(found[:k])) / len(wanted)


def mean_recall(queries: list[dict], search: Callable[[str], list[str]], k: int = 5) -> float:
    """Mean recall@k of `search` (query -> ranked slugs) over the queries {query, relevant}
    that have relevant items."""
    answered = [q for q in queries if q["relevant"]]
    if not answered:
        return 0.0
    total = sum(recall_at_k(search(q["query"]), q["relevant"], k) for q in answered)
    return total / len(answered)


@dataclass(frozen=True)
class Judged:
    """What a search showed over labelled queries."""

    precision: float  # share of what was shown that is relevant or acceptable
    recall: float  # share of the relevant items that were shown
    empty: float  # share of the queries without an answer that showed nothing
    shown: int  # items shown over all queries


def judge(queries: list[dict], search: Callable[[str], list[str]]) -> Judged:
    """Precision and recall of `search` (query -> the slugs it shows) over queries {query,
    relevant, acceptable}; a query with no relevant item should show nothing."""
    shown = correct = found = wanted = empty = unanswerable = 0
    for query in queries:
        got = set(search(query["query"]))
        shown += len(got)
        relevant = set(query["relevant"])
        if not relevant:
            unanswerable += 1
            empty += not got
            continue
        correct += len(got & (relevant | set(query.get("acceptable", []))))
        found += len(got & relevant)
        wanted += len(relevant)
    return Judged(
        precision=correct / shown if shown else 1.0,
        recall=found / wanted if wanted else 1.0,
        empty=empty / unanswerable if unanswerable else 1.0,
        shown=shown,
    )
