"""Exchange rates a partner states ("use 1 EUR = 1.08 USD"): amounts in that currency are turned into
US dollars with the partner's own rate, and the conversion is shown; without a stated rate a non-USD
amount is still asked about, never converted by a guess.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.understanding.money import Money, currency_code

_CUR = r"(?P<cur>[A-Za-z]{3}|[€£¥₹])"
_USD = r"(?:usd|us\$|\$|dollars?|us\s+dollars?)"
_RATE = r"(?P<rate>\d+(?:[.,]\d+)?)"
_STATED = [
    # "1 EUR = 1.08 USD", "1€ is $1.08", "€1 → 1.08 dollars"
    re.compile(r"\b1(?:[.,]0+)?\s*" + _CUR + r"\s*(?:=|is|equals|to|->|→|:)\s*(?:" + _USD + r"\s*)?" + _RATE + r"\s*" + _USD + r"?", re.I),
    re.compile(r"(?<!\w)" + _CUR + r"\s*1(?:[.,]0+)?\s*(?:=|is|equals|to|->|→|:)\s*(?:" + _USD + r"\s*)?" + _RATE + r"\s*" + _USD + r"?", re.I),
    # "1.27 USD per GBP", "$1.08 for each euro"
    re.compile(r"(?:\$\s*)?" + _RATE + r"\s*" + _USD + r"?\s*(?:per|/|for\s+(?:each|every|one|1|a))\s+" + r"(?P<cur>[A-Za-z]{3}\b|[€£¥₹]|euros?|pounds?)", re.I),
    # "EUR/USD 1.08", "EURUSD at 1.08"
    re.compile(r"\b(?P<cur>[A-Za-z]{3})\s*/?\s*usd\s*(?:=|at|of|is|:)?\s*" + _RATE + r"\b", re.I),
]


def stated_rates(text: str) -> tuple[dict[str, Decimal], list[tuple[int, int]]]:
    """({ISO code: US dollars per unit}, the spans that state them)."""
    rates: dict[str, Decimal] = {}
    spans: list[tuple[int, int]] = []
    for rx in _STATED:
        for m in rx.finditer(text):
            code = currency_code(m.group("cur")) or currency_code(m.group("cur").rstrip("s"))
            rate = Decimal(m.group("rate").replace(",", "."))
            if code and code != "USD" and rate > 0 and not any(s < m.end() and m.start() < e for s, e in spans):
                rates.setdefault(code, rate)
                spans.append(m.span())
    return rates, spans


def to_usd(text: str, money: list[Money]) -> list[Money]:
    """The amounts with the stated rates applied; the numbers of a rate statement itself are no amounts."""
    rates, spans = stated_rates(text)
    if not rates:
        return money
    out = []
    for m in money:
        if any(s <= m.start < e for s, e in spans):
            continue
        rate = rates.get(m.currency)
        if rate is None:
            out.append(m)
            continue
        usd = (m.amount * rate).quantize(Decimal("0.01"))
        note = f"{m.currency} {m.amount:,} × {rate} USD per {m.currency}"
        out.append(replace(m, amount=usd, currency="USD", note=f"{m.note}; {note}" if m.note else note))
    return out
