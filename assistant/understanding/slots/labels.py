"""Which fact an amount states: "TTM revenue - exactly $25,000", "co-op earned: 6,400 USD", "the rebate
(the 60% part) was $9,000", "… dropped under the bar. It's now $26,800"."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.money import Money
from .products import ProductMention

KEYWORDS = {
    "ttm_revenue": re.compile(
        r"\bttm\b|trailing[\s-]+(?:twelve|12)[\s-]+months?|\btrailing\s+(?:csp\s+)?(?:revenue|sales)|(?:last|past|previous)\s+(?:twelve|12)\s+months?|"
        r"\b(?:annual|yearly|total\s+annual|12[\s-]month)\s+(?:csp\s+)?(?:revenue|sales|billings?)|"
        r"(?:last|past|previous|trailing)\s+(?:four|4)\s+quarters|"
        # ... as partners writing in Spanish, Portuguese, French, German, Italian or Dutch name the span
        r"\b[úu]ltimos\s+(?:doce|12)\s+meses\b|\bderniers\s+(?:douze|12)\s+mois\b|\bletzten\s+(?:zwölf|12)\s+monate\b|"
        r"\bultimi\s+(?:dodici|12)\s+mesi\b|\b(?:afgelopen|laatste)\s+(?:twaalf|12)\s+maanden\b|"
        r"\btrailing\s+(?:year|twelve|12)\b|"
        r"\b(?:revenue|sales|billings?)\s+(?:over|in|for|during)\s+the\s+(?:last|past|previous|trailing)\s+(?:year|twelve\s+months|12\s+months)|"
        # as partners writing in French, Spanish, Portuguese or German name the twelve months
        r"(?:douze|12)\s+derniers\s+mois|(?:últimos|ultimos|ultimi)\s+(?:doce|doze|dodici|12)\s+(?:meses|mesi)|"
        r"(?:letzten|vergangenen)\s+(?:zwölf|12)\s+monate|"
        # a rolling year: "sur douze mois glissants", "doce meses móviles", "rollierende 12 Monate"
        r"(?:douze|doce|doze|zwölf|dodici|12)\s+(?:mois|meses|monate|mesi)\s+(?:glissants|m[oó]viles|m[oó]veis|rollierend\w*|mobili)|"
        r"rollierend\w*\s+(?:zwölf|12)\s+monat\w*|(?:afgelopen|laatste)\s+(?:twaalf|12)\s+maanden|"
        r"(?:ostatnich|ostatnie)\s+(?:dwunastu|12)\s+miesi\w*", re.I),
    "coop_accrual": re.compile(r"\bco[\s-]?op\b|\bcooperative\s+(?:marketing\s+)?funds?\b|\bmdf\b|(?<!incentive\s)(?<!rebate\s)(?<!payout\s)\baccruals?\b", re.I),
    # "the incentive accrual is USD 41,300": an accrual of the incentive is the incentive
    "total_incentive": re.compile(r"\b(?:incentive\s+accruals?|incentives?|incentivos?|rebates?|payouts?|earned|earnings|paid\s+out|"
                                  r"payments?|total\s+award)\b", re.I),
    "internal_o365": re.compile(r"\binternal(?:ly)?\b|\bour\s+own\b|\bin[\s-]house\b|\bfor\s+ourselves\b|\bfor\s+our\s+(?:own\s+)?(?:team|staff|employees|people|users)\b", re.I),
}
# the full stop of an abbreviation ("TTM ca. 80.000 $", "approx. 40k", "inkl. RIs") ends nothing
_STOP = r"(?<!\bca)(?<!\bapprox)(?<!\bappr)(?<!\babt)(?<!\bincl)(?<!\binkl)(?<!\bvs)(?<!\bapx)(?<!\baprox)\."
# "for the Oct 2022 - Mar 2023 earning period": a dash between two dates spans a period, it ends no clause
_SPAN_DASH = r"\s-\s(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:19|20)\d\d\b)"
CLAUSE = re.compile(_STOP + r"|[;!?\n]|,\s|\s(?:and|but|while|plus|whereas)\s|" + _SPAN_DASH, re.I)


_LABEL_SEP = re.compile(r"\s*(?:" + "|".join(re.escape(s.strip()) for s in LEXICON["label_separators"]) + r")\s*$")
_HARD = re.compile(r"[.;!?\n]")


_DATE_ASIDE = re.compile(r",(?=[^,\n$€£]{0,30},)[^,\n$€£\d]{0,22}(?:\d{1,2}\s+)?[^,\n$€£\d]{0,12}\b(?:19|20)\d\d\b\s*,")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around an amount. A checklist item ("Trailing twelve month revenue - exactly $25,000")
    keeps its label: the separator between a label with no figure of its own and a value that begins
    with the amount joins them rather than ending a clause."""
    # (a bracket, or a date set off by commas, "…last twelve months, as of January 2023, is 19,800 USD", is an aside)
    inside = [b.span() for b in re.finditer(r"\([^()\n]{0,60}\)", text)] + [b.span() for b in _DATE_ASIDE.finditer(text)]
    breaks = [b for b in CLAUSE.finditer(text, 0, start) if not any(s <= b.start() < e for s, e in inside)]
    lo = breaks[-1].end() if breaks else 0
    nxt = next((b for b in CLAUSE.finditer(text, end) if not any(s <= b.start() < e for s, e in inside)), None)
    hi = nxt.start() if nxt else len(text)
    if breaks and _LABEL_SEP.search(text, breaks[-1].start(), breaks[-1].end()) and len(text[lo:start].split()) <= 2:
        item = max((m.end() for m in _HARD.finditer(text, 0, breaks[-1].start())), default=0)
        label = text[item:breaks[-1].start()]
        if label.strip() and not re.search(r"\$|\d{3,}|\d\s*[kKmM]\b", label) and len(label.split()) <= 6:
            lo = item
    return lo, hi


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


# "our incentive for this period is on track for $21,000": the period says when, not what the amount is
_PERIOD_ASIDE = re.compile(r"\([^()]{0,40}\)|\b(?:for|in|over|during)\s+(?:this|the|our|last|current|that)\s+"
                           r"(?:[\w'’–-]+\s+){0,6}?(?:earning\s+)?(?:period|half|quarter|year|half-year|semester|cycle)\b", re.I)


def _asides(text: str, lo: int, hi: int) -> int:
    """The length of asides between two points: bracketed ("rebate payment (the 60% part) was $9,000")
    or naming the period ("incentive for this period is on track for $21,000")."""
    return sum(len(a.group(0)) for a in _PERIOD_ASIDE.finditer(text[lo:hi])) if lo < hi else 0


def label_money(text: str, money: list[Money], products: list[ProductMention]) -> list[str | None]:
    """For each amount: a fact name (ttm_revenue, coop_accrual, total_incentive, internal_o365) or None."""
    labels: list[str | None] = []
    named: list[str] = []  # the keyword that set each label
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
        # ("We sell Software in CSP subscriptions, about $3,000 a month, steady for the last 12 months": a product
        # named just before the amount makes it that product's billing over the span)
        if best is None and (m.per or m.note) and not any(0 <= m.start - p.end <= 40 for p in products):
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
        if _AS_REBATE.match(text, m.end):
            label = "rebate_portion"  # "we received $18,000 in cash as the rebate": the amount is the rebate share
        if label == "coop_accrual" and _BAR_VERB.search(text, max(0, m.start - 24), m.start) and _is_coop_bar(m.amount):
            label = None  # "since the co-op bit won't hit 10k": the threshold it falls short of, not the accrual
        labels.append(label)
        named.append(word)
    if "coop_accrual" in labels:
        # "we earned 9k co-op and 13.5k rebate": beside the co-op, "rebate" names the rebate share, not the whole
        labels = ["rebate_portion" if lab == "total_incentive" and _REBATE.fullmatch(w or "") else lab
                  for lab, w in zip(labels, named)]
    for i in range(1, len(money)):
        # "TTM is not below $25k - it's $38k": the amount "it" is restates the one just labelled
        if labels[i] is None and labels[i - 1] and _RESTATES.fullmatch(text[money[i - 1].end:money[i].start]):
            labels[i] = labels[i - 1]
    return labels


# ("won't hit 10k", "falls short of 10k": the bar it does not reach; "clears $10k" says the co-op got there)
_BAR_VERB = re.compile(r"(?:\b(?:won['’]t|will\s+not|doesn['’]t|does\s+not|didn['’]t|did\s+not|can['’]t|cannot|not|never|fails?\s+to|"
                       r"unlikely\s+to)\s+(?:\w+\s+)?(?:hit|reach|clear|cross|exceed|meet|top|pass|get\s+to|make\s+it\s+to|go\s+over)|"
                       r"\b(?:below|under|short\s+of|less\s+than))\s+(?:the\s+)?(?:\$|usd\s*)?$", re.I)


def _is_coop_bar(amount) -> bool:
    from assistant.understanding.thresholds import threshold_values

    return amount in threshold_values("coop_usage_threshold")


# "TTM is 23k — wait, I forgot the December invoices, it's 26k": a correction between them is allowed.
_RESTATES = re.compile(r"(?:\s+(?:ttm|revenue|threshold|mark|line|bar)){0,2}\s*(?:[-–—,;:.]\s*)?(?:(?:wait|actually|sorry|oops|correction|no|hmm|hold\s+on)\b[^.?!$\d]{0,70}?[,;:.\-–—]\s*)?"
                       r"(?:but\s+|actually\s+|in\s+fact\s+|so\s+)?(?:(?:it|that|this)(?:'s|’s|\s+is|\s+was|\s+came\s+to|"
                       r"\s+stands\s+at)|we(?:'re|’re|\s+are)\s+(?:at|on|sitting\s+at))\s+(?:actually\s+|exactly\s+|about\s+)?", re.I)


_REBATE = re.compile(r"\brebates?\b", re.I)
# ("$9,000 as the 60% rebate", "as our 60 per cent rebate share": its share named too)
_AS_REBATE = re.compile(r"\s*(?:(?:in\s+cash|en\s+efectivo|in\s+bar|cash)\s+)?(?:as|como|als)\s+(?:the\s+|our\s+|el\s+|der\s+|den\s+)?"
                        r"(?:\d{1,2}\s*(?:%|percent|per\s*cent)\s+)?(?:cash\s+)?rebates?\b", re.I)
# "… our TTM dropped under the bar. It's now $26,800": "it" is the figure the sentence before named
_IT_IS = re.compile(r"\b(?:it|that)(?:['’]s|\s+is|\s+was|\s+stands\s+at|\s+came\s+to)\s+(?:now\s+|currently\s+)?"
                    r"(?:(?:back\s+)?(?:up|down)\s+(?:to|at)\s+|back\s+(?:to|at)\s+)?(?:about\s+|around\s+|roughly\s+)?$", re.I)


def _named_before(text: str, lo: int) -> tuple[int, str] | None:
    """The one fact the previous sentence names, as a label (gap 0), or None."""
    ends = [e.start() for e in _HARD.finditer(text, 0, lo)]
    if not ends:
        return None
    start = max((e.end() for e in _HARD.finditer(text, 0, ends[-1])), default=0)
    found = {name: max(m.end() for m in rx.finditer(text, start, ends[-1])) for name, rx in KEYWORDS.items()
             if name != "internal_o365" and rx.search(text, start, ends[-1])}
    # ("… offboarded from the reseller incentive because our TTM dipped. It's now back at $27,400": "it" is the
    # fact named last)
    return (0, max(found, key=found.get)) if found else None
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
