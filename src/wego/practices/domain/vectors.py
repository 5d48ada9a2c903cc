"""Vector maths for search by meaning. Plain Python and numpy; no Django, no model."""

from __future__ import annotations

import numpy as np

DTYPE = np.float32


def pack(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=DTYPE).tobytes()


def unpack(data: bytes, dim: int) -> np.ndarray:
    return np.frombuffer(data, dtype=DTYPE, count=dim)


def matrix_from_blob(blob: bytes, rows: int, dim: int) -> np.ndarray:
    return np.frombuffer(blob, dtype=DTYPE, count=rows * dim).reshape(rows, dim)


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
