"""A mechanism the question describes is searched by the name the documents give it (concepts.yaml)."""
from __future__ import annotations

import pytest

from assistant.answering.concepts import described


@pytest.mark.parametrize("question", [
    "Is there a way to make sure Microsoft credits us for the Azure consumption we drive?",
    "how do we get recognized for azure usage we manage for clients",
    "Can the Azure spend in our customers' subscriptions be attributed to us?",
    "We want to link our MPN ID to the accounts our engineers use. How?",
    "our admin users sit in each client's tenant - does Microsoft see our influence?",
])
def test_a_description_of_partner_admin_link_names_it(question):
    assert described(question) == ["Partner Admin Link"]


@pytest.mark.parametrize("question", [
    "What is Partner Admin Link?",  # named already
    "What rate does Azure consumption earn?",
    "How much co-op do we get on $40k of Azure?",
    "Is our MPN ID active enough for the incentive?",
])
def test_a_question_that_describes_no_mechanism_adds_nothing(question):
    assert described(question) == []
