"""`calc`: run the incentive calculators from the command line.

Each command parses its flags, calls one pure function of :mod:`calculators`, and prints
either the steps, figures and cited parameters, or the result as JSON (``--json``).
Calculator errors become usage errors that name the field at fault.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date, datetime

import click

import calculators
from calculators.money import fmt_pct, fmt_usd
from calculators.products import catalogue_help

YES_NO = click.Choice(["yes", "no"], case_sensitive=False)
_DATE = click.DateTime(formats=["%Y-%m-%d"])


def _products_epilog() -> str:
    lines = catalogue_help().splitlines()
    return "\b\nProduct keys (names and synonyms are accepted too):\n" + "\n".join(f"  {l}" for l in lines)


@contextmanager
def _calc_errors():
    try:
        yield
    except calculators.DateOutOfRangeError as exc:
        raise click.UsageError(f"--as-of/--start: {exc}") from exc
    except calculators.CalculatorError as exc:
        raise click.UsageError(str(exc)) from exc


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _flag(value: str | None) -> bool | None:
    return None if value is None else value.lower() == "yes"


def _parse_lines(items: tuple[str, ...] | list[str], option: str) -> list[tuple[str, str]]:
    lines = []
    for item in items:
        product, sep, amount = item.partition("=")
        if not sep or not product.strip() or not amount.strip():
            raise click.BadParameter(f"{item!r} is not PRODUCT=AMOUNT (e.g. o365=50000)", param_hint=option)
        lines.append((product.strip(), amount.strip()))
    return lines


def _value_text(value, unit: str) -> str:
    if value is None:
        return "none"
    if unit in ("USD", "currency:USD"):
        return fmt_usd(value)
    if unit == "fraction":
        return fmt_pct(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def render(result: calculators.CalcResult) -> str:
    """Human-readable report: outcome, steps, figures, notes and cited parameters."""
    out = []
    status = getattr(result, "status", None)
    if result.tool == "eligibility":
        out.append(f"Eligible: {'yes' if result.eligible else 'no'} ({status.replace('_', ' ')})")
    if hasattr(result, "requirements"):
        out.append("Requirements:")
        for req in result.requirements:
            action = f" — {req.action}" if req.action else ""
            out.append(f"  [{req.status}] {req.label}: {req.detail}{action}")
    out.append(f"Rules as of {result.as_of.isoformat()}" + (f" (rates: {', '.join(result.fiscal_year)})" if result.fiscal_year else ""))
    out.append("Steps:")
    out.extend(f"  {s}" for s in result.steps)
    out.append("Figures:")
    for fig in result.figures:
        out.append(f"  {fig.name}: {_value_text(fig.value, fig.unit)}  [{fig.formula}]")
    if result.notes:
        out.append("Notes:")
        out.extend(f"  {n}" for n in result.notes)
    out.append("Parameters:")
    for p in result.params_used:
        fy = f", {p.fiscal_year}" if p.fiscal_year else ""
        out.append(f"  {p.name} = {_value_text(p.value, p.unit)} (from {p.effective_from.isoformat()}{fy})"
                   f" — {p.reference_doc}: \"{p.reference_quote}\"")
    return "\n".join(out)


def _emit(result: calculators.CalcResult, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result))


_as_of = click.option("--as-of", "as_of", type=_DATE, default=None, help="Date whose rules apply (YYYY-MM-DD); default today.")
_json = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")


@click.group(epilog=_products_epilog())
def calc() -> None:
    """Compute incentives, eligibility, co-op, competencies and forecasts from cited rules."""


@calc.command(epilog=_products_epilog())
@click.option("--line", "lines", multiple=True, required=True, metavar="PRODUCT=AMOUNT",
              help="Billed revenue of one product line in USD, e.g. o365=50000 or d365=20,000. Repeatable.")
@_as_of
@_json
def payout(lines: tuple[str, ...], as_of: datetime | None, as_json: bool) -> None:
    """Incentive per product line, total, rebate/co-op split and co-op outcome."""
    parsed = _parse_lines(lines, "--line")
    with _calc_errors():
        result = calculators.payout(parsed, as_of=_day(as_of))
    _emit(result, as_json)


@calc.command()
@click.option("--partner", type=click.Choice(["reseller", "provider"], case_sensitive=False), required=True,
              help="Indirect reseller or indirect provider.")
@click.option("--mpn", type=YES_NO, default=None, help="Active MPN membership / ID.")
@click.option("--indirect-reseller", type=YES_NO, default=None, help="Reseller: enrolled as a CSP Indirect Reseller.")
@click.option("--competency", type=click.Choice(["gold", "silver", "none"], case_sensitive=False), default=None,
              help="Reseller: competency level held in a qualifying area.")
@click.option("--bank-tax", type=YES_NO, default=None, help="Bank and tax profiles complete.")
@click.option("--ttm", default=None, metavar="AMOUNT", help="Reseller: trailing-twelve-month revenue in USD.")
@click.option("--cda", type=YES_NO, default=None, help="Provider: signed, active Cloud Distributor Agreement with distributor authorization.")
@click.option("--piexp", type=YES_NO, default=None, help="Provider: onboarded to the PIExp incentive tool.")
@_as_of
@_json
def eligibility(partner, mpn, indirect_reseller, competency, bank_tax, ttm, cda, piexp, as_of, as_json) -> None:
    """Check each eligibility requirement; flags not given are reported as unknown."""
    partner = partner.lower()
    if partner == "reseller":
        wrong = [name for name, v in (("--cda", cda), ("--piexp", piexp)) if v is not None]
        facts = dict(mpn_active=_flag(mpn), indirect_reseller=_flag(indirect_reseller),
                     competency=competency.lower() if competency else None, bank_tax=_flag(bank_tax), ttm_revenue=ttm)
    else:
        wrong = [name for name, v in (("--indirect-reseller", indirect_reseller), ("--competency", competency),
                                       ("--ttm", ttm)) if v is not None]
        facts = dict(mpn_active=_flag(mpn), cda_active=_flag(cda), piexp_onboarded=_flag(piexp), bank_tax=_flag(bank_tax))
    if wrong:
        raise click.UsageError(f"{', '.join(wrong)} does not apply to --partner {partner}")
    with _calc_errors():
        result = calculators.eligibility(partner, as_of=_day(as_of), **facts)
    _emit(result, as_json)


@calc.command()
@click.option("--total", default=None, metavar="AMOUNT", help="Total incentive in USD (it is split into rebate and co-op).")
@click.option("--accrual", default=None, metavar="AMOUNT", help="Co-op accrual of the earning period in USD.")
@click.option("--period-end", type=_DATE, default=None, help="Last day of the earning period, to date the usage period.")
@_as_of
@_json
def coop(total, accrual, period_end, as_of, as_json) -> None:
    """Co-op portion, threshold in force, usable or paid out, and when it can be used."""
    if (total is None) == (accrual is None):
        raise click.UsageError("give exactly one of --total or --accrual")
    with _calc_errors():
        result = calculators.coop(total_incentive=total, coop_accrual=accrual, as_of=_day(as_of),
                                  earning_period_end=_day(period_end))
    _emit(result, as_json)


@calc.command()
@click.option("--new-customers", type=click.IntRange(min=0), default=None,
              help="New Office 365 customers added in the past twelve months.")
@click.option("--certified", type=click.IntRange(min=0), default=None, help="Employees who passed the certification exams.")
@click.option("--level", type=click.Choice(["silver", "gold"], case_sensitive=False), required=True, help="Target level.")
@click.option("--internal-o365", default=None, metavar="AMOUNT", help="Monthly spend on internal Office 365 licences (USD).")
@click.option("--billed-o365", default=None, metavar="AMOUNT", help="Office 365 billed to clients per month (USD).")
@click.option("--billed-m365", default=None, metavar="AMOUNT", help="Microsoft 365 billed to clients per month (USD).")
@click.option("--silver-thresholds", type=click.Choice(["met", "not-met"]), default=None,
              help="Silver's revenue and certification thresholds, which the sources do not quantify: met or not.")
@click.option("--customers-only", is_flag=True, help="Check only the new-customer requirement.")
@_as_of
@_json
def competency(new_customers, certified, level, internal_o365, billed_o365, billed_m365, silver_thresholds,
               customers_only, as_of, as_json) -> None:
    """Silver/Gold requirements met or missing, plus the Silver break-even hints."""
    with _calc_errors():
        result = calculators.competency(new_customers, certified, level.lower(), as_of=_day(as_of),
                                        internal_o365_monthly=internal_o365, billed_o365_monthly=billed_o365,
                                        billed_m365_monthly=billed_m365, customers_only=customers_only,
                                        silver_thresholds=None if silver_thresholds is None else silver_thresholds == "met")
    _emit(result, as_json)


@calc.command(epilog=_products_epilog())
@click.option("--past", "past", multiple=True, metavar="P=AMT;P=AMT",
              help="Billed revenue of one past earning period, e.g. 'o365=40000;d365=10000'. Repeatable, oldest first.")
@click.option("--line", "lines", multiple=True, metavar="PRODUCT=AMOUNT",
              help="Billed revenue per product of the most recent past period. Repeatable.")
@click.option("--growth", default=None, help="Growth per period, e.g. 10% or 0.1; default: growth observed across --past periods.")
@click.option("--periods", type=int, default=2, show_default=True, help="Number of coming earning periods to project.")
@click.option("--start", type=_DATE, default=None, help="First day of the first projected period; default today.")
@_json
def forecast(past, lines, growth, periods, start, as_json) -> None:
    """Projected incentive per coming earning period under the rules in force then."""
    history = [_parse_lines([p for p in period.split(";") if p.strip()], "--past") for period in past]
    if lines:
        history.append(_parse_lines(lines, "--line"))
    if not history:
        raise click.UsageError("give the most recent period with --line PRODUCT=AMOUNT (or periods with --past)")
    with _calc_errors():
        result = calculators.forecast(history, growth, periods, start=_day(start))
    _emit(result, as_json)


def _lines_map(items: tuple[str, ...], option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for product, amount in _parse_lines(items, option):
        out[product] = amount
    return out


def _run_spec(name: str, raw: dict, as_json: bool) -> None:
    from pydantic import ValidationError

    from calculators.registry import spec

    try:
        with _calc_errors():
            result = spec(name).run(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise click.UsageError(f"{'.'.join(str(x) for x in first['loc'])}: {first['msg']}") from exc
    _emit(result, as_json)


@calc.command(epilog=_products_epilog())
@click.option("--a", "a", multiple=True, required=True, metavar="PRODUCT=AMOUNT", help="Option A lines. Repeatable.")
@click.option("--b", "b", multiple=True, required=True, metavar="PRODUCT=AMOUNT", help="Option B lines. Repeatable.")
@_as_of
@_json
def compare(a, b, as_of, as_json) -> None:
    """What changes between two payouts: product A vs B, one amount vs another (difference = B − A)."""
    _run_spec("compare", {"a": _lines_map(a, "--a"), "b": _lines_map(b, "--b"), "as_of": _day(as_of)}, as_json)


@calc.command(epilog=_products_epilog())
@click.option("--product", required=True, help="The product whose billing is solved for.")
@click.option("--incentive", default=None, metavar="AMOUNT", help="Total incentive to reach, in USD.")
@click.option("--rebate", default=None, metavar="AMOUNT", help="Goal: a rebate of this amount (its share of the total).")
@click.option("--coop", default=None, metavar="AMOUNT", help="Goal: co-op of this amount (its share of the total).")
@click.option("--coop-usable", is_flag=True, help="Goal: co-op that reaches the usage threshold.")
@click.option("--coop-accrued", default=None, metavar="AMOUNT",
              help="With --coop-usable: co-op already accrued in the period, counted toward the threshold.")
@click.option("--line", "lines", multiple=True, metavar="PRODUCT=AMOUNT", help="Lines already billed. Repeatable.")
@click.option("--earned", default=None, metavar="AMOUNT", help="Incentive already earned in the period, counted toward the goal.")
@click.option("--per-month", is_flag=True, help="Also give the monthly billing over one earning period.")
@click.option("--per-quarter", is_flag=True, help="Also give the quarterly billing over one earning period.")
@_as_of
@_json
def target(product, incentive, rebate, coop, coop_usable, coop_accrued, lines, earned, per_month, per_quarter, as_of,
           as_json) -> None:
    """Billed revenue a product needs to reach an incentive, rebate or co-op amount, or usable co-op."""
    goals = {"incentive": incentive, "rebate": rebate, "coop": coop, "coop_usable": coop_usable or None}
    given = [g for g, v in goals.items() if v]
    if len(given) != 1:
        raise click.UsageError("give exactly one goal: --incentive, --rebate or --coop AMOUNT, or --coop-usable")
    if coop_accrued and not coop_usable:
        raise click.UsageError("--coop-accrued goes with --coop-usable")
    from calculators.products import resolve_product

    with _calc_errors():
        key = resolve_product(product)
    goal = given[0]
    raw = {"product": key, "goal": goal, "amount": None if goal == "coop_usable" else goals[goal],
           "coop_accrued": coop_accrued, "earned": earned,
           "existing": {resolve_product(k): v for k, v in _lines_map(lines, "--line").items()},
           "per_month": per_month, "per_quarter": per_quarter, "as_of": _day(as_of)}
    _run_spec("target", raw, as_json)
