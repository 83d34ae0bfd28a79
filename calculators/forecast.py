"""Projected incentive for coming earning periods.

Method (each assumption is stated in the result's ``notes``):

* The baseline is the most recent past period's billed revenue per product.
* Period *k* (1-based) projects ``baseline × (1 + growth)^k`` per product, rounded to cents.
  Without a growth figure, the compound growth observed between the first and the last
  past period is used (this needs at least two past periods).
* Each period is priced with :func:`calculators.payout.payout` under the rates and the
  co-op threshold in force on its first day.
* The trailing-twelve-month (TTM) revenue at the end of a period is approximated by the
  billed revenue of the periods covering those twelve months (projected and past) and
  compared with the TTM threshold in force on the period's first day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from calculators.errors import InvalidInputError, MissingInputError
from calculators.money import fmt_pct, fmt_usd, limits, parse_fraction, to_cents
from calculators.payout import Lines, normalise_lines, payout
from calculators.products import resolve_product
from calculators.periods import MONTHS_PER_YEAR, add_months
from calculators.trace import CalcResult, Trace

#: precision of an observed growth rate
_GROWTH_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class ForecastPeriod:
    """One projected earning period."""

    index: int
    start: date
    end: date
    #: projected billed revenue per product key
    revenue: dict[str, Decimal]
    total_revenue: Decimal
    incentive: Decimal
    rebate: Decimal
    coop: Decimal
    coop_threshold: Decimal
    coop_usable: bool
    #: ``usable`` or ``paid_out``
    coop_outcome: str
    cash_payout: Decimal
    #: approximate TTM revenue at the end of the period
    ttm_revenue: Decimal
    #: TTM threshold in force on the first day (None: no threshold then)
    ttm_threshold: Decimal | None
    #: ``met``, ``unmet`` (incentive at risk) or ``not_in_force``
    ttm_status: str
    #: fiscal-year labels of the rates used
    fiscal_year: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ForecastResult(CalcResult):
    """Result of :func:`forecast`."""

    #: growth per period as a fraction (the first product's, when each product has its own)
    growth: Decimal
    #: ``given`` or ``observed``
    growth_source: str
    #: the most recent past period's revenue per product
    baseline: dict[str, Decimal]
    periods: list[ForecastPeriod]
    #: sum of the projected incentives
    total_incentive: Decimal
    #: growth per period for each product, when they differ ("O365 +5%, RIs +25%")
    growth_by_product: dict[str, Decimal] = field(default_factory=dict)


def _aggregate(period: Lines) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for key, amount in normalise_lines(period):
        totals[key] = totals.get(key, Decimal(0)) + amount
    return totals


def _observed_growth(history: list[dict[str, Decimal]]) -> Decimal:
    if len(history) < 2:
        raise MissingInputError("growth", "give a growth rate (e.g. 10%) or at least two past periods")
    first, last = sum(history[0].values()), sum(history[-1].values())
    if first <= 0:
        raise MissingInputError("growth", "the first past period has no revenue; give a growth rate (e.g. 10%)")
    steps = len(history) - 1
    ratio = float(last / first) ** (1 / steps)
    return Decimal(repr(ratio - 1)).quantize(_GROWTH_PLACES)


def forecast(
    past_periods: list[Lines],
    growth: Decimal | str | None,
    periods: int,
    start: date | None = None,
    growth_by_product: dict[str, Decimal | str] | None = None,
) -> ForecastResult:
    """Project the incentive of the next ``periods`` earning periods.

    Args:
        past_periods: billed revenue per product for past earning periods, oldest first.
        growth: growth per period as a fraction or text (``Decimal("0.1")``, ``"10%"``);
            ``None`` uses the growth observed across ``past_periods``.
        periods: number of coming periods to project (1 to the limit in ``limits.yaml``).
        start: first day of the first projected period (``None``: today).
        growth_by_product: a growth per product key, for products that grow at their own rate;
            every other product grows by ``growth``.

    >>> r = forecast([{"o365": 50000}], "10%", 2, date(2022, 1, 1))
    >>> [p.incentive for p in r.periods]
    [Decimal('2200.00'), Decimal('2420.00')]

    :raises MissingInputError: no past periods, or no growth and too little history.
    :raises InvalidInputError: a bad number of periods or a growth below −100%.
    """
    if not past_periods:
        raise MissingInputError("past_periods", "give the billed revenue of at least one past earning period")
    ceiling = int(limits()["max_forecast_periods"])
    if isinstance(periods, bool) or not isinstance(periods, int) or not 1 <= periods <= ceiling:
        raise InvalidInputError("periods", periods, f"a whole number from 1 to {ceiling}")
    history = [_aggregate(p) for p in past_periods]
    if growth is None and growth_by_product and {resolve_product(k) for k in growth_by_product} >= set(history[-1]):
        growth = next(iter(growth_by_product.values()))  # every product has its own rate: none is observed
    if growth is None:
        rate, source = _observed_growth(history), "observed"
    else:
        rate, source = parse_fraction(growth, "growth"), "given"
    if rate <= -1:
        raise InvalidInputError("growth", growth, "a growth above -100% per period")
    start = start or date.today()
    trace = Trace(start)
    baseline = history[-1]
    own = {resolve_product(k): parse_fraction(v, "growth") for k, v in (growth_by_product or {}).items()}
    if any(r <= -1 for r in own.values()):
        raise InvalidInputError("growth", growth_by_product, "a growth above -100% per period")
    if set(own) - set(baseline):
        raise InvalidInputError("growth_by_product", growth_by_product, "growth only for products with billed revenue")
    rates = {key: own.get(key, rate) for key in baseline}
    grows = fmt_pct(next(iter(rates.values()), rate)) if len(set(rates.values())) <= 1 else ", ".join(f"{k} {fmt_pct(r)}" for k, r in rates.items())
    notes = [
        "Baseline: the most recent past period's billed revenue; each period grows it by "
        f"{grows} ({source}).",
        "TTM revenue is approximated by the billed revenue of the periods covering the last twelve months.",
    ]
    trace.step(f"Baseline (last past period): {', '.join(f'{k} {fmt_usd(v)}' for k, v in baseline.items())}; "
               f"growth {grows} per period ({source})")
    totals = [sum(h.values(), Decimal(0)) for h in history]
    results: list[ForecastPeriod] = []
    period_start = start
    for k in range(1, periods + 1):
        months = trace.param("earning_period_months", period_start)
        period_end = add_months(period_start, months.value) - timedelta(days=1)
        revenue = {key: to_cents(amount * (1 + rates[key]) ** k) for key, amount in baseline.items()}
        priced = payout(revenue, as_of=period_start)
        trace.absorb(priced)
        total_revenue = sum(revenue.values(), Decimal("0.00"))
        totals.append(total_revenue)
        window = max(1, MONTHS_PER_YEAR // months.value)
        ttm = sum(totals[-window:], Decimal("0.00"))
        threshold = trace.param("ttm_revenue_threshold", period_start)
        if threshold.value is None:
            ttm_status, ttm_text = "not_in_force", "no TTM threshold in force"
        elif threshold.satisfied_by(ttm):
            ttm_status, ttm_text = "met", f"TTM revenue {fmt_usd(ttm)} ≥ {fmt_usd(threshold.value)}"
        else:
            ttm_status, ttm_text = "unmet", f"TTM revenue {fmt_usd(ttm)} < {fmt_usd(threshold.value)}: incentive at risk"
        label = f"Period {k} ({period_start.isoformat()} to {period_end.isoformat()})"
        trace.step(f"{label}: revenue {fmt_usd(total_revenue)} (baseline × (1 + {grows})^{k})")
        for line in priced.steps:
            trace.step(f"  {line}")
        trace.step(f"  {ttm_text}")
        trace.figure(f"period {k} incentive", priced.total, "USD",
                     priced.figure("total incentive").formula, priced.figure("total incentive").params)
        usable = "usable" if priced.coop_usable else "paid out"
        trace.figure(f"period {k} co-op ({usable})", priced.coop, "USD", priced.figure("co-op portion").formula,
                     (*priced.figure("co-op portion").params, "coop_usage_threshold"))
        results.append(ForecastPeriod(
            index=k, start=period_start, end=period_end, revenue=revenue, total_revenue=total_revenue,
            incentive=priced.total, rebate=priced.rebate, coop=priced.coop,
            coop_threshold=priced.coop_threshold, coop_usable=priced.coop_usable,
            coop_outcome=priced.coop_outcome, cash_payout=priced.cash_payout,
            ttm_revenue=ttm, ttm_threshold=threshold.value, ttm_status=ttm_status,
            fiscal_year=priced.fiscal_year,
        ))
        period_start = period_end + timedelta(days=1)
    total = sum((p.incentive for p in results), Decimal("0.00"))
    trace.step(f"Total projected incentive = {' + '.join(fmt_usd(p.incentive) for p in results)} = {fmt_usd(total)}")
    trace.figure("total projected incentive", total, "USD",
                 " + ".join(f"period {p.index}" for p in results), ())
    for key, own_rate in rates.items():
        if key in own:
            trace.figure(f"growth per period: {key}", own_rate, "fraction", f"{fmt_pct(own_rate)} (given)")
    if not own or set(own) != set(rates):
        trace.figure("growth per period", rate, "fraction", f"{fmt_pct(rate)} ({source})")
    return ForecastResult(
        growth=rate, growth_source=source, baseline=baseline, periods=results, total_incentive=total,
        growth_by_product={k: r for k, r in rates.items() if k in own},
        **trace.common("forecast", start, notes),
    )
