"""Table-driven specs for the understanding mechanisms (mechanism_cases.yaml)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from assistant.understanding.slots import extract_slots
from assistant.understanding.slots.dates import check_dates, parse_date
from assistant.understanding.money import parse_money
from assistant.understanding.numbers import find_numbers
from assistant.understanding.comparisons import read_compare
from assistant.understanding.operations import read_target
from assistant.understanding.rates import restate
from assistant.understanding.router import Intent, slot_inputs
from assistant.understanding.rules_asked import asks_about_rules
from assistant.understanding.understand import written

TABLE = yaml.safe_load((Path(__file__).parent / "mechanism_cases.yaml").read_text(encoding="utf-8"))


def cases(section):
    return pytest.mark.parametrize("case", TABLE[section], ids=[c["text"][:50] for c in TABLE[section]])


def _dec(values):
    return [Decimal(v) for v in values]


@cases("numbers")
def test_numbers(case):
    assert [n.value for n in find_numbers(case["text"])] == _dec(case["values"])


@cases("money")
def test_money(case):
    found = parse_money(case["text"], [(i, i + 3) for i in [case["text"].find("365")] if i >= 0])
    if case.get("absurd"):
        assert found and all(m.absurd for m in found)
        return
    assert [m.amount for m in found] == _dec(case["amounts"])
    for key in ("currency", "per", "per_seat"):
        if key in case:
            assert getattr(found[0], key) == case[key]
    if "range_to" in case:
        assert found[0].range_to == Decimal(case["range_to"])
    if "ambiguous" in case:
        assert bool(found[0].alternatives) is case["ambiguous"]


@cases("restated")
def test_restated(case):
    money, problems = restate(case["text"], parse_money(case["text"]))
    assert [m.amount for m in money] == _dec(case["amounts"]) and not problems
    assert all(m.per == case.get("per") for m in money)


@cases("lines")
def test_lines(case):
    assert extract_slots(written(case["text"])).lines == {k: Decimal(v) for k, v in case["lines"].items()}


@cases("growth")
def test_growth_direction(case):
    expected = None if case["growth"] is None else Decimal(case["growth"])
    assert extract_slots(case["text"]).percent == expected


@cases("facts")
def test_facts(case):
    facts = extract_slots(case["text"]).facts
    for key, value in case["facts"].items():
        expected = Decimal(value) if isinstance(value, str) and value[:1].isdigit() else value
        assert facts.get(key) == expected, (key, facts)
    if not case["facts"]:
        assert not {k: v for k, v in facts.items() if k not in ("level",)}, facts


@cases("per_product_growth")
def test_each_product_keeps_its_own_growth(case):
    got = extract_slots(case["text"]).growth_by_product
    assert got == {k: Decimal(v) for k, v in case["growth"].items()}


@cases("dates")
def test_dates(case):
    assert parse_date(case["text"]) == (date.fromisoformat(case["date"]) if case["date"] else None)


@cases("invalid_dates")
def test_invalid_dates_are_refused_not_replaced(case):
    assert check_dates(case["text"]) == case["bad"]
    assert "invalid_date" in extract_slots(case["text"]).errors


@cases("operations")
def test_operations(case):
    text = written(case["text"])
    slots = extract_slots(text)
    target, compare = read_target(text, slots), read_compare(text, slots)
    if case["op"] is None:
        assert target is None and compare is None
        return
    got = target if case["op"] == "target" else compare
    assert got is not None
    for key, value in case["inputs"].items():
        if isinstance(value, dict):
            assert {k: Decimal(v) for k, v in got[key].items()} == {k: Decimal(v) for k, v in value.items()}
        else:
            assert got[key] == value


@cases("rules_questions")
def test_a_value_no_calculator_gives_is_asked_of_the_rules(case):
    slots = extract_slots(case["text"])
    intent = Intent(case["kind"], 1.0, slots, inputs=slot_inputs(case["kind"], case["text"], slots))
    assert asks_about_rules(intent, case["text"]) is case["rules"]


def test_long_pasted_text_is_read_in_linear_time():
    """Readers must not backtrack on long lines: a full-length email of comma-separated prose reads
    like any other (a pattern that backtracks hangs here instead of returning)."""
    line = ", ".join(["our team met the partner manager again about the quarterly plan and the usage"] * 12)
    text = "\n".join([line] * 6 + ["Office 365,20000", "Azure,10000", "what is our incentive"])
    assert extract_slots(written(text)).lines == {"o365": Decimal("20000"), "azure": Decimal("10000")}


def test_a_stray_carriage_return_inside_a_row_is_read_not_raised():
    assert extract_slots(written("Product,Billed\rUSD\nOffice 365,20000\nAzure,10000")).errors == ()


@pytest.mark.parametrize("text, spelled", [
    ("and for the *strategic* software in CSP subs", "and for the strategic software in CSP subs"),
    ("**Azure**: 40k", "Azure: 40k"),
    ("tax_profile: incomplete", "tax_profile: incomplete"),
    ("how is the split between rebate and co op", "how is the split between rebate and co-op"),
    ("what % on office365 for tier2 resellers", "what % on Office 365 for tier 2 resellers"),
    ("neue Office-365-Kunden", "neue Office 365-Kunden"),
])
def test_standard_spelling(text, spelled):
    from assistant.understanding.understand import standard_spelling

    assert standard_spelling(text) == spelled
