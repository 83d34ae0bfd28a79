"""What I understood: each input a calculator used, in plain words, with the words it came from.

The line opens every calculator answer so a misread is visible before anyone trusts the
figure: ``Office 365 billed: $64,000.00 (from "64 000 USD"); MPN active: no (from "our MPN
lapsed")``. The same items travel in the Answer as ``understood`` for the widget and Slack.
"""
from __future__ import annotations

from decimal import Decimal

from assistant.answer import Understood
from assistant.understanding.fact_mentions import read_facts
from calculators.money import fmt_usd
from calculators.products import products

LABELS = {
    "ttm_revenue": "TTM revenue", "coop_accrual": "co-op accrual", "total_incentive": "total incentive", "rebate_portion": "rebate (the share paid directly)",
    "mpn_active": "MPN active", "indirect_reseller": "enrolled as indirect reseller", "competency": "competency held",
    "bank_tax": "bank and tax profiles complete", "cda_active": "Cloud Distributor Agreement active",
    "piexp_onboarded": "onboarded to PIExp", "partner_type": "partner type", "as_of": "rules as of",
    "fiscal_year": "fiscal year", "growth": "growth per period", "periods": "periods ahead",
    "new_o365_customers": "new Office 365 customers", "certified_employees": "certified employees",
    "level": "level asked about", "internal_o365": "internal Office 365 per month",
    "billed_o365": "Office 365 billed per month", "billed_m365": "Microsoft 365 billed per month",
    "silver_thresholds": "Silver revenue and certification thresholds met",
    "goal": "goal", "amount": "incentive goal", "coop_accrued": "co-op already accrued", "accrued_before": "co-op already accrued",
    "earned": "incentive already earned", "product": "product to bill", "per": "amounts stated per",
}
MONEY_KEYS = {"coop_accrued", "accrued_before", "earned", "ttm_revenue", "coop_accrual", "total_incentive", "rebate_portion", "amount", "internal_o365", "billed_o365",
              "billed_m365"}
SHOWN = ("partner_type", "mpn_active", "indirect_reseller", "competency", "bank_tax", "ttm_revenue", "cda_active",
         "piexp_onboarded", "total_incentive", "rebate_portion", "coop_accrual", "new_o365_customers", "certified_employees", "level",
         "internal_o365", "billed_o365", "billed_m365", "silver_thresholds", "goal", "amount", "coop_accrued", "accrued_before", "earned", "product", "growth", "per", "as_of",
         "fiscal_year")


def _value(key: str, value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key in MONEY_KEYS:
        return fmt_usd(Decimal(str(value)))
    if key == "growth":
        return f"{(Decimal(str(value)) * 100).quantize(Decimal('0.01')).normalize():f}%"
    if key == "product":
        return products()[value].name
    if key == "goal":
        return {"incentive": "an incentive amount", "coop_usable": "usable co-op", "rebate": "a rebate amount",
                "coop": "a co-op amount"}.get(value, str(value))
    return str(value)


def _lines(prefix: str, lines: dict, words: dict[str, str]) -> list[Understood]:
    catalogue = products()
    # One side of a comparison took one of the product's amounts: the words of all of them would mislead.
    return [Understood(field=f"{prefix}{catalogue[k].name} billed" if k in catalogue else f"{prefix}{k} billed",
                       value=fmt_usd(Decimal(str(v))), from_text="" if prefix and " + " in words.get(k, "") else words.get(k, ""))
            for k, v in lines.items()]


def understood(inputs: dict, evidence: tuple[tuple[str, str], ...], text: str) -> list[Understood]:
    """The inputs a calculator ran with, each with the words of the message that set it."""
    words = dict(evidence)
    facts = {f.key: f.clause or f.text for f in read_facts(text)}
    items = _lines("", inputs.get("lines") or {}, words)
    a, b = inputs.get("a") or {}, inputs.get("b") or {}
    # one product billed differently on each side: the words of one side would be quoted for both
    side_words = {k: w for k, w in words.items() if not (k in a and k in b and str(a[k]) != str(b[k]))}
    for side in ("a", "b"):
        if inputs.get(side):
            items += _lines(f"{side.upper()}: ", inputs[side], side_words)
    if inputs.get("existing"):
        items += _lines("already: ", inputs["existing"], words)
    catalogue = products()
    for key, rate in (inputs.get("growth_by_product") or {}).items():
        name = catalogue[key].name if key in catalogue else key
        items.append(Understood(field=f"{name} growth per period", value=_value("growth", rate), from_text=""))
    for key in SHOWN:
        if inputs.get(key) is None or inputs.get(key) == "":
            continue
        label = LABELS.get(key, key.replace("_", " "))
        if key == "amount":
            label = {"rebate": "rebate goal", "coop": "co-op goal"}.get(inputs.get("goal"), label)
        items.append(Understood(field=label, value=_value(key, inputs[key]),
                                from_text=words.get(key) or facts.get(key, "")))
    return items


#: how the line starts in the answer text; interfaces that show `understood` themselves drop it
LINE_PREFIX = "_What I understood: "


def understood_line(items: list[Understood]) -> str:
    """One plain line for the answer text."""
    parts = [f"{i.field}: {i.value}" + (f' (from "{i.from_text}")' if i.from_text else "") for i in items]
    return f"{LINE_PREFIX}" + "; ".join(parts) + "._" if parts else ""
