"""Vector maths for search by meaning. Plain Python and numpy; no Django, no model."""

from __future__ import annotations

import numpy as np

DTYPE = np.float32

# A practice's vector mixes the embedding of its text (titles, summary, problem) with the mean
# embedding of its titles in each language, 7 to 3: a short query ("교통 데이터", traffic data) is
# closest to a short title, and a long text blurs it (the text alone ranked free Wi-Fi, whose
# summary speaks of "mobile data", first, Seoul's night buses from phone and taxi data ninth).
# Measured on the 113 labelled queries with an answer (bench/bench_search_relevance.py):
# recall@5 0.96, 0.97, 0.98 in English, Korean and Arabic, against 0.96, 0.95, 0.98 for the text
# alone (with its titles) and 0.95, 0.94, 0.97 before the titles in other languages; weights
# 0.6 and 0.8 did no better. A mean of the title vectors, not their best match, keeps one
# vector per practice, so that a query is still one matrix product.
TEXT_WEIGHT = 0.7


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def unpack(data: bytes, dim: int) -> np.ndarray:
    return np.frombuffer(data, dtype=DTYPE, count=dim)


def matrix_from_blob(blob: bytes, rows: int, dim: int) -> np.ndarray:
    return np.frombuffer(blob, dtype=DTYPE, count=rows * dim).reshape(rows, dim)


def practice_vector(text: np.ndarray, titles: np.ndarray) -> np.ndarray:
    """The unit vector of a practice from its text's embedding and its titles' (one row each)."""
    mixed = TEXT_WEIGHT * np.asarray(text, dtype=DTYPE) + (1 - TEXT_WEIGHT) * np.mean(
        np.asarray(titles, dtype=DTYPE), axis=0
    )
    norm = np.linalg.norm(mixed)
    return (mixed / norm if norm else mixed).astype(DTYPE)


def top_k(
    vectors: np.ndarray, query: np.ndarray, k: int, mask: list[bool] | None = None
) -> list[tuple[int, float]]:
    """(row, cosine) of the k rows nearest the query (only rows where mask is true)."""
    if len(vectors) == 0 or k <= 0:
        return []
    scores = vectors @ query.astype(DTYPE)
    if mask is not None:
        allowed = np.asarray(mask, dtype=bool)
        scores = np.where(allowed, scores, -np.inf)
        k = min(k, int(allowed.sum()))
        if k == 0:
            return []
    k = min(k, len(scores))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(i), float(scores[i])) for i in best]


def reciprocal_rank_fusion(*rankings: list[int], k: int = 60) -> list[int]:
    """Merge ranked id lists (keyword, meaning) by reciprocal rank fusion."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores, key=lambda item: (-scores[item], item))
