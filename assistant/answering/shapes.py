"""Answer shapes: the chosen sentences laid out so that the first sentence answers.

- a list is given whole, under its own lead-in, and never merged with another list;
- a yes/no question opens with Yes or No and the deciding sentence;
- a sentence that leans on an earlier one ("A partner that meets them…") brings that one along;
- rates come from the rule parameters (a table when several are asked, a comparison of two).
"""
from __future__ import annotations

import re

from functools import lru_cache
from pathlib import Path

import yaml

from assistant.compose import CitationList
from calculators.params import get_parameter
from calculators.products import products as catalogue

MAX_LIST_ITEMS = 10
_NEGATION = re.compile(r"\b(not|no|never|cannot|can't|isn't|aren't|doesn't|don't|won't|neither|nor|none)\b", re.I)
_DANGLING = re.compile(r"^(?:it|its|they|them|their|this|these|those|that|such|both)\b", re.I)
_BACK_REF = re.compile(r"\b(them|those|these requirements|this rule|that rule)\b", re.I)


def cited(sentence: str, n: int) -> str:
    sentence = sentence.rstrip()
    if sentence[-1:] in ".!?":
        return f"{sentence[:-1]} [{n}]{sentence[-1]}"
    return f"{sentence.rstrip(':;,')} [{n}]."


def list_block(intro, items, n: int) -> str:
    """A lead-in and its items, as the documents list them."""
    head = intro.text.rstrip() if intro is not None else ""
    lines = [f"- {i.text.rstrip('.;')}" for i in items[:MAX_LIST_ITEMS]]
    lead = f"{head.rstrip(':.;')}: [{n}]" if head else f"[{n}]"
    return lead + "\n" + "\n".join(lines)


CUES_FILE = Path(__file__).with_name("answer_cues.yaml")


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    data = yaml.safe_load(CUES_FILE.read_text()) or {}
    return {name: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                                         for w in sorted(words, key=len, reverse=True))
                             + r")(?![\w-])", re.I) for name, words in data.items()}


# (what a question asks, what an answering sentence states): cue pairs a sentence that answers must match
PREFERENCES = (("first_asks", "first_states"), ("return_asks", "return_states"), ("reason_asks", "reason_states"),
               ("agent_asks", "agent_states"), ("break_even_asks", "break_even_states"))


# Adverbs that only add emphasis ("who actually sends…", "what exactly happens…") stand between a cue's words.
EMPHASIS_WORDS = ("actually", "really", "exactly", "normally", "usually", "typically", "even", "ever", "then", "precisely",
                  "just", "simply", "basically", "literally")
_EMPHASIS = re.compile(r"\s+(?:" + "|".join(EMPHASIS_WORDS) + r"|in\s+fact)(?=\s)", re.I)


def without_emphasis(question: str) -> str:
    return _EMPHASIS.sub("", question)


def asks(cue: str, question: str) -> str:
    """The words of the question that ask what the cue names, or ""."""
    m = _cues()[cue].search(question) or _cues()[cue].search(without_emphasis(question))
    return m.group(0) if m else ""


def states(cue: str, sentence: str) -> bool:
    return bool(_cues()[cue].search(sentence))


def asks_loss(question: str) -> bool:
    """The question asks whether money is lost ("if we stay under it, is the money just gone?")."""
    return bool(_cues()["loss_words"].search(_main_clause(question)))


@lru_cache(maxsize=1)
def loss_stems() -> frozenset[str]:
    """The stems of the words for losing money ("gone", "forfeit", "vanish")."""
    from index.bm25 import tokenize

    data = yaml.safe_load(CUES_FILE.read_text()) or {}
    return frozenset(t for w in data["loss_words"] for t in tokenize([w])[0])


def states_fate(sentence: str) -> bool:
    """The sentence says whether money is kept or lost ("it is paid out directly", "earnings … are lost")."""
    return bool(_cues()["kept_words"].search(sentence) or _cues()["loss_words"].search(sentence))


def asks_consequence(question: str) -> bool:
    """The question asks what follows from a situation ("our TTM is 18k: what happens to us?")."""
    return bool(asks("consequence_asks", question))


def states_consequence(sentence: str) -> bool:
    return states("consequence_states", sentence)


# "Microsoft can then attribute influence …": what follows from what the sentence before describes
_THEN_FOLLOWS = re.compile(r"\s*(?:[A-Z][\w-]*\s+){1,3}(?:can|will|would|may|could)\s+then\b")


def finishes_previous(sentence: str) -> bool:
    """The sentence opens with a contrast ("Instead, …") that completes the one before it, or says what follows
    from it ("Microsoft can then …")."""
    if _THEN_FOLLOWS.match(sentence):
        return True
    m = _cues()["contrast_openers"].match(sentence.lstrip())
    return bool(m) and not re.match(r"\s+of\b", sentence.lstrip()[m.end():])  # "Instead of co-op, …" starts afresh


# "You then have to enter…", "After that, …": the next step of a process the sentence before began
# ("Accepting the invitation is not the last step: …": the step after it follows)
_NEXT_STEP = re.compile(r"\s*(?:(?:you|they|we|the\s+partner|a\s+partner|it)\s+(?:must\s+|will\s+|can\s+)?then\b|then\b|next\b|"
                        r"after\s+that\b|afterwards\b|[^.:;]{0,60}\bis\s+not\s+the\s+(?:last|final|only)\s+step\b)", re.I)
# "What has to happen for us to get back in?", "what are the steps to rejoin?": a process asked, step by step
_PROCESS_ASKED = re.compile(r"\bwhat\s+(?:has|have|needs?|must)\s+to\s+happen\b|\b(?:steps?|process)\b|"
                            r"\bhow\s+(?:do|can|would)\s+(?:we|i|you|they|a\s+partner)\s+(?:get\s+back|rejoin|re-?enter|come\s+back)\b|"
                            r"\bget\s+back\s+in(?:to)?\b|\bcome\s+back\b|"
                            # "… can we come back? And what do we need to do?"
                            r"\bwhat\s+(?:do|must|should|would)\s+(?:we|i|you|they)\s+(?:need\s+to\s+|have\s+to\s+)?do\b", re.I)


def next_step(question: str, sentence: str) -> bool:
    """A process is asked, and the sentence opens its next step ("You then have to enter your tax details…")."""
    return bool(_PROCESS_ASKED.search(question) and _NEXT_STEP.match(sentence))


@lru_cache(maxsize=8192)
def is_courtesy(sentence: str) -> bool:
    """The sentence is only a courtesy ("Hope this helps!", "Thanks in advance."): it states nothing."""
    rest = _cues()["courtesy"].sub(" ", sentence)
    return not re.search(r"[A-Za-z0-9]{2,}", rest)


def needs_context(text: str) -> bool:
    """A sentence whose subject or object was left in the sentence before it."""
    return bool(_DANGLING.match(text) or _BACK_REF.search(text))


_CONDITION = re.compile(r"^\s*(?:if|when|once|after|before|in case|unless)\b[^,?]{3,}?,\s*", re.I)


def _main_clause(text: str) -> str:
    return _CONDITION.sub("", text)


_CLAUSE_SPLIT = re.compile(r"\s*(?:;|,?\s+but\s+|,?\s+while\s+|,?\s+whereas\s+|\s+[-–—]\s+)\s*", re.I)
_PLAIN = frozenset("is are was were the and for our we can could does did do what which that this have has with any "
                   "there they their you your will would should".split())


def _clause_asked(question: str, sentence: str) -> str:
    """The clause of the deciding sentence about what the question asks: the one sharing most of its words."""
    clauses = [c for c in _CLAUSE_SPLIT.split(sentence) if c.strip()]
    if len(clauses) < 2:
        return sentence
    asks = [q for q in re.split(r"(?<=[.!?])\s+", question) if "?" in q]
    words = {w.lower()[:5] for w in re.findall(r"[A-Za-z][\w-]{2,}", asks[-1] if asks else question)} - _PLAIN
    shared = [len(words & {w.lower()[:5] for w in re.findall(r"[A-Za-z][\w-]{2,}", c)}) for c in clauses]
    top = max(shared)
    return clauses[shared.index(top)] if top and shared.count(top) == 1 else sentence


_AMOUNT = re.compile(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(k\b)?|\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(k|usd|dollars)\b", re.I)


# "since we only did about $18k through CSP": the partner's own figure, no rule's value claimed
_OWN_FIGURE = re.compile(r"\b(?:we|i|our\s+(?:\w+\s+){0,3}?(?:was|were|is|came\s+to))\s+(?:\w+\s+){0,3}?"
                         r"(?:did|do|billed|bill|made|make|earned|earn|sold|sell|had|have|booked|invoiced|reached|hit|generated|"
                         r"was|were|is|came\s+to)\s+(?:only\s+|just\s+)?(?:about\s+|around\s+|roughly\s+|some\s+|over\s+|under\s+)?"
                         r"(?:us\s*)?\$?\s?\d[\d,.]*\s*(?:k\b|usd\b|dollars\b)?", re.I)


def _amounts(text: str) -> set[int]:
    """The dollar amounts a text states, as whole dollars ("$5,000", "10k", "4,000 USD")."""
    out = set()
    for m in _AMOUNT.finditer(text):
        digits, scale = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out.add(int(digits.replace(",", "")) * (1000 if scale and scale.lower() == "k" else 1))
    return out


_STILL_GET = re.compile(r"\b(?:still|keep|get\s+to\s+keep)\s+(?:\w+\s+)?(?:get|gets|receive|receives|earn|earns|keep|be\s+paid)\b|"
                        r"\b(?:do|does|will|would|can)\s+(?:we|i|they|you|it)\s+(?:still\s+)?(?:keep|retain)\b", re.I)
_OR_NOT = re.compile(r",?\s+or\s+not\b(?=\s*[?.!]|\s*$)", re.I)


_FOR_GOOD = re.compile(r"\b(?:for\s+good|for\s*ever|permanent(?:ly)?|for\s+life|never\s+(?:get\s+)?back)\b", re.I)


def yes_no_lead(question: str, sentence: str) -> str:
    """'Yes.' or 'No.' from the deciding sentence: a negation the question lacks means no."""
    if re.match(r"(?i)(yes|no)\b", sentence):
        return ""  # the sentence says it already
    question = _OR_NOT.sub("", question)  # "do we still get them or not?" asks yes or no, negating nothing
    cues = _cues()
    if cues["loss_words"].search(_main_clause(question)) and cues["kept_words"].search(sentence) \
            and not cues["loss_words"].search(sentence) and not _NEGATION.search(_main_clause(question)):
        return "No."  # "do we lose it?" and "it is paid out directly": the money is not lost
    if _STILL_GET.search(_main_clause(question)) and cues["loss_words"].search(sentence) \
            and not cues["kept_words"].search(sentence) and not _NEGATION.search(_main_clause(question)):
        return "No."  # "do we still get the incentives for those weeks?" and "…earned while ineligible are lost"
    if _FOR_GOOD.search(_main_clause(question)) and cues["return_states"].search(sentence) \
            and not _NEGATION.search(_main_clause(question)):
        return "No."  # "are we out for good?" and "… Microsoft sends a new invitation": there is a way back
    if cues["sameness_words"].search(question) and cues["varies_words"].search(sentence) \
            and not _NEGATION.search(_main_clause(question)):
        return "No."  # "does everyone get the same number?" and "the number depends on the level": it is not the same
    claimed, stated = _amounts(_OWN_FIGURE.sub(" ", question)), _amounts(sentence)
    if len(claimed) == 1 and stated and not claimed & stated and not _NEGATION.search(_main_clause(question)):
        return "No."  # "someone claimed we only need $5,000 … is that right?" and "$10,000 from October 2021": another figure
    if cues["alone_words"].search(_main_clause(question)) and cues["together_words"].search(sentence) \
            and not _NEGATION.search(_main_clause(question)):
        return "No."  # "do they only need the business requirements?" and "both business and operational": more is needed
    # A negation inside a leading condition ("if we don't reach it, do we lose it?") is not what is asked;
    # nor one in a clause about something else ("Silver is enough; Gold is not required" for "is Silver enough?").
    neg_s = bool(_NEGATION.search(_main_clause(_clause_asked(question, sentence))))
    neg_q = bool(_NEGATION.search(_main_clause(question)))
    return "No." if neg_s != neg_q else "Yes."


# "incentive" asks for a rate only where two products are named (a single one needs "rate" as well).
# "where Silver starts to pay off", "pays for itself": a break-even, not a rate
_RATE_WORDS = re.compile(r"\b(rates?|percentages?|percent|earns?|pays?(?![\s-]+(?:off|for|back)\b)|incentives?)\b", re.I)
_ALL_RATES = re.compile(r"\b(all|every|each|full list of|list (?:the|of)|table of)\b.{0,30}\brates?\b|\brates? for "
                        r"(?:all|every|each)\b|\bwhat are the (?:\w+ )?rates\b", re.I)
# "how much percent incentive … on Dynamics 365 revenue?": the rate asked in other words, not a part of the split
_PERCENT_ON = re.compile(r"\bhow\s+(?:much|many)\s+(?:percent|percentage|per\s*cent|%)(?!\s+of\b)"
                         r"(?![^?]*\b(?:co-?op|rebate|split|share)\b)", re.I)
_COMPARE = re.compile(r"\b(higher|lower|more|less|bigger|smaller|same|differ\w*|compare\w*|versus|vs)\b", re.I)


def rate_question(question: str, product_keys) -> list[str] | None:
    """The products whose rates a question asks for: the ones it names, or all for 'all the rates'."""
    if not _RATE_WORDS.search(question) or re.search(r"\d\s?%", question):
        return None
    keys = [k for k in dict.fromkeys(product_keys) if k in catalogue()]
    if _ALL_RATES.search(question) and len(keys) != 1:
        return keys if len(keys) > 1 else list(catalogue())
    if len(keys) >= 2 or (keys and (re.search(r"\brates?\b", question, re.I) or _PERCENT_ON.search(question))):
        return keys
    return None


def rate_values(keys, as_of=None):
    return [get_parameter(catalogue()[k].rate_param).at(as_of) for k in keys]


def _pct(value) -> str:
    text = f"{float(value) * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


_BASIS = re.compile(r"\b((?:billed\s+)?revenue|consumption|usage|seats?|licen[cs]es?)\s+earns?\b", re.I)


def rate_basis(value) -> str:
    """What a rate is paid on, as the rule's own sentence says ("RIs consumption earns 10%": consumption)."""
    m = _BASIS.search(value.reference_quote or "")
    return m.group(1) if m else "billed revenue"


def rate_answer(question: str, keys: list[str], citer, as_of=None):
    """(text, citations, figures) for the rates of `keys`, from the parameters in force."""
    from assistant.answer import Figure

    cites = CitationList()
    rows = []
    for key in keys:
        product = catalogue()[key]
        value = get_parameter(product.rate_param).at(as_of)
        hit = citer.for_quote(value.reference_doc, value.reference_quote)
        n = cites.cite(hit) if hit else None
        rows.append((product, value, n))
    figures = [Figure(name=f"{p.name} incentive rate", value=float(v.value), unit="fraction", formula=_pct(v.value),
                      citations=[n] if n else []) for p, v, n in rows]
    ref = lambda n: f" [{n}]" if n else ""  # noqa: E731
    years = sorted({v.fiscal_year for _, v, _ in rows if v.fiscal_year})
    source = f" ({', '.join(years)} guide)" if years else ""
    if len(rows) == 2 and _COMPARE.search(question):
        (p1, v1, n1), (p2, v2, n2) = rows
        if v1.value == v2.value:
            lead = f"The same: {_pct(v1.value)} each"
        else:
            hi, lo = (rows[0], rows[1]) if v1.value > v2.value else (rows[1], rows[0])
            lead = f"{hi[0].name} is higher: {_pct(hi[1].value)} against {_pct(lo[1].value)} for {lo[0].name}"
        text = (f"{lead}{source}. {p1.name} earns {_pct(v1.value)} of {rate_basis(v1)}{ref(n1)}; "
                f"{p2.name} earns {_pct(v2.value)}" + (f" of {rate_basis(v2)}" if rate_basis(v2) != rate_basis(v1) else "")
                + f"{ref(n2)}.")
    elif len(rows) == 1:
        p, v, n = rows[0]
        text = f"{p.name} earns {_pct(v.value)} of {rate_basis(v)} under the indirect reseller incentive{source}{ref(n)}."
    else:
        if len({rate_basis(v) for _, v, _ in rows}) > 1:
            # "is the RI rate paid on billed revenue like Azure?": what each rate is paid on, where they differ
            lines = ["| product | rate | paid on |", "| --- | --- | --- |"]
            lines += [f"| {p.name} | {_pct(v.value)}{ref(n)} | {rate_basis(v)} |" for p, v, n in rows]
        else:
            lines = ["| product | rate |", "| --- | --- |"]
            lines += [f"| {p.name} | {_pct(v.value)}{ref(n)} |" for p, v, n in rows]
        text = f"Indirect reseller incentive rates{source}:\n\n" + "\n".join(lines)
    return text, cites, figures
