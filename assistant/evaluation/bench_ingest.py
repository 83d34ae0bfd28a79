"""Ingest: passages per second per encoder option beside bare sentence-transformers, quality beside speed."""
from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.evaluation.bench_common import Plan, fact_cases
from assistant.evaluation.bench_quality import metrics, rank_all, relevant_positions
from corpus.bundled import bundled_files, bundled_source
from corpus.chunking import chunk_document
from corpus.loaders import load_documents
from index.bm25 import BM25Index
from index.build import IndexedDocument, build_index
from index.dense import DenseIndex
from index.encoder import load_encoder
from index.store import IndexStore

#: option name -> load_encoder arguments
OPTIONS = {
    "fp32": {},
    "fp32-seq128": {"max_seq_length": 128},
    "int8": {"quantize": "int8"},
    "onnx-fp32": {"backend": "onnx"},
    "onnx-int8": {"backend": "onnx", "quantize": "int8"},
    "onnx-int8-seq128": {"backend": "onnx", "quantize": "int8", "max_seq_length": 128},
}


def bundled_passages() -> list:
    out = []
    for path in bundled_files():
        for doc in load_documents(path, source=bundled_source(path)):
            out += chunk_document(doc)
    return out


def workload(n: int) -> list:
    """The bundled passages, then numbered variants of them up to `n` (new text, so nothing is reused)."""
    base = bundled_passages()
    out = list(base)
    k = 0
    while len(out) < n:
        p = base[k % len(base)]
        out.append(replace(p, id=f"{p.id}-v{k}", text=f"{p.text} (variant {k // len(base) + 1})"))
        k += 1
    return out[:n]


def _documents(passages) -> list[IndexedDocument]:
    return [IndexedDocument(f"bench#{i}", "bench", f"h{i}", p.doc_id, p.title, (p,)) for i, p in enumerate(passages)]


def _quality(encoder, passages, vectors) -> dict:
    """Recall@5 of dense and hybrid retrieval over the bundled passages, as encoded by this option."""
    cases = fact_cases()
    questions = [c["question"] for c in cases]
    ranked = rank_all(BM25Index.build([p.keyword_text for p in passages]), DenseIndex(encoder.dim, vectors),
                      encoder.encode(questions), questions)
    relevant = [relevant_positions(passages, c) for c in cases]
    return {name: metrics(ranked[name], relevant)["recall_at_5"] for name in ("dense", "hybrid")}


def _chunks(n: int, first: int) -> list[slice]:
    """The first chunk holds the bundled passages (their vectors give the quality columns)."""
    size = max(first, -(-n // 4))
    return [slice(i, min(n, i + size)) for i in range(0, n, size)]


def measure_ingest(model: str, plan: Plan, scratch: Path, cache: Path) -> dict:
    """Bare batch encoding, then each option through the real build (embed, BM25, write, swap).

    The work is split into chunks and the contenders take turns on each chunk, so a burst of
    load from other processes on a shared machine falls on all of them alike.
    """
    passages = workload(plan.ingest_passages)
    texts = [p.search_text for p in passages]
    n_base = len(bundled_passages())
    fake = model.startswith("fake")
    contenders: dict[str, object] = {}
    rows: dict[str, dict] = {}
    if not fake:
        contenders["bare sentence-transformers fp32"] = load_encoder(model).model
    for option in plan.ingest_options if not fake else ("fp32",):
        try:
            contenders[option] = load_encoder(model, cache_dir=cache, **OPTIONS[option])
        except Exception as exc:  # noqa: BLE001 - an option that cannot load here is reported, not fatal
            rows[option] = {"option": option, "error": f"{type(exc).__name__}: {exc}"}
    seconds = dict.fromkeys(contenders, 0.0)
    for name, enc in contenders.items():  # warm: first calls allocate
        enc.encode(texts[:8])
    for n, part in enumerate(_chunks(len(passages), n_base)):
        for name, enc in contenders.items():
            start = time.perf_counter()
            if name.startswith("bare"):
                enc.encode(texts[part], batch_size=32, normalize_embeddings=True, show_progress_bar=False)
            else:
                store = IndexStore(Path(tempfile.mkdtemp(dir=scratch, prefix="ingest-")))
                build_index(store, _documents(passages[part]), enc)
            seconds[name] += time.perf_counter() - start
            if n == 0 and not name.startswith("bare"):
                vectors = np.asarray(store.load().vectors[:n_base])
                rows[name] = {f"recall_at_5_{k}": v for k, v in _quality(enc, passages[:n_base], vectors).items()}
    for name, enc in contenders.items():
        rows[name] = {"option": name, "passages": len(texts), "per_s": round(len(texts) / seconds[name], 2),
                      "name": getattr(enc, "name", model), **rows.get(name, {})}
    out = [rows[k] for k in [*contenders, *[k for k in rows if k not in contenders]]]
    bare = next((r["per_s"] for r in out if r["option"].startswith("bare")), None)
    fp32 = next((r for r in out if r["option"] == "fp32" and "per_s" in r), None)
    for r in out:
        if bare and "per_s" in r:
            r["vs_bare"] = round(r["per_s"] / bare, 2)
        if fp32 and "recall_at_5_dense" in r:
            r["recall_delta"] = round(r["recall_at_5_hybrid"] - fp32["recall_at_5_hybrid"], 4)
    return {"rows": out, "bare_per_s": bare, "shipped_per_s": fp32["per_s"] if fp32 else None}


def measure_reingest(store: IndexStore, encoder) -> dict:
    """The bundled corpus ingested fresh, then again unchanged (every file's hash matches)."""
    from assistant.ingest import ingest

    start = time.perf_counter()
    first = ingest(store, encoder)
    first_s = time.perf_counter() - start
    start = time.perf_counter()
    again = ingest(store, encoder)
    again_s = time.perf_counter() - start
    return {"first_s": round(first_s, 3), "passages": first.passages, "again_s": round(again_s, 3),
            "again_embedded": again.embedded, "ratio": round(again_s / first_s, 4) if first_s else None}
