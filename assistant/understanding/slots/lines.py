"""Label money by what it is (TTM, co-op, incentive, internal spend) and pair the rest with products."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.money import Money
from assistant.understanding.sentences import sentence_at, sentence_start
from .products import ProductMention
from .runs import PERIOD_LABEL

KEYWORDS = {
    "ttm_revenue": re.compile(
        r"\bttm\b|trailing[\s-]+(?:twelve|12)[\s-]+months?|\btrailing\s+(?:csp\s+)?(?:revenue|sales)|(?:last|past|previous)\s+(?:twelve|12)\s+months?|"
        r"\b(?:annual|yearly|total\s+annual|12[\s-]month)\s+(?:csp\s+)?(?:revenue|sales|billings?)|"
        r"(?:last|past|previous|trailing)\s+(?:four|4)\s+quarters|"
        r"\brevenue\s+(?:over|in|for)\s+the\s+(?:last|past)\s+year", re.I),
    "coop_accrual": re.compile(r"\bco[\s-]?op\b|\bcooperative\s+(?:marketing\s+)?funds?\b|\bmdf\b", re.I),
    "total_incentive": re.compile(r"\b(?:incentives?|rebates?|payouts?|earned|earnings|paid\s+out|payments?|total\s+award)\b", re.I),
    "internal_o365": re.compile(r"\binternal(?:ly)?\b|\bour\s+own\b|\bin[\s-]house\b|\bfor\s+ourselves\b|\bfor\s+our\s+(?:own\s+)?(?:team|staff|employees|people|users)\b", re.I),
}
_CLAUSE = re.compile(r"[.;!?\n]|,\s|\s(?:and|but|while|plus|whereas)\s|\s-\s", re.I)
_EACH = re.compile(r"\b(?:each|apiece|per\s+product|for\s+(?:both|all|every)|on\s+(?:both|all|every)|both\s+at|each\s+at)\b", re.I)


_LABEL_SEP = re.compile(r"\s*(?:" + "|".join(re.escape(s.strip()) for s in LEXICON["label_separators"]) + r")\s*$")
_HARD = re.compile(r"[.;!?\n]")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around an amount. A checklist item ("Trailing twelve month revenue - exactly $25,000")
    keeps its label: the separator between a label with no figure of its own and a value that begins
    with the amount joins them rather than ending a clause."""
    inside = [b.span() for b in re.finditer(r"\([^()\n]{0,60}\)", text)]
    breaks = [b for b in _CLAUSE.finditer(text, 0, start) if not any(s < b.start() < e for s, e in inside)]
    lo = breaks[-1].end() if breaks else 0
    nxt = next((b for b in _CLAUSE.finditer(text, end) if not any(s < b.start() < e for s, e in inside)), None)
    hi = nxt.start() if nxt else len(text)
    if breaks and _LABEL_SEP.search(text, breaks[-1].start(), breaks[-1].end()) and len(text[lo:start].split()) <= 2:
        item = max((m.end() for m in _HARD.finditer(text, 0, breaks[-1].start())), default=0)
        label = text[item:breaks[-1].start()]
        if label.strip() and not re.search(r"\$|\d{3,}|\d\s*[kKmM]\b", label) and len(label.split()) <= 6:
            lo = item
    return lo, hi


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _asides(text: str, lo: int, hi: int) -> int:
    """The length of bracketed asides between two points ("rebate payment (the 60% part) was $9,000")."""
    return sum(len(a.group(0)) for a in re.finditer(r"\([^()]{0,40}\)", text[lo:hi])) if lo < hi else 0


def label_money(text: str, money: list[Money], products: list[ProductMention]) -> list[str | None]:
    """For each amount: a fact name (ttm_revenue, coop_accrual, total_incentive, internal_o365) or None."""
    labels: list[str | None] = []
    for m in money:
        lo, hi = _clause(text, m.start, m.end)
        best: tuple[int, str | None] | None = None
        word = ""  # the keyword that set the label
        for name, rx in KEYWORDS.items():
            for k in rx.finditer(text, lo, hi):
                if name == "internal_o365":
                    best = (-1, name)
                    break
                if name == "total_incentive" and "co-op" not in k.group(0):
                    gap = _gap((m.start, m.end), k.span()) + (12 if _has_product(products, lo, hi) else 0)
                    after = k.start() >= m.end
                    if _gap((m.start, m.end), k.span()) - _asides(text, k.end(), m.start) > (4 if after else 30):
                        # "... 11,575 -> incentive?" asks for the incentive; "$5k incentive", "incentive was 15k" name one.
                        continue
                else:
                    gap = _gap((m.start, m.end), k.span())
                if best is None or gap < best[0]:
                    best, word = (gap, name), k.group(0)
            if best and best[0] == -1:
                break
        for p in products:
            if lo <= p.start and p.end <= hi:
                gap = _gap((m.start, m.end), (p.start, p.end))
                if best is None or (best[0] != -1 and gap <= best[0]):
                    best = (gap, None)
        if best is None and (m.per or m.note):
            # "$2,000 a month in CSP revenue, steady over the last 12 months": a trailing clause with no
            # amount of its own says what span the rate's amount is revenue over.
            after = _HARD.search(text, hi)
            end = after.start() if after else len(text)
            if KEYWORDS["ttm_revenue"].search(text, hi, end) and not any(hi <= o.start < end for o in money):
                best = (0, "ttm_revenue")
        if best is None and _IT_IS.search(text, max(0, m.start - 30), m.start):
            best = _named_before(text, lo)
        label = best[1] if best else None
        if label == "total_incentive" and _COOP_BEFORE.search(text, max(0, lo), text.find(word, lo, hi) if word and word in text[lo:hi] else lo):
            label = "coop_accrual"  # "co-op earned: 6,400 USD": the co-op is what was earned
        if label == "total_incentive" and (_rebate_named(text, word, lo, hi) or _REBATE.search(text, lo, m.start)) \
                and _rebate_share(text, m, lo, hi):
            # "The rebate part of our last payout was $14,820": the rebate named before the amount, with its share
            label = "rebate_portion"
        labels.append(label)
    for i in range(1, len(money)):
        # "TTM is not below $25k - it's $38k": the amount "it" is restates the one just labelled
        if labels[i] is None and labels[i - 1] and _RESTATES.fullmatch(text[money[i - 1].end:money[i].start]):
            labels[i] = labels[i - 1]
    return labels


# "TTM is 23k — wait, I forgot the December invoices, it's 26k": a correction between them is allowed.
_RESTATES = re.compile(r"(?:\s+(?:ttm|revenue|threshold|mark|line|bar)){0,2}\s*(?:[-–—,;:.]\s*)?(?:(?:wait|actually|sorry|oops|correction|no|hmm|hold\s+on)\b[^.?!$\d]{0,70}?[,;:.\-–—]\s*)?"
                       r"(?:but\s+|actually\s+|in\s+fact\s+|so\s+)?(?:(?:it|that|this)(?:'s|’s|\s+is|\s+was|\s+came\s+to|"
                       r"\s+stands\s+at)|we(?:'re|’re|\s+are)\s+(?:at|on|sitting\s+at))\s+(?:actually\s+|exactly\s+|about\s+)?", re.I)


_REBATE = re.compile(r"\brebates?\b", re.I)
# "… our TTM dropped under the bar. It's now $26,800": "it" is the figure the sentence before named
_IT_IS = re.compile(r"\b(?:it|that)(?:['’]s|\s+is|\s+was|\s+stands\s+at|\s+came\s+to)\s+(?:now\s+|currently\s+|back\s+(?:up\s+)?(?:to|at)\s+)?$",
                    re.I)


def _named_before(text: str, lo: int) -> tuple[int, str] | None:
    """The one fact the previous sentence names, as a label (gap 0), or None."""
    ends = [e.start() for e in _HARD.finditer(text, 0, lo)]
    if not ends:
        return None
    start = max((e.end() for e in _HARD.finditer(text, 0, ends[-1])), default=0)
    found = {name for name, rx in KEYWORDS.items() if name != "internal_o365" and rx.search(text, start, ends[-1])}
    return (0, found.pop()) if len(found) == 1 else None
_COOP_BEFORE = re.compile(r"\bco[\s-]?op(?:\s+(?:funds?|portion|part|share))?\s+$", re.I)
_REBATE_PART = re.compile("|".join(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])" for w in
                                   sorted(LEXICON["rebate_portion_cues"], key=len, reverse=True)), re.I)


def _rebate_named(text: str, word: str, lo: int, hi: int) -> bool:
    """The labelling word is the rebate, or the rebate names it ("our rebate payment")."""
    return bool(_REBATE.fullmatch(word) or re.search(r"\brebates?\s+" + re.escape(word) + r"\b", text[lo:hi], re.I))


def _rebate_share(text: str, m: Money, lo: int, hi: int) -> bool:
    """"Our rebate (the 60% part) was $9,000": the amount is the rebate share, not the whole incentive.

    The qualifier must be in the amount's own clause, or in brackets right after it: in "If our
    total incentive is $12,345.67, how much is the rebate part?" the rebate part is what is asked.
    """
    # "(the 60% part)" right after it, or a clause that says what it was: "$9,000 - that's the 60% bit"
    aside = re.match(r"[^()]{0,30}\([^()]*\)|\s*[-–—,;:]\s*(?:that['’]s|that\s+is|which\s+is|i\.e\.)[^.?!\n]{0,40}", text[m.end:], re.I)
    return bool(_REBATE_PART.search(text[lo:hi]) or (aside and _REBATE_PART.search(aside.group(0))))


def _has_product(products: list[ProductMention], lo: int, hi: int) -> bool:
    return any(lo <= p.start and p.end <= hi for p in products)


def pair(text: str, amounts: list[Money], products: list[ProductMention]):
    """Pair amounts with product mentions: returns (pairs [(Money, ProductMention)], unpaired, ambiguous keys)."""
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
            cost = len(between) + 40 * len(_CLAUSE.findall(between))
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
        listed = PERIOD_LABEL.search(text[max(0, a.start - 20):a.start]) or _PERIOD_AFTER.match(text, a.end) or \
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
_PERIOD_AFTER = re.compile(r"\s+(?:in|for|during)\s+(?:q[1-4]|h[12]|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
                           re.I)
# Amounts in one run ("14k, 15k, 15.5k and 16k") share the product of the run's first amount.
_LIST_GAP = re.compile(r"\s*(?:,|;|/)\s*(?:and\s+)?|\s+and\s+", re.I)


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
    if len(rows) < 2 or any(len(found) != 1 or len(keys) != 1 for found, keys, _ in rows.values()):
        return None
    return [(found[0], first) for found, _, first in rows.values()], others


# A row's own label: a word of its own before the amount ("Freight recharge ...... 412.00").
_OTHER_ITEM = re.compile(r"[A-Za-z]{3,}")


def _joined(text: str, a: Money, p: ProductMention) -> bool:
    """The amount and the product are joined by one connecting word: "35k of Azure RIs", "Azure: 35k"."""
    between = text[min(a.end, p.end):max(a.start, p.start)].strip().lower()
    return between in (":", "=", "-", "of", "in", "on", "for", "at", "worth of")


def _cost(text: str, a: Money, p: ProductMention) -> int:
    between = text[min(a.end, p.end):max(a.start, p.start)]
    return len(between) + 40 * len(_CLAUSE.findall(between))


def lines_from_pairs(pairs) -> dict[str, Decimal]:
    """Sum paired amounts per product key."""
    out: dict[str, Decimal] = {}
    for money, prod in pairs:
        out[prod.key] = out.get(prod.key, Decimal(0)) + money.amount
    return out
