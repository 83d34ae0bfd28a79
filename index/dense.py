"""Dense index: inner product over L2-normalised vectors (faiss), i.e. cosine similarity.

Exact search up to `exact_max` vectors; above it an inverted-file index (IVF), which scans
only the `nprobe` nearest of about sqrt(n) clusters. `csp-assistant bench` reports its
recall@10 against exact search and its speed-up on generated corpora.
"""
from __future__ import annotations

import math

import faiss
import numpy as np

#: the default size above which search is approximate (Settings.dense_exact_max)
EXACT_MAX = 50_000
#: at least this many clusters are probed; enough for recall@10 >= 0.95 on the bench's corpora
MIN_NPROBE = 16


class DenseIndex:
    """Exact below `exact_max` vectors (fast and exact at thousands of passages), IVF above it."""

    def __init__(self, dim: int, vectors: np.ndarray | None = None, exact_max: int = EXACT_MAX,
                 nprobe: int | None = None):
        if dim <= 0:
            raise ValueError("dim must be greater than 0.")
        if exact_max < 0:
            raise ValueError("exact_max must be 0 or more.")
        self.dim = dim
        n = 0 if vectors is None else len(vectors)
        if n and vectors.shape[1] != dim:
            raise ValueError(f"vectors have dimension {vectors.shape[1]}, expected {dim}.")
        self.approximate = n > exact_max
        if self.approximate:
            data = np.ascontiguousarray(vectors, dtype=np.float32)
            nlist = max(1, int(math.sqrt(n)))
            quantizer = faiss.IndexFlatIP(dim)
            self._index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            self._index.train(data)
            self._index.add(data)
            self._index.nprobe = min(nlist, nprobe or max(MIN_NPROBE, nlist // 16))
            self._quantizer = quantizer  # faiss does not own it from Python: keep it alive
        else:
            self._index = faiss.IndexFlatIP(dim)
            if n:
                self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def kind(self) -> str:
        return f"IVF{self._index.nlist} nprobe={self._index.nprobe}" if self.approximate else "exact"

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(query, min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
