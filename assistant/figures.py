"""Calculator answers as text: figures first, each with its formula and the passages behind its rules."""
from __future__ import annotations

from decimal import Decimal

from assistant.answer import Answer, Figure
from assistant.answering.shapes import rate_basis
from assistant.citing import PassageCiter
from assistant.compose import CitationList
from assistant.tools import rules_date, to_date
from calculators.money import fmt_usd
from calculators.params import get_parameter
from calculators.products import products
from calculators.trace import CalcResult

STATUS_MARK = {"met": "✓ met", "unmet": "✗ not met", "unknown": "? unknown"}


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
        # below it, by how much: "how far short were we?" is answered wherever the check is read
        state = "reaches" if result.usable else f"is {_money(result.shortfall)} below"
        use = "usable for approved activities in the next usage period" if result.usable else \
            "paid out directly as part of the incentive payout"
        if result.usable and result.usage_start:
            use += f", from {result.usage_start.isoformat()} to {result.usage_end.isoformat()}"
        today = ""
        if result.threshold_today is not None:
            now = "usable" if result.coop >= result.threshold_today else \
                f"{_money(result.threshold_today - result.coop)} short of it, so paid out directly"
            today = f" Under today's {_money(result.threshold_today)} threshold the same co-op would be {now}."
        return (f"**Co-op: {_money(result.coop)}**; it {state} the {_money(result.threshold)} usage "
                f"threshold in force on {result.as_of.isoformat()}, so it is {use}.{today}")
    if tool == "eligibility":
        who = "indirect reseller" if result.partner_type == "reseller" else "indirect provider"
        verdict = {"eligible": "**Eligible**", "not_eligible": "**Not eligible**",
                   "undetermined": "**Not confirmed yet**"}[result.status]
        met = [r.label if r.label[1:2].isupper() else r.label[:1].lower() + r.label[1:]
               for r in result.requirements if r.status == "met"]
        unknown = sum(r.status == "unknown" for r in result.requirements)
        # "is our TTM enough?": what is already met is said first, so the part asked is answered plainly.
        so_far = (f" (it meets {' and '.join('the ' + m for m in met)}; {unknown} other requirement{'s are' if unknown > 1 else ' is'} not known yet)"
                  if result.status == "undetermined" and met and unknown else "")
        return f"{verdict} for the CSP {who} incentive on {result.as_of.isoformat()}{so_far}, requirement by requirement:"
    if tool == "competency" and result.hints and all(r.status == "unknown" for r in result.requirements):
        best = max(result.hints, key=lambda h: h.monthly_amount - h.threshold)
        label = best.label.removesuffix(" per month")  # "a month of … per month" says it twice
        gap = _money(abs(best.monthly_amount - best.threshold))
        if result.silver_may_pay_off:
            return (f"**Silver may already pay for itself**: {_money(best.monthly_amount)} a month of {label} is {gap} above "
                    f"the {_money(best.threshold)} the guide names.")
        return (f"**Silver does not yet pay for itself on these figures**: {_money(best.monthly_amount)} a month of "
                f"{label} is {gap} short of going above the {_money(best.threshold)} the guide names.")
    if tool == "competency":
        verdict = {"met": "meet", "not_met": "do not yet meet", "undetermined": "cannot yet confirm"}[result.status]
        return f"You {verdict} the {result.level.title()} competency requirements:"
    if tool == "forecast":
        return (f"**Projected incentive: {_money(result.total_incentive)}** over the next "
                f"{len(result.periods)} earning period(s), at the {years} rates.")
    if tool == "target" and not result.product and result.coop_accrued is not None:
        return (f"**Further incentive needed: {_money(result.incentive_needed)}**, so that its co-op share makes up "
                "what the co-op already accrued lacks of the usage threshold.")
    if tool == "target" and not result.product and result.already:
        return (f"**Further incentive needed: {_money(result.incentive_needed)}** on top of the "
                f"{_money(result.already)} already earned, so that the co-op share reaches the usage threshold.")
    if tool == "target" and not result.product:
        return (f"**Total incentive needed: {_money(result.incentive_needed)}**, so that its co-op share reaches "
                "the usage threshold.")
    if tool == "target":
        total = _money(result.incentive_needed)
        goal = {"incentive": f"a {total} incentive", "rebate": f"that rebate (the rebate share of a {total} incentive)",
                "coop": f"that co-op (the co-op share of a {total} incentive)"}.get(
            result.goal, f"usable co-op (a {total} incentive)" if result.coop_accrued is None
            else f"usable co-op (a further {total} incentive on top of the {_money(result.coop_accrued)} co-op accrued)")
        name = products()[result.product].name
        monthly = f", about {_money(result.per_month)} a month" if result.per_month is not None else ""
        monthly += f", about {_money(result.per_quarter)} a quarter" if result.per_quarter is not None else ""
        if result.already:
            # the billing still needed: what is already earned counts toward the goal, not on top of it
            return (f"**{name} billed revenue still needed: {_money(result.billed_needed)}**{monthly} to reach {goal}, "
                    f"counting the {_money(result.already)} already earned.")
        return f"**{name} billed revenue needed: {_money(result.billed_needed)}**{monthly} for {goal}."
    if tool == "compare" and result.measure in ("coop", "rebate"):
        a, b = getattr(result.a, result.measure), getattr(result.b, result.measure)
        word = "more" if b >= a else "less"
        part = "co-op" if result.measure == "coop" else "rebate"
        return (f"**{_money(abs(b - a))} {word} {part}**: {_money(b)} instead of "
                f"{_money(a)} (the whole incentive: {_money(result.b.total)} instead of "
                f"{_money(result.a.total)}), at the {years} rates.")
    if tool == "compare" and result.difference == 0:
        return f"**No difference**: both earn {_money(result.a.total)}, at the {years} rates."
    if tool == "compare":
        word = "more" if result.difference >= 0 else "less"
        return (f"**{_money(abs(result.difference))} {word}**: {_money(result.b.total)} instead of "
                f"{_money(result.a.total)}, at the {years} rates.")
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


def calculator_answer(result: CalcResult, citer: PassageCiter, before: tuple = ((), ())) -> Answer:
    """Figures first, each with its formula and the passages stating its rates and thresholds.

    `before` is (figures, parameters) of a step taken before the calculator ran, such as
    restating monthly billing as one earning period.
    """
    cites = CitationList()
    pre_figures, pre_params = before
    params = {p.name: p for p in [*pre_params, *result.params_used]}

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
    period = next((p for p in pre_params if p.name == "earning_period_months"), None)
    if period is not None:
        lines[0] += (f" The amounts you gave were restated as one {period.value}-month earning period, "
                     "the span incentives and co-op are judged on.")
    figures: list[Figure] = []
    for req in getattr(result, "requirements", []) or []:
        ns = cite_params(req.params)
        if not ns and req.reference_doc:
            hit = citer.for_topic(req.reference_doc, req.label)
            ns = [cites.cite(hit)] if hit else []
        todo = f" To do: {req.action}" if req.status != "met" and req.action else ""
        refs = "".join(f"[{n}]" for n in ns)
        lines.append(f"- {req.label}: {STATUS_MARK[req.status]} ({req.detail}).{todo} {refs}".rstrip())
    for f in [*pre_figures, *result.figures]:
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
    eligible, clarify = verdict(result)
    return Answer(answer="\n".join(lines), citations=cites.items, figures=figures, tool=result.tool,
                  eligible=eligible, steps=list(result.steps), clarify=clarify)


# What to ask when a requirement is unknown: the partner's own words for it, as quick replies.
UNKNOWN_QUESTIONS = {
    "mpn_active": ("Is your MPN ID active?", ["Our MPN ID is active", "Our MPN ID is not active"]),
    "indirect_reseller": ("Are you enrolled as a CSP indirect reseller?",
                          ["We are enrolled as an indirect reseller", "We are not enrolled yet"]),
    "silver_thresholds": ("Do you also meet Silver's revenue and certification thresholds? The sources name them "
                          "without amounts, so only you can confirm them.",
                          ["We meet the revenue and certification thresholds",
                           "We don't meet the revenue and certification thresholds yet"]),
    "competency": ("Do you hold a Silver or Gold competency in a qualifying area?",
                   ["We hold a Silver competency", "We hold a Gold competency", "We hold no competency"]),
    "bank_tax": ("Are your bank and tax profiles complete?",
                 ["Bank and tax profiles are complete", "Bank and tax profiles are not complete"]),
    "ttm_revenue": ("What was your revenue over the trailing twelve months?", []),
    "cda_active": ("Is your Cloud Distributor Agreement signed and active, with distributor authorization?",
                   ["Our CDA is signed and active", "Our CDA is not signed"]),
    "piexp_onboarded": ("Have you completed onboarding to PIExp?",
                        ["We are onboarded to PIExp", "We are not onboarded to PIExp yet"]),
    "new_o365_customers": ("How many new Office 365 customers did you add in the past twelve months?", []),
    "certified_employees": ("How many of your employees passed the certification exams?", []),
}


def verdict(result: CalcResult) -> tuple[bool | None, dict | None]:
    """(eligible, clarify): a verdict only when every requirement is known, else one question.

    "Not eligible" is said only when a requirement is unmet; when none is unmet but some are
    unknown, the answer asks about them instead of guessing either way.
    """
    if result.tool == "coop":
        return result.usable, None  # "can we use it?": the co-op funds' own yes or no
    if result.tool == "eligibility":
        if result.status != "undetermined":
            return result.eligible, None
        unknown = result.unknown
    elif result.tool == "competency":
        if result.hints and not any(r.status != "unknown" for r in result.requirements):
            return result.silver_may_pay_off, None  # "does Silver pay for itself for us?"
        if result.status != "undetermined":
            return result.met, None
        unknown = result.unknown
    else:
        return None, None
    question, options = UNKNOWN_QUESTIONS.get(unknown[0], (f"What is your {unknown[0].replace('_', ' ')}?", []))
    if len(unknown) > 1:
        rest = ", ".join(UNKNOWN_QUESTIONS.get(k, (k,))[0].rstrip("?").lower() for k in unknown[1:])
        question = f"{question} (I also need to know: {rest}.)"
    return None, {"question": question, "options": options, "missing": list(unknown)}


def rate_answer(product_keys, inputs: dict, citer: PassageCiter) -> Answer:
    """The rate of each named product, cited: a payout question that gave no amount yet."""
    as_of = rules_date(inputs, True)
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
        lines.append(f"- {product.name}: **{pct}** of {rate_basis(value)} (in force from "
                     f"{value.effective_from.isoformat()}, {value.fiscal_year} guide) {refs}")
        figures.append(Figure(name=f"{product.name} incentive rate", value=float(value.value), unit="fraction",
                              formula=pct, citations=ns))
    lines.append("\nTell me an amount (for example $50,000) and I will compute the incentive.")
    return Answer(answer="Indirect reseller incentive rate:\n" + "\n".join(lines), citations=cites.items,
                  figures=figures, tool="payout")


def provenance_answer(param_names: list[str], as_of: str | None, citer: PassageCiter) -> Answer:
    """Since when and where from: the start date and passage of each rule the last calculation used."""
    on = to_date(as_of)
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
