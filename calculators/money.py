"""Money and percentage helpers: parsing user amounts, rounding to cents, formatting.

Amounts are :class:`~decimal.Decimal` throughout; rounding to cents (half up) happens
only where a figure is reported.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from calculators.errors import InvalidAmountError, InvalidInputError

CENT = Decimal("0.01")
_LIMITS_FILE = Path(__file__).with_name("limits.yaml")
_SUFFIXES = {"k": Decimal(1000), "m": Decimal(1000000)}
_AMOUNT_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)(?P<suffix>[km]?)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def limits() -> dict[str, Decimal]:
    """The assistant's input limits from ``limits.yaml`` (not program rules)."""
    raw = yaml.safe_load(_LIMITS_FILE.read_text(encoding="utf-8"))
    return {name: Decimal(str(entry["value"])) for name, entry in raw.items()}


def to_cents(amount: Decimal) -> Decimal:
    """Round to cents, half up.

    >>> to_cents(Decimal("2.345"))
    Decimal('2.35')
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_amount(value: object, field: str) -> Decimal:
    """Read a USD amount from a Decimal, int or text such as ``"50,000"``, ``"$50k"``.

    :raises InvalidAmountError: negative, not a number, or above the per-line limit.

    >>> parse_amount("$50,000", "o365")
    Decimal('50000')
    >>> parse_amount("1.5k", "d365")
    Decimal('1500.0')
    """
    if isinstance(value, bool):
        raise InvalidAmountError(field, value, "an amount in USD, not yes/no")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "").replace(" ", "")
        if text.upper().startswith("USD"):
            text = text[3:]
        text = text.lstrip("$")
        if text.startswith("-"):
            raise InvalidAmountError(field, value, "a non-negative amount in USD")
        match = _AMOUNT_RE.match(text)
        if not match:
            raise InvalidAmountError(
                field, value, "a number of US dollars such as 50000, 50,000 or $50k"
            )
        amount = Decimal(match["num"]) * _SUFFIXES.get(match["suffix"].lower(), Decimal(1))
    else:
        raise InvalidAmountError(field, value, "an amount in USD (number or text)")
    if not amount.is_finite():
        raise InvalidAmountError(field, value, "a finite amount in USD")
    if amount < 0:
        raise InvalidAmountError(field, value, "a non-negative amount in USD")
    ceiling = limits()["max_line_amount"]
    if amount > ceiling:
        raise InvalidAmountError(
            field, value, f"at most {fmt_usd(ceiling)} per line (check for a typing mistake)"
        )
    return amount


def parse_fraction(value: object, field: str) -> Decimal:
    """Read a fraction from ``"10%"``, ``"0.1"`` or a number; ``"10%"`` gives ``0.1``.

    >>> parse_fraction("10%", "growth")
    Decimal('0.1')
    >>> parse_fraction("-5%", "growth")
    Decimal('-0.05')
    """
    if isinstance(value, bool):
        raise InvalidInputError(field, value, "a percentage such as 10% or a fraction such as 0.1")
    try:
        if isinstance(value, Decimal):
            fraction = value
        elif isinstance(value, (int, float)):
            fraction = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        elif isinstance(value, str):
            text = value.strip().replace(" ", "")
            if text.endswith("%"):
                fraction = Decimal(text[:-1]) / 100
            else:
                fraction = Decimal(text)
        else:
            raise InvalidOperation
    except InvalidOperation:
        raise InvalidInputError(
            field, value, "a percentage such as 10% or a fraction such as 0.1"
        ) from None
    if not fraction.is_finite():
        raise InvalidInputError(field, value, "a finite percentage")
    return fraction


def fmt_usd(amount: Decimal | int) -> str:
    """``$50,000.00`` style, rounded to cents.

    >>> fmt_usd(Decimal("1234.5"))
    '$1,234.50'
    """
    return f"${to_cents(Decimal(amount)):,.2f}"


def fmt_pct(fraction: Decimal) -> str:
    """A fraction as a percentage without trailing zeros.

    >>> fmt_pct(Decimal("0.0125")), fmt_pct(Decimal("0.04")), fmt_pct(Decimal("0.6"))
    ('1.25%', '4%', '60%')
    """
    pct = (Decimal(fraction) * 100).normalize()
    text = f"{pct:f}"
    return f"{text}%"
