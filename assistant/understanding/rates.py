"""Amounts stated per seat or per period, turned into what was billed, with the arithmetic kept.

"240 seats at $22 per seat per month for 6 months" is $22 × 240 × 6 = $31,680 billed; "$2k a
month, contract runs 9 months" is $18,000. An amount per period with no duration stays per
period (the calculator restates it as one earning period). Each restated amount carries
the step that produced it, shown to the user beside what was understood.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.money import _UNIT_OF_MONTHS, PERIOD_MONTHS, Money, _alts
from assistant.understanding.numbers import NUMBER_WORDS, words_value
from assistant.understanding.durations import own_span, find_duration
from assistant.understanding.unit_prices import find_units, names_unit, seat_holders, times_units

#: months in one period an amount may be stated per
PER_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def earning_period_months() -> int:
    """The length of one earning period, from its rule parameter."""
    from calculators.params import get_parameter

    return int(get_parameter("earning_period_months").at(None).value)
_SEATS = "|".join(sorted(LEXICON["per_seat"], key=len, reverse=True))
# "at $23/month", "@ 12.50 a month": a unit price, once a seat count is in the message
# "18 usuarios a USD 65 por mes", "50 Lizenzen zu 23 USD": a seat word, then the word for "at"
_SEATS_AT = re.compile(r"\b(?:" + _SEATS + r")\s+(?:a|à|zu|je|de)\s+(?:usd\s*|\$\s*)?$", re.I)
# ... or times it: "220 seats x $10/month"
# ("85 Lizenzen Office 365 E3 zu je 20 €", "… à 12 € par mois": the word for "at" in German or French)
_AT_PRICE = re.compile(r"(?:\bat|@|(?<=\s)x|×|\*|\bzu(?:\s+je)?|\bje|(?<!\w)à)\s*$", re.I)
# The words between a count and its unit hold no other number: "Office 365 E3 40 licences" is 40.
# "240 seats", "a 500-seat deal"
# ("85 Office 365-licenties": a product's name joined to the seat word by a hyphen)
_SEAT_COUNT = re.compile(r"(?<![\w$.,])(?P<n>\d[\d,]*|" + NUMBER_WORDS + r")(?:\s+|-)"
                         r"(?:(?:[A-Za-z][\w-]*|365)(?:\s+|-)){0,4}?(?:" + _SEATS + r")\b",
                         re.IGNORECASE)
_QTY = re.compile(r"\b(?:qty|quantity|no\.\s+of\s+(?:seats|users|licen[cs]es)|seats|users|licen[cs]es|units)\s*[:=]\s*(?P<n>\d[\d,]*)\b", re.I)
# "... 60 licences of E1 at $10 and 80 of E3 at $23": once seats are named, "80 of" counts them too.
_OF_COUNT = re.compile(r"(?<![\w$.,])(?P<n>\d[\d,]*)\s+(?:x\s+|×\s*|of\s+)", re.IGNORECASE)
# A unit price's period said once for all of them: "..., monthly, ...", "prices are per month".
_PRICE_PERIOD = re.compile(r"\b(?P<unit>monthly|quarterly|yearly|annually)\b|\b(?:per|a|each|every)\s+(?P<unit2>month|quarter|year)\b",
                           re.IGNORECASE)
_ADVERB = {"monthly": "month", "quarterly": "quarter", "yearly": "year", "annually": "year"}


# "we're a 9-person consultancy", "as a small 12-seat shop": the partner's own size, which no price multiplies
_OWN_SIZE_BEFORE = re.compile(r"\b(?:we(?:['’]re|\s+are)|i\s+(?:run|own|work\s+(?:at|for))|our|as)\s+(?:an?\s+)?(?:small|little|tiny|lean)?\s*$",
                              re.I)
_OWN_FIRM_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?(?:" + "|".join(LEXICON["own_firm"]) + r")\b", re.I)


def _own_size(text: str, m) -> bool:
    return bool(_OWN_FIRM_AFTER.match(text, m.end()) and _OWN_SIZE_BEFORE.search(text, max(0, m.start() - 30), m.start()))


def find_seats(text: str, near: Money) -> tuple[int, str] | None:
    """The seat or user count a per-seat price multiplies: "240 seats", "85 seats of O365 E3"."""
    from assistant.understanding.slots.products import parse_products

    named = [(p.start, p.end) for p in parse_products(text)]  # "Dynamics 365 Sales licences": 365 counts nothing
    best = None
    # A product name's own digits are masked: the count may stand before them ("10 Dynamics 365 Sales licences").
    counts = [m for m in _SEAT_COUNT.finditer(_masked(text, named))
              if not any(s <= m.start() < e for s, e in named) and not _own_size(text, m)]
    counts += list(_QTY.finditer(text))  # "Qty: 75", "Users = 120": a labelled count
    if counts or near.per_seat:
        # "180 x Microsoft 365 E3 at $36/seat/month": a count set before the product the seat price is of
        counts += [m for m in _OF_COUNT.finditer(text) if m.start() < near.start]
    for m in counts:
        if near.start <= m.start() < near.end:
            continue
        n = int(m.group("n").replace(",", "")) if m.group("n")[0].isdigit() else words_value(m.group("n"))
        if n is None or n != int(n):
            continue
        n = int(n)
        # The count before the price is the one it multiplies; one after it only when none comes before.
        distance = near.start - m.start() if m.start() < near.start else 10_000 + m.start() - near.start
        if n > 0 and (best is None or distance < best[0]):
            best = (distance, n, m.group(0))
    return (best[1], best[2]) if best else None


def _masked(text: str, spans) -> str:
    return "".join("x" if ch.isdigit() and any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(text))


def price_period(text: str, money: list[Money]) -> str | None:
    """The period unit prices are quoted in when said once apart from the amounts ("..., monthly")."""
    for m in _PRICE_PERIOD.finditer(text):
        if not any(x.start <= m.start() < x.end for x in money):
            unit = m.group("unit")
            return _ADVERB[unit.lower()] if unit else m.group("unit2").lower()
    return None


_PERIOD_NAME = r"(?:q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_PERIOD_LIST = re.compile(r"\b" + _PERIOD_NAME + r"(?:\s*,\s*" + _PERIOD_NAME + r")*\s*(?:,\s*)?(?:and|&|\+)\s*" + _PERIOD_NAME
                          + r"\b(?P<gap>[^.;!?\n\d$]{0,30})$", re.I)
_BOTH_BEFORE = re.compile(r"\b(?:both|each\s+of)\s+(?:the\s+)?$", re.I)
_EACH_AFTER = re.compile(r"\s*(?:each|apiece|every\s+(?:quarter|month|half))\b", re.I)


def _periods_each(text: str, m: Money) -> int:
    """How many periods a list before an amount with "each" names ("Q3 and Q4 came in at 20k each": 2), or 0."""
    listed = _PERIOD_LIST.search(text, max(0, m.start - 80), m.start)
    if not listed:
        return 0
    # ("in both Q1 and Q2 they billed about $45k": "both" says the amount is each period's)
    if not (m.each or _EACH_AFTER.match(text, m.end) or _BOTH_BEFORE.search(text, max(0, listed.start() - 14), listed.start())):
        return 0
    return len(re.findall(r"\b" + _PERIOD_NAME + r"\b", listed.group(0)[:listed.start("gap") - listed.start()], re.I))


_TIMES_SEATS = re.compile(r"\s*(?:x|×|\*)\s*\d[\d,]*\s+(?:[A-Za-z][\w-]*\s+){0,2}?(?:" + _SEATS + r")\b", re.I)
_TIMES_BEFORE = re.compile(r"(?:\bx|×|\*)\s*$", re.I)
_TIMES_SPAN = re.compile(r"\s*(?:x|×|\*)\s*(?P<n>\d{1,3})\s*(?P<unit>months?|mos?|quarters?|years?|yrs?)\b", re.I)


def _product_written(text: str, m: Money) -> Money | None:
    """"120 users x $36 x 6 months": a product written out, seats × price × span, or None."""
    times = _TIMES_BEFORE.search(text[max(0, m.start - 4):m.start])
    span = _TIMES_SPAN.match(text, m.end)
    if not (times and span) or m.per or m.per_seat:
        return None
    seats = find_seats(text, m)
    if seats is None:
        return None
    unit = span.group("unit").lower().rstrip("s")
    per = {"month": "month", "mo": "month", "quarter": "quarter", "year": "year", "yr": "year"}[unit]
    n = int(span.group("n"))
    months = n * PER_MONTHS[per]
    amount = m.amount * seats[0] * n
    note = f"{m.text.strip()} × {seats[0]:,} seats × {months} months"
    return replace(m, amount=amount, end=span.end(), note=note, basis=(format(m.amount, "f"), per, seats[0], months))


def rebuild(basis, seats: int | None = None, months: int | None = None) -> Decimal:
    """The amount a basis gives with another seat count or span ("make that 9 months", "30 more seats").

    >>> rebuild(("15000", "month", None, 6), months=9)
    Decimal('135000')
    >>> rebuild(("10", "month", 120, 12), seats=150)
    Decimal('18000')
    """
    unit, per, old_seats, old_months = basis
    amount = Decimal(unit) * (seats or old_seats or 1)
    span = months or old_months
    return amount * (Decimal(span) / PER_MONTHS[per] if per and span else 1)


# "choosing between a $20/user/month plan and a $36 one": the other option's price, priced the same way
_OTHER_OPTION_GAP = re.compile(r"[^.?!$€£]{0,40}?\b(?:and|or|vs\.?|versus|instead\s+of|compared\s+(?:to|with)|over)\s+(?:an?\s+|the\s+)?"
                               r"(?:usd\s*|\$|€|£)?$", re.I)
_OPTION_AFTER = re.compile(r"\s*(?:one|plan|option|tier|sku|version|package|bundle|edition)\b", re.I)


def _alike_prices(text: str, money: list[Money]) -> list[Money]:
    """A price named as the other option ("… and a $36 one") is per seat and period as the option's it is set
    against."""
    out = list(money)
    for i in range(1, len(out)):
        m, p = out[i], out[i - 1]
        if p.per_seat and p.per and not (m.per or m.per_seat or m.unit_stated) and _OPTION_AFTER.match(text, m.end) \
                and _OTHER_OPTION_GAP.search(text[p.end:m.start]):
            out[i] = replace(m, per=p.per, per_seat=True)
    return out


# "each month we bill $5,500 of O365 and $3,000 of D365", "we factureren per maand 5.500 dollar …": the period said
# once, before the amounts, for all of them
_EVERY = r"(?:each|every|per|pro|por|par|cada|chaque|jeden|jede|ogni|elke|todos\s+los|todos\s+os|tous\s+les|al|au)"
_LEAD_PERIOD = re.compile(r"(?:\b" + _EVERY + r"\s+(?P<unit>" + _alts(PERIOD_MONTHS) + r")|\b(?P<adv>monthly|quarterly|yearly|annually|"
                          r"maandelijks|mensualmente|mensalmente|mensuellement|monatlich|mensilmente))\b(?P<gap>[^.?!\n$€£\d]{0,60})$", re.I)


_GOAL_BETWEEN = re.compile(r"\b(?:earn|earns|get|gets|reach|need|needs|target|goal|incentive|rebate|co-?op|how|what|to)\b", re.I)


def _lead_period(text: str, money: list[Money]) -> str | None:
    """The period every amount is billed per when said once before the first of them, none saying its own."""
    if not money or any(m.per or m.per_seat or m.each for m in money):
        return None
    from assistant.understanding.slots.runs import PERIOD_LABEL

    if any(PERIOD_LABEL.search(text, max(0, m.start - 26), m.start) for m in money):
        return None  # "each quarter: Q1 $20k, Q2 $25k": each amount is its own period's
    m = _LEAD_PERIOD.search(text, max(0, money[0].start - 90), money[0].start)
    if not m or re.search(r"\b(?:last|past|previous|next|this|that)\s*$", text[max(0, m.start() - 12):m.start()], re.I):
        return None
    if _GOAL_BETWEEN.search(m.group("gap")):
        return None  # "how much D365 per month … do we need to bill to earn $9,000?": the period of what is asked
    word = (m.group("unit") or m.group("adv")).lower()
    months = PERIOD_MONTHS.get(word) or PERIOD_MONTHS.get(word.rstrip("s"))
    return _UNIT_OF_MONTHS.get(months) if months in (1, 3, 12) else None  # ("each half" names the span, not a price period)


def restate(text: str, money: list[Money]) -> tuple[list[Money], list[str]]:
    """Amounts multiplied out by seats and duration; the problems that need a question first.

    Returns the amounts (each with `note` describing its arithmetic) and problem codes such as
    ``seats_missing``.
    """
    money = _alike_prices(text, money)
    if (lead := _lead_period(text, money)) is not None:
        money = [replace(m, per=lead) for m in money]
    # A bare "12 months" counts too when an amount is stated per period: it can only be its span.
    duration = find_duration(text, money, bare=any(m.per for m in money))
    out, problems = [], []
    for i, m in enumerate(money):
        # "18k a month for the next 4 months, then 10k a month for the last 2": each amount's own span
        # is the one stated after it, before the next amount; otherwise the message's one span.
        own = own_span(text, money, i) if sum(1 for x in money if x.per) > 1 else None
        duration_of = own or duration
        amount, parts, seat_count, span = m.amount, [], None, None
        product = _product_written(text, m)
        if product is not None:
            out.append(product)
            continue
        if _TIMES_SEATS.match(text, m.end) and not m.per_seat:
            # "$36 x 140 seats, March through August": a seat price, monthly as licences are billed when
            # the message gives a span in months and no other period
            assumed = None if m.per else price_period(text, money) or ("month" if duration_of else None)
            m = replace(m, per_seat=True, per=m.per or assumed)
        if m.per_seat and not m.per and duration_of:
            # "250 seats at $10 per seat, billed April through September": a seat price is monthly, as licences
            # are billed, when the message gives a span and no other period
            m = replace(m, per=price_period(text, money) or "month")
        at_price = bool(_AT_PRICE.search(text[max(0, m.start - 8):m.start]) or _SEATS_AT.search(text, max(0, m.start - 24), m.start)) \
            and find_seats(text, m) is not None
        implied = not m.per_seat and at_price
        if implied and not m.per:
            # "60 licences at 10 usd ..., monthly": the price's period is said once for the message.
            unit = price_period(text, money)
            if unit is None:
                out.append(m)
                continue
            m = replace(m, per=unit)
        if m.per_seat or implied:
            seats = find_seats(text, m)
            if seats is None:
                problems.append("seats_missing")
                out.append(m)
                continue
            amount *= seats[0]
            seat_count = seats[0]
            parts.append(f"{seats[0]:,} seats")
            holders = seat_holders(text, seats[0])
            if holders:
                # "8 customers, each on 25 seats": that seat count once for each of them
                amount *= holders
                seat_count = seats[0] * holders
                parts.append(f"{holders:,} customers")
        listed = _periods_each(text, m)
        if listed and not m.per and not m.per_seat:
            # "Q3 and Q4 came in at 20k each": the amount once for every period listed
            amount *= listed
            parts.append(f"{listed} periods")
        elif (m.each or times_units(text, m)) and not (m.per_seat or implied):
            # "9 clients paying $1,150 each per month": the price of one, times how many
            units = find_units(text, m)
            if units is None and names_unit(m):
                problems.append("seats_missing")
                out.append(m)
                continue
            if units is not None:
                amount *= units[0]
                seat_count = units[0]
                parts.append(f"{units[0]:,} {units[1]}")
        per = m.per
        if per and duration_of and duration_of[0] != PER_MONTHS[per]:
            months, _ = duration_of
            span = months
            periods = Decimal(months) / PER_MONTHS[per]
            amount *= periods
            parts.append(f"{months} months" if per == "month" else f"{periods.normalize():f} {per}s")
            per = None
        if parts:
            note = " × ".join([m.text.strip(), *parts])
            basis = (format(m.amount, "f"), m.per, seat_count, span)
            out.append(replace(m, amount=amount, per=per, note=note, basis=basis))
        else:
            out.append(m)
    return out, problems

