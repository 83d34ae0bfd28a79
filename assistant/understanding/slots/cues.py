"""Cue words that signal each kind of question; `rule_scores` turns them into score boosts."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON
from assistant.understanding.requirement_asked import asked_requirement
from assistant.support import asked_part

from . import Slots


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# Co-op by name, or by what only co-op pays for: "what part of that can we spend on marketing activities?"
COOP = _rx(r"\bco[\s-]?op\b|\bcoop\b|\bcooperative\s+(?:marketing\s+)?funds?\b|\bmdf\b|\busage\s+(?:threshold|period)s?\b|"
           r"\bspend\s+(?:\w+\s+){0,3}on\s+(?:marketing|approved\s+activities|(?:\w+\s+)?campaigns|events)\b|"
           r"\bmarketing\s+(?:funds?|budget|money|dollars)\b")
COOP_PORTION = _rx(r"how\s+much\s+(?:of|is|goes|will|would|do|does|can|could|should)|\bcu[aá]nto\s+(?:de|es)\b|\bwie\s*viel\s+(?:davon|ist)\b|"
                   r"\bcombien\s+(?:de|est)\b|\bquanto\s+(?:disso|é)\b|\b(?:part|portion|share|chunk|piece|slice|split)\b|"
                   r"\bof\s+(?:that|it|this|the\s+(?:total|payout|incentive|rebate))|\bgoes?\s+(?:in)?to\b|\bvs\.?\s+rebate|\brebate\s+vs")
CASH_ASKED = _rx(r"\brebates?\b|\bcash\b|\befectivo\b|\bbar\s+ausgezahlt\b|\b(?:hits?|lands?|goes|arrives?)\s+(?:in\s+|into\s+)?(?:the|our|my)\s+bank\b|\bbank\s+account\b|"
                    r"\bpaid\s+(?:out\s+)?directly\b")
COOP_USE = _rx(r"\b(?:can|could)\s+(?:we|i)\s+(?:use|spend)|\b(?:usable|available|unlock|paid\s+out|paid\s+directly|deposit|reach|reached|hit|over|under|below|above|enough)\b")
# ("a big migration project": the noun is no projection; "project our incentive", "projected" are)
FORECAST = _rx(r"\bforecast\w*|\bproject(?:ed|ion|ions|ing)\b|\bproject\s+(?:our|my|the\s+(?:incentive|payout|earnings|rebate)|what|it|that|"
               r"next|forward|incentives?|earnings)\b|\bnext\s+(?:half|period|earning\s+period|quarter|year|fy|fiscal|semester|six\s+months|12\s+months)|"
               r"\bnext\s+(?:two|three|four|2|3|4)\s+(?:halves|periods|earning\s+periods|semesters)\b|"
               r"\bgrow(?:th|s|ing)?\b|\bincrease\s+(?:by|of)\b|\bif\s+(?:sales|revenue|billings?)\s+(?:go|goes|rise|rises|drop|drops|grow|grows|increase|increases|double|doubles|fall|falls)|"
               r"\bexpect(?:ed|ing)?\s+(?:to\s+)?(?:earn|make|get|bill|sell|revenue|payout)|\bgoing\s+forward\b|\bover\s+the\s+next\b|\bdoubl\w+(?![\s-]+(?:book\w*|check\w*|click\w*|entr\w*|count\w*|dip\w*|standards?|digits?|spac\w*|sided|edged))|\btripl\w+|\bpipeline\b|\bnext\s+\d+\s+months")
# The same cue written in another language ("crecimiento del 25% el próximo semestre").
FORECAST = re.compile(FORECAST.pattern + "|" + "|".join(r"(?<!\w)" + re.escape(w) + r"(?!\w)" for w in
                                                        LEXICON["forecast_words"]), re.I)
COMPETENCY = _rx(r"\bcompetenc\w*|\bsilver\b|\bgold\b")
COMP_CALC = _rx(r"\bworth\b|\broi\b|\breturn\s+on\s+investment|\bpay(?:s)?\s+(?:for\s+itself|off)|\bbreak\s+even|\bupgrad\w*|\bqualify|\beligible|"
                r"\b(?:do|would|will|can|could)\s+we\b|\bare\s+we\b|\bhow\s+many\s+more|\benough\b|\bshort\s+of|\bwe\s+(?:have|need|got)|\bour\b|\bmake\s+sense|\bshould\s+we")
ELIG = _rx(r"\beligib\w*|\bqualif\w*|\boffboard\w*|\bkicked\s+out|\bkick(?:s|ing)?\s+(?:us|them|me|partners?)\s+out\b|\bremoved\s+from|\b(?:still\s+)?in\s+the\s+program\b|"
           # "are we still in the indirect reseller incentive?", "can we still earn the reseller incentive?"
           r"\b(?:are|is)\s+(?:we|i|they|it)\s+still\s+(?:in|part\s+of|enrolled\s+in)\b|"
           r"\bcan\s+(?:we|i)\s+(?:still\s+)?(?:earn|get|receive|take\s+part\s+in|participate\s+in)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}incentive\b|\bmeet\s+the\s+(?:threshold|requirements?|criteria)|"
           # "Does that satisfy the indirect reseller incentive requirements?"
           # (not a competency's own: "the Silver new-customer requirement")
           r"\b(?:satisf\w+|fulfil\w*|tick|check)\s+(?:all\s+)?(?:the\s+|your\s+)?(?:(?!silver\b|gold\b|competenc)[\w-]+\s+){0,4}?"
           r"(?:requirements?|criteria|boxes)\b|"
           # the revenue bar named as a goal: "how much more do we need to reach the revenue threshold?"
           r"\b(?:reach|hit|clear|make|get\s+(?:to|over|above))\s+(?:the\s+)?(?:ttm\s+|revenue\s+|(?:ttm|revenue)\s+revenue\s+)?(?:threshold|minimum|bar)\b|"
           r"\b(?:can|could|do|will|would)\s+(?:we|i)\s+(?:still\s+)?(?:participate|join|be\s+paid|keep\s+earning|(?:earn|get|receive|collect)\s+(?:[\w-]+\s+){0,3}?(?:incentives?|rebates?|paid|anything|earnings|money|payouts?))|"
           r"\bentitled\b|\bre-?invit\w*|\blose\s+(?:our\s+)?(?:incentives?|eligibility|earnings)|"
           # "Are we OK for the indirect reseller incentive, and if not, by how much are we short?"
           r"\b(?:are|am)\s+(?:we|i)\s+(?:ok|okay|good|fine|set|covered|safe|in\s+the\s+clear)\s+(?:for|with)\b|"
           r"\bhow\s+(?:much|far)\s+(?:are\s+we|we're|am\s+i)\s+short\b|\bhow\s+(?:much|far)\s+(?:short|below|under)\s+(?:are\s+we|we\s+are|am\s+i)\b|"
           # as partners writing in Spanish, Portuguese, French or German ask for the check
           r"\b(?:elegib|elegív|éligib|eligív)\w*|\bberechtigt\b|\bcumpl\w*\s+(?:con\s+)?(?:los\s+|todos\s+los\s+)?requisitos\b|"
           r"\b(?:atendemos|cumprimos|preenchemos)\s+(?:a\s+|os\s+|aos\s+|todos\s+os\s+)?requisitos\b|"
           r"\b(?:remplissons|satisfaisons)\b|\berfüllen\s+wir\b")
FIRST_PERSON = _rx(r"\b(?:we|we're|we've|our|us|i|i'm|my|am\s+i|are\s+we)\b")
PAYOUT = _rx(r"\bhow\s+much\s+(?:will|would|do|does|can|could|should|did|is|are)\s+(?:we|i|that|it|this)?\s*(?:earn|get|make|receive|be\s+paid|pay|generate|bring|worth)|"
             r"\b(?:calculate|calc|compute|work\s+out|estimate)\b|\bpay\s?outs?\b|\bwhat\s+(?:would|will|do|does|did|can)\s+(?:we|i)\s+(?:earn|get|make|receive)|"
             r"\bhow\s+much\s+(?:incentive|rebate|money)|\bwhat\s+(?:incentive|rebate|payout)\s+(?:would|will|do|does|did|can|could|should|have|has)\s+"
             r"(?:we|i)\s+(?:have\s+|had\s+|be\s+)?(?:earn|earned|get|got|gotten|make|made|receive|received|paid)\b|\bwhat'?s?\s+(?:the\s+|our\s+|my\s+)?(?:incentive|rebate|payout)\s+(?:on|for|from)\s+(?:\$|\d)|\bearn\s+on\b|\bthe\s+rebate\s+on\b|"
             r"\bwhat(?:'s|s|\s+is|\s+would\s+be|\s+will\s+be)\s+(?:the\s+|our\s+|my\s+)?(?:total\s+)?(?:incentive|rebate|payout)\s*(?:\?|$)")
DEFINITION = _rx(r"^\s*(?:hi\W+|hey\W+|hello\W+|quick\s+question\W+|so\W+|as\s+an?\s+[\w\s()/-]{1,40}?,\s*)?(?:what\s+(?:does|do|is|are|was|were)\b|what'?s\s+(?:a|an|the\s+(?:difference|meaning|purpose|point)|meant)|whats\s+(?:a|an)\b|define|definition|meaning|explain|describe|"
                 r"tell\s+me\s+(?:about|what)|how\s+(?:does|do|is|are)\b|when\s+(?:did|does|do|was|is|will|were)|why\b|who\s+(?:is|are|can|gets|decides)|where\s+(?:do|can|is|are|does)|which\b|is\s+there|are\s+there|"
                 r"do\s+(?:i|we|partners|resellers|providers)\s+need|can\s+(?:co-?op|partners|resellers|providers)|does\s+(?:the|a|an)\b|is\s+(?:the|a|an|it)\b|are\s+(?:the|indirect|partners|resellers|providers))|"
                 r"\bstand\s+for\b|\bmean(?:s|ing)?\b|\bdifference\s+between\b|\bdiffer(?:ent|ence|s)?\b|\bversus\b|\bcompared\b|"
                 r"^\s*how\s+(?:many|long|often|much\s+is\s+the)\b|[,;:—–]\s*(?:which|how\s+many|how\s+long)\b|^\s*what\s+happens\b|^\s*(?:what|which)\s+(?:[\w-]+\s+){1,3}(?:are|is|can|count|counts|qualify|qualifies)\b|^\s*what\s+should\s+(?:partners|a\s+partner|resellers|we|i)\b")
# "will MS raise the co-op threshold again?": a guess at the rules' future, which no document or calculator gives.
RULES_FUTURE = _rx(r"\b(?:will|would|going\s+to|gonna|plan(?:s|ning)?\s+to|likely\s+to|expect(?:ed)?\s+to)\s+(?:microsoft\s+|ms\s+|they\s+|it\s+)?"
                   r"(?:ever\s+|again\s+|soon\s+)?(?:raise|lower|increase|decrease|change|cut|drop|reduce|bump|hike|revise|update)\b"
                   r"[^.?!]{0,40}\b(?:thresholds?|rates?|requirements?|program|programme|minimum|percentages?)\b")
RATE_Q = _rx(r"\b(?:rates?|percent(?:age)?s?)\b|(?<![\d.,])\s%|\bhow\s+much\s+(?:does|do)\s+[\w\s]{0,30}\bpay\b(?!\s+(?:on|for)\s+\$)")
# a number of seats held ("250 seats of M365", "85 users on E3"): billing whose price is still to come
SEATS_HELD = _rx(r"\b\d[\d,]*\s+(?:seats?|users?|licen[cs]es?|subscriptions?|mailboxes)\b(?!\s+(?:more|fewer|less)\b)")
_INCENTIVE_NAMED = _rx(r"\b(?:incentives?|payouts?|rebates?|earn|earns|earned|earnings)\b")
HOWTO = _rx(r"^\s*how\s+(?:do|can|should|would)\s+(?:i|we|you|partners)\s+(?:forecast|build|plan|use|approach|start|improve|maximi[sz]e|track|prepare|get\s+started|enrol|enroll|choose|pick)")
DOMAIN = _rx(r"\bcsp\b|microsoft|\bms\b|partner|incentiv|rebate|co-?op|\bmpn\b|competenc|\bsilver\b|\bgold\b|threshold|\bttm\b|revenue|\bdpor\b|\bpal\b|\bcpor\b|piexp|"
             r"\biurs?\b|internal\s+use|resell|provider|distributor|payout|eligib|qualif|onboard|\bbank\b|\btax\b|forecast|earning|usage\s+period|\bfy\s?\d|fiscal|"
             r"licen[cs]|billed|certif|\bexam|\bosu|cloud|azure|office\s*365|office\s+(?:e\d|apps|suite|licen)|dynamics|\b[odm]365\b|\brebates?\b|\bcda\b|offboard|semester|program|\bmsp\b|subscription|"
             # the forum threads among the documents: "in that thread, what did the community manager say?"
             r"\bforum\b|\bthread\b|community\s+manager|\bcontributor\b|"
             # the documents themselves and their tables: "where does the 4% / 6% rate table come from? which guide?"
             r"\bguides?\b|\brate\s+(?:table|card|sheet|list)s?\b")
# ("prima dell'aumento": Italian "dell'" is "of the", no vendor)
OTHER_VENDOR = _rx(r"\b(?:aws|amazon|google|gcp|salesforce|oracle|ibm|cisco|dell(?!['’])|hp|hpe|vmware|adobe|apple|sap|ingram|pax8|"
                   r"td\s+synnex|zoho)\b")
SAID_UNRELATED = _rx(r"\b(?:unrelated|off[\s-]topic|not\s+(?:related|about)\s+(?:to\s+)?(?:the\s+)?(?:incentives?|program|csp|rebates?))\b")
OOS_TOPIC = _rx(r"\b(?:weather|joke|poem|recipe|football|soccer|movie|song|lyrics|stock\s+price|bitcoin|crypto|horoscope|dating|"
                # the asker says so ("Unrelated, but …", "off-topic:"), or the running of its own business
                r"unrelated|off[\s-]topic|depreciat\w*|bookkeeping|payroll|accounting\s+(?:software|package|tool|system)s?|"
                r"laptops?|share\s+price|stock\s+market|pension\s+fund|(?:buy|sell)(?:ing)?\s+(?:some\s+)?(?:shares|stocks?)\b|"
                # "translate this into Spanish" (not "what billing does that translate to?")
                r"translat\w*(?=[^.?!]{0,30}\b(?:english|spanish|french|german|portuguese|italian|dutch|chinese|japanese|korean|"
                r"arabic|hindi|russian|polish|language)\b)|translations?|translator|python|javascript|regex|sql\s+query|excel\s+formula|code\s+(?:for|to)|write\s+(?:me\s+)?(?:a|an)\s+(?:email|essay|story|poem|script|function))\b")


_SPAN_BEFORE = re.compile(r"\b(?:for|over|during|across)\s+(?:the\s+)?$", re.I)


# "how much incentive would we get on 35k?": the amount the incentive is worked out on, not the incentive
_BASE_BEFORE = re.compile(r"\b(?:on|from|for|of|with|at)\s+(?:a\s+|about\s+|around\s+|roughly\s+)?(?:\$|usd\s*|€)?\s*$", re.I)


def _projects(message: str, slots: Slots) -> bool:
    """A forecast cue, not counting a billing span: "18k a month for the next 4 months" says how
    long billing runs, not that a coming period is projected."""
    spans = any(m.note for m in slots.money)
    return any(not (spans and _SPAN_BEFORE.search(message[max(0, c.start() - 12):c.start()]))
               and not _SPEND_PLAN.search(message[max(0, c.start() - 60):c.start()])
               and not (_PLAN_DOCUMENT.search(message[max(0, c.start() - 40):c.start()]) and _NOUN_ONLY.match(message, c.end()))
               for c in FORECAST.finditer(message))


# "I only need the rebate number for our cash-flow forecast": a document the figure goes into, not a projection asked
_PLAN_DOCUMENT = re.compile(r"\b(?:for|in|into|to|on)\s+(?:our|my|the|a|an|their)\s+(?:[\w-]+\s+){0,2}$", re.I)
_NOUN_ONLY = re.compile(r"(?!\s+(?:of|for|on|what|how|our|the|if|with|at|assuming|when|over|next)\b)", re.I)


# "we've set aside $8,000 for marketing next year": a plan to spend, not billing projected
_SPEND_PLAN = re.compile(r"\b(?:set\s+aside|budget\w*|earmarked|plan\s+to\s+spend|for\s+(?:marketing|hiring|events|rent))\b[^.?!]{0,40}$", re.I)


def _only_defined(message: str, definitional: bool) -> bool:
    """"PIExp — what does the abbreviation mean?": a term named in a question about what it is states no fact."""
    return (definitional or not ELIG.search(message)) and not _states_something(message)


def _states_something(message: str) -> bool:
    """A sentence that states something (no question mark) or an amount: the message says something of its own."""
    sentences = [s for s in re.split(r"(?<=[.!?\n])\s+", message.strip()) if s.strip()]
    # a short tail after the question ("… bank details? PIExp or somewhere else") states nothing either
    return bool(re.search(r"\d", message)) or any(not s.rstrip().endswith("?") and len(s.split()) >= 5 for s in sentences)


def _asking(message: str) -> str:
    """The sentences that ask, and a last one typed without its question mark ("… and what exchange rate they use")."""
    last = re.split(r"(?<=[.!?])\s+|\n+", message.strip())[-1]
    asked = asked_part(message)
    return asked if last.rstrip().endswith((".", "!", "?")) or last in asked else f"{asked} {last}"


def rule_scores(message: str, slots: Slots) -> dict[str, float]:
    """Score boosts from precise rules; added to the kNN vote (which sums to 1)."""
    s = dict.fromkeys(("fact", "payout", "eligibility", "coop", "competency", "forecast", "out_of_scope"), 0.0)
    f = slots.facts
    has_lines = bool(slots.lines or slots.unknown_lines or slots.ambiguous)
    money = bool(slots.money)
    # every amount is the incentive itself ("our total incentive for the period is $32,000"): no billing given
    incentive_only = "total_incentive" in f and not has_lines and not slots.products and money and \
        all(f["total_incentive"] == m.amount and not _BASE_BEFORE.search(message, max(0, m.start - 12), m.start) for m in slots.money)
    definitional = bool(DEFINITION.search(message)) or bool(HOWTO.search(message))
    elig_facts = (any(k in f for k in ("mpn_active", "bank_tax", "cda_active", "piexp_onboarded", "ttm_revenue")) or
                  f.get("competency") == "none") and not _only_defined(message, definitional)
    comp_facts = any(k in f for k in ("new_o365_customers", "certified_employees", "internal_o365", "billed_o365", "billed_m365"))
    if not DOMAIN.search(message) and not slots.products and not slots.unknown_products:
        s["out_of_scope"] += 0.8
    if OOS_TOPIC.search(message):
        s["out_of_scope"] += 1.0
    if SAID_UNRELATED.search(message) and not money and not f:
        s["out_of_scope"] += 1.0  # "Unrelated to incentives, but …": the asker says so, whatever the program words
    if OTHER_VENDOR.search(message) and not slots.products and not re.search(r"microsoft|\bcsp\b", message, re.I):
        s["out_of_scope"] += 1.2
    if RULES_FUTURE.search(message):
        s["fact"] += 1.5
    elif COOP.search(message):
        if money or "total_incentive" in f or "coop_accrual" in f or "rebate_portion" in f or has_lines:
            s["coop"] += 1.2
        elif COOP_PORTION.search(message) and not definitional:
            s["coop"] += 0.6
        elif definitional:
            s["fact"] += 0.4
    elif "total_incentive" in f and not has_lines and CASH_ASKED.search(message) and \
            (COOP_PORTION.search(message) or re.search(r"\bhow\s+much\b|\bcu[aá]nto\b|\bwie\s+viel\b|\bcombien\b", message, re.I)):
        s["coop"] += 1.2  # "our incentive is $30,000: how much of that hits the bank as rebate?": the split of it
    elif incentive_only and slots.percent is None and not ELIG.search(message):
        # "Our total incentive estimate for the period is $32,000.": an incentive, not billing; its split is what
        # can be worked out from it
        s["coop"] += 1.0
    forecast = False
    # "growing steadily ... our co-op accrual is $7,200": an amount that is a co-op or TTM figure is no billing to project
    projectable = has_lines or bool(slots.unpaired) or not ({"coop_accrual", "ttm_revenue"} & set(f))
    if _projects(message, slots):
        if (money or slots.percent is not None) and projectable:
            forecast = True
            s["forecast"] += 1.1 + (0.5 if re.search(r"\bforecast|\bproject", message, re.I) else 0.0)
        elif definitional or HOWTO.search(message):
            s["fact"] += 0.4
    if COMPETENCY.search(message):
        if comp_facts:
            s["competency"] += 1.3
        elif COMP_CALC.search(message) and not re.search(r"\bincentive\b.*\beligib|eligib\w*.*\bincentive", message, re.I):
            s["competency"] += 0.5
    elif comp_facts and not has_lines:
        s["competency"] += 0.6
    if ELIG.search(message):
        if (FIRST_PERSON.search(message) or elig_facts) and not COOP.search(message):
            s["eligibility"] += 0.8
        elif definitional:
            s["fact"] += 0.3
    # one fact alone, with no eligibility asked ("Competencies are gone now, what do I need for …?"), checks nothing
    stated = sum(k in f for k in ("mpn_active", "bank_tax", "cda_active", "piexp_onboarded", "ttm_revenue", "competency",
                                  "indirect_reseller"))
    if elig_facts and not COOP.search(message) and not has_lines and (stated >= 2 or ELIG.search(message)):
        s["eligibility"] += 0.7
    elif elig_facts and not has_lines and asked_requirement(message):
        s["eligibility"] += 1.0  # "TTM is 18k, is that enough for the TTM requirement?": one requirement checked
    if has_lines:
        s["payout"] += 0.3 if forecast else 0.9
        if not forecast and _INCENTIVE_NAMED.search(message) and not definitional:
            s["payout"] += 0.5  # billing paired with products and the incentive asked: a calculation, however long the email
    elif PAYOUT.search(message) and (slots.products or slots.unknown_products or money) and not incentive_only:
        s["payout"] += 0.7
    elif SEATS_HELD.search(message) and slots.products and not money and _INCENTIVE_NAMED.search(message) and not definitional:
        s["payout"] += 0.8  # "250 seats of M365 Business Standard, what does that come to in incentive?": the price is asked next
    elif PAYOUT.search(message) and not definitional:
        s["payout"] += 0.4
    # ("… on our Dynamics 365 sales this period? Our account manager said it's a good percentage": the rate is
    # named beside the question, not asked)
    if RATE_Q.search(_asking(message)) and not money and not FORECAST.search(message) and not COOP.search(message):
        s["fact"] += 0.6
    if definitional and not money and not elig_facts and not comp_facts and slots.percent is None:
        # A definition asked with no facts of one's own is a question about the rules, not a check.
        s["fact"] += 0.9 if not FIRST_PERSON.search(message) else 0.5
    return s
