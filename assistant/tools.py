"""Running the calculator an intent asks for: inputs, dates, horizons, and what to say when one is missing."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from assistant.answer import Answer
from calculators.money import fmt_usd
from calculators.params import get_param, get_parameter
from calculators.products import products
from calculators.registry import spec
from calculators.trace import CalcResult
from calculators.trace import Figure as CalcFigure

# Which parameter holds the product rates: its fiscal-year labels say which years the sources cover.
RATE_PARAM = "reseller_rate_o365"

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1}
_PERIOD_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six)\s+(?:more\s+|coming\s+|future\s+|upcoming\s+)?"
    r"(?:earning\s+|incentive\s+|six-month\s+|6-month\s+)?(?:periods?|halves|semesters|half-years)\b", re.I)


_ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6}
_NTH_AHEAD = re.compile(r"\b(?P<nth>" + "|".join(_ORDINALS) + r")\s+(?:half|period|semester|earning\s+period)\s+"
                        r"(?:from\s+now|ahead|out|after\s+this\s+one)\b", re.I)
_AFTER_NEXT = re.compile(r"\b(?:half|period|semester|earning period)\s+after\s+(?:the\s+)?next\b", re.I)
_NEXT_ONE = re.compile(r"\bnext\s+(?:half|period|earning\s+period|semester|six\s+months|6\s+months)\b(?!s)", re.I)


def forecast_periods(text: str, months: int | None) -> int | None:
    """How many earning periods a forecast question asks for ("next 3 periods", "next 18 months")."""
    if _AFTER_NEXT.search(text):
        return 2  # "the half after next"
    nth = _NTH_AHEAD.search(text)
    if nth:
        return _ORDINALS[nth.group("nth").lower()]  # "the third semester from now"
    m = _PERIOD_COUNT.search(text)
    if m:
        n = m.group("n").lower()
        return int(n) if n.isdigit() else _NUMBER_WORDS[n]
    length = get_param("earning_period_months").value
    if months and months >= length:
        return -(-months // length)
    if _NEXT_ONE.search(text):
        return 1  # "next period", "next half": one earning period
    return None


def past_periods(slots) -> list[dict] | None:
    """Several amounts for one product and no growth rate: past periods, oldest first, to grow from."""
    amounts = [m.amount for m in slots.money if m.amount > 0]
    keys = set(slots.products)
    if any(m.note for m in slots.money):
        return None  # amounts multiplied out over their own spans are one schedule, not past periods
    if slots.percent is None and len(amounts) >= 2 and len(keys) == 1:
        key = keys.pop()
        return [{key: str(a)} for a in amounts]
    return None


# How many months one stated amount covers; calculations run per six-month earning period.
UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True)
class Restated:
    """Billing given per month, quarter or year, restated as one earning period."""

    inputs: dict
    figures: tuple = ()
    params: tuple = ()
    per: str | None = None
    factor: Decimal = Decimal(1)

    def per_unit(self, result: CalcResult) -> list[CalcFigure]:
        """The incentive back in the user's own unit ("a month"), next to the per-period total."""
        total = getattr(result, "total", None)
        if self.per is None or total is None:
            return []
        return [CalcFigure(f"incentive per {self.per}", total / self.factor, "USD",
                           f"{fmt_usd(total)} / {self.factor.normalize():f}", (self.params[0].name,))]


def to_earning_period(inputs: dict) -> Restated:
    """Restate monthly, quarterly or yearly billing as one earning period, the span co-op is judged on."""
    per = inputs.get("per")
    if per not in UNIT_MONTHS or not inputs.get("lines"):
        return Restated(inputs)
    period = get_param("earning_period_months", rules_date(inputs, False))
    factor = Decimal(period.value) / UNIT_MONTHS[per]
    lines, figures = {}, []
    for key, amount in inputs["lines"].items():
        amount = Decimal(str(amount))
        lines[key] = str(amount * factor)
        figures.append(CalcFigure(
            f"{products()[key].name} billed per earning period", amount * factor, "USD",
            f"{fmt_usd(amount)} a {per} × {period.value} months"
            + (f" / {UNIT_MONTHS[per]}" if UNIT_MONTHS[per] > 1 else ""), (period.name,)))
    return Restated({**inputs, "lines": lines}, tuple(figures), (period,), per, factor)


class ToolAbstain(Exception):
    """The sources do not support this calculation (no rate for that year or product)."""


def rate_years() -> set[str]:
    """Fiscal years whose guide the product rates come from."""
    return {v.fiscal_year for v in get_parameter(RATE_PARAM).values if v.fiscal_year}


def to_date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def check_fiscal_year(inputs: dict) -> None:
    """Refuse a named fiscal year whose rates the sources do not give."""
    fy = inputs.get("fiscal_year")
    years = rate_years()
    if fy and years and fy not in years:
        raise ToolAbstain(
            f"The sources give incentive rates only for {', '.join(sorted(years))}; they state no "
            f"rates for {fy}, so I will not estimate that year's incentive.")


def rules_date(inputs: dict, needs_rates: bool) -> date | None:
    """The date whose rules apply: an explicit date, else today's. A fiscal year named for the rates ("at the
    FY20 rates") says which guide's rates, not when the billing was: the thresholds stay today's."""
    as_of = to_date(inputs.get("as_of"))
    if needs_rates:
        check_fiscal_year(inputs)
    return as_of


def infer_partner_type(inputs: dict, text: str) -> str | None:
    """Reseller or provider from what the message says: facts only one of them has, or the word itself."""
    if any(k in inputs for k in ("cda_active", "piexp_onboarded")):
        return "provider"
    if any(k in inputs for k in ("indirect_reseller", "competency", "ttm_revenue")):
        return "reseller"
    resell, provide = re.search(r"\bresell", text, re.I), re.search(r"\bprovider|\bdistributor", text, re.I)
    if bool(resell) != bool(provide):
        return "reseller" if resell else "provider"
    return None


# Requirements both partner types share: one unmet decides the verdict whichever type the partner is.
SHARED_FACTS = {"mpn_active": "an active MPN", "bank_tax": "complete bank and tax details"}


def shared_unmet(inputs: dict) -> list[str]:
    """The requirements of both partner types the inputs state as unmet."""
    return [label for key, label in SHARED_FACTS.items() if inputs.get(key) is False]


def either_type_note(partner_named: bool, inputs: dict, result) -> str:
    """A note when the partner type was not said and a shared requirement already decides the verdict."""
    unmet = shared_unmet(inputs)
    if partner_named or not unmet or getattr(result, "status", "") != "not_eligible":
        return ""
    return (f"\n\n_You did not say whether you are an indirect reseller or an indirect provider; both need "
            f"{' and '.join(unmet)}, so the verdict is the same for either._")


def run_calculator(kind: str, inputs: dict) -> CalcResult:
    """Run the calculator `kind` through its registry declaration; CalculatorError on bad input."""
    from pydantic import ValidationError

    from calculators.errors import InvalidInputError

    needs_rates = kind in ("payout", "forecast", "target", "compare") or (kind == "coop" and not inputs.get("total_incentive")
                                                                        and not inputs.get("coop_accrual")
                                                                        and not inputs.get("rebate_portion"))
    raw = {**inputs, "as_of": rules_date(inputs, needs_rates)}
    if kind == "compare" and inputs.get("per"):
        raw["a"] = to_earning_period({"lines": inputs["a"], "per": inputs["per"]}).inputs["lines"]
        raw["b"] = to_earning_period({"lines": inputs["b"], "per": inputs["per"]}).inputs["lines"]
    try:
        return spec(kind).run(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InvalidInputError(".".join(str(x) for x in first["loc"]), first.get("input"), first["msg"]) from None


def clarification(kind: str, missing: list[str], unpaired=()) -> Answer:
    """The one question the calculation still needs; with amounts read but no product for them, that
    question shows the amounts, so only their product is asked."""
    question = spec(kind).question(missing[0])
    text, options = question.text, list(question.options)
    if missing == ["lines"] and unpaired:
        amounts = " and ".join(f"${a:,.2f}" for a in unpaired)
        text = f"Which product is the {amounts} for? The rates differ by product."
        options = [p.name for p in products().values()][:4]
    return Answer(answer=text, tool=kind, clarify={"question": text, "options": options, "missing": missing})


def blocking_errors(kind: str, slots, followup: bool, inputs: dict) -> list[str]:
    """The problems with the message's amounts that stop this calculation. One amount for two products is the
    point of a comparison, not a problem with it, nor in a follow-up that moved the last billing to the product
    named now ("if those 40k had been RIs"); two seat counts are the point of a comparison too; a seat price with
    no count in a follow-up takes the seats the last billing was worked out from ("a $20 per seat plan instead?")."""
    seats_kept = followup and bool(inputs.get("basis")) and all(f[2] for f in inputs["basis"].values())
    return [e for e in slots.errors if not (e == "ambiguous_amount" and (
        kind in ("compare", "target") or (followup and inputs.get("lines"))) or e == "count_range" and kind == "compare"
        or e == "seats_missing" and seats_kept)]


def left_out_note(slots) -> str:
    """Never drop an amount silently: which one was left out, and why."""
    left = ", ".join(f"${a:,.2f}" for a in slots.unpaired)
    return (f"\n\nI did not use {left}: I could not tell which product it belongs to. "
            "Say the product (for example \"$5,000 of Azure RIs\") to include it.")


SLOT_PROBLEMS = {
    "invalid_date": "a date in the message is not a real date the program rules could apply to; write it as "
                    "YYYY-MM-DD, e.g. 2022-01-15.",
    "absurd_amount": "an amount has more digits than any real billing figure; write it as digits, e.g. $50,000.",
    "range": "an amount is given as a range; tell me the one figure to use (for example the lower end).",
    "count_range": "a count is given as a range; tell me the one number to use (for example the lower end).",
    "ambiguous_separator": "an amount like 50.000 can mean fifty thousand or fifty; write it as 50,000 or 50.00.",
    "seats_missing": "a price is per seat, user or client, but I could not find how many; say the number of seats or clients.",
    "negative_amount": "an amount is negative; billed revenue and incentives are zero or more.",
    "currency_unstated": "the amounts are in a currency other than US dollars, and I do not know which; the program's "
                         "rates and thresholds are in US dollars, so give the amount in USD (or name the currency and its rate).",
    "ambiguous_amount": "one amount was given for several products; say how much each product billed "
                        "(for example $30k of O365 and $20k of D365).",
    "split_unknown": "part of the billing may belong to another product, with another rate, and how much is not said; "
                     "tell me how much of it is which (or that all of it is one product).",
    "seat_price_unclear": "an amount looks like a price per seat, but I could not tell what it is per; write it as, for "
                          "example, $6 per seat per month for 80 seats over 12 months.",
    "alternative_amounts": "two amounts were given for the one incentive (or co-op) the calculation takes; say which "
                           "one to use, or ask about each in turn.",
}


def describe_slot_error(code: str, slots=None) -> str:
    if code == "ambiguous_amount" and slots is not None and len(slots.ambiguous) == 2 and len(slots.unpaired) == 1 \
            and all(k in products() for k in slots.ambiguous) \
            and len({products()[k].rate_param for k in slots.ambiguous}) == 2:
        # "40k of Azure, part RIs and part pay-as-you-go": the split is the one thing missing
        a, b = (products()[k].name for k in slots.ambiguous)
        return (f"the {fmt_usd(slots.unpaired[0])} was given for both {a} and {b}, which earn different rates; "
                f"say how much of it was {a} and how much {b}.")
    if code.startswith("currency:"):
        return (f"the amount is in {code.split(':', 1)[1]}; the program's rates and thresholds are stated in "
                "US dollars, so convert it to USD first.")
    return SLOT_PROBLEMS.get(code, code.replace("_", " ") + ".")


def input_problem(kind: str, message: str) -> Answer:
    """A calculator refused an input: say which and what to send instead."""
    message = message.rstrip(".") + "."
    return Answer(answer=f"I could not calculate that: {message} Please correct it and ask again.",
                  tool=kind, clarify={"question": message, "options": [], "missing": ["valid input"]})


def unknown_products_abstention(keys) -> str:
    from assistant.understanding.slots.products import UNKNOWN_ALIASES

    # The first alias is the product's usual full name ("microsoft 365 copilot").
    names = [UNKNOWN_ALIASES.get(k, [k.replace("_", " ")])[0] for k in keys]
    shown = ", ".join(n if any(c.isupper() for c in n) else n.title() for n in names)
    listed = ", ".join(p.name for p in products().values())
    return (f"The sources list no incentive rate for {shown}, so I cannot compute or quote an incentive "
            f"for it. They give rates only for: {listed}.")


