"""Properties that hold for any input (hypothesis)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.eligibility import PROVIDER_FACTS, RESELLER_FACTS
from calculators.products import products

KEYS = sorted(products())
amounts = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(2019, 7, 1), max_value=date(2030, 12, 31))
line_lists = st.lists(st.tuples(st.sampled_from(KEYS), amounts), min_size=1, max_size=8)


@given(line_lists, line_lists, days)
def test_payout_is_additive_over_lines(first, second, on):
    both = calculators.payout(first + second, on)
    assert both.total == calculators.payout(first, on).total + calculators.payout(second, on).total


@given(line_lists, st.integers(min_value=0, max_value=50), days)
def test_payout_is_linear_in_whole_hundreds(lines, factor, on):
    # whole hundreds of dollars make every rate exact to the cent, so linearity is exact
    hundreds = [(k, (a // 100) * 100) for k, a in lines]
    scaled = [(k, a * factor) for k, a in hundreds]
    assert calculators.payout(scaled, on).total == calculators.payout(hundreds, on).total * factor


@given(line_lists, st.integers(min_value=0, max_value=50), days)
def test_payout_is_linear_within_rounding(lines, factor, on):
    scaled = [(k, a * factor) for k, a in lines]
    gap = abs(calculators.payout(scaled, on).total - calculators.payout(lines, on).total * factor)
    assert gap <= Decimal("0.005") * len(lines) * (factor + 1)


@given(line_lists, days)
def test_rebate_plus_coop_is_the_total_to_the_cent(lines, on):
    result = calculators.payout(lines, on)
    assert result.rebate + result.coop == result.total
    assert result.coop == result.coop.quantize(Decimal("0.01"))
    assert result.cash_payout == (result.rebate if result.coop_usable else result.total)


@given(amounts, days)
def test_coop_split_adds_up_and_threshold_is_inclusive(total, on):
    result = calculators.coop(total_incentive=total, as_of=on)
    assert result.rebate + result.coop == total
    assert result.usable == (result.coop >= result.threshold)


facts_value = st.sampled_from([True, False, None])


@st.composite
def reseller_facts(draw):
    facts = {k: draw(facts_value) for k in ("mpn_active", "indirect_reseller", "bank_tax")}
    facts["competency"] = draw(st.sampled_from(["gold", "silver", "none", None]))
    facts["ttm_revenue"] = draw(st.one_of(st.none(), amounts))
    return facts


@given(reseller_facts(), days)
def test_reseller_never_eligible_when_a_required_input_is_false(facts, on):
    result = calculators.eligibility("reseller", on, **facts)
    falsy = [k for k in ("mpn_active", "indirect_reseller", "bank_tax") if facts[k] is False]
    if falsy or facts["competency"] == "none":
        assert result.eligible is False and result.status == "not_eligible"
    if result.eligible:
        assert all(r.status == "met" for r in result.requirements)
    if any(facts[k] is None for k in ("mpn_active", "indirect_reseller", "bank_tax", "competency")):
        assert result.eligible is False, "unknown facts are never assumed"
    assert set(result.unmet) | set(result.unknown) <= set(RESELLER_FACTS)


@given(st.fixed_dictionaries({k: facts_value for k in PROVIDER_FACTS}), days)
def test_provider_never_eligible_when_a_required_input_is_false(facts, on):
    result = calculators.eligibility("provider", on, **facts)
    assert result.eligible == all(v is True for v in facts.values())
    assert sorted(result.unmet) == sorted(k for k, v in facts.items() if v is False)


@settings(max_examples=30)
@given(st.dictionaries(st.sampled_from(KEYS), amounts, min_size=1, max_size=4),
       st.integers(min_value=1, max_value=4), days)
def test_forecast_with_zero_growth_repeats_the_payout(baseline, periods, start):
    result = calculators.forecast([baseline], Decimal(0), periods, start)
    for period in result.periods:
        assert period.incentive == calculators.payout(baseline, period.start).total
        assert period.start == start or period.start > start
    assert result.periods[-1].end >= start + timedelta(days=1)
    assert result.total_incentive == sum(p.incentive for p in result.periods)
