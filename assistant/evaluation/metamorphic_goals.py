"""Metamorphic variants for goals and competency levels: one case, many wordings, one figure or verdict.

Goals: the billing a product needs for an incentive, a rebate, a co-op amount, or usable co-op
(with co-op already accrued or not). Competency: Silver with its unquantified revenue and
certification thresholds stated met, stated unmet or not mentioned, and Gold by its two counts.
The expected value always comes from calling the calculator directly.
"""
from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from calculators import competency
from calculators.products import products
from calculators.target import target

ON = date(2022, 1, 15)

_GOALS = {
    "incentive": ["What {name} billing gives us a {amount} incentive?", "how much {name} do we need to bill for a {amount} payout?",
                  "To earn {amount} in incentive, how much {name} would we have to sell?"],
    "rebate": ["how much {name} do we need to bill for a {amount} rebate (the part paid directly)?"],
    "coop": ["What {name} revenue gives us a co-op of {amount}?", "how much {name} do we need to earn {amount} of co-op?",
             "Which {name} billing would get us {amount} in co-op funds?"],
    "coop_usable": ["how much {name} do we need so the co-op is usable?", "{name} only: what billing until our co-op can be spent?",
                    "What {name} revenue would make our co-op usable?"],
    "accrued": ["our co-op balance is {amount}, how much more {name} to make it usable?",
                "We've accrued {amount} of co-op so far. How much {name} do we still need to bill so the co-op is usable?"],
}


def goal_variants(rng: random.Random, money_forms) -> list:
    from assistant.evaluation.metamorphic_money import Variant

    out = []
    for key in ("o365", "d365", "azure", "azure_ri"):
        name = products()[key].name
        for goal, templates in _GOALS.items():
            amount = Decimal(rng.choice([3000, 4500, 6000, 8000]))
            if goal == "coop_usable":
                expected = target(key, "coop_usable", as_of=ON).billed_needed
            elif goal == "accrued":
                expected = target(key, "coop_usable", as_of=ON, coop_accrued=amount).billed_needed
            else:
                expected = target(key, goal, amount, as_of=ON).billed_needed
            for i, template in enumerate(templates):
                text = template.format(name=name, amount=rng.choice(money_forms(amount)))
                out.append(Variant(f"target:{key}:{goal}:{i}", text, "needed", float(expected), f"{key}:{goal}"))
    return out


_SILVER_STATED = {
    True: ["we also meet the revenue and certification thresholds", "revenue and cert thresholds: met",
           "we're fine on the revenue and certification requirements"],
    False: ["we don't meet the revenue and certification thresholds yet", "revenue/cert thresholds not met yet"],
    None: [""],
}
_SILVER_ASKS = ["Do we qualify for Silver?", "Can we get Silver?", "Silver - are we there?"]


def competency_variants(rng: random.Random) -> list:
    from assistant.evaluation.metamorphic_money import Variant

    out = []
    for customers in (3, 4, 9):
        for stated, phrases in _SILVER_STATED.items():
            result = competency(customers, None, "silver", ON, silver_thresholds=stated)
            expected = result.met if result.status != "undetermined" else None
            for i, phrase in enumerate(phrases):
                count = rng.choice([f"{customers} new Office 365 customers in the past 12 months",
                                    f"we added {customers} new O365 customers this past year"])
                text = ". ".join(p for p in (count, phrase, rng.choice(_SILVER_ASKS)) if p)
                out.append(Variant(f"competency:silver:{customers}:{stated}:{i}", text, "eligible", expected, "silver"))
    for customers, certified in ((25, 2), (30, 1), (24, 3)):
        expected = competency(customers, certified, "gold", ON).met
        for i, text in enumerate([f"{customers} new O365 customers and {certified} certified staff - Gold?",
                                  f"Are we at Gold level? {customers} new Office 365 customers over the last year, "
                                  f"{certified} engineers passed the exams."]):
            out.append(Variant(f"competency:gold:{customers}:{certified}:{i}", text, "eligible", expected, "gold"))
    return out
