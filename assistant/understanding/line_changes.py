"""How one line of the last billing changes in a follow-up: a listed amount corrected ("13,500, not 11,500"), a
part of it split out as another product ("the Azure number actually includes 30k of RIs"), its seat price changed
("a $20 per seat plan instead?")."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.inputs import _s
from assistant.understanding.slots import INCLUDES, Slots


_NOT_BEFORE = re.compile(r"(?:\bnot|\binstead\s+of|\brather\s+than|\bno\s+longer)\s+(?:\$|usd\s*)?$", re.I)


def row_corrected(message: str, amounts, parts: dict) -> tuple[str, list[Decimal]] | None:
    """The line whose listed amount the message corrects ("13,500, not 11,500"), with its amounts corrected."""
    denied = [m for m in amounts if _NOT_BEFORE.search(message, max(0, m.start - 16), m.start)]
    if len(amounts) != 2 or len(denied) != 1:
        return None
    new = next(m for m in amounts if m is not denied[0])
    for key, listed in parts.items():
        values = [Decimal(str(v)) for v in listed]
        if denied[0].amount in values:
            values[values.index(denied[0].amount)] = new.amount
            return key, values
    return None


_OF_THAT = re.compile(r"\s*(?:of|out\s+of)\s+(?:that|this|those|the|it|them)\b", re.I)
_INSTEAD = re.compile(r"\b(?:instead|rather)\b", re.I)


_SHARE_OF = re.compile(r"\b(?P<share>half|a\s+third|one\s+third|two\s+thirds|a\s+quarter|one\s+quarter|three\s+quarters|"
                       r"\d{1,2}(?:\.\d+)?\s*(?:%|percent|per\s*cent))\s+of\s+(?:that|it|this|those|them|the\s+\w+)\b", re.I)
_SHARES = {"half": Decimal("0.5"), "third": Decimal(1) / 3, "thirds": Decimal(2) / 3, "quarter": Decimal("0.25"),
           "quarters": Decimal("0.75")}


def _share(words: str) -> Decimal:
    """"half" -> 0.5, "two thirds" -> 0.667, "30%" -> 0.3."""
    number = re.match(r"\d+(?:\.\d+)?", words)
    return Decimal(number.group(0)) / 100 if number else _SHARES[words.split()[-1].lower()]


def part_split_out(message: str, slots: Slots, old: dict) -> dict | None:
    """The old lines with a part split out of the one it was in ("the Azure number actually includes 30k of RIs",
    "$10,000 of that $40,000 was actually RI consumption"), or None."""
    # "$10,000 of that $40,000": a part named right before the whole it is of
    of_that = any(_OF_THAT.match(message, m.end) for m in slots.money)
    share = _SHARE_OF.search(message) if not slots.money else None
    if not (INCLUDES.search(message) or (of_that and not _INSTEAD.search(message)) or share):
        return None
    new_keys = [k for k in dict.fromkeys(slots.products) if k not in old]
    if len(new_keys) != 1:
        return None
    values = {Decimal(str(v)): k for k, v in old.items()}
    amounts = [m.amount for m in slots.money if m.amount > 0]
    quoted = [a for a in amounts if a in values]
    parts = [a for a in amounts if a not in values]
    named = [k for k in dict.fromkeys(slots.products) if k in old]
    holder = values[quoted[0]] if len(quoted) == 1 else named[0] if len(named) == 1 else \
        next(iter(old)) if len(old) == 1 else None
    if share and holder is not None:
        # "half of that was regular Software in CSP, not Strategic": the share of the line it was part of
        parts = [(Decimal(str(old[holder])) * _share(share.group("share"))).quantize(Decimal("0.01"))]
    if len(parts) != 1 or holder is None or Decimal(str(old[holder])) <= parts[0]:
        return None
    lines = dict(old)
    lines[holder] = _s(Decimal(str(old[holder])) - parts[0])
    lines[new_keys[0]] = _s(parts[0])
    return lines


def seat_price_change(slots: Slots, amounts: list, last: dict) -> tuple[str, list] | None:
    """(line, its factors with the new price) when a follow-up gives one seat price and no seat count for the one
    line worked out from seats, or None."""
    basis = last.get("basis") or {}
    if len(amounts) != 1 or not amounts[0].per_seat or amounts[0].basis or len(basis) != 1:
        return None
    (key, factors), = basis.items()
    if not factors[2] or not set(slots.products) <= {key}:
        return None
    return key, [str(amounts[0].amount), amounts[0].per or factors[1], *factors[2:]]


def seat_price_changed(slots: Slots, last: dict) -> bool:
    return seat_price_change(slots, [m for m in slots.money if m.amount > 0], last) is not None
