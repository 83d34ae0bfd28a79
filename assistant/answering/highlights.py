"""The FAQ lookup's highlight: each result's best answering sentence, scored as answers are."""
from __future__ import annotations

import numpy as np

from assistant.answering.scoring import Candidate, features, load_weights, question_terms


def highlights(answerer, query: str, hits) -> list[str | None]:
    """The best answering sentence of each hit's passage (None when it has none)."""
    searcher = answerer.assistant.searcher
    position = {p.id: i for i, p in enumerate(searcher.passages)} if hits else {}
    qvec = answerer.assistant.encoder.encode([query])[0]  # the query the search just embedded
    terms = question_terms(query)
    weights = load_weights()
    out: list[str | None] = []
    for rank, hit in enumerate(hits):
        rows = answerer.rows_of(position.get(hit.passage.id, -1))
        cands = [Candidate(r, searcher.sentences.units[r], hit, rank) for r in rows
                 if searcher.sentences.units[r].kind not in ("heading", "instruction")]
        if not cands:
            out.append(None)
            continue
        scores = weights.score(features(query, terms, qvec, cands, searcher.sentences.vectors, answerer.idf))
        out.append(cands[int(np.argmax(scores))].unit.text)
    return out
