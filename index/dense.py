"""Dense index: inner product over L2-normalised vectors (faiss), i.e. cosine similarity."""
from __future__ import annotations

import faiss
import numpy as np


class DenseIndex:
    """Exact search: the corpus is thousands of passages, where a flat index is fastest and exact."""

    def __init__(self, dim: int, vectors: np.ndarray | None = None):
        if dim <= 0:
            raise ValueError("dim must be greater than 0.")
        self.dim = dim
        self._index = faiss.IndexFlatIP(dim)
        if vectors is not None and len(vectors):
            if vectors.shape[1] != dim:
                raise ValueError(f"vectors have dimension {vectors.shape[1]}, expected {dim}.")
            self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self.size == 0 or k <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(query, min(k, self.size))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
