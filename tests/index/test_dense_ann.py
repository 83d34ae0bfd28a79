"""The dense index is exact up to a size, approximate (faiss IVF) above it, and still finds the neighbours."""
from __future__ import annotations

import numpy as np
import pytest

from index.dense import DenseIndex


def clustered(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((max(1, n // 50), dim))
    x = centres[rng.integers(0, len(centres), n)] + rng.standard_normal((n, dim))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def test_small_indexes_stay_exact():
    vectors = clustered(500)
    index = DenseIndex(32, vectors, exact_max=500)
    assert not index.approximate and index.kind == "exact"
    assert index.search(vectors[7], 1)[0][0] == 7


def test_above_the_threshold_search_is_approximate_with_high_recall():
    vectors = clustered(4_000, seed=1)
    exact = DenseIndex(32, vectors, exact_max=10_000)
    approx = DenseIndex(32, vectors, exact_max=1_000)
    assert approx.approximate and approx.kind.startswith("IVF") and approx.size == 4_000
    queries = clustered(4_100, seed=1)[4_000:]  # new points from the same topics
    recall = np.mean([len({i for i, _ in exact.search(q, 10)} & {i for i, _ in approx.search(q, 10)}) / 10
                      for q in queries])
    assert recall >= 0.95
    ids_scores = approx.search(vectors[42], 3)
    assert ids_scores[0][0] == 42 and ids_scores[0][1] == pytest.approx(1.0, abs=1e-5)


def test_empty_index_and_bad_arguments():
    assert DenseIndex(8, None, exact_max=0).search(np.ones(8, dtype=np.float32), 5) == []
    with pytest.raises(ValueError, match="exact_max"):
        DenseIndex(8, None, exact_max=-1)
    with pytest.raises(ValueError, match="dimension 4, expected 8"):
        DenseIndex(8, np.ones((3, 4), dtype=np.float32))


def test_the_threshold_is_a_setting(make_settings, tmp_path, monkeypatch):
    assert make_settings(tmp_path).dense_exact_max == 50_000
    monkeypatch.setenv("CSP_DENSE_EXACT_MAX", "1000")
    from assistant.settings import Settings

    assert Settings().dense_exact_max == 1000


def test_the_searcher_serves_from_an_approximate_index_above_its_threshold(fake_assistant):
    from index.search import HybridSearcher

    store, encoder = fake_assistant.searcher.store, fake_assistant.searcher.encoder
    approx = HybridSearcher(store, encoder, dense_exact_max=10)
    assert approx._dense.approximate and not fake_assistant.searcher._dense.approximate
    question = "What is the co-op usage threshold?"
    assert ([h.passage.id for h in approx.search(question, 5)]
            == [h.passage.id for h in fake_assistant.searcher.search(question, 5)])
