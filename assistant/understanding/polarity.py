"""Partner facts with their polarity: which requirement a message speaks of, and whether it holds.

A fact is named by a concept word ("MPN", "CDA", "bank and tax", "Silver") and denied by a
negation cue in its clause: before it ("we aren't Silver or Gold in anything", "no CDA
signed yet") or after it ("our MPN lapsed", "tax profile is still missing"). Clauses end at
punctuation and contrast words, so "Gold, not Silver" keeps Gold. A fact named inside a
question ("do we need an MPN?") states nothing about the partner and is left unknown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understanding.lexicon import LEXICON


@dataclass(frozen=True)
class FactRead:
    """One partner fact read from the message."""

    key: str
    value: bool | str
    start: int
    end: int
    #: the words that named it
    text: str
    #: the negation cue that denied it, if any
    cue: str = ""
    #: the clause that states it, as written ("our MPN lapsed in August")
    clause: str = ""


def _alts(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_CONCEPTS = {k: re.compile(r"(?<![\w-])(?:" + _alts(v) + r")(?![\w-])", re.I)
             for k, v in LEXICON["fact_concepts"].items()}
# Enrolment as an indirect reseller: "never actually enrolled as an indirect reseller". The
# program's name ("the indirect reseller incentive") names no fact about the partner.
_CONCEPTS["indirect_reseller"] = re.compile(
    r"(?<![\w-])(?:indirect[\s-]+resell(?:er|ers|ing)|enrol+ed|enrol+ment|enrollment)(?![\w-])"
    r"(?!\s+(?:csp\s+)?(?:incentives?|programs?|programmes?|guides?|rates?|requirements?))", re.I)
_NEG_BEFORE = re.compile(r"(?:(?<![\w'])|(?<=n))(?:" + _alts(LEXICON["negation"]["before"]) + r")(?![\w'])", re.I)
_NEG_AFTER = re.compile(r"(?<![\w'])(?:" + _alts(LEXICON["negation"]["after"]) + r")(?![\w'])", re.I)
_BREAKS = re.compile("|".join(re.escape(b) for b in LEXICON["clause_breaks"]), re.I)
BOTH_PARTS = re.compile(r"bank\w*\b.{0,30}\btax|tax\b.{0,30}\bbank", re.I | re.S)
_QUESTION = re.compile(r"^\s*(?:do|does|did|is|are|was|were|should|must|can|could|what|which|how|why|when|where|"
                       r"who|need|needs)\b", re.I)
_CONDITION = re.compile(r"\b(?:if|when|since|because|given\s+that|now\s+that|as\s+long\s+as|although|though|"
                        r"even\s+though|while)\b", re.I)
_WH = re.compile(r"(?:^|[,;:]\s*)(?:what|how|where|which|when|why|who|do\s+i|do\s+we|does|is|are|can|should)\b", re.I)
_LEVEL = re.compile(r"\b(silver|gold)\b", re.I)


def clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: from the last break before it to the first break after it."""
    lo = max((m.end() for m in _BREAKS.finditer(text, 0, start)), default=0)
    nxt = _BREAKS.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def negation_of(text: str, start: int, end: int) -> str:
    """The cue that denies the span within its clause ("" when none does)."""
    lo, hi = clause_at(text, start, end)
    before = list(_NEG_BEFORE.finditer(text, lo, start))
    if before:
        return before[-1].group(0)
    after = _NEG_AFTER.search(text, end, hi)
    return after.group(0) if after else ""


def _is_question(text: str, start: int, end: int) -> bool:
    sentence_end = text.find("?", end)
    stop = re.search(r"[.!\n]", text[end:])
    asked = sentence_end != -1 and (stop is None or end + stop.start() > sentence_end)
    sentence_start = max(text.rfind(".", 0, start), text.rfind("!", 0, start), text.rfind("\n", 0, start),
                         text.rfind("?", 0, start)) + 1
    before = text[sentence_start:start]
    if not asked or _CONDITION.search(before):
        return False  # "do we still qualify if our Silver expired?" states the fact it asks about
    return bool(_QUESTION.match(text[sentence_start:]) or _WH.search(before))


def read_facts(text: str) -> list[FactRead]:
    """Every partner fact the message states, with its polarity, in text order."""
    found: list[FactRead] = []
    taken: list[tuple[int, int]] = []
    for key, rx in _CONCEPTS.items():
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            if _is_question(text, m.start(), m.end()):
                continue
            cue = negation_of(text, m.start(), m.end())
            if key == "competency":
                level = _LEVEL.match(m.group(0))
                value: bool | str = "none" if cue else (level.group(1).lower() if level else True)
                if value is True:
                    continue  # "competency" alone, affirmed, says no level
            else:
                value = not cue
                if key == "bank_tax" and value and not BOTH_PARTS.search(text[max(0, m.start() - 40):m.end() + 40]):
                    continue  # "bank details entered" says nothing yet of the tax profile
            lo, hi = clause_at(text, m.start(), m.end())
            found.append(FactRead(key, value, m.start(), m.end(), m.group(0), cue, " ".join(text[lo:hi].split())[:80]))
    return sorted(found, key=lambda f: f.start)


def asked_only(text: str) -> set[str]:
    """Facts the message names only inside questions ("do we need an active MPN?"): it states none of them."""
    asked, stated = set(), set()
    for key, rx in _CONCEPTS.items():
        for m in rx.finditer(text):
            (asked if _is_question(text, m.start(), m.end()) else stated).add(key)
    return asked - stated


def facts_with_polarity(text: str) -> dict:
    """key -> value; a later statement of the same fact wins ("MPN active ... wait, it lapsed")."""
    out: dict = {}
    levels = []
    for f in read_facts(text):
        if f.key == "competency":
            levels.append(f.value)
        else:
            out[f.key] = f.value
    held = [v for v in levels if v != "none"]
    if held or levels:
        # "Gold, not Silver": a level held anywhere outweighs the one denied; all denied -> none.
        out["competency"] = held[0] if held else "none"
    return out
