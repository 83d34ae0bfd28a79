"""What part of a fact question asks: its asking sentence, a name it asks about, a partner type it only compares with."""
from __future__ import annotations

import re

from index.bm25 import tokenize


def name_terms(part: str) -> set[str]:
    """Terms of the one a yes/no asks about by name ("Did Natalia … get it working?"): who did it, not what decides."""
    m = re.match(r"^\W*(?i:did|does|do|has|have|had|will|would|can|could)\s+(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b", part)
    return set(tokenize([m.group("name")])[0]) if m else set()


def asking_sentence(part: str, min_words: int = 4) -> str:
    """The last sentence of a part, when statements come before it ("We signed the CDA. How long until…")."""
    # a chat question after the statements may start lower-case ("… MPN is active. how long until …")
    sentences = re.split(r"(?<=[.!])\s+(?=[A-Z]|(?:how|what|when|which|who|where|why|is|are|do|does|can|could|will|would)\b)",
                         part.strip())
    asking = sentences[-1] if len(sentences) > 1 and len(sentences[-1].split()) >= min_words else part
    # "A silly request from my CEO for a slide: the guide quotes some user numbers - what were they?": the words
    # before the colon say why it is asked, not what
    lead, colon, rest = asking.partition(": ")
    return rest if colon and "?" not in lead and len(rest.split()) >= max(min_words, 4) else asking


POINTS_BACK = re.compile(r"\b(?:for|of|about|on|get|receive|see)\s+(?:it|this|that|them|one)\s*\?", re.I)


LIKE_ANOTHER = re.compile(r"\b(?:like|as(?:\s+with)?|same\s+as|similar\s+to)\s+(?:(?:the\s+)?(?:\$?\d[\d.,]*\s*k?\s+)?(?:one|ones|rule|threshold|that|those)\s+)?"
                           r"(?:for|of|with)?\s*(?:the\s+)?(?:csp\s+)?(?:indirect\s+)?(?:resellers?|providers?|distributors?|tier\s*[12])\b"
                           r"(?:\s+(?:have|has|do|does|get|gets))?", re.I)
