"""What a question asks for, and whether a sentence holds it."""
from __future__ import annotations

import pytest

from assistant.answering.answer_types import requested_value, states_value
from assistant.answering.question_shapes import question_parts, shape_of


@pytest.mark.parametrize("question, kind", [
    ("When did the $25k rule come in?", "date"),
    ("What phone number do I call for support?", "phone"),
    ("What's the email address of Microsoft Operations?", "email"),
    ("How many partners were offboarded?", "count"),
    ("How many days until the invitation arrives?", "duration"),
    ("What percentage of partners hold Gold?", "statistic"),  # a share of partners, not a rule's rate
    ("What percentage of the incentive is co-op?", "percentage"),
    ("Which calendar months does the earning period start in?", "month"),
    ("When can I spend co-op above the threshold?", None),  # a condition, not a date
    ("When is Gold worth it over Silver?", None),
    ("What does DPOR stand for?", None),
    # an address asked for, not a channel named in passing
    ("is there a typical wait or do we just keep refreshing email lol", None),
    ("which email should I use to contact them?", "email"),
    ("What's the exact link to that portal?", "url"),
    ("At most how many more days should we expect to wait for it?", "duration"),
])
def test_requested_value(question, kind):
    assert requested_value(question) == kind


@pytest.mark.parametrize("question, sentence, held", [
    ("How many partners were offboarded after 2021?",
     "Since 1 October 2021 a partner needs TTM revenue of at least $25,000; partners below it are offboarded.", False),
    ("How many new Office 365 customers does Silver need?",
     "To hold Silver, a partner must have added at least four new Office 365 customers.", True),
    ("How many days until Microsoft sends the invitation?",
     "When trailing twelve-month revenue climbs back, Microsoft sends a fresh invitation.", False),
    ("How many days until the PIExp invitation?", "Expect the invitation within 30 days.", True),
    ("How many more days until the PIExp invitation?", "Expect the invitation within 30 days.", True),
    ("What phone number do I call?", "Contact the support team through Partner Center.", False),
])
def test_states_value_needs_the_thing_asked(question, sentence, held):
    assert states_value(requested_value(question), sentence, question) is held


@pytest.mark.parametrize("question, shape", [
    ("Is the Azure rate higher or lower than the Office 365 rate?", "comparison"),
    ("Can I use co-op funds to pay for certification exams?", "yes_no"),
    ("what is PAL in csp", "definition"),
    ("What are the business eligibility requirements for the indirect provider incentive?", "list"),
    ("Why did Microsoft introduce the threshold?", "plain"),
])
def test_shape_of(question, shape):
    assert shape_of(question) == shape


def test_two_part_questions_are_split():
    assert question_parts("What is the TTM threshold, and on what calendar date are payouts made?") == [
        "What is the TTM threshold", "on what calendar date are payouts made"]
    assert question_parts("What does DPOR stand for and what does it do?") == [
        "What does DPOR stand for", "what does it do"]
    assert question_parts("How do rebates work?") == ["How do rebates work"]


@pytest.mark.parametrize("question, badge_named", [
    ("what did the mod say to the OP?", True),
    ("the CM greeted someone by name, who?", True),
    ("how long is one earning period for co-op?", False),  # "co-op" holds no "op"
    ("Which digital marketing tactics count for co-op?", False),
    ("What does Partner Admin Link let a partner tie together?", False),
])
def test_forum_nicknames_name_a_badge(question, badge_named):
    from assistant.answering.candidate_context import badge_words
    from index.bm25 import tokenize

    named = set(tokenize(["community manager"])[0]) <= badge_words(question) or \
        set(tokenize(["visitor partner"])[0]) <= badge_words(question)
    assert named is badge_named
