"""A usable-co-op goal compared across a change of the rules: "how much more Office 365 would we have to bill
after October 2021 compared with before that date?" is the goal under the earlier rules, with today's beside it.

The target calculator gives the billing the goal needed then, what it needs under today's rules and the
difference; the question asks for the difference, so that figure leads.
"""
from __future__ import annotations

import re
from datetime import date

from assistant.understanding.slots.dates import parse_date

# before and after (or now) set against each other in one message
_CONTRAST = re.compile(r"\bbefore\b[^?!]*\b(?:after|now|today|currently|these\s+days|nowadays)\b|"
                       r"\b(?:after|now|today|currently|these\s+days|nowadays)\b[^?!]*\bbefore\b", re.I)
_COMPARED = re.compile(r"\b(?:compared?|versus|vs\.?|than|difference|how\s+much\s+more|how\s+much\s+less|extra|more\s+would)\b", re.I)
_MONTH_YEAR = re.compile(r"\b(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d\b",
                         re.I)


def contrasted_earlier(text: str) -> date | None:
    """The date just before the change a before-and-after comparison names, or None."""
    if not (_CONTRAST.search(text) and _COMPARED.search(text)):
        return None
    named = _MONTH_YEAR.search(text)
    return parse_date(f"before {named.group(0)}") if named else None


def difference_lead(result, text: str) -> str:
    """The difference in billing between the earlier rules and today's, when the question asks for it."""
    if not _COMPARED.search(text):
        return ""
    beyond = next((f for f in getattr(result, "figures", []) if f.name.endswith("billing needed today beyond then")), None)
    if beyond is None:
        return ""
    name = beyond.name.removesuffix(" billing needed today beyond then")
    return (f"**{name}: ${beyond.value:,.2f} more billing** for usable co-op under today's threshold than under the "
            f"rules in force on {result.as_of.isoformat()}.\n")
