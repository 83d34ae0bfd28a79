"""Scale: generated corpora of 10k and 100k passages; build, disk, memory, query latency, ANN vs exact.

Texts are drawn from the bundled corpus's vocabulary; vectors are random unit vectors grouped
around random centres, as sentence embeddings cluster by topic (uniform random vectors have
no neighbours worth finding, which no index, exact or approximate, can serve well).
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.evaluation.bench_common import percentiles, ratio
from index.bm25 import BM25Index
from index.dense import DenseIndex
from index.fusion import reciprocal_rank_fusion
from index.search import CANDIDATES, WEIGHTS

DIM = 384
WORDS_PER_PASSAGE = 60
PASSAGES_PER_TOPIC = 100
SPREAD = 1.2  # noise around a topic centre, relative to the centre's length


def _rss_mb() -> float:
    """Resident memory after a full collection (and giving freed heap back), so deltas mean something."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def vocabulary() -> list[str]:
    from assistant.evaluation.bench_ingest import bundled_passages

    words = {w for p in bundled_passages() for w in re.findall(r"[A-Za-z][A-Za-z0-9-]{2,}", p.text)}
    return sorted(words)


def clustered_vectors(n: int, rng: np.random.Generator, centres: np.ndarray) -> np.ndarray:
    picks = rng.integers(0, len(centres), n)
    x = centres[picks] + SPREAD * rng.standard_normal((n, DIM), dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def measure_size(n: int, queries: int, exact_max: int, scratch: Path, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    words = np.array(vocabulary())
    texts = [" ".join(row) for row in words[rng.integers(0, len(words), (n, WORDS_PER_PASSAGE))]]
    centres = rng.standard_normal((max(1, n // PASSAGES_PER_TOPIC), DIM), dtype=np.float32)
    vectors = clustered_vectors(n, rng, centres)
    query_texts = [" ".join(row) for row in words[rng.integers(0, len(words), (queries, 6))]]
    query_vecs = clustered_vectors(queries, rng, centres)
    rss = _rss_mb()
    start = time.perf_counter()
    bm25 = BM25Index.build(texts)
    bm25_s = time.perf_counter() - start
    start = time.perf_counter()
    exact = DenseIndex(DIM, vectors, exact_max=n)
    exact_s = time.perf_counter() - start
    memory = max(0.0, _rss_mb() - rss)
    start = time.perf_counter()
    approx = DenseIndex(DIM, vectors, exact_max=0)
    approx_s = time.perf_counter() - start
    folder = Path(tempfile.mkdtemp(dir=scratch, prefix=f"scale-{n}-"))
    bm25.save(folder / "bm25")
    np.save(folder / "vectors.npy", vectors)
    disk = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
    shutil.rmtree(folder, ignore_errors=True)
    live = DenseIndex(DIM, vectors, exact_max=exact_max) if n > exact_max else exact  # what serving would use

    def hybrid(i: int):
        dn = [j for j, _ in live.search(query_vecs[i], CANDIDATES)]
        kw = [j for j, _ in bm25.search(query_texts[i], CANDIDATES)]
        return reciprocal_rank_fusion([dn, kw], weights=list(WEIGHTS))

    t_bm25 = _time(lambda i: bm25.search(query_texts[i], CANDIDATES), queries)
    t_exact = _time(lambda i: exact.search(query_vecs[i], CANDIDATES), queries)
    t_approx = _time(lambda i: approx.search(query_vecs[i], CANDIDATES), queries)
    t_hybrid = _time(hybrid, queries)
    recall = np.mean([len({j for j, _ in exact.search(q, 10)} & {j for j, _ in approx.search(q, 10)}) / 10
                      for q in query_vecs])
    exact_ms, approx_ms = percentiles(t_exact), percentiles(t_approx)
    return {
        "passages": n, "bm25_build_s": round(bm25_s, 2), "dense_build_s": round(exact_s, 2),
        "ann_build_s": round(approx_s, 2), "disk_mb": round(disk, 1), "memory_mb": round(memory, 1),
        "dense_index": live.kind, "bm25_ms": percentiles(t_bm25), "dense_ms": exact_ms,
        "ann_ms": approx_ms, "hybrid_ms": percentiles(t_hybrid), "ann_kind": approx.kind,
        "ann_recall_at_10": round(float(recall), 4), "ann_speedup": ratio(exact_ms["p50"], approx_ms["p50"]),
    }


def _time(fn, n: int) -> list[float]:
    fn(0)  # warm
    out = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        out.append(time.perf_counter() - start)
    return out


def measure_scale(sizes, queries: int, exact_max: int, scratch: Path) -> list[dict]:
    return [measure_size(n, queries, exact_max, scratch) for n in sizes]
