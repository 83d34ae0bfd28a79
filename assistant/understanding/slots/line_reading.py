"""Billing lines read from a message: each amount paired with the product it bills, the labelled figures
(TTM revenue, co-op accrual, …) apart, and the words each value was read from."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.understanding.money import Money, parse_money
from assistant.understanding.rates import PER_MONTHS
from calculators.products import products

from .labels import label_money
from .lines import lines_from_pairs, pair
from .products import ProductMention, parse_products, parse_unknown_products
from .references import split_references
from .runs import RUN_GAP, heading_label, one_figure


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
    if _BUT_INSTEAD.search(text, m.end, max(hi, m.end + 20)):
        return False  # "75.000 $ nicht als Office 365, sondern als Dynamics 365": the one set against the other
    # ("Between 1 July and 31 December we did NOT sell any Dynamics at all": a date is no amount)
    return not _AMOUNT_WRITTEN.search(text[lo:m.start] + " " + text[m.end:hi])


_BUT_INSTEAD = re.compile(r"\b(?:but|sondern|sino|mais|ma|maar|instead)\b", re.I)


_AMOUNT_WRITTEN = re.compile(r"[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:k|m|mil|usd|eur|gbp|dollars?|euros?)\b|\d{1,3}(?:[,.]\d{3})+", re.I)


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
