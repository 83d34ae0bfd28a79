"""Table-driven specs for reading partner facts, levels, counts, partner type and flags (reading_cases.yaml)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from assistant.conversation import ConversationState
from assistant.understanding.money import parse_money
from assistant.understanding.followups import merge_inputs
from assistant.understanding.router import resolve_ones
from assistant.understanding.slots import detect_flags, extract_slots, parse_partner_type
from calculators.eligibility import RESELLER_FACTS, eligibility

TABLE = yaml.safe_load((Path(__file__).parent / "reading_cases.yaml").read_text(encoding="utf-8"))


def cases(section):
    return pytest.mark.parametrize("case", TABLE[section], ids=[c["text"][:60] for c in TABLE[section]])


def _value(v):
    return Decimal(v) if isinstance(v, str) and v[:1].isdigit() else v


@cases("facts")
def test_facts(case):
    facts = extract_slots(case["text"]).facts
    for key, value in case["facts"].items():
        assert facts.get(key) == _value(value), (key, facts)
    for key in case.get("absent", []):
        assert key not in facts, (key, facts)


@cases("partner_type")
def test_partner_type(case):
    assert parse_partner_type(case["text"]) == case["type"]


@cases("levels")
def test_levels(case):
    facts = extract_slots(case["text"]).facts
    assert facts.get("level") == case["level"] and facts.get("competency") == case["held"], facts


@cases("counts")
def test_counts(case):
    facts = extract_slots(case["text"]).facts
    for key, value in case["counts"].items():
        assert facts.get(key) == value, (key, facts)
    for key in case.get("absent", []):
        assert key not in facts, (key, facts)


@cases("followup_counts")
def test_followup_counts(case):
    state = ConversationState(last_kind="competency", last_tool="competency", last_inputs=case["last"])
    merged = merge_inputs("competency", case["text"], extract_slots(case["text"]), state)
    assert merged["new_o365_customers"] == case["expect"]
    assert not any(k.endswith("_added") for k in merged)


@cases("flags")
def test_flags(case):
    assert detect_flags(case["text"]) == set(case["flags"])


@cases("identifiers")
def test_identifiers_are_not_money(case):
    assert [m.amount for m in parse_money(case["text"])] == [Decimal(a) for a in case["amounts"]]


@cases("verdicts")
def test_verdicts(case):
    slots = extract_slots(case["text"])
    facts = {k: v for k, v in slots.facts.items() if k in RESELLER_FACTS}
    assert eligibility(slots.partner_type or "reseller", date(2024, 1, 1), **facts).status == case["status"], facts


@pytest.mark.parametrize("case", TABLE["ones"], ids=[c["text"][:60] for c in TABLE["ones"]])
def test_ones_takes_the_topic_noun(case):
    text = resolve_ones(case["text"], ConversationState(last_kind="fact", last_topic=case["topic"]))
    facts = extract_slots(text).facts
    assert {k: facts[k] for k in ("new_o365_customers", "certified_employees") if k in facts} == case["counts"]
