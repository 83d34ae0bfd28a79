"""A turn is stored in one transaction; a new session is written with its first turn."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from assistant.citing import PassageCiter
from assistant.storage import ConcurrentTurnError, Storage
from corpus.documents import Passage
from index.encoder import FakeEncoder, StoredBatches


def test_a_new_session_is_written_with_its_first_turn(tmp_path):
    storage = Storage(f"sqlite:///{tmp_path / 'turns.db'}")
    sid, state, version = storage.open_session(None, "web", "e" * 32, create=False)
    assert (sid, state, version) == ("e" * 32, {}, 0)
    assert storage.open_session(sid, "web", "f" * 32)[0] == "f" * 32  # nothing written yet
    storage = Storage(f"sqlite:///{tmp_path / 'turns2.db'}")
    sid, _, version = storage.open_session(None, "web", "e" * 32, create=False)
    message_id = storage.record_turn(sid, "first", {"answer": "one"}, {"n": 1}, version=version, channel="web")
    assert message_id is not None
    assert storage.open_session(sid, "web", "g" * 32, create=False)[1:] == ({"n": 1}, 1)
    assert storage.open_session(sid, "slack", "h" * 32, create=False)[0] == "h" * 32  # another channel's
    assert [m["text"] for m in storage.history(sid)] == ["first", "one"]


def test_two_first_turns_of_one_new_session_store_one(tmp_path):
    storage = Storage(f"sqlite:///{tmp_path / 'turns.db'}")
    sid, _, version = storage.open_session(None, "slack", "slack:C1:U1", create=False)
    storage.record_turn(sid, "first", {"answer": "one"}, {"n": 1}, version=version, channel="slack")
    with pytest.raises(ConcurrentTurnError):  # computed from the empty state the other turn replaced
        storage.record_turn(sid, "second", {"answer": "two"}, {"n": 2}, version=version, channel="slack")
    assert [m["text"] for m in storage.history(sid)] == ["first", "one"]


def test_a_conversation_continues_across_turns(fake_assistant, tmp_path):
    isolated_assistant = copy.copy(fake_assistant)
    isolated_assistant.storage = Storage(f"sqlite:///{tmp_path / 'chat.db'}")
    first = isolated_assistant.answer("How much incentive on $50k of Office 365?", channel="web")
    second = isolated_assistant.answer("and on Dynamics 365?", first.session_id, channel="web")
    sid = isolated_assistant.session_id_of(second.session_id)
    assert sid == isolated_assistant.session_id_of(first.session_id)
    assert [m["role"] for m in isolated_assistant.storage.history(sid)] == ["user", "assistant"] * 2


class Counting(FakeEncoder):
    def __init__(self):
        super().__init__()
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        return super().encode(texts)


def test_stored_batches_are_embedded_once_and_read_back(tmp_path):
    inner = Counting()
    texts = ["what is the rebate", "how much co-op", "am I eligible"]
    first = StoredBatches(inner, tmp_path / "cache").encode(texts)
    again = StoredBatches(inner, tmp_path / "cache").encode(texts)
    assert inner.texts == len(texts) and np.array_equal(first, again)
    StoredBatches(inner, tmp_path / "cache").encode([*texts, "one more"])  # other texts: embedded
    assert inner.texts == 2 * len(texts) + 1
    StoredBatches(inner, tmp_path / "cache").encode(["a single query"])  # never stored
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_the_bundled_fallback_is_read_only_when_the_index_lacks_the_document():
    calls = []
    indexed = [Passage(id="a#0", doc_id="a", title="A", section="", text="The rebate is 4% of billed revenue.",
                       source="a.md")]
    fallback = [Passage(id="b#0", doc_id="b", title="B", section="", text="Co-op is 2% of billed revenue.",
                        source="b.md")]
    citer = PassageCiter(indexed, lambda: calls.append(1) or fallback)
    assert citer.for_quote("a", "the rebate is 4%").passage.id == "a#0"
    assert calls == []
    assert citer.for_quote("b", "co-op is 2%").passage.id == "b#0"
    assert citer.for_topic("b", "co-op").passage.id == "b#0"
    assert calls == [1]
