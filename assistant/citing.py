"""Find the passage behind a parameter's quote or a requirement's document."""
from __future__ import annotations

import re
import threading
from typing import Callable

from corpus.documents import Passage
from index.bm25 import tokenize
from index.search import Hit


def _norm(text: str) -> str:
    text = re.sub(r"[*_`]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def bundled_passages() -> list[Passage]:
    """The bundled corpus, chunked; rules always cite it, even when an index holds other documents."""
    from corpus.bundled import load_bundled
    from corpus.chunking import chunk_document

    docs, _errors = load_bundled()
    return [p for d in docs for p in chunk_document(d)]


def _by_doc(passages: list[Passage]) -> dict[str, list[Passage]]:
    out: dict[str, list[Passage]] = {}
    for p in passages:
        out.setdefault(p.doc_id, []).append(p)
    return out


class PassageCiter:
    """Looks passages up by document and quote: the index first, then the bundled corpus.

    The fallback matters when an operator indexes only their own documents: the rules
    still come from the bundled guides, so the figures still cite them.
    """

    def __init__(self, passages: list[Passage], fallback: list[Passage] | Callable[[], list[Passage]] | None = None):
        # The fallback may be given as a function: it is then read only when the index lacks something
        # (the bundled corpus is parsed from its files, which an index that holds it never needs).
        self._fallback = fallback if callable(fallback) else (lambda: fallback or [])
        self._lock = threading.Lock()
        self._layers = [_by_doc(passages)]
        self._norm_text = {p.id: _norm(p.text) for p in passages}

    @property
    def layers(self) -> list[dict[str, list[Passage]]]:
        if len(self._layers) < 2:
            with self._lock:
                if len(self._layers) < 2:
                    fallback = list(self._fallback())
                    self._fallback_text = {p.id: _norm(p.text) for p in fallback}
                    self._layers = [self._layers[0], _by_doc(fallback)]
        return self._layers

    def for_quote(self, doc_id: str, quote: str) -> Hit | None:
        """The passage of `doc_id` that contains `quote` (whitespace and case ignored)."""
        wanted = _norm(quote)
        for p in self._layers[0].get(doc_id, []):
            if wanted in self._norm_text[p.id]:
                return Hit(p, 1.0, 1.0, 0.0)
        for p in self.layers[1].get(doc_id, []):
            if wanted in self._fallback_text[p.id]:
                return Hit(p, 1.0, 1.0, 0.0)
        return self.for_topic(doc_id, quote)

    def in_index(self, doc_id: str, quote: str) -> bool:
        """Whether the indexed documents themselves (not the bundled fallback) hold `quote`."""
        wanted = _norm(quote)
        return any(wanted in self._norm_text[p.id] for p in self._layers[0].get(doc_id, []))

    def for_topic(self, doc_id: str, words: str) -> Hit | None:
        """The passage of `doc_id` sharing most terms with `words` (no model call: this is on the hot path)."""
        candidates = self._layers[0].get(doc_id) or self.layers[1].get(doc_id, [])
        if not candidates:
            return None
        wanted = set(tokenize([words])[0])
        best = max(candidates, key=lambda p: len(wanted & set(tokenize([f"{p.section} {p.text}"])[0])))
        return Hit(best, 1.0, 1.0, 0.0)
