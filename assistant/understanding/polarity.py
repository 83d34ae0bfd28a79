"""Partner facts with their polarity: which requirement a message speaks of, and whether it holds.

A fact is named by a concept word ("MPN", "CDA", "bank and tax", "Silver") and denied by a
negation cue in its clause: before it ("we aren't Silver or Gold in anything", "no CDA
signed yet") or after it ("our MPN lapsed", "tax profile is still missing"). Clauses end at
punctuation and contrast words, so "Gold, not Silver" keeps Gold. A fact named inside a
question ("do we need an MPN?") states nothing about the partner and is left unknown.

A checklist item's status decides first: a mark before or after it ("❌ Tax profile", "MPN ✔",
"[ ] CDA") or a status word after its label separator ("MPN active - yes", "Bank & tax: pending").
Not knowing is not a denial: a negated knowledge verb ("haven't checked", "not sure about",
"no idea whether") leaves the fact unknown. A denied denial ("not incomplete") affirms.
"""
from __future__ import annotations

import re

from assistant.understanding.checklist_status import ELLIPTIC_DENIAL, NOT_KNOWN_RX, UNKNOWN_AFTER, UNKNOWN_BEFORE, UNKNOWN_COMPLEMENT, \
    words_rx
from assistant.understanding.lexicon import LEXICON


def _alts(words) -> str:
    # "MPN ID", "MPN-ID", "bank- and tax-profile": words of a phrase joined by spaces or hyphens alike
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"[\s-]+") for w in words), key=len, reverse=True))


# a plural or case ending on a name ("Steuerprofile", "bankprofielen", "taxes") names the same thing
# ("Bank- und Steuerprofile": a hyphen before a space leaves the head to the next word, the name stands)
_CONCEPTS = {k: re.compile(r"(?<![\w-])(?:" + _alts(v) + r")(?:e|en|n|s|es)?(?!\w|-\w)", re.I)
             for k, v in LEXICON["fact_concepts"].items()}
# Enrolment as an indirect reseller: "never actually enrolled as an indirect reseller". The
# program's name ("the indirect reseller incentive") names no fact about the partner.
_CONCEPTS["indirect_reseller"] = re.compile(
    r"(?<![\w-])(?:indirect[\s-]+resell(?:er|ers|ing)|revendedor(?:es)?\s+indiret?c?tos?|rivenditor[ei]\s+indirett[oi]|indirecte\s+(?:wederverkoper|reseller)s?|revendeurs?\s+indirects?|enrol+ed|enrol+ment|enrollment)(?![\w-])"
    r"(?!\s+(?:csp\s+)?(?:incentives?|programs?|programmes?|guides?|rates?|requirements?))", re.I)
# ("apart from that, we have an active MPN": setting aside what was said before negates nothing after it)
_NEG_BEFORE = re.compile(r"(?:(?<![\w'])|(?<=n))(?:" + _alts(LEXICON["negation"]["before"]) + r")(?![\w'])"
                         r"(?<!apart from(?=\s+th[ai][st]\b))(?<!other than(?=\s+th[ai][st]\b))", re.I)
# a state may stand in quotes, as a portal shows it ("the tax profile still shows 'incomplete'")
_NEG_AFTER = re.compile(r"(?<!\w)(?<!\w')(?:" + _alts(LEXICON["negation"]["after"]) + r")(?!\w)(?!'\w)", re.I)
# (" plus " joins two statements, except as French says "no longer": "notre MPN n'est plus actif")
_BREAKS = re.compile("|".join(r"(?<!n'est)(?<!n’est)(?<!sont)(?<!n'a)(?<!n’a)" + re.escape(b) if b.strip() == "plus" else re.escape(b)
                              for b in LEXICON["clause_breaks"]), re.I)
# both profiles named, in any of the languages partners write ("bank- en belastinggegevens", "Bank- und Steuerprofil")
_TAX_STEMS = ("tax", "steuer", "impuest", "impost", "fisc", "belasting", "podatk")
_TAX_WORD = "(?:" + "|".join(rf"{stem}\w*" for stem in _TAX_STEMS) + ")"
BOTH_PARTS = re.compile(rf"\b(?:bank|banc)\w*\b.{{0,30}}\b{_TAX_WORD}|\b{_TAX_WORD}\b.{{0,30}}\b(?:bank|banc)", re.I | re.S)
_QUESTION = re.compile(r"^\s*(?:do|does|did|is|are|was|were|should|must|can|could|what|which|how|why|when|where|"
                       r"who|need|needs)\b", re.I)
_INDIRECT_QUESTION = re.compile(r"\b(?:asks?|asked|asking|wonders?|wondered|wondering|wants?\s+to\s+know|wanted\s+to\s+know|curious)\s+"
                                r"(?:me\s+|us\s+)?(?:why|whether|if|how|what|when|where)\b", re.I)
_CONDITION = re.compile(r"\b(?:if|when|since|because|given\s+that|now\s+that|as\s+long\s+as|although|though|"
                        r"even\s+though|while)\b", re.I)
# ... as partners writing in French, Spanish, Portuguese, German, Italian or Dutch ask ("Bonjour, à quoi sert PIExp ?")
_WH = re.compile(r"(?:^|[,;:—–]\s*)(?:what|how|where|which|when|why|who|do\s+i|do\s+we|does|is|are|can|should|"
                 r"à\s+quoi|quoi|qu['’]est-ce|quel(?:le)?s?|comment|pourquoi|combien|qué|cuál(?:es)?|cómo|por\s+qué|para\s+qué|"
                 r"o\s+que|qual|quais|wozu|wof[üu]r|was|wie|welche[rsn]?|warum|cosa|che\s+cosa|come|quale|perch[ée]|a\s+cosa|"
                 r"wat|hoe|welke|waarom|waarvoor)(?!\w)", re.I)
_LEVEL = re.compile(r"\b(silver|gold)\b", re.I)
# "Silver/Gold", "Silver or Gold": a pair of levels names the requirement, not a level held
LEVEL_PAIR = re.compile(r"\b(?:silver\s*(?:/|or|nor|and|&|noch|oder|und|ni|o|y|ou|et)\s*gold|gold\s*(?:/|or|nor|and|&|noch|oder|und|ni|o|y|ou|et)\s*silver)\b", re.I)
# "bank info in PIExp", "Bank- und Steuerdaten in PIExp": the tool named as where a profile is entered
_WHERE_ENTERED = re.compile(r"\b(?:bank|banc|tax|fisc|steuer|belasting|payment|payout)\w*\b[^.;\n]{0,25}\b(?:in|into|inside|within|on|im|en|em|dans|nel)\s+"
                            r"(?:the\s+|de\s+|het\s+)?$", re.I)
_OR_NOT = re.compile(r"[\s,]*(?:or|yes\s+or)\s+(?:not|no)\b", re.I)


# "Gold-ready", "Silver eligible": the level aimed for, not one held.
# ("Silver Cloud Productivity application submitted": the competency's area may stand between level and aim word)
AIM_AFTER = re.compile(r"[ \t-]*(?:(?:cloud|platform|productivity|small|midmarket|solutions|modern|workplace|data|analytics|security|"
                       r"application|applications|development|business|&|and)[ \t]+){0,4}?"
                       r"(?:" + words_rx(LEXICON["level_aim_after"]) + ")", re.I)
_AIM_WORDS = re.compile(words_rx(LEXICON["level_aim_before"]), re.I)


def aimed_before(text: str, start: int) -> bool:
    """An aim word earlier in the level's clause, with no contrast after it: "working toward Silver"."""
    lo, _ = clause_at(text, start, start)
    return bool(_AIM_WORDS.search(text, lo, start))


_NEGATOR = re.compile(r"(?:is|are|was|were|has|have)?\s*(?:not|n't|never)(?:\s+been)?|isn'?t|aren'?t|wasn'?t|hasn'?t|haven'?t", re.I)


_BREAK_CUE = re.compile(r"\b(?:no|not|without|nor)\s+$", re.I)
_ASIDE = re.compile(r",\s*(?:" + words_rx(LEXICON["parentheticals"]) + r")\s*,", re.I)


def clause_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a span: from the last break before it to the first break after it. An
    aside between commas ("the tax profile, honestly, is still half done") does not end it."""
    lo = max((m.end() for m in _BREAKS.finditer(text, 0, start)), default=0)
    nxt = _BREAKS.search(text, end)
    while nxt and (aside := _ASIDE.match(text, nxt.start())):
        nxt = _BREAKS.search(text, aside.end())
    return lo, nxt.start() if nxt else len(text)


_ANNOUNCED = re.compile("(?:" + NOT_KNOWN_RX.pattern + r")\s*:\s*$", re.I)


def unknown_of(text: str, start: int, end: int) -> str:
    """The words that say the partner does not know the fact ("haven't looked at the", "is unclear"), or ""."""
    lo, hi = clause_at(text, start, end)
    before = UNKNOWN_BEFORE.search(text[lo:start]) or UNKNOWN_COMPLEMENT.search(text[lo:start])
    if before:
        return before.group(0).strip()
    # "one thing I can't confirm: the tax profile": the not-knowing announces the item after the colon
    announced = _ANNOUNCED.search(text, max(0, lo - 60), lo)
    if announced and text[:lo].rstrip().endswith(":"):
        return announced.group(0).strip(" :")
    after = UNKNOWN_AFTER.match(text[end:hi])
    if after:
        return after.group(0).strip()
    # "the tax form - honestly I'm not sure whether finance ever submitted it": the next clause doubts it by a pronoun
    stop = re.search(r"[.!?\n]", text[hi:])
    tail = text[hi:hi + stop.start()] if stop else text[hi:]
    doubt = NOT_KNOWN_RX.search(tail[:80])
    if doubt and re.match(r"[\s,;:—–-]*$", tail[:1]) and re.search(r"\b(?:it|that|them|this|one)\b", tail[doubt.end():]) \
            and not any(rx.search(tail, 0, doubt.start()) for rx in _CONCEPTS.values()):
        return doubt.group(0).strip()
    return ""


def negation_of(text: str, start: int, end: int) -> str:
    """The cue that denies the span within its clause ("" when none does)."""
    lo, hi = clause_at(text, start, end)
    # "not sure if we're eligible: MPN active": the "not" denies the knowing, not the fact
    knowing = [k.span() for k in NOT_KNOWN_RX.finditer(text, lo, start)]
    before = [c for c in _NEG_BEFORE.finditer(text, lo, start) if not any(a <= c.start() < b for a, b in knowing)]
    after = _NEG_AFTER.search(text, end, hi)
    if _NOTHING_LEFT.search(text[max(0, lo - 60):start]):
        return ""  # "nothing is outstanding on our bank or tax profiles": no item left undone affirms them
    if (before or after) and _DENIED_CLAUSE.search(text[max(0, lo - 30):lo]):
        return ""  # "not as though we lack a competency": the clause's denial is itself denied
    if (before and len(before) >= 2 and _DENIED_CLAUSE.search(text[lo:before[-1].start()])) or \
            (after and _DENIED_CLAUSE.search(text[lo:start])):
        return ""  # "it's not that we don't have an MPN": the denial inside is denied
    if before and _denied_denial(text, before, after):
        return ""  # "not ... lack", "nor is our MPN inactive": two denials affirm
    if before:
        return before[-1].group(0)
    past = _PAST_LEVEL.search(text, max(0, start - 24), start)
    if past and re.fullmatch(r"(?i)silver|gold", text[start:end].strip()) and not _STILL.match(text, end):
        return past.group(0).strip()  # "well it was Gold, the renewal didn't go through": held once, not now
    # "no Silver and no Gold": the break " and no " ends the clause before, and its "no" denies this one
    carried = _BREAK_CUE.search(text, max(0, lo - 8), lo)
    if carried and not after:
        return carried.group(0).strip()
    if after and _NEGATOR.fullmatch(after.group(0)):
        # "our tax profile is not incomplete": a denied denial affirms
        state = _NEG_AFTER.match(text, after.end() + len(text[after.end():hi]) - len(text[after.end():hi].lstrip()), hi)
        if state and not _NEGATOR.fullmatch(state.group(0)):
            return ""
    if after:
        return after.group(0)
    # "We had Silver last year but it lapsed in January": the next clause's "it" carries the denial.
    later = _PRONOUN_DENIAL.match(text, hi) or ELLIPTIC_DENIAL.match(text, hi)
    return later.group("cue") if later else ""


# The next clause, about the same thing by a pronoun, says it no longer holds ("The MPN? It expired").
_PAST_LEVEL = re.compile(r"\b(?:it|we|that)\s+(?:was|were|used\s+to\s+be|had\s+been)\s+(?:a\s+)?$|\bused\s+to\s+(?:be|hold|have)\s+(?:a\s+)?$", re.I)
_STILL = re.compile(r"[^.;!?]{0,30}\b(?:still|and\s+(?:still\s+)?(?:are|is)|ever\s+since)\b", re.I)
_PRONOUN_DENIAL = re.compile(r"[\s,;.?:—–-]*(?:but|and|though|however)?[\s,]*(?:it|that|this|which|they)\s+(?:has\s+|have\s+|had\s+)?"
                             r"(?:since\s+|now\s+|then\s+|already\s+)?(?P<cue>lapsed|expired|ended|ran\s+out|(?:was|got|were)\s+"
                             r"(?:revoked|cancelled|canceled|removed|suspended)|is\s+gone|(?:is|are)\s+no\s+longer)\b", re.I)
# An elliptic clause that repeats the last one's predicate: "…and neither is the tax profile", "…and so is the tax one".
_PRIVATIVE = re.compile(r"lack|lacking|missing|without|inactive|expired|lapsed|incomplete|pending|unsigned", re.I)
_INVERTED = re.compile(r"nor|neither", re.I)
_NOTHING_LEFT = re.compile(r"\b(?:nothing|none|no\s+items?|no\s+steps?)\s+(?:at\s+all\s+)?(?:is\s+|'s\s+|are\s+|was\s+|remains\s+)?"
                           r"(?:still\s+)?(?:outstanding|missing|pending|open|left|incomplete|unfinished|to\s+do|blocked)\s+"
                           r"(?:(?:on|in|with|for|about|from)\s+)?(?:the\s+|our\s+|my\s+|their\s+)?"
                           # ("… on our bank or tax profiles": each item of the list it heads)
                           r"(?:[\w&-]+(?:\s+(?:profiles?|details|info))?\s*(?:,|\bor\b|\band\b|&|/)\s*){0,3}$", re.I)
# "It's not as though we lack X", "not that we're missing X": the whole next clause is denied.
_DENIED_CLAUSE = re.compile(r"(?:\bnot|n't)\s+(?:as\s+(?:though|if)|like|that)\s*(?:\w+\s+){0,2}$", re.I)


def _denied_denial(text: str, before: list[re.Match], after: re.Match | None) -> bool:
    """A negator that denies a privative word ("not ... lack"), or "nor is X inactive"."""
    last = before[-1]
    if len(before) >= 2 and _PRIVATIVE.fullmatch(last.group(0)) and not _PRIVATIVE.fullmatch(before[-2].group(0)) \
            and len(text[before[-2].end():last.start()].split()) <= 5:
        return True
    return bool(_INVERTED.fullmatch(last.group(0)) and after is not None and _PRIVATIVE.fullmatch(after.group(0)))


def _is_question(text: str, start: int, end: int) -> bool:
    sentence_end = text.find("?", end)
    stop = re.search(r"[.!\n]", text[end:])
    asked = sentence_end != -1 and (stop is None or end + stop.start() > sentence_end)
    sentence_start = max(text.rfind(".", 0, start), text.rfind("!", 0, start), text.rfind("\n", 0, start),
                         text.rfind("?", 0, start)) + 1
    if not asked and stop is None and sentence_end == -1 and _QUESTION.match(text[sentence_start:]):
        asked = True  # "what is PIExp": a chat question needs no question mark
    before = text[sentence_start:start]
    if _INDIRECT_QUESTION.search(before):
        return True  # "our finance director asks why PIExp wants our bank and tax profile": asked about, not stated
    if asked and len(text[sentence_start:sentence_end].split()) <= 3 and _LEVEL.fullmatch(text[start:end]) \
            and not re.search(r"\?\s*(?:yes|yep|ja|sí|si|✓|✔)", text[sentence_end:sentence_end + 8], re.I):
        return True  # "Still Gold?", "Gold now?": a level asked about in a word or two
    conditions = list(_CONDITION.finditer(before))
    # ("…and when we do, where do we have to re-enter banking and tax details?": a question after the condition)
    if not asked or (conditions and not any(w.start() > conditions[-1].start() for w in _WH.finditer(before))):
        return False  # "do we still qualify if our Silver expired?" states the fact it asks about
    return bool(_QUESTION.match(text[sentence_start:]) or _WH.search(before))


def asked_only(text: str) -> set[str]:
    """Facts the message names only inside questions ("do we need an active MPN?"): it states none of them."""
    asked, stated = set(), set()
    for key, rx in _CONCEPTS.items():
        for m in rx.finditer(text):
            (asked if _is_question(text, m.start(), m.end()) else stated).add(key)
    return asked - stated
