"""Route a message to fact / payout / eligibility / coop / competency / forecast / out_of_scope, with slots."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from assistant.conversation import ConversationState
from assistant.understanding.glossary import in_english
from assistant.understanding.slots.flags import translated_flags
from assistant.understanding.slots import Slots, detect_flags, extract_slots, parse_levels
from assistant.understanding.slots.facts import parse_silver_thresholds
from assistant.understanding.slots.counts import COUNT_SUBJECTS
from assistant.understanding.slots.cues import COOP, COOP_PORTION, DOMAIN, OOS_TOPIC, OTHER_VENDOR, rule_scores
from assistant.understanding.followups import followup_kind, merge_inputs
from assistant.understanding.inputs import TOOLS, slot_inputs

KINDS = ("fact", "payout", "eligibility", "coop", "competency", "forecast", "out_of_scope")
# Below this share of the votes an off-topic reading is unsure: the question goes to the documents.
UNSURE_SCOPE = 0.5
EXAMPLES_PATH = Path(__file__).with_name("intent_examples.yaml")


@dataclass(frozen=True)
class Intent:
    """A routed message: kind, confidence, slots, calculator inputs (merged for follow-ups) and retrieval query."""

    kind: str
    confidence: float
    slots: Slots
    followup: bool = False
    flags: frozenset[str] = frozenset()
    inputs: dict = field(default_factory=dict)
    query: str = ""
    scores: dict = field(default_factory=dict)

    @property
    def tool(self) -> str | None:
        return self.kind if self.kind in TOOLS else None


def load_examples(path: Path | None = None) -> list[tuple[str, str]]:
    """(message, kind) pairs from the labelled examples file (a mapping kind -> list of messages)."""
    data = yaml.safe_load(Path(path or EXAMPLES_PATH).read_text(encoding="utf-8"))
    return [(str(msg), kind) for kind, msgs in data.items() for msg in msgs]


class Router:
    """kNN over embedded labelled examples, combined with precise rules and session memory."""

    def __init__(self, encoder, examples_path: Path | None = None, k: int = 5):
        self.encoder = encoder
        self.k = k
        examples = load_examples(examples_path)
        self.texts = [t for t, _ in examples]
        self.labels = np.array([KINDS.index(kind) for _, kind in examples])
        self.matrix = encoder.encode(self.texts)

    def knn(self, message: str) -> dict[str, float]:
        """Similarity-weighted vote of the k nearest examples; sums to 1."""
        q = self.encoder.encode([message])[0]
        sims = self.matrix @ q
        top = np.argsort(-sims)[: self.k]
        votes = dict.fromkeys(KINDS, 0.0)
        weights = np.clip(sims[top], 0.0, None) ** 2 + 1e-6
        for idx, w in zip(top, weights):
            votes[KINDS[self.labels[idx]]] += float(w)
        total = sum(votes.values())
        return {kind: v / total for kind, v in votes.items()}

    def route(self, message: str, state: ConversationState | dict | None = None) -> Intent:
        """Route one message; `state` is the session memory (a ConversationState)."""
        state = state if isinstance(state, ConversationState) else ConversationState.load(state)
        slots = extract_slots(resolve_ones(message, state))
        # a message in Spanish, Portuguese, French or German is also read in its English form
        english = in_english(message)
        flags = frozenset(detect_flags(message) | (translated_flags(english) if english != message else set()))
        if flags:
            return Intent("out_of_scope", 1.0, slots, False, flags, {}, message, {})
        # The examples and the embedding model are English: a message in another language is matched, and its
        # cues read, in its English form as well ("Komen wij in aanmerking…" asks "are we eligible…").
        scores = self.knn(english)
        boosts = rule_scores(message, slots)
        if english != message:
            boosts = {k: max(v, w) for (k, v), w in zip(boosts.items(), rule_scores(english, slots).values())}
        for kind, boost in boosts.items():
            scores[kind] += boost
        kind = max(scores, key=scores.get)
        if kind == "coop" and not (COOP.search(message) or COOP_PORTION.search(message)) and \
                not {"total_incentive", "coop_accrual", "rebate_portion"} & set(slots.facts):
            # An amount is an incentive to split only when the words call it one: "we did 40k" is billing.
            kind = "payout"
        follow = followup_kind(message, slots, state, kind, scores)
        said = message
        if not follow and english != message:
            # "E quanto a mais em Azure precisaríamos faturar…?": a follow-up's cues read in its English form
            follow = followup_kind(english, slots, state, kind, scores)
            said = english if follow else message
        followup, query = False, message
        if follow:
            kind, followup = follow, True
            if kind == "fact" and state.last_topic:
                query = f"{state.last_topic} {message}"
        inputs = merge_inputs(kind, said, slots, state) if followup else slot_inputs(kind, message, slots)
        if kind == "competency" and not inputs.get("level") and not inputs.get("competency") and \
                state.last_kind == "fact" and state.last_topic:
            # "What's the Silver requirement on new customers?" then "we have 5, enough?": the level asked before
            topic = parse_levels(state.last_topic)
            if topic.get("level") or topic.get("competency"):
                inputs = {**inputs, "level": topic.get("level") or topic.get("competency")}
            if parse_silver_thresholds(state.last_topic).get("customers_only"):
                inputs = {**inputs, "customers_only": True}  # "what's Silver's requirement on new customers?" then "5, enough?"
        positive = {k: max(v, 0.0) for k, v in scores.items()}
        confidence = 1.0 if followup else positive[kind] / (sum(positive.values()) or 1.0)
        if kind == "out_of_scope" and (confidence < UNSURE_SCOPE or DOMAIN.search(message)) \
                and not (OOS_TOPIC.search(message) or OTHER_VENDOR.search(message)):
            # Unsure it is off-topic, or it speaks of the program ("forecasting our rebates"): the documents decide,
            # and the fact answer declines when they do not support it.
            kind, inputs = "fact", {}
            confidence = positive["fact"] / (sum(positive.values()) or 1.0)
        return Intent(kind, round(min(max(confidence, 0.0), 1.0), 3), slots, followup, flags, inputs, query,
                      {k: round(v, 3) for k, v in scores.items()})


_ONES = re.compile(r"\bones\b", re.I)


def resolve_ones(message: str, state: ConversationState) -> str:
    """"we have 5 new O365 ones" right after a question about new customers, or after naming them in the same
    message ("how many more new O365 customers for Gold? we've signed 17 new ones"): "ones" takes the count
    noun named before, so the count is read as that count."""
    ones = _ONES.search(message)
    if not ones:
        return message
    topic = message[:ones.start()] + " " + (state.last_topic or "")
    for rx in COUNT_SUBJECTS.values():
        noun = next((w for w in rx.finditer(topic) if w.group(0)[-1:].lower() == "s"), None)
        if noun:
            return _ONES.sub(noun.group(0), message)
    return message


def missing_inputs(intent: Intent) -> list[str]:
    """What the intent's calculator still needs, for one clarifying question (from its declaration)."""
    from calculators.registry import REGISTRY

    if intent.kind not in REGISTRY:
        return []
    if intent.kind == "payout" and intent.slots.unknown_products:
        return []  # answered by naming the product that has no rate
    missing = REGISTRY[intent.kind].missing(intent.inputs)
    if not missing and intent.kind == "target" and intent.inputs.get("goal") == "incentive" and not intent.inputs.get("amount"):
        return ["amount"]  # an incentive goal needs its amount (a usable co-op is a goal of its own)
    return missing
