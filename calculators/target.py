"""Target: the billed revenue a product line needs to reach an incentive or usable co-op.

Goals: a total incentive amount, the rebate share alone, ("what O365 do we need for a $5,000 incentive?"), or
co-op that reaches the usage threshold ("how much Azure until our co-op is usable?"). Lines
already billed in the period count toward the goal first. Optionally the answer is also
given per month of the earning period.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from calculators.errors import InvalidInputError
from calculators.money import fmt_pct, fmt_usd, parse_amount, to_cents
from calculators.payout import payout
from calculators.products import products, resolve_product
from calculators.trace import CalcResult, Trace

GOALS = ("incentive", "coop_usable", "rebate", "coop")


@dataclass(frozen=True, kw_only=True)
class TargetResult(CalcResult):
    """Result of :func:`target`."""

    product: str
    goal: str
    #: the total incentive the goal needs
    incentive_needed: Decimal
    #: what the lines already billed earn toward it
    already: Decimal
    #: billed revenue of `product` still needed (0 when the goal is already reached)
    billed_needed: Decimal
    #: the same per month of the earning period, when asked
    per_month: Decimal | None = None
    #: the same per quarter of the earning period, when asked
    per_quarter: Decimal | None = None
    #: co-op already accrued toward a usable-co-op goal, when given
    coop_accrued: Decimal | None = None


def _coop_goal(trace: Trace, accrued: Decimal | None = None) -> tuple[Decimal, tuple[str, ...]]:
    """The total incentive whose co-op share reaches the usage threshold in force, and its parameters;
    with co-op already accrued, the further incentive whose co-op share makes up the rest."""
    threshold, coop_share = trace.param("coop_usage_threshold"), trace.param("coop_share")
    if accrued is not None:
        short = max(threshold.value - accrued, Decimal(0))
        needed = _up(short / coop_share.value)
        trace.step(f"Co-op accrued {fmt_usd(accrued)} is {fmt_usd(short)} short of {fmt_usd(threshold.value)}; "
                   f"that is the {fmt_pct(coop_share.value)} co-op share of {fmt_usd(needed)} more incentive")
        trace.figure("further incentive needed for usable co-op", needed, "USD",
                     f"({fmt_usd(threshold.value)} − {fmt_usd(accrued)}) / {fmt_pct(coop_share.value)}",
                     (threshold.name, coop_share.name))
        return needed, (threshold.name, coop_share.name)
    needed = _up(threshold.value / coop_share.value)
    trace.step(f"Co-op is usable from {fmt_usd(threshold.value)}, the {fmt_pct(coop_share.value)} co-op share of a "
               f"{fmt_usd(needed)} incentive")
    trace.figure("incentive needed for usable co-op", needed, "USD",
                 f"{fmt_usd(threshold.value)} / {fmt_pct(coop_share.value)}", (threshold.name, coop_share.name))
    return needed, (threshold.name, coop_share.name)


def _billed_today(name: str, rate, billed: Decimal, as_of: date, trace: Trace) -> None:
    """The billing that makes co-op usable under today's threshold, when an earlier date's rules set another one
    ("how much more O365 does it take now compared with before October 2021?")."""
    today = date.today()
    if as_of >= today:
        return
    threshold, later = trace.param("coop_usage_threshold"), trace.param("coop_usage_threshold", today)
    if later.value == threshold.value:
        return
    share = trace.param("coop_share", today)
    now = _up(_up(later.value / share.value) / rate.value)
    trace.figure(f"{name} billed revenue needed today", now, "USD",
                 f"{fmt_usd(later.value)} / {fmt_pct(share.value)} / {fmt_pct(rate.value)}", (later.name, share.name, rate.name))
    trace.figure(f"{name} billing needed today beyond then", now - billed, "USD", f"{fmt_usd(now)} − {fmt_usd(billed)}",
                 (later.name, threshold.name))
    trace.step(f"Under today's {fmt_usd(later.value)} threshold (from {later.effective_from.isoformat()}) the same goal "
               f"needs {fmt_usd(now)} of {name}, {fmt_usd(now - billed)} more than then.")


def _up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def target(product: str | None, goal: str = "incentive", amount: Decimal | str | int | None = None,
           existing: Mapping[str, Decimal | str | int] | None = None, as_of: date | None = None,
           per_month: bool = False, coop_accrued: Decimal | str | int | None = None,
           earned: Decimal | str | int | None = None, per_quarter: bool = False) -> TargetResult:
    """Billed revenue of `product` needed for a total incentive of `amount`, or for usable co-op
    (on top of `coop_accrued`, the co-op already accrued in the period, when given).

    >>> target("o365", "incentive", 5000, as_of=date(2022, 1, 1)).billed_needed
    Decimal('125000.00')
    >>> target("o365", "coop_usable", as_of=date(2022, 1, 1)).billed_needed
    Decimal('625000.00')
    >>> target(None, "coop_usable", as_of=date(2022, 1, 1), coop_accrued=6000).incentive_needed
    Decimal('10000.00')
    >>> target(None, "coop_usable", as_of=date(2022, 1, 1), earned=21000).incentive_needed
    Decimal('4000.00')
    >>> target(None, "coop_usable", as_of=date(2022, 1, 1), earned=30000).incentive_needed
    Decimal('0.00')

    :raises InvalidInputError: an unknown goal, or an incentive goal without an amount.
    """
    if product is None and goal == "coop_usable":
        # Whatever the product: only the incentive that makes co-op usable.
        on = as_of or date.today()
        trace = Trace(on)
        accrued = Decimal(str(coop_accrued)) if coop_accrued is not None else None
        needed, params = _coop_goal(trace, accrued)
        got = Decimal("0.00")
        if earned is not None and accrued is None:
            # "our incentive is on track for $21,000: how much more for usable co-op?": the rest of the goal
            got = parse_amount(earned, "incentive already earned")
            needed_more = max(needed - got, Decimal("0.00"))
            formula = f"{fmt_usd(needed)} − {fmt_usd(got)}"
            trace.step(f"Incentive already earned {fmt_usd(got)}; {formula} = {fmt_usd(needed_more)} more is needed")
            trace.figure("further incentive needed for usable co-op", needed_more, "USD", formula, params)
            # the same gap counted in co-op: the threshold less the co-op share of what is earned
            share, bar = trace.param("coop_share"), trace.param("coop_usage_threshold")
            coop_gap = max(bar.value - to_cents(got * share.value), Decimal("0.00"))
            trace.figure("co-op still needed for the threshold", coop_gap, "USD",
                         f"{fmt_usd(bar.value)} − {fmt_usd(got)} × {fmt_pct(share.value)}", params)
            needed = needed_more
        return TargetResult(product="", goal=goal, incentive_needed=needed, already=got,
                            billed_needed=Decimal("0.00"), coop_accrued=accrued, **trace.common("target", on))
    key = resolve_product(product)
    if goal not in GOALS:
        raise InvalidInputError("goal", goal, " or ".join(GOALS))
    as_of = as_of or date.today()
    trace = Trace(as_of)
    name = products()[key].name
    rate = trace.param(products()[key].rate_param)
    if goal in ("incentive", "rebate", "coop"):
        if amount is None:
            raise InvalidInputError("amount", None, f"the {goal} amount to reach")
        needed = parse_amount(amount, f"{goal} goal")
        params: tuple[str, ...] = (rate.name,)
        if goal == "rebate":
            from calculators.coop import incentive_from_rebate  # a rebate of X is the 60% share of X / 60%

            needed = incentive_from_rebate(needed, trace)
            params = (rate.name, "rebate_share")
        elif goal == "coop":
            from calculators.coop import incentive_from_coop  # a co-op of X is the 40% share of X / 40%

            needed = incentive_from_coop(needed, trace)
            params = (rate.name, "coop_share")
        trace.step(f"Incentive goal: {fmt_usd(needed)}")
    else:
        # Co-op already accrued counts toward the threshold: only the rest needs new billing.
        needed, goal_params = _coop_goal(trace, Decimal(str(coop_accrued)) if coop_accrued is not None else None)
        params = (rate.name, *goal_params)
    already = Decimal("0.00")
    if existing:
        done = payout(existing, as_of)
        already = done.total
        trace.absorb(done)
        trace.step(f"Already billed lines earn {fmt_usd(already)}")
    if earned is not None:
        # "we already have $10,000 of incentive this half": counted toward the goal like billed lines
        got = parse_amount(earned, "incentive already earned")
        already += got
        trace.figure("incentive already earned", got, "USD", fmt_usd(got))
        trace.step(f"Incentive already earned: {fmt_usd(got)}")
    remaining = max(needed - already, Decimal("0.00"))
    billed = _up(remaining / rate.value)
    formula = (f"({fmt_usd(needed)} − {fmt_usd(already)}) / {fmt_pct(rate.value)}" if already
               else f"{fmt_usd(needed)} / {fmt_pct(rate.value)}")
    trace.step(f"{name} billed needed = {formula} = {fmt_usd(billed)}")
    trace.figure(f"{name} billed revenue needed", billed, "USD", formula, params)
    if goal == "coop_usable" and coop_accrued is None and not already:
        _billed_today(name, rate, billed, as_of, trace)
    monthly = None
    if per_month:
        months = trace.param("earning_period_months")
        monthly = _up(billed / months.value)
        trace.figure(f"{name} billed per month needed", monthly, "USD",
                     f"{fmt_usd(billed)} / {months.value} months", (*params, months.name))
    quarterly = None
    if per_quarter:
        months = trace.param("earning_period_months")
        quarters = Decimal(str(months.value)) / 3
        quarterly = _up(billed / quarters)
        trace.figure(f"{name} billed per quarter needed", quarterly, "USD",
                     f"{fmt_usd(billed)} / {quarters.normalize():f} quarters", (*params, months.name))
    accrued = Decimal(str(coop_accrued)) if coop_accrued is not None and goal == "coop_usable" else None
    return TargetResult(product=key, goal=goal, incentive_needed=needed, already=already, billed_needed=billed,
                        per_month=monthly, per_quarter=quarterly, coop_accrued=accrued, **trace.common("target", as_of))
