"""Amounts restated before they are paired: a correction replaces the amount it corrects ("54k… sorry, I meant
45k"), a net or exact figure settles a rough one, and a monthly line beside a half-year total is made one
earning period."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.understanding.money import Money
from assistant.understanding.rates import PER_MONTHS, earning_period_months
from assistant.understanding.sentences import sentence_start

_CORRECTION = re.compile(r"\b(?:actually|make\s+(?:that|it)|i\s+meant|sorry|correction|no\s+wait|wait\W+no|rather|i\s+mean|"
                         r"wait|corrected|correcting|scratch\s+that|strike\s+that|hang\s+on|hold\s+on|my\s+bad|oops|typo|"
                         r"(?:had|got|mixed)\s+(?:the\s+\w+\s+|them\s+|it\s+)?(?:swapped|mixed\s+up|the\s+wrong\s+way\s+round))\b",
                         re.I)
# Within a correction, the figure called the actual one settles it: "25k — wait, no, 25k is the upfront
# payment; actual RI consumption was 19,400".
_SETTLED = re.compile(r"\b(?:actual|actually|real|really|in\s+fact|true|net)\b", re.I)


# "sorry, correction, I was looking at the wrong tab, it's 57k": the amount the correction settles on
_RESTATED_AS = re.compile(r"\b(?:it'?s|it\s+(?:is|was)|that'?s|should\s+(?:be|have\s+been)|(?:the\s+)?(?:right|correct|real|actual)\s+"
                          r"(?:figure|number|amount)\s+(?:is|was)|make\s+(?:that|it))\s*(?:\$|usd\s*)?$", re.I)
_ROUGH = re.compile(r"\b(?:roughly|about|around|approx\w*|circa|ca\.|maybe|something\s+like|ballpark)\s+(?:\$|usd\s*)?$", re.I)
_EXACT = re.compile(r"\b(?:exactly|precisely|to\s+be\s+exact|checked|exact\s+(?:figure|number|amount))\b", re.I)
_NET = re.compile(r"\bnet\s+(?:of\s+\w+\s+)?(?:billed|billing|revenue|amount|total|figure|sales)?\s*(?:is|was|=|:|of|came\s+to|comes\s+to)?\s*"
                  r"(?:\$|usd\s*)?$", re.I)
_OF_PRODUCT = re.compile(r"\s*(?:of|in|on|de|em|von)\s+(?!(?:it|that|this|those|these)\b)\w", re.I)
_DENIED_AMOUNT = re.compile(r"(?:\bnot|\binstead\s+of|\brather\s+than)\s+(?:\$|usd\s*)?$", re.I)


def corrected(text: str, money: list[Money], names: list[tuple[int, int]] = ()) -> list[Money]:
    """"$32,000... actually make that $23,000": the correction replaces the amount it corrects."""
    out: list[Money] = []
    correcting = False
    replaced: list[Money] = []
    last_end = 0  # where the last amount read ends (a correction is moved to where the amount it corrects stood)
    for i, m in enumerate(money):
        gap = text[last_end:m.start] if out else ""
        last_end = max(last_end, m.end)
        if replaced and m.amount in {r.amount for r in replaced} and (
                _DENIED_AMOUNT.search(text, max(0, m.start - 14), m.start) or not _OF_PRODUCT.match(text, m.end)
                and not any(m.start - 25 <= e and a <= m.end + 25 for a, e in names)):
            # "sorry, I meant 45k not 54k", "it was 83k, the 38k was last year's number": the corrected amount,
            # quoted again, is not a figure of its own
            continue
        if out and _NET.search(text, max(0, m.start - 40), m.start):
            # "60k … before a 15k credit note got applied, so net billed is 45k": the net figure settles the sentence
            lo = sentence_start(text, m.start)
            out = [o for o in out if o.start < lo] + [m]
            continue
        if out and _CORRECTION.search(gap) and (len(gap) < 60 or (len(gap) < 300 and (
                _CORRECTION.search(gap[-45:]) or _RESTATED_AS.search(text, max(0, m.start - 40), m.start)))):
            # "... 54k ... what's the incentive? Sorry, I meant 45k": the cue right before the new amount; the one it
            # corrects is the last read, or the one it denies by name ("O365 60k, RIs 8k. Sorry, 50k not 60k")
            nxt = money[i + 1] if i + 1 < len(money) else None
            denied = next((j for j, o in enumerate(out) if nxt is not None and o.amount == nxt.amount), None) \
                if nxt is not None and nxt.start - m.end <= 16 and _DENIED_AMOUNT.search(text, max(0, nxt.start - 14), nxt.start) \
                else None
            at = len(out) - 1 if denied is None else denied
            if denied is None and _in_aside(text, out[at]) and not _names_own(text, m, names):
                # "$1.05M (including the renewal, 140k of that). Actually scratch that, … $980k": the figure, not the aside
                at = next((j for j in range(at, -1, -1) if not _in_aside(text, out[j])), at)
            replaced.append(out[at])
            out[at], correcting = _in_place_of(text, m, out[at], names), True
        elif out and correcting and _SETTLED.search(gap) and len(gap) < 120 and not re.search(r"[.?!]\s", gap):
            out[-1] = m
        elif out and _ROUGH.search(text, max(0, out[-1].start - 25), out[-1].start) and _EXACT.search(gap) and len(gap) < 80:
            out[-1] = m  # "roughly 73k... checked, it's exactly $73,210": the exact figure replaces the rough one
        else:
            out.append(m)
            correcting = False
    return out


def _sentence_span(text: str, m: Money) -> tuple[int, int]:
    """Where the sentence holding an amount begins and ends."""
    stop = re.search(r"[.!?\n]", text[m.end:])
    return sentence_start(text, m.start), m.end + stop.start() if stop else len(text)


def _names_own(text: str, m: Money, names) -> bool:
    """The sentence of a correcting amount names a product of its own ("Sorry, RIs were 12k")."""
    lo, hi = _sentence_span(text, m)
    return any(lo <= a < hi for a, _ in names)


def _in_aside(text: str, m: Money) -> bool:
    """The amount stands inside brackets: an aside to the figure before it."""
    opened = text.rfind("(", 0, m.start)
    return opened != -1 and text.rfind(")", opened, m.start) == -1 and text.find(")", m.end) != -1


_OWN_LABEL = re.compile(r"\b(?:ttm|trailing[\w\s-]{0,20}revenue|revenue|co-?op(?:\s+accrual)?|accrual|incentive|rebate|payout)\b"
                        r"[^.?!$\d,;]{0,20}$", re.I)


def _in_place_of(text: str, new: Money, old: Money, names: list[tuple[int, int]]) -> Money:
    """"60k of Azure … what's the incentive? Sorry, it was 66k": a correction whose sentence names no product
    stands where the corrected amount stood, so it pairs with that amount's product and labels."""
    if _OWN_LABEL.search(text, max(0, new.start - 30), new.start):
        return new  # "… a $4,000 invoice was missing, so TTM is actually $27,000": the new amount says what it is
    lo, hi = _sentence_span(text, new)
    if lo <= old.start:
        # the same sentence: "TTM is $23k - wait, … it's $27.4k" stands where $23k stood unless it names its own
        if any(old.end <= a < hi for a, _ in names):
            return new
        return replace(new, start=old.start, end=old.end)
    if any(lo <= a < hi for a, _ in names):
        return new
    return replace(new, start=old.start, end=old.end)


def mixed_periods(lines: dict, words: dict, pers: list) -> tuple[dict, list]:
    """"O365 is $9,200 every month, D365 the half-year total: 38k": the monthly line is made one earning period,
    so the period stated for some lines is not applied to the others."""
    stated = {k for k, ms in words.items() if k in lines and all(m.per for m in ms)}
    plain = {k for k, ms in words.items() if k in lines and not any(m.per for m in ms)}
    if not (stated and plain) or len(set(pers)) != 1 or pers[0] not in PER_MONTHS:
        return lines, pers
    factor = Decimal(earning_period_months()) / PER_MONTHS[pers[0]]
    return {k: v * factor if k in stated else v for k, v in lines.items()}, []

