"""Extractive answers: the sentences of the top passages that best answer the question, each cited."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.answer import Answer, Citation
from index.bm25 import tokenize
from index.search import Hit

MAX_SENTENCES = 3
# Words that shape a question rather than name its topic; the shape is scored separately.
QUESTION_WORDS = {"when", "did", "what", "how", "which", "who", "where", "why", "doe", "does", "do",
                  "is", "are", "much", "mani", "many", "can", "could", "would", "should", "we", "our",
                  "i", "my", "us", "you", "your", "tell", "me", "need", "get"}
PASSAGES_CONSIDERED = 3

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9$])")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences and list items of a passage, without Markdown bullets."""
    out: list[str] = []
    text = re.sub(r"(?m)^Posted (?:by|on):.*$", "", text)
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", text):
        block = _BULLET.sub("", block.strip()).replace("\n", " ")
        block = re.sub(r"\*\*|__|`", "", block)
        if not block:
            continue
        out += [s.strip() for s in _SENTENCE_END.split(block) if len(s.strip()) > 2]
    return out


def list_after(text: str, sentence: str) -> list[str]:
    """The bullet items that directly follow `sentence` in a passage."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if sentence.rstrip(":") in line), None)
    if start is None:
        return []
    items = []
    for line in lines[start + 1:]:
        if not line.strip() and not items:
            continue
        if not _BULLET.match(line):
            break
        items.append(re.sub(r"\*\*|__|`", "", _BULLET.sub("", line)).strip().rstrip(".;"))
        if len(items) == MAX_LIST_ITEMS:
            break
    return items


def to_citation(n: int, hit: Hit) -> Citation:
    p = hit.passage
    return Citation(n=n, doc_id=p.doc_id, title=p.title, source=p.source, section=p.section,
                    text=p.text, score=round(hit.similarity, 4), page=p.page,
                    url=p.meta["url"] if str(p.meta.get("url", "")).startswith(("https://", "http://")) else None)


class CitationList:
    """Numbers passages in the order the answer first cites them."""

    def __init__(self):
        self.items: list[Citation] = []
        self._by_id: dict[str, int] = {}

    def cite(self, hit: Hit) -> int:
        pid = hit.passage.id
        if pid not in self._by_id:
            n = len(self.items) + 1
            self._by_id[pid] = n
            self.items.append(to_citation(n, hit))
        return self._by_id[pid]

    def renumbered(self, text: str, citations: list[Citation]) -> str:
        """`text` of another answer, its citations taken into this list and its markers renumbered to match."""
        numbers = {}
        for c in citations:
            same = next((mine.n for mine in self.items if (mine.doc_id, mine.text) == (c.doc_id, c.text)), None)
            if same is None:
                same = len(self.items) + 1
                self.items.append(c.model_copy(update={"n": same}))
            numbers[c.n] = same
        return re.sub(r"\[(\d+)\]", lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# What kind of sentence answers each kind of question: a date for "when", a figure for "how much".
_LIST_INTRO = re.compile(r":\s*$")
_WANTS = [
    (re.compile(r"\b(when|since|what date|start|begin|effective|deadline)\b", re.I),
     re.compile(rf"\b\d{{1,2}} {_MONTH}\b|\b{_MONTH} \d{{4}}\b|\b(19|20)\d\d\b|\bFY\d\d\b")),
    (re.compile(r"\b(how much|how many|what (rate|percentage|percent|share|split|threshold|amount))\b", re.I),
     re.compile(r"\d")),
    (re.compile(r"\b(stand for|stands for|mean|meaning|acronym|what is an?|what are)\b", re.I),
     re.compile(r"\b(stands for|means|is the|is a|are the)\b")),
    (re.compile(r"\bhow long\b", re.I), re.compile(r"\b(days?|months?|years?|weeks?)\b")),
    # "What kind of activities…", "which steps…": the sentence that introduces a list.
    (re.compile(r"\b(what (kinds?|sorts?|types?) of|which|list|examples?|steps)\b", re.I), _LIST_INTRO),
]
LIST_BONUS = 6.0
MAX_LIST_ITEMS = 6


def _wanted_shapes(question: str) -> list[re.Pattern]:
    return [shape for asks, shape in _WANTS if asks.search(question)]


@dataclass(frozen=True)
class Candidate:
    """A sentence of one of the top passages, tokenised once."""

    rank: int  # the passage's place among the hits considered
    index: int  # the sentence's place in its passage
    text: str
    terms: frozenset[str]


def _overlap(q_terms: set[str], c: Candidate, idf: dict[str, float]) -> float:
    return sum(idf.get(t, 1.0) for t in q_terms & c.terms)


def _score_sentence(q_terms: set[str], c: Candidate, idf: dict[str, float],
                    shapes: list[re.Pattern] = (), similarity: float = 0.5) -> float:
    # The passage's meaning-level match with the question scales its sentences' word matches.
    overlap = _overlap(q_terms, c, idf) * (0.5 + max(similarity, 0.0))
    # Short fragments say little.
    length_penalty = 0.5 if len(c.terms) < 4 else 1.0
    # A list that introduces the kinds asked for answers a "what kinds" question outright.
    shape_bonus = sum(LIST_BONUS if shape is _LIST_INTRO else 2.5 for shape in shapes if shape.search(c.text))
    # A question restated is not an answer to it.
    asking = 0.3 if c.text.rstrip().endswith("?") else 1.0
    # Prefer the better-ranked passage when sentences tie.
    return (overlap * length_penalty + shape_bonus) * asking + 0.3 / (c.rank + 1)


def extractive_answer(question: str, hits: list[Hit], citations: CitationList | None = None) -> tuple[str, CitationList]:
    """Pick the sentences of the top passages that share the most (rare) terms with the question."""
    citations = citations or CitationList()
    # In forum threads the answers answer; the question post only restates what was asked.
    from assistant.answering.candidates import is_question_post

    answers = [h for h in hits if not is_question_post(h.passage)]
    top = (answers or hits)[:PASSAGES_CONSIDERED + 1]
    raw = [(rank, i, s) for rank, h in enumerate(top) for i, s in enumerate(split_sentences(h.passage.text))]
    token_lists = tokenize([question] + [s for _, _, s in raw])  # one call: tokenising is the slow part
    q_terms = set(token_lists[0]) - QUESTION_WORDS
    candidates = [Candidate(r, i, s, frozenset(t)) for (r, i, s), t in zip(raw, token_lists[1:])]
    df: dict[str, int] = {}
    for c in candidates:
        for t in c.terms:
            df[t] = df.get(t, 0) + 1
    idf = {t: math.log(1 + len(candidates) / n) for t, n in df.items()}
    shapes = _wanted_shapes(question)
    score = {c: _score_sentence(q_terms, c, idf, shapes, top[c.rank].similarity) for c in candidates}
    chosen = sorted(candidates, key=lambda c: -score[c])[:MAX_SENTENCES]
    if not chosen:
        return "", citations
    # Keep the best passage's sentences together and in reading order.
    best = chosen[0]
    # Sentences from other passages must share the question's own terms, not just its shape.
    best_overlap = _overlap(q_terms, best, idf)
    chosen = [c for c in chosen if c.rank == best.rank or _overlap(q_terms, c, idf) >= 0.6 * best_overlap > 0]
    chosen.sort(key=lambda c: (c.rank != best.rank, c.rank, c.index))
    parts = []
    for c in chosen:
        n = citations.cite(top[c.rank])
        sentence = c.text.rstrip()
        items = list_after(top[c.rank].passage.text, sentence) if sentence.endswith(":") else []
        if items:
            # A sentence that introduces a list says little without the list itself.
            parts.append(f"{sentence} {'; '.join(items)} [{n}].")
        elif sentence[-1:] in ".!?":
            parts.append(f"{sentence[:-1]} [{n}]{sentence[-1]}")
        else:
            parts.append(f"{sentence} [{n}].")
    return " ".join(parts), citations


def abstention(reason: str, hits: list[Hit], nearest: int = 3) -> Answer:
    """Say plainly that the sources do not answer, and show what is nearest."""
    cites = CitationList()
    for h in hits[:nearest]:
        cites.cite(h)
    text = reason.strip()
    if cites.items:
        text += " The nearest passages I found are listed below; check them, or ask a partner-program contact."
    return Answer(answer=text, citations=cites.items, abstained=True)
