"""The sentence around a span: what an amount, a percentage or a cue is read together with."""
from __future__ import annotations

import re

# A line break ends a sentence before a blank line or a table row or list item ("| TTM | $112,000 |");
# a hard-wrapped line of prose runs on.
_END = re.compile(r"[.!?;\n](?:\s|$)|\n(?=[|*•-]|\d{1,2}[.)]\s)")


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding position `start` begins."""
    return max((m.end() for m in _END.finditer(text, 0, start)), default=0)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (a sentence ends at . ! ? ; or a line break)."""
    nxt = _END.search(text, end)
    return text[sentence_start(text, start):nxt.start() if nxt else len(text)]
