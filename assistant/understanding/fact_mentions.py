"""Each mention of a partner fact, read with its polarity, in text order.

:mod:`assistant.understanding.polarity` says whether one span is denied, unknown or asked; this reads every
mention of a fact in the message with it, including what a mention takes from the one before it ("neither is
the tax profile", "no competency yet, Silver or Gold") and what the next sentence takes back ("Well, it lapsed").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.understanding.checklist_status import status_of
from assistant.understanding.polarity import (_CONCEPTS, _LEVEL, _OR_NOT, _WHERE_ENTERED, AIM_AFTER, _is_question, aimed_before,
                                              clause_at, negation_of, unknown_of)


@dataclass(frozen=True)
class FactRead:
    """One partner fact read from the message."""

    key: str
    #: True / False, a level ("gold", "silver", "none"), or None when the partner says it does not know
    value: bool | str | None
    start: int
    end: int
    #: the words that named it
    text: str
    #: the negation cue that denied it, if any
    cue: str = ""
    #: the clause that states it, as written ("our MPN lapsed in August")
    clause: str = ""


_SO_TOO = re.compile(r"[^.;!?]{0,80}\b(?:and\s+)?(?:neither|nor|so)\s+(?:is|are|was|were|has|have|does|do|did)\s+(?:the\s+|our\s+|my\s+)?$",
                     re.I)


# A profile or agreement in the middle of a change ("changing banks", "switching our bank account to …")
_BEING_CHANGED = re.compile(r"\b(?:chang|switch|mov|updat|migrat|replac|swapp)ing\s+(?:(?:our|the|its|their|my)\s+)?(?:new\s+)?$",
                            re.I)


# "no competency yet, silver or gold", "no competency (Silver/Gold)": the levels named as what is denied
_APPOSITION = re.compile(r"\s*(?:(?:yet|at\s+all|so\s+far|either)\s*)?[,(:–—-]\s*(?:(?:neither|either|not|no)\s+)?$", re.I)


def _denied_before(found, text: str, start: int) -> bool:
    before = next((f for f in reversed(found) if f.end <= start), None)
    return bool(before and before.key == "competency" and before.value == "none" and before.text.lower().startswith("compet")
                and _APPOSITION.fullmatch(text[before.end:start]))


def read_facts(text: str) -> list[FactRead]:
    """Every partner fact the message states, with its polarity, in text order. A fact named twice in one clause
    ("Not sure our enrollment as a CSP Indirect Reseller ever went through") keeps the reading its cue gave."""
    found = _read_facts(text)
    return [f for i, f in enumerate(found)
            if f.cue or not any(g.key == f.key and g.clause == f.clause and g.cue for g in found[:i])]


@lru_cache(maxsize=256)
def _read_facts(text: str) -> tuple[FactRead, ...]:
    # Read twice a turn (the slots, then the read-back line): once is enough.
    found: list[FactRead] = []
    taken: list[tuple[int, int]] = []
    for key, rx in _CONCEPTS.items():
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append(m.span())
            if _is_question(text, m.start(), m.end()) or _OR_NOT.match(text, m.end()):
                continue  # "Gold or not?" asks; it states nothing
            if key == "piexp_onboarded" and _WHERE_ENTERED.search(text, max(0, m.start() - 40), m.start()):
                continue  # "tax info in PIExp - NOT completed": the tool is where the profile goes, not the onboarding
            status = status_of(text, m.start(), m.end())
            if not status and key != "competency" and _BEING_CHANGED.search(text, max(0, m.start() - 30), m.start()):
                status = ("deny", "being changed")  # "our treasury team is changing banks": not in place until it is done
            if status:
                unknown = status[1] if status[0] == "unknown" else ""
                cue = status[1] if status[0] == "deny" else ""
            else:
                unknown = unknown_of(text, m.start(), m.end())
                cue = "" if unknown else negation_of(text, m.start(), m.end())
            value: bool | str | None
            if unknown:
                value, cue = None, unknown  # "haven't checked our MPN": not known, so not denied either
            elif key == "competency" and _denied_before(found, text, m.start()):
                value, cue = "none", "no competency"  # "we don't hold any competency yet, silver or gold": the kinds denied
                lo, hi = clause_at(text, m.start(), m.end())
                found.append(FactRead(key, value, m.start(), m.end(), m.group(0), cue, " ".join(text[lo:hi].split())[:80]))
                continue
            elif key == "competency":
                level = _LEVEL.match(m.group(0))
                if level and not cue and (AIM_AFTER.match(text, m.end()) or aimed_before(text, m.start())):
                    continue  # "are we Gold-ready?" asks about Gold; it does not say Gold is held
                value = "none" if cue else (level.group(1).lower() if level else True)
                if value is True:
                    continue  # "competency" alone, affirmed, says no level
            else:
                value = not cue
            before = next((f for f in reversed(sorted(found, key=lambda f: f.start)) if f.end <= m.start()), None)
            if before is not None and key != "competency" and isinstance(before.value, bool) and \
                    _SO_TOO.match(text, before.end, m.start()):
                # "the bank profile is not incomplete and neither is the tax profile": the same holds of this one
                value, cue = before.value, before.cue
            lo, hi = clause_at(text, m.start(), m.end())
            found.append(FactRead(key, value, m.start(), m.end(), m.group(0), cue, " ".join(text[lo:hi].split())[:80]))
    return tuple(_retracted(text, sorted(found, key=lambda f: f.start)))


# "Our MPN ID is active. Well — it was, until March, when it lapsed": the next sentence takes the fact back by a pronoun
_RETRACTS = re.compile(r"\s*(?:well|actually|wait|correction|sorry|hmm+|update|oh|scratch\s+that)\b[^.!?]{0,60}?\b(?:it|that|they|this)\b"
                       r"[^.!?]{0,50}?\b(?:lapsed|expired|inactive|no\s+longer|not\s+active|cancel+ed|ended|ran\s+out|got\s+revoked|"
                       r"was\s+revoked|(?:was|were)\s*,?\s+until)\b", re.I)


def _retracted(text: str, found: list[FactRead]) -> list[FactRead]:
    out = list(found)
    for i, f in enumerate(out):
        end = re.search(r"[.!?]", text[f.end:])
        if f.value is True and end and _RETRACTS.match(text, f.end + end.end()) and \
                not any(g.start > f.end and g.start < f.end + end.end() + 80 for g in out[i + 1:] if g.key == f.key):
            out[i] = FactRead(f.key, False, f.start, f.end, f.text, "taken back in the next sentence", f.clause)
    return out
