"""What a fact question asks for, and the query text retrieval searches with."""
from __future__ import annotations

import re

from assistant.answering import alternatives
from assistant.answering.concepts import described
from assistant.answering.answer_types import requested_value
from assistant.understanding.lexicon import LEXICON
from calculators.products import products

_FIGURE_QUESTION = re.compile(
    r"\b(how much|what (?:is|are) the (?:[\w-]+ ){0,3}(?:fee|cost|price|amount)s?|(?:fee|cost|price)s? (?:of|for)|"
    r"what does .* cost|how expensive|(?:fee|cost|price)s?\b.*\bin dollars)\b", re.I)
_COST_WORD = re.compile(r"\b(fee|cost|price|charge)s?\b", re.I)


_AMOUNT = re.compile(r"\$\s?\d|\d\s?%|\bpercent\b", re.I)


_PER_UNIT = re.compile(r"\b(?:per|for each|a|an)\s+(?:\w+\s+)?(?:" + "|".join(
    re.escape(w) for w in sorted(LEXICON["per_seat"], key=len, reverse=True)) + r")\b", re.I)
_EARNINGS = re.compile(r"\b(rates?|percent\w*|%|earn\w*|pays?|paid|payouts?|incentives?|rebates?|co-?op|how much|"
                       r"worth|get back|make)\b", re.I)


def asks_per_unit(question: str) -> bool:
    """An amount per seat, user or licence ("how much per active user?")."""
    return bool(_PER_UNIT.search(question))


_OWN = re.compile(r"\b(?:we|us|our)\b", re.I)


def asks_for_itself(question: str) -> bool:
    """The asker speaks of itself ("what do we get", "our billing")."""
    return bool(_OWN.search(question))


_HOW_TO = re.compile(r"\bhow (?:do|can|should|would|to)\b(?! (?:i|we|you) (?:earn|get paid)\b)", re.I)


def asks_how_to(question: str) -> bool:
    """A question about what to do ("How do I make sure Microsoft credits us for Azure?"), not what it earns."""
    return bool(_HOW_TO.search(question)) and not _EARNINGS.search(re.sub(r"\bmake sure\b", " ", question, flags=re.I))


# "split" and "share" of money, not "split into two kinds of requirement"
_RATE_WORDS = re.compile(r"\b(?:rates?|percent\w*|%|per\s?cent|share|split(?!\s+(?:in|into)\s+(?:\w+\s+){0,2}"
                         r"(?:kinds?|types?|groups?|parts?|categor\w*|sets?))|how\s+(?:is|are)\s+(?:it|they|\w+)\s+calculated)\b", re.I)


def asks_rate(question: str) -> bool:
    """The rate itself is asked ("what's the D365 rate?"), not what a partner's own billing earns."""
    return bool(_RATE_WORDS.search(question))


# "What rate does PAL earn us on Azure?": the one said to earn is a program mechanism, not a product or the partner.
# "indirect providers (distributors)": an aside in brackets renames, it does not end the earner
_ASIDE = re.compile(r"\s*\([^()]{0,40}\)")
_EARNER = re.compile(r"\b(?:does|do|would|will|can|could)\s+(?P<who>[\w'’ -]{2,50}?)\s+(?:earn|pay|give|get|attract|bring)\b", re.I)
# ... or one of the things compared ("does one pay more?", "does either earn more?")
_PARTNER_WORDS = re.compile(r"^(?:we|i|you|they|it|this|that|our\s+(?:company|firm|business|team)|us|one|either|each|both|neither|any|"
                            r"the\s+other|the\s+(?:former|latter)|which(?:\s+one)?|"
                            r"(?:an?\s+|the\s+)?(?:indirect\s+|tier[\s-]?[12]\s+|csp\s+|direct\s+)*(?:resellers?|providers?|"
                            r"distributors?|partners?)|microsoft|the\s+program|csp|the\s+incentive|(?:that|this|the)\s+(?:amount|billing|revenue|"
                            r"deal|sale|license|licence|subscription))\b", re.I)


# "the incentive percentage for being DPOR": a rate for doing something, not for billing a product.
_RATE_FOR_DOING = re.compile(r"\b(?:rates?|percentage|percent|incentive|rebate)\s+(?:\w+\s+)?(?:for|on)\s+(?P<who>(?:being|becoming|having|"
                             r"doing|setting|linking|attaching|registering|claiming|getting)\s+[^?.,;]{2,40}?)"
                             r"(?=\s+(?:on|for|in|of|with|at|to)\b|\s*[?.,;]|\s*$)", re.I)


# "what rate do we earn on M365 usage through CPOR / OSU?": earned by way of a program mechanism, named by its acronym.
# "the rate on Azure attributed through Partner Admin Link", "how much does Microsoft pay for consumption via PAL"
_RATE_THROUGH = re.compile(r"\b(?:rates?|percentage|percent|%|earn\w*|incentive|pays?|paid|porcentaje|paga)\b[^?.;]{0,60}?\b"
                           r"(?:through|via|by\s+way\s+of|thanks\s+to|mediante|por\s+medio\s+de|através\s+de|über)\s+(?:the\s+)?"
                           r"(?P<who>[A-Z]{2,}(?:\s*(?:/|and|or)\s*[A-Z]{2,})*|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3})\b")


def earner(question: str) -> str:
    """Who or what the question says earns ("a tier 1 distributor" in "what does a tier 1 distributor earn?",
    "being DPOR" in "the percentage for being DPOR", "CPOR" in "what rate do we earn through CPOR?")."""
    question = _ASIDE.sub("", question)
    m = _EARNER.search(question) or _RATE_FOR_DOING.search(question) or _RATE_THROUGH.search(question)
    return m.group("who").strip() if m else ""


def names_a_product(words: str) -> bool:
    """The words name a product, rated or not ("Azure", "Copilot")."""
    from assistant.understanding.slots.products import parse_products, parse_unknown_products

    return bool(parse_products(words) or parse_unknown_products(words))


_POINTERS = {"those", "these", "they", "them", "it", "that", "this", "those ones", "these ones", "ones"}


def rate_earner(question: str, names_product=names_a_product) -> str | None:
    """What the question says earns the rate, when that is neither a product nor the partner ("PAL")."""
    question = _ASIDE.sub("", question)
    for rx in (_EARNER, _RATE_FOR_DOING, _RATE_THROUGH):
        m = rx.search(question)
        who = m.group("who").strip() if m else ""
        partner = _PARTNER_WORDS.match(who)
        if rx is _RATE_THROUGH and partner and partner.end() < len(who):
            partner = None  # "through Partner Admin Link" names a tool, not a partner
        if who.lower() in _POINTERS and names_product(question):
            continue  # "And the Strategic Software in CSP subscriptions, what rate do those get?": the product named
        if who and not partner and not names_product(who):
            return who
    return None


# "Besides rebates and co-op, …", "apart from the rebate, …": a clause naming what is not asked about.
_SET_ASIDE = re.compile(r"^\s*(?:besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?|beyond|not\s+counting|"
                        r"excluding|leaving\s+aside)\s+(?P<what>[^,?]{2,60}),\s*"
                        # "... and what's the benefit beyond saving on our own licence costs?": set aside at the end
                        # (never past a dash or a question word: "besides the 4 customers — what's the amount?" asks after it)
                        r"|\s+(?:beyond|besides|apart\s+from|aside\s+from|other\s+than)\s+"
                        r"(?P<tail>(?:(?!\s[-–—]\s|\b(?:what|which|how|when|where|who|why)\b)[^,?—–:;]){2,60})(?=\s*\?\s*$)", re.I)


def without_set_aside(question: str) -> tuple[str, str]:
    """(the question without a leading "besides X," clause, X): what is set aside is not what is asked."""
    m = _SET_ASIDE.search(question)
    if not m:
        return question, ""
    return (question[:m.start()] + question[m.end():]).strip(), m.group("what") or m.group("tail")


def asks_for_figure(question: str) -> bool:
    """The question asks for an amount; "can co-op cover exam fees?" asks whether, and "is there a fee?" asks one."""
    from assistant.answering.question_shapes import asks_yes_no

    if asks_yes_no(question) and not _FEE_ASKED.search(question):
        return False
    return bool(_FIGURE_QUESTION.search(question)) and requested_value(question) != "count"


_FEE_ASKED = re.compile(r"\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:[\w-]+\s+)?(?:fee|cost|price|charge)s?\b|\bdo(?:es)?\b[^?]*\bcost\b|"
                        r"\bhow\s+much\b", re.I)


# "The source does not state the fee amounts", "no figure is published": a sentence saying the value is not given
_UNSTATED = re.compile(r"\b(?:does|do|did)\s+not\s+(?:state|specify|give|list|publish|disclose|quantify)\b|"
                       r"\b(?:is|are|was|were)\s+not\s+(?:stated|specified|given|published|disclosed|quantified)\b|"
                       r"\bno\s+(?:\w+\s+){0,3}(?:figure|amount|number)\s+(?:can\s+be\s+given|is\s+(?:given|stated|published))", re.I)


def declares_unstated(answer: str) -> bool:
    """The answer's first sentence says the documents do not give the value."""
    first = re.split(r"(?<=[.!?])\s+|\n", answer.strip(), maxsplit=1)[0]
    return bool(_UNSTATED.search(first))


def states_figure(text: str, question: str = "") -> bool:
    """A money amount or a rate, not just a digit inside a product name such as Office 365.

    For a fee or cost question the amount must sit in a sentence about the fee or cost.
    """
    text = re.sub(r"\[\d+\]", "", text)
    if _COST_WORD.search(question):
        return any(_AMOUNT.search(s) for s in re.split(r"(?<=[.!?])\s+", text) if _COST_WORD.search(s))
    return bool(_AMOUNT.search(text))


def expand_query(query: str, product_keys, acronyms: dict[str, str] | None = None) -> str:
    """Add a mentioned product's other names, the spelled-out form of abbreviations ("CDA") and the name of a
    mechanism the query only describes."""
    extra = [acronyms[w.lower()] for w in re.findall(r"[A-Za-z][A-Za-z0-9]+", query)
             if acronyms and w.lower() in acronyms and acronyms[w.lower()].lower() not in query.lower()]
    # "tier1" is searched as what the documents call it ("indirect provider").
    extra += [name for group in alternatives.named(query).values() for name in sorted(group)
              if name.lower() not in query.lower()]
    # "is there a way to make sure Microsoft credits us for the Azure we manage?": the mechanism by its name
    extra += described(query)
    catalogue = products()
    for key in product_keys:
        product = catalogue.get(key)
        if product:
            extra += [product.name, *[s for s in product.synonyms if len(s) <= 5 and s not in query.lower()]]
    return f"{query} ({' '.join(dict.fromkeys(extra))})" if extra else query


def figure_left_unstated(question: str, answer, hits):
    """A decline when a figure is asked and the answer found does not give it, else None."""
    from assistant.answering.question_shapes import compares
    from assistant.compose import abstention

    if answer.abstained or not asks_for_figure(question):
        return None
    if declares_unstated(answer.answer):
        # "The source does not state the fee amounts…": the documents themselves say the figure is not given
        return abstention("The documents say they do not give this figure: "
                          + re.sub(r"\s*\[\d+\]", "", re.split(r"(?<=[.!?])\s+|\n", answer.answer.strip())[0]), hits)
    if not answer.figures and not compares(question) and not states_figure(answer.answer, question):
        # The passages talk about it but never give the number ("significantly higher").
        return abstention("The documents do not state that figure. The closest they come is: " + answer.answer, hits)
    return None
