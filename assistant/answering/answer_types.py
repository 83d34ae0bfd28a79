"""What kind of answer a question asks for, and whether a sentence holds one.

A question that asks for a date, a count, an amount, a phone number... is answered only by a
sentence that states one; otherwise the assistant abstains (see :mod:`assistant.answering.facts`).
Shapes that are not values (a definition, a list, a yes/no, a comparison) decide how the answer
is laid out.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answering.question_shapes import question_parts
from assistant.answering.value_types import MONTH, QTY, VALUE_TYPES

VALUE_WORDS_FILE = Path(__file__).with_name("value_words.yaml")


@lru_cache(maxsize=1)
def _value_words() -> dict[str, re.Pattern]:
    data = yaml.safe_load(VALUE_WORDS_FILE.read_text()) or {}
    return {group: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                              + r")(?![\w-])", re.I) for group, words in data.items()}


def names_the_value(question: str, sentence: str) -> bool:
    """Every kind of value the question names (a fee, a maximum, a deadline) is named by the sentence too."""
    return all(pattern.search(sentence) for pattern in _value_words().values() if pattern.search(question))
_COUNT_NOUN = re.compile(r"\bhow many ([a-z][\w-]*(?: [a-z][\w-]*)?)", re.I)
_COUNTED_PHRASE = re.compile(r"\bhow many ((?:[\w-]+ ){0,5}?[a-z][\w-]*)\s+(?:do|does|did|is|are|was|were|will|would|can|could|"
                             r"should|must|have|has|had|we|you|they|i|in|of|for|per|to|with|at|on|under|"
                             # "how many competencies count toward…": the verb after the counted noun ends its phrase
                             r"counts?|qualify|qualifies|apply|applies|exists?|toward|towards|needs?|gets?|makes?)\b", re.I)


# "What determines how many licences…" asks for the factor; the count is only its object.
# "What happens to a partner that misses the deadline?" asks for the consequence, not a date.
_ASKS_FACTOR = re.compile(r"^\s*(?:what|which(?: \w+){0,2})\s+(?:determines?|decides?|affects?|influences?|drives?|"
                          r"governs?|sets?|controls?)\b|^\s*what (?:happens|will happen|would happen)\b"
                          # "when does Silver pay for itself?": the condition it pays off under, not a date
                          r"|\bwhen\b[^?]{0,40}\b(?:pays?\s+(?:for\s+itself|off)|worth\s+it|breaks?\s+even|makes?\s+sense)", re.I)


# A question about an event still to come, and a sentence that speaks of one.
_ASKS_FUTURE = re.compile(r"\bwhen (?:will|is .{0,40}\bgoing to)\b|\b(?:next|upcoming|coming|future)\b", re.I)
_STATES_FUTURE = re.compile(r"\b(?:will|shall|is (?:expected|planned|scheduled|due) to|upcoming|next)\b", re.I)


# A question about when something ends, and a date stated as an end ("until", "expires on"), not a start.
_ASKS_END = re.compile(r"\bwhen\s+(?:does|do|did|will|is|was)\b[^?]{0,60}?\b(?:end|ends|expire|expires|close|closes|finish|"
                       r"finishes|run\s+out|stop|stops)\b|\b(?:end|expiry|expiration|closing)\s+date\b|\blast\s+day\s+of\b"
                       r"|\b(?:last|final|latest)\s+(?:possible\s+)?(?:day|date)\b|\bdeadline\b|\bcut-?off\b|\bdue\s+date\b", re.I)
# "on what date will Microsoft pay out the rebate?": the date of a payment, which only a sentence on paying states
_ASKS_PAID = re.compile(r"\b(?:pay(?:s|ing)?\s+(?:\w+\s+){0,3}?out|paid(?:\s+out)?|payout|payment|pay\s+(?:us|the|our)|disburse\w*|"
                        r"(?:hit|land|arrive)s?\s+(?:in\s+)?(?:our|the)\s+(?:bank|account))\b", re.I)
_STATES_PAID = re.compile(r"\b(?:pa(?:y|ys|id|ying)|payouts?|payments?|disburse\w*)\b", re.I)
_STATES_END = re.compile(r"\b(?:until|till|through|thru|to|ends?|ending|ended|expires?|expired|expiring|closes?|closed|closing|"
                         r"by|end\s+of|up\s+to)\s+(?:on\s+)?(?:the\s+)?(?:\d{1,2} " + MONTH + r"|" + MONTH +
                         r" \d|\d{4}-\d\d|(?:19|20)\d\d\b|FY\s?\d\d)", re.I)


# The asker's own figures ("how much co-op did we accrue?", "our current TTM revenue"): program
# documents state rules, never one partner's data.
_OWN_DATA = re.compile(r"\b(?:did|have|has)\s+(?:we|i|my company|our company)\s+(?:\w+\s+)?(?:earn|accru|receiv|get|got|"
                       r"bill|sell|sold|make|made|reach|hit)\w*\b.*\b(?:last|this|so far|to date|in (?:19|20)\d\d)\b"
                       r"|\bour (?:current|last|latest|actual|own|present)\s+(?:[\w-]+\s+){0,2}(?:revenue|co-?op|accrual|"
                       r"balance|incentives?|rebates?|earnings|payouts?|status|figures?)\b", re.I)


def asks_own_data(question: str) -> bool:
    """The question asks for the asker's own figures, which no program document holds."""
    return bool(_OWN_DATA.search(question))


# Values no calculator works out: only a document that states them answers.
DOCUMENT_ONLY = frozenset({"phone", "email", "url", "future", "code", "exchange rate", "day", "month", "date", "duration",
                           "name", "organisation", "members", "complete list", "form", "statistic", "user numbers", "command",
                           "currency", "portal steps", "exam codes"})


def asks_document_value(question: str) -> bool:
    """Some part of the question asks for a value only the documents can state (a date, a code, a deadline)."""
    return any(requested_value(part) in DOCUMENT_ONLY for part in question_parts(question))


def requested_value(question: str) -> str | None:
    """The value type a question asks for ("date", "count", "phone"...), or None."""
    if _ASKS_FACTOR.search(question):
        return None
    for name, asks, _ in VALUE_TYPES:
        if asks.search(question):
            return name
    return None


def asking_words(question: str) -> str:
    """The words that ask for the value ("what calendar date", "how many days"), not its subject."""
    kind = requested_value(question)
    if not kind:
        return ""
    asks = next(a for name, a, _ in VALUE_TYPES if name == kind)
    return " ".join(m.group() for m in asks.finditer(question))


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# A value at which something pays for itself answers only a question about when it does, not what a rule requires.
_BREAK_EVEN = re.compile(r"\bpays?\s+(?:for\s+)?itself|\bpay\s+off\b|\bpays\s+off\b|\bworth\s+it\b|\bworthwhile\b|"
                         r"\bbreak[\s-]?even\b|\bbe\s+worth\b|\bis\s+worth\b|\breturn\s+on\s+investment\b|\broi\b", re.I)


def answers_break_even(question: str, context: str) -> bool:
    """False when the sentence (with its list's lead-in) gives a break-even point and the question asks no such thing."""
    return not _BREAK_EVEN.search(context) or bool(_BREAK_EVEN.search(question))


def states_value(kind: str, sentence: str, question: str = "") -> bool:
    """Whether `sentence` states a value of `kind`; a count must count the thing asked about."""
    pattern = next(p for name, _, p in VALUE_TYPES if name == kind)
    if kind in ("amount", "percentage", "count", "duration", "date") and not names_the_value(question, sentence):
        return False  # "$139 of licences" is not what Silver costs; a threshold is not a maximum
    if kind == "duration":
        unit = re.search(r"\bhow many (?:more |extra |additional )?(day|week|month|year)s?\b", question, re.I)
        if unit:  # "how many days" is not answered by "twelve-month"
            return bool(re.search(rf"\b{QTY}[- ]{unit.group(1)}s?\b", sentence, re.I))
    if kind == "date" and _ASKS_FUTURE.search(question) and not _STATES_FUTURE.search(sentence):
        return False  # "when will the next change come?" is not answered by the date of a past one
    if kind == "date" and _ASKS_PAID.search(question) and not _STATES_PAID.search(sentence):
        return False  # "when will the rebate be paid out?" is not answered by when a fiscal year starts
    if kind == "date" and _ASKS_END.search(question) and not _STATES_END.search(sentence):
        return False  # "when does the period end?" is not answered by the date something started
    if kind == "complete list":
        # the whole list of the thing counted ("all 11 competencies"): a list of something else does not answer
        noun = re.search(r"(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+([a-z][\w-]*)", question, re.I)
        if noun:
            n = int(noun.group(1)) if noun.group(1).isdigit() else _SMALL[noun.group(1).lower()]
            items = len(re.split(r"[,;]|\band\b|\bor\b", sentence))
            # the whole list names every one of them, or at least as many items as were counted
            return _stem(noun.group(2))[:6] in sentence.lower() and items >= n and bool(pattern.search(sentence))
    if kind == "members":
        category = _CATEGORY.search(question)
        if category:
            name = re.escape(category.group("name").strip(" '\"‘’“”"))
            return bool(re.search(name + r"[^.;]{0,40}?(?:such\s+as|including|includes?|e\.g\.|for\s+example|namely|covers?|"
                                         r"consists?\s+of|:)", sentence, re.I))
    if kind == "category":
        # the product asked about is named in the sentence that says what covers it
        from assistant.understanding.slots.products import parse_products

        asked = {m.key for m in parse_products(question)}
        return bool(pattern.search(sentence)) and bool(asked) and asked <= {m.key for m in parse_products(sentence)}
    if kind != "count":
        return bool(pattern.search(sentence))
    m = _COUNT_NOUN.search(question)
    nouns = [w for w in (m.group(1).split() if m else []) if w.lower() not in _FILLER]
    if not nouns:
        return bool(pattern.search(sentence))
    # "how many certified employees" is answered by "two employees", not by any number.
    heads = {_stem(nouns[-1]), _stem(nouns[0])}
    phrase = _COUNTED_PHRASE.search(question)
    if phrase and len(phrase.group(1).split()) > 2:
        # "how many Office 365 E3 internal-use licences does Gold include?": the head noun ends the phrase;
        # "25 new Office 365 customers" shares only a modifier with it
        heads = {_stem(phrase.group(1).split()[-1])}
    for q in re.finditer(rf"(?<![$\d,.])\b{QTY}\b", sentence, re.I):
        rest = re.split(r"[,;:()]", sentence[q.end():])[0]
        if re.fullmatch(r"(?:19|20)\d\d", q.group()) or re.match(rf"\s*{MONTH}\b", rest):
            continue  # a year or a day of a month counts nothing
        following = [_stem(w) for w in re.findall(r"[A-Za-z][\w-]*", rest)[:5]]
        if heads & set(following):
            return True
    return False


# The category whose members are asked for: "count as 'Strategic Software in CSP' for the 6% rate".
_CATEGORY = re.compile(r"\b(?:count(?:ed)?\s+as|qualify\s+as|class(?:ed|ified)\s+as|considered(?:\s+as)?|fall\s+under|belong\s+to|"
                       r"included\s+in|part\s+of|make\s+up)\s+(?:the\s+)?(?P<name>['\"‘“]?[^?,]{3,60}?['\"’”]?)(?:\s+(?:for|at|in\s+the|under)\b|[?,]|$)",
                       re.I)
_SMALL = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_FILLER = {"of", "the", "do", "does", "did", "are", "is", "we", "i", "you", "they", "times", "new"}


# "how many months of grace period …": what the number measures, which the answering sentence must name
_MEASURED = re.compile(r"\bhow\s+(?:many|much)\s+(?:days|weeks|months|years|dollars)\s+(?:of\s+)?"
                       r"(?P<subject>(?:(?!(?:before|until|till|after|do|does|did|is|are|was|will|would|can|could|should|must|we|i|you|they)\b)[a-z-]+\s*){1,3})",
                       re.I)


def measured_subject(part: str) -> str:
    """The words a counted or measured question measures ("grace period"), or ""."""
    m = _MEASURED.search(part)
    # "how many days of waiting", "how many weeks' notice": the span itself, which any sentence with one measures
    words = [w for w in (m.group("subject").split() if m else []) if not w.lower().endswith("ing")
             and w.lower() not in ("time", "wait", "delay", "notice", "lead", "the", "a", "an")]
    return " ".join(words)
