"""Runs of amounts that share one label: "TTM by quarter: 6k, 7k, 5.5k, 6.5k", "Revenue over the last
12 months:\nJul 1,900; Aug …". A heading labels the run; the run's amounts make one figure (a sum
when they are the listed periods of one span, else the latest).
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.money import PERIOD_MONTHS, Money
from assistant.understanding.rates import earning_period_months
from assistant.understanding.slots.dates import MONTHS

_ENGLISH_ABBR = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

# what joins a period's name to its amount: "Q3: 31k", "Q3 came in at 31k", "Q4 was about 44.5k"
# ("Q3 came to 25,500 USD and Q4 to 29,500 USD")
_LINK = r"(?:was|were|is|:|\||-|–|=|~|at|of|hit|reached|totall?ed|came\s+in\s+at|landed\s+at|(?:came|amounted|ran)\s+to|to|about|around|" \
        r"roughly|approx\.?)"
# ... or a row dated by its month's last day ("01/31  11,000.00", "2024-02-29 | 9,850")
# (months as partners writing in Spanish, Portuguese, French, German, Italian or Dutch name them, where the
# English abbreviations do not already begin them)
_FOREIGN_MONTHS = "|".join(sorted({m for m in MONTHS if not re.fullmatch(r"[a-z]+", m) or m[:3] not in _ENGLISH_ABBR},
                                  key=len, reverse=True))
_PERIOD_NAME = r"(?:(?:(?:" + _FOREIGN_MONTHS + r")\b|(?:q[1-4]|h[12]|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)(?:\s*'?(?:19|20)?\d\d)?" \
               r"|\d{1,2}/\d{1,2}(?:/(?:19|20)?\d\d)?|(?:19|20)\d\d-\d\d(?:-\d\d)?" \
               r"|(?:earning\s+)?period\s+(?:[A-D1-4]|one|two)\b)" \
               r"(?:\s*\([^()\n\d]{2,20}\))?" \
               r"(?:\s+(?:quarter|qtr|half|month|period|semester|billing|invoic\w+)s?)?"  # ("Q2 (Apr-Jun) 35k": the months a quarter spans, glossed; "Oct-Dec quarter $31k")
_PERIOD_WORD = _PERIOD_NAME + r"\s*(?:" + _LINK + r"\s*){0,3}"
# A label naming the period an amount covers ("Q2 35k", "Feb 9.8k", "H1: 20k", "month 3 - 4k", "Q3 came in at 31k").
# ("first quarter $20k, second quarter $35k": a period named by its place in the span)
PERIOD_LABEL = re.compile(r"(?:\b" + _PERIOD_NAME + r"|\bmonth\s+\d{1,2}|\bquarter\s+\d|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+"
                          r"(?:quarter|half|month)s?)\s*(?:" + _LINK + r"\s*){0,3}\$?$", re.I)
RUN_GAP = re.compile(r"(?:\s*(?:,|;|/)\s*(?:(?:and|e|y|et|und|en|ed)\s+)?|\s+(?:and|e|y|et|und|en|ed)\s+|[ \t]*\n[ \t]*(?:[-*•][ \t]*)?)(?:" + _PERIOD_WORD + r")?|\s+" + _PERIOD_WORD
                     + r"|[ \t]*\n[ \t]*(?:[-*•][ \t]*)?" + _PERIOD_WORD, re.I)
_SPAN_MONTHS = {"q": 3, "h": 6}
_LISTED = re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|twelve)\s+(?:quarters|months|halves|periods)\b", re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "twelve": 12}


_HEADING = re.compile(r"(?P<head>[^.;!?\n:]{3,80}):[ \t]*\n?[ \t]*(?:[-*•][ \t]*)?(?:" + _PERIOD_WORD + r")?$", re.I)


def heading_label(text: str, first: Money, mentions) -> str | None:
    """The label of a heading that introduces a list ("Revenue over the last 12 months:\nJul 1,900; Aug ...");
    a heading that names a product introduces that product's billing instead."""
    from .labels import KEYWORDS

    head = _HEADING.search(text, 0, first.start)
    if not head or any(head.start() <= p.start < first.start for p in mentions):
        return None
    found = {name for name, rx in KEYWORDS.items() if name != "internal_o365" and rx.search(head.group("head"))}
    return found.pop() if len(found) == 1 else None


def one_figure(text: str, label: str, amounts: list[Money]):
    """One value for a fact stated by several amounts: a sum when they are the listed periods of
    one span ("last four quarters: 7k, 6k, 6.3k, 6k"), else the latest ("was 22k, now 27k")."""
    if label != "ttm_revenue":
        months = named_months(text, amounts)
        if label == "coop_accrual" and months > earning_period_months():
            # "co-op accruals: H1 $6k, H2 $5.5k": each earning period's co-op meets the threshold on its own
            return amounts[-1].amount
        # "Q1 incentive $7.8k and Q2 incentive $9.45k": the periods' figures add up
        return sum((m.amount for m in amounts), Decimal(0)) if months else amounts[0].amount
    if len(amounts) == 1:
        per = PERIOD_MONTHS.get(amounts[0].per or "")
        # "$2,000 a month over the last 12 months": twelve months of it
        return amounts[0].amount * (12 // per) if per and 12 % per == 0 else amounts[0].amount
    listed = _LISTED.search(text)
    n = listed and (int(listed.group("n")) if listed.group("n").isdigit() else _COUNTS[listed.group("n").lower()])
    each = _EACH_SPAN.search(text)
    # "last 12 months by quarter: 6k, 7k, 5.5k, 6.5k": four quarters make the twelve months
    spans = each and len(amounts) * PERIOD_MONTHS[_SPAN_UNIT[(each.group("unit") or each.group("unit2")).lower()[:3]]] == 12
    if n == len(amounts) or spans or named_months(text, amounts) == 12:
        return sum((m.amount for m in amounts), Decimal(0))
    return amounts[-1].amount


_EACH_SPAN = re.compile(r"\b(?:by|per|each|every|a)\s+(?P<unit>quarter|month|half)\b|\b(?P<unit2>quarterly|monthly)\b", re.I)
_SPAN_UNIT = {"qua": "quarter", "mon": "month", "hal": "half"}


_NAMED_PERIOD = re.compile(r"\b(?P<name>(?P<span>q|h)(?P<n>[1-4])|(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\.?"
                           r"(?:\s+(?:incentives?|co-?op|rebates?|payouts?|earnings|revenue|billing|accruals?))?"
                           r"\s*(?:" + _LINK + r"\s*){0,3}\$?$", re.I)


def named_months(text: str, amounts: list[Money]) -> int:
    """The months covered when each amount follows its own period name, the names distinct ("Q1 7k ... Q4 6k",
    "Q1 incentive $7.8k and Q2 incentive $9.45k"); 0 when they do not."""
    names, months = set(), 0
    for m in amounts:
        named = _NAMED_PERIOD.search(text, max(0, m.start - 40), m.start)
        if len(amounts) < 2 or not named or named.group("name").lower() in names:
            return 0
        names.add(named.group("name").lower())
        months += _SPAN_MONTHS[named.group("span").lower()] if named.group("span") else 1
    return months
