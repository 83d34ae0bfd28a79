"""Questions the calculators answer in reverse or side by side: `target` and `compare`.

A target question names a goal (an incentive amount, or co-op that can be used) and a
product whose billing is unknown; a compare question names two alternatives (two products
for one amount, or two amounts for one product) and asks for the difference.
"""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.sentences import sentence_at

_OPS = LEXICON["operations"]


def _rx(words) -> re.Pattern:
    return re.compile("|".join(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])" for w in
                               sorted(words, key=len, reverse=True)), re.I)


_NEED, _COMPARE = _rx(_OPS["target_need"]), _rx(_OPS["compare_cue"])
_GOAL_WORD = _rx(_OPS["coop_goal_words"])
_COOP_WORD = re.compile(r"\bco-?op\b", re.I)


class _CoopGoal:
    """Co-op named with a goal word within a few words of it, in either order."""

    WINDOW = 40  # characters: about six words

    def search(self, text: str):
        for m in _COOP_WORD.finditer(text):
            near = text[max(0, m.start() - self.WINDOW):m.end() + self.WINDOW]
            if _GOAL_WORD.search(near):
                return m
        return None


_COOP_GOAL = _CoopGoal()
_BASE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _OPS["compare_base"]) + r")\s+(?:\$|usd\s?)?$", re.I)
# The goal amount of a target question: "to make a 1k incentive", "gets us a $3,000 rebate".
_GOAL_AFTER = re.compile(r"\s*(?:(?:of|in)\s+)?(?:total\s+)?(?:incentives?|rebates?|payouts?)\b", re.I)
_INCENTIVE = re.compile(r"\b(?:incentive|payout|rebate)s?\b", re.I)
# "how much O365 to earn $4,000?": an amount to earn is the incentive wanted.
_GOAL_BEFORE = re.compile(r"\b(?:to\s+|can\s+|could\s+|would\s+)(?:earn|make|get|receive|pocket|take\s+home)\s+(?:us\s+)?(?:an?\s+)?"
                          r"(?:extra\s+|additional\s+|another\s+)?(?:\$|usd\s*)?$", re.I)
# A co-op amount wanted, not one accrued: "gives us a co-op of $6,000", "to earn $6k of co-op".
_COOP_BEFORE = re.compile(r"\bco-?op\s+(?:funds?\s+|funding\s+|budget\s+)?(?:of|worth|totalling|totaling)\s+(?:about\s+|around\s+)?$", re.I)
_COOP_AFTER = re.compile(r"\s*(?:(?:of|in)\s+)?co-?op\b", re.I)
_ALREADY = re.compile(r"\b(?:already|so\s+far|to\s+date|year\s+to\s+date|this\s+(?:half|period)\s+(?:we|so)|have\s+earned|earned\s+so)\b", re.I)
_ACCRUED = re.compile(r"\b(?:accru\w*|balance|already|so\s+far|currently|is\s+at|stands?\s+at|sitting|statement|have|has|had|got)\b", re.I)


def _coop_goal_money(text: str, slots):
    """The co-op amount a target question aims for, when the co-op named is a goal rather than an accrual."""
    for m in slots.money:
        if _COOP_BEFORE.search(text[max(0, m.start - 40):m.start]) or _COOP_AFTER.match(text, m.end):
            if not _ACCRUED.search(sentence_at(text, m.start, m.end)):
                return m
    return None
_MORE = re.compile(r"\b(?:how\s+much\s+more|more\s+do\s+we\s+need|on\s+top|additional|still\s+need)\b", re.I)
# "how much more Azure would we need": more of a product, on top of what is billed
MORE_NEEDED = re.compile(_MORE.pattern + r"|\bhow\s+much\s+(?:\w+\s+){1,3}?more\b|\bmore\s+(?:\w+\s+){0,3}?(?:would|do|will|must|should)\s+we\b", re.I)
_MONTHLY = re.compile(r"\b(?:monthly|per month|a month|each month|every month)\b", re.I)


# "how much more co-op would we have needed?": the unknown is the co-op or incentive, not billing.
_ASKS_PAYOUT = re.compile(r"\bhow\s+much\s+(?:more\s+|extra\s+|additional\s+)?(?:co-?op|incentive|rebate|payout)\b", re.I)


_ASKS = re.compile(r"\bhow\s+much\b|\bwhat\b|\bwhich\b|\bhow\s+big\b", re.I)
# "we got a $2,500 incentive on Azure: what was billed?" reports an incentive received; it sets no goal.
_HAD = re.compile(r"\b(?:got|received|earned|were\s+paid|was\s+paid|had|came\s+to)\b", re.I)


# "...how much more Azure to make it usable?": the co-op named earlier, taken up by a pronoun.
_IT_USABLE = re.compile(r"\b(?:it|them|that)\s+(?:\w+\s+){0,2}(?:usable|unlock\w*|spendable|available|clear\s+the\s+threshold)\b", re.I)


def _coop_named_goal(text: str) -> bool:
    """Usable co-op is the goal: co-op named beside a goal word, or "it" made usable (only co-op is)."""
    return bool(_COOP_GOAL.search(text) or _IT_USABLE.search(text))


def read_target(text: str, slots) -> dict | None:
    """Inputs of a target question, or None when the message is not one."""
    accrued = slots.facts.get("coop_accrual")
    if not slots.products and accrued is not None and _COOP_GOAL.search(text) and _INCENTIVE.search(text) \
            and _NEED.search(text):
        # "co-op is at $6,000: how much more incentive to reach the threshold?": the incentive is the unknown
        return {"goal": "coop_usable", "coop_accrued": format(accrued, "f")}
    if len(set(slots.products)) == 1 and not slots.lines and accrued is not None \
            and _coop_named_goal(text) \
            and (_NEED.search(text) or _MORE.search(text)) and _ASKS.search(text):
        # "co-op balance is $6,000: how much more Azure to make it usable?": that product's billing is the unknown
        return {"goal": "coop_usable", "coop_accrued": format(accrued, "f"), "product": slots.products[0]}
    if _ASKS_PAYOUT.search(text):
        return None
    # "what Dynamics billing would have made our co-op usable?": a co-op goal, a product, no amount
    # of it, and a question: the billing is the unknown, whatever verb carries it.
    coop_money = _coop_goal_money(text, slots) if slots.products else None
    goal_money = next((m for m in slots.money if _GOAL_AFTER.match(text, m.end) or (
        _GOAL_BEFORE.search(text[max(0, m.start - 30):m.start]) and not _COOP_AFTER.match(text, m.end))), coop_money)
    goal_only = bool(_coop_named_goal(text) and slots.products and not slots.lines and _ASKS.search(text))
    # "What Azure RI consumption gives us a $2,500 incentive?": the only amount is the incentive
    # wanted, a product is named, and a question asks: its billing is the unknown.
    goal_only = goal_only or bool(goal_money is not None and len(slots.money) == 1 and slots.products
                                  and _ASKS.search(text) and not _HAD.search(text))
    if not (_NEED.search(text) or goal_only):
        return None
    if not slots.products:
        # "How big does our incentive need to be for the co-op to unlock?": the goal alone
        return {"goal": "coop_usable"} if _COOP_GOAL.search(text) and _INCENTIVE.search(text) else None
    if coop_money is not None and goal_money is coop_money:
        inputs: dict = {"goal": "coop", "amount": format(coop_money.amount, "f")}
    elif _coop_named_goal(text):
        inputs = {"goal": "coop_usable"}
    elif slots.facts.get("rebate_portion") is not None:
        inputs = {"goal": "rebate", "amount": str(slots.facts["rebate_portion"])}
    elif slots.facts.get("total_incentive") is not None:
        inputs = {"goal": "incentive", "amount": str(slots.facts["total_incentive"])}
    elif goal_money is not None:
        inputs = {"goal": "incentive", "amount": format(goal_money.amount, "f")}
    else:
        return None
    # The product to solve for has no billing of its own (or only the goal amount, misread as billing).
    goal_amount = goal_money.amount if goal_money is not None else None
    solve = [p for p in slots.products if p not in slots.lines or slots.lines[p] == goal_amount]
    more = not solve and len(set(slots.products)) == 1 and _MORE.search(text)
    if more:
        solve = [slots.products[0]]  # "we've billed 300k O365 so far; how much more for usable co-op?"
    if len(solve) != 1:
        return None
    inputs["product"] = solve[0]
    existing = {k: str(v) for k, v in slots.lines.items() if k != solve[0] or more}
    if existing:
        inputs["existing"] = existing
    earned = slots.facts.get("total_incentive")
    if earned is not None and inputs["goal"] != "incentive" and _ALREADY.search(text):
        inputs["earned"] = format(earned, "f")  # "we already have $10k of incentive: how much more for usable co-op?"
    if _MONTHLY.search(text):
        inputs["per_month"] = True
    return inputs


_CHANGE = _rx(_OPS["compare_change"])
_DIFFERENCE = _rx(_OPS["difference_asked"])
# "if we shifted $40k of billing from M365 into D365": a move needs where from and where to.
_MOVED_FROM = re.compile(r"\b(?:shift\w*|mov(?:e|ed|ing)|transfer\w*|realloc\w*|switch\w*|convert\w*|migrat\w*)\b[^.?!]{0,60}"
                         r"\b(?:from|of)\b[^.?!]{0,40}\b(?:to|into|over\s+to)\b", re.I)
# "how would our incentive change?": the difference asked about in so many words.
_CHANGE_ASKED = re.compile(r"\b(?:incentive|payout|rebate|earnings?)\b[^.?!]{0,30}\bchange\b|\bchange\s+in\s+(?:our\s+|the\s+)?"
                           r"(?:incentive|payout|rebate|earnings?)\b", re.I)
_OF_IT = re.compile(r"\s*(?:of\s+(?:it|that|this|those|these|them|the\s+\w+)|out\s+of\s+(?:it|that))\b", re.I)
# A label that opens one period's billing: "This half:", "last period -", "H1:", "Q3".
_PERIOD_GROUP = re.compile(r"\b(?:(?P<rel>this|last|previous|prior|current|past|next)\s+(?:half|period|earning\s+period|quarter|"
                           r"semester|year|month)|(?P<tag>h[12]|q[1-4])|(?P<option>(?:option|scenario|plan|case|variant|deal|quote|offer|proposal)\s+(?:[a-d1-4])))\b",
                           re.I)
_EARLIER = re.compile(r"last|previous|prior|past", re.I)
# "A: 150 seats ...  B: 10 seats ...": a capital letter as an option's label
_OPTION_LETTER = re.compile(r"(?<![\w'])[AB](?=\s*[:)]\s)")


def _period_groups(text: str, slots) -> tuple[dict, dict] | None:
    """(earlier, later) billing lines when the message lists two labelled periods' billing, or (A, B)
    for two labelled options ("Option A: ...", "B: ..."). Amounts are the message's own, worked out
    (seats × price × the term stated once for both)."""
    from assistant.understanding.slots.lines import pair
    from assistant.understanding.slots.products import parse_products

    labels = sorted([(m.start(), m.group("rel") or "", bool(m.group("option"))) for m in _PERIOD_GROUP.finditer(text)]
                    + [(m.start(), "", True) for m in _OPTION_LETTER.finditer(text)])
    mentions = parse_products(text)
    groups = []
    for i, (start, rel, option) in enumerate(labels):
        end = labels[i + 1][0] if i + 1 < len(labels) else len(text)
        amounts = [a for a in slots.money if start <= a.start < end and a.amount > 0]
        pairs, _, _ = pair(text, amounts, [p for p in mentions if start <= p.start < end])
        lines: dict = {}
        for a, p in pairs:
            lines[p.key] = lines.get(p.key, Decimal(0)) + a.amount
        if not lines and len(groups) == 1 and len(groups[0][2]) == 1 and len(amounts) == 1:
            lines = {next(iter(groups[0][2])): amounts[0].amount}  # "H1 Office 365 billed $140k, H2 $165k": the same product
        if lines:
            groups.append((rel, option, lines))
    if len(groups) != 2:
        return None
    (rel1, opt1, first), (rel2, opt2, second) = groups
    if not (opt1 and opt2) and set(first) != set(second):
        return None  # two periods of the same products, or this is not a period-over-period question
    if _EARLIER.fullmatch(rel2 or "-") and not _EARLIER.fullmatch(rel1 or "-"):
        first, second = second, first  # "This half: ... Last half: ...": the last half came first
    return first, second


_SHARE_OF_IT = re.compile(r"(?:(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per\s*cent)|(?P<frac>half|(?:a|one)\s+third|(?:a|one)\s+"
                          r"quarter|(?:a|one)\s+fifth|two\s+thirds|three\s+quarters))" + _OF_IT.pattern, re.I)
_SHARE_WORDS = {"half": Decimal(1) / 2, "third": Decimal(1) / 3, "quarter": Decimal(1) / 4, "fifth": Decimal(1) / 5,
                "two thirds": Decimal(2) / 3, "three quarters": Decimal(3) / 4}


def _share(m: re.Match) -> Decimal:
    """The share of the whole a match names: "30%" -> 0.3, "half" -> 0.5, "a third" -> 1/3."""
    if m.group("pct"):
        return Decimal(m.group("pct")) / 100
    words = re.sub(r"^(?:a|one)\s+", "", " ".join(m.group("frac").lower().split()))
    return _SHARE_WORDS[words]
# "how much more co-op would we have accrued?": the co-op portion is what is compared.
_ASKS_COOP = re.compile(r"\b(?:how\s+much|what)\s+(?:more|less|extra|additional|lower|higher)?\s*co-?op\b|"
                        r"\bco-?op\b[^.?!]{0,25}\b(?:difference|differ|change|higher|lower|more|less)\b", re.I)


def _asked(text: str) -> str:
    """The sentence that asks (the last one with a question mark), or the whole message."""
    asks = [s for s in re.split(r"(?<=[.!?\n])\s+", text) if "?" in s]
    return asks[-1] if asks else text


def read_compare(text: str, slots) -> dict | None:
    """Inputs of a compare question ({"a": lines, "b": lines}), or None."""
    measure = {"measure": "coop"} if _ASKS_COOP.search(_asked(text)) else {}
    if _CHANGE.search(text) or _COMPARE.search(text):
        groups = _period_groups(text, slots)
        if groups is not None:
            return {"a": _text(groups[0]), "b": _text(groups[1]), **measure}
    short = len(text.split()) <= 25  # a short message is one sentence's worth of context
    cues = [*_COMPARE.finditer(text), *_CHANGE_ASKED.finditer(text), *_MOVED_FROM.finditer(text)]
    if not any(short or _near_subject(text, cue, slots) for cue in cues):
        return None
    amounts = [m for m in slots.money if m.amount > 0]
    keys = list(dict.fromkeys(slots.products))
    part = next((m for m in amounts if _OF_IT.match(text, m.end)), None)
    share = _SHARE_OF_IT.search(text)
    if part is None and share and len(keys) == 2 and len(amounts) == 1 and 0 < _share(share) < 1:
        # "we bill $200k of Azure; if we moved 30% (or half) of that into RIs": the share of the whole moves
        whole = amounts[0].amount
        moved = whole * _share(share)
        return {"a": _text({keys[0]: whole}), "b": _text({keys[0]: whole - moved, keys[1]: moved}), **measure}
    moved = _moved_between_lines(text, slots, part, keys)
    if moved is not None:
        return {**moved, **measure}
    if part is not None and len(keys) == 2 and amounts[0] is not part and amounts[0].amount > part.amount:
        # "150k of Azure; if we convert 50k of it into RIs (the other 100k stays)": a share moves.
        whole = amounts[0].amount
        rest = whole - part.amount
        if all(m is part or m is amounts[0] or m.amount == rest for m in amounts):
            return {"a": _text({keys[0]: whole}), "b": _text({keys[0]: rest, keys[1]: part.amount}), **measure}
        return None
    if len(keys) == 2 and len(slots.lines) == 2:
        a, b = ({keys[0]: slots.lines[keys[0]]}, {keys[1]: slots.lines[keys[1]]})
    elif len(keys) == 2 and len(amounts) == 1:
        a, b = {keys[0]: amounts[0].amount}, {keys[1]: amounts[0].amount}
    elif len(keys) == 1 and len(amounts) == 2:
        first, second = amounts
        # "150k instead of 120k": the amount after "instead of" is the one compared against.
        if _BASE.search(text[max(0, second.start - 20):second.start]):
            first, second = second, first
        a, b = {keys[0]: first.amount}, {keys[0]: second.amount}
    else:
        return None
    per = next((m.per for m in amounts if m.per), None)
    return {"a": _text(a), "b": _text(b), **({"per": per} if per else {}), **measure}


def _moved_between_lines(text: str, slots, part, keys) -> dict | None:
    """"O365 $150k, D365 $40k. What if we moved $20k of that O365 into D365?": a share moves from one
    billed line to the other; the two mixes are compared."""
    from assistant.understanding.slots.products import parse_products

    if part is None or len(keys) != 2 or set(keys) != set(slots.lines) or part.amount in slots.lines.values():
        return None
    source = next((p.key for p in parse_products(text) if 0 <= p.start - part.end <= 24), None)
    if source is None or slots.lines[source] < part.amount:
        return None
    dest = next(k for k in keys if k != source)
    a = dict(slots.lines)
    b = {**a, source: a[source] - part.amount, dest: a[dest] + part.amount}
    return {"a": _text(a), "b": _text({k: v for k, v in b.items() if v > 0})}


def read_compare_followup(text: str, slots, last: dict) -> tuple[str, dict] | None:
    """After a payout, "what if it had been Dynamics instead?" or "if 50k of that had been RIs instead?".

    The last billing moves, all of it or the amount named, to the product named now. Returns
    ("compare", {"a", "b"}) when the difference is asked, else ("payout", {"lines"}) for what the
    moved billing earns.
    """
    if not _COMPARE.search(text):
        return None
    moved_to = [k for k in dict.fromkeys(slots.products) if k not in last]
    amounts = [m.amount for m in slots.money if m.amount > 0]
    if len(moved_to) != 1 or len(last) != 1 or len(amounts) > 1:
        return None
    (source, value), = last.items()
    value = Decimal(str(value))
    part = amounts[0] if amounts else value
    if part > value:
        return None  # more than was billed cannot move: not a share of "that"
    b = {k: v for k, v in {source: value - part, moved_to[0]: part}.items() if v > 0}
    if _DIFFERENCE.search(text):
        return "compare", {"a": _text({source: value}), "b": _text(b)}
    return "payout", {"lines": _text(b)}


def _near_subject(text: str, cue: re.Match, slots) -> bool:
    """A comparison cue counts only in a sentence that speaks of an amount or a product."""
    from assistant.understanding.slots.products import parse_products

    lo = max(text.rfind(c, 0, cue.start()) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, cue.end()) for c in ".!?\n") if i != -1]
    hi = min(ends) if ends else len(text)
    return any(lo <= m.start < hi for m in slots.money) or any(lo <= p.start < hi for p in parse_products(text))


def _text(lines: dict[str, Decimal]) -> dict[str, str]:
    return {k: format(v, "f") for k, v in lines.items()}
