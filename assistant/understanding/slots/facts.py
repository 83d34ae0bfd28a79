"""Partner type and yes/no facts ("our MPN expired", "bank & tax done", "no competency")."""
from __future__ import annotations

import re

from .money import words_to_int

from assistant.understanding.lexicon import LEXICON


def _phrases(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_SELF = r"(?<![\w'])(?:" + _phrases(LEXICON["self_description"]) + r")"
_THIRD_PARTY = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["third_party_before"]) + r")\s+(?:an?\s+|the\s+|our\s+|one\s+)?"
                          r"(?:[\w-]+\s+){0,2}$", re.I)
_RESELLER = re.compile(r"\b(?:indirect[\s-]+resell(?:er|ers|ing)|resell(?:er|ers)\b(?!\s+agreement)|"
                       r"tier[\s-]?2\b|t2\s+(?:partner|reseller)|\bvar\b)", re.I)
_SERVED = re.compile(r"(?:\b\d[\d,]*|\b(?:our|my|many|several|all\s+our|dozens\s+of|hundreds\s+of|to|for|serve|serving|"
                     r"supply|supplying|onboard|onboarding)\b)\s+(?:\w+\s+)?$", re.I)
_PROVIDER = re.compile(r"\b(?:indirect[\s-]+providers?|distributors?\b(?!\s+(?:agreement|authori[sz]ation))|tier[\s-]?1\b|"
                       r"t1\s+(?:partner|provider)|(?<!solution )(?<!solutions )(?<!service )(?<!services )"
                       r"(?<!cloud )(?<!managed )(?<!it )(?<!msp )providers?\b)", re.I)


def parse_partner_type(text: str) -> str | None:
    """"reseller" (indirect reseller, tier 2) or "provider" (indirect provider, distributor, tier 1).

    What the partner says it is wins ("we are an indirect provider"); a provider it works with
    or buys through is a third party ("we work with a distributor", "our distributor") and makes
    it a reseller.
    """
    prog = re.compile(r"\s+(?:csp\s+)?(?:incentives?|programs?|agreements?|guides?|rates?)\b", re.I)
    # "we have 46 resellers", "our resellers": resellers the partner serves make it their provider
    hits = [(m.start(), "served" if m.group(0).lower().endswith("s") and _SERVED.search(text[max(0, m.start() - 24):m.start()])
             else "reseller")
            for m in _RESELLER.finditer(text) if not prog.match(text, m.end())]
    hits += [(m.start(), "provider") for m in _PROVIDER.finditer(text) if not prog.match(text, m.end())]
    if not hits:
        return None
    hits.sort()
    for pos, kind in hits:  # prefer the one the partner says it is
        before = text[max(0, pos - 30): pos].lower()
        if re.search(_SELF + r"\s*(?:a\s+|an\s+)?(?:csp\s+)?(?:indirect\s+)?$", before):
            return "provider" if kind == "served" else kind
    for pos, kind in hits:
        if kind == "provider" and _THIRD_PARTY.search(text[max(0, pos - 40): pos]):
            return "reseller"  # "through our distributor": the partner buys from a provider
    return "provider" if hits[0][1] == "served" else hits[0][1]


_NOT = r"(?:not|n't|no longer|never)"
_FACTS: dict[str, list[tuple[str, object]]] = {
    "mpn_active": [
        (r"\bmpn\b(?:\s+(?:id|membership|account|status))?\s+(?:has\s+|had\s+|is\s+|was\s+|got\s+)?"
         r"(?:expired|lapsed|inactive|suspended|cancell?ed|terminated|deactivated|" + _NOT + r"\s+(?:active|valid|current))", False),
        (r"\b(?:no|without\s+an?|lost\s+(?:our|the)|missing|expired|lapsed|inactive)\s+(?:active\s+|valid\s+)?mpn\b", False),
        (r"\b(?:do|did|does)\s*(?:not|n't)\s+have\s+an?\s+(?:active\s+|valid\s+)?mpn\b", False),
        (r"\bmpn\b(?:\s+(?:id|membership|account|status))?\s+(?:is\s+|was\s+)?(?:still\s+)?(?:active|valid|current|in good standing|fine|ok)\b", True),
        (r"\b(?:active|valid|current)\s+mpn\b", True),
        (r"\b(?:have|got|with|has)\s+an?\s+mpn\b", True),
    ],
    "bank_tax": [
        (r"\b(?:have\s*n[o']t|has\s*n[o']t|did\s*n[o']t|not\s+yet|never|yet\s+to)\s+(?:\w+\s+){0,2}(?:set\s*up|completed?|done|submitted|filled|entered|added)\s+"
         r"(?:\w+\s+){0,2}(?:bank|tax)", False),
        (r"\b(?:bank|tax)\s*(?:(?:and|&|/|\+)\s*(?:bank|tax)\s*)?(?:details|profiles?|info(?:rmation)?)?\s*(?:is|are)?\s*"
         r"(?:still\s+)?(?:missing|incomplete|pending|not\s+(?:yet\s+)?(?:done|complete|completed|set\s*up|submitted|finished|there))", False),
        (r"\b(?:no|missing|without|incomplete)\s+(?:bank|tax)", False),
        (r"\b(?:bank|tax)\s*(?:(?:and|&|/|\+)\s*(?:bank|tax)\s*)?(?:details|profiles?|info(?:rmation)?)?\s*(?:is|are|were|all)?\s*"
         r"(?:done|complete|completed|set\s*up|submitted|in\s+place|sorted|finished|filled(?:\s+in|\s+out)?|ok|good|verified)", True),
        (r"\b(?:completed|submitted|set\s*up|finished|filled\s+(?:in|out)|done|entered|have)\s+(?:\w+\s+){0,2}(?:bank|tax)\b", True),
        (r"\b(?:bank|tax)\s*(?:and|&|/|\+)\s*(?:bank|tax)\s*(?:details|profiles?|info(?:rmation)?)?\s*(?:is\s+|are\s+|were\s+)?"
         r"(?:entered|added|provided|uploaded|supplied)\b", True),
    ],
    "cda_active": [
        (r"\b(?:cda|distributor\s+agreement)\b\s+(?:has\s+|had\s+|is\s+|was\s+)?(?:expired|lapsed|terminated|inactive|cancell?ed|" + _NOT + r"\s+(?:signed|active))", False),
        (r"\b(?:no|without\s+an?|never\s+signed\s+(?:the|a|our)?|have\s*n't\s+signed\s+(?:the|a|our)?|unsigned|expired|lapsed)\s*(?:active\s+|signed\s+)?(?:cloud\s+)?(?:cda|distributor\s+agreement)", False),
        (r"\b(?:signed|active|valid)\s+(?:and\s+active\s+)?(?:the\s+|our\s+|a\s+)?(?:cloud\s+)?(?:cda|distributor\s+agreement)", True),
        (r"\b(?:cda|distributor\s+agreement)\b\s+(?:is\s+)?(?:signed|active|in\s+place|valid)", True),
    ],
    "piexp_onboarded": [
        (r"(?:\bnot|n't|\bnever|\byet\s+to\s+be)\s+(?:yet\s+)?(?:been\s+)?onboard(?:ed)?\b", False),
        (r"\b(?:piexp|incentive\s+tool)\b(?:\s+onboarding)?\s+(?:is\s+)?(?:pending|not\s+(?:done|complete|finished)|incomplete)", False),
        (r"\b(?:waiting|still\s+waiting|no)\s+(?:for\s+)?(?:the\s+|an?\s+|our\s+)?(?:piexp\s+)?invit", False),
        (r"\bwithout\s+(?:\w+\s+)?(?:piexp|onboarding)", False),
        (r"\bonboarded\s+(?:to|in|into|on|onto)\s+(?:the\s+)?(?:piexp|incentive\s+tool|partner\s+incentive)", True),
        (r"\b(?:piexp|incentive\s+tool)\b(?:\s+onboarding)?\s+(?:is\s+)?(?:done|complete|completed|finished)", True),
        (r"\b(?:completed|finished|done)\s+(?:the\s+|our\s+)?(?:piexp|incentive\s+tool)", True),
    ],
    "competency": [
        (r"\b(?:no|without\s+an?|do\s*n't\s+have\s+an?|lack\s+an?|neither)\s+(?:silver\s+or\s+gold\s+|silver\s+nor\s+gold\s+)?competenc", "none"),
        (r"\b(?:no|without)\s+(?:a\s+)?(?:silver|gold)\b", "none"),
        (r"\bcompetenc\w*\s+(?:has\s+|have\s+)?(?:expired|lapsed)", "none"),
    ],
}
_FACT_RX = {k: [(re.compile(p, re.I), v) for p, v in pats] for k, pats in _FACTS.items()}

_LEVEL = re.compile(r"\b(silver|gold)\b", re.I)
_HAVE = re.compile(r"(?:\bhave|\bhold|\bgot|\bwe(?:'re| are)|\bare|\bour|\bwith|\balready|\bhas|\bas\s+an?|\bcurrently)\W+(?:\w+\W+){0,3}$", re.I)
_WANT = re.compile(r"(?:\bfor|\bget|\bachiev\w*|\breach|\bbecome|\bupgrad\w*(?:\s+to)?|\bneed|\bqualify|\bworth|\bgo(?:ing)?|"
                   r"\baim\w*|\bmove\s+to|\bhit|\bto|\bobtain|\bpursue|\bconsider\w*|\bwant)\W+(?:\w+\W+){0,2}$", re.I)

_CNT = r"(?<![\w$])(?P<n>\d{1,4}|(?:(?:twenty|thirty|forty|fifty)[\s-]?)?(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|zero|no)"
_NEW_CUST = re.compile(_CNT + r"\s+(?:new\s+)?(?:net[\s-]new\s+)?(?:o365|office\s*365|m365|microsoft\s*365|cloud\s+)?\s*(?:new\s+)?(?:customers?|clients?|custs?|customer\s+adds|tenants?)\b", re.I)
# "added 12 this year" counts customers only when customers are named right after (not "add 20% growth").
_NEW_CUST_B = re.compile(r"(?:added|add|signed|won|onboarded|brought\s+on)\s+" + _CNT + r"\b(?!\s*(?:%|percent|k\b|\$))"
                         r"(?!\s+(?:more|additional|extra|further)\b)"
                         r"(?=(?:\s+\S+){0,4}?\s+(?:new\s+)?(?:customers?|clients?|logos?|accounts?|tenants?)\b)", re.I)
_PERIOD_NAME = r"(?:q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_LISTED_CUST = re.compile(r"\bnew\s+(?:o365\s+|office\s*365\s+|m365\s+|microsoft\s*365\s+|cloud\s+)?(?:customers|clients)\b[^:\n.?!$%]{0,60}:\s*(?:[-*•]\s*)?"
                          r"(?P<list>(?:" + _PERIOD_NAME + r"\s*[:=-]?\s*)?\d{1,3}(?:\s*(?:,|;|/|\band\b|\n\s*[-*•]?)\s*(?:"
                          + _PERIOD_NAME + r"\s*[:=-]?\s*)?\d{1,3}){1,11})(?![\d.,]*\s*(?:k\b|%|\$|usd|dollars))", re.I)
_GONE = re.compile(r"[^.,;!?\d]{0,40}?\b(?:left|quit|resigned|departed|retired|(?:are|is|have|has)\s+(?:since\s+)?(?:gone|left)|"
                   r"moved\s+on|no\s+longer\s+(?:with|here|work))\b", re.I)
_NO_PERIOD_NUM = re.compile(r"\b[qh][1-4]\b", re.I)
_CERT = [
    # "two sat the exams but only one passed": the restriction is the count
    re.compile(r"\b(?:only|just)\s+" + _CNT + r"\s+(?:of\s+(?:them|us|those|these|the\s+\w+)\s+)?(?:\w+\s+)?(?:actually\s+)?"
               r"(?:has\s+|have\s+)?(?:passed|got\s+certified|is\s+certified|are\s+certified)", re.I),
    re.compile(_CNT + r"\s+(?:certified|accredited)\s+(?:\w+\s+)?(?:employees?|people|staff|engineers?|techs?|technicians?|consultants?|folks|team\s+members|persons?)", re.I),
    re.compile(_CNT + r"\s+(?:of\s+our\s+)?(?:\w+\s+)?(?:employees?|people|staff|engineers?|techs?|technicians?|consultants?|folks|team\s+members|persons?|person|guys)"
               r"(?:\s+(?!passed|certified)\w+){0,4}?\s+(?:have\s+|has\s+|are\s+|who\s+(?:have\s+|are\s+)?)?(?:already\s+)?(?:passed|certified|got\s+certified|hold|with\s+cert)", re.I),
    re.compile(_CNT + r"\s+(?:\w+\s+){0,2}(?:passed|pass)\s+the\s+(?:\w+\s+)?exams?", re.I),
    re.compile(r"(?P<n>nobody|no\s*one|none\s+of\s+(?:us|our\s+(?:staff|people|team|employees|engineers|consultants)))"
               r"(?:\s+(?:on\s+(?:the|our)\s+team|in\s+(?:the|our)\s+team|is|has|have|are|yet|so\s+far|even|actually|else))*\s+"
               r"(?:certified|passed)", re.I),
]


def _count(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in ("no", "zero", "nobody", "no one", "noone") or word.startswith("none"):
        return 0
    return words_to_int(word)


_TOTAL_BEFORE = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["count_total_before"]) + r")\W*$", re.I)
_TOTAL_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s*(?:" + _phrases(LEXICON["count_total_after"]) + r")(?![\w'])", re.I)
_MORE_AFTER = re.compile(r"\s+(?:new\s+)?(?:" + _phrases(LEXICON["count_more_after"]) + r")(?![\w'])", re.I)
_MORE_BEFORE = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["count_more_before"]) + r")\s+$", re.I)
COUNT_SUBJECTS = _SUBJECTS = {k: re.compile(r"(?<![\w'])(?:" + _phrases(v) + r")(?![\w'])", re.I) for k, v in LEXICON["count_subjects"].items()}
_GAP_AFTER = re.compile(r"\s*(?:" + _phrases(LEXICON["count_gap_after"]) + r")(?![\w'])", re.I)
_SENTENCE = re.compile(r"[.!?\n;]")


def _restated_counts(text: str) -> tuple[dict, dict]:
    """(new totals, numbers added) per count: "signed 2 more, so 5 now" -> ({customers: 5}, {customers: 2}).

    Which count a number restates is the count word nearest it in its sentence, else in the message.
    """
    totals: dict = {}
    added: dict = {}
    for m in re.finditer(_CNT, text, re.I):
        if m.group("n").lower() == "no":
            continue
        before, after = text[max(0, m.start() - 30):m.start()], text[m.end():m.end() + 30]
        more = _MORE_AFTER.match(after) or _MORE_BEFORE.search(before)
        total = not more and (_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))
        if not (more or total) or _GAP_AFTER.match(after) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # "that's 1 short", "so 3 to go": a gap, not the count held
        lo = max((b.end() for b in _SENTENCE.finditer(text, 0, m.start())), default=0)
        nxt = _SENTENCE.search(text, m.end())
        hi = nxt.start() if nxt else len(text)
        near = [(min(abs(w.start() - m.end()), abs(m.start() - w.end())), key)
                for key, rx in _SUBJECTS.items() for w in rx.finditer(text, lo, hi)] or \
            [(min(abs(w.start() - m.end()), abs(m.start() - w.end())), key)  # "... for Gold? We're at 18."
             for key, rx in _SUBJECTS.items() for w in rx.finditer(text)]
        if not near or (n := _count(m.group("n"))) is None:
            continue
        key = min(near)[1]
        if total:
            totals[key] = n
        else:
            added.setdefault(key, []).append((n, m.start("n")))
    return totals, added


def parse_counts(text: str) -> dict:
    """new_o365_customers and certified_employees when the text states them.

    A stated new total wins over any other count of the same thing; a number of more adds to the
    count the message states, or is kept as `<count>_added` for the conversation's count.
    """
    out: dict = {}
    totals, added = _restated_counts(text)
    m = _NEW_CUST.search(text) or _NEW_CUST_B.search(text)
    spans = {}
    listed = _LISTED_CUST.search(text)
    if listed:
        # "new O365 customers by quarter: Q1 9, Q2 6, Q3 5, Q4 6": the listed periods add up
        out["new_o365_customers"] = sum(int(n) for n in re.findall(r"(?<![\w.])\d{1,3}(?![\w.])", _NO_PERIOD_NUM.sub(" ", listed.group("list"))))
        spans["new_o365_customers"] = listed.start("list")
        m = None
    if m and re.search(r"(?:office|microsoft|dynamics|\bms|\b[odm])\s*$", text[max(0, m.start("n") - 12):m.start("n")], re.I):
        m = None  # "Office 365 customers": the 365 names the product, it counts nothing
    if m and (n := _count(m.group("n"))) is not None:
        out["new_o365_customers"] = n
        spans["new_o365_customers"] = m.start("n")
    for rx in _CERT:
        m = rx.search(text)
        if m and (n := _count(m.group("n"))) is not None:
            # "our one certified engineer quit": the people counted are gone
            out["certified_employees"] = 0 if _GONE.match(text, m.end()) else n
            spans["certified_employees"] = m.start("n")
            break
    for key, more in added.items():
        if key in totals:
            continue
        if key in out and spans[key] in {pos for _, pos in more}:
            del out[key]  # "another 2 passed the exams": the number read is the number added
        n = sum(k for k, _ in more)
        if key in out:
            out[key] += n  # "we had 3 new customers and signed 2 more"
        else:
            out[f"{key}_added"] = n
    out.update(totals)
    return out


from assistant.understanding.polarity import AIM_AFTER  # noqa: E402


def parse_levels(text: str) -> dict:
    """The competency held (`competency`) and the level asked about (`level`)."""
    out: dict = {}
    for m in _LEVEL.finditer(text):
        lvl = m.group(1).lower()
        before = re.split(r"[,.;?!]|\band\b|\bbut\b", text[max(0, m.start() - 40): m.start()])[-1]
        if re.search(r"\b(?:no|not|without)\s+(?:a\s+)?$", before, re.I):
            continue
        have, want = _HAVE.search(before), _WANT.search(before)
        if AIM_AFTER.match(text, m.end()) or (not have and re.match(r"[\s,]*(?:or\s+not\b|or\s+no\b|\?)", text[m.end():], re.I)):
            out.setdefault("level", lvl)  # "are we Gold-ready?", "Gold or not?": the level asked about
        elif have and (not want or have.start() > want.start()):
            out.setdefault("competency", lvl)
        elif want:
            out.setdefault("level", lvl)
        else:
            out.setdefault("competency", lvl)
            out.setdefault("level", lvl)
    return out


def parse_yes_no(text: str) -> dict:
    """mpn_active, bank_tax, cda_active, piexp_onboarded, competency, indirect_reseller when stated."""
    out: dict = {}
    for key, rules in _FACT_RX.items():
        for rx, value in rules:
            if rx.search(text):
                out[key] = value
                break
    for k, v in parse_levels(text).items():
        if k == "competency":
            out.setdefault("competency", v)
        else:
            out[k] = v
    from assistant.understanding.polarity import asked_only, facts_with_polarity

    for key in asked_only(text):
        if key != "competency":  # "is Gold worth it?" names the level aimed for, kept as `level`
            out.pop(key, None)
    read = facts_with_polarity(text)
    for key, value in read.items():
        # The clause-scoped reading decides polarity; the phrase rules above only fill in what it
        # did not see. A level the partner aims for ("worth going Gold?") is not one it holds.
        if value is None:
            out.pop(key, None)  # "haven't checked the bank/tax profiles": unknown, not unmet
            continue
        if key == "competency" and value != "none" and ("competency" in out or out.get("level") == value):
            continue
        out[key] = value
    from assistant.understanding.polarity import BOTH_PARTS

    if out.get("bank_tax") is True and "bank_tax" not in read and not BOTH_PARTS.search(text):
        del out["bank_tax"]  # bank alone (or tax alone) confirmed: the other is still unknown
    ptype = parse_partner_type(text)
    if _NOT_ENROLLED.search(text):
        out["indirect_reseller"] = False
    elif ptype == "reseller":
        out.setdefault("indirect_reseller", True)  # unless the clause-scoped reading denied it
    # A provider is simply not asked about reseller enrolment; the calculator has no such input for it.
    return out


_NOT_ENROLLED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer)\s+(?:yet\s+)?(?:been\s+)?(?:an?\s+)?(?:enrol+ed|registered|signed up|onboarded)?"
    r"\s*(?:as\s+|in\s+|for\s+)?(?:an?\s+|the\s+)?(?:csp\s+)?indirect\s+resell(?:ers?|ing)\b|"
    r"(?:\bnot|n't)\s+(?:yet\s+)?(?:enrol+ed|registered)\b", re.I)
