"""Two seat counts for one per-seat price ("how much more at 140 seats compared to 100?", "torn between 200
and 260 licences"), or two spans for one monthly price ("a 6-month and a 9-month commitment"): the one compared
against, and the one compared."""
from __future__ import annotations

import re

from assistant.understanding.operations import _BASE

_BARE_COUNT = re.compile(r"\b(?:rather\s+than|instead\s+of|compared\s+(?:to|with)|vs\.?|versus|than|not)\s+(?P<n>\d{1,5})\b(?![\d,.]|\s*(?:k\b|%|\$|usd|months?|mo\b|years?))"
                         # "torn between 200 and 260 licences", "tussen 200 en 260 licenties": the first of two counts
                         r"|\b(?:between|tussen|entre|zwischen|tra|fra)\s+(?P<n2>\d{1,5})\s+(?:and|or|en|of|y|o|e|ou|et|und|oder)\s+(?=\d)"
                         # "200 vs 250 seats", "200 or 250 users": the first count goes without its noun
                         r"|(?<![\w$.,])(?P<n3>\d{1,5})\s+(?:vs\.?|versus|or|to)\s+(?=\d{1,5}\s+(?:[\w-]+\s+)?(?:seats?|users?|licen[cs]es?))", re.I)


def two_seat_counts(text: str, amounts) -> tuple[int, int] | None:
    """(compared against, compared) seat counts for one per-seat price, or None."""
    from assistant.understanding.rates import _SEAT_COUNT

    if not (amounts[0].basis and amounts[0].basis[2]):
        return None
    counts = [(m.start("n"), int(m.group("n").replace(",", ""))) for m in _SEAT_COUNT.finditer(text) if m.group("n")[:1].isdigit()]
    # "150 seats rather than 100": the count compared against may go without its noun
    counts += [(m.start(g), int(m.group(g))) for m in _BARE_COUNT.finditer(text)
               for g in ("n", "n2", "n3") if m.group(g)] if counts else []
    counts = sorted(dict((v, at) for at, v in sorted(counts, reverse=True)).items(), key=lambda vc: vc[1])
    if len(counts) != 2:
        return None
    (first, _), (second, at) = counts
    # "at 140 seats compared to 100 seats": the count after "compared to" is the one compared against
    return (second, first) if _BASE.search(text[max(0, at - 20):at]) else (first, second)


# "between a 6-month and a 9-month commitment", "6 or 9 months", "12 months vs 18 months"
_TWO_SPANS = re.compile(r"\b(?P<a>\d{1,2})(?:[\s-]*(?:months?|mos?)\b)?[^.?!\d$]{0,30}?\b(?:and|or|vs\.?|versus|to|compared\s+(?:to|with)|"
                        r"instead\s+of|rather\s+than)\s+(?:an?\s+)?(?P<b>\d{1,2})[\s-]*(?:months?|mos?)\b", re.I)


def two_spans(text: str, amounts) -> tuple[int, int] | None:
    """(compared against, compared) spans in months for one amount stated per month, or None."""
    if len(amounts) != 1 or amounts[0].per != "month" and not (amounts[0].basis and amounts[0].basis[1] == "month"):
        return None
    m = _TWO_SPANS.search(text)
    if not m or m.group("a") == m.group("b"):
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    # "a 12 month term instead of 6 months": the span after "instead of" is the one compared against
    return (b, a) if _BASE.search(text, m.end("a"), m.start("b")) else (a, b)
