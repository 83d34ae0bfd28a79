"""A metamorphic variant, and the ways partners write one amount."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Variant:
    id: str
    message: str
    #: "figure" (a total incentive), "difference" (between two payouts), "needed" (billing for a goal)
    #: or "eligible" (a verdict; None when none should be given)
    kind: str
    expected: float | bool | None
    base: str


def _words(n: Decimal) -> str | None:
    table = {1000: "one thousand", 2000: "two thousand", 5000: "five thousand", 10000: "ten thousand",
             20000: "twenty thousand", 25000: "twenty-five thousand", 50000: "fifty thousand",
             100000: "a hundred thousand", 250000: "a quarter million", 500000: "half a million",
             1000000: "one million", 22500: "twenty-two and a half thousand", 1500000: "one and a half million"}
    return table.get(int(n)) if n == int(n) else None


def money_forms(amount: Decimal) -> list[str]:
    """The same amount written the ways partners write it."""
    a = Decimal(amount)
    whole = a == int(a)
    forms = [f"${a:,.0f}" if whole else f"${a:,.2f}", f"{a:,.2f} USD", f"USD {a:,.0f}" if whole else f"USD {a:,.2f}"]
    if whole:
        forms += [f"{a:,.0f} USD".replace(",", " "), f"{a:,.0f} dollars", f"{a:,.2f} USD".replace(",", "X").replace(".", ",").replace("X", ".")]
        if a % 1000 == 0:
            k = format((a / 1000).normalize(), "f")
            forms += [f"{k}k", f"${k}K", f"{k} grand", f"{k}K USD", f"{k}k bucks"]
        if a % 100000 == 0:
            forms.append(format((a / 1000000).normalize(), "f") + "m")
        if _words(a):
            forms.append(_words(a) + " dollars")
    return forms
