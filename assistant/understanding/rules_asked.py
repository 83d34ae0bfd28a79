"""Questions about the rules themselves: a calculator route with nothing of the partner's own to calculate.

"Which exam codes do our engineers need?", "what happens if our MPN lapses?", "how many new customers does
Gold need?" name a calculator's topic but ask what the documents (or the rule parameters) state.
"""
from __future__ import annotations

import re

from assistant.answering.answer_types import asks_document_value
from assistant.answering.question_shapes import asks_yes_no
from assistant.answering.rule_answers import competency_question, split_question
from assistant.answering.threshold_answers import threshold_question
from assistant.support import asked_part, quoted_questions
from assistant.understanding.slots.cues import DEFINITION
from assistant.understanding.glossary import in_english
from assistant.understanding.thresholds import names_only_threshold, threshold_values

# "Are we eligible", "do we qualify": a request to check a partner, even with no facts given yet.
CHECK_REQUEST = re.compile(r"\b(eligib\w*|qualif\w*|check (?:us|me|our|my))\b", re.I)
HYPOTHETICAL = re.compile(r"^\s*(?:so\W+)?what\s+happens\s+(?:if|when|to)\b", re.I)
FIRST_PERSON = re.compile(r"\b(?:i|we|our|us|my|me|i'm|we're)\b", re.I)
# Who the partner is, not where it stands: a self-description alone gives nothing to check.
_IDENTITY = frozenset({"partner_type", "indirect_reseller", "as_of"})
# ("what boxes do they have to tick to be eligible?": a standing to check; "which areas does the sheet name as
# qualifying?": the rule's own list)
_STANDING_ASKED = re.compile(r"\b(?:eligib\w*|qualify|qualifies|qualified|check\s+(?:us|me|our|my|them|their))\b", re.I)
_WH_ASKED = re.compile(r"\s*(?:\W+\s*)?(?:what|which|when|since\s+when|how\s+(?:much|many|long|soon))\b", re.I)
PARTNER_FACTS = ("mpn_active", "indirect_reseller", "competency", "bank_tax", "ttm_revenue", "cda_active",
                 "piexp_onboarded")

# The break-even amounts are rule parameters: a question about them gets the figures, cited.
_BREAK_EVEN = re.compile(r"\b(?:worth|pays?\s+(?:for\s+)?itself|pay\s+off|break[\s-]?even|roi|make\s+sense|monthly)\b", re.I)
_COST = re.compile(r"\b(?:cost|costs|fees?|price|pricing|priced)\b", re.I)
# The rule's own number asked for: "how many of our people have to pass?", "what's the exact dollar amount?"
_RULE_VALUE = re.compile(r"\bhow\s+many\b[^?]{0,50}?\b(?:have\s+to|has\s+to|must|need|needs|required|needed)\b|"
                         r"\bhow\s+many\s+(?:[\w-]+\s+){0,4}?(?:seats|licen[cs]es|iurs?|rights|exams?|points|days|months|weeks)\b|"
                         r"\b(?:exact|precise|specific)\s+(?:[\w-]+\s+)?(?:amount|number|figure|count|threshold|target|bar|minimum)\b|"
                         # "how much annual revenue do we need for Silver?": the level's revenue bar
                         r"\bhow\s+much\s+(?:[\w-]+\s+){0,2}?(?:revenue|sales|billing)\b[^?]{0,50}?\b(?:need|needs|required|have\s+to|must)\b", re.I)
_SHARES_ASKED = re.compile(r"%|\bpercent\w*|\bsplit\b|\bratio\b|\bproportions?\b", re.I)
_QUANTITY = re.compile(r"\b(?:how\s+much|what\s+(?:portion|share|part|amount)|calculate|split|work\s+out)\b", re.I)


def asks_own_amount(intent, text: str) -> bool:
    """A rates answer would not do: the partner's own billing is spoken of, with no amount, and its incentive asked.

    "We sell Office 365 and Dynamics, about three times as much O365: what would our incentive be?" needs the
    amounts; a table of rates would answer a question nobody asked.
    """
    if intent.kind != "fact" or intent.followup or not intent.slots.products or intent.slots.money:
        return False
    asked = asked_sentence(text)
    return bool(_OWN_BILLING.search(text) and _OWN_AMOUNT.search(asked) and not _RATE_ASKED.search(asked))


def goal_without_amount(intent, text: str) -> str | None:
    """The product whose billing a goal needs, when the goal is named without its amount ("what do we need to bill in
    Microsoft 365 to hit our goal incentive?"): a target to ask the amount of, not a table of rates."""
    products = set(intent.slots.products)
    if intent.kind not in ("fact", "payout") or intent.followup or len(products) != 1 or intent.slots.money:
        return None
    asked = asked_sentence(text)
    return next(iter(products)) if _BILL_ASKED.search(asked) and _GOAL_NAMED.search(asked) else None


def asks_about_rules(intent, text: str) -> bool:
    """A calculator route with nothing to calculate from is a question about the rules themselves."""
    if intent.followup:
        return False
    inputs = intent.inputs
    # "which exam codes do our 2 engineers need?": no calculator states a code, a day or a deadline. Amounts
    # to pay out or split stay with their calculator ("we accrue $2k a month: how long until co-op is usable?").
    computes = intent.slots.lines or (intent.kind in ("coop", "payout") and intent.slots.money)
    if intent.kind == "competency" and _BREAK_EVEN.search(_asked_clause(text)):
        return False  # "when does Silver pay for itself?": a condition the break-even parameters state, not a date
    # ("Quel est le seuil … exigé …, et depuis quelle date ?": asked in the words the patterns know)
    if intent.kind in ("eligibility", "coop", "competency", "payout", "forecast") and not computes \
            and any(asks_document_value(asked_part(t)) for t in dict.fromkeys((text, in_english(text)))):
        return True
    if intent.kind == "payout" and not intent.slots.money and not intent.slots.products and not intent.slots.unknown_products \
            and (intent.slots.facts.get("level") or intent.slots.facts.get("competency")):
        return True  # "What's the exact revenue amount we must hit for the Silver competency?": a competency rule, no payout
    asked_bar = threshold_question(asked_sentence(in_english(text)))
    if intent.kind in ("eligibility", "coop") and not intent.slots.lines and asked_bar and not CHECK_REQUEST.search(text) \
            and all(m.amount in threshold_values(asked_bar) for m in intent.slots.money):
        # "We are a reseller. What is the TTM minimum?", "what was the co-op threshold before it was raised to
        # 10.000?": the rule's value, whoever asks, and any amount named is one of its own values
        return True
    if intent.kind == "eligibility":
        if "ttm_revenue" in inputs and names_only_threshold(intent.slots.money, text, "ttm_revenue_threshold") \
                and sum(k in inputs for k in PARTNER_FACTS if k != "ttm_revenue") < 2:
            return True  # "what happens to a reseller that doesn't reach $25,000?": the bar named, no revenue of one's own
        if "ttm_revenue" in inputs and _GAP_ASKED.search(asked_sentence(text)):
            return False  # "TTM is $18,000: what happens, and how far short are we?": the gap is the check's to work out
        if HYPOTHETICAL.search(text) and not CHECK_REQUEST.search(text):
            return True
        if _WAIT_ASKED.search(asked_sentence(text)):
            return True  # "MPN and CDA in place 12 days ago: how many more days until the invitation?": a span, never a verdict
        if any(_NOT_A_VERDICT.search(asked_sentence(t)) for t in dict.fromkeys((text, in_english(text)))) \
                and sum(k in inputs for k in PARTNER_FACTS) < 3:
            # "our MPN lapsed: what happens to our incentives?" asks a consequence, not a verdict; a partner
            # that lists its standing ("TTM 22k, MPN active, Silver…: can we get back in?") asks for a check
            return True
        if _IF_CHANGES.search(asked_sentence(text)) and not intent.slots.money:
            return True  # "if our revenue drops under the threshold, are we out for good?": a rule, asked in general
        asked = asked_sentence(in_english(text))
        if _WH_ASKED.match(asked) and set(inputs) <= _IDENTITY and not _STANDING_ASKED.search(asked):
            # "We are an indirect reseller in Curitiba. What TTM minimum is required, and since when?": who asks, then
            # a rule's value or date; no requirement of one's own to check
            return True
        # "the forum answer that quoted the eligibility rules…": eligibility named, but nobody's to check
        return not any(k in inputs for k in PARTNER_FACTS) and not (CHECK_REQUEST.search(text) and FIRST_PERSON.search(text))
    if intent.kind == "coop":
        if names_only_threshold(intent.slots.money, text, "coop_usage_threshold") and not intent.slots.lines:
            return True  # "if co-op stays below 10k, is it lost?": the threshold named, no accrual of one's own
        if not intent.slots.lines and len(intent.slots.money) == 1 and _BAR_CLAIMED.search(text) \
                and _BAR_AFTER.match(text, intent.slots.money[0].end):
            # "someone claimed we only need $5,000 of co-op accrued before we can spend it. Is that right?": a
            # claimed threshold to check against the rule, not an accrual of one's own
            return True
        amounts = any(inputs.get(k) for k in ("total_incentive", "coop_accrual", "rebate_portion", "lines"))
        if not amounts and (asks_yes_no(asked_sentence(text)) or _SHARES_ASKED.search(asked_sentence(text))
                            or split_question(text)):
            # "is there a cap on what share of our co-op can go to trade shows?": a rule, yes or no;
            # "what's the split between the rebate and the co-op in %?": the rule's shares
            return True
        return not amounts and (not FIRST_PERSON.search(text) or not _QUANTITY.search(text))
    if intent.kind == "competency":
        # "what's the difference between Silver and Gold?": nothing of the partner's own to check
        own = any(inputs.get(k) is not None for k in ("new_o365_customers", "certified_employees", "internal_o365",
                                                       "billed_o365", "billed_m365"))
        # "how many new customers does Gold need?" with no count of one's own is a rule: answered from its
        # parameters ("how many more do we need? we have 18" is the calculator's).
        if own or _BREAK_EVEN.search(_asked_clause(text)):
            return False
        if competency_question(text):
            return True  # "how many new O365 customers do we need for Silver?": the level's rule, asked
        if _COST.search(asked_sentence(text)) or _RULE_VALUE.search(asked_sentence(text)):
            # "how much does Gold cost per year?", "how many of our people have to pass for Silver?": a rule's value
            return True
        # Nothing of the partner's own to check: "which clients value Gold?" (no "we"), or no level
        # aimed at ("which competency area fits Azure?", "can co-op pay for exams?").
        return not FIRST_PERSON.search(asked_sentence(text)) or not inputs.get("level")
    if intent.kind == "payout" and not intent.slots.money:
        # "Which mechanism credits us for Azure consumption?": a product named, but neither an amount
        # nor the incentive asked about; the documents answer it.
        asked = asked_sentence(text)
        if _NAME_ASKED.search(asked):
            return True  # "what's the name of the tool … that calculates the earnings?": a name, whatever it does
        if intent.slots.facts.get("level") and _REQUIRED.search(asked):
            return True  # "the exact dollar revenue figure required for Silver?": a level's requirement, not an incentive
        if not _EARNING_WORDS.search(asked):
            return True  # "office 365 monthly active users in 2020 was how much?": a product named, no earning asked
        if len(set(intent.slots.products)) >= 2 and not _OWN_BILLING.search(text):
            return True  # "is Azure paid at the same percentage as M365?": the rates, side by side
        return bool(DEFINITION.search(asked)) and not _MONEY_WORDS.search(asked)
    return False


_REQUIRED = re.compile(r"\b(?:required|requires?|requirements?|needed|criteria|thresholds?)\b", re.I)
_NAME_ASKED = re.compile(r"\bwhat(?:['’]s|\s+is|\s+was)\s+the\s+name\s+of\b|\bwhat(?:['’]s|\s+is|\s+are)\s+(?:it|that|this|they|"
                         r"the\s+[\w-]+(?:\s+[\w-]+)?)\s+called\b|\bwhat\s+do\s+(?:you|they|we)\s+call\b|\bthe\s+name\s+of\s+the\b", re.I)
_BAR_CLAIMED = re.compile(r"\b(?:claim\w*|told|heard|says|said|read|rumou?r\w*|supposedly|apparently)\b[^?]*\?", re.I)
_BAR_AFTER = re.compile(r"\s*(?:of\s+co-?op\s*(?:accrued|funds|accrual)?\s*)?(?:accrued\s+)?(?:before|until|till|to)\s+"
                        r"(?:we|you|it|they|a\s+partner)?\s*(?:can\s+|could\s+|may\s+)?(?:be\s+)?(?:spend|spent|use|used|unlock)", re.I)
# Questions the eligibility check cannot answer with a verdict: consequences, durations, dates, reasons.
_NOT_A_VERDICT = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:what\s+(?:\w+\s+)?happen\w*|how\s+long|how\s+soon|how\s+quickly|when\s+(?:do|does|will|would|can)|"
                            r"why\b|what\s+(?:do|would|will)\s+(?:we|i)\s+lose|how\s+do\s+(?:we|i)\s+get\s+back|"
                            r"(?:do|does|will|would|did)\s+(?:we|i|they|it|that)\s+(?:still\s+)?(?:lose|forfeit|miss\s+out)|"
                            # "do we still get paid for the stretch where it was lapsed, or is that money gone?"
                            # ("can we still receive the incentive?" asks whether the partner is eligible now: a verdict)
                            r"(?:do|does|will|would|did)\s+(?:we|i|they)\s+still\s+(?:get\s+paid|be\s+paid|earn|receive|get\s+(?:the\s+)?incentives?)|"
                            r"[^?]{0,80}\b(?:is|was)\s+(?:that|the|this|our)\s+(?:money|incentive|income|payout|earning)s?\s+(?:gone|lost|forfeited)|"
                            r"[^?]{0,60}\b(?:for\s+good|way\s+back|get\s+back\s+in|permanent(?:ly)?|paid\s+late))", re.I)
_WAIT_ASKED = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:how\s+long|how\s+soon|how\s+quickly|how\s+many\s+(?:more\s+)?(?:days|weeks|months))\b",
                         re.I)
# A shortfall asked: "how far short are we?", "how much more do we need to reach it?"
_GAP_ASKED = re.compile(r"\bhow\s+(?:much|far)\s+(?:more\s+(?:revenue\s+)?(?:do|would|will)\s+(?:we|i)\s+need|(?:are\s+we|am\s+i|we're)\s+"
                        r"(?:short|below|under|off|away)|(?:short|below|under|off|away)\s+(?:are\s+we|we\s+are|am\s+i))\b|\bshortfall\b|\bgap\b", re.I)
# A condition on a change with no figure of the partner's own: the rule for that case is asked.
_IF_CHANGES = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:if|when|once|should|in\s+case)\b[^?]{0,80}?\b(?:drops?|dropped|falls?|fell|goes\s+"
                         r"(?:below|under)|dips?|lapses?|lapsed|expires?|expired|lose|loses|lost|stops?|slips?|"
                         # "if our MPN membership become inactive for some weeks"
                         r"(?:becomes?|became|goes|went|gets?|got|is|was|turns?|turned)\s+(?:\w+\s+)?(?:inactive|invalid|suspended|expired|lapsed))\b", re.I)
# Words of what a partner earns; a payout route with none of them asks something else about a product.
_EARNING_WORDS = re.compile(r"\b(?:incentives?|rebates?|payouts?|rates?|percent\w*|earn\w*|pays?|paid|co-?op|money|get|gets|"
                            r"make|makes|receive|commission|margin|worth|cash|\$|dollars?|bucks|bill\w*|sold|sell\w*|"
                            r"revenue|calculat\w*|comput\w*|estimat\w*)\b|%|\$", re.I)
_MONEY_WORDS = re.compile(r"\b(?:incentives?|rebates?|payouts?|rates?|percent\w*|earn\w*|pays?|paid|co-?op|money|"
                          r"how\s+much)\b|%", re.I)


# "…do we just get paid late, or what?' Can you answer her?": a request to answer is not the question.
_META_ASK = re.compile(r"^\W*(?:(?:can|could|would)\s+you\s+(?:please\s+)?(?:answer|help|clarify|explain|check|confirm)|"
                       r"any\s+(?:idea|ideas|thoughts|help)|thoughts|ideas|thanks|help)\b", re.I)


def _asked_clause(text: str) -> str:
    """The asking clause of the asked sentence: "the guide says gold can be worth it — which clients …?" asks the last."""
    sentence = asked_sentence(text)
    tail = re.split(r"\s[—–-]\s|:\s", sentence)[-1]
    return tail if re.match(r"\s*(?:what|which|who|how|when|why|where|is|are|does|do|can)\b", tail, re.I) else sentence


def asked_sentence(text: str) -> str:
    """The sentence that asks: the last question, not a request to answer it, a quoted question if there is one."""
    sentences = [x for x in re.split(r"(?<=[.!?'\"’”])\s+|\n+", text.strip()) if x]
    asked = [x for x in sentences if x.rstrip(" '\"’”").endswith("?")]
    real = [x for x in asked if not _META_ASK.match(x)]
    chosen = (real or asked or sentences or [text])[-1]
    # "Forwarding from Marta: 'If our CDA lapses, do we get paid late?'": the quoted question is the one asked
    quoted = quoted_questions(chosen)
    return quoted[-1] if quoted else chosen


# "We sold a good chunk of D365 and some Azure: what's the payout?": the partner's own billing, amounts still to give.
_OWN_BILLING = re.compile(r"\b(?:we|i|our\s+(?:shop|company|firm|business|team|msp))\s+(?:\w+\s+)?(?:re)?(?:sold|sells?|billed|bills?|"
                          r"invoiced|booked|moved|did|closed|signed|landed|won)\b|"
                          r"\bour\s+(?:[\w-]+\s+){0,3}?(?:business|deals?|bookings)\b|"
                          r"\bour\s+(?:\w+\s+){0,2}?(?:sales|billing|revenue)\b", re.I)

# "what would our incentive be?", "how much will we get?": the partner's own figure, not a rate
_OWN_AMOUNT = re.compile(r"\bwhat(?:['’]s|\s+is|\s+would|\s+will|\s+might|\s+could)\s+(?:\w+\s+)?our\s+(?:[\w-]+\s+){0,3}?(?:incentives?|payouts?|rebates?|"
                         r"earnings?)\b|"
                         # "what incentive would we be looking at on our D365 business?"
                         r"\bwhat\s+(?:kind\s+of\s+)?(?:incentives?|payouts?|rebates?)\s+(?:would|will|could|can|might|do|should|are)\s+we\s+"
                         r"(?:(?:be\s+)?looking\s+at|get|earn|receive|expect|see|make)\b|"
                         # "what's the incentive going to be on the D365 business we did?"
                         r"\bwhat(?:['’]s|\s+is|\s+will|\s+would)\s+(?:be\s+)?the\s+(?:total\s+)?(?:incentives?|payouts?|rebates?)\s+"
                         r"(?:going\s+to\s+be|gonna\s+be|be|come\s+to|look\s+like)\b|\bhow\s+much\s+(?:\w+\s+){0,2}?(?:would|will|do|could|can|might|should)\s+we\s+(?:\w+\s+)?"
                         r"(?:get|earn|make|receive|be\s+paid)\b|"
                         # "what's the indirect reseller incentive on our Dynamics sales this half?": on the partner's own billing
                         r"\bwhat(?:['’]s|\s+is|\s+will\s+be|\s+would\s+be)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:incentives?|payouts?|rebates?)\s+"
                         r"(?:on|for|from)\s+our\b|"
                         # "will our co-op be big enough to use?": the partner's own co-op judged
                         r"\b(?:will|would|is|does|can)\s+our\s+(?:[\w-]+\s+){0,2}?co-?op\s+(?:\w+\s+)?(?:be|get|reach|clear|hit|make|pass)\b", re.I)
_RATE_ASKED = re.compile(r"%|\b(?:rates?|percent\w*|percentage|per\s+cent)\b", re.I)
_BILL_ASKED = re.compile(r"\b(?:need|needs|have|has|must|should|got)\s+to\s+(?:bill|sell|invoice)\b|\bhow\s+much\b[^?]{0,50}\b(?:bill|sell|invoice)\b", re.I)
_GOAL_NAMED = re.compile(r"\b(?:goal|target|aim|objective|budget)\b", re.I)
