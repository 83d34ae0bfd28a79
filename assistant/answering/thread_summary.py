"""'What's the bottom line of that forum thread?': the accepted answer, which is what the thread concluded.

A question that asks for a thread's summary, conclusion or accepted answer is answered from the accepted
post of the closest thread among the hits, its opening sentences, cited; with no accepted post the usual
sentence choice answers.
"""
from __future__ import annotations

import re

from assistant.answering.shapes import cited

_ASKS_CONCLUSION = re.compile(r"\b(?:bottom\s+line|summar(?:y|ise|ize|ised|ized)|tl;?\s?dr|conclusion|concluded|verdict|upshot|gist|"
                              r"accepted\s+(?:answer|solution|reply)|the\s+solution|resolved|outcome)\b", re.I)
_THREAD = re.compile(r"\b(?:thread|forum|post|discussion|topic)\b", re.I)
OPENING_SENTENCES = 2


def asks_thread_conclusion(question: str) -> bool:
    return bool(_ASKS_CONCLUSION.search(question) and _THREAD.search(question))


def conclusion(hits, passages, units, cite) -> str | None:
    """The accepted answer's opening sentences, each cited, from the best-ranked thread with one."""
    accepted = next((h for h in hits if (h.passage.meta or {}).get("accepted")), None)
    if accepted is None:
        return None
    index = next((i for i, p in enumerate(passages) if p.id == accepted.passage.id), None)
    if index is None:
        return None
    opening = [u for u in units if u.passage == index and u.kind == "sentence"][:OPENING_SENTENCES]
    if not opening:
        return None
    n = cite(accepted)
    return "The accepted answer: " + " ".join(cited(u.text, n) for u in opening)
