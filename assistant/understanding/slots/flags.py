"""Messages that try to change the rules (injection) or ask for someone's private data."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON

from .advice import asks_advice
from .injection import instructs_rules

_SENSITIVE = (r"(?:bank\s+(?:account|details|info(?:rmation)?|number)|account\s+numbers?|iban|swift|routing\s+numbers?|"
              r"tax\s+(?:id|ids|number|numbers|identification)|\btins?\b|\bssns?\b|social\s+security|\beins?\b|vat\s+(?:number|id)|"
              r"e-?mails?(?:\s+address(?:es)?)?|phone\s+numbers?|mobile\s+numbers?|(?:home\s+|postal\s+|street\s+)?address(?:es)?(?![a-z])|"
              r"passwords?|credentials?|credit\s+cards?|salar(?:y|ies)|contact\s+(?:details|info(?:rmation)?|list)|"
              r"personal\s+(?:data|details|info(?:rmation)?)|date\s+of\s+birth|birthdays?|"
              r"logins?)")
# A figure private to the partner that earns it; another named partner's is not to be given out.
_WEAK = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    LEXICON["private_figures"], key=len, reverse=True)) + r")(?![\w'-])", re.I)
# "Contoso Cloud Partners Ltd": a company by its legal form; "we're Contoso Ltd", "I work at …": the asker's own
_COMPANY = re.compile(r"\b[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,4}\s+(?:Ltd|Inc|LLC|GmbH|Corp|Corporation|Limited|BV|B\.V\.|AG|SA|Pty|plc|SRL|S\.A\.)\b\.?")
# "Contoso Cloud Partners", "Alder Systems": a company by the word its name ends in
_COMPANY_WORD = re.compile(r"\b(?!Microsoft\b)[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3}\s+(?:Partners|Solutions|Systems|Technologies|Group|"
                           r"Consulting|Networks|Services|Computing|Labs|Digital|Holdings|Associates|Enterprises)\b")
# another partner brought into the message, and then a figure of "theirs" asked
_THIRD_PARTY = re.compile(r"\b(?:another|competing|rival)\s+(?:reseller|partner|company|firm|distributor|provider|msp|csp)\b|\bcompetitors?\b|\brivals?\b|"
                          r"\bother\s+(?:reseller|partner|company|msp)s?\s+(?:in|near|across)\b", re.I)
_THEIR_FIGURE = re.compile(r"\bthey\s+(?:actually\s+|really\s+|just\s+)?(?:earned|got|received|made|were\s+paid|took\s+home|pocketed|collected|"
                           r"pulled\s+in|brought\s+in|raked\s+in|took\s+in)\b|"
                           r"\b(?:did|do|does)\s+they\s+(?:actually\s+|really\s+)?(?:earn|get|receive|make|collect)\b|"
                           r"\btheir\s+(?:ttm\s+|total\s+)?(?:rebates?|co-?op|incentives?|payouts?|revenue|earnings|billing)\b", re.I)
_COMPANY_IT = re.compile(r"\b(?!Microsoft\b)[A-Z][\w&.-]+\s+IT\b")
# "how much incentive they pulled in", "how much Contoso Cloud Partners Ltd earned in CSP rebates"
_HOW_MUCH_THEY = re.compile(r"\bhow\s+much\s+(?:(?:\w+\s+){0,3}?(?:incentives?|rebates?|co-?op|money|payouts?|revenue|earnings)\s+)?"
                            r"(?:did\s+|do\s+|does\s+|has\s+)?(?:they|(?-i:[A-Z][\w&.-]*)(?:\s+(?-i:[A-Z][\w&.-]*)){0,4})\s+"
                            r"(?:actually\s+|really\s+)?(?:earn|earned|got|get|receive|received|made|make|pulled\s+in|"
                            r"brought\s+in|raked\s+in|took\s+in|pocketed)\b", re.I)
_AMOUNT_GIVEN = re.compile(r"[$€£]\s?\d|\d\s?(?:k|m)\b|\d{1,3}(?:[,.]\d{3})+|\b\d{4,}\b(?!\s*(?:-|–)?\s*(?:19|20)?\d\d\b)", re.I)
_WE_ARE = re.compile(r"\b(?:we\s+are|we're|i\s+work\s+(?:at|for)|here\s+at|our\s+company|on\s+behalf\s+of)\b", re.I)
_EARNED_THEN = re.compile(r"(?<!\bwe\s)(?<!\bi\s)\b(?:did|got|received|earned|made|pocketed|took)\b(?!\s+(?:we|us|i)\b)", re.I)
_WEAK_OF_OTHERS = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in LEXICON["private_figures_of_others"]) + r")(?![\w'-])", re.I)
_OTHERS = re.compile(r"\bother\s+(?:partners?|resellers?|companies)|\bone\s+of\s+(?:our|my|the|their)\s+(?:resellers|partners|sub-?resellers)\b|\banother\s+(?:partner|reseller|company)|\b(?:partners|resellers|competitors)'(?!\s+(?:meeting|meetings|board|call|decision|approval|sign-?off|retreat|review|offsite))"
                     # ("the partners' meeting set a goal": the firm's own partners, not others')
                     r"|\bcompetitors?\b|\brivals?\b|\b(?:list|all)\s+(?:of\s+)?(?:the\s+)?(?:csp\s+|microsoft\s+|indirect\s+|other\s+)?(?:partners|resellers|companies)\b"
                     r"|\bthe\s+(?:partners|resellers|companies)\s+(?:in|on|that|who|which|with|from)\b"
                     # "the partner with MPN ID 4412087": one partner picked out by its ID
                     r"|\b(?:the|a|that)\s+(?:partner|reseller|company|provider|distributor)\s+with\s+(?:the\s+)?(?:mpn|partner)\s+id\b"
                     # "… on file for partner MPN ID 4412907": one partner picked out by its ID
                     r"|\b(?:for|of|on)\s+(?:the\s+|a\s+)?(?:partner|reseller|company|provider|distributor)\s+(?:with\s+)?(?:the\s+)?"
                     r"(?:mpn|partner)\s+id\b"
                     r"|\btheir\s+(?:ttm\s+|total\s+|own\s+)?(?:mpn|partner\s+ids?|accounts?|payouts?|revenue|earnings|incentives?|rebates?|co-?op)"
                     # "the Level 1 Contributor's company", "the company of the forum's moderator": a poster's business
                     r"|\b(?:contributor|moderator|poster|author|member|visitor|manager|advocate|expert)(?:'s|’s)\s+"
                     r"(?:company|firm|business|organi[sz]ation|employer)"
                     r"|\b(?:company|firm|business|organi[sz]ation|employer)\s+of\s+(?:the|that|this)\s+(?:[\w'’-]+\s+){0,3}?"
                     r"(?:contributor|moderator|poster|author|member|visitor|manager)\b"
                     # "how much rebate did they get?": someone else as the one who earned
                     r"|\b(?:did|do|does)\s+they\s+(?:get|earn|receive|make|take\s+home|pocket)\b(?!\s+(?:back|in\b|into|out|re-?))", re.I)
# A named company as the one that earned: "What did Contoso Partners earn?", "how much did Northwind make".
_NAMED_SUBJECT = re.compile(r"\b(?:did|does|do|has|have|will|would)\s+(?!We\b|I\b|You\b|Microsoft\b)(?![A-Z]\s|[A-Z]\d?\s)(?:[A-Z][\w&.-]*\s+){1,3}$")
_NAMED = re.compile(
    r"\b(?!Microsoft|Partner|Office|Azure|Dynamics|What|Where|Who|How|Which|Can|Our|My|The|This|That|Give|List|Show|Tell|Let|It|Here|There|"
    r"Everything|Everyone|Everybody|Nothing|Nobody|Something|Someone|Anything|Anyone|Today|Now|"
    # "December's invoices": a month or a day owns nothing
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|Tomorrow|Last|Next|"
    # a forum badge is a role, not a company ("the Level 1 Contributor's company")
    r"Contributor|Manager|Visitor|Moderator|Member|Poster|Author|Employee|Advocate|Expert)"
    r"[A-Z][a-z]+(?:'s|’s|s')(?!\s+(?:program|incentive|partner\s+(?:network|center)))"
    # ("Enrolment: CSP Indirect Reseller\nCompetency: Gold": a name does not run onto the next line)
    r"|\b(?:[Pp]artner|[Rr]eseller|[Pp]rovider|[Cc]ompany|[Cc]ustomer|[Cc]lient|[Dd]istributor)[ \t]+"
    r"(?!Center|Centre|Network|Portal|Incentive|Program|Support|Admin|Office|Azure|Dynamics|Microsoft|Teams|Windows|"
    # ("customer A", "deal B": a letter labels an option compared, it names nobody)
    # ("our partner ID", "the partner MPN": an identifier, not a company's name)
    r"Exchange|SharePoint|Copilot|Power|Intune|Agreement|Authori[sz]ation|[MOD]365|IDs?\b|MPN\b|PGA\b|Account\b|Development\b)(?:(?![A-D]\b)[A-Z][\w&-]*|x|y|z)\b")
_OTHER_RX = re.compile(
    r"\bpartners'|\bcustomers'|\bclients'|\bresellers'|\bother\s+(?:partners?|resellers?|companies|customers?|people)|"
    r"\banother\s+(?:partner|reseller|company|customer)|\b(?:their|his|her)\b|\ball\s+(?:the\s+)?(?:partners?|resellers?|customers?|users?|employees?)|"
    r"\beveryone'?s?\b|\b(?:contoso|fabrikam|northwind|adventure\s+works|tailspin)\b|\bwho\s+(?:is|are)\b|\bof\s+(?:the\s+)?(?:employee|user|person|people)|"
    r"\b(?:employee|user|person|guy|lady|manager|rep)\s+(?:named|called)\b|"
    r"\bof\s+(?:the|that|this)\s+(?:\w+\s+){0,2}(?:manager|moderator|contributor|poster|visitor|author|person|"
    r"employee|user|rep|member|guy|lady)s?\b|\bthe\s+(?:partners?|resellers?)\s+(?:in|on|that|who|with)", re.I)
_PROGRAM = re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    LEXICON["program_names"], key=len, reverse=True)) + r")(?![\w'-])", re.I)
_SENS_RX = re.compile(_SENSITIVE, re.I)
# "how much did Microsoft pay out in total across all CSP partners?": every partner's figures summed, no rule
_ACROSS_ALL = re.compile(r"\b(?:across|for|among|to)\s+all\s+(?:(?:the|csp|microsoft|indirect|other)\s+)*(?:partners|resellers|providers|"
                         r"companies)\b", re.I)
_THEIR_BEFORE = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,2}$", re.I)
# ("pasting our export": the partner's own file, a noun, is no lookup)
_OTHER_RX_I = re.compile(r"\b(?<!our\s)(?<!my\s)(?<!the\s)(?<!this\s)(?<!an\s)(?<!a\s)(?:list|dump|export|give\s+me\s+all|show\s+me\s+all|look\s*up|find|get\s+me|pull(?:\s+up)?|fetch|retrieve|"
                         r"bring\s+up|dig\s+up)\b", re.I)
_OWN = re.compile(r"\b(?:how\s+(?:do|can|should)\s+(?:i|we)|where\s+(?:do|can)\s+(?:i|we)|(?:update|change|enter|add|set\s*up|submit|complete|fill)\s+(?:our|my)\b)", re.I)


_STATED_OWN = re.compile(r"(?:\s+(?:and|&|/|\+)\s+\w+)?(?:\s+(?:profiles?|details|info(?:rmation)?))?"
                         r"(?:\s+(?:in|on|within|inside)\s+(?:the\s+)?(?:piexp|partner\s+center|the\s+tool|[\w-]+\s+tool))?\s+(?:is|are|were|was|all)?\s*"
                         r"(?:already\s+|both\s+|fully\s+)?(?:complete|completed|done|entered|set\s*up|submitted|"
                         r"in\s+place|filled|verified|fine|ok|sorted|ready|up\s+to\s+date|on\s+file|provided|updated|missing|pending|"
                         r"incomplete|not\s+done|uploaded|approved|in|added|there)\b", re.I)


_FOR_US = re.compile(r"\s+(?:us|me)\b", re.I)
# "did H2 earn", "did Q3 make": a period of the partner's own, not a company.
_PERIOD_NAMED = re.compile(r"(?:[QH][1-4]|FY\s?\d{2,4}|CY\s?\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\b")


def _named_subject(before: str) -> bool:
    """A company, not a product, named as the one that earned."""
    from .products import parse_products, parse_unknown_products

    m = _NAMED_SUBJECT.search(before)
    if not m:
        return False
    name = m.group(0).split(None, 1)[1]  # the words after the verb
    if not _PROGRAM.sub("", name).strip():
        return False  # "do CSP incentives…": the program's name, not a company
    if _PERIOD_NAMED.match(name):
        return False  # "did H2 earn": a period of the partner's own, not a company
    return not parse_products(m.group(0)) and not parse_unknown_products(m.group(0))


def _window(text: str, start: int, end: int, span: int = 60) -> str:
    """The words around a match, cut at word edges: a name cut short ("Distributor Agre…") is no name."""
    lo, hi = max(0, start - span), min(len(text), end + span)
    while lo > 0 and text[lo - 1].isalnum():
        lo -= 1
    while hi < len(text) and text[hi].isalnum():
        hi += 1
    return text[lo:hi]


# A calculation told which rate to apply: "calculate it at 12%", "recalculate using 8%", "treat Azure at 12%".
def detect_flags(text: str) -> set[str]:
    """{"injection", "personal_data", "advice"} as they apply to the message."""
    flags: set[str] = set()
    if asks_advice(text):
        flags.add("advice")  # legal or tax advice: no program document answers it
    if instructs_rules(text):
        flags.add("injection")
    for m in _SENS_RX.finditer(text):
        if _STATED_OWN.match(text, m.end()):
            continue  # "bank and tax profiles are complete": a fact about the partner, not a request for data
        if re.search(r"\b(?:our|my)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}$|\b(?:we|i)\s+(?:[\w'’-]+\s+){1,3}$",
                     text[max(0, m.start() - 30):m.start()], re.I):
            continue  # "using our own admin credentials", "we haven't entered bank details": the partner's own
        if re.search(r"\b(?:we|i|where|once|after)\b[^.?!]{0,40}\b(?:put|puts|enter|enters|submit|submits|add|adds|fill|fills|update|"
                     r"updates|upload|uploads|provide|provides|send|complete|completes)\b[^.?!]{0,25}$",
                     text[max(0, m.start() - 70):m.start()], re.I):
            # "where do we have to put the tax + bank details?", "the tool where they put in their bank details":
            # where the data is entered, not the data itself asked for
            continue
        if re.match(r"\s+(?:that\s+|which\s+)?(?:we|i|you)\s+(?:use|have|hold|own|sign\s+in\s+with|log\s+in\s+with)\b", text[m.end():], re.I):
            continue  # "the credentials we use there", "the admin login you use": the asker's own (a generic "you")
        window = _window(text, m.start(), m.end())
        if _NAMED.search(window) or _OTHER_RX.search(window) or (_OTHER_RX_I.search(text) and not re.search(r"\b(?:our|my)\b", window, re.I)):
            if not _OWN.search(text):
                flags.add("personal_data")
                break
    if "personal_data" not in flags and any((_OTHERS.search(w) or _NAMED.search(w) or
                                             ((_COMPANY.search(w) or _COMPANY_WORD.search(w)) and not _WE_ARE.search(text)))
                                            and _EARNED_THEN.search(w) for w in (
            _window(text, m.start(), m.end()) for m in _WEAK_OF_OTHERS.finditer(text))):
        # "Contoso is our competitor: what incentive did they get?" ("what do other partners get on Azure?" asks the rate)
        flags.add("personal_data")
    if "personal_data" not in flags and _THIRD_PARTY.search(text) and _THEIR_FIGURE.search(text) and not _WE_ARE.search(text):
        # "There's another reseller in our city, Brightline IT. How much rebate and co-op did they earn?"
        flags.add("personal_data")
    if "personal_data" not in flags and (_COMPANY.search(text) or _COMPANY_WORD.search(text) or _COMPANY_IT.search(text)) \
            and _HOW_MUCH_THEY.search(text) and not _WE_ARE.search(text) and not _AMOUNT_GIVEN.search(text):
        # "Northwind IT buys through our distributor … how much incentive they pulled in last half?": a named company's
        # own figure, with nothing given to work it out from
        flags.add("personal_data")
    if "personal_data" not in flags:
        for m in _WEAK.finditer(text):
            own = re.search(r"\b(?:our|my|we)\b[^.,;]{0,30}$", text[max(0, m.start() - 34):m.start()], re.I)
            # ("our region" beside "another partner" owns nothing of the figure)
            if own and not _OTHERS.search(text, max(0, m.start() - 80), m.end()):
                continue  # "our TTM revenue is ...": the partner's own figure ("our competitor" is not)
            if _FOR_US.match(text, m.end()):
                continue  # "which deal earns us more": what the partner itself earns
            if _HELD.search(text, max(0, m.start() - 30), m.start()):
                continue  # "they have an active MPN ID": a fact stated for the check, not an ID asked for
            if _GIVEN.match(text, m.end()):
                continue  # "their TTM revenue is about $60k": a figure given for the check, not one asked for
            window = _window(text, m.start(), m.end())
            if _OTHER_RX_I.search(text) and _THEIR_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                flags.add("personal_data")  # "can you look up their TTM revenue and their last payout?": a lookup of another's
                break
            generic = _GENERIC_OWNER.search(text[max(0, m.start() - 120):m.start()])
            if generic and _NAME_IS.search(text[max(0, m.start() - 120):m.start()][:generic.start()]):
                generic = None  # "Contoso Cloud is a reseller in our region": that one is named
            # ("I work at a distributor. Can you list the TTM revenue of the other resellers…": others' figures looked up)
            if generic and not _NAMED.search(window) and not _ACROSS_ALL.search(text) \
                    and not (_OTHERS.search(window) and _OTHER_RX_I.search(text)) \
                    and not _COMPANY_WORD.search(text, max(0, m.start() - 120), m.start()):  # ("… Contoso Cloud Partners earn")
                continue  # "what happens to an indirect provider's incentives if their MPN lapses?": any partner, a rule
            if _NAMED.search(window) or _OTHERS.search(window) or _named_subject(text[max(0, m.start() - 50):m.start()]):
                if _billing_given_for(text, window) or (_billing_stated(text) and not _OTHER_RX_I.search(text)):
                    # ("one of them had Azure billed: 120,000 USD … how far short is their co-op?": worked out from it)
                    continue  # "Fabrikam billed $40k of Azure … what does their incentive come to?": worked out from what is given
                flags.add("personal_data")
                break
    return flags


_POSSESSOR = re.compile(r"\b([A-Z][a-z]+)(?:'s|’s)")


def _billing_stated(text: str) -> bool:
    """The message states billing of a product, the figures a calculation works from."""
    from .products import parse_products

    return any(_AMOUNT_GIVEN.search(text, p.end, p.end + 40) or _AMOUNT_GIVEN.search(text, max(0, p.start - 25), p.start)
               for p in parse_products(text))


def _billing_given_for(text: str, window: str) -> bool:
    """The company whose figure is asked has its billing stated in the message: a calculation, not a lookup."""
    for name in {m.group(1) for m in _POSSESSOR.finditer(window)}:
        if re.search(rf"\b{re.escape(name)}\b(?!['’])[^.?!\n]{{0,25}}?\b(?:billed|bills|invoiced|sold|had|did|billing|:)\s[^.?!\n]{{0,20}}?\d",
                     text):
            return True
    return False


def translated_flags(english: str) -> set[str]:
    """Flags read from the English form of a message written in another language: an instruction to bend
    the rules, or another company's figures asked for by name. Words left untranslated hide whose a figure
    is ("con MPN ID activo"), so nothing weaker is read from it."""
    return {f for f in detect_flags(english) if f in ("injection", "advice") or (f == "personal_data" and _OTHERS.search(english))}


_NAME_IS = re.compile(r"(?<![.!?]\s)\b(?!(?:We|I|It|This|That|There|Our|My)\b)[A-Z][\w&-]+(?:\s+[A-Z][\w&-]+){0,3}\.?\s+(?:is|are|was|were)\s+$")
_HELD = re.compile(r"\b(?:have|has|had|hold|holds|with)\s+(?:an?\s+|their\s+|its\s+)?(?:active|valid|current|working)\s+$", re.I)
_GIVEN = re.compile(r"(?:\s+(?:revenue|figure|number|amount))?\s*(?:is|was|are|were|of|at|:|=|-|–|stands\s+at|came\s+to|sits\s+at)\s*"
                    r"(?:about|around|roughly|approximately|approx\.?|~|just\s+over|just\s+under|over|under|above|below)?\s*(?:\$|usd\s*)?\d", re.I)
# "a partner", "any reseller", "an indirect provider's": whoever "their" then points to is any partner, not a named one
_GENERIC_OWNER = re.compile(r"(?:\b(?:a|an|any|every|each)\s+(?:[\w-]+\s+){0,2}?(?:partners?|providers?|resellers?|distributors?|companies|company|"
                            r"members?)(?:'s?|’s?)?"
                            # "where distributors onboard and where their earnings get reported": any of them, a rule
                            r"|(?<!\bother\s)(?<!\bthe\s)(?<!\bthose\s)(?<!\bthese\s)(?<!\bsome\s)(?<![\w-])"
                            r"(?:partners|providers|resellers|distributors)(?!['’]))\b(?![^.?!]*\b(?:named|called|like)\b)", re.I)
