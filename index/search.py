"""Hybrid search: BM25 and dense rankings fused by reciprocal rank."""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from corpus.documents import Passage
from index.dense import EXACT_MAX, DenseIndex
from index.encoder import Encoder
from index.errors import IndexLoadError
from index.fusion import reciprocal_rank_fusion
from index.sentences import SentenceTable, build_sentences
from index.store import IndexStore, LoadedIndex

CANDIDATES = 30  # per ranker; deep enough that fusion can lift a passage one ranker missed
# Dense and keyword rankings count equally: on the labelled question sets, down-weighting
# keywords lifted some paraphrased questions but lost more that hinge on exact terms.
WEIGHTS = (1.0, 1.0)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float  # fused RRF score, for ordering
    similarity: float  # cosine similarity of query and passage, for judging support
    keyword: float  # BM25 score (0 when the passage shares no term)


class HybridSearcher:
    """Searches the live build; reloads when an ingest swaps in a new one."""

    def __init__(self, store: IndexStore, encoder: Encoder, dense_exact_max: int = EXACT_MAX):
        self.store = store
        self.encoder = encoder
        self.dense_exact_max = dense_exact_max  # above it, approximate dense search (Settings.dense_exact_max)
        self._loaded: LoadedIndex | None = None
        self._dense: DenseIndex | None = None
        self._stamp = None
        self._refused_stamp = None
        self.refused: str | None = None  # why the last new build on disk was not swapped in
        self.reload()

    def reload(self) -> None:
        stamp = self.store.pointer_mtime()
        loaded = self.store.load(self.encoder.name, self.encoder.dim)
        if loaded.sentences is None:
            # A build from before sentences were indexed: embed them once now, not on every question.
            loaded = replace(loaded, sentences=build_sentences(loaded.passages, self.encoder)[0])
        self._loaded = loaded
        self._dense = DenseIndex(self.encoder.dim, loaded.vectors, exact_max=self.dense_exact_max)
        self._stamp = stamp

    def refresh_if_swapped(self) -> bool:
        """Cheap check (one stat) that picks up a rebuilt index without a restart.

        A new build that fails to load is refused: the build in memory keeps serving, the
        refusal is kept in `refused` (for health checks) and the same pointer is not retried.
        """
        stamp = self.store.pointer_mtime()
        if stamp == self._stamp or stamp == self._refused_stamp:
            return False
        try:
            self.reload()
        except IndexLoadError as exc:
            self._refused_stamp, self.refused = stamp, str(exc)
            log.error("new index build refused, still serving build %s: %s",
                      self.manifest.get("build_id"), exc)
            return False
        self._refused_stamp, self.refused = None, None
        return True

    @property
    def manifest(self) -> dict:
        return self._loaded.manifest

    @property
    def passages(self) -> list[Passage]:
        return self._loaded.passages

    @property
    def sentences(self) -> SentenceTable:
        return self._loaded.sentences

    @property
    def vectors(self) -> np.ndarray:
        return self._loaded.vectors

    def search(self, query: str, k: int = 5, query_vector: np.ndarray | None = None) -> list[Hit]:
        if not query.strip():
            raise ValueError("Both query text and query vector are empty.")
        if k <= 0:
            raise ValueError("k must be greater than 0.")
        vec = query_vector if query_vector is not None else self.encoder.encode([query])[0]
        dense = self._dense.search(vec, CANDIDATES)
        keyword = self._loaded.bm25.search(query, CANDIDATES)
        fused = reciprocal_rank_fusion([[i for i, _ in dense], [i for i, _ in keyword]], weights=list(WEIGHTS))
        kw = dict(keyword)
        vectors = self._loaded.vectors
        hits = []
        for pos, score in fused[:k]:
            sim = float(np.dot(vectors[pos], vec))
            hits.append(Hit(self._loaded.passages[pos], score, sim, kw.get(pos, 0.0)))
        return hits
