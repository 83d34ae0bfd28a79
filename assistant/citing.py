"""Find the indexed passage behind a parameter's quote or a requirement's document."""
from __future__ import annotations

import re

from corpus.documents import Passage
from index.bm25 import tokenize
from index.search import Hit


def _norm(text: str) -> str:
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


class PassageCiter:
    """Looks passages up by document and quote; rebuilt whenever the index is swapped."""

    def __init__(self, passages: list[Passage]):
        self.by_doc: dict[str, list[Passage]] = {}
        for p in passages:
            self.by_doc.setdefault(p.doc_id, []).append(p)
        self._norm_text = {p.id: _norm(p.text) for p in passages}

    def for_quote(self, doc_id: str, quote: str) -> Hit | None:
        """The passage of `doc_id` that contains `quote` (whitespace and case ignored)."""
        wanted = _norm(quote)
        for p in self.by_doc.get(doc_id, []):
            if wanted in self._norm_text[p.id]:
                return Hit(p, 1.0, 1.0, 0.0)
        return self.for_topic(doc_id, quote)

    def for_topic(self, doc_id: str, words: str) -> Hit | None:
        """The passage of `doc_id` sharing most terms with `words` (no model call: this is on the hot path)."""
        candidates = self.by_doc.get(doc_id, [])
        if not candidates:
            return None
        wanted = set(tokenize([words])[0])
        best = max(candidates, key=lambda p: len(wanted & set(tokenize([f"{p.section} {p.text}"])[0])))
        return Hit(best, 1.0, 1.0, 0.0)
