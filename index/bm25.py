"""Keyword index: BM25 over stemmed tokens (bm25s)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stop-worded, stemmed tokens; the same function for passages and queries."""
    if len(texts) <= _SMALL:
        return [list(tokenize_query(t)) for t in texts]
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=False,
                          show_progress=False)


_SMALL = 64  # a question, a hit's sentences: below this the batch tokenizer's set-up costs more than the work


_SPLIT = re.compile(r"(?u)\b\w\w+\b")  # bm25s's default token pattern
_STOP = frozenset(STOPWORDS_EN)


@lru_cache(maxsize=4096)
def tokenize_query(text: str) -> tuple[str, ...]:
    """One query's tokens exactly as :func:`tokenize` makes them, without its batch machinery
    (progress bars and vocabularies cost more than the tokens on the answer path)."""
    return tuple(_STEMMER.stemWords([t for t in _SPLIT.findall(text.lower()) if t not in _STOP]))


class BM25Index:
    """Ranks passages by BM25 score; positions refer to the order passages were indexed in."""

    def __init__(self, retriever: bm25s.BM25 | None = None, size: int = 0):
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "BM25Index":
        if not texts:
            return cls(None, 0)
        retriever = bm25s.BM25()
        retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        if self._retriever is None or self.size == 0 or k <= 0:
            return []
        tokens = [list(tokenize_query(query))]
        if not tokens or not tokens[0]:
            return []
        ids, scores = self._retriever.retrieve(tokens, k=min(k, self.size), show_progress=False)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if s > 0]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(folder), show_progress=False)
        np.save(folder / "size.npy", np.array([self.size]))

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        size = int(np.load(folder / "size.npy")[0])
        if size == 0:
            return cls(None, 0)
        retriever = bm25s.BM25.load(str(folder), show_progress=False, verbosity=0)
        return cls(retriever, size)
