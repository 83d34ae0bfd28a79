"""Every calculator's declared inputs, in one place: model, required fields, questions, runner.

Routing, clarifying, ``csp-assistant calc`` and the HTTP layer read these declarations
instead of restating them. Each entry says which inputs it needs (``required``: each group
needs at least one of its fields), the one question (with quick replies) to ask for each
missing group, and how to run the calculator on validated inputs.

>>> spec("payout").missing({})
['lines']
>>> spec("payout").run({"lines": {"o365": "50000"}, "as_of": "2022-01-15"}).total
Decimal('2000.00')
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from calculators.compare import compare
from calculators.competency import competency
from calculators.coop import coop
from calculators.eligibility import eligibility
from calculators.forecast import forecast
from calculators.payout import payout
from calculators.target import target
from calculators.trace import CalcResult

Amount = Decimal


class _Inputs(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    as_of: date | None = None


class PayoutInputs(_Inputs):
    lines: dict[str, Amount] = Field(default_factory=dict, description="billed revenue per product key")


class EligibilityInputs(_Inputs):
    partner_type: Literal["reseller", "provider"] | None = None
    mpn_active: bool | None = None
    indirect_reseller: bool | None = None
    competency: Literal["gold", "silver", "none"] | None = None
    bank_tax: bool | None = None
    ttm_revenue: Amount | None = None
    cda_active: bool | None = None
    piexp_onboarded: bool | None = None


class CoopInputs(_Inputs):
    total_incentive: Amount | None = None
    coop_accrual: Amount | None = None
    rebate_portion: Amount | None = None
    lines: dict[str, Amount] = Field(default_factory=dict)
    earning_period_end: date | None = None
    #: co-op the period had already accrued, which the co-op of `lines` adds to
    accrued_before: Amount | None = None


class CompetencyInputs(_Inputs):
    level: Literal["silver", "gold"] | None = None
    new_o365_customers: int | None = Field(default=None, ge=0)
    certified_employees: int | None = Field(default=None, ge=0)
    internal_o365: Amount | None = None
    billed_o365: Amount | None = None
    billed_m365: Amount | None = None
    #: Silver's revenue and certification thresholds met (the sources give no amounts, only the partner can say)
    silver_thresholds: bool | None = None
    #: the question asks only about the new-customer requirement
    customers_only: bool = False


class ForecastInputs(_Inputs):
    lines: dict[str, Amount] = Field(default_factory=dict)
    past: list[dict[str, Amount]] = Field(default_factory=list)
    growth: Decimal | None = None
    growth_by_product: dict[str, Decimal] = Field(default_factory=dict)
    periods: int | None = Field(default=None, ge=1)


class TargetInputs(_Inputs):
    product: str | None = None
    goal: Literal["incentive", "coop_usable", "rebate", "coop"] = "incentive"
    amount: Amount | None = None
    existing: dict[str, Amount] = Field(default_factory=dict)
    per_month: bool = False
    per_quarter: bool = False
    #: co-op already accrued in the period, toward a usable-co-op goal
    coop_accrued: Amount | None = None
    #: incentive already earned in the period, counted toward the goal
    earned: Amount | None = None


class CompareInputs(_Inputs):
    a: dict[str, Amount] = Field(default_factory=dict)
    b: dict[str, Amount] = Field(default_factory=dict)
    #: what the question compares: the incentive, or its co-op portion
    measure: Literal["incentive", "coop", "rebate"] = "incentive"


#: forecast horizon when the question names none: a year, two six-month earning periods
DEFAULT_PERIODS = 2
ELIGIBILITY_FACTS = {
    "reseller": ("mpn_active", "indirect_reseller", "competency", "bank_tax", "ttm_revenue"),
    "provider": ("mpn_active", "cda_active", "piexp_onboarded", "bank_tax"),
}


@dataclass(frozen=True)
class Question:
    """What to ask when a required group is missing, with quick replies."""

    text: str
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalculatorSpec:
    name: str
    summary: str
    inputs: type[_Inputs]
    #: groups of fields; each group needs at least one field given
    required: tuple[tuple[str, ...], ...]
    #: the question for each group, keyed by the group's first field
    questions: dict[str, Question]
    runner: Callable[[_Inputs], CalcResult]
    #: follow-ups worth offering after an answer: each changes one declared input or asks where a figure comes from
    follow_ups: tuple[str, ...] = ()

    def validate(self, raw: dict) -> _Inputs:
        """The calculator's typed inputs from loose values (strings, Decimals, ISO dates).

        :raises pydantic.ValidationError: a value of the wrong type.
        """
        return self.inputs.model_validate(raw)

    def missing(self, raw: dict) -> list[str]:
        """The first field of every required group that has no value."""
        given = {k for k, v in raw.items() if v not in (None, "", {}, [])}
        return [group[0] for group in self.required if not given.intersection(group)]

    def question(self, field: str) -> Question:
        return self.questions.get(field, Question(f"I need the {field.replace('_', ' ')} to work this out."))

    def run(self, raw: dict) -> CalcResult:
        return self.runner(self.validate(raw))


def _forecast(i: ForecastInputs) -> CalcResult:
    past = [dict(p) for p in i.past] or [dict(i.lines)]
    growth = i.growth if i.growth is not None else (None if len(past) > 1 else Decimal(0))
    if i.growth_by_product and i.growth is None:
        growth = None  # each product's own rate; none is assumed for the others
    return forecast(past, growth, i.periods or DEFAULT_PERIODS, i.as_of, dict(i.growth_by_product))


def _coop(i: CoopInputs) -> CalcResult:
    if i.rebate_portion is not None and i.total_incentive is None:
        return coop(coop_accrual=i.coop_accrual, as_of=i.as_of, earning_period_end=i.earning_period_end,
                    rebate_portion=i.rebate_portion)
    if i.coop_accrual is not None and i.total_incentive is None:
        return coop(coop_accrual=i.coop_accrual, as_of=i.as_of, earning_period_end=i.earning_period_end)
    total = i.total_incentive if i.total_incentive is not None else payout(i.lines, i.as_of).total
    if i.accrued_before is not None:
        return coop(total_incentive=total, as_of=i.as_of, earning_period_end=i.earning_period_end,
                    accrued_before=i.accrued_before)
    # An accrual given beside the total is checked against its split, never silently preferred.
    return coop(total_incentive=total, coop_accrual=i.coop_accrual, as_of=i.as_of,
                earning_period_end=i.earning_period_end)


def _eligibility(i: EligibilityInputs) -> CalcResult:
    facts = {k: getattr(i, k) for k in ELIGIBILITY_FACTS[i.partner_type] if getattr(i, k) is not None}
    return eligibility(i.partner_type, i.as_of, **facts)


LINES_Q = Question("Which product and how much billed revenue? For example: $50,000 of Office 365.",
                   ("$50,000 of Office 365", "$20,000 of Dynamics 365", "$10,000 of Azure RIs"))
REGISTRY: dict[str, CalculatorSpec] = {s.name: s for s in [
    CalculatorSpec("payout", "Incentive on billed revenue per product, split into rebate and co-op.", PayoutInputs,
                   (("lines",),), {"lines": LINES_Q}, lambda i: payout(i.lines, i.as_of),
                   ("How much of that is co-op?", "What if it were Azure RIs instead?", "Where does the rate come from?")),
    CalculatorSpec("eligibility", "Whether a reseller or provider meets each incentive requirement.",
                   EligibilityInputs, (("partner_type",),),
                   {"partner_type": Question("Are you asking as an indirect reseller or as an indirect provider?",
                                             ("Indirect reseller", "Indirect provider"))}, _eligibility,
                   ("What if our TTM revenue were $30,000?", "When did the TTM threshold start?",
                    "What happens if we are offboarded?")),
    CalculatorSpec("coop", "The co-op portion of an incentive and whether it reaches the usage threshold.",
                   CoopInputs, (("total_incentive", "coop_accrual", "lines", "rebate_portion"),),
                   {"total_incentive": Question("What amount should I split: the total incentive, or the co-op "
                                                "accrual itself?", ("Total incentive of $30,000",
                                                                    "Co-op accrual of $12,000"))}, _coop,
                   ("What can co-op funds be spent on?", "When was the co-op threshold raised?")),
    CalculatorSpec("competency", "Silver or Gold requirements met, and the Silver break-even hints.",
                   CompetencyInputs, (("level", "new_o365_customers", "certified_employees", "internal_o365",
                                       "billed_o365", "billed_m365"),),
                   {"level": Question("Which competency level are you aiming for, and how many new Office 365 "
                                      "customers (past 12 months) and certified employees do you have?",
                                      ("Silver", "Gold"))},
                   lambda i: competency(i.new_o365_customers, i.certified_employees, i.level or "silver", i.as_of,
                                        i.internal_o365, i.billed_o365, i.billed_m365,
                                        silver_thresholds=i.silver_thresholds, customers_only=i.customers_only)),
    CalculatorSpec("forecast", "Projected incentive for coming earning periods.", ForecastInputs,
                   (("lines", "past"),), {"lines": LINES_Q, "growth": Question(
                       "What growth per earning period should I assume? For example: 10%.", ("5%", "10%", "No growth"))},
                   _forecast,
                   ("And with 10% growth?", "How much of that is co-op?")),
    CalculatorSpec("target", "Billed revenue a product needs to reach an incentive or usable co-op.",
                   TargetInputs, (("product", "goal"),),
                   {"product": Question("Which product would you bill more of?",
                                        ("Office 365", "Dynamics 365", "Azure")),
                    "amount": Question("What incentive amount are you aiming for? For example: $5,000.",
                                       ("$2,500", "$5,000", "$10,000"))},
                   lambda i: target(i.product, i.goal, i.amount, i.existing or None, i.as_of, i.per_month, i.coop_accrued,
                                    i.earned, i.per_quarter)),
    CalculatorSpec("compare", "The difference between two payouts.", CompareInputs, (("a",), ("b",)),
                   {"a": Question("What are the two options to compare? For example: $30,000 of Dynamics 365 vs "
                                  "Azure RIs.")},
                   lambda i: compare(i.a, i.b, i.as_of, measure=i.measure)),
]}


def spec(name: str) -> CalculatorSpec:
    """The declaration of calculator `name`; KeyError naming the known ones otherwise."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no calculator {name!r}; known: {', '.join(REGISTRY)}") from None
