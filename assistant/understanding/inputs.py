"""Calculator inputs from one message's slots: what each calculator is given, Decimals as strings."""
from __future__ import annotations

import re

from assistant.understanding.slots import Slots
from assistant.understanding.slots.dates import fy_start
from assistant.understanding.slots.cues import COOP_PORTION

TOOLS = ("payout", "eligibility", "coop", "competency", "forecast", "target", "compare")

#: one of the two profiles said complete; the other may follow in a later message
PROFILE_PARTS = ("bank_profile", "tax_profile")
_ELIG_KEYS = ("mpn_active", "indirect_reseller", "competency", "bank_tax", "cda_active", "piexp_onboarded", "ttm_revenue")
_COMP_KEYS = ("level", "competency", "new_o365_customers", "certified_employees", "internal_o365", "billed_o365", "billed_m365",
              "silver_thresholds", "customers_only")


def _s(v) -> str:
    return format(v, "f") if hasattr(v, "as_tuple") else str(v)


def slot_inputs(kind: str, message: str, slots: Slots) -> dict:
    """Calculator inputs for `kind` from this message alone (Decimals as strings, dates ISO)."""
    f, out = slots.facts, {}
    if kind in ("payout", "forecast", "coop") and slots.lines:
        out["lines"] = {k: _s(v) for k, v in slots.lines.items()}
    if kind == "payout" and (slots.unknown_lines or slots.unknown_products):
        # noted beside the rated lines, for a later correction ("the Copilot line was actually D365"),
        # or named without an amount ("plus some Copilot"), for the amount given later
        out["unrated"] = {**{p: None for p in slots.unknown_products},
                          **{k: _s(v) for k, v in sorted(slots.unknown_lines.items())}}
    if kind == "payout" and slots.basis:
        out["basis"] = {k: list(v) for k, v in slots.basis.items()}
    if kind == "payout" and slots.parts:
        out["parts"] = {k: [_s(a) for a in v] for k, v in slots.parts.items()}
        if slots.part_labels:
            out["part_labels"] = {k: list(v) for k, v in slots.part_labels.items()}
    if kind == "payout" and not slots.lines and not slots.unpaired and slots.products:
        out["asked_products"] = list(slots.products)  # "what do we get on D365?": waits for its amount
    if kind in ("payout", "forecast") and not slots.lines and slots.unpaired:
        out["unpaired"] = [_s(a) for a in slots.unpaired]  # "what do we get on 60k?": waits for its product
        if slots.ambiguous:
            out["split_between"] = list(slots.ambiguous)  # "part RIs, part pay-as-you-go": the reply says how much each
    if kind == "forecast":
        if slots.percent is not None:
            out["growth"] = _s(slots.percent)
        if slots.growth_by_product:
            out["growth_by_product"] = {k: _s(v) for k, v in slots.growth_by_product.items()}
            if set(slots.growth_by_product) >= set(slots.lines):
                out.pop("growth", None)  # every product has its own rate: no single one applies
        if slots.period:
            out["period_months"] = slots.period.months
    if kind == "coop":
        total, accrual = f.get("total_incentive"), f.get("coop_accrual")
        if accrual is not None and total is None and COOP_PORTION.search(message) and not re.search(r"accru|balance|bucket", message, re.I):
            total, accrual = accrual, None
        if total is None and accrual is None and slots.unpaired and not slots.lines:
            # with billing lines the incentive is worked out from them; a stray amount beside them (an
            # "Earned" column, a total row) is not taken for the whole incentive
            total = slots.unpaired[0]
        if total is not None:
            out["total_incentive"] = _s(total)
        elif f.get("rebate_portion") is not None and accrual is None:
            out["rebate_portion"] = _s(f["rebate_portion"])
        if accrual is not None:
            out["coop_accrual"] = _s(accrual)
    if kind == "eligibility":
        if slots.partner_type:
            out["partner_type"] = slots.partner_type
        out.update({k: _s(f[k]) if k == "ttm_revenue" else f[k] for k in _ELIG_KEYS if k in f})
        # (kept beside an unmet pair as well: "tax done, bank in progress" is completed by "bank finished now")
        out.update({k: True for k in PROFILE_PARTS if f.get(k) and f.get("bank_tax") is not True})
    if kind == "competency":
        out.update({k: _s(f[k]) if k.startswith(("internal", "billed")) else f[k] for k in _COMP_KEYS if k in f})
        if "level" not in out and out.get("competency") in ("silver", "gold"):
            out["level"] = out["competency"]  # "Are we at Gold level? 26 new customers…": the level named is checked
    if kind in TOOLS:
        if slots.as_of:
            out["as_of"] = slots.as_of.isoformat()
        if slots.fiscal_year and slots.rates_year:
            out["fiscal_year"] = slots.fiscal_year
        elif slots.fiscal_year and not slots.as_of:
            # "H1 FY23 billing": the year dates the period, and the rules in force then apply
            out["as_of"] = fy_start(slots.fiscal_year).isoformat()
    return out
