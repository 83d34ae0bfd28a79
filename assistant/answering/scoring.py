"""Score candidate sentences for a question: a learned linear combination of a few plain features.

Features (all computed without a model call: the question's vector is the one retrieval made):

- ``dense``: cosine similarity of the question and the sentence (its vector from the sentence index);
- ``terms``: BM25-style share of the question's (idf-weighted) terms the sentence contains;
- ``type``: the sentence states the kind of value or shape the question asks for;
- ``heading``: share of the question's terms in the sentence's heading path and title;
- ``rank``: 1 / (1 + the passage's rank among the hits), 0 for passages found only by sentence;
- ``passage``: the passage's own similarity to the question;
- ``asks``: the sentence is itself a question; ``dangling``: it opens with a pronoun whose
  referent was left in an earlier sentence ("them", "it");
- ``overlap``: the absolute weight of shared rare terms, scaled by the passage's similarity;
- ``lead``: the sentence leads a list and the question asks for one;
- ``titled``: the share of its nearest heading's terms that the question uses;
- ``rarest``: the sentence holds the question's rarest term.

The weights are fitted with scikit-learn's logistic regression on the labelled fact questions
(tests/data), where the answering sentence is known (``python -m assistant.answering.training``);
they are stored in ``sentence_weights.json`` beside this module.
"""
from __future__ import annotations

from math import fsum

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answering.answer_types import requested_value, states_value
from assistant.answering.question_shapes import shape_of
from index.bm25 import tokenize
from index.sentences import SentenceUnit

FEATURES = ("dense", "terms", "type", "heading", "rank", "passage", "asks", "dangling", "overlap", "lead", "titled", "rarest")
WEIGHTS_FILE = Path(__file__).with_name("sentence_weights.json")
# Words that shape a question rather than name its topic.
QUESTION_WORDS = {"when", "did", "what", "how", "which", "who", "where", "why", "doe", "does", "do",
                  "is", "are", "much", "mani", "many", "can", "could", "would", "should", "we", "our",
                  "i", "my", "us", "you", "your", "tell", "me", "need", "get", "explain", "like", "new",
                  "im", "actual", "realli", "quick", "exact", "mean", "differ", "give", "thing", "two", "one",
                  "simpl", "term", "basic", "just", "pleas"}
_DANGLING = re.compile(r"^(?:it|its|they|them|their|this|these|those|that|such|both|he|she)\b", re.I)


@dataclass(frozen=True)
class Weights:
    coef: tuple[float, ...]
    intercept: float

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ np.array(self.coef) + self.intercept


DEFAULT = Weights((4.0, 3.0, 1.5, 1.0, 0.6, 1.0, -2.0, -1.0, 1.0, 1.0, 1.0, 1.0), -4.0)


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    try:
        data = json.loads(WEIGHTS_FILE.read_text())
        if tuple(data["features"]) != FEATURES:
            return DEFAULT
        return Weights(tuple(float(c) for c in data["coef"]), float(data["intercept"]))
    except (OSError, ValueError, KeyError):
        return DEFAULT


@dataclass(frozen=True)
class Candidate:
    """One sentence or list item of a retrieved passage."""

    row: int  # row in the sentence table
    unit: SentenceUnit
    hit: object  # the index.search.Hit of its passage
    rank: int  # the passage's rank among the hits (len(hits) and more for passages found by sentence)


class Idf:
    """Inverse document frequency of terms over all indexed sentences (built once per index)."""

    def __init__(self, units: list[SentenceUnit]):
        tokens = tokenize([u.text for u in units]) if units else []
        self.terms = [frozenset(t) for t in tokens]
        df: dict[str, int] = {}
        for t in self.terms:
            for w in t:
                df[w] = df.get(w, 0) + 1
        n = max(len(units), 1)
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.default = math.log(1 + n)

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.default)


def question_terms(question: str) -> set[str]:
    return set(tokenize([question])[0]) - QUESTION_WORDS


def features(question: str, q_terms: set[str], qvec: np.ndarray, cands: list[Candidate],
             vectors: np.ndarray, idf: Idf) -> np.ndarray:
    """One row of FEATURES per candidate."""
    if not cands:
        return np.zeros((0, len(FEATURES)))
    kind, shape = requested_value(question), shape_of(question)
    total = fsum(idf.weight(t) for t in q_terms) or 1.0
    heading_terms = tokenize([f"{c.hit.passage.title} {c.hit.passage.section} {c.unit.heading}" for c in cands])
    # The nearest heading alone: "Gold competency requirements" answers "What are the Gold competency requirements?".
    nearest = tokenize([c.unit.heading or c.hit.passage.section.split(" > ")[-1] for c in cands])
    dense = vectors[[c.row for c in cands]] @ qvec
    rows = []
    # The question's most specific term ("trade shows" in "can co-op pay for trade shows?").
    # (terms equally rare are all the rarest: which of them came first must not decide the answer)
    top = max((idf.weight(t) for t in q_terms), default=None)
    rarest = {t for t in q_terms if idf.weight(t) == top}
    for c, d, head, near in zip(cands, dense, heading_terms, nearest):
        terms = idf.terms[c.row]
        text = c.unit.text
        if kind:
            typed = states_value(kind, text, question)
        elif shape == "list":
            typed = c.unit.kind in ("intro", "item")
        elif shape == "definition":
            typed = bool(re.search(r"\b(stands? for|means|is an?|are|refers to|short for|shortened to)\b", text))
        else:
            typed = False
        rows.append((
            float(d),
            fsum(idf.weight(t) for t in q_terms & terms) / total,
            float(typed),
            fsum(idf.weight(t) for t in q_terms & set(head)) / total,
            1.0 / (1 + c.rank),
            float(c.hit.similarity),
            float(text.rstrip().endswith("?")),
            float(bool(_DANGLING.match(text))),
            # Absolute weight of shared rare terms, scaled by how close the passage is (as the
            # first extractive composer scored), in units of ten.
            fsum(idf.weight(t) for t in q_terms & terms) * (0.5 + max(float(c.hit.similarity), 0.0)) / 10,
            float(shape == "list" and c.unit.kind == "intro"),
            len(set(near) & q_terms) / len(set(near)) if near else 0.0,
            float(bool(rarest & terms)),
        ))
    return np.array(rows, dtype=np.float64)
