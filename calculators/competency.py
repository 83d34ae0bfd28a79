"""Silver and Gold competency requirements, and the guide's break-even hints for Silver.

Requirements checked (counts over the look-back window, e.g. the past twelve months):

* Silver: new Office 365 customers at least the Silver minimum. The guide also mentions
  revenue and certification thresholds for Silver without stating them, so they are
  listed in ``notes`` rather than checked.
* Gold: new Office 365 customers at least the Gold minimum, and certified employees at
  least the Gold minimum.

Break-even hints: a monthly spend or billing strictly above the hint amount ("more than",
"over" in the guide) suggests the Silver level may already pay for itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculators.errors import InvalidInputError
from calculators.money import fmt_usd, parse_amount
from calculators.trace import CalcResult, Requirement, Trace

LEVELS = ("silver", "gold")
DOC = "competencies-guide"
#: (input name, parameter, label) of each Silver break-even hint
HINTS = (
    ("internal_o365_monthly", "silver_roi_internal_o365_monthly", "internal Office 365 licences per month"),
    ("billed_o365_monthly", "silver_roi_billed_o365_monthly", "Office 365 billed to clients per month"),
    ("billed_m365_monthly", "silver_roi_billed_m365_monthly", "Microsoft 365 billed to clients per month"),
)


@dataclass(frozen=True)
class BreakEvenHint:
    """One Silver break-even hint compared with the partner's monthly amount."""

    key: str
    label: str
    #: the partner's monthly amount
    monthly_amount: Decimal
    #: the guide's hint amount
    threshold: Decimal
    #: True when the amount is above the hint (strictly)
    above: bool
    param: str


@dataclass(frozen=True, kw_only=True)
class CompetencyResult(CalcResult):
    """Result of :func:`competency`."""

    #: target level, ``silver`` or ``gold``
    level: str
    #: True when every checked requirement is met; False when any is unmet or unknown
    met: bool
    #: ``met``, ``not_met`` or ``undetermined``
    status: str
    requirements: list[Requirement]
    #: keys of unmet requirements
    missing: list[str]
    #: keys of requirements whose inputs were not given
    unknown: list[str]
    hints: list[BreakEvenHint]
    #: True if any given amount is above its hint, False if none is, None if none given
    silver_may_pay_off: bool | None


def _count(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(field, value, "a whole number of 0 or more")
    return value


def _at_least(trace: Trace, key: str, label: str, have: int | None, param_name: str, noun: str) -> Requirement:
    need = trace.param(param_name)
    trace.figure(f"{label} required", need.value, "count", f"at least {need.value}", (need.name,))
    if have is None:
        trace.step(f"{label}: not given; at least {need.value} required")
        return Requirement(key, label, "unknown", "not given", f"Count the {noun}; at least {need.value} are required.", (need.name,), DOC)
    if need.satisfied_by(have):
        trace.step(f"{label}: {have} {need.symbol_for(True)} {need.value} → met")
        return Requirement(key, label, "met", f"{have} {need.symbol_for(True)} {need.value}", "", (need.name,), DOC)
    gap = need.value - have
    trace.step(f"{label}: {have} {need.symbol_for(False)} {need.value} → {gap} more needed")
    trace.figure(f"{label} still needed", gap, "count", f"{need.value} − {have}", (need.name,))
    return Requirement(key, label, "unmet", f"{have} {need.symbol_for(False)} {need.value}", f"Add {gap} more {noun}.", (need.name,), DOC)


SILVER_THRESHOLDS = "Silver revenue and certification thresholds"


def _unquantified(trace: Trace, stated: bool | None) -> Requirement:
    """Silver's revenue and certification thresholds: named by the guide without amounts, so only the
    partner's own word settles them; never assumed met."""
    if stated is None:
        trace.step(f"{SILVER_THRESHOLDS}: not stated; the sources give no amounts to check them against")
        return Requirement("silver_thresholds", SILVER_THRESHOLDS, "unknown", "not stated; the sources give no amounts",
                           "Confirm you meet Silver's revenue and certification thresholds.", (), DOC)
    trace.step(f"{SILVER_THRESHOLDS}: stated {'met' if stated else 'not met'} by the partner")
    if stated:
        return Requirement("silver_thresholds", SILVER_THRESHOLDS, "met", "stated met by you", "", (), DOC)
    return Requirement("silver_thresholds", SILVER_THRESHOLDS, "unmet", "stated not met by you",
                       "Meet Silver's revenue and certification thresholds.", (), DOC)


def competency(
    new_o365_customers: int | None,
    certified_employees: int | None,
    level: str,
    as_of: date | None = None,
    internal_o365_monthly: Decimal | str | int | None = None,
    billed_o365_monthly: Decimal | str | int | None = None,
    billed_m365_monthly: Decimal | str | int | None = None,
    *,
    silver_thresholds: bool | None = None,
    customers_only: bool = False,
) -> CompetencyResult:
    """Check the requirements of a competency level and the Silver break-even hints.

    >>> r = competency(5, 1, "gold", date(2022, 1, 1))
    >>> r.met, r.missing
    (False, ['new_o365_customers', 'certified_employees'])

    :raises InvalidInputError: an unknown level or a negative/non-integer count.
    :raises InvalidAmountError: a negative or non-numeric monthly amount.
    """
    lvl = level.strip().lower() if isinstance(level, str) else level
    if lvl not in LEVELS:
        raise InvalidInputError("level", level, "silver or gold")
    customers = _count(new_o365_customers, "new_o365_customers")
    certified = _count(certified_employees, "certified_employees")
    as_of = as_of or date.today()
    trace = Trace(as_of)
    window = trace.param("competency_lookback_months")
    reqs = [_at_least(trace, "new_o365_customers", f"New Office 365 customers in the past {window.value} months",
                      customers, f"{lvl}_new_o365_customers", "new Office 365 customers")]
    notes = []
    if lvl == "gold":
        reqs.append(_at_least(trace, "certified_employees", "Employees who passed the certification exams",
                              certified, "gold_certified_employees", "certified employees"))
    elif customers_only:
        notes.append("Silver also has revenue and certification thresholds that the sources do not quantify; "
                     "only the new-customer requirement was asked about.")
    else:
        reqs.append(_unquantified(trace, silver_thresholds))
    missing = [r.key for r in reqs if r.status == "unmet"]
    unknown = [r.key for r in reqs if r.status == "unknown"]
    status = "not_met" if missing else "undetermined" if unknown else "met"
    trace.step({"met": f"{lvl.title()} requirements checked here are met.",
                "not_met": f"{lvl.title()} requirements not met: {', '.join(missing)}.",
                "undetermined": f"{lvl.title()} not confirmed: unknown {', '.join(unknown)}."}[status])
    given = {"internal_o365_monthly": internal_o365_monthly, "billed_o365_monthly": billed_o365_monthly,
             "billed_m365_monthly": billed_m365_monthly}
    hints = []
    for key, param_name, label in HINTS:
        hint = trace.param(param_name)
        if given[key] is None:
            if lvl == "silver":  # the break-even amounts are part of the Silver answer even when none is given
                trace.figure(f"Silver hint: {label}", hint.value, "USD", f"more than {fmt_usd(hint.value)}", (hint.name,))
            continue
        amount = parse_amount(given[key], key)
        above = hint.satisfied_by(amount)
        hints.append(BreakEvenHint(key, label, amount, hint.value, above, hint.name))
        trace.step(f"Silver break-even hint, {label}: {fmt_usd(amount)} {hint.symbol_for(above)} {fmt_usd(hint.value)}"
                   f" → {'Silver may already pay for itself' if above else 'not above the hint'}")
        trace.figure(f"Silver hint: {label}", hint.value, "USD", f"more than {fmt_usd(hint.value)}", (hint.name,))
        if not above:
            trace.figure(f"short of the hint: {label}", hint.value - amount, "USD",
                         f"{fmt_usd(hint.value)} − {fmt_usd(amount)}", (hint.name,))
        else:
            trace.figure(f"above the hint: {label}", amount - hint.value, "USD",
                         f"{fmt_usd(amount)} − {fmt_usd(hint.value)}", (hint.name,))
    may_pay = None if not hints else any(h.above for h in hints)
    return CompetencyResult(
        level=lvl,
        met=status == "met",
        status=status,
        requirements=reqs,
        missing=missing,
        unknown=unknown,
        hints=hints,
        silver_may_pay_off=may_pay,
        **trace.common("competency", as_of, notes),
    )
