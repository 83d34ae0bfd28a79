"""Slot extraction: money, products, dates, periods, partner type and yes/no facts from a message."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from .dates import Period, fy_end, fy_of, fy_start, names_rates_year, parse_date, parse_fiscal_year, parse_period
from .counts import parse_counts
from .facts import parse_levels, parse_partner_type, parse_silver_thresholds, parse_yes_no
from .flags import detect_flags
from .labels import label_money
from .lines import lines_from_pairs, pair
from .runs import RUN_GAP, heading_label, one_figure
from assistant.understanding.money import Money, parse_money
from assistant.understanding.rates import PER_MONTHS

from .entities import asked_entity_region
from .periods import asked_period_region
from .references import local_currency, split_references
from .restating import corrected, mixed_periods
from .money import growth_by_product, parse_percent, words_to_int
from .products import PRODUCT_NAMES, ProductMention, parse_products, parse_unknown_products
from calculators.products import products

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

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        return tuple(m.amount for m in self.money)


_DENIED = re.compile(r"(?:\b(?:no|not|without|excluding|except|non|zero)|n[’']t)[\s-]+(?:\w+\s+)?$", re.I)


def _denied_clause(text: str, m: ProductMention) -> bool:
    """"We did NOT sell any Dynamics this time": a clause with no amount that denies the product."""
    from assistant.understanding.polarity import clause_at, negation_of

    lo, hi = clause_at(text, m.start, m.end)
    cue = negation_of(text, m.start, m.end)
    # "Azure consumption (not reserved): $18,250": a denial after the name is about something else
    before = text[lo:m.start].lower()
    if not cue or cue.lower() not in before or ")" in before[before.rfind(cue.lower()):]:
        return False  # "(normal, not RIs) had been Dynamics 365": the denial closed with its bracket
    return not re.search(r"\d", text[lo:m.start] + text[m.end:hi])


def _affirmed(text: str, mentions: list[ProductMention]) -> list[ProductMention]:
    """Mentions not denied by the words right before them: "no O365 resale" names no billing line.

    A product denied anywhere while another is named ("$45k of Azure - sorry, not Azure, Dynamics
    365") is a correction: none of its mentions count.
    """
    denied = {m.key for m in mentions if _DENIED.search(text[max(0, m.start - 20):m.start]) or _denied_clause(text, m)}
    others = {m.key for m in mentions} - denied
    return [m for m in mentions if m.key not in denied or not others]


def _same_rates(keys) -> bool:
    """Two or more of the catalogue's products whose rates are the same on every date the rules give."""
    from calculators.params import get_parameter

    catalogue = products()
    if len(keys) < 2 or not all(k in catalogue for k in keys):
        return False
    return len({tuple((v.effective_from, v.value) for v in get_parameter(catalogue[k].rate_param).values) for k in keys}) == 1


def pair_lines_detail(text: str, money: list[Money] | None = None, region: list[tuple[int, int]] | None = None):
    """(lines, unknown_lines, unpaired amounts, ambiguous product keys, facts from labelled money); with a
    region, only the products named inside it."""
    if money is None:
        names = [(p.start, p.end) for p in [*parse_products(text), *parse_unknown_products(text)]]
        money = split_references(text, parse_money(text, names))[0]
    known, unknown = _affirmed(text, parse_products(text)), parse_unknown_products(text)
    if region:
        known, unknown = ([p for p in ps if any(lo <= p.start < hi for lo, hi in region)] for ps in (known, unknown))
    mentions = _without_lead_ins(text, sorted(known + unknown, key=lambda p: p.start), money)
    labels = label_money(text, money, mentions)
    facts: dict = {}
    candidates = []
    labels = list(labels)
    for i in range(len(money)):
        run_start = i == 0 or not RUN_GAP.fullmatch(text[money[i - 1].end:money[i].start])
        run = i + 1 < len(money) and RUN_GAP.fullmatch(text[money[i].end:money[i + 1].start])
        if run_start and run and labels[i] is None:
            labels[i] = heading_label(text, money[i], mentions)
        elif not run_start:
            # "last four quarters: 7k, 6k, 6.3k, 6k", "Jan 11.2k, Feb 9.8k": a run shares its first amount's label.
            labels[i] = labels[i - 1]
    labelled: dict[str, list[Money]] = {}
    for m, label in zip(money, labels):
        if label is None:
            candidates.append(m)
        else:
            labelled.setdefault(label, []).append(m)
    for label, amounts in labelled.items():
        facts[label] = one_figure(text, label, amounts)
    pairs, unpaired, ambiguous = pair(text, candidates, mentions)
    unknown_keys = {p.key for p in unknown}
    if len(unpaired) == 1 and _same_rates(ambiguous):
        # "Office 365 plus Microsoft 365 came to $300,000 together": one rate for both, so the amount needs no split
        mention = next(p for p in mentions if p.key == ambiguous[0])
        names = " and ".join(products()[k].name for k in ambiguous)
        pairs = [*pairs, (replace(unpaired[0], note=f"{unpaired[0].text.strip()}, {names} together, at one rate"), mention)]
        unpaired, ambiguous = [], []
    lines = lines_from_pairs([(m, p) for m, p in pairs if p.key not in unknown_keys])
    unknown_lines = lines_from_pairs([(m, p) for m, p in pairs if p.key in unknown_keys])
    for m, p in pairs:
        # a monthly figure, as stated or worked out ("$41,000 a year … per month": one month of it)
        if (m.per == "month" or (m.basis and m.basis[3] == 1 and not m.basis[2])) and p.key in ("o365", "m365"):
            facts.setdefault(f"billed_{p.key}", m.amount)
        elif m.per in PER_MONTHS and p.key in ("o365", "m365"):
            # "$21,000 a year of Microsoft 365": the break-even hints are monthly, so one month of it
            facts.setdefault(f"billed_{p.key}", (m.amount / PER_MONTHS[m.per]).quantize(Decimal("0.01")))
    ambiguous = [k for k in ambiguous if k not in unknown_keys] if len(ambiguous) > 1 else ambiguous
    words: dict[str, list[Money]] = {}
    for m, p in pairs:
        words.setdefault(p.key, []).append(m)
    for label, amounts in labelled.items():
        # "not below the $25k TTM – we're at $31k": when the latest figure stands alone, only its words are shown
        latest = len(amounts) > 1 and facts[label] == amounts[-1].amount != sum(m.amount for m in amounts)
        words.setdefault(label, amounts[-1:] if latest else amounts)
    return lines, unknown_lines, [m.amount for m in unpaired], ambiguous, facts, words


_SPENDING = re.compile(r"\b(?:set\s+aside|(?<!op\s)(?<!mdf\s)budget(?:ed)?|earmarked|rent|salar(?:y|ies)|payroll|spend(?:ing)?\s+on|spent\s+on|invest(?:ed|ing)?|"
                       # ("a sanity check for our budget: we billed about $50,000 …": billing, said after the budget)
                       r"cost(?:s|ing)?\s+(?:us|of)|paid\s+(?:for|out\s+for)|a\s+loan\s+of)\b"
                       r"(?:(?!\b(?:billed|billing|invoiced|sold|revenue)\b)[^.?!\d$€£]){0,25}$", re.I)
_SPENT_ON = re.compile(r"\s*(?:(?:a|per)\s+(?:month|year)\s+)?(?:for|on)\s+(?:our\s+|the\s+)?(?:marketing|rent|office\s+(?!365)\w+|salar|payroll|"
                       r"travel|events?|hiring|staff|ads|advertising|a\s+new\s+hire|budget)", re.I)
_PART_UNKNOWN = re.compile(r"\b(?:some|part|a\s+(?:part|portion|share|bit)|a\s+few)\s+of\s+(?:it|that|this|those|them|the\s+\w+)\b[^.?!]{0,80}"
                           r"\b(?:not\s+sure|no\s+idea|don'?t\s+know|do\s+not\s+know|unsure|can'?t\s+tell)\s+(?:how\s+much|which|what\s+share)", re.I)
_ALTERNATIVE_AMOUNTS = re.compile(r"\s*(?:vs\.?|versus|or|compared\s+(?:to|with)|against|instead\s+of|rather\s+than)\s*", re.I)
_LEAD_IN = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:split|breakdown|broken\s+down|by\s+\w+|lines?|mix)?\s*:")


def _without_lead_ins(text: str, mentions: list, money: list[Money]) -> list:
    """"Software in CSP split: $15k on the Strategic Software list and $40k regular": a product that heads a
    list of its own kinds, each named with its amount, is no line of its own."""
    out = []
    for p in mentions:
        lead = _LEAD_IN.match(text, p.end)
        if lead and not any(p.end <= m.start < lead.end() for m in money):
            stop = re.search(r"[.!?\n]", text[lead.end():])
            hi = lead.end() + stop.start() if stop else len(text)
            listed = [q for q in mentions if lead.end() <= q.start < hi]
            # its own name again among the items ("… and $40k regular Software in CSP"); "Office 365: 1K USD and
            # 1K USD of dyn365" names it once, as the first line
            if len(listed) >= 2 and p.key in {q.key for q in listed} and sum(lead.end() <= m.start < hi for m in money) >= 2:
                continue
        out.append(p)
    return out


def _evidence(words: dict[str, list[Money]]) -> tuple[tuple[str, str], ...]:
    """(input key, the words its value was read from): "64 000 USD", "Q1 was 20k + 35k"."""
    return tuple((key, " + ".join(m.note or (f"{m.text.strip()} ({m.unit_stated})" if m.unit_stated else m.text.strip()) for m in amounts)) for key, amounts in words.items())


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
        for part, b in keyed:
            gap = text[whole.end:part.start]
            if a != b and part.start > whole.end and part.amount < whole.amount and len(gap) < 60 and INCLUDES.search(gap) \
                    and out[a] - part.amount > 0:
                out[a] -= part.amount
    return out


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

    if _SEAT_COUNT.search(text) and any(id(m) in used and 0 < m.amount < 1000 and not m.note and not m.per and not m.unit_stated
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
    )
