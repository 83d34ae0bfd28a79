"""Amounts that are the program's figures quoted back, not the partner's own: "the $25,000 threshold",
"back when the usage threshold was $4k", "(sales team thinks 15k, I doubt it)"."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.money import Money
from assistant.understanding.sentences import sentence_at, sentence_start

_REF_BEFORE = re.compile(r"\b(?:the|a|that|this|new|old|current|previous|original|today['’]s|the\s+new|the\s+old)\s+$", re.I)
_REF_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?(?:threshold|requirement|rule|limit|minimum|cap|bar|mark|cutoff|cut-off|level|"
                        r"pay-?off\s+(?:point|line))s?\b", re.I)


# "Is 30k TTM enough for the threshold?": an amount named as the partner's own figure, not the rule's
_OWN_FIGURE = re.compile(r"\s*(?:of\s+)?(?:ttm|trailing|revenue|in\s+revenue|co-?op\s+(?:accrual|balance))\b"
                         r"(?!\s+(?:\w+\s+)?(?:threshold|requirement|minimum|limit|rule|cap|bar)s?\b)"
                         # "TTM is 18k, is that enough for the requirement?": the figure checked against the rule
                         r"|\s*[,;:-]?\s*(?:so\s+)?(?:is|would|does|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:enough|sufficient|ok|okay|fine|"
                         r"meet|clear|pass|count)\b", re.I)


def split_references(text: str, money: list[Money]) -> tuple[list[Money], list[Money]]:
    """Separate program figures quoted back ("the $25,000 threshold") from the partner's own amounts."""
    own, refs = [], []
    generic = bool(re.search(r"\b(?:threshold|requirement|minimum)s?\b", text, re.I)) and \
        not re.search(r"\b(?:we|we're|our|us|my|i|i'm)\b", text, re.I)
    for m in money:
        # With no "we" or "our", an amount in the sentence that names the threshold is the rule's; one
        # in a sentence of its own ("Total incentive of $8,000 in 2020. Does the co-op fall short of
        # the threshold?") is still the case being asked about.
        # ... in its own line of a pasted checklist ("requirement | status" heads the list, not the row)
        lo = text.rfind("\n", 0, m.start) + 1
        hi = text.find("\n", m.end)
        hi = len(text) if hi == -1 else hi
        if generic and re.search(r"\b(?:threshold|requirement|minimum)s?\b", _dash_part(text[lo:hi], m.start - lo, m.end - lo), re.I) \
                and not _OWN_FIGURE.match(text, m.end):
            refs.append(m)
            continue
        if _GUESSED.search(text, max(0, m.start - 30), m.start) and _GUESS_ASIDE.match(text, m.end, m.end + 30):
            refs.append(m)  # "(sales team thinks 15k, I doubt it)": someone's guess at the answer, not a figure given
            continue
        prev = next((o for o in reversed(money) if o.end <= m.start), None)
        if prev is not None and _BRACKET_AFTER.fullmatch(text, prev.end, m.start) and m.amount and \
                prev.amount / m.amount in _BREAKDOWN:
            refs.append(m)  # "$54,000 in Jul-Sep (18k each month)": the amount before, broken down, is no second amount
            continue
        if _GROSS.match(text, m.end) and any(o is not m and (_NET_AFTER.match(text, o.end) or _NET_BEFORE.search(
                text, max(0, o.start - 25), o.start)) and abs(o.start - m.start) < 90 for o in money):
            refs.append(m)  # "€58,080 including 21% VAT, i.e. €48,000 net": the billed revenue is the net amount
            continue
        before, after = text[max(0, m.start - 12): m.start], text[m.end: m.end + 40]
        (refs if _REF_BEFORE.search(before) and _REF_AFTER.search(after) or _RULE_WAS.search(text, max(0, m.start - 40), m.start) or
         _REF_AFTER.match(after) and
         re.search(r"\b(?:the|a)\s+$", before, re.I) or re.match(r"^\s*(?:ttm\s+|co-?op\s+)?threshold", after, re.I)
         else own).append(m)
    return own, refs


# an amount in brackets right after another on its line, a share of it for each month or quarter
_BRACKET_AFTER = re.compile(r"[^()\n$€£\d]{0,30}\(\s*(?:i\.e\.\s*|that['’]s\s*|so\s*|about\s*|around\s*|roughly\s*|~\s*)?(?:usd\s*)?")
_BREAKDOWN = {Decimal(n) for n in (1, 2, 3, 4, 6, 12)}


# an amount with a tax in it, set beside the same amount without ("incl. 21% VAT … €48,000 net")
_TAX = r"(?:vat|tax(?:es)?|gst|hst|sales\s+tax|btw|iva|mwst|tva|ust)"
_GROSS = re.compile(r"\s*\(?(?:including|incl\.?|inc\.?|with|plus|gross\s+of|inkl\.?|incluido|incluyendo|iva\s+incluido|ttc)\s+"
                    r"(?:\d{1,2}(?:[.,]\d+)?\s*%\s+)?" + _TAX + r"\b|\s*gross\b|\s*brutto\b", re.I)
_NET_AFTER = re.compile(r"\s*\(?(?:net\b|netto\b|neto\b|ht\b|(?:excluding|excl\.?|ex\.?|before|without|pre-?)\s*" + _TAX + r"\b)", re.I)
_NET_BEFORE = re.compile(r"\b(?:net|netto|neto|i\.e\.\s+net|excluding\s+" + _TAX + r")\s+(?:of\s+)?(?:[\w-]+\s+){0,2}$", re.I)


# "when the usage threshold was $4k", "the minimum is $25,000": the amount is the rule's value
_RULE_WAS = re.compile(r"\b(?:threshold|requirement|minimum|limit|cutoff|cut-off)\s+(?:was|is|were|used\s+to\s+be|of|at|sits\s+at|"
                       r"stood\s+at|went\s+up\s+to|rose\s+to|=|:|(?:got\s+|was\s+|has\s+been\s+)?(?:bumped|raised|increased|lifted|"
                       r"lowered|cut|changed|moved)(?:\s+up)?\s+(?:to|from)|went\s+from|(?:got\s+|was\s+)?(?:bumped|raised|increased|lifted|"
                       r"lowered|changed)(?:\s+up)?\s+to\s+\$?[\d,.]+k?\s+from)\s*(?:only\s+|just\s+)?(?:usd\s*)?\$?$", re.I)


def _dash_part(line: str, start: int, end: int) -> str:
    """The sentence around an amount, up to a dash: "accrual is $9,999.50 — how much more to the threshold?"
    asks about the threshold after the dash; the amount before it is the partner's."""
    sentence, at = sentence_at(line, start, end), sentence_start(line, start)
    parts = [(p.start(), p.end()) for p in re.finditer(r"[^—–]+|[—–]", sentence)]
    part = next((sentence[a:b] for a, b in parts if a <= start - at < b), sentence)
    # ... or up to a colon after it: "co-op is at $6,000: how much more to reach the threshold?" (a colon before
    # it, "threshold: $10,000", labels the amount)
    lo = next((a for a, b in parts if a <= start - at < b), 0)
    colon = part.find(": ", end - at - lo)
    return part[:colon] if colon != -1 else part


_CUR = r"(?:usd|aud|eur|gbp|cad|nzd|chf|jpy|inr|sgd|zar|brl|mxn|sek|nok|dkk|pln|euros?|pounds|dollars)"
LOCAL_CURRENCY = re.compile(r"\b(?:local|own|home|national|domestic)\s+(?:currency|money)\b|\bnot\s+(?:in\s+)?(?:usd|us\s+dollars|dollars)\b"
                             r"|\b(?:isn['’]t|aren['’]t|is\s+not|are\s+not)\s+(?:in\s+)?(?:usd|us\s+dollars|dollars)\b"
                             # "there's no currency on it and we get statements in both AUD and USD": which one is not known
                             r"|\bno\s+currency\b|\bwithout\s+(?:a\s+|any\s+)?currency\b|\bcurrency\s+(?:is\s+|was\s+)?(?:not|n['’]t|never)\s+"
                             r"(?:shown|stated|given|specified|clear|marked|printed)|\b(?:both|either)\s+(?:in\s+)?" + _CUR + r"\s+(?:and|or)\s+(?:in\s+)?" + _CUR + r"\b",
                             re.I)
_GUESSED = re.compile(r"\b(?:thinks?|guess(?:es|ed)?|reckons?|says?|said|claims?|suggests?|estimates?)\s+(?:it['’]s\s+|it\s+is\s+|about\s+|around\s+)?(?:\$|usd\s*)?$",
                      re.I)
_GUESS_ASIDE = re.compile(r"[^.?!\n]{0,25}?\b(?:i\s+doubt|doubt\s+it|not\s+sure|is\s+(?:that|this|it)\s+right|right\?|correct\?)", re.I)


def local_currency(text: str) -> bool:
    """The amounts are said to be in an unnamed currency ("that's in our local currency", "not USD");
    "USD, not local currency" says the opposite."""
    return any(not re.search(r"(?:\bnot|n['’]t)\s+(?:in\s+)?(?:our\s+|the\s+)?$", text[max(0, m.start() - 12):m.start()], re.I)
               for m in LOCAL_CURRENCY.finditer(text))
