"""'Is CPOR the same thing as DPOR?': two abbreviations the documents spell out differently are not the same.

The answer is No, with the sentence that defines each, cited; when either is not defined, the usual
sentence choice answers.
"""
from __future__ import annotations

import re

from assistant.answering.shapes import cited

_SAME = re.compile(r"\b(?P<a>[A-Za-z][A-Za-z0-9]{1,7})\s+(?:(?:the\s+)?same\s+(?:thing\s+|program\s+|as\s+)?(?:as\s+)?|identical\s+to\s+|"
                   r"equivalent\s+to\s+|another\s+(?:name|word)\s+for\s+|(?:just\s+)?a\s+different\s+name\s+for\s+)(?P<b>[A-Za-z][A-Za-z0-9]{1,7})\b",
                   re.I)
_DEFINES = r"\b{0}\b[^.]{{0,40}}\b(?:stands\s+for|means|is\s+short\s+for|refers\s+to)\b|\({0}\)"


def asked_pair(question: str, acronyms: dict[str, str]) -> tuple[str, str] | None:
    """The two abbreviations a sameness question sets side by side, when the documents spell out both differently."""
    m = _SAME.search(question)
    if not m:
        return None
    a, b = m.group("a").lower(), m.group("b").lower()
    if a == b or a not in acronyms or b not in acronyms or acronyms[a].lower() == acronyms[b].lower():
        return None
    return m.group("a"), m.group("b")


def not_the_same(pair: tuple[str, str], acronyms: dict[str, str], units, passages, cite) -> str | None:
    """"No. CPOR stands for Claimed Partner of Record [1]. DPOR stands for Digital Partner of Record [2]." or None
    when a defining sentence is missing for either."""
    pieces = []
    for short in pair:
        pattern = re.compile(_DEFINES.format(re.escape(short)), re.I)
        unit = next((u for u in units if u.kind in ("sentence", "item", "intro") and pattern.search(u.text)
                     and acronyms[short.lower()].lower() in u.text.lower()), None)
        if unit is None:
            return None
        pieces.append(cited(unit.text, cite(passages[unit.passage])))
    return "No. " + " ".join(pieces)
