"""Numbers as people write them: digit groups, decimals, scales and number words, as spans.

Finding and resolving are separate steps (the Recognizers-Text model): :func:`find_numbers`
returns every number span with its value, and flags the ones whose reading is uncertain
(a lone dot before three digits: "50.000" may be fifty or fifty thousand). Word lists live
in ``lexicon.yaml``; this module holds only the mechanism.

>>> [n.value for n in find_numbers("64 000 USD and 12.500,00 and 1,2 million and $1,875.50")]
[Decimal('64000'), Decimal('12500.00'), Decimal('1200000.0'), Decimal('1875.50')]
>>> [n.value for n in find_numbers("twenty-two and a half thousand dollars")]
[Decimal('22500.0')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from assistant.understanding.glossary import scale_of
from assistant.understanding.lexicon import LEXICON

#: digits beyond this are refused as absurd rather than misread
MAX_DIGITS = 15


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text; `alternatives` lists other readings when the separator is ambiguous."""

    value: Decimal
    start: int
    end: int
    text: str
    #: the scale word or suffix that multiplied it ("k", "million"), if any
    scale: str = ""
    #: other plausible values (ambiguous separators); empty when the reading is sure
    alternatives: tuple[Decimal, ...] = ()
    #: True for numbers written in words
    words: bool = False
    #: True when the digits were too many to be a real amount
    absurd: bool = False


_SCALES = {k: Decimal(v) for k, v in LEXICON["scales"].items()}
_SCALE_RX = "|".join(sorted((re.escape(k) for k in _SCALES), key=len, reverse=True))
# A digit group: 1-3 digits, then groups of exactly three joined by one separator kind.
_DIGITS = re.compile(
    r"(?<![\w.,'\u2009])(?P<num>"
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?(?![\d,])"  # lakh grouping: 1,25,000 and 12,50,000
    r"|\d{1,3}(?P<sep>[,.' \u2009])\d{3}(?:(?P=sep)\d{3})*(?:(?P<dec>[.,])\d{1,3})?(?!\d)"
    r"|\d+(?:[.,]\d+)?"
    r"|[.,]\d+)"
    r"(?:[ \t\u00a0]?(?P<scale>" + _SCALE_RX + r")(?![a-z]))?",
    re.IGNORECASE,
)


def _to_decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _resolve_digits(num: str, sep: str | None, dec: str | None) -> tuple[Decimal | None, tuple[Decimal, ...]]:
    """The value of a digit string and, when the separators allow two readings, the other one."""
    if sep:
        if dec and dec == sep:  # "1,234,5": malformed; read the groups, drop the tail
            dec = None
        body = num
        if dec:
            whole, _, frac = body.rpartition(dec)
            value = _to_decimal(whole.replace(sep, "") + "." + frac)
            return value, ()
        groups = body.split(sep)
        value = _to_decimal("".join(groups))
        if sep == "." and len(groups) == 2:
            # "50.000": fifty thousand with a European separator, or fifty with three decimals.
            other = _to_decimal(num)
            return value, (other,) if other is not None else ()
        return value, ()
    if "," in num:
        whole, _, frac = num.partition(",")
        if len(frac) == 3 and whole:
            return _to_decimal(whole + frac), ()  # "50,000" without further groups
        return _to_decimal((whole or "0") + "." + frac), ()  # "1,2 million", "12,5k": decimal comma
    return _to_decimal(num), ()


def _digit_spans(text: str) -> list[NumberSpan]:
    out = []
    for m in _DIGITS.finditer(text):
        num, sep, dec = m.group("num"), m.group("sep"), m.group("dec")
        scale = (m.group("scale") or "")
        digits = sum(c.isdigit() for c in num)
        if digits > MAX_DIGITS:
            out.append(NumberSpan(Decimal(0), m.start(), m.end(), m.group(0), scale, (), False, True))
            continue
        if re.match(r"[eE][+-]?\d", text[m.end("num"):m.end("num") + 3]):
            # "1e308": exponent notation is never how an amount is written; refuse rather than read "1"
            out.append(NumberSpan(Decimal(0), m.start(), m.end("num") + 1, m.group(0), "", (), False, True))
            continue
        if scale and scale.lower() in ("m", "b") and scale.islower() and m.group(0)[len(num):len(num) + 1] == " ":
            scale = ""  # "5 m" is more likely metres or a stray letter than millions
        if not sep and re.fullmatch(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?", num):
            value, alternatives = _to_decimal(num.replace(",", "")), ()
        else:
            value, alternatives = _resolve_digits(num, sep, dec)
        if value is None:
            continue
        end = m.end() if scale else m.end("num")
        factor = _SCALES.get(scale.lower(), Decimal(1)) if scale else Decimal(1)
        local = scale_of(scale, text) if scale else None
        if local is not None:
            factor = Decimal(local)  # "120 mil dólares": a thousand in a Spanish or Portuguese message
        if scale and alternatives:
            alternatives = ()  # "1.200k" is a decimal point before a scale
            value = _to_decimal(num) or value
        out.append(NumberSpan(value * factor, m.start(), end, text[m.start():end], scale.lower(),
                              tuple(a * factor for a in alternatives)))
    return out


_W = LEXICON["number_words"]
_ONES = {k: Decimal(v) for k, v in _W["ones"].items()}
_TENS = {k: Decimal(v) for k, v in _W["tens"].items()}
_BIG = {k: Decimal(v) for k, v in _W["big"].items()}
_FRACTIONS = {k: Decimal(v) for k, v in _W["fractions"].items()}
_WORD = "|".join(sorted([*_ONES, *_TENS, *_BIG, "hundred", *_FRACTIONS], key=len, reverse=True))
_WORDS_RX = re.compile(r"\b(?:(?:a|an)\s+)?(?:" + _WORD + r")(?:(?:\s+and\s+(?:a\s+)?|\s+a\s+|[\s-]+|\s+point\s+)(?:"
                       + _WORD + r"))*\b", re.IGNORECASE)


# A number written in words, as a pattern other readers embed ("forty seats").
NUMBER_WORDS = _WORDS_RX.pattern

_CONTRAST = re.compile(r"\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+(?:" + _WORD + r")\b", re.I)


def words_value(phrase: str) -> Decimal | None:
    """Value of a number written in words: "twenty-two and a half thousand" -> 22500.

    >>> words_value("half a million"), words_value("a hundred grand"), words_value("two point five million")
    (Decimal('500000.0'), Decimal('100000'), Decimal('2500000.0'))
    """
    total, current, frac = Decimal(0), Decimal(0), Decimal(0)
    seen, point = False, None
    for tok in re.split(r"[\s-]+", phrase.lower()):
        if tok in ("and", "a", "an", ""):
            continue
        seen = True
        if tok == "point":
            point = Decimal("0.1")
        elif point is not None and tok in _ONES and _ONES[tok] < 10:
            frac += _ONES[tok] * point
            point /= 10
        elif tok in _ONES:
            current += _ONES[tok]
        elif tok in _TENS:
            current += _TENS[tok]
        elif tok in _FRACTIONS:
            frac += _FRACTIONS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _BIG:
            total += ((current + frac) or 1) * _BIG[tok]
            current, frac, point = Decimal(0), Decimal(0), None
    if not seen:
        return None
    value = total + current + frac
    return value if value else None


def _word_spans(text: str, taken: list[tuple[int, int]]) -> list[NumberSpan]:
    out = []
    for m in _WORDS_RX.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        phrase, end = m.group(0), m.end()
        last = re.search(r"[\s-]+(\w+)$", phrase)
        if last and last.group(1).lower() not in _BIG and _CONTRAST.match(text, end):
            # "sixteen thousand, sixteen not sixty": the last word restates the one corrected, it adds nothing
            phrase, end = phrase[:last.start()], m.start() + last.start()
        if re.fullmatch(r"(?:an?\s+)?(?:" + "|".join(_FRACTIONS) + r")", phrase, re.I):
            continue  # "a half", "quarter" alone are periods, not amounts
        if phrase.lower() in ("grand", "thousands", "millions", "hundreds") or \
                re.search(r"grand$", phrase, re.I) and re.match(r"\s+totals?\b", text[end:], re.I):
            continue  # "Grand total", "a grand total of", "thousands of customers": a scale with no count is no number
        value = words_value(phrase)
        if value is None:
            continue
        big = next((w for w in re.split(r"[\s-]+", phrase.lower()) if w in _BIG), "")
        out.append(NumberSpan(value, m.start(), end, phrase, big, (), True))
    return out


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number in `text`, in order: digits (with separators and scales) and number words."""
    digits = _digit_spans(text)
    words = _word_spans(text, [(n.start, n.end) for n in digits])
    return _contrasted(text, sorted(digits + words, key=lambda n: n.start))


_NOT_BETWEEN = re.compile(r"\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+", re.I)


def _contrasted(text: str, spans: list[NumberSpan]) -> list[NumberSpan]:
    """"fifteen, not fifty thousand": the number set against a scaled one is the one meant, at its scale."""
    out: list[NumberSpan] = []
    for n in spans:
        prev = out[-1] if out else None
        if prev and not prev.scale and n.scale and n.words == prev.words and _NOT_BETWEEN.fullmatch(text, prev.end, n.start):
            factor = n.value / (words_value(n.text.rsplit(None, 1)[0]) or 1) if n.words else _BIG.get(n.scale.lower(), 1)
            out[-1] = NumberSpan(prev.value * factor, prev.start, prev.end, prev.text, n.scale, (), prev.words)
            continue
        out.append(n)
    return out
