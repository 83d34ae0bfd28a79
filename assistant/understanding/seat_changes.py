"""A follow-up that changes a seat count ("30 more seats", "now 150 users"), or from which month it does."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON

_SEAT_WORDS = "|".join(sorted((re.escape(w) for w in LEXICON["per_seat"]), key=len, reverse=True))
_SEAT_CHANGE = re.compile(r"(?P<n>\d{1,6})\s+(?P<more>more\s+|additional\s+|extra\s+|new\s+|further\s+)?(?:\w+\s+)?(?:" + _SEAT_WORDS
                          + r")\b", re.I)
_SEATS_ADDED = re.compile(r"\b(?:add|added|adding|another|plus|on\s+top)\b", re.I)


# "from month 7", "a partir del mes 7", "ab Monat 7", "à partir du mois 7", "dal mese 7", "vanaf maand 7"
FROM_MONTH = re.compile(r"\b(?:from|starting(?:\s+(?:in|with))?|after|as\s+of|a\s+partir\s+del?|a\s+partir\s+do|ab|à\s+partir\s+du|dal|vanaf)\s+"
                        r"(?:the\s+)?(?:month|mes|mês|monat|mois|mese|maand)\s+(?P<m>\d{1,2})\b", re.I)


def seat_change(message: str) -> tuple[int, bool] | None:
    """(seats, added) when a follow-up changes the seat count: "30 more seats" (added), "now 150 users"."""
    m = _SEAT_CHANGE.search(message)
    if not m:
        return None
    added = bool(m.group("more")) or bool(_SEATS_ADDED.search(message[max(0, m.start() - 20):m.start()]))
    return int(m.group("n")), added
