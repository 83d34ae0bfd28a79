"""Dates, fiscal years (FY20 = 2019-07-01..2020-06-30) and periods ("a month", "this half")."""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
# month names as partners writing in Spanish, Portuguese, French, German, Italian or Dutch give them
# ("en agosto de 2021", "im März 2022", "d'octobre 2020 à mars 2021")
FOREIGN_MONTHS = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
for _names in FOREIGN_MONTHS.values():
    _MONTHS.update({m: i + 1 for i, m in enumerate(_names.split())})
# written without accents, as on a keyboard without them
_MONTHS.update({"marco": 3, "fevrier": 2, "aout": 8, "decembre": 12, "maerz": 3})
MONTHS = dict(_MONTHS)
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# ("the pre-October-2021 rules", "post-2021": before or after that month or year)
_REL = r"(?P<rel>pre-|pre(?=\s)|post-|post(?=\s)|before|prior to|until|till|up to|ended|ending|ends|closed|closing|after|since|from|starting|as of|as at|on|in|during|by)?\s*(?:(?<=[a-z]\s)the\s+)?"

_PATTERNS = [
    re.compile(_REL + r"(?P<iso>" + _YEAR + r"-(?P<m>\d{1,2})-(?P<d>\d{1,2}))\b", re.I),
    re.compile(_REL + r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/" + _YEAR + r"\b", re.I),
    re.compile(_REL + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(_REL + _MON + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.I),
    re.compile(_REL + _MON + r"(?:,?\s+|-)(?:de\s+|del\s+|di\s+)?" + _YEAR + r"\b", re.I),
    re.compile(r"(?P<rel>pre-|post-|(?:before|prior to|after|as of|in|during|by)\s+)" + _YEAR + r"\b(?![-/])", re.I),
    # A year naming the period itself: "a 2020 earning period", "our 2022 co-op", "the 2023 incentive".
    re.compile(r"\b(?:a|an|the|our|my|its|that)\s+" + _YEAR + r"\s+(?:earning\s+|usage\s+|billing\s+)?"
               r"(?:period|half|semester|quarter|incentive|co-?op|payout|billing|revenue|rebate|accrual)s?\b", re.I),
]


def _mk(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_SEASON = re.compile(r"\b(?P<part>early|mid|mid-|middle\s+of|late|end\s+of|beginning\s+of|start\s+of|h1|h2|first\s+half\s+of|"
                     r"second\s+half\s+of|spring|summer|autumn|fall|winter)\s*(?:of\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_SEASON_MONTH = {"early": 2, "beginning of": 1, "start of": 1, "mid": 7, "mid-": 7, "middle of": 7, "late": 11,
                 "end of": 12, "h1": 1, "first half of": 1, "h2": 7, "second half of": 7,
                 # northern-hemisphere seasons, by their middle month
                 "spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
# A date-like string that is not a real date ("2022-13-45", "0001-01-01"): never replaced by today.
_BAD_ISO = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")


class DateError(ValueError):
    """A date in the message is not a real date the rules could apply to."""


def check_dates(text: str) -> str | None:
    """The first written date that is impossible or outside any plausible rules, or None."""
    for m in _BAD_ISO.finditer(text):
        y, mo, d = (int(x) for x in m.group(0).split("-"))
        if _mk(y, mo, d) is None or not 1990 <= y <= 2100:
            return m.group(0)
    return None


_ANY_YEAR = re.compile(r"(?:19|20)\d\d")  # every pattern below needs one: most messages have none


# "Founded in 2009", "a partner since March 2015": the company's history, not the date asked about.
_HISTORY = re.compile(r"\b(?:founded|established|incorporated|formed|registered|in\s+business|(?:been\s+)?around|"
                      r"(?:partners?|members?|customers?|resellers?)(?:\s+of\s+\w+)?)\s*$"
                      # "we enrolled as a CSP Indirect Reseller through our distributor in 2019": when it joined
                      r"|\b(?:we|i)\s+(?:\w+\s+)?(?:enrolled|joined|signed\s+up|onboarded|became|offboarded|removed|kicked\s+out)\b[^.;!?$\d\n]{0,70}$", re.I)


_QUESTION = re.compile(r"[^.!?\n]*\?")


@lru_cache(maxsize=1)
def _rules_begin() -> date:
    """The first day on which every rule has a value."""
    from calculators.params import load_parameters

    return max(min(v.effective_from for v in p.values) for p in load_parameters().values())


def parse_date(text: str) -> date | None:
    """The date the message asks about: one in a question ("... fine all through summer 2021. Were we
    eligible in November 2021?"), else the first in text; "before October 2021" -> 2021-09-30,
    "after October 2021" -> 2021-11-01."""
    if not _ANY_YEAR.search(text):
        return None
    for q in reversed(_QUESTION.findall(text)):
        if q.strip() != text.strip() and _ANY_YEAR.search(q) and (asked := _first_date(q)) is not None:
            return asked
    return _first_date(text)


def _first_date(text: str) -> date | None:
    season = next((m for m in _SEASON.finditer(text) if not _HISTORY.search(text[max(0, m.start() - 90):m.start()])), None)
    if season:
        part = re.sub(r"\s+", " ", season.group("part").lower())
        return date(int(season.group("year")), _SEASON_MONTH.get(part, 7), 1)
    for rx in _PATTERNS:
        m = next((m for m in rx.finditer(text) if not _HISTORY.search(text[max(0, m.start() - 90):m.start()])), None)
        if not m:
            continue
        gd = m.groupdict()
        year = int(gd["year"])
        if gd.get("mon"):
            month = _MONTHS[gd["mon"].lower()]
        elif gd.get("m"):
            month = int(gd["m"])
        else:
            month = None
        day = gd.get("day") or gd.get("d")
        if month is None:
            first, last = date(year, 1, 1), date(year, 12, 31)
            if not gd.get("rel") and first < _rules_begin() <= last:
                first = _rules_begin()  # "during a 2019 earning period": the year's first day that every rule covers
        elif day is None:
            first = _mk(year, month, 1)
            last = first and _mk(year, month, calendar.monthrange(year, month)[1])
        else:
            first = last = _mk(year, month, int(day))
        if first is None or last is None:
            continue
        rel = (gd.get("rel") or "").lower().strip()
        if rel in ("before", "prior to", "pre-", "pre"):
            return first - timedelta(days=1)
        if rel in ("after", "post-", "post"):
            return last + timedelta(days=1)
        if rel in ("until", "till", "up to", "by", "ended", "ending", "ends", "closed", "closing") and day is None:
            return last
        return first
    return None


_FY = re.compile(
    r"\b(?:FY|fiscal(?:\s+year)?|financial\s+year)\s?'?(?:(?:19|20)?\d\d[/-])?(?P<y>(?:19|20)?\d\d)\b", re.I
)


def parse_fiscal_year(text: str) -> str | None:
    """"FY20", "FY 2020", "fiscal 2020", "FY19/20" -> "FY20"."""
    m = _FY.search(text)
    return f"FY{int(m.group('y')) % 100:02d}" if m else None


_RATE_WORDS = re.compile(r"\b(?:rates?|percentages?|percent|guide|terms)\b|%", re.I)


def names_rates_year(text: str) -> bool:
    """A fiscal year named for the rates ("the FY24 rates", "in FY23, what rate…"), not as the period billed
    ("H1 FY23 billing"): only the former asks for a year's rates."""
    from assistant.understanding.glossary import in_english
    from assistant.understanding.sentences import sentence_at

    # "le percentuali FY24", "las tarifas del FY24": the rate words read in English too
    return any(_RATE_WORDS.search(in_english(sentence_at(text, m.start(), m.end()))) for m in _FY.finditer(text))


def fy_start(fy: str) -> date:
    """First day of a Microsoft fiscal year: FY20 -> 2019-07-01."""
    return date(2000 + int(fy[2:]) - 1, 7, 1)


def fy_end(fy: str) -> date:
    """Last day of a Microsoft fiscal year: FY20 -> 2020-06-30."""
    return date(2000 + int(fy[2:]), 6, 30)


def fy_of(day: date) -> str:
    """The fiscal year a date falls in: 2019-07-01 -> "FY20"."""
    return f"FY{(day.year + (1 if day.month >= 7 else 0)) % 100:02d}"


@dataclass(frozen=True)
class Period:
    """A period of time: unit ("month"|"quarter"|"half"|"year") times count."""

    unit: str
    count: int = 1

    @property
    def months(self) -> int:
        return self.count * {"month": 1, "quarter": 3, "half": 6, "year": 12}[self.unit]


_NUMW = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12,
         "eighteen": 18, "twenty-four": 24, "a": 1, "an": 1}
_COUNTED = re.compile(
    r"\b(?:over|for|in|next|last|past|within|across|during|of)?\s*(?:the\s+)?(?:next\s+|last\s+|past\s+)?"
    r"(?P<n>\d{1,2}|one|two|three|four|five|six|nine|twelve|eighteen|twenty-four)[\s-]"
    r"(?P<u>months?|quarters?|halves|halfs?|years?)\b", re.I)
_SINGLE = [
    (re.compile(r"\b(?:half[- ]?year(?:ly)?|semi-?annual(?:ly)?|semester|this half|next half|per half|a half|"
                r"each half|earning period|six-month|6-month|h[12]\b)", re.I), "half"),
    (re.compile(r"\b(?:quarter(?:ly)?|qtr|q[1-4]\b)", re.I), "quarter"),
    (re.compile(r"\b(?:month(?:ly)?|a mo\b|per mo\b|/mo\b|mth|p\.?m\.?(?=\W|$))", re.I), "month"),
    (re.compile(r"\b(?:year(?:ly)?|annual(?:ly)?|annum|per yr|a yr|fiscal year)\b", re.I), "year"),
]


def parse_period(text: str) -> Period | None:
    """The period a figure covers: "over 12 months" -> Period("month", 12), "this half" -> half."""
    m = _COUNTED.search(text)
    if m:
        n = m.group("n").lower()
        count = int(n) if n.isdigit() else _NUMW[n]
        unit = m.group("u").lower().rstrip("s")
        unit = "half" if unit.startswith("hal") else unit
        return Period(unit, count)
    for rx, unit in _SINGLE:
        if rx.search(text):
            return Period(unit, 1)
    return None
