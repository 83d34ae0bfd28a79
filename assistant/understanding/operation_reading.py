"""A target or compare question the router files under payout or co-op: the goal to solve for, or the two sides
to set against each other, read from the message (or, written in another language, from its English form)."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.conversation import ConversationState
from assistant.understanding.compare_followup import read_compare_followup
from assistant.understanding.comparisons import read_compare
from assistant.understanding.glossary import in_english
from assistant.understanding.last_turn import coop_checked
from assistant.understanding.operations import MORE_NEEDED, read_target
from assistant.understanding.slots import extract_slots


def _operation(intent, text: str, state: ConversationState | None = None):
    """A target or compare question the router files under payout or co-op: reverse or side by side."""
    if intent.flags or intent.kind == "out_of_scope":
        return intent
    if intent.followup:
        return _followup_operation(intent, text, state)
    for kind, read in (("target", read_target), ("compare", read_compare)):
        inputs = read(text, intent.slots)
        if inputs is not None:
            extra = {k: v for k, v in intent.inputs.items() if k in ("as_of", "fiscal_year")}
            if "as_of" not in extra and intent.slots.as_of:
                extra["as_of"] = intent.slots.as_of.isoformat()
            return replace(intent, kind=kind, inputs={**inputs, **extra})
    return intent


def operation(intent, message: str, state: ConversationState | None = None):
    """The intent as a target or compare question when the message asks one, else the intent itself."""
    routed = _operation(intent, message, state)
    if routed is intent and (english := in_english(message)) != message:
        # "E quanto a mais em Azure precisaríamos…?", "Wie viel Umsatz müssen wir abrechnen?": read in English, when
        # the English form holds the same amounts and products
        read = extract_slots(english)
        same = sorted(m.amount for m in read.money) == sorted(m.amount for m in intent.slots.money) \
            and set(read.products) <= set(intent.slots.products)
        if intent.followup or (same and intent.kind in ("payout", "coop")):
            routed = _operation(intent if intent.followup else replace(intent, slots=read), english, state)
            routed = intent if routed.kind == intent.kind and not intent.followup else routed
            if intent.kind == "coop" and not intent.followup and not routed.inputs.get("product"):
                routed = intent  # a co-op question becomes a target only when a product's billing is what is solved for
    return routed


_ON_TOP = re.compile(r"\b(?:on\s+top\s+of\s+(?:that|this|it|those|these)|in\s+addition(?:\s+to\s+(?:that|this|it))?|besides\s+(?:that|this))\b", re.I)

def _followup_operation(intent, text: str, state: ConversationState | None):
    """A follow-up that asks what the last billing would earn as another product, or what billing a goal needs."""
    if state is None or intent.kind not in ("payout", "coop", "forecast", "target", "compare"):
        return intent
    last = (state.last_inputs or {}).get("lines") if state.last_tool == "payout" else None
    if state.last_tool == "coop" and not intent.slots.money:
        # "$64k of Software in CSP", "rebate vs co-op?", then "how much more if those had been Strategic Software?":
        # the billing the split was of
        last = (state.earlier_inputs or {}).get("lines")
    if last:
        switched = read_compare_followup(text, intent.slots, last)
        if switched is not None:
            kind, inputs = switched
            carried = {k: v for k, v in intent.inputs.items() if k in ("as_of", "fiscal_year")}
            return replace(intent, kind=kind, inputs={**carried, **inputs})
    have = coop_checked(state)
    if intent.kind == "target" and have and len(set(intent.slots.products)) == 1:
        # the co-op (or incentive) just checked, and the billing of one product that would make it usable
        carried = {k: v for k, v in state.last_inputs.items() if k == "as_of"}
        return replace(intent, inputs={**carried, "goal": "coop_usable", **have, "product": intent.slots.products[0]})
    if state.last_tool != "target":
        slots = intent.slots
        if not last and state.last_tool == "coop":
            last = (state.earlier_inputs or {}).get("lines")  # the co-op just split was of this billing
        if last and len(last) == 1 and not slots.products:
            # "how much more would we need to bill to get to $10k?": the product just billed.
            (key, value), = last.items()
            slots = replace(slots, products=(key,), lines={key: Decimal(str(value))})
        elif last and slots.products and not slots.lines and (set(slots.products) <= set(last) and MORE_NEEDED.search(text)
                                                               or _ON_TOP.search(text)):
            # "how much more Azure would we need for usable co-op?", "how much D365 on top of that?": on top of
            # all the billing just used
            slots = replace(slots, lines={k: Decimal(str(v)) for k, v in last.items()})
        inputs = read_target(text, slots)
        if inputs is not None and inputs.get("goal") == "coop_usable" and not last and have:
            inputs = {**inputs, **have}  # "how much more incentive for the co-op to reach the threshold?": from what was checked
        if inputs is not None:
            carried = {k: v for k, v in (state.last_inputs or {}).items() if k == "as_of" and last}
            return replace(intent, kind="target", inputs={**carried, **inputs})
    return intent
