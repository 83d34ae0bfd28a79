"""The FAQ lookup marks the best answering sentence of each result, from the sentence index."""
from __future__ import annotations

from assistant.faq import FaqIndex


def test_each_passage_and_entry_carries_its_best_sentence(fake_assistant):
    results = FaqIndex(fake_assistant).search("co-op usage threshold", 5)
    assert results["passages"]
    for p in results["passages"]:
        mark = p["highlight"]
        assert mark is not None
        if mark["start"] is not None:
            assert p["text"][mark["start"]:mark["end"]].replace("**", "") == mark["text"]
    assert any(e.get("highlight") for e in results["entries"])
