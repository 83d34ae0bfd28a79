"""Money and percentages in the forms partners type: $50k, 1.2M, "fifty thousand", $3,400 a month."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PERIODS = ("month", "year", "half", "quarter")


@dataclass(frozen=True)
class Money:
    """An amount found in text; `per` is its period when stated, `currency` its ISO code."""

    amount: Decimal
    per: str | None
    start: int
    end: int
    currency: str = "USD"


_SCALE = {"k": 1000, "thousand": 1000, "grand": 1000, "m": 10**6, "mm": 10**6, "mil": 10**6,
          "mln": 10**6, "million": 10**6, "b": 10**9, "bn": 10**9, "billion": 10**9,
          "t": 10**12, "tn": 10**12, "trillion": 10**12}
_CUR_PRE = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
_CUR_POST = {"usd": "USD", "dollars": "USD", "dollar": "USD", "bucks": "USD", "eur": "EUR",
             "euros": "EUR", "euro": "EUR", "gbp": "GBP", "pounds": "GBP", "quid": "GBP"}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
MONEY_RE = re.compile(
    r"(?<![\w.,/\-])(?P<neg>-\s?|\bminus\s+|\bnegative\s+)?"
    r"(?P<pre>US\$|\$|€|£|\b(?:USD|EUR|GBP)\s?)?"
    r"(?P<num>" + _NUM + r")(?![\d/-]\d)"
    r"(?:\s?(?P<scale>k|mm|m|mil|mln|bn|b|tn|t)\b|\s+(?P<wscale>thousand|million|billion|trillion|grand)\b)?"
    r"(?:\s?(?P<post>USD|usd|dollars?|bucks|EUR|euros?|GBP|pounds|quid)\b)?",
    re.IGNORECASE,
)
_PER_RE = re.compile(
    r"\s*(?:(?:/|a|an|per|each|every|of\s+every)\s*)?(?P<u>months?|mo|mth|mnth|years?|yr|annum|quarters?|qtr|"
    r"halfs?|halves|half[- ]years?|semesters?)\b"
    r"|\s*(?P<adv>monthly|annually|yearly|quarterly|p\.?m\.?(?=\W|$)|p\.?a\.?(?=\W|$)|semi-?annually|"
    r"half-?yearly)",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|(?:percent|pct|per\s?cent|new|customers?|clients?|employees?|people|staff|users?|seats?|"
    r"licen[cs]es?|months?|days?|weeks?|years?|yrs?|hours?|engineers?|partners?|exams?|"
    r"times|x|st|nd|rd|th)\b|certifi|competenc)",
    re.IGNORECASE,
)
_MONTH_NAMES = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_NEAR = re.compile(r"(?:" + _MONTH_NAMES + r")[a-z]*\.?\s*$", re.IGNORECASE)

_ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_BIG = {"hundred": 100, "thousand": 1000, "grand": 1000, "million": 10**6, "billion": 10**9}
_WORD = "|".join(sorted([*_ONES, *_TENS, *_BIG], key=len, reverse=True))
WORDNUM_RE = re.compile(
    r"\b(?:(?:a|an)\s+)?(?:" + _WORD + r")(?:(?:\s+and\s+|[\s-]+)(?:" + _WORD + r"))*\b",
    re.IGNORECASE,
)
_POST_WORD = re.compile(r"\s*(?:US\s)?(dollars?|usd|bucks|euros?|pounds)\b", re.IGNORECASE)
_NEG_WORD = re.compile(r"(?:minus|negative)\s+\$?\s*$", re.IGNORECASE)


def words_to_int(phrase: str) -> int | None:
    """"twenty-five thousand" -> 25000; None when the phrase holds no number words."""
    total, current, seen = 0, 0, False
    for tok in re.split(r"[\s-]+", phrase.lower()):
        if tok in ("and", "a", "an", ""):
            current = current or (1 if tok in ("a", "an") else 0)
            continue
        seen = True
        if tok in _ONES:
            current += _ONES[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _BIG:
            total += (current or 1) * _BIG[tok]
            current = 0
    return total + current if seen else None


def _period_after(text: str, end: int) -> tuple[str | None, int]:
    m = _PER_RE.match(text, end)
    if not m:
        return None, end
    word = (m.group("u") or m.group("adv") or "").lower().replace(".", "")
    if word.startswith(("mo", "mth", "mnth", "pm")):
        return "month", m.end()
    if word.startswith(("y", "annu", "pa")):
        return "year", m.end()
    if word.startswith(("q",)):
        return "quarter", m.end()
    return "half", m.end()


def _to_decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


def parse_money(text: str) -> list[Money]:
    """Every money amount in `text`, in order; negative amounts keep their sign."""
    found: list[Money] = []
    for m in MONEY_RE.finditer(text):
        num, pre, post = m.group("num"), m.group("pre"), m.group("post")
        scale = (m.group("scale") or m.group("wscale") or "").lower()
        if scale in ("m", "b") and m.group("scale") and m.group("scale").islower() \
                and not pre and re.match(r"\s", text[m.start("scale") - 1: m.start("scale")] or "x"):
            scale = ""  # "5 m" is probably metres or a stray letter
        value = _to_decimal(num)
        if value is None:
            continue
        tail = text[m.end("num"):]
        if not (pre or post or scale):
            digits = num.replace(",", "").split(".")[0]
            if _UNIT_AFTER.match(tail) or "," not in num and re.fullmatch(r"(19|20)\d\d", digits):
                continue
            if value < 1000 and "," not in num:
                continue
            if _DATE_NEAR.search(text[max(0, m.start() - 12): m.start()]):
                continue
            if re.match(r"\s*%", tail):
                continue
        elif not (pre or post) and re.match(r"\s*%", tail):
            continue
        if scale:
            value *= _SCALE[scale]
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        cur = _CUR_PRE.get((pre or "").strip().lower()) or _CUR_POST.get((post or "").lower()) or "USD"
        neg = bool(m.group("neg")) or bool(_NEG_WORD.search(text[max(0, m.start() - 12): m.start()]))
        per, end = _period_after(text, m.end())
        start = m.start("neg") if m.group("neg") else m.start()
        found.append(Money(-value if neg else value, per, start, end if per else m.end(), cur))
    taken = [(x.start, x.end) for x in found]
    for m in WORDNUM_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        phrase = m.group(0)
        post = _POST_WORD.match(text, m.end())
        has_scale = re.search(r"thousand|million|billion|grand|hundred", phrase, re.I)
        if not (post or (has_scale and re.search(r"thousand|million|billion|grand", phrase, re.I))):
            continue
        if _UNIT_AFTER.match(text, m.end()) and not post:
            continue
        value = words_to_int(phrase)
        if not value:
            continue
        end = post.end() if post else m.end()
        cur = _CUR_POST.get(post.group(1).lower(), "USD") if post else "USD"
        neg = bool(_NEG_WORD.search(text[max(0, m.start() - 12): m.start()]))
        per, pend = _period_after(text, end)
        found.append(Money(Decimal(-value if neg else value), per, m.start(), pend if per else end, cur))
    return sorted(found, key=lambda x: x.start)


_PCT_RE = re.compile(
    r"(?P<neg>-|minus\s+)?(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b|pct\b)", re.IGNORECASE
)
_PCT_WORDS = [
    (re.compile(r"\b(?:double|doubles|doubling|doubled|2x)\b", re.I), Decimal("1")),
    (re.compile(r"\b(?:triple|triples|tripling|tripled|3x)\b", re.I), Decimal("2")),
    (re.compile(r"\b(?:halve|halves|halving|halved|drop(?:s)? by half|cut in half)\b", re.I), Decimal("-0.5")),
    (re.compile(r"\bflat\b|\bno growth\b|\bstay(?:s)? the same\b", re.I), Decimal("0")),
]
_DOWN = re.compile(r"\b(?:drop|decline|shrink|fall|decrease|down|lose|reduc|churn)\w*\W+(?:\w+\W+){0,3}$", re.I)


def parse_percent(text: str) -> Decimal | None:
    """A growth/rate percentage as a fraction: "grow 10%" -> 0.1, "double" -> 1, "drop 5%" -> -0.05."""
    m = _PCT_RE.search(text)
    if m:
        value = Decimal(m.group("num")) / 100
        if m.group("neg") or _DOWN.search(text[max(0, m.start() - 40): m.start()]):
            value = -value
        return value
    for rx, value in _PCT_WORDS:
        if rx.search(text):
            return value
    return None
