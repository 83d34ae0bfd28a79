"""Questions the calculators answer in reverse: `target`.

A target question names a goal (an incentive, rebate or co-op amount, or co-op that can be used)
and a product whose billing is unknown. Compare questions are read in :mod:`comparisons`, which
shares the operation cue words defined here.
"""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.sentences import sentence_at

_OPS = LEXICON["operations"]


def _rx(words) -> re.Pattern:
    return re.compile("|".join(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])" for w in
                               sorted(words, key=len, reverse=True)), re.I)


_NEED, _COMPARE = _rx(_OPS["target_need"]), _rx(_OPS["compare_cue"])
ADDED = _rx(_OPS["line_added"])
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
# ("we'd like $2,500 back from Azure RIs": the money back is the incentive wanted)
_GOAL_AFTER = re.compile(r"\s*(?:(?:of|in|de|em|an)\s+)?(?:total\s+)?(?:incentives?|incentivos?|rebates?|payouts?)\b|\s*back\s+(?:from|on|out\s+of)\b",
                         re.I)
_INCENTIVE = re.compile(r"\b(?:incentive|payout|rebate)s?\b", re.I)
# "how much O365 to earn $4,000?": an amount to earn is the incentive wanted.
_GOAL_BEFORE = re.compile(r"\b(?:(?:to\s+|can\s+|could\s+|would\s+)(?:earn|make|get|receive|pocket|take\s+home)|"
                          r"(?:generate|generates|yield|yields|produce|produces)|para\s+(?:ganar|obtener|recibir|"
                          r"ganhar|obter|receber|conseguir)|per\s+(?:ottenere|guadagnare|ricevere|avere)|pour\s+(?:obtenir|gagner|toucher|recevoir|avoir)|"
                          r"om\s+(?:\w+\s+){0,3}?te\s+(?:krijgen|verdienen|ontvangen))"
                          # ("per ottenere un incentivo di 9.000 dollari": the incentive named between the verb and its amount)
                          r"\s+(?:us\s+)?(?:an?\s+|un\s+|une\s+|um\s+|uma\s+|una\s+|een\s+)?(?:(?:incentiv[eo]|incitation|incentivos?)\s+(?:di|de|of|van)\s+)?"
                          r"(?:extra\s+|additional\s+|another\s+)?(?:\$|usd\s*)?$", re.I)
# "want the O365 incentive at 4k", "we'd like our rebate to be $3k": the incentive wished for, named before it
_WANTED_BEFORE = re.compile(r"\b(?:want|wants|wanted|like|aim|aiming|hope|hoping|target|targeting)\b[^.?!$]{0,40}?\b(?:incentives?|payouts?)"
                            r"\s+(?:at|of|to\s+be|to\s+reach|to\s+hit|to\s+get\s+to|around|near|=)\s+(?:about\s+|around\s+)?(?:\$|usd\s*)?$", re.I)
# A co-op amount wanted, not one accrued: "gives us a co-op of $6,000", "to earn $6k of co-op".
_COOP_BEFORE = re.compile(r"\bco-?op\s+(?:funds?\s+|funding\s+|budget\s+)?(?:of|worth|totalling|totaling)\s+(?:about\s+|around\s+)?$", re.I)
_COOP_WANTED = re.compile(r"\b(?:want|wants|wanted|like|aim|aiming|hope|hoping|target|targeting|need)\b[^.?!$]{0,40}?\bco-?op\b[^.?!$\d]{0,30}?"
                          r"\b(?:to\s+be|to\s+reach|to\s+hit|to\s+come\s+to|to\s+total|at)\s+(?:about\s+|around\s+|at\s+least\s+)?(?:\$|usd\s*)?$"
                          # "we want a co-op accrual of $12k next period"
                          r"|\b(?:want|wants|(?:'d|would)\s+like|aim\s+for|target|need|hope\s+for|looking\s+for)\s+(?:a|an|our)\s+co-?op\s+(?:accrual|balance|pot|"
                          r"amount|total)?\s*(?:of\s+)?(?:about\s+|around\s+|at\s+least\s+)?(?:\$|usd\s*)?$", re.I)
_COOP_AFTER = re.compile(r"\s*(?:(?:of|in)\s+)?co-?op\b", re.I)
_ALREADY = re.compile(r"\b(?:already|so\s+far|to\s+date|year\s+to\s+date|this\s+(?:half|period)\s+(?:we|so)|have\s+earned|earned\s+so)\b", re.I)
_ACCRUED = re.compile(r"\b(?:accru\w*|balance|already|so\s+far|currently|is\s+at|stands?\s+at|sitting|statement|have|has|had|got)\b", re.I)


# "an $8k Office 365 incentive": the goal amount with the product it is earned on between them.
_PRODUCT_GOAL = re.compile(r"\s+(?P<product>(?:[\w-]+\s+){1,4}?)(?:incentive|rebate|payout)s?\b", re.I)


_EARNS_VERB = re.compile(r"\b(?:generat\w*|earns?|earned|make|makes|brings?|gives?|gets?|yields?|produc\w*|in)\b", re.I)


def _product_goal(text: str, m) -> bool:
    from assistant.understanding.slots.products import parse_products

    g = _PRODUCT_GOAL.match(text, m.end)
    # "We want $4,500 out of Azure RIs": an amount wanted from a product is what its billing must earn
    wanted = _WANTED.search(text, max(0, m.start - 20), m.start) or _GOAL_TO_BE.search(text, max(0, m.start - 60), m.start)
    # ("$4,500 from the reseller incentive, purely from Azure RI consumption": the product may come second)
    ys = [y for y in _YIELD.finditer(text, m.end, min(len(text), m.end + 90)) if not re.search(r"[.?!;\n]", text[m.end:y.start()])] \
        if wanted else []
    # ("what would 40k of Azure generate in incentive?": a verb between says what the billing earns, no goal)
    return bool(g and parse_products(g.group("product")) and not re.search(r"[,;:]", g.group(0))
                and not _EARNS_VERB.search(g.group("product"))) or \
        any(parse_products(y.group("product")) for y in ys)


_WANTED = re.compile(r"\b(?:want|wants|need|needs|aim\s+for|aiming\s+for|target|targeting|hoping\s+for|get|earn|make)\s+"
                     r"(?:an?\s+|another\s+|at\s+least\s+)?(?:\$|usd\s*)?$", re.I)
# "we want the direct rebate (the 60% part) to be $4,500 from M365": the goal named, then its amount
_GOAL_TO_BE = re.compile(r"\b(?P<goal>incentives?|rebates?|payouts?)\b(?:\([^()]{0,30}\)|[^.?!\d$(]){0,40}?\b(?:to\s+be|to\s+reach|to\s+hit|to\s+come\s+to|"
                         r"to\s+total|to\s+come\s+in\s+at)\s+(?:at\s+least\s+)?(?:\$|usd\s*)?$", re.I)
# (the product looked ahead to, so that a later "from" is found too)
_YIELD = re.compile(r"\s(?:out\s+of|from|via|through)\s+(?:our\s+|the\s+)?(?=(?P<product>[^.?!,;\n]{2,40}))", re.I)


_FROM_PRODUCT = re.compile(r"\s*(?:of\s+|in\s+)?(?:total\s+)?(?:incentives?|rebates?|payouts?)?\s*(?:from|on|out\s+of|via)\s+(?P<product>[^,.;?!]{2,40})", re.I)


def _earned_from(text: str, slots) -> str | None:
    """The product an incentive already earned came from ("$5,000 of incentive from Dynamics 365")."""
    from assistant.understanding.slots.products import parse_products

    for m in slots.money:
        if slots.facts.get("total_incentive") == m.amount and (f := _FROM_PRODUCT.match(text, m.end)):
            named = parse_products(f.group("product"))
            if named:
                return named[0].key
    return None


def _coop_goal_money(text: str, slots):
    """The co-op amount a target question aims for, when the co-op named is a goal rather than an accrual."""
    for m in slots.money:
        if _COOP_WANTED.search(text[max(0, m.start - 80):m.start]):
            return m  # "we'd like the co-op portion on its own to be $6,000"
        if _COOP_BEFORE.search(text[max(0, m.start - 40):m.start]) or _COOP_AFTER.match(text, m.end):
            if not _ACCRUED.search(sentence_at(text, m.start, m.end)):
                return m
    return None
_MORE = re.compile(r"\b(?:how\s+much\s+more|more\s+do\s+we\s+need|on\s+top|additional|still\s+need|gap|so\s+far|already|"
                   r"we(?:'re|\s+are)\s+at)\b", re.I)
_REBATE_GOAL = re.compile(r"\s*(?:(?:of|in)\s+)?(?:cash\s+)?rebates?\b", re.I)
# "how much more Azure would we need", "how much Office 365 more": more of what was named, on top of what is billed
MORE_OF = r"\bhow\s+much\s+(?:\w+\s+){0,3}?more\b|\bmore\s+(?:\w+\s+){0,3}?(?:would|do|will|must|should)\s+we\b"
MORE_NEEDED = re.compile(_MORE.pattern + "|" + MORE_OF, re.I)
_QUARTERLY = re.compile(r"\b(?:quarterly|per quarter|a quarter|each quarter|every quarter)\b(?!\s+(?:million|of\b))", re.I)
_MONTHLY = re.compile(r"\b(?:monthly|per month|a month|each month|every month)\b", re.I)


# "how much more co-op would we have needed?": the unknown is the co-op or incentive, not billing.
_ASKS_PAYOUT = re.compile(r"\bhow\s+much\s+(?:more\s+|extra\s+|additional\s+)?(?:co-?op|incentive|rebate|payout)\b", re.I)


_ASKS = re.compile(r"\bhow\s+much\b|\bwhat\b|\bwhich\b|\bhow\s+big\b", re.I)
# "we got a $2,500 incentive on Azure: what was billed?" reports an incentive received; it sets no goal.
_HAD = re.compile(r"\b(?:got|received|earned|were\s+paid|was\s+paid|had|came\s+to)\b", re.I)
# ... and an amount right after such a verb is the one had ("we got a $5k incentive")
_HAD_JUST_BEFORE = re.compile(_HAD.pattern + r"\s+(?:a\s+|an\s+|about\s+|around\s+|only\s+)?(?:\$|usd\s*|€)?$", re.I)


# "...how much more Azure to make it usable?": the co-op named earlier, taken up by a pronoun.
_IT_USABLE = re.compile(r"\b(?:it|them|that)\s+(?:\w+\s+){0,2}(?:usable|unlock\w*|spendable|available|clear\s+the\s+threshold)\b"
                        r"|\b(?:unlock\w*|free\s+up|release)\s+(?:it|that|them)\b", re.I)


# "…to reach the usage threshold": the co-op usage threshold as the goal, in a message about co-op.
# ("by how much did our co-op miss the usage threshold that applied then?": the distance to the bar, too)
_THRESHOLD_GOAL = re.compile(r"\b(?:reach|hit|clear|cross|get\s+(?:to|over)|make|pass|miss|missed|fall\s+short\s+of|fell\s+short\s+of|"
                             r"short\s+of)\s+(?:the\s+)?(?:co-?op\s+)?(?:usage\s+)?threshold\b", re.I)


def _coop_named_goal(text: str) -> bool:
    """Usable co-op is the goal: co-op named beside a goal word, "it" made usable (only co-op is), or the
    usage threshold to reach in a message about co-op."""
    return bool(_COOP_GOAL.search(text) or _IT_USABLE.search(text) or (_COOP_WORD.search(text) and _THRESHOLD_GOAL.search(text)))


_WH_AMOUNT = re.compile(r"\b(?:what|which|how\s+much)\s+(?:more\s+|extra\s+|additional\s+)?$", re.I)


def _asked_product(text: str) -> str | None:
    """The product right after "what"/"how much" ("what RI consumption …"): the billing the question asks for."""
    from assistant.understanding.slots.products import parse_products

    return next((p.key for p in parse_products(text) if _WH_AMOUNT.search(text, max(0, p.start - 24), p.start)), None)


_REBATE_JUST_BEFORE = re.compile(r"\brebate[\w-]*\b[^$\d.?!,;]{0,20}$", re.I)


def _rebate_to_be(text: str, m) -> bool:
    named = _GOAL_TO_BE.search(text, max(0, m.start - 60), m.start)
    # "so the rebate part is $9,000", "damit der 60%-Rebate-Anteil 9.000 USD beträgt": the rebate named just before it
    return bool(named and named.group("goal").lower().startswith("rebate")) or \
        bool(_REBATE_JUST_BEFORE.search(text, max(0, m.start - 40), m.start))


# "What's the gap between our co-op and the level needed to use it?": the co-op's own shortfall, no billing asked
_COOP_GAP_ASKED = re.compile(r"\b(?:gap|shortfall|short|difference|distance)\b[^?]{0,30}\b(?:our|the)\s+co-?op\b|"
                             r"\bco-?op\b[^?]{0,20}\b(?:gap|shortfall|short\s+of)\b", re.I)
_BILLING_ASKED = re.compile(r"\b(?:bill\w*|sell|sales|sold|invoice\w*|consum\w*|revenue)\b", re.I)


def read_target(text: str, slots) -> dict | None:
    """Inputs of a target question, or None when the message is not one."""
    asked = next((q for q in reversed(re.split(r"(?<=[.!?\n])\s+", text)) if "?" in q), text)
    if slots.lines and _COOP_GAP_ASKED.search(asked) and not _BILLING_ASKED.search(asked):
        return None
    accrued = slots.facts.get("coop_accrual")
    if not slots.products and accrued is not None and _coop_named_goal(text) and _NEED.search(text):
        # "co-op is at $6,000: how much more incentive to reach the threshold?": the incentive is the unknown;
        # without the incentive asked for ("the rebate part was $12,900"), what is missing is co-op itself
        incentive_asked = any(_INCENTIVE.search(s) and (s is asked or _NEED.search(s))
                              for s in (asked, *re.split(r"(?<=[.!?\n])\s+", text)))
        return {"goal": "coop_usable", "coop_accrued": format(accrued, "f")} if incentive_asked else None
    if len(set(slots.products)) == 1 and not slots.lines and accrued is not None \
            and _coop_named_goal(text) \
            and (_NEED.search(text) or _MORE.search(text)) and _ASKS.search(text):
        # "co-op balance is $6,000: how much more Azure to make it usable?": that product's billing is the unknown
        return {"goal": "coop_usable", "coop_accrued": format(accrued, "f"), "product": slots.products[0]}
    earned = slots.facts.get("total_incentive")
    if not slots.products and accrued is None and earned is not None and _coop_named_goal(text) and _MORE.search(text):
        # "we've earned $15k so far: how much more incentive until our co-op is usable?": the rest of the goal
        return {"goal": "coop_usable", "earned": format(earned, "f")}
    if _ASKS_PAYOUT.search(text):
        return None
    # "what Dynamics billing would have made our co-op usable?": a co-op goal, a product, no amount
    # of it, and a question: the billing is the unknown, whatever verb carries it.
    coop_money = _coop_goal_money(text, slots) if slots.products else None
    goal_money = next((m for m in slots.money if not _HAD_JUST_BEFORE.search(text, max(0, m.start - 30), m.start) and (
        _GOAL_AFTER.match(text, m.end) or _product_goal(text, m) or (
            _GOAL_BEFORE.search(text[max(0, m.start - 30):m.start]) and not _COOP_AFTER.match(text, m.end))
        or _WANTED_BEFORE.search(text[max(0, m.start - 70):m.start]))), coop_money)
    goal_only = bool(_coop_named_goal(text) and slots.products and not slots.lines and _ASKS.search(text))
    # "What Azure RI consumption gives us a $2,500 incentive?": the only amount is the incentive
    # wanted, a product is named, and a question asks: its billing is the unknown.
    goal_only = goal_only or bool(goal_money is not None and len(slots.money) == 1 and slots.products
                                  and _ASKS.search(text) and not _HAD.search(text))
    if not (_NEED.search(text) or goal_only):
        return None
    if not slots.products:
        # "How big does our incentive need to be for the co-op to unlock?": the goal alone
        if not (_COOP_GOAL.search(text) and _INCENTIVE.search(text)):
            return None
        if slots.facts.get("total_incentive") is not None and not _MORE.search(text):
            return None  # "our incentive came out at $25,000: can we use the co-op, or must it be above the threshold?"
        return {"goal": "coop_usable"}
    if coop_money is not None and goal_money is coop_money:
        inputs: dict = {"goal": "coop", "amount": format(coop_money.amount, "f")}
    elif _coop_named_goal(text):
        inputs = {"goal": "coop_usable"}
    elif slots.facts.get("rebate_portion") is not None:
        inputs = {"goal": "rebate", "amount": str(slots.facts["rebate_portion"])}
    elif slots.facts.get("total_incentive") is not None or goal_money is not None:
        # ("we got a $5k incentive last period; how much Azure to get $8k?": the amount wanted, not the one had)
        amount = goal_money.amount if goal_money is not None else slots.facts.get("total_incentive")
        # "we need a $12k rebate": the rebate share is the goal, not the whole incentive
        named = goal_money if goal_money is not None else next((m for m in slots.money if m.amount == amount), None)
        rebate = named is not None and named.amount == amount and (
            _REBATE_GOAL.match(text, named.end) or _rebate_to_be(text, named))
        inputs = {"goal": "rebate" if rebate else "incentive", "amount": format(amount, "f")}
    else:
        return None
    # The product to solve for has no billing of its own (or only the goal amount, misread as billing).
    goal_amount = goal_money.amount if goal_money is not None else None
    solve = [p for p in slots.products if p not in slots.lines or slots.lines[p] == goal_amount]
    earned = slots.facts.get("total_incentive")
    if len(solve) > 1 and earned is not None and inputs["goal"] != "incentive":
        # "$5,000 of incentive from Dynamics 365 already; how much Azure for usable co-op?": the product the
        # incentive came from is not the one to solve for
        source = _earned_from(text, slots)
        solve = [p for p in solve if p != source]
    if len(solve) > 1:
        # "what RI consumption gets us to a 3.5k incentive? asking for the azure team": the product asked about
        asked = _asked_product(text)
        solve = [asked] if asked in solve else solve
    more = not solve and len(set(slots.products)) == 1 and _MORE.search(text)
    if more:
        solve = [slots.products[0]]  # "we've billed 300k O365 so far; how much more for usable co-op?"
    if len(solve) != 1:
        return None
    inputs["product"] = solve[0]
    lines = dict(slots.lines)
    if more and goal_amount is not None and lines.get(solve[0], 0) > goal_amount and _product_goal(text, goal_money):
        lines[solve[0]] -= goal_amount  # "an $8k Office 365 incentive; we've billed 140k": the goal is no billing
    existing = {k: format(v, "f") for k, v in lines.items() if k != solve[0] or more}
    if existing:
        inputs["existing"] = existing
    earned = slots.facts.get("total_incentive")
    if earned is not None and inputs["goal"] != "incentive" and _ALREADY.search(text):
        inputs["earned"] = format(earned, "f")  # "we already have $10k of incentive: how much more for usable co-op?"
    if _MONTHLY.search(text):
        inputs["per_month"] = True
    if _QUARTERLY.search(text):
        inputs["per_quarter"] = True  # "how much per quarter do we need to bill over the period"
    return inputs
