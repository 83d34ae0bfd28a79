"""A threshold asked as a rule ("what's the TTM minimum?", "by how much did the co-op threshold go up?"),
answered from its parameter: the value in force, on the date named if any, and the one before it, each cited."""
from __future__ import annotations

import re

from assistant.compose import CitationList
from calculators.params import get_parameter

# A question opening as a yes or no ("is the threshold still $4,000?") asks no value.
YES_NO_OPENING = re.compile(r"^\s*(?:is|are|can|could|do|does|did|will|would|should|may|must|has|have)\b", re.I)


# "What co-op accrual do we need before we can spend it?", "what's the TTM revenue minimum?": a threshold asked
# as a rule, answered with the value in force (on the date named, if any) and the one before it, each cited.
_THRESHOLDS = {
    "coop_usage_threshold": (re.compile(r"\bco-?op\b", re.I),
                             re.compile(r"\b(?:thresholds?|minimum|min|need\w*\s+to\s+(?:reach|hit|accrue|accumulate|have)|have\s+to\s+"
                                        r"(?:reach|hit|accrue|accumulate)|(?:must|should)\s+(?:\w+\s+){0,3}(?:reach|hit|accrue)|"
                                        r"before\s+(?:we|you|it|they|a\s+partner|the\s+funds|the\s+money|co-?op)\s+can\s+(?:be\s+)?(?:spend|spent|use|used)|"
                                        r"to\s+be\s+(?:usable|spendable|used|spent)|unlock)\b", re.I),
                             "the co-op usage threshold"),
    "ttm_revenue_threshold": (re.compile(r"\b(?:ttm|trailing)\b|\brevenue\s+(?:thresholds?|minimums?|floor|bar|requirement)\b|"
                                         r"\bminimum\s+(?:\w+\s+)?revenue\b", re.I),
                              re.compile(r"\b(?:thresholds?|minimum|min|floor|bar|requirement|need|needs|required)\b", re.I),
                              "the trailing-twelve-month (TTM) revenue minimum for indirect resellers"),
}
_ASKS_VALUE = re.compile(r"\b(?:how\s+much|how\s+many\s+dollars|by\s+how\s+much|what(?:'s|\s+is|\s+was|\s+are)?|which|how\s+(?:big|high|large))\b", re.I)
_NOT_VALUE = re.compile(r"\b(?:why|what\s+(?:\w+\s+)?happen\w*|how\s+(?:do|can|could|should)\s+(?:we|i|you|they)|get\s+back|re-?join|"
                        r"silver|gold|competenc\w*|when\s+(?:was|did|were)|providers?|distributors?|tier\s*1|"
                        r"(?:spend|spent|used|use)\s+(?:it\s+)?(?:on|for)|activities|how\s+long|"
                        # "what exactly does 'TTM' in the revenue requirement mean?": a word's meaning, not the bar
                        r"means?|meaning|stands?\s+for|definition|define)\b|\$|\d+\s*k\b|\d{1,3},\d{3}", re.I)


_SAME_NOW = re.compile(r"\W*(?:and\s+|&\s+)?(?:what(?:'s|\s+is|\s+was)?|how\s+much\s+is)\s+(?:it|that|the\s+(?:new\s+|current\s+)?(?:one|threshold|minimum|bar))"
                       r"\s+(?:now|today|currently|these\s+days|nowadays|since\s+then)\W*", re.I)


# ("… before Microsoft lets us use it for marketing?", "until we're allowed to spend it")
_PURPOSE = re.compile(r"\b(?:(?:to\s+be\s+able|in\s+order|so\s+as)\s+to|so\s+(?:that\s+)?(?:we|i|you|it)\s+can|(?:before|until)\s+(?:we|i|you)\s+can|"
                      r"(?:before|until)\s+(?:[\w-]+\s+){0,3}?(?:lets?|allows?|permits?)\s+(?:us|me|you|them)(?:\s+to)?|"
                      r"(?:before|until)\s+(?:we|i|you)(?:['’]re|\s+are)\s+allowed\s+to)\s+(?:spend|use)\b", re.I)


def threshold_question(question: str) -> str | None:
    """The threshold parameter a question asks the value of ("coop_usage_threshold"), or None.

    Only a question that asks nothing else: "what is the TTM threshold, and when are payouts made?"
    has a second part the parameters do not answer.
    """
    from assistant.answering.question_shapes import question_parts

    # ("what was the old minimum and what is it now?": the second part asks the same threshold's value today)
    parts = [p for i, p in enumerate(question_parts(question)) if not (i and _SAME_NOW.fullmatch(p))]
    from assistant.support import asked_part

    asked = asked_part(question)
    # "the minimum co-op accrual needed to be able to spend it on marketing": what the spending is for is not asked;
    # ("I remember it only had to reach 4k … What was the old minimum?": an amount recalled before the question is context)
    head = _PURPOSE.split(asked)[0]
    if not _ASKS_VALUE.search(question) or _NOT_VALUE.search(head) or YES_NO_OPENING.search(question) or len(parts) > 1:
        return None
    # The asking sentence asks for the threshold: "we're over the revenue bar again; what do we provide?" asks another thing.
    # ("...above the revenue threshold again. What do we need to submit?": a need asked, of something else)
    return next((name for name, (topic, asks, _) in _THRESHOLDS.items()
                 if topic.search(question) and (asks.search(asked) or (CHANGE_ASKED.search(asked) and _LIMIT.search(question)))
                 and (topic.search(asked) or _BAR_WORD.search(asked) or _REFERS_BACK.search(asked))),
                None)


# "The co-op threshold went up in 2021. By how many dollars did it increase?": the threshold, pointed back to
_REFERS_BACK = re.compile(r"\b(?:it|its|that|this|they|them)\b", re.I)
_BAR_WORD = re.compile(r"\b(?:thresholds?|minimum|min|floor|bar|limit|cut-?off)\b", re.I)


def _day(d) -> str:
    return f"{d.day} {d:%B %Y}"


def threshold_answer(name: str, citer, on=None, change_asked: bool = False):
    """(text, citations, figures): the threshold in force on `on` (else now), with the value before or after it."""
    from assistant.answer import Figure
    from calculators.money import fmt_usd

    cites = CitationList()
    param = get_parameter(name)
    current = param.at(on)
    numbers: dict[int, int] = {}

    def ref(v) -> str:
        hit = citer.for_quote(v.reference_doc, v.reference_quote)
        if not hit:
            return ""
        numbers[id(v)] = cites.cite(hit)
        return f" [{numbers[id(v)]}]"

    label = _THRESHOLDS[name][2]
    worded = lambda v: fmt_usd(v.value).removesuffix(".00") if v.value is not None else "none"  # noqa: E731
    latest = param.values[-1]
    if current is latest:
        text = f"**{worded(current)}** is {label} from {_day(current.effective_from)}{ref(current)}"
        earlier = [v for v in param.values[:-1]]
        if earlier:
            before = earlier[-1]
            text += (f"; before that date it was {worded(before)}" if before.value is not None
                     else "; before that date there was none") + ref(before)
    else:
        later = param.values[param.values.index(current) + 1]
        text = (f"**{worded(current)}** was {label} before {_day(later.effective_from)}{ref(current)}; "
                f"from that date it is {worded(later)}{ref(later)}")
    text += "."
    n = numbers.get(id(current))
    figures = [Figure(name=label.split(" (")[0].replace("the ", "", 1), value=float(current.value), unit="USD",
                      formula=f"in force from {current.effective_from.isoformat()}", citations=[n] if n else [])]
    pair = _change(param, current)
    if change_asked and pair:
        # "by how many dollars did it go up?": the difference of the two values in force, both cited
        old, new = pair
        step = new.value - old.value
        word = "went up" if step > 0 else "went down"
        text = (f"**It {word} by {fmt_usd(abs(step)).removesuffix('.00')}** on {_day(new.effective_from)}: from {worded(old)} "
                f"to {worded(new)}.\n" + text)
        cited = [c for c in (numbers.get(id(old)), numbers.get(id(new))) if c]
        figures.append(Figure(name=f"change in {label.split(' (')[0].replace('the ', '', 1)}", value=float(abs(step)), unit="USD",
                              formula=f"{worded(new)} − {worded(old)}", citations=cited))
    return text, cites, figures


def _change(param, current):
    """(the value before, the value after) around the change nearest `current`, when both are amounts."""
    i = param.values.index(current)
    old, new = (param.values[i - 1], current) if i > 0 else (current, param.values[i + 1]) if i + 1 < len(param.values) else (None, None)
    return (old, new) if old is not None and old.value is not None and new.value is not None else None


# "by how much did it go up?", "how many dollars higher is it now?": the change between two values asked for
CHANGE_ASKED = re.compile(r"\b(?:increas\w*|decreas\w*|went\s+up|go(?:ne)?\s+up|rais\w*|rose|rise|jump\w*|by\s+how\s+much|"
                          r"how\s+(?:much|many\s+dollars)\s+(?:higher|lower|more|bigger))\b", re.I)
_LIMIT = re.compile(r"\b(?:thresholds?|minimum|floor|bar)\b", re.I)
