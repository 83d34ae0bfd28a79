"""Money amounts: numbers with a currency, a scale or a money context, and how they are meant.

Each amount keeps the exact characters it came from, its currency (ISO code; USD when the
text gives none), whether it is stated per month / quarter / year and per seat, whether it
is one end of a range ("40-50k"), and the other readings of an ambiguous separator. A number
is negative only with a minus sign attached to it or a word such as "minus" or "refund":
a dash with spaces around it is punctuation ("Azure (pay as you go) - 30k").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.understanding.glossary import groups_thousands_with_dots
from assistant.understanding.lexicon import LEXICON
from assistant.understanding.numbers import NumberSpan, find_numbers

PERIOD_MONTHS: dict[str, int] = LEXICON["period_months"]
_UNIT_OF_MONTHS = {1: "month", 3: "quarter", 6: "half", 12: "year"}


@dataclass(frozen=True)
class Money:
    """An amount found in text."""

    amount: Decimal
    #: ``month``, ``quarter``, ``half`` or ``year`` when stated per period
    per: str | None
    start: int
    end: int
    currency: str = "USD"
    #: True when stated per seat, user or licence ("$22 per user per month")
    per_seat: bool = False
    #: the characters it was read from
    text: str = ""
    #: other readings when the separator is ambiguous ("50.000")
    alternatives: tuple[Decimal, ...] = ()
    #: the other end when the amount is a range ("40-50k")
    range_to: Decimal | None = None
    #: more digits than any real amount: refused, never guessed
    absurd: bool = False
    #: True when the currency was written, False when USD was assumed
    currency_stated: bool = False
    #: how the amount was worked out from the words, when it was ("$22 per seat per month × 240 seats × 6 months")
    note: str = ""
    #: the unit a bare number was stated in, once for a whole table ("figures in $000")
    unit_stated: str = ""
    #: True when stated for one of several ("$800 each", "$1,150 per client"): a count may multiply it
    each: bool = False
    #: the factors of a worked-out amount, so that a follow-up can change one of them:
    #: (amount as stated, its period or None, seats or None, months or None)
    basis: tuple = ()

    @property
    def uncertain(self) -> bool:
        return bool(self.alternatives) or self.range_to is not None or self.absurd


def _alts(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_OTHER = {c.lower(): c for c in LEXICON["other_currencies"]}
_PREFIX = {**_OTHER, **{k.lower(): v for k, v in LEXICON["currency_prefix"].items()}}
_SUFFIX = {**_OTHER, **{k.lower(): v for k, v in LEXICON["currency_suffix"].items()}}
def currency_code(token: str) -> str | None:
    """The ISO code a currency word or sign stands for ("€" -> "EUR", "usd" -> "USD"), or None."""
    key = token.strip().lower()
    return _PREFIX.get(key) or _SUFFIX.get(key)


_PREFIX_RX = re.compile(r"(?:(?<![a-z])(?:" + _alts(_PREFIX) + r"))\s?$", re.I)
# "2,5 Mio. EUR": an abbreviation's full stop may stand between the amount and its currency.
_SUFFIX_RX = re.compile(r"\.?[ \t\u00a0]?(?:" + _alts(_SUFFIX) + r")(?![a-z])", re.I)
_NEG_WORD_RX = re.compile(r"(?:\b(?:" + _alts(LEXICON["negative_before"]) + r"))\s*(?:\$|usd\s?)?\s*$", re.I)
_COUNT_AFTER = re.compile(r"[ \t\u00a0]*(?:%|(?:" + _alts(LEXICON["count_units"]) + r")\b|certifi|competenc)", re.I)
_SEAT = _alts(LEXICON["per_seat"])
_PERIOD = _alts(PERIOD_MONTHS)
_PER_RX = re.compile(r"\s*(?:/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b(?:\s+single)?|\bp\.?|\bpor\b|\bal\b|\bpro\b|\bpar\b|\bje\b|\bper\s+(?:la|el|le|il|de|het)\b|\bpor\s+(?:el|la)\b|\bal\b|\bau\b|\bal\s+la\b|\bin\s+de\b)\s*(?P<unit>" + _SEAT + "|" + _PERIOD
                     + r")\b|\s*(?P<adv>monthly|quarterly|annually|yearly|half-yearly|semi-annually|p\.m\.|p\.a\.|(?:pm|pa|pcm)(?![\w.])|"
                     r"(?:" + _alts(LEXICON["period_adverbs"]) + r")\b)",  # ("18.500 € monatlich", "2.000 € mensuales")
                     re.I)
_MONTH_NAMES = r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])\.?")
_DATE_CUE = re.compile(r"\b(?:to|until|till|til|by|on|from|ends?|ending|ended|runs?|through|thru|due|since|before|after|"
                       r"am|bis|vom|au|jusqu'au|hasta|el|até|em|al|dal)\s*$", re.I)
_DATE_NEAR = re.compile(r"(?:" + _MONTH_NAMES + r")[a-z]*\.?\s*$", re.I)
_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|or)\s*$", re.I)
_RANGE_AHEAD = re.compile(r"\s*(?:-|–|—|to)\s*[$€£]?\d+(?:[.,]\d+)?\s?(?:k|m|mm|thousand|million|grand)\b", re.I)
_RANGE_AND = re.compile(r"\s+and\s+[$€£]?\d+(?:[.,]\d+)?\s?(?:k|m|mm|thousand|million|grand)\b", re.I)
# "difference between X and Y", "compare X with Y": the two amounts are alternatives, not a range.
_TWO_VALUES = re.compile(r"\b(?:differ\w*|diff|compar\w*|gap|versus|vs)\b[^.?!]{0,40}\bbetween\b[^.?!]{0,20}$", re.I)
_RANGE_CUE = re.compile(r"\b(?:between|somewhere|around|roughly|approx\w*|about|maybe|anywhere)\b[^.]{0,20}$", re.I)


# ("22 $ al mese ciascuna", "20 € chacune", "je 20 USD": "each" as partners writing in other languages say it)
_EACH = re.compile(r"\s*(?:(?:each|apiece|a\s+piece|ciascun[oa]|cadauno|cadauna|cada\s+(?:uno|una|um|uma)|chacune?|"
                   r"jeweils|pro\s+st[üu]ck|per\s+stuk|elk)\b(?!\s+(?:of|" + _PERIOD + r")\b)|(?:/|\bper\b|\beach\b|\bpor\b|\bpro\b|\bpar\b|\bje\b)\s*(?:"
                   + _alts(LEXICON["per_unit"]) + r")\b)", re.I)


def _per_after(text: str, end: int) -> tuple[str | None, bool, int, bool]:
    """(period unit, per seat, new end, for each one) from phrases right after an amount."""
    per, seat, each = None, False, False
    for _ in range(3):
        m = _PER_RX.match(text, end)
        if not m and (per or seat) and (joint := _PER_JOINT.match(text, end)):
            # "$36 per user and per month", "par utilisateur et par mois", "por usuario y mes"
            # (a bare unit only after a plain "and": "al mes en licencias" is a month's billing "in" licences)
            m = _PER_RX.match(text, joint.end()) or (_BARE_UNIT.match(text, joint.end())
                                                     if _AND.fullmatch(joint.group(0).strip()) else None)
        if not m and not each and (one := _EACH.match(text, end)):
            # "$1,150 each per month", "$800 per client": the price of one, then maybe its period
            each, end = True, one.end()
            continue
        if not m:
            break
        word = (m.group("unit") or m.group("adv") or "").lower().replace(".", "")
        if word in {w.lower() for w in LEXICON["per_seat"]}:
            seat = True
        else:
            months = PERIOD_MONTHS.get(word) or PERIOD_MONTHS.get(word.rstrip("s")) or \
                {"pm": 1, "pcm": 1, "pa": 12}.get(word)
            if months is None:
                break
            per = _UNIT_OF_MONTHS.get(months, "month")
        end = m.end()
    if per is None and not seat and (each_of := _EACH_OF.match(text, end)):
        # "$2,100 for each of the last 12 months": the amount is per one of those periods
        unit = each_of.group("unit").lower()
        per = _UNIT_OF_MONTHS.get(PERIOD_MONTHS.get(unit) or PERIOD_MONTHS.get(unit.rstrip("s"), 1), "month")
    if per is None and not seat and (late := _PER_LATE.match(text, end)):
        # "$1,900 of co-op a month": the period follows what the amount is of; the amount's words end before it
        months = PERIOD_MONTHS.get(late.group("unit").lower()) or PERIOD_MONTHS.get(late.group("unit").lower().rstrip("s"))
        per = _UNIT_OF_MONTHS.get(months, "month") if months else None
    if per is None and not seat and (named := _PER_AFTER_NAME.match(text, end)):
        from assistant.understanding.slots.products import parse_products

        if parse_products(named.group("name")):
            # "18k Azure a quarter": a product's name alone may stand between the amount and its period
            months = PERIOD_MONTHS.get(named.group("unit").lower()) or PERIOD_MONTHS.get(named.group("unit").lower().rstrip("s"))
            per = _UNIT_OF_MONTHS.get(months, "month") if months else None
    return per, seat, end, each


_EACH_OF = re.compile(r"\s+(?:for|in|during|over)\s+(?:each|every)\s+(?:one\s+)?of\s+(?:the\s+)?(?:last|past|previous|next|first)?\s*"
                      r"(?:\w+\s+)?(?P<unit>months|quarters|halves|years)\b", re.I)
# "of <what> a month" after an amount; "a year ago" names a time, not a period
# ("US$ 25 mil em Office 365 por mês", "25 mil USD de Office 365 al mes": the same, as partners write it in other languages)
_AND = re.compile(r"and|y|und|et|e|&", re.I)
_BARE_UNIT = re.compile(r"\s*(?P<unit>" + _SEAT + "|" + _PERIOD + r")\b(?P<adv>)", re.I)
_PER_JOINT = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\by\b|\be\b|\bund\b|\ben\b)", re.I)
_PER_AFTER_NAME = re.compile(r"\s+(?P<name>(?:[A-Za-z][\w&+'-]*\s+|365\s+){1,3}?)(?:/|per|a|an|each|every)\s*(?P<unit>" + _PERIOD
                             + r")\b(?!\s+(?:ago|earlier|later|back|before|after|from|since|prior)\b)", re.I)
_PER_LATE = re.compile(r"(?:\s+(?:of|in|on|into|for|em|en|de|do|da|von|für|à|au)\s+|\s+d['’])(?:(?!\d[\d.,]*\s*(?:k|m|bn|grand|thousand)\b)(?!and\b|plus\b)[\w&+'-]+\s+){1,4}?(?:/|per|a|an|each|every|por|al|ao|pro|par|je)\s*(?P<unit>" + _PERIOD
                       + r")\b(?!\s+(?:ago|earlier|later|back|before|after|from|since|prior|million|thousand|grand|billion|bn|mil)\b)", re.I)


_IDENTIFIER_RX = re.compile(r"(?<![\w'])(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(LEXICON["identifier_words"], key=len, reverse=True))
    + r")(?:\s*(?:is|was|:|#|=|-|no\.?|number))?\s*#?\s*(?:\d+[-/])*$"  # "case 2207-55194": every part is the ID
    r"|\b[A-Za-z]{1,8}[-#/]$", re.I)  # glued to a code: "INV-20931", "PO#4411"


# "1950, 2100, 2050, 2200, 1980, …": a run of bare numbers, some of which no year could be
_VALUE_RUN = re.compile(r"\b\d{3,6}(?:\s*[,;]\s*\d{3,6}\b){3,}")


def _in_value_list(text: str, n: NumberSpan) -> bool:
    """A year-shaped number inside a run of values that are not all years ("1950, 2100, 2050") is a value."""
    for run in _VALUE_RUN.finditer(text):
        if run.start() <= n.start < run.end():
            return any(not re.fullmatch(r"(?:19|20)\d\d", v) for v in re.findall(r"\d+", run.group(0)))
    return False


def _money_from(text: str, n: NumberSpan) -> Money | None:
    before = text[max(0, n.start - 12):n.start]
    pre = _PREFIX_RX.search(before)
    suf = _SUFFIX_RX.match(text, n.end)
    currency = _PREFIX[pre.group(0).strip().lower()] if pre else \
        _SUFFIX[suf.group(0).lstrip(".").strip().lower()] if suf else None
    end = suf.end() if suf else n.end
    if n.alternatives and (currency or n.scale) and re.fullmatch(r"\d{1,3}\.\d{3}", n.text.strip()):
        # "45.000 USD": nobody writes three decimals of a dollar; with a currency the dot groups thousands.
        n = NumberSpan(n.value, n.start, n.end, n.text, n.scale, (), n.words, n.absurd)
    range_low = not n.words and (_RANGE_AHEAD.match(text, n.end) is not None or (  # "40" in "40-50k" is money too
        _RANGE_AND.match(text, n.end) is not None and _RANGE_CUE.search(text[max(0, n.start - 30):n.start]) is not None))
    if n.words and not (currency or n.scale):
        return None  # "two", "a half": counts and fractions, not amounts
    if not (currency or n.scale) and _IDENTIFIER_RX.search(text[max(0, n.start - 24):n.start]):
        return None  # "MPN 1234567", "partner ID: 4455667", "INV-20931": an identifier, never an amount
    if not (currency or n.scale or range_low):
        tail = text[n.end:]
        whole = n.text.replace(",", "").replace(" ", "").split(".")[0]
        if _COUNT_AFTER.match(tail) or re.fullmatch(r"(19|20)\d\d", whole) and len(n.text) == 4 \
                and not _in_value_list(text, n):
            return None
        if _DAY_MONTH.fullmatch(n.text.strip()) and _DATE_CUE.search(text[max(0, n.start - 24):n.start]):
            return None  # "the period runs to 31.03": a day and a month, not 31 dollars 3 cents
        priced = _per_after(text, end)
        if priced[1] and (priced[0] or re.search(r"(?:@|\bat)\s*$", text[max(0, n.start - 4):n.start])):
            pass  # "@36/seat/mo", "at 12 per user per month": a price per seat, however small
        elif n.value < 1000 and not re.search(r"[,.' \u2009]\d{3}", n.text) and \
                not (n.value >= 10 and re.search(r"\d[.,]\d{2}$", n.text.strip())):
            return None  # "500" alone may count anything; "500,00" is written in cents
        if n.value <= 31 and _DATE_NEAR.search(text[max(0, n.start - 12):n.start]):
            return None  # "Jan 10" is a date; "Jan 10,200" is an amount
    elif _COUNT_AFTER.match(text, end) and re.match(r"\s*%", text[end:]):
        return None
    start = pre.start() + max(0, n.start - 12) if pre else n.start
    attached = start > 0 and text[start - 1] in "-−" and (start < 2 or not text[start - 2].isalnum())
    negative = attached or bool(_NEG_WORD_RX.search(text[max(0, start - 20):start]))
    if attached:
        start -= 1
    per, seat, per_end, each = _per_after(text, end)
    value = -n.value if negative else n.value
    stop = per_end if (per or seat or each) else end
    return Money(value, per, start, stop, currency or "USD", seat, text[start:stop],
                 tuple(-a if negative else a for a in n.alternatives), None, n.absurd, currency is not None, each=each)


def _join_ranges(text: str, found: list[Money]) -> list[Money]:
    """"40-50k", "between 40k and 50k": one uncertain amount instead of two."""
    out: list[Money] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and prev.range_to is None and m.amount > 0:
            gap = text[prev.end:m.start]
            tight = re.fullmatch(r"(?:-|–|—)", gap) is not None  # "40-50k": no spaces around the dash
            cue = _RANGE_CUE.search(text[max(0, prev.start - 30):prev.start]) is not None
            if _TWO_VALUES.search(text[max(0, prev.start - 60):prev.start]) and not tight:
                out.append(m)  # "the difference between billing $60k and $85k": two values, not a range
                continue
            bare_low = prev.text.strip().isdigit() and m.amount > prev.amount * 10  # "40 to 50k"
            if tight or (cue or bare_low) and (_RANGE_GAP.fullmatch(gap) or re.fullmatch(r"\s+and\s+", gap)):
                low = _scaled_like(prev, m) if m.amount > prev.amount * 10 else prev.amount
                out[-1] = replace(prev, amount=low, end=m.end, text=text[prev.start:m.end], range_to=m.amount,
                                  per=prev.per or m.per)
                continue
        out.append(m)
    return out


def _scaled_like(low: Money, high: Money) -> Decimal:
    """The low end of "40-50k" takes the high end's scale: 40,000."""
    for factor in (Decimal(1000), Decimal(10**6), Decimal(10**9)):
        if low.amount * factor <= high.amount < low.amount * factor * 10:
            return low.amount * factor
    return low.amount


_SCALE_WORDS = {"000": 1000, "thousand": 1000, "k": 1000, "tsd": 1000, "mil": 1000, "milhares": 1000, "milliers": 1000,
                "mn": 10**6, "mm": 10**6, "m": 10**6, "million": 10**6, "mio": 10**6, "millones": 10**6}
_CUR = r"(?:\$|us\$|usd|eur|€|£)?"
_SCALE_WORD = r"(?P<w>'?000'?s?|thousands?|k|tsd\.?|milhares|milliers|mn|mm|m|millions?|mio\.?|millones)"
# A table's unit stated once: "figures in $000", "revenue ($k): 1.8, 2.1", "(in thousands)", "all numbers in USD k"
_DECLARED_SCALE = re.compile(
    r"\(\s*(?:in\s+|en\s+|em\s+)?" + _CUR + r"\s*" + _SCALE_WORD + r"\s*" + _CUR + r"(?:\s+of\s+(?:us\s+)?(?:dollars|usd))?\s*\)"
    r"|\b(?:figures|amounts|numbers|values|revenue|billing|everything|all)\s+(?:are\s+|is\s+)?(?:in|en|em)\s+" + _CUR + r"\s*"
    + _SCALE_WORD.replace("?P<w>", "?P<w2>") + r"(?:\s+of\s+(?:dollars|usd))?(?![\w$])", re.I)


def declared_scale(text: str) -> tuple[tuple[int, int, Decimal], ...]:
    """(start, end, factor) of each statement of the unit the bare numbers after it are in."""
    out = []
    for m in _DECLARED_SCALE.finditer(text):
        word = (m.group("w") or m.group("w2")).lower().strip("'.")
        word = "000" if word.startswith("000") else word.rstrip("s") if word.endswith("s") and word != "millones" else word
        factor = _SCALE_WORDS.get(word) or _SCALE_WORDS.get(word.rstrip("s"))
        if factor:
            out.append((m.start(), m.end(), Decimal(factor)))
    return tuple(out)


def _in_declared_unit(text: str, n: NumberSpan, declared) -> NumberSpan | None:
    """A bare number after a stated unit ("Microsoft 365   330" under "figures in $000"), at that unit's scale;
    None when it is no bare number or no unit was stated before it."""
    if n.scale or n.words or _PREFIX_RX.search(text[max(0, n.start - 12):n.start]) or _SUFFIX_RX.match(text, n.end):
        return None
    factor = next((f for s, e, f in reversed(declared) if e <= n.start), None)
    if factor is None or _COUNT_AFTER.match(text[n.end:]) or re.fullmatch(r"(?:19|20)\d\d", n.text.strip()) \
            or _IDENTIFIER_RX.search(text[max(0, n.start - 24):n.start]) or re.match(r"\s*%", text[n.end:]):
        return None
    return NumberSpan(n.value * factor, n.start, n.end, n.text, "declared", tuple(a * factor for a in n.alternatives),
                      n.words, n.absurd)


def parse_money(text: str, names: list[tuple[int, int]] = ()) -> list[Money]:
    """Every money amount in `text`, in order; numbers inside `names` (product names: the 365 of
    "Dynamics 365") are not amounts."""
    # Digits inside a product name ("Office 365 125 000 USD") are masked so they cannot join an amount.
    masked = "".join("x" if ch.isdigit() and any(s <= i < e for s, e in names) else ch for i, ch in enumerate(text)) \
        if names else text
    declared = declared_scale(text)
    # the "000" of "figures in $000" states the unit; it is no amount
    numbers = [n for n in find_numbers(masked) if not any(s <= n.start < e for s, e in names)
               and not any(s <= n.start < e for s, e, _ in declared)]
    if declared:
        numbers = [_in_declared_unit(text, n, declared) or n for n in numbers]
    found = [m for m in (_money_from(text, n) for n in numbers) if m is not None]
    if declared:
        # the words shown for it say the unit it was read in: "330 (figures in $000)"
        units = {n.start: next(text[s:e] for s, e, _ in reversed(declared) if e <= n.start)
                 for n in numbers if n.scale == "declared"}
        found = [replace(m, unit_stated=units[m.start].strip(" ()")) if m.start in units else m
                 for m in found]
    if any(m.alternatives for m in found) and groups_thousands_with_dots(text):
        # "eran 150.000, no 120.000": in Spanish, Portuguese or German the dot groups thousands
        found = [replace(m, alternatives=()) for m in found]
    return _join_ranges(text, found)
