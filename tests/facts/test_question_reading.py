"""How a fact question is read: the value it asks for, its sides, the alternatives and years it names.

The cases are in question_reading.yaml beside this file.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.answering import alternatives
from assistant.answering.answer_types import asking_words, asks_document_value, asks_own_data, requested_value, states_value
from assistant.answering.question_shapes import asks_yes_no, compares
from assistant.answering.wording import about_question, fiscal_years
from assistant.answering.queries import asks_how_to, asks_per_unit
from assistant.answering.scoring import question_terms
from assistant.support import correct_typos

CASES = yaml.safe_load(Path(__file__).with_name("question_reading.yaml").read_text())


def _ids(table, key):
    return [c[key][:50] for c in CASES[table]]


@pytest.mark.parametrize("case", CASES["requested_value"], ids=_ids("requested_value", "question"))
def test_the_value_a_question_asks_for(case):
    assert requested_value(case["question"]) == case["kind"]


@pytest.mark.parametrize("case", CASES["states_value"], ids=_ids("states_value", "sentence"))
def test_a_sentence_states_the_value_asked(case):
    kind = requested_value(case["question"])
    assert kind is not None
    assert states_value(kind, case["sentence"], case["question"]) is case["held"]


@pytest.mark.parametrize("case", CASES["yes_no"], ids=_ids("yes_no", "question"))
def test_a_yes_no_question_after_a_condition(case):
    assert asks_yes_no(case["question"]) is case["yes_no"]


@pytest.mark.parametrize("case", CASES["compares"], ids=_ids("compares", "question"))
def test_a_question_that_compares(case):
    assert compares(case["question"]) is case["compares"]


@pytest.mark.parametrize("case", CASES["asking_words"], ids=_ids("asking_words", "question"))
def test_the_words_that_ask_are_not_the_subject(case):
    assert asking_words(case["question"]) == case["words"]


@pytest.mark.parametrize("case", CASES["alternatives"], ids=_ids("alternatives", "text"))
def test_the_alternatives_a_text_names(case):
    assert {g: sorted(n) for g, n in alternatives.named(case["text"]).items()} == case["named"]


@pytest.mark.parametrize("case", CASES["contradicts"], ids=[f"{c['sentence'][:30]}|{c['context'][:20]}"
                                                            for c in CASES["contradicts"]])
def test_a_sentence_about_another_alternative_does_not_answer(case):
    asked = alternatives.named(case["question"])
    assert alternatives.contradicts(asked, case["sentence"], case["context"]) is case["contradicts"]


@pytest.mark.parametrize("case", CASES["sides"], ids=_ids("sides", "question"))
def test_each_side_of_a_comparison_is_asked_on_its_own(case):
    group, names = alternatives.compared(case["question"])
    assert [alternatives.only(case["question"], group, n) for n in names] == case["sides"]


@pytest.mark.parametrize("case", CASES["fiscal_years"], ids=_ids("fiscal_years", "text"))
def test_fiscal_years_named(case):
    assert fiscal_years(case["text"]) == set(case["years"])


@pytest.mark.parametrize("case", CASES["about_question"], ids=_ids("about_question", "sentence"))
def test_an_aside_about_something_else_states_no_value(case):
    text = about_question(case["sentence"], question_terms(case["subject"]))
    assert states_value("date", text) is case["states_date"]


@pytest.mark.parametrize("case", CASES["product_questions"], ids=_ids("product_questions", "question"))
def test_questions_about_a_product_that_do_not_ask_its_rate(case):
    assert asks_how_to(case["question"]) is case["how_to"]
    assert asks_per_unit(case["question"]) is case["per_unit"]


@pytest.mark.parametrize("case", CASES["typos"], ids=_ids("typos", "question"))
def test_a_misspelt_name_is_read_as_the_documents_spell_it(case):
    assert correct_typos(case["question"], frozenset(case["vocabulary"])) == case["corrected"]


@pytest.mark.parametrize("case", CASES["own_data"], ids=_ids("own_data", "question"))
def test_the_askers_own_figures_are_recognised(case):
    assert asks_own_data(case["question"]) is case["own"]


@pytest.mark.parametrize("case", CASES["document_values"], ids=_ids("document_values", "question"))
def test_a_value_only_documents_state(case):
    assert asks_document_value(case["question"]) is case["document"]


@pytest.mark.parametrize("question,main", [
    ("After our CDA got signed, how long until the invitation comes?", "how long until the invitation comes?"),
    ("Since our MPN is active now, what else do we need?", "what else do we need?"),
    # a main clause that refers back keeps the clause naming what it refers to
    ("When our co-op is above the threshold, when can we use it?", "When our co-op is above the threshold, when can we use it?"),
    ("How long until the invitation comes?", "How long until the invitation comes?"),
])
def test_circumstances_before_a_question_are_not_what_is_asked(question, main):
    from assistant.support import main_clause

    assert main_clause(question) == main


@pytest.mark.parametrize("message,kept", [
    ("Hi team, we are a distributor. How long until the invitation? Thanks, Priya", "we are a distributor. How long until the invitation?"),
    ("Hello! what is DPOR?", "what is DPOR?"),
    ("Best practice for co-op?", "Best practice for co-op?"),
    # greetings in the languages partners write in
    ("Buenas, ¿cuál es el umbral de co-op?", "¿cuál es el umbral de co-op?"),
    ("Goedemiddag, wat is de drempel?", "wat is de drempel?"),
])
def test_a_greeting_and_a_sign_off_are_not_part_of_the_question(message, kept):
    from assistant.support import without_greeting

    assert without_greeting(message) == kept


@pytest.mark.parametrize("question,parts", [
    ("How long until the invitation arrives? Thanks, Priya", ["How long until the invitation arrives"]),
    ("Which things can co-op be spent on? list every category", ["Which things can co-op be spent on", "list every category"]),
    ("What is the TTM threshold, and on what date are payouts made?", ["What is the TTM threshold", "on what date are payouts made"]),
])
def test_words_after_the_last_question_that_ask_nothing_are_no_part(question, parts):
    from assistant.answering.question_shapes import question_parts

    assert question_parts(question) == parts


@pytest.mark.parametrize("question,parts", [
    # two kinds of one requirement asked together are asked one by one
    ("What are the revenue and customer requirements for Silver?",
     ["What are the revenue requirements for Silver", "What are the customer requirements for Silver"]),
    ("Quick one: which are the bank and tax rules for providers?",
     ["Quick one: which are the bank rules for providers", "Quick one: which are the tax rules for providers"]),
    ("What is the TTM requirement for resellers?", ["What is the TTM requirement for resellers"]),
])
def test_requirements_of_two_kinds_are_two_parts(question, parts):
    from assistant.answering.question_shapes import question_parts

    assert question_parts(question) == parts


@pytest.mark.parametrize("part,main", [
    # a condition after the question says when; what is asked comes before it
    ("What can we spend co-op funds on if we pass the threshold", "What can we spend co-op funds on"),
    ("in what kind of activities can we spend the funds once we reach the threshold", "in what kind of activities can we spend the funds"),
    # ... unless the condition is what the question is about
    ("What happens if we miss the TTM threshold", "What happens if we miss the TTM threshold"),
])
def test_a_trailing_condition_is_not_what_is_asked(part, main):
    from assistant.answering.question_shapes import without_trailing_condition

    assert without_trailing_condition(part) == main


@pytest.mark.parametrize("question,part,expected", [
    # a part that points back asks about the subject, not the alternative set against it with "only"
    ("Do indirect providers get incentives, or is that only for resellers? And if they do, what are the business "
     "requirements?", "And if they do, what are the business requirements?", {"indirect provider"}),
    # a part that names its own alternative asks about that one
    ("Do indirect providers get incentives, or only resellers? What do resellers need?", "What do resellers need?",
     {"indirect reseller"}),
    # the asker is the subject ("we're a distributor"), set against "only a reseller thing"
    ("are providers paid incentives (we're a distributor) or is it only a reseller thing? if so what do we need?",
     "if so what do we need?", {"indirect provider"}),
    # the resellers the asker serves are not who asks
    ("As a distributor, what do we earn on our resellers' billing?", "As a distributor, what do we earn on our resellers' "
     "billing?", {"indirect provider"}),
])
def test_a_part_that_points_back_asks_about_the_subject(question, part, expected):
    from assistant.answering.alternatives import asked_in

    assert asked_in(question, part)["partner type"] == expected


def test_a_guess_offered_with_its_alternative_is_not_an_uncovered_topic():
    from assistant.support import uncovered_terms

    vocabulary = frozenset({"invite", "onboard", "incentives", "tool", "distributors", "sends", "program", "rebates"})
    assert "PDM" not in uncovered_terms("Who sends out the invite to onboard to the incentives tool? Is it our PDM or "
                                        "someone else?", vocabulary)
    assert "PDM" in uncovered_terms("Does the PDM program give rebates?", vocabulary)


def test_a_time_written_as_a_compound_is_no_uncovered_topic():
    from assistant.support import uncovered_terms

    vocabulary = frozenset({"requirement", "revenue", "resellers", "indirect", "later"})
    assert "mid-2021" not in uncovered_terms("Was there a revenue requirement in mid-2021?", vocabulary)
    assert "Gizmo-2021" in uncovered_terms("Was there a revenue requirement for Gizmo-2021?", vocabulary)
