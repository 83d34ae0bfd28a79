"""Labelled fact questions: the passage that answers each must be in the top five."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parents[1] / "data" / "fact_questions.yaml").read_text())
TARGET = 0.95


@pytest.mark.model
def test_expected_passage_in_top_five(real_assistant):
    misses = []
    for case in CASES:
        hits = real_assistant.search(case["question"], 5)
        if not any(h.passage.doc_id == case["doc_id"] and case["contains"].lower() in h.passage.text.lower()
                   for h in hits):
            misses.append(f"{case['question']} -> wanted {case['doc_id']}, got "
                          f"{[h.passage.doc_id for h in hits]}")
    rate = 1 - len(misses) / len(CASES)
    print(f"\nfact retrieval: {len(CASES) - len(misses)}/{len(CASES)} in top 5 = {rate:.1%}")
    for m in misses:
        print("  miss:", m)
    assert len(CASES) >= 40
    assert rate >= TARGET
