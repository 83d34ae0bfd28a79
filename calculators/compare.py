"""Compare: what changes between two payouts (product A vs B, this vs that amount, one date vs another)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculators.money import fmt_usd
from calculators.payout import Lines, PayoutResult, payout
from calculators.trace import CalcResult, Trace


@dataclass(frozen=True, kw_only=True)
class CompareResult(CalcResult):
    """Result of :func:`compare`: ``difference`` is B's incentive minus A's."""

    a: PayoutResult
    b: PayoutResult
    difference: Decimal
    cash_difference: Decimal
    #: B's co-op portion minus A's
    coop_difference: Decimal
    #: what the question compares: the ``incentive``, or its ``coop`` or ``rebate`` portion
    measure: str = "incentive"


def _label(result: PayoutResult) -> str:
    return " + ".join(f"{fmt_usd(line.amount)} of {line.product_name}" for line in result.lines)


def compare(a: Lines, b: Lines, as_of: date | None = None, as_of_b: date | None = None,
            measure: str = "incentive") -> CompareResult:
    """Incentive of lines `a` and of lines `b`, and the difference (b − a); with ``measure="coop"`` (or
    ``"rebate"``) the difference of that portion of the split is reported as well.

    >>> r = compare({"d365": 30000}, {"azure_ri": 30000}, date(2022, 1, 1))
    >>> r.a.total, r.b.total, r.difference
    (Decimal('1800.00'), Decimal('3000.00'), Decimal('1200.00'))
    >>> compare({"o365": 120000}, {"d365": 120000}, date(2022, 1, 1), measure="coop").coop_difference
    Decimal('960.00')
    """
    as_of = as_of or date.today()
    first, second = payout(a, as_of), payout(b, as_of_b or as_of)
    trace = Trace(as_of)
    trace.absorb(first)
    trace.absorb(second)
    diff = second.total - first.total
    cash = second.cash_payout - first.cash_payout
    trace.step(f"A: {_label(first)} earns {fmt_usd(first.total)}")
    trace.step(f"B: {_label(second)} earns {fmt_usd(second.total)}")
    trace.step(f"Difference B − A = {fmt_usd(second.total)} − {fmt_usd(first.total)} = {fmt_usd(diff)}")
    rates = tuple(dict.fromkeys(l.rate_param for l in [*first.lines, *second.lines]))
    trace.figure(f"incentive on {_label(first)}", first.total, "USD", fmt_usd(first.total), rates)
    trace.figure(f"incentive on {_label(second)}", second.total, "USD", fmt_usd(second.total), rates)
    coop_diff = second.coop - first.coop
    if measure in ("coop", "rebate"):
        # one portion of the split asked for ("how much more co-op", "the 60% rebate part specifically")
        word, share = ("co-op", "coop_share") if measure == "coop" else ("rebate", "rebate_share")
        part_a, part_b = getattr(first, measure), getattr(second, measure)
        split = (share,)
        trace.step(f"{word.capitalize()} B − A = {fmt_usd(part_b)} − {fmt_usd(part_a)} = {fmt_usd(part_b - part_a)}")
        trace.figure(f"{word} on {_label(first)}", part_a, "USD", fmt_usd(part_a), rates + split)
        trace.figure(f"{word} on {_label(second)}", part_b, "USD", fmt_usd(part_b), rates + split)
        trace.figure(f"extra {word}" if part_b >= part_a else f"{word} lost", abs(part_b - part_a), "USD",
                     f"{fmt_usd(part_b)} − {fmt_usd(part_a)}", rates + split)
    name = "extra incentive" if diff >= 0 else "incentive lost"
    trace.figure(name, abs(diff), "USD", f"{fmt_usd(second.total)} − {fmt_usd(first.total)}", rates)
    return CompareResult(a=first, b=second, difference=diff, cash_difference=cash, coop_difference=coop_diff,
                         measure=measure, **trace.common("compare", as_of))
