"""A name the documents never mention is declined only when it is what the question asks about."""
from __future__ import annotations

import pytest

from assistant.support import uncovered_terms

VOCABULARY = frozenset({"rate", "software", "csp", "threshold", "co", "op", "usage", "incentive", "reseller"})


@pytest.mark.parametrize("question, missing", [
    ("What rate does Zorblax earn?", ["Zorblax"]),
    ("What is the FY24 rate?", ["FY24"]),
    # context around the question names things the question does not ask about
    ("Quick one before my QBR tomorrow. What is the co-op usage threshold?", []),
    ("Hello, I work at a reseller in Lisbon. What is the rate for Software in CSP?", []),
    # a capital that only starts a sentence names nothing
    ("Besides the rate, what else is there?", []),
    ("Tier 2 question: what is the rate for Software in CSP?", []),
    # ... but a name in the asking sentence still counts
    ("I have a question. What rate does Zorblax earn in Lisbon?", ["Zorblax", "Lisbon"]),
])
def test_only_names_in_the_asking_sentences_count(question, missing):
    assert uncovered_terms(question, VOCABULARY) == missing
