"""Passages split into sentences and list items at ingest; lists keep their lead-in."""
from __future__ import annotations

from index.sentences import split_units
from index.store import IndexStore


def test_list_items_point_at_their_lead_in_and_lists_stay_apart():
    text = ("When a period ends, Microsoft compares co-op with the threshold.\n\n"
            "- Above it, co-op is spent next period.\n- Below it, co-op is paid out.\n\n"
            "Approved activities fall into three groups:\n\n- Marketing\n- Readiness")
    units = split_units(text)
    kinds = [(u.kind, u.group) for u in units]
    assert kinds == [("intro", 0), ("item", 0), ("item", 0), ("intro", 3), ("item", 3), ("item", 3)]
    assert units[1].text == "Above it, co-op is spent next period."


def test_forum_post_headers_are_not_sentences_and_bare_headings_are_marked():
    units = split_units("Posted by: Visitor\nPosted on: 2023-01-02\n\nYes, providers can earn incentives.\n\n"
                        "Recent Changes to Eligibility\n\nThe rule started in 2021.")
    assert [u.text for u in units if u.kind != "heading"] == ["Yes, providers can earn incentives.",
                                                              "The rule started in 2021."]
    assert [u.kind for u in units] == ["sentence", "heading", "sentence"]


def test_sentences_are_stored_with_the_build(fake_assistant):
    store = IndexStore(fake_assistant.settings.index_dir)
    live = store.load()
    assert live.sentences is not None
    assert len(live.sentences.units) == live.sentences.vectors.shape[0] == live.manifest["counts"]["sentences"]
    assert max(u.passage for u in live.sentences.units) < len(live.passages)
