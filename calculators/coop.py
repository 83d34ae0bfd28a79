"""Rebate/co-op split and the co-op usage threshold.

The total incentive splits into a rebate (paid directly) and a co-op portion. At the end
of an earning period the co-op portion is compared with the usage threshold in force:
reaching it (exactly at it counts) makes the funds usable for approved activities in the
next usage period; otherwise the co-op portion is paid out directly with the rebate.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculators.errors import CalculatorError, InvalidInputError, MissingInputError
from calculators.money import fmt_pct, fmt_usd, parse_amount, to_cents
from calculators.periods import period_after
from calculators.trace import CalcResult, Trace


@dataclass(frozen=True)
class Split:
    """Rebate and co-op portions of a total, and what happens to the co-op."""

    rebate: Decimal | None
    coop: Decimal
    threshold: Decimal
    usable: bool
    #: ``usable`` or ``paid_out``
    outcome: str
    #: money paid now: the rebate, plus the co-op when it is paid out (None if rebate unknown)
    cash: Decimal | None


@dataclass(frozen=True, kw_only=True)
class CoopResult(CalcResult):
    """Result of :func:`coop`."""

    #: total incentive given (None when only the co-op accrual was given)
    total_incentive: Decimal | None
    #: rebate portion (None when only the co-op accrual was given)
    rebate: Decimal | None
    #: co-op accrual of the earning period
    coop: Decimal
    #: co-op usage threshold in force
    threshold: Decimal
    #: True when the accrual reaches the threshold (exactly at it counts)
    usable: bool
    #: ``usable`` or ``paid_out``
    outcome: str
    #: threshold − accrual when below it, else 0
    shortfall: Decimal
    #: first and last day of the usage period, when the earning period's end was given
    usage_start: date | None = None
    usage_end: date | None = None
    #: when and how the money can be used, in words
    when: str = ""
    #: the threshold in force today, when the rules of ``as_of`` set another one
    threshold_today: Decimal | None = None


def _shares(trace: Trace) -> tuple:
    rebate_share, coop_share = trace.param("rebate_share"), trace.param("coop_share")
    if rebate_share.value + coop_share.value != 1:
        raise CalculatorError(
            f"rebate_share ({rebate_share.value}) and coop_share ({coop_share.value}) must add up to 1; "
            "fix the parameter files"
        )
    return rebate_share, coop_share


def _threshold_check(coop_amount: Decimal, trace: Trace) -> tuple[Decimal, bool]:
    threshold = trace.param("coop_usage_threshold")
    usable = threshold.satisfied_by(coop_amount)
    since = f"in force from {threshold.effective_from.isoformat()}"
    if usable:
        trace.step(
            f"Co-op {fmt_usd(coop_amount)} {threshold.symbol_for(True)} {fmt_usd(threshold.value)} usage threshold ({since})"
            " → usable for approved activities in the next usage period"
        )
    else:
        trace.step(
            f"Co-op {fmt_usd(coop_amount)} {threshold.symbol_for(False)} {fmt_usd(threshold.value)} usage threshold ({since})"
            " → paid out directly with the incentive payout"
        )
    trace.figure("co-op usage threshold", threshold.value, "USD", fmt_usd(threshold.value), (threshold.name,))
    return threshold.value, usable


def incentive_from_rebate(rebate: Decimal, trace: Trace) -> Decimal:
    """The total incentive whose rebate share is `rebate` ("our rebate, the 60% part, was $9,000")."""
    rebate_share, _ = _shares(trace)
    total = to_cents(rebate / rebate_share.value)
    trace.step(f"Total incentive = rebate {fmt_usd(rebate)} ÷ {fmt_pct(rebate_share.value)} = {fmt_usd(total)}")
    return total


def incentive_from_coop(coop_amount: Decimal, trace: Trace) -> Decimal:
    """The total incentive whose co-op share is `coop_amount` ("a co-op of $6,000")."""
    _, coop_share = _shares(trace)
    total = to_cents(coop_amount / coop_share.value)
    trace.step(f"Total incentive = co-op {fmt_usd(coop_amount)} ÷ {fmt_pct(coop_share.value)} = {fmt_usd(total)}")
    return total


def split_incentive(total: Decimal, trace: Trace) -> Split:
    """Split ``total`` into rebate and co-op and apply the co-op threshold, recording steps."""
    rebate_share, coop_share = _shares(trace)
    coop_amount = to_cents(total * coop_share.value)
    rebate = total - coop_amount
    trace.step(f"Co-op = {fmt_usd(total)} × {fmt_pct(coop_share.value)} = {fmt_usd(coop_amount)}")
    trace.step(f"Rebate = {fmt_usd(total)} − {fmt_usd(coop_amount)} = {fmt_usd(rebate)} ({fmt_pct(rebate_share.value)})")
    trace.figure("co-op portion", coop_amount, "USD", f"{fmt_usd(total)} × {fmt_pct(coop_share.value)}", (coop_share.name,))
    trace.figure("rebate portion", rebate, "USD", f"{fmt_usd(total)} − {fmt_usd(coop_amount)}", (rebate_share.name, coop_share.name))
    threshold, usable = _threshold_check(coop_amount, trace)
    cash = rebate if usable else rebate + coop_amount
    trace.figure(
        "cash payout", cash, "USD",
        fmt_usd(rebate) if usable else f"{fmt_usd(rebate)} + {fmt_usd(coop_amount)}",
        (rebate_share.name, coop_share.name, "coop_usage_threshold"),
    )
    return Split(rebate, coop_amount, threshold, usable, "usable" if usable else "paid_out", cash)


def _threshold_today(accrual: Decimal, threshold: Decimal, as_of: date, trace: Trace) -> Decimal | None:
    """The threshold in force today when the rules of an earlier date set another one: the same co-op
    may be judged differently now ("$6,500 in 2021 was usable; would it be today?")."""
    today = date.today()
    if as_of >= today:
        return None
    later = trace.param("coop_usage_threshold", today)
    if later.value == threshold:
        return None
    now = "reach it, so it would be usable" if later.satisfied_by(accrual) else "fall short of it, so it would be paid out"
    trace.figure("co-op usage threshold today", later.value, "USD",
                 f"in force from {later.effective_from.isoformat()}", (later.name,))
    if not later.satisfied_by(accrual):
        # "under today's $10k rule, how much short would that same accrual be?"
        trace.figure("co-op shortfall today", later.value - accrual, "USD",
                     f"{fmt_usd(later.value)} − {fmt_usd(accrual)}", (later.name,))
    trace.step(f"The threshold in force today is {fmt_usd(later.value)} (from {later.effective_from.isoformat()}): "
               f"the same co-op would {now}.")
    return later.value


def _added_to(before: Decimal, total: Decimal, as_of: date, earning_period_end: date | None, trace: Trace) -> CoopResult:
    """The co-op a period has when an incentive's co-op share adds to what it had already accrued."""
    _, coop_share = _shares(trace)
    added = to_cents(total * coop_share.value)
    accrual = before + added
    trace.figure("co-op accrued before", before, "USD", fmt_usd(before))
    trace.figure("co-op added", added, "USD", f"{fmt_usd(total)} × {fmt_pct(coop_share.value)}", (coop_share.name,))
    trace.figure("co-op portion", accrual, "USD", f"{fmt_usd(before)} + {fmt_usd(added)}", (coop_share.name,))
    trace.step(f"Co-op = {fmt_usd(before)} already accrued + {fmt_usd(added)} ({fmt_pct(coop_share.value)} of "
               f"{fmt_usd(total)}) = {fmt_usd(accrual)}")
    return _judged(accrual, total, total - added, as_of, earning_period_end, trace)


def coop(
    total_incentive: Decimal | str | int | None = None,
    coop_accrual: Decimal | str | int | None = None,
    as_of: date | None = None,
    earning_period_end: date | None = None,
    rebate_portion: Decimal | str | int | None = None,
    accrued_before: Decimal | str | int | None = None,
) -> CoopResult:
    """Co-op portion, threshold in force, usable or paid out, and when it can be used.

    Give ``total_incentive`` (it is split first) or ``coop_accrual``; both only when they agree.
    ``rebate_portion`` (the rebate share alone) stands for the total it is the rebate of.
    ``as_of`` is the date whose rules apply (``None``: today); ``earning_period_end``, if
    known, dates the usage period that follows. ``accrued_before``, with a total, is co-op the period
    had already accrued: the total's co-op share adds to it ("8,600 so far, and if we bill 30k more?").

    >>> r = coop(total_incentive=25000, as_of=date(2022, 1, 1))
    >>> r.coop, r.threshold, r.outcome
    (Decimal('10000.00'), Decimal('10000'), 'usable')
    >>> coop(total_incentive=1200, accrued_before=8600, as_of=date(2022, 1, 1)).shortfall
    Decimal('920.00')

    :raises MissingInputError: neither amount given.
    :raises InvalidInputError: both given, and the accrual is not the co-op share of the total.
    :raises InvalidAmountError: a negative or non-numeric amount.
    """
    as_of = as_of or date.today()
    trace = Trace(as_of)
    if rebate_portion is not None and total_incentive is None:
        total_incentive = incentive_from_rebate(parse_amount(rebate_portion, "rebate_portion"), trace)
    if total_incentive is None and coop_accrual is None:
        raise MissingInputError("total_incentive or coop_accrual", "give the total incentive or the co-op accrual")
    total = None
    if total_incentive is not None:
        total = parse_amount(total_incentive, "total_incentive")
        trace.figure("total incentive", total, "USD", fmt_usd(total))
        if accrued_before is not None:
            return _added_to(parse_amount(accrued_before, "accrued_before"), total, as_of, earning_period_end, trace)
        split = split_incentive(total, trace)
        given = parse_amount(coop_accrual, "coop_accrual") if coop_accrual is not None else None
        if given is not None and given != split.coop:
            # Both given is fine when they agree ("15k total, co-op part 6k"); otherwise one is misread.
            raise InvalidInputError("coop_accrual", fmt_usd(given),
                                    f"the co-op share of a {fmt_usd(total)} incentive, {fmt_usd(split.coop)}")
        rebate, accrual, threshold, usable = split.rebate, split.coop, split.threshold, split.usable
    else:
        rebate = None
        accrual = parse_amount(coop_accrual, "coop_accrual")
        trace.figure("co-op portion", accrual, "USD", f"co-op accrual {fmt_usd(accrual)}")
        rebate_share, coop_share = _shares(trace)
        # The accrual is the co-op share of some total: "what total does $6,400 of co-op correspond to?"
        implied = to_cents(accrual / coop_share.value)
        trace.step(f"Total incentive = co-op {fmt_usd(accrual)} ÷ {fmt_pct(coop_share.value)} = {fmt_usd(implied)}")
        trace.figure("total incentive implied by the co-op", implied, "USD", f"{fmt_usd(accrual)} ÷ {fmt_pct(coop_share.value)}",
                     (coop_share.name,))
        trace.figure("rebate implied by the co-op", implied - accrual, "USD", f"{fmt_usd(implied)} − {fmt_usd(accrual)}",
                     (rebate_share.name, coop_share.name))
        threshold, usable = _threshold_check(accrual, trace)
    return _judged(accrual, total, rebate, as_of, earning_period_end, trace, (threshold, usable))


def _judged(accrual: Decimal, total: Decimal | None, rebate: Decimal | None, as_of: date, earning_period_end: date | None,
            trace: Trace, checked: tuple[Decimal, bool] | None = None) -> CoopResult:
    """The co-op `accrual` against the threshold: usable or paid out, the gap or margin, and when it can be used."""
    threshold, usable = checked or _threshold_check(accrual, trace)
    shortfall = Decimal("0.00") if usable else threshold - accrual
    if not usable:
        trace.figure("co-op shortfall", shortfall, "USD", f"{fmt_usd(threshold)} − {fmt_usd(accrual)}", ("coop_usage_threshold",))
    elif accrual == threshold:
        # "How much more do we need?" at the threshold exactly: nothing more; reaching it counts.
        trace.figure("co-op shortfall", shortfall, "USD", f"{fmt_usd(threshold)} − {fmt_usd(accrual)} (the threshold is reached)",
                     ("coop_usage_threshold",))
    elif accrual > threshold:
        # "How far above the threshold are we?" is answered by the margin, not just "usable".
        trace.figure("co-op above the threshold", accrual - threshold, "USD", f"{fmt_usd(accrual)} − {fmt_usd(threshold)}",
                     ("coop_usage_threshold",))
    threshold_today = _threshold_today(accrual, threshold, as_of, trace)
    months = trace.param("earning_period_months")
    usage_start = usage_end = None
    if usable:
        when = f"Usable for approved activities during the {months.value}-month usage period after the earning period ends."
        if earning_period_end is not None:
            usage_start, usage_end = period_after(earning_period_end, months.value)
            when = (
                f"Usable for approved activities from {usage_start.isoformat()} to {usage_end.isoformat()}"
                f" (the {months.value}-month usage period after the earning period ending {earning_period_end.isoformat()})."
            )
            trace.figure("usage period start", usage_start, "date", f"{earning_period_end.isoformat()} + 1 day", (months.name,))
            trace.figure("usage period end", usage_end, "date", f"{usage_start.isoformat()} + {months.value} months − 1 day", (months.name,))
    else:
        when = "Paid out directly with the incentive payout; it can be spent freely but cannot be used as co-op funding."
    trace.step(when)
    return CoopResult(
        total_incentive=total,
        rebate=rebate,
        coop=accrual,
        threshold=threshold,
        usable=usable,
        outcome="usable" if usable else "paid_out",
        shortfall=shortfall,
        usage_start=usage_start,
        usage_end=usage_end,
        when=when,
        threshold_today=threshold_today,
        **trace.common("coop", as_of),
    )
