"""Follow-ups: whether a message continues the last calculation, and its inputs merged over the last ones."""
from __future__ import annotations

import re
from decimal import Decimal

from assistant.conversation import ConversationState
from assistant.understanding.inputs import PROFILE_PARTS, TOOLS, _COMP_KEYS, _ELIG_KEYS, _s, slot_inputs
from assistant.understanding.operations import _COMPARE, ADDED, MORE_OF
from assistant.understanding.slots import Slots
from assistant.understanding.scaling import scale_factor
from assistant.understanding.followup_coop import merged_coop
from assistant.understanding.period_parts import corrected_part
from assistant.understanding.followup_billing import _TOTAL_ASKED, BOTH, CORRECTION, REMOVE, denied_products, duration, merge_billing, \
    seat_change
from assistant.understanding.line_changes import seat_price_changed
from assistant.understanding.last_turn import amount_swapped, amounts_given, coop_checked, more_billing, more_revenue, same_goal, \
    target_with_topic, topic_products
from assistant.understanding.slots.cues import CASH_ASKED, COOP, COOP_PORTION, ELIG, FORECAST, OOS_TOPIC, OTHER_VENDOR


_ELLIPTIC = re.compile(r"^[\s¿¡]*(?:wait|sorry|actually|oops|correction|i\s+meant|no\s+wait|and|what\s+about|how\s+about|what\s+if|same|also|ok(?:ay)?,?\s+(?:and|what\s+about|now)|then|now|plus|"
                       r"instead|but|if|with|for|on|at|in|using|say|suppose|assume|assuming|let['’]?s\s+say|imagine|so|make\s+(?:it|that)|"
                       # "¿Y si…?", "et si…", "und wenn…", "e se…", "perdón", "y para…": the same openings in other languages
                       r"y(?:\s+si)?|et(?:\s+si)?|und(?:\s+wenn)?|e\s+se|perd[oó]n|pardon|entschuldigung|desculpe|y\s+para|"
                       r"y\s+con|et\s+pour|und\s+f[uü]r)\b", re.I)
_FACT_FOLLOW = re.compile(r"^\s*(?:and\s+)?(?:since\s+when|from\s+when|when\s+(?:did|was|does|is|will)\s+(?:that|it|this|those|these)|"
                          r"where\s+(?:does|did|is|do)\s+(?:that|it|this|those|these)|(?:what'?s|what\s+is)\s+(?:the|your)\s+source|sources?\??$|"
                          r"why(?:\s+(?:is|was)\s+(?:that|it|this))?\??$|says\s+who|how\s+come|who\s+(?:says|said|decided)|"
                          r"is\s+(?:that|it|this)\s+(?:still\s+)?(?:true|current|valid|right|correct|the\s+case)|does\s+(?:that|it|this)\s+(?:still\s+)?apply|"
                          r"(?:can\s+you\s+)?(?:cite|show)\s+(?:me\s+)?(?:the\s+)?(?:source|passage|reference)|tell\s+me\s+more|more\s+(?:detail|info))", re.I)
_NEW_QUESTION = re.compile(r"^\s*(?:what|how|why|when|where|who|which)\b(?!.*\b(?:we|our|us)\b)", re.I)
_COOP_GOAL_FOLLOW = re.compile(r"\bco-?op\b.*\b(?:usable|unlock\w*|spend\w*|spent|use)\b|\b(?:usable|unlock\w*)\b.*\bco-?op\b", re.I)
# "under today's rule", "now": the rules in force today rather than the earlier date's
_NOW = re.compile(r"\b(?:today|today['’]s|now|nowadays|current(?:ly)?|these\s+days|the\s+new\s+(?:rule|threshold))\b", re.I)
_SHORT = re.compile(r"\b(?:short|shortfall|below|under|reach|clear|usable)\b", re.I)
# "what if we get Gold back", "once we're Silver again", "suppose we regain Silver": a change supposed, not a fact
# ("how far from the threshold would that leave us?")
_GAP_ASKED = re.compile(r"\bhow\s+(?:far|much)\s+(?:\w+\s+){0,3}?(?:short|off|away|below|under|from)\b|\b(?:shortfall|gap|miss\w*|fell\s+short)\b",
                        re.I)
# "to get there", "to reach it": a goal the last question named
_THERE = re.compile(r"\b(?:get|gets|getting|make\s+it)\s+(?:us\s+)?there\b|\b(?:reach|hit|meet|clear|cross|unlock)\s+(?:it|that|this)\b", re.I)
_SUPPOSED = re.compile(r"\b(?:what\s+if|if\s+we|once\s+we|when\s+we|after\s+we|suppose|supposing|assuming|say\s+we)\b", re.I)
_WOULD_BE = re.compile(r"\bwhat\s+would\s+(?:it|that|the\s+incentive|we\s+get|we\s+earn)|\bhow\s+much\s+would\b", re.I)
_ANOTHER = re.compile(r"\b(?:another|more|additional|extra|further)\b", re.I)
_MORE_BILLING = re.compile(MORE_OF, re.I)
_MORE_INCENTIVE = re.compile(r"\b(?:more|additional|extra|further)\s+(?:total\s+)?(?:incentive|earnings?|payout)\b", re.I)
_TO_THRESHOLD = re.compile(r"\b(?:threshold|gap|usable|unlock\w*|spendable|clear\w*|(?:over|across)\s+the\s+(?:line|bar|hump)|"
                           r"(?:get|got|push|tip)\s+(?:it|us|that)\s+(?:over|there|across)|(?:reach|hit|meet)\s+(?:it|that|the\s+bar))\b", re.I)


# ... and as partners writing in Spanish, Portuguese, French or German point back ("¿cuánto de eso es co-op?")
_ANAPHOR = re.compile(r"\b(?:that|it|this|those|these|them|same|eso|esto|ello|isso|disso|disto|davon|dafür|cela|ça|ce\s+montant|"
                      r"cette\s+somme|ese\s+importe|esse\s+valor|questo\s+importo|dieser\s+betrag|dit\s+bedrag)\b", re.I)
_COUNTS = ("new_o365_customers", "certified_employees")


def followup_kind(message: str, slots: Slots, state: ConversationState, kind: str, scores: dict) -> str | None:
    """The kind of a follow-up message given the session memory, or None when it stands alone."""
    if not (state.last_tool or state.last_topic):
        return None
    words = len(message.split())
    if _FACT_FOLLOW.search(message) and not slots.money:
        return "fact"
    if COOP.search(message) and state.last_total and not slots.money and words <= 25 and \
            (COOP_PORTION.search(message) or _ANAPHOR.search(message) or _COOP_GOAL_FOLLOW.search(message)
             or _SHORT.search(message) or re.search(MORE_OF, message, re.I)):
        return "coop"  # ... "how much more co-op would we have needed then?": the shortfall of the co-op just checked
    if state.last_tool == "coop" and not slots.money and not slots.products and words <= 25 and _GAP_ASKED.search(message):
        return "coop"  # "how far short were we?", "by how much did we miss it?": the shortfall of the co-op just checked
    if state.last_total and not slots.money and not slots.products and words <= 25 and CASH_ASKED.search(message) \
            and (COOP_PORTION.search(message) or _ANAPHOR.search(message)):
        return "coop"  # "ok so how much of that hits our bank account as cash?": the split of the incentive just worked out
    last = state.last_tool
    if last == "coop" and state.last_inputs.get("coop_accrual") and slots.lines and words <= 40 \
            and (COOP.search(message) or _SHORT.search(message) or _GAP_ASKED.search(message)) \
            and (ADDED.search(message) or _ANOTHER.search(message)) and not slots.facts.get("coop_accrual"):
        # "8,600 of co-op so far", then "if we bill another 30k of Azure, what would the co-op be?" (or "how short
        # are we then?")
        return "coop"
    if last == "coop" and not slots.money and not slots.products and words <= 30 and _SHORT.search(message) and \
            (_ANAPHOR.search(message) or _NOW.search(message)):
        return "coop"  # "and under today's rule, how far short would that accrual be?": the same co-op judged again
    if last == "coop" and not slots.money and not slots.products and (state.earlier_inputs or {}).get("basis") \
            and (duration(message) or seat_change(message)) and words <= 40:
        return "payout"  # "$35k a month for 6 months", "co-op part?", "the contract runs 8 months, not 6": the billing changes
    split_of = (state.earlier_inputs or {}).get("lines") or {}
    if last == "coop" and slots.products and set(slots.products) <= set(split_of) and not slots.money and _MORE_BILLING.search(message):
        return "target"  # "$240k O365", "is the co-op usable?", "how much more O365 for it to be usable?": on top of that billing
    if last == "coop" and state.last_inputs.get("coop_accrual") and not slots.products and not slots.money \
            and _TO_THRESHOLD.search(message) and _MORE_INCENTIVE.search(message) and words <= 30:
        return "target"  # "co-op accrual is $6,200" then "how much more incentive to unlock it?": the incentive still needed
    if last == "coop" and (state.last_inputs.get("coop_accrual") or state.last_inputs.get("total_incentive")) \
            and slots.products and not slots.money and _TO_THRESHOLD.search(message) and words <= 30:
        # "co-op accrual is $7,300" then "how much more Office 365 billing would close the gap to the
        # threshold?": the billing that makes that accrual usable
        return "target"
    if state.last_kind == "fact" and slots.products and not slots.money and words <= 30 and _THERE.search(message) \
            and target_with_topic(message, state):
        return "target"  # "What's the co-op threshold?", then "how much Azure would we need to bill to get there?"
    if state.last_kind == "fact" and slots.money and not slots.products and len(topic_products(state)) == 1 \
            and (_ANAPHOR.search(message) or _BILLED_SAID.search(message)) and words <= 20:
        # "what % does Dynamics 365 earn?" then "so on 85k of it we'd get what?", or "planning question about Office
        # 365" then "Q1 we billed 18k and Q2 22k": that product's billing
        return "payout"
    if last == "compare" and slots.money and not slots.products and words <= 30 and amount_swapped(message, slots, state):
        return last  # "how much more if $40k of Azure were RIs?", then "redo that with 65k instead of 40k"
    if last == "eligibility" and slots.facts.get("level") and "competency" not in slots.facts and _SUPPOSED.search(message) \
            and ELIG.search(message) and words <= 40:
        return last  # "what if we get Gold back next month – would we be eligible then?": the check, with that level held
    if last == "eligibility" and more_revenue(message, slots, state):
        return last  # "what if we close the $4k Azure deal next week - would that get us in?": more TTM revenue
    own = {"eligibility": _ELIG_KEYS + PROFILE_PARTS, "competency": _COMP_KEYS + tuple(f"{k}_added" for k in _COUNTS)}.get(last or "", ())
    if any(k in slots.facts for k in own) and not slots.lines and words <= 40 and not _NEW_QUESTION.search(message):
        # A fact for the check just made ("bank and tax are done btw", "wait, our MPN lapsed")
        # continues it, however it is phrased.
        return last
    elliptic = bool(_ELLIPTIC.search(message)) or (words <= 5 and (slots.money or slots.products or _ANAPHOR.search(message)
                                                                    or slots.as_of or slots.fiscal_year or slots.facts
                                                                    or slots.percent is not None))
    # "add 150k of D365 to that", "our finance team says that's 32,400 USD": a new amount tied to the last one.
    elliptic = elliptic or bool((ADDED.search(message) or _ANAPHOR.search(message)) and (slots.money or slots.products))
    # "Q2 was 31.5k, what for the whole half?": an amount with no product continues the last billing.
    elliptic = elliptic or bool(last in ("payout", "forecast") and slots.money and not slots.products
                                and not slots.facts and not slots.unknown_products)
    billed_lines = set(((state.earlier_inputs if last == "coop" else state.last_inputs) or {}).get("lines") or {})
    if last in ("payout", "forecast", "coop") and slots.lines and set(slots.lines) <= billed_lines and words <= 40 \
            and _SUPPOSED_CHANGE.search(message):
        # "what would the rebate be if the Dynamics figure were 45k instead?": a line of the billing just used, changed
        return "payout" if last == "coop" else last
    if last == "coop" and slots.lines and state.earlier_inputs.get("lines") and elliptic and not COOP.search(message):
        return "payout"  # "and if the D365 had been 60k?" after the co-op part of a payout: billing, not an incentive
    if last == "coop" and slots.money and CORRECTION.search(message) and words <= 40 and \
            set(slots.products) & set(state.earlier_inputs.get("lines") or {}):
        return "payout"  # "what's the rebate part?", then "actually azure was 95k, redo it": the billing split, corrected
    if last in TOOLS and not slots.money and not slots.products and words <= 16 and _DOCUMENTED_RATE.search(message):
        return last  # "fine, with the real rate then": the calculation an instruction tried to bend, done by the rules
    if last in TOOLS and slots.as_of and not slots.products and words <= 40 and slots.money and \
            all(m.amount in amounts_given(state.last_inputs) for m in slots.money) and _ANOTHER_DATE.search(message):
        return last  # "what if that same $8,600 had been for Oct 2020 – Mar 2021?": the same figure, another period's rules
    if last in TOOLS and not slots.money and not slots.products and \
            (slots.as_of and (CORRECTION.search(message) or _ANOTHER_DATE.search(message)) and words <= 30
             or _ASKS_RESULT.search(message) and words <= 16):
        # "sorry, it was Jan-Jun 2021", "what if that had been the Jan-Jun 2021 period instead?": the same
        # calculation on another date; "how much cash do we get then?": a figure of the calculation just made.
        return last
    if last == "payout" and not slots.money and not slots.products and BOTH.search(message) and words <= 20 \
            and (state.earlier_inputs or {}).get("lines") and not (slots.percent is not None and FORECAST.search(message)):
        # ("and next half if both lines grow 10%?": both lines projected, not both billings added)
        return last  # "what's the total incentive across both halves?": the last two billings together
    if last in ("payout", "coop") and not slots.money and not slots.products and scale_factor(message) \
            and (state.last_inputs or {}).get("lines"):
        return last  # "if we had billed 15% more than that, what would it have been?": the same billing, changed
    if last == "payout" and (slots.facts.get("level") or slots.facts.get("competency")) and not slots.money \
            and not slots.products and _SUPPOSED.search(message) and _WOULD_BE.search(message) and words <= 30:
        return last  # "what would it be if we were Gold instead of Silver?": the same billing, by the same rates
    if last == "forecast" and slots.percent is not None and not slots.money and not slots.products and words <= 30:
        return last  # "if it stays flat, next period?", then "now assume 15% growth per period": the same billing projected
    if last in ("payout", "forecast") and not slots.money and slots.products and words <= 40 and FORECAST.search(message) \
            and set(slots.products) <= set((state.last_inputs or {}).get("lines") or {}):
        return "forecast"  # "if the Office 365 grows 10% next period and the Dynamics stays flat…": those lines projected
    if last == "payout" and slots.percent is not None and not slots.money and FORECAST.search(message) and (
            _ANAPHOR.search(message) or (not slots.products and not slots.facts and words <= 30)):
        # "$30k of D365" then "we expect 25% growth on that next half: what should we forecast?", or "what would the
        # incentive be next half if both grow 15%?": a growth rate with no billing of its own projects the billing just given
        return "forecast"
    if last == "payout" and set(slots.products) <= set((state.last_inputs or {}).get("lines") or {}) and more_billing(message):
        # "how much more (D365) would we need to bill to get to $10k?": more of the billing just used
        return last
    if last in ("payout", "forecast") and state.last_inputs.get("per") and duration(message):
        return last  # "the contract is 10 months": the span the monthly amount runs for
    named_before = set((state.last_inputs or {}).get("lines") or {}) | set((state.last_inputs or {}).get("unrated") or ())
    if last in ("payout", "forecast") and slots.money and CORRECTION.search(message) and \
            (set(slots.products) | set(slots.unknown_products)) & named_before:
        return last  # "oh wait, Copilot was actually 35k": a line of the last billing corrected
    lines_before = {Decimal(str(v)) for v in ((state.last_inputs or {}).get("lines") or {}).values()}
    if last in ("payout", "forecast") and CORRECTION.search(message) and words <= 60 and \
            any(m.amount in lines_before for m in slots.money) and any(m.amount not in lines_before for m in slots.money):
        return last  # "sorry, I misread: 205k not 250k (and add 60k of SW)": the last billing's figure quoted and corrected
    if last == "coop" and len(slots.money) == 1 and not slots.products and CORRECTION.search(message) and words <= 40:
        return last  # "oops, I read the wrong row -- it's $10,200. So can we use it?": the accrual corrected
    if last in ("payout", "forecast") and CORRECTION.search(message) and denied_products(message, slots) & named_before:
        return last  # "sorry, it was Microsoft 365, not Office 365": the last billing's product renamed
    if last in ("payout", "forecast") and not slots.money and REMOVE.search(message) and \
            set(slots.products) & set((state.last_inputs or {}).get("lines") or {}):
        return last  # "drop the M365, the client cancelled": a line of the billing just used goes
    if last in ("payout", "forecast") and words <= 40 and set(slots.products) <= set(state.last_inputs.get("lines") or {}) \
            and corrected_part(message, [m for m in slots.money if m.amount > 0], state.last_inputs):
        return last  # "Q2 was really 31k once a late invoice posted. Redo the half?": one listed period corrected
    if last == "payout" and words <= 40 and seat_price_changed(slots, state.last_inputs):
        return last  # "what if we move them to a $20 per seat plan?": the seats and term just used, at another price
    if last == "payout" and state.last_inputs.get("basis") and not slots.money and not slots.products and \
            (duration(message) or seat_change(message)):
        return last  # "make that 9 months", "30 more seats at the same price": a factor of the billing changes
    if last in ("payout", "forecast") and slots.lines and ADDED.search(message) and words <= 40 and \
            (_ANAPHOR.search(message) or _ASKS_RESULT.search(message) or BOTH.search(message) or _TOTAL_ASKED.search(message)):
        # "what if we add 2k/month of Dynamics 365 for the last 6 months of that contract?", "forgot to mention we
        # also had 30k of Azure RI consumption. What's the total now?": one more line
        return last
    billed_before = last in ("payout", "forecast") or (last == "coop" and (state.earlier_inputs or {}).get("lines"))
    if billed_before and slots.unknown_lines and not slots.lines and words <= 40 and \
            (ADDED.search(message) or _TOTAL_ASKED.search(message)):
        # "oh and 15k of Power BI - so what's the total now?": a line with no rate joins the billing
        return "payout" if last == "coop" else last
    if last == "payout" and slots.products and not slots.money and _COMPARE.search(message) and _ANAPHOR.search(message) \
            and words <= 40:
        return last  # "what if that had been regular Azure instead of RIs - how much less would we get?": the billing moved
    if last in ("payout", "forecast") and slots.money and all(
            m.amount in lines_before and _POINTED.search(message, max(0, m.start - 16), m.start) for m in slots.money):
        return last  # "what if those 40k had been Azure RIs instead of D365? …": the amount just used, pointed back to
    if last == "target" and slots.products and same_goal(slots, state) and words <= 40 and _SAME_GOAL.search(message):
        return "target"  # "if we sold Dynamics 365 instead of Office 365, how much would we need for the same amount?"
    if not last or not elliptic or words > 16:
        return None
    if last == "target" and _COOP_GOAL_FOLLOW.search(message):
        return "target"  # the same question with another goal: "and for our co-op to be usable?"
    if last == "target" and slots.products and same_goal(slots, state):
        return "target"  # "same $6,000 target, but if we sold Dynamics 365 instead?": the goal kept, the product switched
    f = slots.facts
    switch = None  # the follow-up names another calculator's inputs ("what if our TTM was $30k?")
    if COOP.search(message):
        switch = "coop"
    elif any(k in f for k in ("ttm_revenue", "mpn_active", "bank_tax", "cda_active", "piexp_onboarded")) or slots.partner_type:
        switch = "eligibility"
    elif any(k in f for k in ("new_o365_customers", "certified_employees", "internal_o365")):
        switch = "competency"
    elif slots.percent is not None and FORECAST.search(message) and last == "payout":
        switch = "forecast"
    if switch and switch != last:
        return switch
    if kind != last and kind in TOOLS and scores[kind] >= 1.3:
        return kind
    if kind == "out_of_scope" and (OOS_TOPIC.search(message) or OTHER_VENDOR.search(message)):
        return None
    if kind == "fact" and words > 8 and not slots.money and not slots.products:
        return None
    return last


# "if the Dynamics figure were 45k instead", "had Azure been 30k": an amount supposed in place of one given
_SUPPOSED_CHANGE = re.compile(r"\binstead\b|\bhad\s+(?:\w+\s+){0,3}?been\b|\bif\s+(?:\w+\s+){1,5}?(?:were|was)\b", re.I)
_SAME_GOAL = re.compile(r"\b(?:same|that|this|the\s+(?:goal|target))\s+(?:amount|goal|target|figure|incentive|number)\b|\binstead\b", re.I)
_BILLED_SAID = re.compile(r"\b(?:billed|invoiced|sold|booked)\b", re.I)
_ANOTHER_DATE = re.compile(r"\b(?:what\s+if|had\s+been|instead|same|back\s+in|then)\b", re.I)
_ASKS_RESULT = re.compile(r"\bhow\s+much\s+(?:cash|money|rebate|co-?op)\b|\bwhat(?:'s|\s+is|\s+about)\s+(?:the\s+|our\s+)?(?:\d{1,2}\s?%\s+)?"
                          r"(?:cash|cash\s+payout|rebate|co-?op|total(?:\s+(?:incentive|payout))?|grand\s+total)(?:\s+(?:part|portion|share))?\b|"
                          r"\bhow\s+much\s+(?:is\s+(?:it|that)\s+)?(?:in\s+total|altogether|all\s+together|overall)\b", re.I)
_DOCUMENTED_RATE = re.compile(r"\b(?:real|actual|normal|official|documented|correct|standard|proper|true|usual|published|right)\s+"
                              r"(?:rates?|percentages?|numbers?|figures?|rules?)\b", re.I)


# "those 40k", "esos 40k", "the same $40,000": an amount pointed back to
_POINTED = re.compile(r"\b(?:those|that|these|this|the\s+same|esos|esas|estos|ese|esa|ces|cette|ce|diese|diesen|dieser|esses|essas|"
                      r"os\s+mesmos|los\s+mismos)\s+(?:\$|usd\s*|us\$\s*)?$", re.I)


def merge_inputs(kind: str, message: str, slots: Slots, state: ConversationState) -> dict:
    """Inputs for a follow-up: this message's slots merged over the last calculator's inputs."""
    new = slot_inputs(kind, message, slots)
    if kind == "fact":
        return new
    if kind == "target" and (goal := target_with_topic(message, state)):
        return goal
    if kind == "coop" and state.last_tool == "coop" and not slots.money and not slots.as_of and _NOW.search(message):
        return {k: v for k, v in (state.last_inputs or {}).items() if k not in ("as_of", "earning_period_end")} | new
    if kind == "coop" and state.last_tool == "coop" and not slots.money and not slots.products and _GAP_ASKED.search(message):
        # "and how far from the threshold would that leave us?": the co-op just worked out ("… had that been the period
        # ending March 2021?": under that period's rules)
        return {**(state.last_inputs or {}), **{k: v for k, v in new.items() if k in ("as_of", "earning_period_end")}}
    if kind == "coop" and state.last_total and not slots.money:
        dated = {k: v for k, v in (state.last_inputs or {}).items() if k == "as_of"}  # the same period's rules
        return {**dated, **new, "total_incentive": str(state.last_total)}
    # A projection asked right after a payout ("what if both grow 10% next half?") projects those lines.
    carried = kind == state.last_tool or (kind == "forecast" and state.last_tool == "payout")
    last = dict(state.last_inputs or {}) if carried else {}
    if kind == "payout" and state.last_tool == "coop" and (state.earlier_inputs or {}).get("lines"):
        last = dict(state.earlier_inputs)  # the payout the co-op question was about
    if kind == "payout" and not carried and state.last_kind == "fact" and len(topic_products(state)) == 1:
        last = {"asked_products": topic_products(state)}  # the product the fact answer was about
    merged = {**last, **{k: v for k, v in new.items() if k != "lines"}}
    if kind in ("payout", "forecast"):
        merged = merge_billing(message, slots, state, last, merged, new)
    if kind == "eligibility" and state.last_tool == "eligibility" and more_revenue(message, slots, state):
        merged["ttm_revenue"] = _s(Decimal(str(last["ttm_revenue"])) + slots.money[0].amount)
    if kind == "eligibility" and state.last_tool == "eligibility" and slots.facts.get("level") and "competency" not in slots.facts \
            and _SUPPOSED.search(message):
        merged["competency"] = slots.facts["level"]  # the level supposed held, for the check made again
    if kind == "eligibility" and (merged.get("bank_tax") is None or any(k in new for k in PROFILE_PARTS)) \
            and all(merged.get(k) for k in PROFILE_PARTS):
        merged["bank_tax"] = True  # "bank profile complete", then "tax is done too": both parts, across messages
    checked = state.last_inputs or {}
    if kind == "target" and not slots.money and (have := coop_checked(state)):
        # the incentive whose co-op share closes the gap from the co-op (or incentive) just checked, or, with a
        # product named ("how much more Office 365 to get it over the line?"), that product's billing
        base = {k: v for k, v in checked.items() if k == "as_of"}
        return {**base, "goal": "coop_usable", **have, **({"product": slots.products[0]} if slots.products else {})}
    if kind == "target" and last.get("goal") == "incentive" and not last.get("amount") and len(slots.money) == 1:
        merged["amount"] = _s(slots.money[0].amount)  # the incentive goal asked for, given now: "$6,000"
    if kind == "target":
        if slots.products and slots.products[0] != last.get("product") and (not slots.lines or same_goal(slots, state)):
            merged["product"] = slots.products[0]  # "and if it were Dynamics instead?"
        if _COOP_GOAL_FOLLOW.search(message):
            merged.pop("amount", None)  # "and for our co-op to be usable?"
            merged["goal"] = "coop_usable"
        if slots.lines:
            merged["existing"] = {k: _s(v) for k, v in slots.lines.items() if k != merged.get("product")}
    if kind == "competency":
        for key in _COUNTS:
            # "we signed 2 more": added to the count remembered; "so 5 now" was read as the count itself
            added = slots.facts.get(f"{key}_added")
            if added is not None and key not in new:
                if last.get(key) is not None:
                    merged[key] = int(last[key]) + added
                else:
                    merged.pop(key, None)
    swapped = amount_swapped(message, slots, state) if kind == "compare" and state.last_tool == "compare" else None
    if swapped:
        old, value = swapped
        return {**last, **{side: {k: _s(value) if Decimal(str(v)) == old else v for k, v in (last.get(side) or {}).items()}
                           for side in ("a", "b")}}
    if kind == "coop":
        return merged_coop(message, slots, state, last, merged, new)
    return merged
