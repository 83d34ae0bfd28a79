"""The period a question asks about, when the message gives billing for several: "Last period we billed
$80k … This period O365 is at $92.5k - what will this period's incentive be?" is about this period's."""
from __future__ import annotations

import re

from assistant.understanding.money import Money

_REL = re.compile(r"\b(?P<rel>last|previous|prior|past|this|current|next|coming|upcoming)\s+(?:earning\s+)?"
                  r"(?:period|half|quarter|semester|six\s+months|h[12]|q[1-4])\b", re.I)
_CLASS = {"last": "earlier", "previous": "earlier", "prior": "earlier", "past": "earlier", "this": "current",
          "current": "current", "next": "coming", "coming": "coming", "upcoming": "coming"}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


def asked_period_region(text: str, money: list[Money]) -> list[tuple[int, int]] | None:
    """The spans of the sentences about the one period the question asks for, when two or more periods
    carry amounts of their own; None when the message is about one period (or asks about several)."""
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    asking = [s for s in sentences if "?" in text[s[0]:s[1]]] or sentences[-1:]
    if not asking:
        return None
    asked = {_CLASS[m.group("rel").lower()] for m in _REL.finditer(text, *asking[-1])}
    if len(asked) != 1:
        return None
    by_class: dict[str, list[tuple[int, int]]] = {}
    for lo, hi in sentences:
        named = {_CLASS[m.group("rel").lower()] for m in _REL.finditer(text, lo, hi)}
        if len(named) == 1 and any(lo <= m.start < hi for m in money):
            by_class.setdefault(named.pop(), []).append((lo, hi))
    (wanted,) = asked
    if len(by_class) < 2 or wanted not in by_class:
        return None
    return by_class[wanted]
