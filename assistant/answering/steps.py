"""Questions for the steps of a procedure, answered by a document whose sections are its numbered steps
("## Step 1: Review the CSP Program Guide" … "## Step 6: …"): the steps in order, each cited."""
from __future__ import annotations

import re

import numpy as np

from assistant.compose import CitationList
from index.bm25 import tokenize
from index.search import Hit

# "what are the steps to get started?", "list the steps for joining", "how do we get started in CSP?"
_ASKS_STEPS = re.compile(r"\b(?:what|which)\s+are\s+the\s+(?:\w+\s+){0,2}steps\b|\bsteps?\s+(?:to|for|of)\s+(?:get(?:ting)?\s+started|"
                         r"set(?:ting)?\s+up|join\w*|enrol\w*|onboard\w*)|\bhow\s+(?:do|can|should)\s+(?:i|we)\s+get\s+started\b|"
                         r"\b(?:list|give|show)\s+(?:me\s+|us\s+)?(?:all\s+)?(?:the\s+)?steps\b|\bwhere\s+do\s+(?:i|we)\s+start\b", re.I)
_STEP = re.compile(r"^\s*step\s+(?P<n>\d{1,2})\s*[:.)–-]\s*(?P<what>.+)$", re.I)
# Words of the asking itself: what is left names the procedure ("claim co-op", "get started")
_ASKING = frozenset(tokenize(["what which are the steps step list give show me us all how do can should we i to for of in "
                              "where start csp program programme microsoft partner"])[0])
# A document with fewer numbered sections than this is no procedure
MIN_STEPS = 3
# Only a document among this many top passages answers
DOCS_CONSIDERED = 3


def steps_answer(question: str, hits: list[Hit], passages, vectors, qvec):
    """(text, citations) listing the steps of the best-matching procedure document, or None."""
    if not _ASKS_STEPS.search(question):
        return None
    for hit in hits[:DOCS_CONSIDERED]:
        doc = hit.passage.doc_id
        steps = sorted((int(m.group("n")), i, m.group("what").strip()) for i, p in enumerate(passages)
                       if p.doc_id == doc and (m := _STEP.match(p.section or "")))
        if len(steps) < MIN_STEPS:
            continue
        said = set(tokenize([" ".join(f"{p.title} {p.section} {p.text}" for p in passages if p.doc_id == doc)])[0])
        if not set(tokenize([question])[0]) - _ASKING <= said:
            continue  # "the steps to claim co-op": a procedure this document does not describe
        cites = CitationList()
        lines = []
        for n, i, what in steps:
            ref = cites.cite(Hit(passages[i], 0.0, float(np.asarray(vectors[i]) @ qvec), 0.0))
            lines.append(f"{n}. {what} [{ref}]")
        title = hit.passage.title or "the guide"
        return f"{title} sets out {len(steps)} steps:\n" + "\n".join(lines), cites
    return None
