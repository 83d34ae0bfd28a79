"""Growth percentages ("grow 10%", "an 8% drop", "double") and whole numbers written in words."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.numbers import words_value
from assistant.understanding.sentences import sentence_start


def words_to_int(phrase: str) -> int | None:
    """"twenty-five thousand" -> 25000; None when the phrase holds no number words."""
    value = words_value(phrase)
    return int(value) if value is not None and value == value.to_integral_value() else None


_PCT_RE = re.compile(
    r"(?P<neg>-|minus\s+)?(?P<num>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b|pct\b)", re.IGNORECASE
)
# "a double booking", "double-check": the word names no growth
NOT_A_GROWTH = r"(?![\s-]+(?:book\w*|check\w*|click\w*|entr\w*|count\w*|dip\w*|standards?|digits?|spac\w*|sided|edged|taxation|billing\s+error))"
_PCT_WORDS = [
    (re.compile(r"\bby\s+(?:a|one)\s+third\b", re.I), Decimal(1) / Decimal(3)),
    (re.compile(r"\bby\s+(?:a|one)\s+quarter\b", re.I), Decimal("0.25")),
    (re.compile(r"\bby\s+(?:a|one)\s+fifth\b", re.I), Decimal("0.2")),
    (re.compile(r"\bby\s+(?:a\s+)?half\b", re.I), Decimal("0.5")),
    (re.compile(r"\b(?:double|doubles|doubling|doubled|2x)\b" + NOT_A_GROWTH, re.I), Decimal("1")),
    (re.compile(r"\b(?:triple|triples|tripling|tripled|3x)\b", re.I), Decimal("2")),
    (re.compile(r"\b(?:halve|halves|halving|halved|drop(?:s)? by half|cut in half)\b", re.I), Decimal("-0.5")),
    (re.compile(r"\bflat\b|\bno\s+growth\b|\bstay(?:s|ing|ed)?\s+(?:the\s+same|flat|level|steady)\b|\bunchanged\b"
                r"|\bhold(?:s|ing)?\s+steady\b", re.I), Decimal("0")),
]
_FOREIGN_DOWN = "|".join(re.escape(w) for w in sorted(LEXICON["decline_stems"], key=len, reverse=True))
_DOWN = re.compile(r"\b(?:drop|dropp|declin|shrink|shrank|fall|fell|decreas|down|los|lose|reduc|churn|dip|dipp|slid|sink|sank|contract|"
                   + _FOREIGN_DOWN + r")\w*\W+(?:\w+\W+){0,3}$", re.I)


# "an 8% drop", "10 percent lower": the direction said after the figure.
_DOWN_AFTER = re.compile(r"\s*(?:a\s+|an\s+)?(?:drop|declin|decreas|fall|dip|reduc|lower|less|down|shrink|loss|churn|smaller|contraction|"
                         + _FOREIGN_DOWN + r")\w*\b", re.I)


def _signed(text: str, m: re.Match) -> Decimal:
    value = Decimal(m.group("num")) / 100
    if m.group("neg") or _DOWN.search(text[max(0, m.start() - 40): m.start()]) or _DOWN_AFTER.match(text, m.end()):
        value = -value
    return value


def growth_by_product(text: str, mentions) -> dict[str, Decimal]:
    """Each product's own growth when the message gives several ("O365 ... +5% per half; RIs ... +25%").

    A percentage belongs to the nearest product named before it in its sentence; empty unless
    two or more products get different rates this way.
    """
    out: dict[str, Decimal] = {}
    # "Azure was $90k and we expect it flat", "RIs should double": a growth in words counts as well
    worded = [(m.start(), value, False) for rx, value in _PCT_WORDS for m in rx.finditer(text)]
    for at, value, strict in sorted([(m.start(), _signed(text, m), True) for m in _PCT_RE.finditer(text)] + worded):
        lo = sentence_start(text, at)
        before = [p for p in mentions if lo <= p.start < at]
        if not before:
            if strict:
                return {}
            continue
        key = before[-1].key
        if key in out and out[key] != value:
            return {}
        out[key] = value
    return out if len(out) >= 2 and len(set(out.values())) >= 2 else {}


def parse_percent(text: str) -> Decimal | None:
    """A growth/rate percentage as a fraction: "grow 10%" -> 0.1, "double" -> 1, "drop 5%" -> -0.05."""
    m = _PCT_RE.search(text)
    if m:
        return _signed(text, m)
    worded = _worded_percent(text)
    if worded is not None:
        return worded
    for rx, value in _PCT_WORDS:
        if rx.search(text):
            return value
    return None


# "fifteen percent", "twelve and a half per cent": a percentage written in words.
_PCT_WORDED = re.compile(r"(?P<words>(?:[a-z]+[\s-]+){0,4}[a-z]+)\s+(?:percent|per\s?cent)\b", re.I)


def _worded_percent(text: str) -> Decimal | None:
    for m in _PCT_WORDED.finditer(text):
        words = re.split(r"[\s-]+", m.group("words"))
        for i in range(len(words)):
            if words_value(words[i]) is None:
                continue  # the phrase starts at its first number word ("forecasting fifteen")
            value = words_value(" ".join(words[i:]))
            if value is not None:
                fraction = value / 100
                before = text[max(0, m.start() - 40): m.start() + m.group("words").find(words[i])]
                down = _DOWN.search(before) or _DOWN_AFTER.match(text, m.end()) or re.search(r"\bminus\s+$", before, re.I)
                return -fraction if down else fraction
            break
    return None
