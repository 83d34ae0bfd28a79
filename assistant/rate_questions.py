"""A payout question that names products but no amount: the rates, one question for the amount, or a
decline when what is asked has no rate (an amount per seat, a distributor's own rate, "what does PAL earn?")."""
from __future__ import annotations

from assistant.support import asked_part

from dataclasses import dataclass

from assistant import figures
from assistant.answer import Answer
from assistant.answering.alternatives import named
from assistant.answering.rate_checks import DIRECT_BILL
from assistant.answering.queries import asks_for_itself, asks_how_to, asks_per_unit, asks_rate, earner, rate_earner
from assistant.understanding.slots.cues import SEATS_HELD
from calculators.products import products


@dataclass(frozen=True)
class RateReply:
    #: the rates answer (with a question for the amount when an incentive was asked); None: see the others
    answer: Answer | None = None
    #: why no rate can be given, when none can
    decline: str = ""
    # Neither: the question asks how, not how much ("how do we make sure Azure is credited?"): the documents answer it.


def rate_reply(text: str, slots, inputs: dict, citer) -> RateReply:
    """What to say to a payout question with products and no amount."""
    if asks_per_unit(text):
        # The rules pay a share of billed revenue; no document gives an amount per seat or user.
        return RateReply(decline="The sources give the incentive as a percentage of billed revenue, not as an "
                                 "amount per seat or user, so I cannot state that figure.")
    provider_earns = "indirect provider" in named(earner(text)).get("partner type", ())
    if slots.partner_type == "provider" and (asks_for_itself(text) or provider_earns):
        # A distributor asking its own rate, or a provider's: the rates are the indirect reseller's; none is given for them.
        return RateReply(decline="The sources give incentive rates for indirect resellers only; they state no rate "
                                 "for indirect providers (distributors), so I cannot give one.")
    if named(text).get("csp model") == {"direct bill"}:
        return RateReply(decline=DIRECT_BILL)
    unrated = rate_earner(text)
    if unrated:
        # "What rate does PAL earn us on Azure?": the rates are per product; none is given for that.
        return RateReply(decline=f"The sources give incentive rates per product of billed revenue; they state no "
                                 f"rate or incentive for {unrated}.")
    if asks_how_to(text):
        # "How do I make sure Microsoft credits us for Azure?" names a product but asks how, not how much.
        return RateReply()
    rates = figures.rate_answer(slots.products, inputs, citer)
    if not asks_rate(asked_part(text)):
        # "What incentive will we get on our D365 sales?": the rate, and the one figure still needed ("… our
        # account manager said it's a good percentage" names a rate beside the question, it does not ask one).
        names = " and ".join(products()[k].name for k in dict.fromkeys(slots.products))
        question = f"How much {names} did you bill in the earning period? For example: $50,000."
        seats = SEATS_HELD.search(text)
        if seats:
            # "85 users on M365 E3": the count is known, the price per seat is what is missing
            question = (f"What do you bill per seat per month for the {seats.group(0)}, and for how many months? "
                        "For example: $20 per seat per month for 6 months.")
            rates = rates.model_copy(update={"answer": rates.answer.rsplit("\n", 1)[0] + "\n" + question})
        rates = rates.model_copy(update={"clarify": {"question": question, "options": ["$50,000", "$100,000"],
                                                     "missing": ["lines"]}})
    return RateReply(answer=rates)
