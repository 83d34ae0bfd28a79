"""How chosen sentences are laid out: consequences first, contrasts kept whole, Yes/No, a rate's basis.

The cases are in answer_shapes.yaml beside this file.
"""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from assistant.answering import alternatives, shapes
from assistant.answering.queries import expand_query
from assistant.support import corpus_vocabulary_of, uncovered_terms

CASES = yaml.safe_load(Path(__file__).with_name("answer_shapes.yaml").read_text())


def _ids(table, key):
    return [c[key][:50] for c in CASES[table]]


@pytest.mark.parametrize("case", CASES["consequence"], ids=_ids("consequence", "question"))
def test_a_question_that_asks_what_follows(case):
    assert shapes.asks_consequence(case["question"]) is case["asks"]


@pytest.mark.parametrize("case", CASES["consequence_sentences"], ids=_ids("consequence_sentences", "sentence"))
def test_a_sentence_that_states_what_follows(case):
    assert shapes.states_consequence(case["sentence"]) is case["states"]


@pytest.mark.parametrize("case", CASES["preferences"], ids=_ids("preferences", "text"))
def test_what_a_question_asks_and_the_sentences_that_state_it(case):
    found = shapes.asks(case["cue"], case["text"]) if case["cue"].endswith("_asks") else shapes.states(case["cue"], case["text"])
    assert bool(found) is case["matches"]


@pytest.mark.parametrize("case", CASES["finishes_previous"], ids=_ids("finishes_previous", "sentence"))
def test_a_contrast_finishes_the_sentence_before(case):
    assert shapes.finishes_previous(case["sentence"]) is case["finishes"]


@pytest.mark.parametrize("case", CASES["yes_no_lead"], ids=_ids("yes_no_lead", "question"))
def test_yes_or_no_from_the_main_clauses(case):
    assert shapes.yes_no_lead(case["question"], case["sentence"]) == case["lead"]


@pytest.mark.parametrize("case", CASES["rate_basis"], ids=_ids("rate_basis", "quote"))
def test_a_rate_is_paid_on_what_its_rule_says(case):
    assert shapes.rate_basis(SimpleNamespace(reference_quote=case["quote"])) == case["basis"]


def test_another_name_of_an_alternative_is_covered_and_searched_by_the_documents_name():
    vocabulary = corpus_vocabulary_of(["indirect provider requirements", *alternatives.phrases()])
    assert uncovered_terms("operational requirements for T1 partners?", vocabulary) == []
    assert uncovered_terms("what does a tier1 need?", vocabulary) == []
    assert "indirect provider" in expand_query("requirements for tier1?", ())
