"""Slot extraction: money, products, dates, periods, partner type and yes/no facts from a message."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .dates import Period, fy_end, fy_of, fy_start, names_rates_year, parse_date, parse_fiscal_year, parse_period
from .counts import parse_counts
from .facts import parse_levels, parse_partner_type, parse_silver_thresholds, parse_yes_no
from .flags import detect_flags
from assistant.understanding.money import Money, parse_money
from assistant.understanding.operations import _COMPARE
from assistant.understanding.period_parts import part_labels

from .entities import asked_entity_region
from .periods import asked_period_region
from .references import local_currency, split_references
from .restating import corrected, mixed_periods
from .money import growth_by_product, parse_percent, words_to_int
from .products import PRODUCT_NAMES, ProductMention, parse_products, parse_unknown_products
from .line_reading import _affirmed, _evidence, pair_lines_detail

__all__ = [
    "Money", "ProductMention", "Period", "Slots", "PRODUCT_NAMES", "extract_slots", "parse_money",
    "parse_percent", "parse_products", "parse_unknown_products", "pair_lines", "pair_lines_detail",
    "parse_date", "parse_fiscal_year", "parse_period", "parse_partner_type", "parse_facts", "fy_start",
    "fy_end", "fy_of", "detect_flags", "words_to_int", "parse_levels",
]


@dataclass(frozen=True)
class Slots:
    """Everything extracted from one message; `errors` names input problems the answer must report."""

    money: tuple[Money, ...] = ()
    products: tuple[str, ...] = ()
    unknown_products: tuple[str, ...] = ()
    lines: dict[str, Decimal] = field(default_factory=dict)
    unknown_lines: dict[str, Decimal] = field(default_factory=dict)
    unpaired: tuple[Decimal, ...] = ()
    ambiguous: tuple[str, ...] = ()
    per: str | None = None
    percent: Decimal | None = None
    #: each product's own growth, when the message gives products different rates
    growth_by_product: dict[str, Decimal] = field(default_factory=dict)
    as_of: date | None = None
    fiscal_year: str | None = None
    #: the fiscal year is named for its rates ("FY24 rates"), not as the period billed ("H1 FY23")
    rates_year: bool = False
    period: Period | None = None
    partner_type: str | None = None
    facts: dict = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    references: tuple[Money, ...] = ()
    #: (input key, the words its value was read from) for every amount used as an input
    evidence: tuple[tuple[str, str], ...] = ()
    #: product key -> the factors its billing was worked out from (see Money.basis)
    basis: dict[str, tuple] = field(default_factory=dict)
    #: product key -> the amounts its billing adds up ("11,000 + 11,500 + 12,000"), so a follow-up can correct one
    parts: dict[str, tuple] = field(default_factory=dict)
    #: product key -> the period each of its parts is for ("q1", "q2"), when each names its own
    part_labels: dict[str, tuple] = field(default_factory=dict)

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        return tuple(m.amount for m in self.money)


_SPENDING = re.compile(r"\b(?:set\s+aside|(?<!op\s)(?<!mdf\s)budget(?:ed)?|earmarked|rent|salar(?:y|ies)|payroll|spend(?:ing)?\s+on|spent\s+on|invest(?:ed|ing)?|"
                       # ("a sanity check for our budget: we billed about $50,000 …": billing, said after the budget)
                       r"cost(?:s|ing)?\s+(?:us|of)|paid\s+(?:for|out\s+for)|a\s+loan\s+of)\b"
                       r"(?:(?!\b(?:billed|billing|invoiced|sold|revenue)\b)[^.?!\d$€£]){0,25}$", re.I)
_SPENT_ON = re.compile(r"\s*(?:(?:a|per)\s+(?:month|year)\s+)?(?:for|on)\s+(?:our\s+|the\s+)?(?:marketing|rent|office\s+(?!365)\w+|salar|payroll|"
                       r"travel|events?|hiring|staff|ads|advertising|a\s+new\s+hire|budget)", re.I)
_PART_UNKNOWN = re.compile(r"\b(?:some|part|a\s+(?:part|portion|share|bit)|a\s+few)\s+of\s+(?:it|that|this|those|them|the\s+\w+)\b[^.?!]{0,80}"
                           r"\b(?:not\s+sure|no\s+idea|don'?t\s+know|do\s+not\s+know|unsure|can'?t\s+tell)\s+(?:how\s+much|which|what\s+share)", re.I)
_ALTERNATIVE_AMOUNTS = re.compile(r"\s*(?:vs\.?|versus|or|compared\s+(?:to|with)|against|instead\s+of|rather\s+than)\s*", re.I)
def pair_lines(text: str) -> dict[str, Decimal]:
    """Amounts paired with their products: "$50k on O365 and $20k D365" -> {o365: 50000, d365: 20000}."""
    return pair_lines_detail(text)[0]


def parse_facts(text: str) -> dict:
    """Yes/no facts, counts, levels and labelled amounts (ttm_revenue, coop_accrual, ...); unknown omitted."""
    facts = parse_yes_no(text)
    facts.update(parse_counts(text))
    facts.update(parse_silver_thresholds(text))
    facts.update(pair_lines_detail(text)[4])
    return facts


_PERCENT_RANGE = re.compile(r"\b\d+(?:\.\d+)?\s*%?\s*(?:-|–|to)\s*\d+(?:\.\d+)?\s*(?:%|percent)", re.I)
# "20 to 30 new customers", "2-3 certified engineers": a count not yet known, to be asked
_COUNT_RANGE = re.compile(r"(?:\bbetween\s+\d{1,4}\s+and|(?<![\w$.,])(?<!office\s)(?<!microsoft\s)(?<!dynamics\s)\d{1,4}\s*(?:-|–|to|or))\s*\d{1,4}\s+(?:\w+\s+){0,3}?(?:customers?|clients?|logos|"
                          r"employees|engineers|staff|people|consultants|techs|certified|seats?|licen[cs]es?|users?)\b", re.I)
_CHOICE_ASKED = re.compile(r"\b(?:which\s+(?:one\s+)?is\s+it|is\s+it|was\s+it|is\s+that)\b[^?.]{0,60}?\b\d{1,4}\s+or\s+\d{1,4}\b"
                           r"|\b\d{1,4}\s+or\s+\d{1,4}\b[^?.]{0,60}\?\s*$", re.I)
INCLUDES = re.compile(r"\b(?:includ(?:es|ing|ed)|of\s+which|incl\.?|contains?|inside\s+(?:that|it))\b", re.I)


def _without_included(text: str, lines: dict, words: dict) -> dict:
    """"Azure was 210k, and that 210k includes 45k of RIs": the part named inside a total is its own line,
    so the total's line keeps only the rest."""
    keyed = [(m, k) for k, ms in words.items() if k in lines for m in ms]
    out = dict(lines)
    for whole, a in keyed:
        parts = Decimal(0)
        for part, b in keyed:
            gap = text[whole.end:part.start]
            # ("410k of Azure in total. 90k of that total was RIs": the part named as "of that" after it)
            if a != b and part.start > whole.end and part.amount < whole.amount and len(gap) < 60 \
                    and (INCLUDES.search(gap) or _OF_THAT.match(text, part.end)) and out[a] - part.amount > 0:
                out[a] -= part.amount
                parts += part.amount
        for rest, c in keyed:
            # "… and the remaining 320k was pay-as-you-go": the rest of the total, said again
            if parts and c == a and rest is not whole and rest.amount == whole.amount - parts \
                    and _REMAINING.search(text, max(0, rest.start - 30), rest.start) and out[a] - rest.amount > 0:
                out[a] -= rest.amount
    return out


_OF_THAT = re.compile(r"\s*(?:of\s+(?:that|this|the|it)(?:\s+(?:total|amount|figure|sum))?|out\s+of\s+(?:that|it|this))\b", re.I)
_REMAINING = re.compile(r"\b(?:the\s+)?(?:remaining|rest|remainder|other|balance)(?:\s+of\s+(?:it|that))?\s*(?:was|is|of|=|:)?\s*"
                        r"(?:usd\s*|\$|€)?$", re.I)


def extract_slots(text: str) -> Slots:
    """All slots of one message."""
    from assistant.understanding.exchange import to_usd
    from assistant.understanding.rates import restate

    names = [(p.start, p.end) for p in [*parse_products(text), *parse_unknown_products(text)]]
    money, refs = split_references(text, parse_money(text, names))
    money = to_usd(text, corrected(text, money, names))
    money, rate_problems = restate(text, money)
    region = asked_entity_region(text, money) or asked_period_region(text, money)
    # "Last period … $80k … This period … $92.5k - this period's incentive?": only the period asked about is billed
    billed = [m for m in money if any(lo <= m.start < hi for lo, hi in region)] if region else money
    # "we've set aside $8,000 for marketing", "rent is $4,200 a month": money spent or budgeted is no billing
    billed = [m for m in billed if not _SPENDING.search(text, max(0, m.start - 45), m.start)
              and not _SPENT_ON.match(text, m.end)]
    lines, unknown_lines, unpaired, ambiguous, money_facts, words = pair_lines_detail(text, billed, region)
    lines = _without_included(text, lines, words)
    facts = parse_yes_no(text)
    choice = _CHOICE_ASKED.search(text)
    # "which is it for Silver, 4 or 5 new customers?": the rule's count asked, no count of the partner's
    facts.update({} if choice else parse_counts(text))
    facts.update(parse_silver_thresholds(text))
    facts.update(money_facts)
    errors = list(dict.fromkeys(rate_problems))
    from .dates import check_dates

    if check_dates(text):
        errors.append("invalid_date")
    if any(m.absurd for m in money + refs):
        errors.append("absurd_amount")
    if any(m.range_to is not None for m in money) or _PERCENT_RANGE.search(text):
        errors.append("range")
    elif _COUNT_RANGE.search(text) and not choice:
        errors.append("count_range")
    if any(m.alternatives for m in money):
        errors.append("ambiguous_separator")
    netted = {id(m) for key, ms in words.items() if lines.get(key, 0) > 0 for m in ms}
    if any(m.amount < 0 and id(m) not in netted for m in money + refs):
        # "CN-0091 Office 365 -1,500.00 (credit note)" against a positive Office 365 line nets it; alone it is no billing
        errors.append("negative_amount")
    used = {id(m) for ms in words.values() for m in ms}
    from assistant.understanding.rates import _SEAT_COUNT

    if _PART_UNKNOWN.search(text) and lines:
        # "80k of Software in CSP, some of it might be on the strategic list, not sure how much": a split not given
        errors.append("split_unknown")

    # ("… and a $36 one … if they pick the $36 plan?": a seat price named again, already worked out, is no new one)
    if _SEAT_COUNT.search(text) and any(id(m) in used and 0 < m.amount < 1000 and not m.note and not m.per and not m.unit_stated
                                        and not any(o.basis and Decimal(o.basis[0]) == m.amount for o in money)
                                        for m in money):
        # "80 seats Microsoft 365 Business Basic @ $6": a price beside a seat count, not applied to it, is no billing
        errors.append("seat_price_unclear")
    # "rent is about £4,200/month" beside billing in dollars: an amount left out of the calculation needs no rate
    for cur in sorted({m.currency for m in money if m.currency != "USD" and (not used or id(m) in used)}):
        errors.append(f"currency:{cur}")
    if local_currency(text) and any(not m.currency_stated for m in money):
        errors.append("currency_unstated")  # "that's in our local currency": not dollars, and not said which
    if len(ambiguous) > 1:
        errors.append("ambiguous_amount")
    if any(_ALTERNATIVE_AMOUNTS.fullmatch(text[a.end:b.start]) for label in ("total_incentive", "coop_accrual", "rebate_portion")
           for a, b in zip(words.get(label, []), words.get(label, [])[1:])):
        errors.append("alternative_amounts")  # "a total incentive of $28k vs $22k": two incentives, not one
    elif not lines and not parse_products(text) and _COMPARE.search(text) and any(len(words.get(label, [])) > 1
                                                     for label in ("total_incentive", "coop_accrual", "rebate_portion")):
        # "Period A total incentive $18,000, period B $26,000: the difference in co-op?": one incentive is split at a time
        errors.append("alternative_amounts")
    # the period of an amount left out ("our average deal is about $1,900/month") is no period of the billing
    line_pers = [m.per for m in money if m.per and (not used or id(m) in used)]
    lines, line_pers = mixed_periods(lines, words, line_pers)
    return Slots(
        money=tuple(money),
        products=tuple(dict.fromkeys(p.key for p in _affirmed(text, parse_products(text)))),
        unknown_products=tuple(dict.fromkeys(p.key for p in parse_unknown_products(text))),
        lines=lines, unknown_lines=unknown_lines, unpaired=tuple(unpaired),
        ambiguous=tuple(ambiguous) if len(ambiguous) > 1 else (),
        per=line_pers[0] if line_pers else None,
        percent=parse_percent(text), growth_by_product=growth_by_product(text, parse_products(text)),
        as_of=parse_date(text), fiscal_year=parse_fiscal_year(text), rates_year=names_rates_year(text),
        period=parse_period(text), partner_type=parse_partner_type(text), facts=facts, errors=tuple(errors),
        references=tuple(refs), evidence=_evidence(words),
        basis={k: ms[0].basis for k, ms in words.items() if k in lines and len(ms) == 1 and ms[0].basis},
        parts={k: tuple(m.amount for m in ms) for k, ms in words.items()
               if k in lines and len(ms) > 1 and sum(m.amount for m in ms) == lines[k]},
        part_labels={k: labels for k, ms in words.items() if k in lines and len(ms) > 1
                     and sum(m.amount for m in ms) == lines[k] and (labels := part_labels(text, ms))},
    )
