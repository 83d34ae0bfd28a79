"""Indirect reseller incentive for billed revenue by product line.

Each line earns its product's rate in force on the as-of date; the total splits into a
rebate and a co-op portion; the co-op portion is usable for approved activities when it
reaches the co-op usage threshold in force, and is otherwise paid out with the rebate.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculators.coop import split_incentive
from calculators.errors import InvalidInputError, MissingInputError
from calculators.money import fmt_pct, fmt_usd, parse_amount, to_cents
from calculators.products import products, resolve_product
from calculators.trace import CalcResult, Trace

Lines = Mapping[str, Decimal | str | int] | Iterable[tuple[str, Decimal | str | int]]


@dataclass(frozen=True)
class PayoutLine:
    """One product line of a payout."""

    #: product key, e.g. ``o365``
    product: str
    #: display name, e.g. ``Office 365``
    product_name: str
    #: billed revenue (or consumption, for Azure RIs) in USD
    amount: Decimal
    #: incentive rate as a fraction
    rate: Decimal
    #: amount × rate, rounded to cents
    incentive: Decimal
    #: parameter holding the rate
    rate_param: str


@dataclass(frozen=True, kw_only=True)
class PayoutResult(CalcResult):
    """Result of :func:`payout`."""

    lines: list[PayoutLine]
    #: sum of the line incentives
    total: Decimal
    #: portion paid directly as a rebate (total − co-op)
    rebate: Decimal
    #: portion accruing as co-op
    coop: Decimal
    #: co-op usage threshold in force
    coop_threshold: Decimal
    #: True when the co-op portion reaches the threshold (exactly at it counts)
    coop_usable: bool
    #: ``usable`` (for approved activities in the next usage period) or ``paid_out``
    coop_outcome: str
    #: what the partner receives as money now: the rebate, plus the co-op when paid out
    cash_payout: Decimal


def normalise_lines(lines: Lines) -> list[tuple[str, Decimal]]:
    """Resolve product names and parse amounts; keeps the order given.

    :raises MissingInputError: no lines.
    :raises UnknownProductError: a product the catalogue does not know.
    :raises InvalidAmountError: a negative, non-numeric or implausibly large amount.
    """
    if isinstance(lines, Mapping):
        items = list(lines.items())
    elif isinstance(lines, (str, bytes)) or lines is None:
        raise InvalidInputError("lines", lines, "a mapping or list of (product, amount) pairs")
    else:
        items = list(lines)
    if not items:
        raise MissingInputError("lines", "give at least one product line, e.g. o365=50000")
    result = []
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2):
            raise InvalidInputError("lines", item, "(product, amount) pairs")
        product_text, amount = item
        key = resolve_product(product_text)
        result.append((key, parse_amount(amount, key)))
    return result


def payout(lines: Lines, as_of: date | None = None) -> PayoutResult:
    """Incentive per line, total, rebate/co-op split and co-op outcome.

    Args:
        lines: billed revenue per product, as ``{"o365": 50000}`` or ``[("o365", "50,000")]``;
            products may be keys, names or synonyms; the same product may repeat in a list.
        as_of: date whose rules apply; ``None`` means today, i.e. the latest known rules.

    >>> r = payout({"o365": 50000, "d365": 20000}, date(2022, 1, 15))
    >>> r.total, r.rebate, r.coop, r.coop_usable
    (Decimal('3200.00'), Decimal('1920.00'), Decimal('1280.00'), False)

    :raises CalculatorError: bad lines (see :func:`normalise_lines`) or a date before the rules.
    """
    as_of = as_of or date.today()
    trace = Trace(as_of)
    catalogue = products()
    parsed = normalise_lines(lines)
    result_lines: list[PayoutLine] = []
    for key, amount in parsed:
        product = catalogue[key]
        rate = trace.param(product.rate_param)
        incentive = to_cents(amount * rate.value)
        result_lines.append(PayoutLine(key, product.name, amount, rate.value, incentive, rate.name))
        trace.step(
            f"{product.name} billed {fmt_usd(amount)} × {fmt_pct(rate.value)} = {fmt_usd(incentive)}"
            f" (rate in force from {rate.effective_from.isoformat()}"
            f"{', ' + rate.fiscal_year + ' guide' if rate.fiscal_year else ''})"
        )
        trace.figure(
            f"{product.name} incentive", incentive, "USD",
            f"{fmt_usd(amount)} × {fmt_pct(rate.value)}", (rate.name,),
        )
    total = sum((line.incentive for line in result_lines), Decimal("0.00"))
    formula = " + ".join(f"{fmt_usd(l.amount)} × {fmt_pct(l.rate)}" for l in result_lines)
    rate_names = tuple(dict.fromkeys(l.rate_param for l in result_lines))
    if len(result_lines) > 1:
        trace.step(f"Total incentive = {' + '.join(fmt_usd(l.incentive) for l in result_lines)} = {fmt_usd(total)}")
    trace.figure("total incentive", total, "USD", formula, rate_names)
    split = split_incentive(total, trace)
    return PayoutResult(
        lines=result_lines,
        total=total,
        rebate=split.rebate,
        coop=split.coop,
        coop_threshold=split.threshold,
        coop_usable=split.usable,
        coop_outcome=split.outcome,
        cash_payout=split.cash,
        **trace.common("payout", as_of),
    )
