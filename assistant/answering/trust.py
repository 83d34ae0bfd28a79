"""Trust in sources: official guides outrank community posts, and no passage outranks a rule in force.

Every passage has a trust level: ``community`` for forum threads (or a document whose front
matter says ``trust: community``), ``official`` otherwise (the bundled guides and an operator's
own guides). A sentence that states a rate or a threshold for a rule with a value none of the
rule's dated values match contradicts the rule: the ingest summary lists it, and an answer
that would use it gives the rule's value first and names both sources.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from calculators.params import list_parameters
from calculators.products import products
from index.bm25 import tokenize

_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?%")
_DOLLARS = re.compile(r"\$\s?(\d[\d,]*(?:\.\d+)?)\s*([kK]\b)?")
_MONTHS = {"januari", "februari", "march", "april", "may", "june", "juli", "august", "septemb", "octob", "novemb",
           "decemb"}
# Sentences about the rebate/co-op split state percentages that are not product rates.
_SPLIT_WORDS = re.compile(r"\b(rebate|co-?op|split|share)\b", re.I)
#: Share of a rule's quote terms a sentence must use to be about that rule.
SUBJECT_SHARE = 0.6


def trust_of(passage) -> str:
    declared = str((passage.meta or {}).get("trust") or "").lower()
    if declared in ("official", "community"):
        return declared
    return "community" if passage.kind == "forum" else "official"


@dataclass(frozen=True)
class Conflict:
    param: str
    rule: str  # the rule's value in force, as text ("$10,000", "6%")
    stated: str  # what the passage says instead
    sentence: str
    source: str
    title: str
    trust: str
    passage_id: str

    def describe(self) -> str:
        return (f"{self.source} ({self.trust}) states {self.stated} where the rule in force ({self.param}) "
                f"is {self.rule}: \"{self.sentence}\"")


def _show(unit: str, value) -> str:
    if unit == "fraction":
        return f"{Decimal(value) * 100:f}".rstrip("0").rstrip(".") + "%"
    return f"${Decimal(value):,.0f}" if Decimal(value) == Decimal(value).to_integral() else f"${Decimal(value):,.2f}"


def _stated(unit: str, sentence: str) -> list[Decimal]:
    if unit == "fraction":
        return [Decimal(m) / 100 for m in _PERCENT.findall(sentence)]
    out = []
    for number, k in _DOLLARS.findall(sentence):
        value = Decimal(number.replace(",", ""))
        out.append(value * 1000 if k else value)
    return out


def _subject(quote: str) -> set[str]:
    return {t for t in tokenize([quote])[0] if not t[:1].isdigit() and t not in _MONTHS}


def _product_pattern(product) -> re.Pattern:
    names = sorted({product.name, *product.synonyms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def find_conflicts(passages, units) -> list[Conflict]:
    """Sentences that state a rate or threshold no dated value of the matching rule has."""
    rules = []
    by_param = {p.rate_param: p for p in products().values()}
    for param in list_parameters():
        if param.unit not in ("fraction", "currency:USD"):
            continue
        allowed = {Decimal(v.value) for v in param.values if v.value is not None}
        if not allowed:
            continue
        product = by_param.get(param.name)
        subject = _subject(param.values[-1].reference_quote)
        rules.append((param, allowed, _product_pattern(product) if product else None, subject))
    found: list[Conflict] = []
    texts = [u.text for u in units]
    tokens = tokenize(texts) if texts else []
    patterns = [_product_pattern(p) for p in products().values()]
    for unit, terms in zip(units, tokens):
        terms = set(terms)
        named = sum(bool(pat.search(unit.text)) for pat in patterns)
        matched = []
        for param, allowed, product, subject in rules:
            if product is not None:
                # A product's rate: the sentence names that product alone and one percentage.
                if not product.search(unit.text) or named != 1 or _SPLIT_WORDS.search(unit.text):
                    continue
            elif not subject or len(subject & terms) < SUBJECT_SHARE * len(subject):
                continue
            values = _stated(param.unit, unit.text)
            if len(values) == 1:
                matched.append((param, allowed, values[0]))
        # A value that fits any rule the sentence may be about is no contradiction.
        if not matched or any(value in allowed for _, allowed, value in matched):
            continue
        param, _, value = matched[0]
        p = passages[unit.passage]
        found.append(Conflict(param.name, _show(param.unit, param.values[-1].value), _show(param.unit, value),
                              unit.text, p.source, p.title, trust_of(p), p.id))
    return found


def rule_first(conflict: Conflict, citer, cites) -> str:
    """The rule's value, cited to its official passage, then the disagreeing source named."""
    from calculators.params import get_parameter

    value = get_parameter(conflict.param).at(None)
    hit = citer.for_quote(value.reference_doc, value.reference_quote)
    ref = f" [{cites.cite(hit)}]" if hit else ""
    label = value.description.split(";")[0].rstrip(".")
    return (f"The rule in force: {label}: {conflict.rule}{ref}. The sources disagree: {conflict.title} "
            f"({conflict.source}, {conflict.trust}) says {conflict.stated}; the rule's value applies.")
