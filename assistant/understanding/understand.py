"""understand(message, state) -> Understanding: the one call that reads a partner's message.

It routes the message (intent and confidence), reads the calculator inputs as spans (amounts
with the words they came from, facts with their polarity), decides whether the message
continues the conversation, asks a question of the rules rather than of the partner's case,
or asks for a target or a comparison, and completes the inputs with what follows from the
whole message. Nothing after it reads the raw text to decide what was meant.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant import tools
from assistant.answer import Understood
from assistant.answering.alternatives import named as alternatives_named
from assistant.conversation import ConversationState
from assistant.understanding.glossary import in_conversation_style, in_english
from assistant.understanding.then_and_now import contrasted_earlier
from assistant.understanding.inputs import slot_inputs
from assistant.understanding.router import Intent, Router, missing_inputs
from assistant.understanding.slots.cues import FORECAST as FORECAST_CUE
from assistant.understanding.lexicon import LEXICON
from calculators.registry import ELIGIBILITY_FACTS
from assistant.understanding.scaling import scale_factor, scaled_lines
from assistant.understanding.slots.runs import named_months
from assistant.understanding.operation_reading import operation
from assistant.understanding.tables import rows_as_cells
from assistant.understanding.readback import understood
from assistant.understanding.rules_asked import asked_sentence, asks_about_rules, asks_own_amount, goal_without_amount

# A follow-up asking when a rule started or where it comes from, answered from the rules themselves.
PROVENANCE = re.compile(r"\b(since when|from when|when did|when does|when was|start|effective|"
                        r"where does|source|says who|who says|reference)\b", re.I)


class Understanding(BaseModel):
    """What one message says, as read: the decisions, the inputs, and why."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    #: fact, payout, eligibility, coop, competency, forecast, target, compare, out_of_scope or small_talk
    intent: str
    confidence: float = 1.0
    followup: bool = False
    flags: list[str] = Field(default_factory=list)
    #: the calculator inputs, complete as far as the message and the conversation allow
    inputs: dict = Field(default_factory=dict)
    #: every input read, with the words it came from (the "what I understood" line)
    read: list[Understood] = Field(default_factory=list)
    #: required inputs still missing, for one clarifying question
    missing: list[str] = Field(default_factory=list)
    #: the retrieval query (the message, or the earlier topic plus the message)
    query: str = ""
    #: a follow-up asking where the last calculation's rules come from
    provenance: bool = False
    #: why each decision was taken, in order
    reasons: list[str] = Field(default_factory=list)
    #: the routed intent with its slots, for the answering step (not serialised)
    routed: Any = Field(default=None, exclude=True)


ELLIPTIC = re.compile(r"^\s*(?:and|but|what about|how about|before|after|since|from|for|in)\b", re.I)
PERIOD_END = re.compile(r"\b(?:end(?:ed|s|ing)?|clos(?:ed|es|ing))\b", re.I)


_TIME_SHIFT = re.compile(r"^\W*(?:and|but|what\s+about|how\s+about)\b[^?]{0,40}\b(?:before|after|earlier|previously|back\s+then|"
                         r"now|today|these\s+days|since|until|prior)\b", re.I)


def fact_followup(intent, text: str, state: ConversationState) -> bool:
    """A short elliptic message right after a fact answer ("and before October 2021?") continues it.

    It continues the fact even when an earlier calculation is still in memory, unless the message
    brings new amounts, products or partner facts of its own.
    """
    if intent.flags or state.last_kind != "fact" or not state.last_topic:
        return False
    if not ELLIPTIC.search(text) or len(text.split()) > 10:
        return False
    slots = intent.slots
    own_inputs = slots.money or slots.products or {k: v for k, v in slots.facts.items() if k != "level"}
    if intent.kind == "fact" and not own_inputs and alternatives_named(text):
        return True  # "and for Gold, how many more?": the same question about another alternative
    if intent.kind == "fact" and not own_inputs and _TIME_SHIFT.search(text):
        return True  # "and before the October 2021 change?": the same question at another time
    return intent.kind == "out_of_scope" or (intent.followup and intent.kind != "fact" and not own_inputs)


# Greetings, thanks and requests for help get a short guide, not an abstention.
# A question about the co-op against its threshold: "how far is our co-op from the usage threshold?"
_COOP_GAP = re.compile(r"\bco[\s-]?op\b[^?]{0,60}\b(?:short|shortfall|gap|far|usable|threshold|reach|unlock)|"
                       r"\b(?:short|shortfall|gap|far|usable|threshold|reach|unlock)\w*\b[^?]{0,60}\bco[\s-]?op\b", re.I)


def _coop_gap_asked(message: str) -> bool:
    """The co-op's distance to its threshold is asked, in the asking sentence or in one that says what is wanted
    ("They want to know by how much their co-op falls short of the usage threshold. Can you work it out?")."""
    # ("¿Cuánto nos falta de fondos cooperativos para llegar al umbral?": asked in another language, read in English)
    return any(bool(_COOP_GAP.search(asked_sentence(m)) or any(
        _COOP_GAP.search(s) and _HOW_FAR.search(s) for s in re.split(r"(?<=[.!?\n])\s+", m)))
        for m in dict.fromkeys((message, in_english(message))))


_HOW_FAR = re.compile(r"\b(?:by\s+)?how\s+(?:much|far)\b|\bwhat(?:['’]s|\s+is)\s+the\s+(?:gap|shortfall)\b", re.I)


SMALL_TALK = re.compile(r"^\s*(?:hi|hello|hey|help|thanks?|thank you|ty|cheers|good (?:morning|afternoon|evening)"
                        r"|what can you do|who are you)\b[\s!.?]*$", re.I)


def projected(intent: Intent, message: str) -> bool:
    """A payout or co-op question that gives a growth rate for a coming period asks about a projection."""
    slots = intent.slots
    return (intent.kind in ("payout", "coop") and not intent.followup and slots.percent is not None
            and bool(slots.lines) and bool(FORECAST_CUE.search(message)))


_GROWTH_WORD = re.compile(r"\b(?:grow\w*|growth|increase\w*|expand\w*|rise|up\s+by)\b", re.I)


# Growth that already happened: "up 18% YoY", "we grew 20%", "the fastest growing partner".
_PAST_GROWTH = re.compile(r"\b(?:up|down)\s+(?:by\s+)?\d+(?:\.\d+)?\s?%(?:\s*(?:yoy|y/y|year[\s-]over[\s-]year|on\s+last\s+year|"
                          r"vs\.?\s+last\s+year))?|\b(?:grew|growed)\b[^.,;]{0,20}|\b(?:fastest|fast)[\s-]growing\b|"
                          r"\b(?:yoy|y/y|year[\s-]over[\s-]year)\b", re.I)


def growth_missing(intent: Intent, message: str) -> list[str]:
    """A projection that speaks of growth without saying how much asks for the rate instead of assuming none."""
    inputs = intent.inputs
    if intent.kind == "forecast" and inputs.get("growth") is None and not inputs.get("past") and \
            not inputs.get("growth_by_product") and _GROWTH_WORD.search(message):
        return ["growth"]
    return []


_MONTHLY = re.compile(r"\bmonthly\b|\b(?:12|twelve)\s+months\b|\bby\s+month\b", re.I)
_QUARTERLY = re.compile(r"\bquarterly\b|\bby\s+quarter\b|\b(?:four|4)\s+quarters\b", re.I)
_EVERYTHING = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in LEXICON["everything_met"]) + r")\b", re.I)


def completed_inputs(intent: Intent, text: str) -> dict:
    """The intent's inputs plus what follows from the whole message: a new dict, the intent untouched."""
    inputs, kind, slots = dict(intent.inputs), intent.kind, intent.slots
    if kind == "eligibility" and not inputs.get("partner_type"):
        # "bank profile still incomplete - are we eligible?": a requirement of both types unmet decides it either way
        inferred = tools.infer_partner_type(inputs, text) or ("reseller" if tools.shared_unmet(inputs) else None)
        if inferred:
            inputs["partner_type"] = inferred
    twelve = [m for m in slots.money if m.basis and m.basis[3] == 12 and not m.basis[2] and m.amount in slots.unpaired] \
        if kind == "eligibility" and "ttm_revenue" not in inputs and not slots.lines else []
    if len(twelve) == 1:
        # "we've billed a steady $2,100 every month - 12 months now": twelve months of billing is the TTM revenue
        inputs["ttm_revenue"] = format(twelve[0].amount, "f")
    elif kind == "eligibility" and "ttm_revenue" not in inputs and not slots.lines:
        listed = [m for m in slots.money if m.amount in slots.unpaired and not m.per]
        # "Quarterly CSP revenue: Q1 5,900; Q2 6,300; Q3 6,150; Q4 6,450", twelve monthly ledger rows: a year of revenue
        if len(listed) >= 2 and (named_months(text, listed) == 12 or (len(listed) == 12 and _MONTHLY.search(text))
                                 or (len(listed) == 4 and _QUARTERLY.search(text))):
            inputs["ttm_revenue"] = format(sum((m.amount for m in listed), Decimal(0)), "f")
    if kind == "eligibility" and inputs.get("partner_type") and _EVERYTHING.search(text):
        # "everything else is done": each requirement the message does not state otherwise is met
        for fact in ELIGIBILITY_FACTS[inputs["partner_type"]]:
            if fact != "ttm_revenue" and fact not in inputs:
                inputs[fact] = "silver" if fact == "competency" else True
    if kind == "coop" and inputs.get("as_of") and PERIOD_END.search(text):
        inputs["earning_period_end"] = inputs["as_of"]
    if kind == "forecast" and inputs.get("lines"):
        if intent.followup and _ONE_MORE_PERIOD.search(text):
            inputs["periods"] = int(inputs.get("periods") or 1) + 1  # "and the half after that?"
        elif periods := (tools.forecast_periods(text, inputs.get("period_months"))
                         or tools.forecast_periods(in_english(text), inputs.get("period_months"))):
            # ("volgende periode": the span named in the partner's language reads in English too)
            inputs["periods"] = periods
        past = tools.past_periods(slots)
        if past:
            inputs["past"] = past
    if slots.per and kind in ("payout", "coop", "forecast") and slots.lines:
        inputs["per"] = slots.per
    return inputs


_ONE_MORE_PERIOD = re.compile(r"\b(?:half|period|semester|earning\s+period|one)\s+after\s+(?:that|this|it)\b|"
                              r"\b(?:the\s+)?following\s+(?:half|period|semester|one)\b", re.I)


_SPOKEN: dict[str, str] = LEXICON["spoken_forms"]
# "three six five", "three-six-five": the words of a spoken form joined by spaces or hyphens alike
_SPOKEN_RX = re.compile(r"\b(?:" + "|".join(re.escape(k).replace(r"\ ", r"[\s-]+") for k in sorted(_SPOKEN, key=len, reverse=True))
                        + r")\b", re.I)


def standard_spelling(message: str) -> str:
    """Spoken or loosely typed forms as the documents write them ("office three sixty five" -> "office 365",
    "co op" -> "co-op"): read once, for understanding and for searching the documents alike."""
    message = _EMPHASIS.sub(r"\2", message)  # "the *strategic* software": emphasis marks are not words
    message = _WERE_FOR_WE_ARE.sub(r"\1we're\2", message)  # "… for gold? were at 19": "we're" typed without its apostrophe
    return _SPOKEN_RX.sub(lambda m: _SPOKEN[" ".join(re.split(r"[\s-]+", m.group(0).lower()))], message)


_WERE_FOR_WE_ARE = re.compile(r"(^|[.?!;,]\s+|\n\s*)were(\s+(?:at(?!\s+least)|only|now|currently|still|already|just)\b)", re.I)
_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,2})(?=[^\s*_])([^*_\n]{1,60}?)(?<=[^\s*_])\1(?![\w*])")


def written(message: str) -> str:
    """The message in its standard spelling, pasted comma- or tab-separated rows as cells."""
    # "tax_profile: incomplete", "mpn_active: yes": a field name pasted from a system reads as its words.
    message = _SNAKE.sub(" ", message)
    return rows_as_cells(standard_spelling(message))


_SNAKE = re.compile(r"(?<=[A-Za-z])_(?=[A-Za-z])")


def understand(message: str, state: ConversationState, router: Router) -> Understanding:
    """Read one (already validated) message in the light of the conversation so far."""
    message = in_conversation_style(written(message), state.language)
    if SMALL_TALK.search(message):
        return Understanding(intent="small_talk", reasons=["a greeting or a request for help"])
    intent = router.route(message, state)
    reasons = [f"routed to {intent.kind} ({intent.confidence:.2f})" + (" as a follow-up" if intent.followup else "")]
    if intent.flags:
        reasons.append("flagged: " + ", ".join(sorted(intent.flags)))
    routed = operation(intent, message, state)
    if routed.kind != intent.kind:
        reasons.append(f"a {routed.kind} question: " + ("a goal and a product to solve for" if routed.kind == "target"
                                                       else "two alternatives and a difference asked for"))
    intent = routed
    if projected(intent, message):
        intent = replace(intent, kind="forecast", inputs=slot_inputs("forecast", message, intent.slots))
        reasons.append("a growth rate for a coming period: a projection (only the forecast uses growth)")
    elif intent.kind == "forecast" and not intent.followup and intent.slots.lines and \
            not FORECAST_CUE.search(_PAST_GROWTH.sub(" ", message)):
        # "$57,300 of Azure (up 18% YoY): our incentive?": growth already had is history, not a projection
        intent = replace(intent, kind="payout", inputs=slot_inputs("payout", message, intent.slots))
        reasons.append("growth named only as what already happened: the incentive on the billing given")
    if intent.kind == "payout" and not intent.followup and intent.slots.lines and _coop_gap_asked(message):
        # "$45k of M365 a month for Jul-Dec: what's the shortfall between our co-op and the threshold?": the co-op check
        intent = replace(intent, kind="coop", inputs=slot_inputs("coop", message, intent.slots))
        reasons.append("the co-op's distance to its usage threshold asked: the co-op check")
    if asks_about_rules(intent, message):
        intent = replace(intent, kind="fact")
        reasons.append("no facts of the partner's own: a question about the rules")
    # (a rules question may still speak of the partner's own billing: "we sold mostly M365 … will our co-op be big enough?")
    if (goal_product := goal_without_amount(intent, message)):
        intent = replace(intent, kind="target", inputs={"goal": "incentive", "product": goal_product})
        reasons.append("a billing goal named without its amount: the amount is needed")
    elif asks_own_amount(intent, message):
        intent = replace(intent, kind="payout", inputs=slot_inputs("payout", message, intent.slots))
        reasons.append("the partner's own billing spoken of and its incentive asked: the amounts are needed")
    if fact_followup(intent, message, state):
        intent = replace(intent, kind="fact", followup=True, query=f"{state.last_topic} {message}")
        reasons.append("continues the last fact answer")
    inputs = completed_inputs(intent, message) if intent.tool else dict(intent.inputs)
    if intent.kind == "target" and inputs.get("goal") == "coop_usable" and (earlier := contrasted_earlier(message)):
        # "after October 2021 compared with before it": the goal under the earlier rules, today's beside it
        inputs["as_of"] = earlier.isoformat()
        reasons.append("a usable-co-op goal compared before and after a change: the earlier rules, and today's")
    evidence = intent.slots.evidence
    scaled = scale_factor(message) if intent.tool and intent.kind in ("payout", "coop") and inputs.get("lines") else None
    if scaled:
        # "if we had billed 15% more than that": the billing asked about is the changed one, and its words show the change
        inputs = {**inputs, "lines": scaled_lines(inputs["lines"], scaled[0])}
        evidence = tuple((k, f"{words}, {scaled[1]}" if k in inputs["lines"] else words) for k, words in evidence)
    intent = replace(intent, inputs=inputs)
    return Understanding(
        intent=intent.kind, confidence=intent.confidence, followup=intent.followup, flags=sorted(intent.flags),
        inputs=inputs, read=understood(inputs, evidence, message) if intent.tool else [],
        missing=(missing_inputs(intent) or growth_missing(intent, message)) if intent.tool else [],
        query=intent.query or message,
        provenance=bool(intent.kind == "fact" and intent.followup and PROVENANCE.search(message)),
        reasons=reasons, routed=intent)
