"""The one company a question asks about, when the message lists billing for several: a distributor writing
for its resellers ("- Harbor Tech: Office 365 $40k\n- Brightline Solutions: Dynamics 365 $25k, Azure $18k …
Mainly I need Brightline's number") asks about Brightline's lines only."""
from __future__ import annotations

import re

from assistant.understanding.money import Money

# "- Brightline Solutions: Dynamics 365 $25k, Azure $18k": a named item with its own amounts
_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*(?P<name>(?-i:[A-Z])[\w&.'’]*(?:[ \t]+(?-i:[A-Z])[\w&.'’]*){0,3})"
                   # "Contoso Cloud (sister company): $300k Azure": an aside in brackets before the separator
                   r"(?:[ \t]*\([^()\n]{0,40}\))?[ \t]*(?::|–|—|\s-)[ \t]*(?P<rest>[^\n]+)$", re.M)
# "Contoso billed $90k of O365; Fabrikam billed $40k of Azure": a named clause with its own amounts
_CLAUSE_ITEM = re.compile(r"(?:^|(?<=[.;!?\n])|(?<=[.;!?]\s))[ \t]*(?P<name>(?-i:[A-Z])[\w&.'’]*(?:[ \t]+(?-i:[A-Z])[\w&.'’]*){0,3})"
                          r"[ \t]+(?:billed|bills|sold|sells|invoiced|booked|had|did)\b(?P<rest>[^.;!?\n]+)")
_NOT_A_COMPANY = re.compile(r"^(?:q[1-4]|h[12]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|total|sum|month|quarter|half|"
                            r"period|billing|revenue|note|ps|re|subject|we|i|they|our|us|you|it)\b", re.I)


def asked_entity_region(text: str, money: list[Money]) -> list[tuple[int, int]] | None:
    """The span of the one listed company the rest of the message names, when two or more listed companies
    carry amounts of their own; None otherwise."""
    from .products import parse_products, parse_unknown_products

    found = sorted([*_ITEM.finditer(text), *_CLAUSE_ITEM.finditer(text)], key=lambda m: m.start())
    items = [m for m in found
             if any(m.start("rest") <= a.start < m.end() for a in money)
             and not _NOT_A_COMPANY.match(m.group("name"))
             and not parse_products(m.group("name")) and not parse_unknown_products(m.group("name"))]
    if len(items) < 2:
        return None
    outside = text
    for m in reversed(items):
        outside = outside[:m.start()] + outside[m.end():]
    # the company named outside the list, by its first word at least ("Brightline's number")
    named = [m for m in items if re.search(r"\b" + re.escape(m.group("name").split()[0]) + r"(?:'s|’s)?\b", outside)]
    return [(named[0].start(), named[0].end())] if len(named) == 1 else None
