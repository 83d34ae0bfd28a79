"""answer(): the one core call every interface makes."""
from __future__ import annotations

import threading

from assistant.answer import Answer
from assistant.compose import abstention, extractive_answer
from assistant.settings import Settings
from assistant.storage import Storage
from assistant.support import corpus_vocabulary, uncovered_terms, weak_support
from index.encoder import Encoder, load_encoder
from index.search import Hit, HybridSearcher
from index.store import IndexStore


class InputError(ValueError):
    """The message itself cannot be answered as sent (empty, too long); says what to do."""


def validate_message(message: str, limit: int) -> str:
    text = (message or "").strip()
    if not text:
        raise InputError("The message is empty. Type a question about CSP incentives, e.g. "
                         "'What rate does Dynamics 365 earn?'.")
    if len(text) > limit:
        raise InputError(f"The message is {len(text):,} characters; the limit is {limit:,}. "
                         "Shorten it to the question itself.")
    return text


class Assistant:
    """Holds what loads once (encoder, index, router, database) and answers messages."""

    def __init__(self, settings: Settings, encoder: Encoder, searcher: HybridSearcher,
                 storage: Storage, router=None, phraser=None):
        self.settings = settings
        self.encoder = encoder
        self.searcher = searcher
        self.storage = storage
        self.router = router
        self.phraser = phraser
        self._vocab_build = None
        self._vocab: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, encoder: Encoder | None = None) -> "Assistant":
        encoder = encoder or load_encoder(settings.embedding_model)
        searcher = HybridSearcher(IndexStore(settings.index_dir), encoder)
        storage = Storage(settings.db_url)
        router = phraser = None
        try:
            from assistant.understand import Router
            router = Router(encoder)
        except ImportError:
            router = None
        if settings.llm_base_url and settings.llm_model:
            from assistant.llm import Phraser
            phraser = Phraser(settings)
        return cls(settings, encoder, searcher, storage, router, phraser)

    # retrieval
    def search(self, query: str, k: int | None = None) -> list[Hit]:
        self.searcher.refresh_if_swapped()
        return self.searcher.search(query, k or self.settings.top_k)

    @property
    def vocabulary(self) -> frozenset[str]:
        build = self.searcher.manifest.get("build_id")
        if build != self._vocab_build:
            self._vocab = corpus_vocabulary(self.searcher.passages)
            self._vocab_build = build
        return self._vocab

    def answer_fact(self, question: str, query: str | None = None) -> Answer:
        hits = self.search(query or question, max(self.settings.top_k, 5))
        missing = uncovered_terms(question, self.vocabulary)
        if missing:
            return abstention(
                f"The documents I have do not cover {', '.join(repr(m) for m in missing)}, "
                "so I cannot answer this without guessing.", hits)
        if weak_support(hits):
            return abstention("The documents I have do not answer this question.", hits)
        text, cites = extractive_answer(question, hits)
        return Answer(answer=text, citations=cites.items)

    # the core call
    def answer(self, message: str, session_id: str | None = None, channel: str = "web") -> Answer:
        text = validate_message(message, self.settings.max_message_chars)
        sid = self.storage.ensure_session(session_id, channel)
        state = self.storage.get_state(sid)
        result, new_state = self._dispatch(text, state)
        result.session_id = sid
        self.storage.add_message(sid, "user", text)
        self.storage.add_message(sid, "assistant", result.answer, result.model_dump())
        self.storage.save_state(sid, new_state)
        if result.abstained:
            self.storage.add_unanswered(text, new_state.get("last_kind", "fact"),
                                        result.answer, sid)
        return result

    def _dispatch(self, text: str, state: dict) -> tuple[Answer, dict]:
        answer = self.answer_fact(text)
        return answer, {**state, "last_kind": "fact", "last_topic": text}
