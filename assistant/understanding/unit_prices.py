"""Prices stated for one of several things ("9 clients paying $1,150 each per month", "$800 per tenant"):
the count of those things, which the price multiplies like a seat price."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.money import Money
from assistant.understanding.numbers import NUMBER_WORDS, words_value

_UNITS = "|".join(re.escape(w) for w in sorted([*LEXICON["per_unit"], *LEXICON["per_seat"]], key=len, reverse=True))
_COUNT = re.compile(r"(?<![\w$.,])(?P<n>\d[\d,]*|" + NUMBER_WORDS + r")\s+(?:[A-Za-z][\w-]*\s+){0,3}?(?P<unit>" + _UNITS + r")\b", re.I)
_SENTENCE_END = re.compile(r"[.!?;\n]")


def names_unit(m: Money) -> bool:
    """The price names what it is for ("$800 per client"), so a missing count must be asked."""
    return bool(re.search(r"\b(?:" + _UNITS + r")\b", m.text, re.I))


def find_units(text: str, m: Money) -> tuple[int, str] | None:
    """The count the price of one multiplies: the nearest "N <things>" before it in its sentence, else after it."""
    lo = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start)), default=0)
    stop = _SENTENCE_END.search(text, m.end)
    hi = stop.start() if stop else len(text)
    best = None
    for c in _COUNT.finditer(text, lo, hi):
        if m.start <= c.start() < m.end:
            continue
        raw = c.group("n")
        n = int(raw.replace(",", "")) if raw[0].isdigit() else words_value(raw)
        if not n or n != int(n):
            continue
        distance = m.start - c.end() if c.end() <= m.start else 10_000 + c.start() - m.end
        if best is None or distance < best[0]:
            best = (distance, int(n), c.group("unit"))
    return (best[1], best[2]) if best else None


_TIMES = re.compile(r"(?<![\w$.,])(?P<n>\d[\d,]*|" + NUMBER_WORDS + r")\s+(?:[A-Za-z][\w-]*\s+){0,3}?(?P<unit>" + _UNITS
                    + r")\s*(?:x|×|\*|times)\s*(?:\$|usd\s*)?$", re.I)


# "each of our 9 clients pays $1,150 a month": the price each one pays, set before it
_EACH_OF_UNITS = re.compile(r"\beach\s+of\s+(?:our|the|those|these|its|their)?\s*(?P<n>\d[\d,]*|" + NUMBER_WORDS + r")\s+(?:[\w-]+\s+){0,2}?(?:"
                            + _UNITS + r")\b[^.!?;\n$\d]{0,40}$", re.I)


def times_units(text: str, m: Money) -> bool:
    """"9 customers x $1,150/month", "each of our 9 clients pays $1,150": a count of things times the price of one."""
    return bool(_TIMES.search(text, max(0, m.start - 80), m.start) or _EACH_OF_UNITS.search(text, max(0, m.start - 90), m.start))


_SEAT_WORDS = "|".join(re.escape(w) for w in sorted(LEXICON["per_seat"], key=len, reverse=True))
_HOLDERS = re.compile(r"(?<![\w$.,])(?P<n>\d[\d,]*|" + NUMBER_WORDS + r")\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(
    re.escape(w) for w in sorted(LEXICON["per_unit"], key=len, reverse=True)) + r")\s*,?\s*(?:each|every\s+one|all)\s+"
    r"(?:on|with|having|has|using|of|at|running)\s+(?P<seats>\d[\d,]*|" + NUMBER_WORDS + r")\s+(?:[\w-]+\s+){0,3}?(?:" + _SEAT_WORDS + r")\b", re.I)


def seat_holders(text: str, seats: int) -> int | None:
    """"8 customers, each on 25 seats": how many hold that seat count each, or None."""
    for m in _HOLDERS.finditer(text):
        raw, held = m.group("n"), m.group("seats")
        n = int(raw.replace(",", "")) if raw[0].isdigit() else words_value(raw)
        each = int(held.replace(",", "")) if held[0].isdigit() else words_value(held)
        if n and each == seats:
            return int(n)
    return None
