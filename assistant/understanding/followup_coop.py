"""A co-op follow-up's inputs: the co-op of a billing that grows, of an accrual with more billing on top, of the
same product's billing at another amount, or of the incentive or accrual given now."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.conversation import ConversationState
from assistant.understanding.inputs import _s
from assistant.understanding.operations import ADDED
from assistant.understanding.slots import Slots

_CORRECTED = re.compile(r"\b(?:sorry|actually|correct(?:ed|ion)|i\s+meant|typo|oops|wait|hang\s+on|hold\s+on|it\s+was)\b", re.I)
_BILLED_NEAR = re.compile(r"\b(?:billed|billing|bill|sold|sales|invoiced|revenue|fatturat\w*|factur\w*|fatur\w*|fakturiert|gefactureerd)\b", re.I)


def merged_coop(message: str, slots: Slots, state: ConversationState, last: dict, merged: dict, new: dict) -> dict:
    """The co-op inputs this follow-up leaves, from the last ones (`last`) and what it says (`new`)."""
    # an amount not labelled an incentive or an accrual, or one supposed of the billing ("if it had been 300k")
    billing_like = bool(slots.money) and (not {"total_incentive", "coop_accrual"} & set(slots.facts)
                                          or _billing_supposed(message, slots))
    if slots.lines and last.get("coop_accrual") and not last.get("lines") and not slots.facts.get("coop_accrual"):
        # "our co-op accrual is 8,600 so far", then "if we bill another 30k of Azure, what would the co-op be?"
        dated = {k: v for k, v in last.items() if k in ("as_of", "earning_period_end")}
        return {**dated, "lines": new["lines"], "accrued_before": last["coop_accrual"]}
    if slots.lines and last.get("lines"):
        # "D365 $150k: our co-op?" then "and if we add $100k of Azure RIs?": the billing grows, the co-op is of it all
        keep = ADDED.search(message) or set(slots.lines) - set(last["lines"])
        merged["lines"] = {**last["lines"], **new["lines"]} if keep else new["lines"]
    elif len(slots.money) == 1 and len(split_of := last.get("lines") or (state.earlier_inputs or {}).get("lines") or {}) == 1 \
            and billing_like and (_BILLED_NEAR.search(message, max(0, slots.money[0].start - 30), slots.money[0].end + 30)
                 or _nearer_billing(slots.money[0].amount, next(iter(split_of.values())),
                                    last.get("total_incentive") or state.last_total)):
        # "300k of O365: incentive?", "is the co-op usable?", "and with 700k billed, the co-op?": that product's billing
        # ("$70k of Azure", "the rebate part of that?", "and if it had been 90k?": an amount of the billing's size;
        # "250k of M365: our co-op?", "and had it been 300k?": the billing the co-op was of)
        dated = {k: v for k, v in last.items() if k in ("as_of", "earning_period_end")}
        return {**dated, "lines": {next(iter(split_of)): _s(slots.money[0].amount)}}
    elif len(slots.money) == 1 and state.last_tool == "payout" and len(billed := (state.last_inputs or {}).get("lines") or {}) == 1 \
            and billing_like and (_CORRECTED.search(message) or _BILLED_NEAR.search(message) or _billing_supposed(message, slots)):
        # "80k of O365: incentive?", then "hang on, finance corrected it: it was 85k. and the co-op part of that?": the
        # billing corrected, and the co-op of its incentive asked
        dated = {k: v for k, v in (state.last_inputs or {}).items() if k in ("as_of", "earning_period_end")}
        return {**dated, "lines": {next(iter(billed)): _s(slots.money[0].amount)}}
    elif slots.money and any(last.get(k) is not None and Decimal(str(last[k])) == slots.money[0].amount
                             for k in ("total_incentive", "coop_accrual")):
        # "our incentive was $20,000 … and if that same $20k had been in H1 2021?": the same figure, named again
        kept = {k: v for k, v in merged.items() if k not in ("total_incentive", "coop_accrual")}
        return kept | {k: last[k] for k in ("total_incentive", "coop_accrual") if k in last}
    elif slots.money:
        for key in ("total_incentive", "coop_accrual"):
            merged.pop(key, None)
        if "total_incentive" in slots.facts or "coop_accrual" in slots.facts:
            merged.pop("lines", None)  # an incentive (or accrual) given now stands instead of the billing it came from
            merged.update({k: new[k] for k in ("total_incentive", "coop_accrual") if k in new})
        else:
            merged["coop_accrual" if "coop_accrual" in last else "total_incentive"] = _s(slots.money[0].amount)
    return merged


def _nearer_billing(amount, billed, total) -> bool:
    """An amount named bare is the billing when it is nearer the billing's size than the incentive's (90k after a
    $70,000 billing and its $2,800 incentive), as a person reads "it" back."""
    if total is None or not amount or amount <= 0:
        return False
    billed, total = Decimal(str(billed)), Decimal(str(total))
    if billed <= 0 or total <= 0:
        return False
    return abs((amount / billed).ln()) < abs((amount / total).ln())


# "what would the co-op have been if it had been 300k instead?": the amount supposed is of what the co-op comes from
_IF_IT_WERE = re.compile(r"\bif\s+(?:it|that|the\s+billing|billing|revenue|the\s+revenue)\s+(?:had\s+been|were|was|is|came\s+to)\s+"
                         r"(?:instead\s+|only\s+|just\s+)?(?:usd\s*|\$|€)?\s*$", re.I)
_COOP_ASKED = re.compile(r"\b(?:what|how\s+much)\s+(?:would|will|is|was)\s+(?:the\s+|our\s+)?co-?op\b", re.I)


def _billing_supposed(message: str, slots: Slots) -> bool:
    m = slots.money[0]
    return bool(_COOP_ASKED.search(message) and _IF_IT_WERE.search(message, max(0, m.start - 30), m.start))
