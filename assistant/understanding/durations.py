"""How long billing runs: "for 9 months", "12-month term", "Jan to Jun", "for half a year", a span corrected
("5 months, sorry, 6"), and each of several monthly amounts' own span."""
from __future__ import annotations

import calendar
import re

from assistant.understanding.money import PERIOD_MONTHS, Money
from assistant.understanding.numbers import find_numbers, words_value

_UNIT = (r"(?P<unit>months?|mos?|quarters?|years?|yrs?|halves|half[- ]years?|meses|mes|monaten|monate|mois|mesi|mese|maanden|maand|"
         r"años|año|anos|ano|jahren|jahre|jahr|anni|anno|jaren|jaar|années|année|ans)")
_DURATION = re.compile(
    r"\b(?:for|over|during|across|runs?|running|lasts?|term\s+of|contract\s+(?:is|of|for)|the\s+(?:next|last|past|coming)"
    r"|durante|für|fur|über|pendant|son|sind|per(?=\s+\d)|voor|gedurende|contratto\s+di|contrato\s+de|contrat\s+de|(?:contract)?looptijd(?:\s+van)?"
    r"|engagement\s+de|engagement\s+sur|commitment\s+of|compromiso\s+de|(?:vertrags)?laufzeit(?:\s+von)?|durata\s+di|impegno\s+di"
    r"|next|last|past|coming|billed|invoiced)\s+(?:all\s+(?:of\s+)?)?(?:the\s+)?(?:(?:next|last|past|coming|first|full)\s+)?(?:a\s+|an\s+)?(?:(?:full|whole|entire|complete)[\s-]+)?"
    r"(?P<n>(?!(?:fiscal|financial|calendar)\b)[\w.-]+)?[\s-]*(?:(?:full|whole|entire|complete)\s+)?(?:(?:fiscal|financial|calendar)\s+)?"
    + _UNIT + r"\b"
    r"|\b(?P<n2>\d{1,2}|one|two|three|six|nine|twelve|eighteen|twenty-four)[\s-]" + _UNIT.replace("unit", "unit2")
    + r"\s+(?:(?:earning|billing|usage)\s+)?(?:term|contract|period|subscription|commitment|agreement)\b"
    r"|\b(?:for|over|across)\s+(?:a|one|the)\s+(?:(?:whole|full|entire|complete)[\s-]+)?(?:(?:fiscal|financial|calendar)\s+)?"
    r"(?P<unit3>year|quarter|half|month)\b(?!\s+(?:ago|earlier|before))",
    re.IGNORECASE,
)
_HALF_A_YEAR = re.compile(r"\b(?:for|over|during|across|in)\s+(?:a\s+|the\s+)?half\s+(?:a\s+|of\s+the\s+|of\s+a\s+)?year\b", re.I)
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
# ("From March 2023 through February 2024": each month with its year, the span across the turn of the year)
_MONTH_RANGE = re.compile(r"\b(?:from\s+)?(?P<a>" + _MON + r")\.?(?:\s+(?P<ya>(?:19|20)\d\d))?\s*(?:-|–|to|through|thru|till|until|bis|hasta|até|à)\s*"
                          r"(?P<b>" + _MON + r")\b(?:\.?\s+(?P<yb>(?:19|20)\d\d)\b)?", re.IGNORECASE)


def _count(word: str | None) -> int | None:
    if not word:
        return 1
    word = word.lower().strip("-")
    if word.isdigit():
        return int(word)
    value = next((n.value for n in find_numbers(word)), None)
    if value is None:
        value = words_value(word)
    return int(value) if value is not None and value == int(value) and 0 < value <= 120 else None


_CORRECTED_SPAN = re.compile(r"\b(?:actually|sorry|correction|i\s+mean|make\s+(?:it|that)|wait|no)\b[^.?!$\d]{0,40}?\b(?P<n>\d{1,2}|one|two|"
                             r"three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]" + _UNIT + r"\b", re.I)
_HORIZON = re.compile(r"\b(?:per|a|each|every|in\s+a|over\s+a)\s+(?P<unit>year|quarter|month|half)\b", re.IGNORECASE)


def _unit_months(unit: str) -> int | None:
    """Months in a written unit: "months" 1, "quarter" 3, "half-year" 6, "yrs" 12."""
    key = "half" if unit.startswith("half") or unit == "halves" else unit.rstrip("s")
    return PERIOD_MONTHS.get(key) or PERIOD_MONTHS.get(unit)


# "12 months of Office 365 at $5k/month, or 6 months of Dynamics 365 at $9k/month": a span that leads its line
# ("the last 2 months of the period" is a span within the period, not one leading a line)
_LEADING_SPAN = re.compile(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]" + _UNIT +
                           r"\s+of\b(?!\s+(?:the|this|that|our|each|every|a)\s+(?:\w+\s+)?(?:period|year|half|term|contract|quarter|"
                           r"semester|deal|agreement)s?\b)", re.I)


def own_span(text: str, money: list[Money], i: int) -> tuple[int, str] | None:
    """The span of the i-th of several periodic amounts: one leading its line ("6 months of D365 at $9k/month"), else
    the one stated after it, before the next amount, unless that one leads the next line."""
    m = money[i]
    lo = money[i - 1].end if i else 0
    hi = money[i + 1].start if i + 1 < len(money) else len(text)
    lead = [x for x in _LEADING_SPAN.finditer(text, lo, m.start)]
    if lead and _count(lead[-1].group("n")):
        n = lead[-1]
        return _count(n.group("n")) * (_unit_months(n.group("unit").lower()) or 1), n.group(0)
    after = text[m.end:hi]
    leads_next = _LEADING_SPAN.search(after)
    return find_duration(after[:leads_next.start()] if leads_next else after, ())


def find_duration(text: str, money: list[Money] = (), bare: bool = False) -> tuple[int, str] | None:
    """(months, words) of the span billing runs for: "for 9 months", "12-month term", "Jan to Jun".

    A period named apart from any amount ("3k a month ... per year how much?") is the span asked about.
    """
    m = _MONTH_RANGE.search(text)
    if m:
        a, b = _MONTHS[m.group("a").lower()], _MONTHS[m.group("b").lower()]
        if m.group("ya") and m.group("yb") and 0 <= (span := (int(m.group("yb")) - int(m.group("ya"))) * 12 + b - a + 1) - 1 < 120:
            return span, m.group(0)
        return (b - a) % 12 + 1, m.group(0)
    half = _HALF_A_YEAR.search(text)
    if half:
        return _unit_months("half"), half.group(0)  # "for half a year": one earning half, not a year
    for m in _DURATION.finditer(text):
        unit = (m.group("unit") or m.group("unit2") or m.group("unit3") or "").lower()
        n = _count(m.group("n") or m.group("n2")) if not m.group("unit3") else 1
        if n is None:
            continue
        months = _unit_months(unit)
        if months:
            fixed = _CORRECTED_SPAN.search(text, m.end())
            if fixed and _count(fixed.group("n")):
                # "for 5 months — actually no, it's been 6 months": the corrected span replaces the first
                return _count(fixed.group("n")) * (_unit_months(fixed.group("unit").lower()) or 1), fixed.group(0)
            return n * months, m.group(0)
    for m in _HORIZON.finditer(text):
        if not any(x.start <= m.start() < x.end for x in money):
            return PERIOD_MONTHS[m.group("unit").lower()], m.group(0)
    if bare:  # a follow-up that names only a span: "and if we count 12 months?"
        m = re.search(r"\b(?P<n>\d{1,2}|one|two|three|four|six|nine|twelve)[\s-]" + _UNIT + r"\b", text, re.I)
        if m and _count(m.group("n")):
            return _count(m.group("n")) * (_unit_months(m.group("unit").lower()) or 1), m.group(0)
    return None
