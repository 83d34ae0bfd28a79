"""Rate questions the rules answer, or that no rule answers: which rates a question asks for, and why
none can be given (a year with no rates, a rate for a mechanism rather than a product, a rate for
another partner type than the rules' own).
"""
from __future__ import annotations

import re

from assistant.answering import alternatives, shapes
from assistant.answering.queries import asks_rate, rate_earner
from assistant.answering.wording import asked_fiscal_years
from assistant.understanding.slots.facts import parse_partner_type, provider_is_third_party
from assistant.understanding.slots.products import parse_products
from calculators.products import products as catalogue


def rate_for_another(question: str, value, citer) -> bool:
    """The rule's passage is about another partner type than the question ("distributors" and a reseller rate)."""
    hit = citer.for_quote(value.reference_doc, value.reference_quote)
    where = f"{hit.passage.title} {hit.passage.section}" if hit else value.reference_doc.replace("-", " ")
    return alternatives.contradicts(alternatives.named(question), value.reference_quote, where)


# "we are a direct-bill partner, not indirect": the incentive rules here cover the indirect model only
DIRECT_BILL = ("The sources give incentive rates for indirect resellers only; they state no rate for direct-bill "
               "partners, so I cannot give one.")


DIRECT_BILL_TOPIC = ("The sources describe the incentives of the indirect model (resellers and providers) only; they "
                     "say nothing of direct-bill partners.")
_INCENTIVE_TOPIC = re.compile(r"\b(?:incentives?|rebates?|co-?op|rates?|percent\w*|earn\w*|payouts?|eligib\w*|threshold)\b|%", re.I)


_SERVED_RESELLERS = re.compile(r"\b(?:our|my|their|its|the|whose|which|that\s+our|who\s+our)\s+(?:\w+\s+)?(?:resellers|partners|vars)(?:['’]\s|\b)"
                               r"|\b(?:through|via|to|by)\s+(?:its\s+|our\s+|their\s+)?(?:\w+\s+)?(?:resellers|vars)\b"
                               r"|\bresellers\s+(?:we\s+|that\s+we\s+)?(?:sell|serve|supply|buy|bill|onboard)\w*", re.I)


_OF_BILLING = re.compile(r"\b(?:on|of)\s+(?:(?:our|the|their|my|its)\s+)?(?:[\w'’]+\s+){0,2}?(?:billed\s+revenue|billings?|sales|"
                         r"revenue|consumption)\b", re.I)


def no_rate_reason(question: str, rates: list[str] | None, citer) -> str | None:
    """Why the rate asked for is given by no rule, or None when the rules (or the documents) may answer."""
    asked_years = asked_fiscal_years(question)
    if rates and asked_years:
        have = {v.fiscal_year for v in shapes.rate_values(rates) if v.fiscal_year}
        if have and not asked_years & have:
            # A rate for a year the rules hold none for is not the rate of another year.
            return f"The sources give these rates only for {', '.join(sorted(have))}; they state none for {', '.join(sorted(asked_years))}."
    if "direct bill" in alternatives.named(question).get("csp model", ()) and _INCENTIVE_TOPIC.search(question):
        # "what's the incentive for direct bill partners? only see indirect stuff": the documents never speak of them
        return DIRECT_BILL_TOPIC
    if not asks_rate(question):
        return None
    unrated = rate_earner(question)
    if unrated:
        # "What's the incentive percentage for being DPOR?", "the rate through CPOR": rates are per product billed.
        return f"The sources give incentive rates per product of billed revenue; they state no rate or incentive for {unrated}."
    named = alternatives.named(question)
    if named.get("csp model") == {"direct bill"}:
        return DIRECT_BILL
    asked = rates or [p.key for p in parse_products(question)]
    # ("what our resellers sell": the resellers a provider serves are not who asks)
    own = _SERVED_RESELLERS.sub(" ", question)
    if asked and parse_partner_type(question) == "provider" and \
            all(rate_for_another(own, v, citer) for v in shapes.rate_values(list(dict.fromkeys(asked)))):
        # "As an indirect provider, what percentage do we get on Office 365?": the rates are resellers'
        return "The sources give incentive rates for indirect resellers only; they state no rate for indirect providers."
    # "we resell through a distributor": the provider named is a third party; the partner itself is a reseller
    partner = alternatives.named(own).get("partner type") if not provider_is_third_party(question) else None
    # ("what percentage rebate do we earn on our resellers' billed revenue?": a share of billing is a rate)
    if partner and not rates and ("incentive portion" not in named or _OF_BILLING.search(question)) and \
            all(rate_for_another(own, v, citer) for v in shapes.rate_values(list(catalogue()))):
        # "As an indirect provider, what percentage of our billing is paid?": every rate is another type's;
        # the rebate and co-op shares ("what % of it is co-op?") are asked of the split, not of a rate.
        kinds = " or ".join(sorted(partner))
        return f"The sources state incentive rates per product only for another partner type; they give no rate for {kinds}s."
    return None
