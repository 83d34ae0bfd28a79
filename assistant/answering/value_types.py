"""The kinds of value a question may ask for, each with what asks for it and what states it: a date, a
count, an amount, a web address, a command, a currency… (see :mod:`assistant.answering.answer_types`)."""
from __future__ import annotations

import re

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|" \
               r"forty|fifty|sixty|hundred|thousand|twenty-five|dozen)"
QTY = rf"(?:\d[\d,.]*|{_NUMBER_WORD})"

# (each in its -ing form too: "is Microsoft raising the threshold?")
_CHANGE = r"(?:rais|lower|increas|decreas|cut|reduc|chang|updat|drop|remov|scrap|discontinu|replac|introduc|extend|adjust|revis|" \
          r"push|hik|bump|lift|tighten|loosen|relax|mov)(?:e|es|ed|ing|s|ping|ting)?"
_RULE = r"(?:thresholds?|rates?|fees?|requirements?|split|programs?|incentives?|percentages?|minimum|rules?)"
_ASKS_CHANGE = re.compile(
    rf"\b(?:microsoft|ms|they|the\s+program)\s+(?:will|is\s+going\s+to|plans?\s+to|might|may|intends?\s+to)\s+"
    rf"(?:\w+\s+){{0,2}}?{_CHANGE}\b|"
    rf"\b(?:will|would|is|are)\s+(?:microsoft|ms|they|the\s+program|partner\s+center)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:(?:going|planning|expected)\s+to\s+|plan\s+to\s+)?{_CHANGE}\b"
    rf"|\bplans?\s+to\s+{_CHANGE}\b|\bwill\s+the\s+(?:[\w-]+\s+){{0,3}}{_RULE}\s+(?:\w+\s+)?"
    rf"(?:change|rise|go\s+(?:up|down)|increase|decrease|drop|be\s+(?:raised|lowered|increased|cut|reduced|changed))\b", re.I)
_STATES_CHANGE = re.compile(r"\b(?:is|are|was|were)\s+(?:\w+\s+){0,2}?(?:expected|planned|scheduled|due|set)\s+to\b"
                            r"|\bwill\s+(?:be\s+)?(?:rais|lower|increas|decreas|cut|reduc|chang|updat|rise|drop|introduc|replac)\w*"
                            r"|\bplans?\s+to\b|\bstarting\s+(?:next|in\s+FY)", re.I)

_COUNTED_AFTER_MUCH = (r"\s+(?:new\s+|more\s+|certified\s+|[\w-]+\s+){0,3}?(?:customers|clients|employees|people|staff|engineers|"
                       r"persons|seats|licen[cs]es|users|exams|partners)\b")

#: Value types: (what asks for it, what states it). Order matters: the first match names the type.
VALUE_TYPES: list[tuple[str, re.Pattern, re.Pattern]] = [
    # ("on my phone", "sent from my phone": where the asker types, not a number asked for)
    # ("(sorry on phone)", "typing on phone": where the asker types, not a number asked for)
    ("phone", re.compile(r"(?<!\bon my )(?<!\bfrom my )(?<!\bon the )(?<!\bon )(?<!\bfrom )(?<!\bvia )\b(phone|telephone|fax|call (?:them|microsoft|support)|hotline)\b(?!\s+(?:so|sorry|excuse|typing))", re.I),
     re.compile(r"\+?\d[\d\s().-]{7,}\d")),
    # the address asked for, not e-mail as a channel ("do we just keep refreshing email?")
    ("email", re.compile(r"\be-?mail\s+(?:address|addr|contact|alias)|\b(?:what|which|where|whose)\b[^?.]{0,30}\be-?mail\b(?!\s+(?:from|about))"
                         r"|\be-?mail\s+(?:of|for)\b|\b(?:send|write)\s+(?:an?\s+)?e-?mail\s+to\b|\baddress\s+to\s+write\b", re.I),
     re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    # "a link to the form" asks for an address; "what does PAL link to?" asks what it connects.
    # the address asked for ("what's the website for ..."), not a website as the subject ("can co-op pay for our website?")
    ("url", re.compile(r"\b(?:(?:what|which|where)(?:'s| is| are)?\s+(?:the\s+|a\s+|their\s+)?(?:\w+\s+){0,2}(?:website|web site|web page|webpage|site)|"
                       r"web address|url|(?:a|the|any|that|this)\s+(?:\w+\s+)?link\s+(?:to|for)|which site|"
                       r"(?:what|where)(?:'s|’s| is)?\s+(?:the\s+|that\s+|a\s+)?(?:\w+\s+)?link\s*(?:\?|$)|"
                       # "give me the exact link he posted": the address itself asked for
                       r"\b(?:give|send|share|paste|provide|copy|post)\w*\s+(?:me\s+|us\s+)?(?:the|that|a|his|her|their)\s+(?:\w+\s+)?link\b|"
                       r"\blink\s+(?:he|she|they|you|someone|the\s+\w+(?:\s+\w+)?)\s+(?:posted|gave|shared|sent|mentioned|pasted))", re.I),
     re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|net|org|microsoft\.com)\b", re.I)),
    # "is the rebate paid in USD or local currency?": only a sentence that names a currency answers.
    ("currency", re.compile(r"\b(?:which|what)\s+currenc(?:y|ies)\b(?!\s+(?:exchange|conversion)\s+rates?)|\bin\s+(?:usd|us\s+dollars|dollars|eur|euros?|gbp|pounds|local\s+currency)"
                            r"\s+or\s+(?:in\s+)?(?:\w+\s+){0,2}(?:usd|dollars|eur|euros?|gbp|pounds|currency)\b|\bcurrency\s+(?:is|are)\s+"
                            r"(?:\w+\s+){0,3}(?:paid|billed|paid\s+out)\b", re.I),
     re.compile(r"\b(?:usd|us\s+dollars|u\.s\.\s+dollars|eur|euros?|gbp|local\s+currency|currenc(?:y|ies))\b", re.I)),
    # "step by step in the azure portal": only a sentence that says where to click or what to open answers.
    ("portal steps", re.compile(r"(?=.*\b(?:portal|cli|powershell|console|screen|menu|dashboard|ui|interface|website|partner\s+center|"
                                r"app|tool)\b)"
                                r".*\b(?:step[\s-]by[\s-]step|walk\s+(?:me|us)\s+through|exact\s+steps|which\s+buttons?|"
                                r"where\s+(?:do\s+(?:i|we)\s+|to\s+)click|what\s+(?:do\s+(?:i|we)\s+|to\s+)click)\b", re.I | re.S),
     re.compile(r"\b(?:click|select|sign\s+in|log\s+in|go\s+to|navigate|open\s+the|menu|tab|button|enter\s+your)\b", re.I)),
    # exam names or numbers asked for ("which exact exams, like MS-100?"): stated only as codes
    ("exam codes", re.compile(r"\bwhich\s+(?:exact\s+|specific\s+|particular\s+)(?:certification\s+)?exams?\b"
                              r"|\b(?:names?|list)\s+of\s+(?:the\s+)?(?:certification\s+)?exams?\b|\bexams?\s+(?:names?|titles?)\b", re.I),
     re.compile(r"\b[A-Z]{2,3}-\d{2,3}\b")),
    # "what's the az cli command for it?": only a sentence that shows a command answers.
    ("command", re.compile(r"\b(?:what|which)(?:'s|’s| is| are)?\s+(?:the\s+|a\s+)?(?:exact\s+)?(?:[\w-]+\s+){0,2}(?:command|cmdlet|syntax|script)s?\b"
                           r"|\b(?:cli|powershell|shell|terminal)\s+(?:command|cmdlet|syntax|script)s?\b"
                           r"|\b(?:give|show|send)\s+(?:me\s+|us\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}(?:command|cmdlet|syntax|script)s?\b", re.I),
     re.compile(r"`[^`]+`|\baz\s+[a-z]+|\b(?:Get|Set|New|Add|Remove|Update)-[A-Z][A-Za-z]+\b|\s--[a-z][\w-]+")),
    # "Will Microsoft raise the threshold next year?": only a sentence announcing a change answers.
    ("future", _ASKS_CHANGE, _STATES_CHANGE),
    ("code", re.compile(r"\b(?:exam|course|certification|sku|product|offer|promo(?:tion)?|program)\s+(?:codes?|numbers?)\b"
                        r"|\bcodes?\s+(?:of|for)\s+(?:the\s+)?(?:exams?|courses?|certifications?)\b", re.I),
     re.compile(r"\b[A-Z]{2,3}-\d{2,3}\b|\b\d{2}-\d{3}\b|\bcode\s+[A-Z0-9][A-Z0-9-]{2,}\b")),
    ("exchange rate", re.compile(r"\b(?:exchange|conversion|currency|fx|forex)\s+rates?\b|\bconver(?:sion|ted|t)\s+(?:\w+\s+){0,3}"
                                 r"(?:into|to|from)\s+(?:\w+\s+)?(?:euros?|eur|usd|dollars?|pounds?|gbp|yen|local\s+currency)\b", re.I),
     re.compile(r"\b(?:exchange|conversion)\s+rates?\b|\b1\s?(?:USD|EUR|GBP)\s?=|\bconverted\s+at\b", re.I)),
    # A person's or a company's name is answered only by a sentence that names one.
    ("name", re.compile(r"\b(?:address\w*|greet\w*|call\w*)\s+(?:\w+\s+)?by\s+(?:their\s+|his\s+|her\s+)?name\b|\bwho\b[^?]{0,60}\bby\s+name\b|\b(?:what(?:'s|’s|s| is| was))\s+(?:(?:their|his|her)\s+(?:first\s+|full\s+|last\s+)?|(?:the|that)\s+)name\b(?!\s+(?:of|for)\b)"
                        r"|\bname\s+of\s+(?:the|that|this)\s+(?:[\w-]+\s+){0,2}?(?:person|poster|manager|contact|moderator|user|author|member|employee|"
                        r"rep(?:resentative)?|guy|lady|woman|man)\b", re.I),
     re.compile(r"\b(?:Hi|Hello|Dear|Hey)\s+[A-Z][a-z]+|\b(?:Mr|Ms|Mrs|Dr)\.?\s+[A-Z][a-z]+"
                r"|\b[A-Z][a-z]+\s+[A-Z][a-z]+\s+(?:said|wrote|replied|asked|posted|answered)\b")),
    ("organisation", re.compile(r"\b(?:work|works|worked|working)\s+for\s*(?:\?|$)|\b(?:from|at|with)\s+which\s+(?:company|firm)\b"
                                r"|\bname\s+of\s+(?:their|his|her|that)\s+(?:company|firm|employer)\b"
                                r"|\bwhich\s+(?:company|firm|employer)\s+(?:is|was|are|were)\s+(?:he|she|they|the\s+\w+(?:\s+\w+)?)\s+(?:from|with|at)\b", re.I),
     re.compile(r"\b[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+)*\s+(?:Inc|Ltd|LLC|GmbH|Corp|Corporation|Limited|"
                r"Group|Solutions|Technologies|Systems|AG|SA|BV|Pty)\b\.?")),
    # "Which competency area lines up with Azure?": the category a product falls in, answered only by a sentence that
    # names the product beside what covers it ("Azure falls under Cloud Platform…", "…, covering Azure")
    ("category", re.compile(r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:competenc(?:y|ies)|competency\s+areas?|solution\s+areas?|"
                            r"areas?|categor(?:y|ies))\b[^?]{0,40}?\b(?:fits?|match(?:es)?|corresponds?\s+to|lines?\s+up\s+with|"
                            r"goes\s+with|suits?|is\s+for|are\s+for|belongs?\s+to|falls?\s+under|aligns?\s+with|relates?\s+to|"
                            r"(?:does|do|is)\s+[\w\s]{2,30}?\s+(?:fall\s+under|belong\s+to|go\s+under|sit\s+under|count\s+under))\b", re.I),
     re.compile(r"\b(?:falls?\s+under|covering|covers?|targets?|centres?\s+on|centers?\s+on|focus(?:es)?\s+on|aimed\s+at)\b", re.I)),
    # "Which products count as Strategic Software?": the members of a category, answered only by a
    # sentence that names them ("such as…", "including…", a list after a colon).
    ("members", re.compile(r"\bwhich\s+(?:specific\s+|exact\s+|particular\s+)?(?:products|skus|offers|services|titles|"
                           r"licen[cs]es|subscriptions|software|apps|applications)\s+(?:count|qualify|are\s+(?:included|counted|"
                           r"covered|classed|classified|considered|part)|fall\s+under|belong|make\s+up)\b", re.I),
     re.compile(r"\b(?:such\s+as|including|includes?|e\.g\.|for\s+example|namely|for\s+instance|consists?\s+of)\b|:", re.I)),
    # "List all 11 competencies": a count of them given, so only a sentence that lists rather than gives
    # examples ("for example Cloud Platform…") answers.
    ("complete list", re.compile(r"\b(?:full|complete|whole|entire)\s+list\s+of\s+(?:all\s+)?(?:the\s+)?(?:\d{1,3}|two|three|four|five|six|"
                                 r"seven|eight|nine|ten|eleven|twelve)\s+[a-z]|"
                                 r"\b(?:list|name|give\s+(?:me\s+|us\s+)?|what\s+are|which\s+are|enumerate|show\s+(?:me\s+|us\s+)?)"
                                 r"\s*(?:the\s+)?(?:(?:full|complete|whole|entire)\s+)?(?:list\s+of\s+)?"
                                 r"(?:all|every|each\s+of)\s+(?:of\s+)?(?:the\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|"
                                 r"nine|ten|eleven|twelve)(?:\s+[a-z]|\s*[?.!]|\s*$)", re.I),
     re.compile(r"^(?!.*\b(?:for\s+example|for\s+instance|such\s+as|e\.g\.|including|among\s+others|etc|examples?)\b)(?=.*[:,;])",
                re.I | re.S)),
    # "Which form do we fill in for a co-op claim?": only a sentence naming a form or its paperwork answers.
    ("form", re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:form|forms|template|templates|paperwork)\b(?=[^?]{0,60}\b(?:fill|submit|"
                        r"complete|file|send|upload|download|claim|use)\w*)|\bwhat\s+(?:documents|documentation|"
                        r"proof|evidence|receipts)\s+(?:\w+\s+){0,3}(?:needed|required|ask|asks|need|submit)", re.I),
     re.compile(r"\b(?:form|template|paperwork|proof\s+of\s+(?:execution|performance)|receipts?|invoices?\s+as\s+proof)\b", re.I)),
    # "What percentage of partners reach the threshold?": a statistic about partners, stated only as one.
    ("statistic", re.compile(r"\b(?:what|which)\s+(?:percentage|percent|share|proportion|fraction|portion)\s+of\s+(?:all\s+|the\s+)?"
                             r"(?:partners|resellers|providers|distributors|companies|members)\b", re.I),
     re.compile(r"\d[\d.,]*\s?(?:%|percent)\s+of\s+(?:all\s+|the\s+)?(?:partners|resellers|providers|distributors|companies)", re.I)),
    # "On which day of the month…" asks for a recurring day: a calendar date with its year does not answer it.
    ("day", re.compile(r"\b(?:which|what)\s+day\b|\bday\s+of\s+(?:the\s+|each\s+)?(?:month|week)\b", re.I),
     re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?" + MONTH + r"\s+\d{4})|\b(?:monday|tuesday|wednesday|thursday|"
                r"friday|saturday|sunday)s?\b|\b(?:first|last|final)\s+(?:business\s+|working\s+|calendar\s+)?days?\s+of\b", re.I)),
    ("month", re.compile(r"\b(?:(which|what) (?:calendar )?months?|calendar months?|(?:start|begin|end|run)s? in "
                         rf"{MONTH}\s+or\s+(?:in\s+)?{MONTH})\b", re.I), re.compile(rf"\b{MONTH}\b")),
    # "When did/was/will…" asks for a date; "when can I…", "when is it worth…" ask for a condition.
    ("date", re.compile(r"\b(since when|what date|which date|calendar date|(?:what|which)(?:'s|’s|\s+is|\s+was)?\s+(?:the\s+)?(?:exact|precise|expected|actual|payment|payout)\s+date|end date|start date|(?:what|which)(?:\s+(?:fiscal|financial|calendar))?\s+year(?:'s)?|deadline|"
                        r"(?:last|final|latest)\s+(?:possible\s+)?(?:day|date)|cut-?off(?:\s+date)?|due\s+date|"
                        r"when (?:did|was|were|will|does|do|has|had)|^when\b(?! (?:can|could|should|would|is|are|"
                        r"might|must)\b))(?![^?]{0,80}?,\s*(?:what|which|how|who|where|why|whom)\b)", re.I),
     re.compile(rf"\b\d{{1,2}} {MONTH}\b|\b{MONTH} \d{{1,2}}\b|\b{MONTH} \d{{4}}\b|\b(?:19|20)\d\d\b|\bFY\s?\d\d\b"
                r"|\b\d{4}-\d\d-\d\d\b")),
    ("duration", re.compile(r"\bhow (?:long|soon|quickly|fast|many (?:more |extra |additional )?(?:days|weeks|months|years))\b|\bhow much time\b|\bwithin how\b", re.I),
     re.compile(rf"\b{QTY}[- ](?:days?|weeks?|months?|years?)\b|\b(?:annual|yearly|monthly|quarterly)\b", re.I)),
    ("percentage", re.compile(r"\b(what|which) (?:\w+ ){0,2}(?:percentage|percent|share|split|proportion)\b|\bwhat\s*%"
                              r"|\bwhat (?:\w+ ){0,3}rates?\b|\bhow much (?:of|do|does) .{0,40}\b(?:earn|pay|get)\b"
                              # "how much percent incentive…", "how many percent": a share asked with "how much"
                              r"|\bhow\s+(?:much|many)\s+(?:percent|percentage|per\s*cent|%)", re.I),
     re.compile(r"\d\s?%|\bpercent\b|\b\d+/\d+\b", re.I)),
    ("amount", re.compile(r"\bhow (?:much|large|big|high)\b(?!" + _COUNTED_AFTER_MUCH + r")|\bdollar (?:amount|figure|value)\b|"
                          # "the exact dollar revenue requirement": a requirement in money is an amount
                          r"\bdollar\s+(?:[\w-]+\s+)?(?:requirement|threshold|minimum|target|bar)s?\b|"
                          r"\b(?:revenue|money|incentive|payout|rebate|co-?op|fee|cost)\s+(?:figure|sum)\b|\bin dollars\b|\bhow many dollars\b|\bwhat(?:'s|’s| is)? (?:[\w-]+ ){0,4}(?:amount|threshold|minimum|maximum|fee|cost|price|penalty|fine|cap|limit)s?\b"
                          # "what's the minimum number of new customers": a count, not an amount
                          r"(?!\s+(?:number|count|no\.)\s+of)"
                          r"|\b(?:minimum|maximum) (?:\w+ ){0,3}(?:revenue|spend|amount)\b"
                          r"|\b(?:revenue|dollar|money|sales|spend)\s+(?:number|figure|amount|value)\b"
                          r"|\b(?:is|are)\s+there\s+(?:a|any)\s+(?:minimum|maximum|cap|ceiling|limit)\b(?!\s+(?:number|count)\b)", re.I),
     re.compile(r"\$\s?\d|\d\s?(?:USD|dollars)\b|\d\s?%", re.I)),
    # "what usage stats does the guide quote for Teams?": how many people use a product, stated as a number of users
    ("user numbers", re.compile(r"\b(?:usage|adoption|user|users)\s+(?:stats?|statistics|numbers?|figures?|counts?|base|metrics|data)\b|"
                                r"\b(?:stats?|statistics|metrics)\b[^?.]{0,50}?\b(?:users?|usage|adoption)\b|"
                                r"\bhow\s+many\s+(?:\w+\s+)?(?:active\s+)?users\b|"
                                r"\bhow\s+many\s+(?:people|companies|businesses|organi[sz]ations)\s+(?:\w+\s+)?use\b", re.I),
     re.compile(rf"\b{QTY}\s*(?:million|billion|m|bn)?\s+(?:[\w-]+\s+){{0,2}}users\b", re.I)),
    # "is there a minimum number of seats …?": a quantity whose existence is asked is stated as one, or not at all
    # ("how much new customers", as "hoeveel" or "wie viele" reads in English: people counted, not an amount)
    ("count", re.compile(r"\bhow many\b|\bhow\s+much" + _COUNTED_AFTER_MUCH + r"|\bwhat (?:number|count) of\b|\b(?:is|are)\s+there\s+(?:a|any)\s+(?:minimum|maximum|max|min)\s+"
                         r"(?:number|count)\b", re.I), re.compile(rf"\b{QTY}\b", re.I)),
]

#: How an abstention names each value type ("The documents do not state a date for this").
VALUE_NAMES = {"url": "a web address", "date": "a date", "month": "the months", "duration": "that length of time",
               "percentage": "that percentage", "amount": "that amount", "count": "that number", "phone": "a phone number",
               "email": "an email address", "day": "the day", "code": "those codes", "exchange rate": "an exchange rate",
               "future": "any planned change",
               "name": "that name", "organisation": "which company it is", "members": "which ones they are",
               "complete list": "the whole list", "form": "a form or the paperwork", "statistic": "that statistic",
               "user numbers": "how many people use it",
               "command": "a command", "currency": "which currency", "portal steps": "the steps in the portal or tool",
               "exam codes": "which exams they are", "category": "which one it falls under"}
