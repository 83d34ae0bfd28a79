"""Which listed period an amount belongs to ("O365: Q1 $30k, Q2 $26k"), so a follow-up can correct that one period
("Q2 was really 31k once a late invoice posted") and keep the others."""
from __future__ import annotations

import re
from decimal import Decimal

# a period named near an amount: a quarter, a half, a month, or a place in the span
_PERIOD = (r"(?:q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|month\s+\d{1,2}|"
           r"quarter\s+\d|(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half|month))")
_ORDINALS = {"first": "1", "1st": "1", "second": "2", "2nd": "2", "third": "3", "3rd": "3", "fourth": "4", "4th": "4"}
# the words between a period and its amount: "Q2 was really 31k", "for Q2: 31k"; or after it: "31k for Q2"
_BEFORE = re.compile(r"\b(?P<key>" + _PERIOD + r")\b[^\d$€£.;?!\n]{0,30}$", re.I)
_AFTER = re.compile(r"\s+(?:in|for|during|was\s+for)\s+(?:the\s+)?(?P<key>" + _PERIOD + r")\b", re.I)


def _key(words: str) -> str:
    words = re.sub(r"\s+", " ", words.lower().rstrip("."))
    first = words.split(" ")[0]
    if first in _ORDINALS:
        return words.split(" ")[1][0] + _ORDINALS[first]  # "second quarter" -> "q2"
    if words.startswith(("quarter ", "month ")):
        return words[0] + words.split(" ")[1]
    return words[:3] if words[:3] in {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} \
        else words


def period_of(text: str, start: int, end: int) -> str | None:
    """The period named right before the amount at text[start:end] ("Q2 $26k"), or right after it ("26k in Q2")."""
    before = _BEFORE.search(text, max(0, start - 40), start)
    if before:
        return _key(before.group("key"))
    after = _AFTER.match(text, end)
    return _key(after.group("key")) if after else None


def part_labels(text: str, amounts) -> tuple[str, ...] | None:
    """Each listed amount's period, when every one names its own and no two the same."""
    keys = [period_of(text, m.start, m.end) for m in amounts]
    return tuple(keys) if all(keys) and len(set(keys)) == len(keys) else None


def corrected_part(message: str, amounts, last: dict) -> tuple[str, list[Decimal]] | None:
    """(line, its listed amounts with one period's replaced) when a follow-up gives one amount for a period the last
    billing listed, or None."""
    if len(amounts) != 1:
        return None
    key = period_of(message, amounts[0].start, amounts[0].end)
    for line, labels in (last.get("part_labels") or {}).items():
        listed = (last.get("parts") or {}).get(line)
        if key and listed and key in labels:
            values = [Decimal(str(v)) for v in listed]
            values[labels.index(key)] = amounts[0].amount
            return line, values
    return None
