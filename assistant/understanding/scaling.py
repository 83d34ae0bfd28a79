"""Billing changed by a share in a hypothetical: "if we had billed 15% more than that", "say 10% less"."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.sentences import sentence_at

_SCALED = re.compile(r"\b(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per\s*cent)\s+(?P<dir>more|less|higher|lower|extra|fewer|"
                     r"above|below|up|down)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:if|had|would|were|suppose|supposing|imagine|assuming|assume|say)\b", re.I)
_DOWN = ("less", "lower", "fewer", "below", "down")


def scale_factor(text: str) -> tuple[Decimal, str] | None:
    """(factor, words) for one hypothetical change of the billing by a share, or None."""
    found = [m for m in _SCALED.finditer(text) if _HYPOTHETICAL.search(sentence_at(text, m.start(), m.end()))]
    if len(found) != 1:
        return None
    m = found[0]
    share = Decimal(m.group("pct")) / 100
    factor = 1 - share if m.group("dir").lower() in _DOWN else 1 + share
    return (factor, m.group(0)) if factor > 0 else None


def scaled_lines(lines: dict, factor: Decimal) -> dict[str, str]:
    return {k: format((Decimal(str(v)) * factor).quantize(Decimal("0.01")).normalize(), "f") for k, v in lines.items()}
