"""Partner type and yes/no facts ("our MPN expired", "bank & tax done", "no competency")."""
from __future__ import annotations

import re

from assistant.understanding.glossary import without_false_friends


from assistant.understanding.lexicon import LEXICON



def _phrases(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_SELF = r"(?<![\w'])(?:" + _phrases(LEXICON["self_description"]) + r")"
_THIRD_PARTY = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["third_party_before"]) + r")\s+(?:an?\s+|the\s+|our\s+|one\s+)?"
                          r"(?:[\w-]+\s+){0,2}$", re.I)
_RESELLER = re.compile(r"\b(?:indirect[\s-]+resell(?:er|ers|ing)|resell(?:er|ers)\b(?!\s+agreement)|revendedor(?:es)?\s+indiret?c?tos?|rivenditor[ei]\s+indirett[oi]|indirecte\s+(?:wederverkoper|reseller)s?|"
                       r"revendeurs?\s+indirects?|"
                       r"tier[\s-]?2\b|t2\s+(?:partner|reseller)|\bvar\b)", re.I)
_SERVED = re.compile(r"(?:\b\d[\d,]*|\b(?:our|my|many|several|all\s+our|dozens\s+of|hundreds\s+of|to|for|serve|serving|"
                     r"supply|supplying|onboard|onboarding)\b)\s+(?:\w+\s+)?$", re.I)
_PROVIDER = re.compile(r"\b(?:indirect[\s-]+providers?|distributors?\b(?!\s+(?:agreement|authori[sz]ation))|tier[\s-]?1\b|"
                       r"t1\s+(?:partner|provider)|(?<!solution )(?<!solutions )(?<!service )(?<!services )"
                       r"(?<!cloud )(?<!managed )(?<!it )(?<!msp )providers?\b)", re.I)


def provider_is_third_party(text: str) -> bool:
    """Every provider named is one the partner buys through ("we resell through a distributor")."""
    hits = list(_PROVIDER.finditer(text))
    return bool(hits) and all(_THIRD_PARTY.search(text[max(0, m.start() - 40): m.start()]) for m in hits)


_SUBJECT_IS = re.compile(r"(?:\bthey(?:'re|’re|\s+are)|\bit(?:'s|’s|\s+is)|\b(?-i:[A-Z][\w&-]+)(?:\s+(?-i:[A-Z][\w&-]+)){0,3}\s+is)"
                         r"\s+(?:an?\s+)?(?:csp\s+)?(?:indirect\s+)?$", re.I)


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
        from assistant.understanding.glossary import in_english

        # "somos um distribuidor (provedor indireto)": what the partner is, named in its own language
        english = in_english(text)
        return parse_partner_type(english) if english != text else None
    hits.sort()
    for pos, kind in hits:  # prefer the one the partner says it is
        before = text[max(0, pos - 30): pos].lower()
        if re.search(_SELF + r"\s*(?:a\s+|an\s+|the\s+)?(?:csp\s+)?(?:indirect\s+)?$", before):
            return "provider" if kind == "served" else kind
    for pos, kind in hits:  # then the one the partner checked is said to be: "Alder Systems … They're a tier 2 reseller"
        if kind != "served" and _SUBJECT_IS.search(text[max(0, pos - 40): pos]):
            return kind
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

from assistant.understanding.polarity import AIM_AFTER, LEVEL_PAIR, aimed_before  # noqa: E402


# ("Quali sono i requisiti per il Gold…?", "¿Qué pide Gold…?": asked in another language too)
_ASKED_OF = re.compile(r"\s*(?:what|which|how|does|do|is|are|would|will|can|quali|quale|qual|quais|cuáles|cuál|qué|quels?|quelles?|"
                       r"welche[rsn]?|was|wat|welke|wie|come|cómo|comment)(?!\w)", re.I)


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence (or of the question after a dash or colon) before `start`."""
    cut = max([text.rfind(c, 0, start) + 1 for c in ".!?\n:"] + [m.end() for m in re.finditer(r"\s[-–—]\s", text[:start])])
    return text[cut:start]


# "moving from Silver to Gold", "passare da Silver a Gold", "pasar de Silver a Gold", "von Silver zu Gold": the level
# held, then the one aimed at
_FROM_TO = re.compile(r"\b(?:from|da|de|von|van|du)\s+(?P<held>silver|gold)\s+(?:to|a|à|al|zu|zum|naar|para|au)\s+(?P<aim>silver|gold)\b", re.I)


def parse_levels(text: str) -> dict:
    """The competency held (`competency`) and the level asked about (`level`)."""
    moved = _FROM_TO.search(text)
    if moved:
        return {"competency": moved.group("held").lower(), "level": moved.group("aim").lower()}
    out: dict = {}
    # "Silver/Gold competency | Gold": a pair names the requirement; a level named alone says which
    pairs = [p.span() for p in LEVEL_PAIR.finditer(text)]
    levels = list(_LEVEL.finditer(text))
    alone = [m for m in levels if not any(a <= m.start() < b for a, b in pairs)]
    for m in (alone or levels):
        lvl = m.group(1).lower()
        before = re.split(r"[,.;?!]|\band\b|\bbut\b", text[max(0, m.start() - 40): m.start()])[-1]
        if re.search(r"\b(?:no|not|without)\s+(?:a\s+)?$", before, re.I):
            continue
        have, want = _HAVE.search(before), _WANT.search(before)
        if AIM_AFTER.match(text, m.end()) or aimed_before(text, m.start()) or (not have and re.match(r"[\s,]*(?:or\s+not\b|or\s+no\b|\?)", text[m.end():], re.I)):
            out.setdefault("level", lvl)  # "are we Gold-ready?", "Gold or not?": the level asked about
        elif have and (not want or have.start() > want.start()):
            out.setdefault("competency", lvl)
        elif _ASKED_OF.match(_sentence_before(text, m.start())) and "?" in text[m.end():m.end() + 120].split(".")[0]:
            out.setdefault("level", lvl)  # "What does Gold require?": the level a question is about, not one held
        elif want:
            out.setdefault("level", lvl)
        else:
            out.setdefault("competency", lvl)
            out.setdefault("level", lvl)
    return out


# Silver's revenue and certification thresholds, which the sources name without an amount: only the
# partner can say it meets them. Either named alone, or both in one phrase.
_NOUNS = r"(?:thresholds?|requirements?|criteria|criterion|bars?|minimums?|targets?|levels?)"
_SILVER_PARTS = {
    "revenue": re.compile(rf"\b(?:revenue|sales)\s+{_NOUNS}", re.I),
    "certification": re.compile(rf"\bcert(?:ification)?s?\s+{_NOUNS}|\bcertification\s+(?:part|side)\b", re.I),
}
_SILVER_BOTH = re.compile(rf"\b(?:revenue|sales)\s*(?:and|&|/|\+|,)\s*cert(?:ification)?s?\s+{_NOUNS}"
                          rf"|\bcert(?:ification)?s?\s*(?:and|&|/|\+|,)\s*(?:revenue|sales)\s+{_NOUNS}"
                          rf"|\b(?:all\s+)?(?:the\s+)?other\s+(?:silver\s+)?{_NOUNS}", re.I)
# "Does that meet Silver's minimum customer requirement?": the question is about the customer count alone.
_CUSTOMERS_ONLY = re.compile(
    r"\bcustomer[\s-]+(?:count|number|requirement|bar|minimum|threshold|criterion|criteria|part|side|rule|test)s?\b"
    r"|\b(?:minimum|enough)\s+(?:new\s+)?(?:o365\s+|office\s*365\s+)?customers\b|\bjust\s+on\s+(?:the\s+)?(?:new[\s-])?customer"
    r"|\benough\s+(?:new\s+)?(?:o365\s+|office\s*365\s+)?(?:customers|clients)\b"
    r"|\b(?:requirement|minimum|bar|threshold|rule)\s+(?:on|for|about)\s+(?:the\s+)?(?:number\s+of\s+)?(?:new\s+)?(?:o365\s+|office\s*365\s+)?"
    r"(?:customers|clients)\b"
    # as partners writing in Spanish, Portuguese, French or German ask about the customer count alone
    r"|\b(?:requisito|mínimo|minimo)\s+de\s+(?:número\s+de\s+)?clientes\b|\bexigence\s+(?:de|sur\s+le)\s+(?:nombre\s+de\s+)?(?:nouveaux\s+)?clients\b"
    r"|\bkunden(?:anzahl|zahl|anforderung)\b|\banforderung\s+an\s+(?:die\s+)?(?:anzahl\s+)?(?:der\s+)?(?:neu)?kunden\b", re.I)


def parse_silver_thresholds(text: str) -> dict:
    """`silver_thresholds` (both met: True; either denied: False) and `customers_only` when stated."""
    from assistant.understanding.polarity import negation_of, unknown_of

    said: dict[str, bool] = {}
    for m in _SILVER_BOTH.finditer(text):
        if not unknown_of(text, m.start(), m.end()):
            said.update(dict.fromkeys(_SILVER_PARTS, not negation_of(text, m.start(), m.end())))
    for part, rx in _SILVER_PARTS.items():
        for m in rx.finditer(text):
            if not unknown_of(text, m.start(), m.end()):
                said[part] = not negation_of(text, m.start(), m.end())
    out: dict = {}
    if False in said.values():
        out["silver_thresholds"] = False
    elif len(said) == len(_SILVER_PARTS):
        out["silver_thresholds"] = True
    if _CUSTOMERS_ONLY.search(text):
        out["customers_only"] = True
    return out


def parse_yes_no(text: str) -> dict:
    """mpn_active, bank_tax, cda_active, piexp_onboarded, competency, indirect_reseller when stated."""
    text = without_false_friends(text)
    out: dict = {}
    for key, rules in _FACT_RX.items():
        for rx, value in rules:
            if rx.search(text):
                out[key] = value
                break
    levels = parse_levels(text)
    # A level named with nothing to say it is aimed for ("only Silver") is read as held as well.
    aimed = levels.get("level") if levels.get("competency") != levels.get("level") else None
    for k, v in levels.items():
        if k == "competency":
            out.setdefault("competency", v)
        else:
            out[k] = v
    from assistant.understanding.fact_reading import facts_with_polarity
    from assistant.understanding.polarity import asked_only

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
        held = out.get("competency") not in (None, "none")  # "no Gold, only Silver": the level held stands
        if key == "competency" and value != "none" and (held or aimed == value):
            continue
        out[key] = value
    from assistant.understanding.polarity import BOTH_PARTS

    if out.get("bank_tax") is True and "bank_tax" not in read and not BOTH_PARTS.search(text):
        del out["bank_tax"]  # bank alone (or tax alone) confirmed: the other is still unknown
    ptype = parse_partner_type(text)
    if _NOT_ENROLLED.search(text):
        out["indirect_reseller"] = False
    elif ptype == "reseller" and not _generic_reseller(text) and read.get("indirect_reseller", True) is not None:
        # unless the clause-scoped reading denied it, or the partner doubts its enrolment
        out.setdefault("indirect_reseller", True)
    # A provider is simply not asked about reseller enrolment; the calculator has no such input for it.
    return out


# "what happens to a reseller that misses the threshold?", "if a tier 2 partner who...": any reseller, a rule asked
_GENERIC_RESELLER = re.compile(r"\b(?:a|an|any|every|each)\s+(?:csp\s+)?(?:indirect\s+|tier[\s-]*2\s+)?resell(?:er|ing)(?:\s+partner)?\s+"
                               r"(?:that|who|which|whose)\b|\bresellers\s+(?:that|who|which)\b", re.I)
def _generic_reseller(text: str) -> bool:
    """Any reseller, named to ask a rule ("a reseller that misses…", "un revendedor indirecto que no alcanza…")."""
    from assistant.understanding.glossary import in_english

    return bool(_GENERIC_RESELLER.search(text) or _GENERIC_RESELLER.search(in_english(text)))


_NOT_ENROLLED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer)\s+(?:yet\s+)?(?:been\s+)?(?:an?\s+)?(?:enrol+ed|registered|signed up|onboarded)?"
    r"\s*(?:as\s+|in\s+|for\s+)?(?:an?\s+|the\s+)?(?:csp\s+)?indirect\s+resell(?:ers?|ing)\b|"
    r"(?:\bnot|n't)\s+(?:yet\s+)?(?:enrol+ed|registered)\b|"
    # "we're not in CSP yet - we buy through Open licensing": outside the program altogether
    r"(?:\bnot|n't|\bnever|\bno\s+longer)\s+(?:yet\s+)?(?:been\s+)?(?:in|part\s+of|enrol+ed\s+in|signed\s+up\s+(?:to|for)|joined|"
    r"registered\s+(?:in|for)|a\s+member\s+of|an?\s+)\s*(?:the\s+)?csp\b(?!\s+(?:direct|incentives?|rates?|guides?))(?:\s+partners?)?", re.I)
