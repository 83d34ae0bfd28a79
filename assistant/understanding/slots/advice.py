"""Requests for professional advice the program documents cannot give: legal steps, and how a partner's own
taxes and books treat a payment ("do we have to charge VAT on the rebate?")."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON

_ADVICE = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    LEXICON["advice_requests"], key=len, reverse=True)) + r")(?![\w'-])", re.I)


# "do we have to report VAT on the rebate payments?", "is the co-op subject to withholding tax?": a tax on the
# payment asked with what the books or the tax office do with it, in one sentence
_TAX_ON = re.compile(r"\b(?:vat|sales\s+tax|gst|hst|withholding(?:\s+tax)?|income\s+tax|corporate\s+tax|taxes|taxed|taxable|"
                     r"tax(?=\s+(?:on|for|purposes|liabilit\w+|implications?|treatment|returns?|authorit\w+|office|deductible)\b))\b"
                     r"(?!\s*(?:profiles?|details|info|information|forms?|ids?|numbers?|setup|set\s*up|sections?|pages?|data|residency))", re.I)
_BOOKS = re.compile(r"\b(?:charg|report|declar|book|owe|withh[oe]ld|invoic|account(?:ed|ing)?\s+for|record|recogni[sz]|treat|deduct|"
                    r"file|pay)\w*", re.I)
_PAYMENT = re.compile(r"\b(?:rebates?|co-?op(?:\s+funds)?|incentives?|payments?|payouts?)\b", re.I)


# "is the rebate taxed as income?": the tax liability itself asked
_LIABLE = re.compile(r"\b(?:taxed|taxable|subject\s+to\s+(?:vat|gst|\w*\s*tax)|(?:vat|gst|tax|taxes)\s+on)\b", re.I)


# "(Separately, our accountant has VAT questions - ignore that for now.)": a matter the asker sets aside
_SET_ASIDE = re.compile(r"\b(?:ignore\s+(?:that|this|it)|leave\s+(?:that|this|it)\s+(?:aside|out)|set\s+(?:that|this)\s+aside|"
                        r"(?:that's|that\s+is|this\s+is)\s+(?:a\s+)?(?:separate|different|another)\s+(?:question|topic|matter)|"
                        r"not\s+(?:asking|the\s+question)\s+(?:about|here))\b", re.I)


def _sentences(text: str) -> list[str]:
    # (a sentence in brackets ends at its bracket: "(… ignore that for now.) What incentive …?")
    return [s for s in re.split(r"(?<=[.?!;])\s+|(?<=[.?!;][)\]])\s*|\n", text) if s and not _SET_ASIDE.search(s)]


def _tax_on_payment(text: str) -> bool:
    return any(_PAYMENT.search(s) and (_LIABLE.search(s) or _TAX_ON.search(s) and _BOOKS.search(s))
               for s in _sentences(text))


def asks_advice(text: str) -> bool:
    """Legal or tax advice asked: named outright ("should we get a lawyer?"), or a tax on a payment asked; a matter
    the asker sets aside asks nothing."""
    return any(_ADVICE.search(s) for s in _sentences(text)) or _tax_on_payment(text)
