"""An amount that only names a rule's threshold ("if co-op stays below 10k, is it lost?") is no figure of the partner's.

A calculator given the threshold as the partner's accrual would answer a case nobody asked about;
the question is about the rule, and the documents answer it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.understanding.lexicon import LEXICON
from calculators.params import get_parameter

_BEFORE = re.compile(r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    LEXICON["threshold_comparisons"] + LEXICON["threshold_fillers"], key=len, reverse=True))
                     + r")\s+(?:the\s+|a\s+)?(?:\$|usd\s*|us\$\s*)?$", re.I)
_COMPARES = re.compile(r"(?<!\w)(?:below|under|less\s+than|short\s+of|reach\w*|hit\w*|above|over|more\s+than|exceed\w*|"
                       r"meet\w*|at\s+least|threshold|" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in LEXICON["threshold_comparisons"])
                       + r")(?!\w)", re.I)


# "we got a $10,000 incentive": an amount the partner says it has, or one named as its incentive, is its own
_OWN_BEFORE = re.compile(r"\b(?:we|i)\s+(?:\w+\s+)?(?:got|received|earned|have|had|made|were\s+paid|accrued)\s+(?:a\s+|an\s+|the\s+)?(?:total\s+of\s+)?$|"
                         r"\b(?:our|my)\s+(?:\w+\s+)?(?:incentive|rebate|payout|co-?op|accrual)\s+(?:was|is|came\s+to|of|totall?ed)\s+$", re.I)
_NAMED_AFTER = re.compile(r"\s*(?:of\s+|in\s+)?(?:total\s+)?(?:incentives?|rebates?|payouts?|co-?op\s+(?:accrual|balance))\b", re.I)


@lru_cache(maxsize=None)
def threshold_values(name: str) -> frozenset:
    """Every value the parameter has had ($4,000 and $10,000 for the co-op usage threshold)."""
    return frozenset(v.value for v in get_parameter(name).values)


def names_only_threshold(money, text: str, parameter: str) -> bool:
    """Every amount in `money` is one of the parameter's values, set up as a bar to compare with."""
    if not money or not _COMPARES.search(text):
        return False
    values = threshold_values(parameter)
    return all(m.amount in values and _BEFORE.search(text[max(0, m.start - 30):m.start])
               and not _OWN_BEFORE.search(text[max(0, m.start - 30):m.start]) and not _NAMED_AFTER.match(text, m.end)
               for m in money)
