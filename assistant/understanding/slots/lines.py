"""Pair amounts with the products they are billing of: adjacency, rows, listed periods, corrections."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.money import Money
from assistant.understanding.sentences import sentence_at, sentence_start
from .labels import CLAUSE
from .products import ProductMention
from .runs import PERIOD_LABEL

_EACH = re.compile(r"\b(?:each|apiece|per\s+product|for\s+(?:both|all|every)|on\s+(?:both|all|every)|both\s+at|each\s+at)\b", re.I)


# "part of it RIs and part pay-as-you-go", "some D365, the rest O365", "a mix of RIs and regular Azure"
_SPLIT = re.compile(r"\b(?:part|some|a\s+(?:part|portion|share|chunk|bit))\b[^.;!?$]{0,60}?\b(?:and|,|with|while)\s+"
                    r"(?:the\s+)?(?:other\s+)?(?:part|some|rest|remainder|others?)\b"
                    r"|\b(?:a\s+)?(?:mix|mixture|blend|combination)\s+of\b|\bsplit\s+(?:between|across|among)\b", re.I)


def _split_unsaid(text: str, amount: Money, products: list[ProductMention]) -> list[str]:
    """Product keys an amount is said to be split among, without how much each, when their rates differ."""
    from calculators.products import products as catalogue

    lo = sentence_start(text, amount.start)
    hi = lo + len(sentence_at(text, amount.start, amount.end))
    split = _SPLIT.search(text, lo, hi)
    if not split:
        return []
    keys = list(dict.fromkeys(p.key for p in products if lo <= p.start < hi))
    rates = {catalogue()[k].rate_param for k in keys if k in catalogue()}
    return keys if len(keys) > 1 and len(rates) > 1 else []


def pair(text: str, amounts: list[Money], products: list[ProductMention]):
    """Pair amounts with product mentions: returns (pairs [(Money, ProductMention)], unpaired, ambiguous keys).
    An amount on a line of its own that calls itself a total ("52500 | Grand total") is the lines' sum, paired
    with no product (and shown as not used)."""
    totals = [a for a in amounts if _on_total_line(text, a, products)]
    pairs, unpaired, ambiguous = _pair(text, [a for a in amounts if a not in totals], products)
    return _unrestated(text, pairs), [*unpaired, *totals], ambiguous


# "(so $50k PAYG + $40k RI)", "(i.e. 40k of RIs)": a bracket that says again what the sentence said
_RESTATING_BRACKET = re.compile(r"\(\s*(?:(?:so|that\s+is|that's|meaning|which\s+is|which\s+makes|ie)\b|i\.e\.|=)[^()\n]*\)", re.I)


def _unrestated(text: str, pairs: list) -> list:
    """Pairs less those a restating bracket repeats: "move $40k of it to RIs (so $50k PAYG + $40k RI)" bills
    $40k of RIs once, not twice."""
    brackets = [b.span() for b in _RESTATING_BRACKET.finditer(text)]
    if not brackets:
        return pairs
    def inside(a) -> bool:
        return any(lo < a.start < hi for lo, hi in brackets)

    outside = {(p.key, a.amount) for a, p in pairs if not inside(a)}
    return [(a, p) for a, p in pairs if not (inside(a) and (p.key, a.amount) in outside)]


def _on_total_line(text: str, a: Money, products: list[ProductMention]) -> bool:
    # (the line the figure ends on: a currency written before it may hang on the line above, "USD\n52500")
    lo, hi = text.rfind("\n", 0, a.end - 1) + 1, text.find("\n", a.end)
    hi = len(text) if hi == -1 else hi
    return bool(_TOTAL_ROW.search(text[lo:hi])) and not any(lo <= p.start < hi for p in products) and lo > 0


def _pair(text: str, amounts: list[Money], products: list[ProductMention]):
    if not amounts or not products:
        return [], list(amounts), []
    rows = _row_pairs(text, amounts, products)
    if rows is not None:
        return rows[0], rows[1], []
    keys = list(dict.fromkeys(p.key for p in products))
    if len(amounts) == 1:
        if len(keys) == 1:
            return [(amounts[0], products[0])], [], []
        firsts = [next(p for p in products if p.key == k) for k in keys]
        if _EACH.search(text):
            return [(amounts[0], p) for p in firsts], [], []
        split = _split_unsaid(text, amounts[0], products)
        if split:
            return [], list(amounts), split  # "40k of Azure, part of it RIs and part pay-as-you-go": ask how much each
        near = [p for p in products if _cost(text, amounts[0], p) <= 3 or _joined(text, amounts[0], p)]
        if len({p.key for p in near}) == 1:
            return [(amounts[0], near[0])], [], []  # "200k O365 ... how much Azure?": the adjacent one
        lo = sentence_start(text, amounts[0].start)
        hi = lo + len(sentence_at(text, amounts[0].start, amounts[0].end))
        own = [p for p in products if lo <= p.start < hi]
        if _RESTATED.search(text) and len({p.key for p in own}) == 1:
            # "40k of D365... wait no, that 40k line is Office 365": corrected, the sentence of the amount names it
            return [(amounts[0], own[0])], [], []
        return [], list(amounts), keys
    mentions = list(products)
    if len(mentions) == len(amounts) > len(keys) and not _RESTATED.search(text):
        # "O365 E3 - 10k, O365 E1 - 5k, Azure - 2k": every mention with its own amount, in turn;
        # a product named twice gets both amounts (summed later).
        order = "".join(t for _, t in sorted([(a.start, "a") for a in amounts] + [(p.start, "p") for p in mentions]))
        if order in ("pa" * len(amounts), "ap" * len(amounts)):
            return list(zip(amounts, mentions)), [], []
    products = [next(p for p in products if p.key == k) for k in keys]  # one mention per product
    items = sorted([("a", a.start, i) for i, a in enumerate(amounts)] + [("p", p.start, i) for i, p in enumerate(products)],
                   key=lambda t: t[1])
    seq = "".join(t[0] for t in items)
    n = len(amounts)
    listed = seq == "p" * n + "a" * n and all(_LIST_GAP.fullmatch(text[x.end:y.start]) for x, y in zip(amounts, amounts[1:]))
    if len(products) == n and (seq in ("ap" * n, "pa" * n) or listed or re.search(r"\brespectively\b", text, re.I)):
        return [(a, p) for a, p in zip(amounts, products)], [], []
    if len(products) == 1 and len(amounts) > 1 and _EACH.search(text) is None:
        pass
    cands = []
    # every mention of a product may be the one an amount sits by ("we sell Azure and O365 - Azure 20k, O365 10k")
    for i, a in enumerate(amounts):
        for p in mentions:
            between = text[min(a.end, p.end):max(a.start, p.start)]
            cost = len(between) + 40 * len(CLAUSE.findall(between))
            if p.end <= a.start and between.strip() in (":", "=", "-", "at", "of", "for", "on"):
                cost -= 1
            cands.append((cost, i, keys.index(p.key)))
    cands.sort()
    used_a, used_p, pairs = set(), set(), []
    for cost, i, j in cands:
        if i in used_a or j in used_p:
            continue
        used_a.add(i)
        used_p.add(j)
        pairs.append((amounts[i], products[j]))
    # Amounts left over belong to the mention nearest them: "Q1 O365 41k / Azure 12k, Q2 O365 44k /
    # Azure 15k", or "O365: Q1 was 20k, Q2 35k" (one product, listed periods, summed per product).
    for i, a in enumerate(amounts):
        if i in used_a:
            continue
        cost, best = min(((_cost(text, a, p), p) for p in mentions), key=lambda cp: cp[0])
        listed = PERIOD_LABEL.search(text[max(0, a.start - 26):a.start]) or _PERIOD_AFTER.match(text, a.end) or \
            (i > 0 and _LIST_GAP.fullmatch(text[amounts[i - 1].end:a.start]) and (i - 1) in used_a)
        # Each stated with its own span ("18k a month for 4 months, then 10k a month for 2"): one schedule.
        scheduled = len(keys) == 1 and bool(a.note) and all(m.note for m in amounts)
        # A line item "- Office 365 E1: $6,250": the amount is the value of the product its label names.
        item = _ITEM_VALUE.fullmatch(text, best.end, a.start) if best.end <= a.start else None
        if cost <= 3 or listed or scheduled or item:
            used_a.add(i)
            pairs.append((a, best))
    pairs.sort(key=lambda ap: ap[0].start)
    unpaired = [a for i, a in enumerate(amounts) if i not in used_a]
    return pairs, unpaired, []


_ITEM_VALUE = re.compile(r"[^\n$:=;,.]{0,24}?(?::|=|\s[-–—])\s*")
# ... or after it: "12k in August", "9k for Q3".
# ("20k in the first quarter and 35k in the second": a period named by its place, its noun said once)
_PERIOD_AFTER = re.compile(r"\s+(?:in|for|during)\s+(?:(?:q[1-4]|h[12]|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|"
                           r"the\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\b(?!\s+(?:time|one\s+of|of)\b))", re.I)
# Amounts in one run ("14k, 15k, 15.5k and 16k") share the product of the run's first amount.
# ("4.100, 4.300 … und 5.700 USD": "and" as partners writing in other languages say it)
_LIST_GAP = re.compile(r"\s*(?:,|;|/)\s*(?:(?:and|und|en|et|y|e|ed)\s+)?|\s+(?:and|und|en|et|y|e|ed)\s+", re.I)


# "O365 20k - sorry, O365 25k": the same product named again to correct its amount, not a second line.
_RESTATED = re.compile(r"\b(?:sorry|actually|wait|i\s+mean|i\s+meant|correction|make\s+that|instead|oops|typo|rather)\b", re.I)


def _row_pairs(text: str, amounts: list[Money], mentions: list[ProductMention]):
    """A list or table of rows, each naming one product and one amount, pairs row by row.

    "- Office 365 E3: $14,300 / - Office 365 E1: $6,250" (one row per line) gives two Office 365
    amounts, summed later; None when any row with an amount names no product, two products, or
    two amounts, so the general pairing decides. A row that names something else with a word of its
    own ("Freight recharge 412.00") is left unpaired, to be shown as not used.
    """
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    rows: dict[int, tuple[list[Money], set[str], ProductMention | None]] = {}
    others: list[Money] = []
    for row, lo in enumerate(starts):
        hi = starts[row + 1] if row + 1 < len(starts) else len(text) + 1
        found = [a for a in amounts if lo <= a.start < hi]
        named = [p for p in mentions if lo <= p.start < hi]
        if found and not named and _OTHER_ITEM.search(text[lo:found[0].start]) and not any(
                PERIOD_LABEL.search(text[lo:a.start]) or _PERIOD_AFTER.match(text, a.end) for a in found):
            # "GL 4900 Freight recharge ... 412.00", or a line of background ("fit-out cost us $58,000"): something else
            others.extend(found)
        elif found:
            rows[row] = (found, {p.key for p in named}, named[0] if named else None)
    if len(rows) < 2 or any((len(found) != 1 and not _periods_listed(text, found)) or len(keys) != 1
                            for found, keys, _ in rows.values()):
        return None
    # "Office 365 E3: Jan $14,200, Feb $14,650, Mar $15,100": a row's listed periods are all that product's
    return [(a, first) for found, _, first in rows.values() for a in found], others


_TOTAL_ROW = re.compile(r"\b(?:grand\s+)?totals?\b|\bsub-?totals?\b|\bsum\b|\bgesamt\w*|\btotaal\b|\btotale\b", re.I)


def _periods_listed(text: str, found: list[Money]) -> bool:
    """Each amount of a row follows its own period name ("Jan $14,200, Feb $14,650")."""
    return all(PERIOD_LABEL.search(text, max(0, a.start - 24), a.start) for a in found)


# A row's own label: a word of its own before the amount ("Freight recharge ...... 412.00").
_OTHER_ITEM = re.compile(r"[A-Za-z]{3,}")


def _joined(text: str, a: Money, p: ProductMention) -> bool:
    """The amount and the product are joined by one connecting word: "35k of Azure RIs", "Azure: 35k"."""
    between = text[min(a.end, p.end):max(a.start, p.start)].strip().lower()
    return between in (":", "=", "-", "of", "in", "on", "for", "at", "worth of")


def _cost(text: str, a: Money, p: ProductMention) -> int:
    between = text[min(a.end, p.end):max(a.start, p.start)]
    return len(between) + 40 * len(CLAUSE.findall(between))


def lines_from_pairs(pairs) -> dict[str, Decimal]:
    """Sum paired amounts per product key."""
    out: dict[str, Decimal] = {}
    for money, prod in pairs:
        out[prod.key] = out.get(prod.key, Decimal(0)) + money.amount
    return out
