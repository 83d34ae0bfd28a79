"""Eligibility for the CSP indirect reseller and indirect provider incentives.

Facts are ``True`` (met), ``False`` (not met) or ``None`` (unknown). Unknown facts are
never assumed: they are reported as ``unknown`` with what to check.

Semantics of :attr:`EligibilityResult.eligible`:

* ``True`` only when every requirement is met;
* ``False`` when any requirement is unmet (``status == "not_eligible"``);
* ``False`` as well when none is unmet but some are unknown (``status == "undetermined"``,
  the unknown keys in ``unknown``) — eligibility is never granted on missing facts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.errors import InvalidInputError
from calculators.money import fmt_usd, parse_amount
from calculators.trace import CalcResult, Requirement, Trace, fiscal_year_of

PARTNER_TYPES = ("reseller", "provider")
COMPETENCY_LEVELS = ("gold", "silver", "none")
RESELLER_FACTS = ("mpn_active", "indirect_reseller", "competency", "bank_tax", "ttm_revenue")
PROVIDER_FACTS = ("mpn_active", "cda_active", "piexp_onboarded", "bank_tax")
RESELLER_DOC = "reseller-incentive-guide"
PROVIDER_DOC = "indirect-provider-eligibility"


@dataclass(frozen=True, kw_only=True)
class EligibilityResult(CalcResult):
    """Result of :func:`eligibility`."""

    #: ``reseller`` or ``provider``
    partner_type: str
    #: True only when every requirement is met (see module docstring)
    eligible: bool
    #: ``eligible``, ``not_eligible`` or ``undetermined``
    status: str
    requirements: list[Requirement]
    #: keys of unmet requirements
    unmet: list[str]
    #: keys of requirements whose inputs were not given
    unknown: list[str]


def _flag(facts: dict, key: str) -> bool | None:
    value = facts.get(key)
    if value is not None and not isinstance(value, bool):
        raise InvalidInputError(key, value, "True, False or None (unknown)")
    return value


def _req(key, label, value, met, unmet_detail, action, unknown_action, doc, params=()) -> Requirement:
    if value is None:
        return Requirement(key, label, "unknown", "not given", unknown_action, tuple(params), doc)
    if value:
        return Requirement(key, label, "met", met, "", tuple(params), doc)
    return Requirement(key, label, "unmet", unmet_detail, action, tuple(params), doc)


def _reseller(facts: dict, trace: Trace) -> list[Requirement]:
    reqs = [
        _req("mpn_active", "Active MPN ID", _flag(facts, "mpn_active"), "active MPN ID",
             "no active MPN ID", "Activate or renew the Microsoft Partner Network membership.",
             "Check that the MPN ID is active.", RESELLER_DOC),
        _req("indirect_reseller", "CSP Indirect Reseller enrolment", _flag(facts, "indirect_reseller"),
             "enrolled as a CSP Indirect Reseller", "not enrolled as a CSP Indirect Reseller",
             "Enrol as a CSP Indirect Reseller with an indirect provider.",
             "Check the CSP Indirect Reseller enrolment in Partner Center.", RESELLER_DOC),
    ]
    level = facts.get("competency")
    if level is not None:
        if not isinstance(level, str) or level.strip().lower() not in COMPETENCY_LEVELS:
            raise InvalidInputError("competency", level, "gold, silver, none or None (unknown)")
        level = level.strip().lower()
    reqs.append(_req(
        "competency", "Silver or Gold competency in a qualifying area",
        None if level is None else level != "none",
        f"{level.title() if level else ''} competency held (it must be in a qualifying area)",
        "no Silver or Gold competency", "Earn a Silver or Gold competency in a qualifying area (Silver is enough).",
        "Check the partner's competency level and area.", RESELLER_DOC,
    ))
    reqs.append(_req("bank_tax", "Bank and tax profiles complete", _flag(facts, "bank_tax"),
                     "bank and tax profiles complete", "bank and tax profiles incomplete",
                     "Complete the bank and tax profiles in Partner Center so payments can be made.",
                     "Check the bank and tax profiles in Partner Center.", RESELLER_DOC))
    reqs.append(_ttm(facts.get("ttm_revenue"), trace))
    return reqs


def _ttm(raw, trace: Trace) -> Requirement:
    threshold = trace.param("ttm_revenue_threshold")
    label = "Trailing-twelve-month revenue threshold"
    params = (threshold.name,)
    doc = threshold.reference_doc
    if threshold.value is None:
        detail = f"no TTM revenue threshold was in force on {trace.on.isoformat()}"
        trace.step(f"TTM revenue: {detail}, so this requirement does not apply")
        return Requirement("ttm_revenue", label, "met", detail, "", params, doc)
    trace.figure("TTM revenue threshold", threshold.value, "USD", fmt_usd(threshold.value), params)
    since = f"in force from {threshold.effective_from.isoformat()}"
    if raw is None:
        trace.step(f"TTM revenue not given; the threshold is {fmt_usd(threshold.value)} ({since})")
        return Requirement("ttm_revenue", label, "unknown", "TTM revenue not given",
                           f"Check that revenue over the trailing twelve months is at least {fmt_usd(threshold.value)}.",
                           params, doc)
    revenue = parse_amount(raw, "ttm_revenue")
    trace.figure("TTM revenue", revenue, "USD", fmt_usd(revenue))
    if threshold.satisfied_by(revenue):
        trace.step(f"TTM revenue {fmt_usd(revenue)} {threshold.symbol_for(True)} {fmt_usd(threshold.value)} threshold ({since}) → met")
        return Requirement("ttm_revenue", label, "met",
                           f"{fmt_usd(revenue)} {threshold.symbol_for(True)} {fmt_usd(threshold.value)}", "", params, doc)
    gap = threshold.value - revenue
    trace.step(f"TTM revenue {fmt_usd(revenue)} {threshold.symbol_for(False)} {fmt_usd(threshold.value)} threshold ({since}) → unmet, short by {fmt_usd(gap)}")
    trace.figure("TTM revenue shortfall", gap, "USD", f"{fmt_usd(threshold.value)} − {fmt_usd(revenue)}", params)
    return Requirement("ttm_revenue", label, "unmet", f"{fmt_usd(revenue)} {threshold.symbol_for(False)} {fmt_usd(threshold.value)}",
                       f"Raise trailing-twelve-month revenue by {fmt_usd(gap)}; below the threshold the partner is "
                       "offboarded until it reaches it again and is re-invited.", params, doc)


def _provider(facts: dict, trace: Trace) -> list[Requirement]:
    days = trace.param("provider_invitation_days")
    mpn, cda = _flag(facts, "mpn_active"), _flag(facts, "cda_active")
    trace.figure("invitation window (days)", days.value, "count", f"{days.value} days after the business requirements are met", (days.name,))
    invite = (f"Expect the invitation to the partner incentive tool within {days.value} days of completing the "
              "business requirements, then onboard to PIExp.")
    return [
        _req("mpn_active", "Active MPN membership (business requirement)", mpn, "active MPN membership", "no active MPN membership",
             "Activate the MPN membership; earnings are lost for any period without it.",
             "Check that the MPN membership is active.", PROVIDER_DOC),
        _req("cda_active", "Signed, active Cloud Distributor Agreement with distributor authorization (business requirement)",
             cda,
             "Cloud Distributor Agreement signed and active, with distributor authorization",
             "no signed and active Cloud Distributor Agreement with distributor authorization",
             "Sign the Cloud Distributor Agreement and obtain distributor authorization.",
             "Check the Cloud Distributor Agreement and distributor authorization.", PROVIDER_DOC),
        _req("piexp_onboarded", "Onboarded to the Partner Incentive Experience (PIExp) tool (operational requirement)",
             _flag(facts, "piexp_onboarded"), "onboarded to PIExp", "not onboarded to PIExp",
             invite, "Check the PIExp onboarding status.", PROVIDER_DOC, (days.name,)),
        _req("bank_tax", "Bank and tax information complete in PIExp (operational requirement)", _flag(facts, "bank_tax"),
             "bank and tax information complete", "bank and tax information incomplete",
             "Enter the bank and tax information in PIExp so payments can be sent.",
             "Check the bank and tax information in PIExp.", PROVIDER_DOC),
    ]


def eligibility(partner_type: str, as_of: date | None = None, **facts) -> EligibilityResult:
    """Check incentive eligibility requirement by requirement.

    Args:
        partner_type: ``reseller`` (CSP indirect reseller) or ``provider`` (CSP indirect provider).
        as_of: date whose rules apply (``None``: today). It decides whether the TTM revenue
            threshold is in force.
        **facts: reseller — ``mpn_active``, ``indirect_reseller``, ``bank_tax`` (bool/None),
            ``competency`` (``"gold"``/``"silver"``/``"none"``/None), ``ttm_revenue``
            (amount/None; exactly at the threshold is met). Provider — ``mpn_active``,
            ``cda_active``, ``piexp_onboarded``, ``bank_tax`` (bool/None).

    >>> eligibility("reseller", date(2020, 1, 1), mpn_active=True, indirect_reseller=True,
    ...             competency="silver", bank_tax=True).eligible
    True

    :raises InvalidInputError: unknown partner type, unknown fact name or a bad fact value.
    """
    kind = partner_type.strip().lower() if isinstance(partner_type, str) else partner_type
    if kind not in PARTNER_TYPES:
        raise InvalidInputError("partner_type", partner_type, "reseller or provider")
    allowed = RESELLER_FACTS if kind == "reseller" else PROVIDER_FACTS
    for name in facts:
        if name not in allowed:
            raise InvalidInputError(name, facts[name], f"one of the {kind} facts: {', '.join(allowed)}")
    as_of = as_of or date.today()
    trace = Trace(as_of)
    reqs = _reseller(facts, trace) if kind == "reseller" else _provider(facts, trace)
    notes = []
    if kind == "provider":
        label = trace.param("provider_invitation_days").fiscal_year
        if label and label != fiscal_year_of(as_of):
            notes.append(f"The indirect provider rules come from the {label} eligibility rules, the latest the sources give.")
    for r in reqs:
        trace.step(f"{r.label}: {r.status} ({r.detail})")
    unmet = [r.key for r in reqs if r.status == "unmet"]
    unknown = [r.key for r in reqs if r.status == "unknown"]
    status = "not_eligible" if unmet else "undetermined" if unknown else "eligible"
    summary = {
        "eligible": "All requirements are met: eligible.",
        "not_eligible": f"Not eligible: unmet {', '.join(unmet)}.",
        "undetermined": f"Not confirmed: no requirement is unmet, but these are unknown: {', '.join(unknown)}.",
    }[status]
    trace.step(summary)
    trace.figure("requirements met", sum(r.status == "met" for r in reqs), "count", f"of {len(reqs)} requirements")
    return EligibilityResult(
        partner_type=kind,
        eligible=status == "eligible",
        status=status,
        requirements=reqs,
        unmet=unmet,
        unknown=unknown,
        **trace.common("eligibility", as_of, notes),
    )
