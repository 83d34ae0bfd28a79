"""One requirement asked about by name ("do we meet the revenue threshold?"): its own yes or no leads the check.

The eligibility check answers for the incentive as a whole, and with facts missing its verdict is "not
confirmed yet". A partner who asked about one requirement still gets a plain answer for that one first.
"""
from __future__ import annotations

import re

#: how a question names each requirement of the check
_NAMES = {
    "ttm_revenue": r"\b(?:revenue|ttm|trailing[\s-]+twelve[\s-]+months?)\s+(?:revenue\s+)?(?:threshold|requirement|minimum|bar|line|floor|rule)\b"
                   r"|\b(?:ttm|trailing[\s-]+twelve[\s-]+months?)\b",
    "bank_tax": r"\b(?:bank|tax|banking)\b[^?.]{0,30}\b(?:profiles?|details|information)\b",
    "mpn_active": r"\bmpn\b",
    "competency": r"\bcompetenc(?:y|ies)\s+(?:requirement|rule)\b",
    "cda_active": r"\b(?:cloud\s+)?distributor\s+agreement\b|\bcda\b",
    "piexp_onboarded": r"\bpiexp\b|\bonboard",
}
_ASKS_ONE = re.compile(r"\b(?:do|does|did|are|is|would|will|have)\s+(?:we|i|our|that|it|this)\b[^?]{0,60}?\b(?:meet|meets|clear|clears|pass|"
                       r"passes|satisfy|satisfies|enough|sufficient|count|counts|reach|reaches|over|above|below|under|fine|ok|okay)\b", re.I)


def asked_requirement(text: str) -> str | None:
    """The key of the one requirement the asking sentence names, or None."""
    asks = [s for s in re.split(r"(?<=[.!?\n])\s+", text) if "?" in s] or [text]
    sentence = asks[-1]
    if not _ASKS_ONE.search(sentence) or re.search(r"\beligib|\bqualif", sentence, re.I):
        return None  # "are we eligible?" asks for the whole check
    named = [key for key, rx in _NAMES.items() if re.search(rx, sentence, re.I)]
    return named[0] if len(named) == 1 else None


def lead(result, text: str) -> str:
    """"Yes: …" or "No: …" for the requirement asked, or "" when none is asked or it is unknown."""
    key = asked_requirement(text)
    req = next((r for r in getattr(result, "requirements", []) if r.key == key), None)
    if req is None or req.status == "unknown":
        return ""
    label = req.label[:1].lower() + req.label[1:] if not req.label[1:2].isupper() else req.label
    if req.status == "met":
        return f"**Yes, you meet the {label}** ({req.detail}). "
    return f"**No, you do not meet the {label}** ({req.detail}). "
