"""Candidate sentences for a question: those of the top passages plus the best sentences anywhere."""
from __future__ import annotations

import numpy as np

from assistant.answering.scoring import Candidate
from assistant.answering.shapes import is_courtesy
from index.search import Hit

PASSAGES_CONSIDERED = 4


def is_question_post(passage) -> bool:
    """The opening post of a forum thread, or the asker's own follow-up: they ask or thank; the answers answer."""
    meta = passage.meta or {}
    return bool(meta.get("is_question") or meta.get("by_asker"))
# Sentences found directly by their own vector, wherever their passage ranked.
SENTENCE_HITS = 8


def _answers_first(hits: list[Hit]) -> list[Hit]:
    # In forum threads the answers answer; the question post only restates what was asked.
    answers = [h for h in hits if not is_question_post(h.passage)]
    return answers or hits


def gather(searcher, hits: list[Hit], qvec: np.ndarray) -> list[Candidate]:
    """Units of the top passages, then units whose own vector is closest to the question."""
    table = searcher.sentences
    by_passage = _per_build_rows(searcher)
    position = _positions(searcher)
    top = _answers_first(hits)[:PASSAGES_CONSIDERED]
    out: list[Candidate] = []
    seen: set[int] = set()
    for rank, hit in enumerate(top):
        pos = position.get(hit.passage.id)
        for row in by_passage.get(pos, []):
            if table.units[row].kind in ("heading", "instruction") or is_courtesy(table.units[row].text):
                continue
            out.append(Candidate(row, table.units[row], hit, rank))
            seen.add(row)
    if len(table.units):
        sims = table.vectors @ qvec
        extra: dict[int, Hit] = {}
        for row in np.argsort(-sims)[: SENTENCE_HITS * 3]:
            row = int(row)
            if row in seen:
                continue
            unit = table.units[row]
            if unit.kind in ("heading", "instruction") or is_courtesy(unit.text):
                continue
            passage = searcher.passages[unit.passage]
            if is_question_post(passage):
                continue
            if unit.passage not in extra:
                if len(extra) >= SENTENCE_HITS:
                    continue
                sim = float(searcher.vectors[unit.passage] @ qvec)
                extra[unit.passage] = Hit(passage, 0.0, sim, 0.0)
            # The whole passage joins, so a list or a neighbouring sentence can complete the answer.
            for r in by_passage.get(unit.passage, []):
                if r not in seen and table.units[r].kind not in ("heading", "instruction") and not is_courtesy(table.units[r].text):
                    out.append(Candidate(r, table.units[r], extra[unit.passage], len(top) + 1))
                    seen.add(r)
    return out


_CACHE: dict[int, tuple[object, dict, dict]] = {}


def _per_build_rows(searcher) -> dict[int, list[int]]:
    return _cached(searcher)[1]


def _positions(searcher) -> dict[str, int]:
    return _cached(searcher)[2]


def _cached(searcher):
    """Row lookups rebuilt only when the searcher loads another build."""
    key = id(searcher)
    table = searcher.sentences
    entry = _CACHE.get(key)
    if entry is None or entry[0] is not table:
        entry = (table, table.by_passage(), {p.id: i for i, p in enumerate(searcher.passages)})
        _CACHE[key] = entry
    return entry
