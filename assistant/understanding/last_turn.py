"""What a follow-up reads from the last turn's memory: the amounts it was given, the products it named,
the co-op it checked, the comparison it made."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.conversation import ConversationState
from assistant.understanding.followup_billing import CORRECTION
from assistant.understanding.slots import Slots


def amounts_given(inputs: dict) -> set[Decimal]:
    """The amounts a calculation was given ("8600" for a co-op accrual), to recognise one quoted again."""
    return {Decimal(str(v)) for v in (inputs or {}).values() if re.fullmatch(r"-?\d+(?:\.\d+)?", str(v))}


_NEW_DEAL = re.compile(r"\b(?:close|closes|closed|closing|win|wins|won|sign|signs|signed|land|lands|landed|book|add|adding|another|"
                       r"extra|more|on\s+top)\b", re.I)


def more_revenue(message: str, slots: Slots, state: ConversationState) -> bool:
    """One more amount of revenue for the eligibility check just made, with no TTM figure of its own."""
    return (bool(state.last_inputs.get("ttm_revenue")) and len(slots.money) == 1 and "ttm_revenue" not in slots.facts
            and bool(_NEW_DEAL.search(message)) and len(message.split()) <= 40)


def topic_products(state: ConversationState) -> list[str]:
    """The products the last fact question named."""
    from assistant.understanding.slots.products import parse_products

    return list(dict.fromkeys(p.key for p in parse_products(state.last_topic or "")))


def same_goal(slots: Slots, state: ConversationState) -> bool:
    """Every amount of the follow-up is the last target's own goal amount (or there is none)."""
    goal = (state.last_inputs or {}).get("amount")
    return all(goal is not None and m.amount == Decimal(str(goal)) for m in slots.money)


def more_billing(message: str) -> bool:
    from assistant.understanding.operations import _MORE, _NEED

    return bool(_MORE.search(message) and _NEED.search(message))


def _compared_amounts(state: ConversationState) -> set[Decimal]:
    inputs = state.last_inputs or {}
    return {Decimal(str(v)) for side in ("a", "b") for v in (inputs.get(side) or {}).values()}


def amount_swapped(message: str, slots: Slots, state: ConversationState) -> tuple[Decimal, Decimal] | None:
    """(old, new): the amount a comparison just made is redone with ("65k instead of 40k", "make it 65k")."""
    before = _compared_amounts(state)
    new = [m.amount for m in slots.money if m.amount not in before]
    old = [m.amount for m in slots.money if m.amount in before]
    if len(new) != 1:
        return None
    if len(old) == 1:
        return old[0], new[0]
    sides = state.last_inputs or {}
    # one amount on each side, the same one ("$40k of Azure" against "$40k of RIs"): it is the one replaced
    shared = {Decimal(str(v)) for v in (sides.get("a") or {}).values()} & {Decimal(str(v)) for v in (sides.get("b") or {}).values()}
    return (shared.pop(), new[0]) if not old and len(shared) == 1 and (CORRECTION.search(message) or _REDO.search(message)) else None


_REDO = re.compile(r"\b(?:redo|re-?run|recalculate|recompute|again|instead|make\s+(?:it|that)|what\s+about|how\s+about|with)\b", re.I)


def coop_checked(state: ConversationState) -> dict:
    """What the co-op check just made started from, as a target counts it: the co-op accrued, or the
    incentive earned ({} when the last turn checked no co-op, or checked the co-op of billed lines)."""
    checked = state.last_inputs or {}
    if state.last_tool != "coop" or checked.get("lines"):
        return {}
    if checked.get("coop_accrual"):
        return {"coop_accrued": checked["coop_accrual"]}
    return {"earned": checked["total_incentive"]} if checked.get("total_incentive") else {}


def target_with_topic(message: str, state: ConversationState) -> dict | None:
    """A target the message asks only with the fact question before it: "What's the co-op usage threshold?", then
    "so how much Azure would we need to bill to get there?" is the billing that makes co-op usable."""
    from assistant.understanding.operations import read_target
    from assistant.understanding.slots import extract_slots

    if state.last_kind != "fact" or not state.last_topic:
        return None
    combined = f"{state.last_topic.rstrip()} {message}"
    return read_target(combined, extract_slots(combined))
