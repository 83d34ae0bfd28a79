"""Billing stated in another currency with no exchange rate: the incentive in that currency, and one question.

A rate is a share of billed revenue, so 4% of EUR 73,250 is EUR 2,930 whatever the exchange rate. The
thresholds and the payout itself are stated in US dollars, though: whether the co-op reaches its usage
threshold, or what the incentive is in dollars, needs the rate (or the amount in USD). The answer gives
what the currency allows and asks for the rest; it judges no threshold.
"""
from __future__ import annotations

from decimal import Decimal

from assistant.answer import Answer, Figure
from assistant.citing import PassageCiter
from assistant.compose import CitationList
from calculators.products import products

#: how an amount in each currency is written; any other is written with its code
SIGNS = {"EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}


def money_in(code: str, amount: Decimal) -> str:
    sign = SIGNS.get(code)
    return f"{sign}{amount:,.2f}" if sign else f"{code} {amount:,.2f}"


def _rate_asked(tool: str, text: str, cites: CitationList, figures: list[Figure], question: str, code: str, read,
                only: str = "") -> Answer:
    """The answer in `code`, what was understood shown in that currency (only the fields ending in `only`, when
    given), and the exchange rate asked for."""
    sign = SIGNS.get(code, f"{code} ")
    understood = [i.model_copy(update={"value": i.value.replace("$", sign)}) if i.field.endswith(only) else i for i in read]
    return Answer(answer=text, citations=cites.items, figures=figures, tool=tool, understood=understood,
                  clarify={"question": question, "options": [], "missing": ["exchange rate"]})


def _result(tool: str, inputs: dict):
    """The calculator's result on billing in another currency, or None when the calculation cannot be made."""
    from assistant import tools
    from calculators.errors import CalculatorError

    try:
        return tools.run_calculator(tool, inputs)
    except (tools.ToolAbstain, CalculatorError):
        return None


def currency_turn(kind: str, errors: list[str], intent, state, citer: PassageCiter, read=()):
    """(answer, state) when the turn's billing is in one other currency, or None. A follow-up with no currency of
    its own ("and the rebate part of that?", "and if it had been 90k?" after "€70,000 of Azure") is still in the
    conversation's currency."""
    if intent.followup and state.last_currency and not errors and not any(m.currency_stated for m in intent.slots.money):
        errors = [f"currency:{state.last_currency}"]
    answer = billing_in_one_currency(kind, errors, intent.inputs, citer, read) if errors else None
    if answer is None:
        return None
    code = next(e.split(":", 1)[1] for e in errors if e.startswith("currency:"))
    total = next((f.value for f in answer.figures if f.name == f"total incentive ({code})"), None)
    return answer, state.with_(last_tool=kind, last_inputs=intent.inputs, last_currency=code,
                               earlier_inputs=state.earlier_for(kind, intent.inputs),
                               last_total=str(total) if total is not None else state.last_total)


def billing_in_one_currency(kind: str, errors: list[str], inputs: dict, citer: PassageCiter, read=()) -> Answer | None:
    """The answer when the only problem with a payout is that its billing is in one other currency."""
    from assistant import tools
    from calculators.errors import CalculatorError

    foreign = {e.split(":", 1)[1] for e in errors if e.startswith("currency:")}
    if len(foreign) != 1 or len(errors) != 1:
        return None
    if kind == "coop" and not inputs.get("lines") and inputs.get("total_incentive"):
        return _split_in(inputs, foreign.pop(), citer, read)
    if kind == "compare" and inputs.get("a") and inputs.get("b"):
        return _compared_in(inputs, foreign.pop(), citer, read)
    if kind == "target" and inputs.get("goal") == "incentive" and inputs.get("amount") and not inputs.get("existing"):
        return _target_in(inputs, foreign.pop(), citer, read)
    if kind == "forecast" and inputs.get("lines"):
        return _projected_in(inputs, foreign.pop(), citer, read)
    if kind not in ("payout", "coop") or not inputs.get("lines"):
        return None
    # (the co-op of a billing in euros is its payout's co-op share, in euros)
    inputs = {k: v for k, v in inputs.items() if k in ("lines", "as_of", "fiscal_year", "per", "earning_period_end")} \
        if kind == "coop" else inputs
    try:
        restated = tools.to_earning_period(inputs)
        result = tools.run_calculator("payout", restated.inputs)
    except (tools.ToolAbstain, CalculatorError):
        return None
    answer = currency_answer(result, foreign.pop(), citer, read)
    period = next((p for p in restated.params if p.name == "earning_period_months"), None)
    if period is None:
        return answer
    head, _, rest = answer.answer.partition("\n")
    note = (f" The amounts you gave were taken over one {period.value}-month earning period, the span incentives "
            "are judged on.")
    return answer.model_copy(update={"answer": f"{head}{note}\n{rest}"})


def currency_answer(result, code: str, citer: PassageCiter, read=()) -> Answer:
    """The payout `result`, computed on amounts in `code`, as that currency's figures and a question;
    `read` (what was understood) shows the billing in that currency too."""
    cites = CitationList()
    params = {p.name: p for p in result.params_used}

    def cite(name: str) -> list[int]:
        p = params.get(name)
        hit = citer.for_quote(p.reference_doc, p.reference_quote) if p else None
        return [cites.cite(hit)] if hit else []

    figures, steps = [], []
    for line in result.lines:
        ns = cite(line.rate_param)
        formula = f"{money_in(code, line.amount)} × {(line.rate * 100).normalize():f}%"
        figures.append(Figure(name=f"{line.product_name} incentive ({code})", value=float(line.incentive), unit=code,
                              formula=formula, citations=ns))
        steps.append(f"- {line.product_name}: {money_in(code, line.incentive)} = {formula} "
                     + "".join(f"[{n}]" for n in ns))
    split = cite("coop_share")
    share = params.get("coop_share")
    total = result.total
    figures.append(Figure(name=f"total incentive ({code})", value=float(total), unit=code,
                          formula=" + ".join(money_in(code, l.incentive) for l in result.lines), citations=[]))
    figures.append(Figure(name=f"co-op portion ({code})", value=float(result.coop), unit=code,
                          formula=f"{money_in(code, total)} × {(share.value * 100).normalize():f}%" if share else "",
                          citations=split))
    figures.append(Figure(name=f"rebate portion ({code})", value=float(result.rebate), unit=code,
                          formula=f"{money_in(code, total)} − {money_in(code, result.coop)}", citations=split))
    refs = "".join(f"[{n}]" for n in split)
    question = (f"The program states its thresholds and payouts in US dollars: to say whether the co-op reaches its "
                f"usage threshold, or what the incentive is in dollars, tell me the exchange rate (for example "
                f"1 {code} = 1.08 USD) or the amounts in USD.")
    text = "\n".join([
        f"**In {code}, the {'/'.join(result.fiscal_year) or 'latest'} rates give {money_in(code, total)}**: a rate is a share of billed revenue, the same "
        f"in any currency (rebate {money_in(code, result.rebate)}, co-op {money_in(code, result.coop)}) {refs}".rstrip(),
        *steps, "", question])
    return _rate_asked("payout", text, cites, figures, question, code, read, only=" billed")


def _split_in(inputs: dict, code: str, citer: PassageCiter, read=()) -> Answer | None:
    """An incentive stated in `code`: its co-op and rebate shares in that currency, and the question the
    threshold needs ("notre incentive total s'élève à 40.000 €: quelle est la part co-op ?")."""
    result = _result("coop", {k: v for k, v in inputs.items() if k in ("total_incentive", "as_of")})
    if result is None:
        return None
    cites = CitationList()
    share = next((p for p in result.params_used if p.name == "coop_share"), None)
    hit = citer.for_quote(share.reference_doc, share.reference_quote) if share else None
    refs = [cites.cite(hit)] if hit else []
    total = Decimal(str(inputs["total_incentive"]))
    pct = f"{(share.value * 100).normalize():f}%" if share else ""
    figures = [Figure(name=f"co-op portion ({code})", value=float(result.coop), unit=code,
                      formula=f"{money_in(code, total)} × {pct}", citations=refs),
               Figure(name=f"rebate portion ({code})", value=float(result.rebate), unit=code,
                      formula=f"{money_in(code, total)} − {money_in(code, result.coop)}", citations=refs)]
    question = (f"The co-op usage threshold is stated in US dollars: to say whether this co-op can be used, tell me "
                f"the exchange rate (for example 1 {code} = 1.08 USD) or the amount in USD.")
    marks = "".join(f"[{n}]" for n in refs)
    text = "\n".join([
        f"**Co-op: {money_in(code, result.coop)}**, the {pct} co-op share of your {money_in(code, total)} incentive "
        f"(rebate {money_in(code, result.rebate)}) {marks}".rstrip(), "", question])
    return _rate_asked("coop", text, cites, figures, question, code, read)


def _compared_in(inputs: dict, code: str, citer: PassageCiter, read=()) -> Answer | None:
    """Two billings in `code` compared: each incentive and their difference in that currency, which no exchange
    rate changes ("25.000 € Dynamics 365 statt 25.000 € Microsoft 365")."""
    result = _result("compare", inputs)
    if result is None:
        return None
    cites = CitationList()
    params = {p.name: p for p in result.params_used}
    refs: dict[str, int] = {}
    for line in (*result.a.lines, *result.b.lines):
        p = params.get(line.rate_param)
        hit = citer.for_quote(p.reference_doc, p.reference_quote) if p else None
        if hit and line.rate_param not in refs:
            refs[line.rate_param] = cites.cite(hit)

    def side(r) -> str:
        return " + ".join(f"{money_in(code, l.amount)} of {l.product_name} × {(l.rate * 100).normalize():f}%"
                          + (f" [{refs[l.rate_param]}]" if l.rate_param in refs else "") for l in r.lines)

    diff = result.b.total - result.a.total
    word = "more" if diff >= 0 else "less"
    all_refs = list(refs.values())
    figures = [Figure(name=f"incentive A ({code})", value=float(result.a.total), unit=code, formula=side(result.a),
                      citations=all_refs),
               Figure(name=f"incentive B ({code})", value=float(result.b.total), unit=code, formula=side(result.b),
                      citations=all_refs),
               Figure(name=f"{'extra incentive' if diff >= 0 else 'incentive lost'} ({code})", value=float(abs(diff)),
                      unit=code, formula=f"{money_in(code, result.b.total)} − {money_in(code, result.a.total)}",
                      citations=all_refs)]
    question = (f"The program pays in US dollars: for these figures in dollars, tell me the exchange rate (for example "
                f"1 {code} = 1.08 USD) or the amounts in USD.")
    text = "\n".join([
        f"**In {code}, B earns {money_in(code, abs(diff))} {word} than A**: a rate is a share of billed revenue, "
        f"the same in any currency.",
        f"- A: {money_in(code, result.a.total)} = {side(result.a)}",
        f"- B: {money_in(code, result.b.total)} = {side(result.b)}",
        f"- Difference: {money_in(code, abs(diff))} = {money_in(code, result.b.total)} − {money_in(code, result.a.total)}",
        "", question])
    return _rate_asked("compare", text, cites, figures, question, code, read)


def _target_in(inputs: dict, code: str, citer: PassageCiter, read=()) -> Answer | None:
    """An incentive goal in `code`: the billing that earns it, in that currency, which no exchange rate changes
    ("an incentive of 2.000 € on Azure: how much must we bill?")."""
    result = _result("target", inputs)
    if result is None:
        return None
    cites = CitationList()
    rate_param = products()[result.product].rate_param
    rate = next((p for p in result.params_used if p.name == rate_param), None)
    hit = citer.for_quote(rate.reference_doc, rate.reference_quote) if rate else None
    refs = [cites.cite(hit)] if hit else []
    marks = "".join(f"[{n}]" for n in refs)
    pct = f"{(rate.value * 100).normalize():f}%" if rate else ""
    goal = Decimal(str(inputs["amount"]))
    formula = f"{money_in(code, goal)} / {pct}"
    figures = [Figure(name=f"billed revenue needed ({code})", value=float(result.billed_needed), unit=code, formula=formula,
                      citations=refs)]
    question = (f"The program pays in US dollars: for the billing in dollars, tell me the exchange rate (for example "
                f"1 {code} = 1.08 USD) or the goal in USD.")
    text = "\n".join([f"**In {code}, billing of {money_in(code, result.billed_needed)}** earns the {money_in(code, goal)} "
                      f"incentive: a rate is a share of billed revenue, the same in any currency.",
                      f"- Billed revenue needed: {money_in(code, result.billed_needed)} = {formula} {marks}".rstrip(),
                      "", question])
    return _rate_asked("target", text, cites, figures, question, code, read)


def _projected_in(inputs: dict, code: str, citer: PassageCiter, read=()) -> Answer | None:
    """Billing in `code` projected: each coming period's incentive in that currency, which no exchange rate changes
    ("300.000 euro of Office 365, a 10% decline next period"); the co-op and TTM thresholds, in dollars, are not judged."""
    result = _result("forecast", inputs)
    if result is None:
        return None
    cites = CitationList()
    params = {p.name: p for p in result.params_used}
    refs: list[int] = []
    for key in result.baseline:
        p = params.get(products()[key].rate_param)
        hit = citer.for_quote(p.reference_doc, p.reference_quote) if p else None
        if hit:
            refs.append(cites.cite(hit))
    marks = "".join(f"[{n}]" for n in dict.fromkeys(refs))
    growth = f"{(result.growth * 100).normalize():f}%"
    lines = [f"- Period {p.index}: {money_in(code, p.incentive)} on {money_in(code, p.total_revenue)} of billing {marks}".rstrip()
             for p in result.periods]
    figures = [Figure(name=f"period {p.index} incentive ({code})", value=float(p.incentive), unit=code,
                      formula=f"{money_in(code, p.total_revenue)} at the products' rates", citations=refs)
               for p in result.periods]
    figures.append(Figure(name=f"total projected incentive ({code})", value=float(result.total_incentive), unit=code,
                          formula=" + ".join(f"period {p.index}" for p in result.periods), citations=refs))
    question = (f"The program pays, and sets its thresholds, in US dollars: to judge the co-op and the TTM threshold, tell "
                f"me the exchange rate (for example 1 {code} = 1.08 USD) or the amounts in USD.")
    text = "\n".join([f"**In {code}, the projected incentive is {money_in(code, result.total_incentive)}** over "
                      f"{len(result.periods)} earning period(s), with billing changing {growth} a period: a rate is a share "
                      "of billed revenue, the same in any currency.", *lines, "", question])
    return _rate_asked("forecast", text, cites, figures, question, code, read, only=" billed")
