"""Calculator answers: run the calculator an intent asks for and lead the Answer with its cited figures."""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from assistant.answer import Answer, Figure
from assistant.citing import PassageCiter
from assistant.compose import CitationList
from calculators.competency import competency
from calculators.coop import coop
from calculators.eligibility import eligibility
from calculators.forecast import forecast
from calculators.money import fmt_usd
from calculators.params import get_parameter
from calculators.payout import payout
from calculators.products import products
from calculators.trace import CalcResult

# Which parameter holds the product rates: its fiscal-year labels say which years the sources cover.
RATE_PARAM = "reseller_rate_o365"
# What each partner type is judged on; other facts in the conversation do not apply to it.
ELIGIBILITY_FACTS = {
    "reseller": ("mpn_active", "indirect_reseller", "competency", "bank_tax", "ttm_revenue"),
    "provider": ("mpn_active", "cda_active", "piexp_onboarded", "bank_tax"),
}
# A forecast question that names no horizon covers a year: two six-month earning periods.
DEFAULT_PERIODS = 2
STATUS_MARK = {"met": "✓ met", "unmet": "✗ not met", "unknown": "? unknown"}

CLARIFY = {
    "lines": ("Which product and how much billed revenue? For example: $50,000 of Office 365.",
              ["$50,000 of Office 365", "$20,000 of Dynamics 365", "$10,000 of Azure RIs"]),
    "amount": ("What amount should I split: the total incentive, or the co-op accrual itself?",
               ["Total incentive of $30,000", "Co-op accrual of $12,000"]),
    "partner_type": ("Are you asking as an indirect reseller or as an indirect provider?",
                     ["Indirect reseller", "Indirect provider"]),
    "level": ("Which competency level are you aiming for, and how many new Office 365 customers "
              "(past 12 months) and certified employees do you have?",
              ["Silver", "Gold"]),
}


_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1, "an": 1}
_PERIOD_COUNT = re.compile(
    r"\b(?P<n>\d{1,2}|one|two|three|four|five|six)\s+(?:more\s+|coming\s+|future\s+|upcoming\s+)?"
    r"(?:earning\s+|incentive\s+|six-month\s+|6-month\s+)?(?:periods?|halves|semesters|half-years)\b", re.I)


def forecast_periods(text: str, months: int | None) -> int | None:
    """How many six-month earning periods a forecast question asks for ("next 3 periods", "next 18 months")."""
    m = _PERIOD_COUNT.search(text)
    if m:
        n = m.group("n").lower()
        return int(n) if n.isdigit() else _NUMBER_WORDS[n]
    if months and months >= 6:
        return -(-months // 6)
    return None


def past_periods(slots) -> list[dict] | None:
    """Several amounts for one product and no growth rate: past periods, oldest first, to grow from."""
    amounts = [m.amount for m in slots.money if m.amount > 0]
    keys = set(slots.products)
    if slots.percent is None and len(amounts) >= 2 and len(keys) == 1:
        key = keys.pop()
        return [{key: str(a)} for a in amounts]
    return None


class ToolAbstain(Exception):
    """The sources do not support this calculation (no rate for that year or product)."""


def rate_years() -> set[str]:
    """Fiscal years whose guide the product rates come from."""
    return {v.fiscal_year for v in get_parameter(RATE_PARAM).values if v.fiscal_year}


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def check_fiscal_year(inputs: dict) -> None:
    """Refuse a named fiscal year whose rates the sources do not give."""
    fy = inputs.get("fiscal_year")
    years = rate_years()
    if fy and years and fy not in years:
        raise ToolAbstain(
            f"The sources give incentive rates only for {', '.join(sorted(years))}; they state no "
            f"rates for {fy}, so I will not estimate that year's incentive.")


def _as_of(inputs: dict, needs_rates: bool) -> date | None:
    """The date whose rules apply: an explicit date, else the start of a named fiscal year."""
    from assistant.slots.dates import fy_start

    as_of = _date(inputs.get("as_of"))
    fy = inputs.get("fiscal_year")
    if needs_rates:
        check_fiscal_year(inputs)
    if as_of is None and fy:
        as_of = fy_start(fy)
    return as_of


def run_calculator(kind: str, inputs: dict) -> CalcResult:
    """Call the calculator for `kind` with the routed inputs; CalculatorError on bad input."""
    if kind == "payout":
        return payout(inputs["lines"], _as_of(inputs, True))
    if kind == "coop":
        if inputs.get("coop_accrual") is not None:
            return coop(coop_accrual=inputs["coop_accrual"], as_of=_as_of(inputs, False))
        total = inputs.get("total_incentive")
        if total is None and inputs.get("lines"):
            total = payout(inputs["lines"], _as_of(inputs, True)).total
        return coop(total_incentive=total, as_of=_as_of(inputs, False))
    if kind == "eligibility":
        wanted = ELIGIBILITY_FACTS[inputs["partner_type"]]
        facts = {k: inputs[k] for k in wanted if k in inputs}
        return eligibility(inputs["partner_type"], _as_of(inputs, False), **facts)
    if kind == "competency":
        return competency(inputs.get("new_o365_customers"), inputs.get("certified_employees"),
                          inputs.get("level") or "silver", _as_of(inputs, False),
                          inputs.get("internal_o365"), inputs.get("billed_o365"), inputs.get("billed_m365"))
    if kind == "forecast":
        past = [dict(p) for p in inputs.get("past") or []] or [inputs["lines"]]
        growth = inputs.get("growth") or (None if len(past) > 1 else "0")
        return forecast(past, growth, int(inputs.get("periods") or DEFAULT_PERIODS),
                        _as_of(inputs, True))
    raise ValueError(f"no calculator for {kind!r}")


def _money(value) -> str:
    return fmt_usd(Decimal(str(value)))


def _headline(result: CalcResult, years: str) -> str:
    tool = result.tool
    if tool == "payout":
        cash = "paid out directly with the rebate" if result.coop_outcome == "paid_out" else \
            "usable for approved activities in the next usage period"
        return (f"**Estimated incentive: {_money(result.total)}** at the {years} rates "
                f"(rebate {_money(result.rebate)}, co-op {_money(result.coop)}, which is {cash}).")
    if tool == "coop":
        state = "reaches" if result.usable else "is below"
        use = "usable for approved activities in the next usage period" if result.usable else \
            "paid out directly as part of the incentive payout"
        return (f"**Co-op: {_money(result.coop)}**; it {state} the {_money(result.threshold)} usage "
                f"threshold in force on {result.as_of.isoformat()}, so it is {use}.")
    if tool == "eligibility":
        who = "indirect reseller" if result.partner_type == "reseller" else "indirect provider"
        verdict = {"eligible": "**Eligible**", "not_eligible": "**Not eligible**",
                   "undetermined": "**Not confirmed yet**"}[result.status]
        return f"{verdict} for the CSP {who} incentive on {result.as_of.isoformat()}, requirement by requirement:"
    if tool == "competency":
        verdict = {"met": "meet", "not_met": "do not yet meet", "undetermined": "cannot yet confirm"}[result.status]
        return f"You {verdict} the {result.level.title()} competency requirements:"
    if tool == "forecast":
        return (f"**Projected incentive: {_money(result.total_incentive)}** over the next "
                f"{len(result.periods)} earning period(s), at the {years} rates.")
    return ""


def _pct(fraction) -> str:
    return f"{(Decimal(str(fraction)) * 100).normalize():f}%"


def _figure_value(f) -> float | int | None:
    if isinstance(f.value, Decimal):
        return float(round(f.value, 2)) if f.unit == "USD" else float(f.value)
    if isinstance(f.value, int):
        return f.value
    return None


def _show(f) -> str:
    if f.unit == "USD":
        return _money(f.value)
    if f.unit == "fraction":
        return _pct(f.value)
    return f"{f.value} {f.unit}" if f.unit in ("months", "days") else str(f.value)


def calculator_answer(result: CalcResult, citer: PassageCiter) -> Answer:
    """Figures first, each with its formula and the passages stating its rates and thresholds."""
    cites = CitationList()
    params = {p.name: p for p in result.params_used}

    def cite_params(names) -> list[int]:
        ns = []
        for name in names:
            p = params.get(name)
            hit = citer.for_quote(p.reference_doc, p.reference_quote) if p else None
            if hit:
                n = cites.cite(hit)
                if n not in ns:
                    ns.append(n)
        return ns

    years = "/".join(result.fiscal_year) or "latest"
    lines = [_headline(result, years)]
    figures: list[Figure] = []
    for req in getattr(result, "requirements", []) or []:
        ns = cite_params(req.params)
        if not ns and req.reference_doc:
            hit = citer.for_topic(req.reference_doc, req.label)
            ns = [cites.cite(hit)] if hit else []
        todo = f" To do: {req.action}" if req.status != "met" and req.action else ""
        refs = "".join(f"[{n}]" for n in ns)
        lines.append(f"- {req.label}: {STATUS_MARK[req.status]} ({req.detail}).{todo} {refs}".rstrip())
    for f in result.figures:
        value = _figure_value(f)
        if value is None:
            continue
        ns = cite_params(f.params)
        figures.append(Figure(name=f.name, value=value, unit=f.unit, formula=f.formula, citations=ns))
        if result.tool not in ("eligibility", "competency") or f.params:
            refs = "".join(f"[{n}]" for n in ns)
            formula = f" = {f.formula}" if f.formula and f.formula != _show(f) else ""
            lines.append(f"- {f.name[:1].upper()}{f.name[1:]}: {_show(f)}{formula} {refs}".rstrip())
    for note in result.notes:
        lines.append(f"\n_{note}_")
    eligible = result.eligible if result.tool == "eligibility" else None
    return Answer(answer="\n".join(lines), citations=cites.items, figures=figures, tool=result.tool,
                  eligible=eligible, steps=list(result.steps))


def clarification(kind: str, missing: list[str]) -> Answer:
    question, options = CLARIFY.get(missing[0], (f"I need the {missing[0].replace('_', ' ')} to work this out.", []))
    return Answer(answer=question, tool=kind, clarify={"question": question, "options": options,
                                                        "missing": missing})


SLOT_PROBLEMS = {
    "negative_amount": "an amount is negative; billed revenue and incentives are zero or more.",
    "ambiguous_amount": "one amount was given for several products; say how much each product billed "
                        "(for example $30k of O365 and $20k of D365).",
}


def describe_slot_error(code: str) -> str:
    if code.startswith("currency:"):
        return (f"the amount is in {code.split(':', 1)[1]}; the program's rates and thresholds are stated in "
                "US dollars, so convert it to USD first.")
    return SLOT_PROBLEMS.get(code, code.replace("_", " ") + ".")


def input_problem(kind: str, message: str) -> Answer:
    """A calculator refused an input: say which and what to send instead."""
    message = message.rstrip(".") + "."
    return Answer(answer=f"I could not calculate that: {message} Please correct it and ask again.",
                  tool=kind, clarify={"question": message, "options": [], "missing": ["valid input"]})


def rate_answer(product_keys, inputs: dict, citer: PassageCiter) -> Answer:
    """The rate of each named product, cited: a payout question that gave no amount yet."""
    as_of = _as_of(inputs, True)
    catalogue = products()
    cites = CitationList()
    lines, figures = [], []
    for key in dict.fromkeys(product_keys):
        product = catalogue[key]
        value = get_parameter(product.rate_param).at(as_of)
        hit = citer.for_quote(value.reference_doc, value.reference_quote)
        ns = [cites.cite(hit)] if hit else []
        refs = "".join(f"[{n}]" for n in ns)
        pct = _pct(value.value)
        lines.append(f"- {product.name}: **{pct}** of billed revenue (in force from "
                     f"{value.effective_from.isoformat()}, {value.fiscal_year} guide) {refs}")
        figures.append(Figure(name=f"{product.name} incentive rate", value=float(value.value), unit="fraction",
                              formula=pct, citations=ns))
    lines.append("\nTell me an amount (for example $50,000) and I will compute the incentive.")
    return Answer(answer="Indirect reseller incentive rate:\n" + "\n".join(lines), citations=cites.items,
                  figures=figures, tool="payout")


def provenance_answer(param_names: list[str], as_of: str | None, citer: PassageCiter) -> Answer:
    """Since when and where from: the start date and passage of each rule the last calculation used."""
    on = _date(as_of)
    cites = CitationList()
    lines = []
    for name in param_names:
        try:
            value = get_parameter(name).at(on)
        except Exception:
            continue
        if value.value is None:
            continue
        hit = citer.for_quote(value.reference_doc, value.reference_quote)
        refs = f"[{cites.cite(hit)}]" if hit else ""
        label = value.description.split(";")[0].rstrip(".")
        fy = f" ({value.fiscal_year} guide)" if value.fiscal_year else ""
        lines.append(f"- {label}: in force from {value.effective_from.isoformat()}{fy} {refs}".rstrip())
    if not lines:
        return None
    return Answer(answer="The rules behind that calculation, with the date each took effect:\n" + "\n".join(lines),
                  citations=cites.items)


def unknown_products_abstention(keys) -> str:
    from assistant.slots.products import UNKNOWN_ALIASES

    # The first alias is the product's usual full name ("microsoft 365 copilot").
    names = [UNKNOWN_ALIASES.get(k, [k.replace("_", " ")])[0] for k in keys]
    shown = ", ".join(n if any(c.isupper() for c in n) else n.title() for n in names)
    listed = ", ".join(p.name for p in products().values())
    return (f"The sources list no incentive rate for {shown}, so I cannot compute or quote an incentive "
            f"for it. They give rates only for: {listed}.")


