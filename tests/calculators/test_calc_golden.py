"""Golden cases: every file in cases/*.yaml, one parametrised test.

A case has ``name``, ``tool``, ``as_of``, ``inputs`` and either ``expected`` (a partial
view of ``result.to_dict()``: mappings match key by key, lists element by element;
``figures`` may be given as ``{figure name: value}``) or ``error`` (``type`` and a
``match`` regex for the message).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import calculators

CASES_DIR = Path(__file__).with_name("cases")


def _load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _run(case):
    tool, inputs = case["tool"], dict(case.get("inputs") or {})
    if tool == "payout":
        lines = inputs.pop("lines")
        if isinstance(lines, list):
            lines = [tuple(pair) for pair in lines]
        return calculators.payout(lines, as_of=case["as_of"], **inputs)
    if tool == "eligibility":
        return calculators.eligibility(inputs.pop("partner_type"), as_of=case["as_of"], **inputs)
    if tool == "coop":
        return calculators.coop(as_of=case["as_of"], **inputs)
    if tool == "competency":
        return calculators.competency(as_of=case["as_of"], **inputs)
    if tool == "forecast":
        return calculators.forecast(start=case["as_of"], **inputs)
    raise AssertionError(f"unknown tool {tool!r}")


def _match(actual, expected, path="result"):
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected a mapping, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}: no key {key!r} (have {sorted(actual)})"
            _match(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected a list, got {actual!r}"
        assert len(actual) == len(expected), f"{path}: {len(actual)} items, expected {len(expected)}: {actual!r}"
        for i, (a, e) in enumerate(zip(actual, expected)):
            _match(a, e, f"{path}[{i}]")
    else:
        assert actual == expected, f"{path}: got {actual!r}, expected {expected!r}"


@pytest.mark.parametrize("case", list(_load_cases()))
def test_golden_case(case):
    if "error" in case:
        error_type = getattr(calculators, case["error"]["type"])
        with pytest.raises(error_type, match=case["error"].get("match")):
            _run(case)
        return
    result = _run(case)
    data = result.to_dict()
    expected = dict(case["expected"])
    figures = expected.pop("figures", None)
    if isinstance(figures, dict):
        by_name = {f["name"]: f["value"] for f in data["figures"]}
        _match(by_name, figures, "figures")
    elif figures is not None:
        expected["figures"] = figures
    _match(data, expected)
    assert data["tool"] == case["tool"]
    assert data["as_of"] == case["as_of"].isoformat()
    assert result.steps, "every result explains itself"


def test_enough_golden_cases_for_every_calculator():
    cases = [p.values[0] for p in _load_cases()]
    assert len(cases) >= 60
    tools = {c["tool"] for c in cases}
    assert tools == {"payout", "eligibility", "coop", "competency", "forecast"}
    dates = {c["as_of"].isoformat() for c in cases}
    assert {"2021-09-30", "2021-10-01"} <= dates, "both sides of 1 October 2021 are covered"
    assert len({c["name"] for c in cases}) == len(cases), "case names are unique"
    assert not [c["name"] for c in cases if not re.match(r"^[\w ,.$%()'-]+$", c["name"])]
