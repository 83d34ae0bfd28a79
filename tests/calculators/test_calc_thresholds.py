"""Every threshold is met the way its rule says ("at least", "more than"), tested at the boundary."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calculators import coop, competency, eligibility
from calculators.params import COMPARISONS, list_parameters

THRESHOLDS = [p for p in list_parameters() if p.values[-1].comparison]
RESELLER = dict(mpn_active=True, indirect_reseller=True, competency="silver", bank_tax=True)


def _met(name: str, amount, on: date) -> bool:
    """Ask the calculator that applies `name` whether `amount` meets it."""
    if name == "ttm_revenue_threshold":
        return eligibility("reseller", on, ttm_revenue=amount, **RESELLER).eligible
    if name == "coop_usage_threshold":
        return coop(coop_accrual=amount, as_of=on).usable
    if name.endswith("new_o365_customers"):
        return competency(int(amount), 99, name.split("_")[0], on).requirements[0].status == "met"
    if name == "gold_certified_employees":
        return competency(99, int(amount), "gold", on).requirements[1].status == "met"
    key = {"silver_roi_internal_o365_monthly": "internal_o365_monthly",
           "silver_roi_billed_o365_monthly": "billed_o365_monthly",
           "silver_roi_billed_m365_monthly": "billed_m365_monthly"}[name]
    return competency(None, None, "silver", on, **{key: amount}).hints[0].above


def test_every_threshold_declares_how_it_is_met():
    names = {p.name for p in THRESHOLDS}
    assert {"ttm_revenue_threshold", "coop_usage_threshold", "gold_new_o365_customers",
            "silver_roi_billed_o365_monthly"} <= names
    assert all(v.comparison in COMPARISONS for p in THRESHOLDS for v in p.values)


@pytest.mark.parametrize("value", [v for p in THRESHOLDS for v in p.values if v.value is not None],
                         ids=lambda v: f"{v.name}@{v.effective_from}")
def test_the_calculator_honours_the_declared_comparison_at_the_boundary(value):
    on = value.effective_from
    step = Decimal("0.01") if value.unit.startswith("currency") else 1
    at, below, above = value.value, value.value - step, value.value + step
    inclusive = value.comparison in ("at_least", "at_most")
    assert _met(value.name, at, on) is inclusive
    assert _met(value.name, above, on) is (value.comparison in ("at_least", "more_than"))
    assert _met(value.name, below, on) is (value.comparison in ("at_most", "less_than"))


def test_a_usable_co_op_goal_on_an_earlier_date_also_gives_today_s_billing():
    from calculators.target import target

    then = target("o365", "coop_usable", as_of=date(2021, 9, 30))
    figures = {f.name: f.value for f in then.figures}
    # $4,000 / 40% / 4% then; $10,000 / 40% / 4% under the threshold in force today
    assert then.billed_needed == Decimal("250000.00")
    assert figures["Office 365 billed revenue needed today"] == Decimal("625000.00")
    assert figures["Office 365 billing needed today beyond then"] == Decimal("375000.00")
    # today's rules already apply: nothing more to add
    now = target("o365", "coop_usable", as_of=date(2022, 1, 1))
    assert not any(f.name.endswith("today") for f in now.figures)
