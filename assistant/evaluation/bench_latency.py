"""answer() latency beside the floor: the same model encoding the query and searching the same indexes."""
from __future__ import annotations

import threading

from assistant.evaluation.bench_common import (Plan, calculator_questions, distinct, fact_questions,
                                               percentiles, time_each)
from index.search import CANDIDATES


class CountingEncoder:
    """Counts the texts the model itself encodes, so a turn's embeddings can be reported."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts = 0
        self._lock = threading.Lock()

    def encode(self, texts):
        with self._lock:
            self.texts += len(texts)
        return self.inner.encode(texts)


def library_encode(encoder):
    """The embedding library's own call on one text (sentence-transformers' `encode`), as any bare app
    would make it: the floor is measured with it, not with the assistant's one-text path."""
    model = getattr(encoder, "model", None)
    if model is None or not hasattr(model, "encode"):
        return lambda text: encoder.encode([text])[0]  # a fake or ONNX encoder: its own call is the bare one
    return lambda text: model.encode([text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)[0]


def floor_call(assistant):
    """Encode with the bare model (no cache) and search the live faiss and BM25 indexes."""
    inner = getattr(assistant.encoder, "inner", assistant.encoder)
    inner = getattr(inner, "inner", inner)  # under a CountingEncoder
    encode = library_encode(inner)
    searcher = assistant.searcher

    def call(query: str):
        vec = encode(query)
        searcher._dense.search(vec, CANDIDATES)
        searcher._loaded.bm25.search(query, CANDIDATES)

    return call


def measure_latency(assistant, plan: Plan) -> dict:
    """The floor and answer() on each question in turn, for fact and for calculator questions.

    Alternating per question puts both under the same momentary load. The floor reads its
    question through the bare model, leaving nothing in the assistant's query cache, so
    answer() still pays for its own embeddings.
    """
    facts = distinct(fact_questions(), plan.queries, offset=len(fact_questions()))
    calcs = distinct(calculator_questions(), plan.queries, offset=len(calculator_questions()))
    warm = distinct(fact_questions(), plan.warmup) + distinct(calculator_questions(), plan.warmup)
    floor = floor_call(assistant)
    for q in warm:  # lazy imports, first-use caches, SQLite pages
        assistant.answer(q, channel="bench")
        floor(q)
    counter = None
    if hasattr(assistant.encoder, "inner"):  # the query cache: count what reaches the model behind it
        counter = assistant.encoder.inner = CountingEncoder(assistant.encoder.inner)
    floor_s: list[float] = []
    every: list[float] = []
    out: dict = {}
    try:
        for name, questions in (("fact", facts), ("calculator", calcs)):
            timings, embedded, own_floor = [], 0, []
            for q in questions:
                own_floor += time_each(floor, [q])
                before = counter.texts if counter else 0
                timings += time_each(lambda text: assistant.answer(text, channel="bench"), [q])
                embedded += (counter.texts - before) if counter else 0
            every += timings
            floor_s += own_floor
            out[name] = percentiles(timings)
            # The floor on this set's own questions: calculator questions are longer than fact
            # questions, so the model alone takes longer on them than on the two sets together.
            out[name]["floor"] = percentiles(own_floor)
            if counter:
                out[name]["embeddings_per_turn"] = round(embedded / len(questions), 2)
    finally:
        if counter:
            assistant.encoder.inner = counter.inner
    out["floor"] = percentiles(floor_s)
    out["answer"] = percentiles(every)  # fact and calculator questions together
    return out
