"""Counts a partner states: new Office 365 customers and certified employees, with totals, additions,
listed periods, a twelve-month window and people who left."""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON

from .money import words_to_int


def _phrases(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_CNT = r"(?<![\w$])(?P<n>(?:a|one|two|three|four)\s+dozen|\d{1,4}|(?:(?:twenty|thirty|forty|fifty)[\s-]?)?(?:one|two|three|four|five|six|seven|eight|nine)|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|zero|no)"
_NEW_CUST = re.compile(_CNT + r"\s+(?:(?:brand[\s-]*)?new\s+)?(?:net[\s-]new\s+)?(?:o365|office\s*365|m365|microsoft\s*365|cloud\s+)?\s*(?:new\s+)?(?:customers?|clients?|custs?|customer\s+adds|tenants?|"
                       # as partners writing in Spanish, Portuguese, French or German count them
                       r"clientes\s+(?:nuevos|novos)|nuevos\s+clientes|novos\s+clientes|nouveaux\s+clients|"
                       r"neue[n]?\s+(?:(?:office|microsoft)[\s-]*365[\s-]*|o365[\s-]*|m365[\s-]*)?kunden|neukunden)\b", re.I)
# "added 12 this year" counts customers only when customers are named right after (not "add 20% growth").
_NEW_CUST_B = re.compile(r"(?:added|add|signed|won|onboarded|brought\s+on)\s+" + _CNT + r"\b(?!\s*(?:%|percent|k\b|\$))"
                         r"(?!\s+(?:more|additional|extra|further)\b)"
                         r"(?=(?:\s+\S+){0,4}?\s+(?:new\s+)?(?:customers?|clients?|logos?|accounts?|tenants?)\b)", re.I)
_ADDED_IN_WINDOW = re.compile(r"\b(?:added|signed|won|onboarded|brought\s+on|landed|got)\s+" + _CNT +
                              r"\s+(?:so\s+far\s+)?(?:in|over|during|within)\s+the\s+(?:past|last|trailing)\s+(?:12|twelve)[\s-]+months?\b", re.I)
_CUSTOMERS_NAMED = re.compile(r"\bnew\s+(?:(?:o365|office\s*365|m365|microsoft\s*365)[\s-]+)?(?:customers?|clients?)\b", re.I)
_PERIOD_NAME = r"(?:q[1-4]|h[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
_LISTED_CUST = re.compile(r"\bnew\s+(?:o365\s+|office\s*365\s+|m365\s+|microsoft\s*365\s+|cloud\s+)?(?:customers|clients|customer\s+adds)\b[^:\n.?!$%]{0,60}:\s*(?:[-*•]\s*)?"
                          r"(?P<list>(?:" + _PERIOD_NAME + r"\s*[:=-]?\s*)?\d{1,3}(?:\s*(?:,|;|/|\band\b|\n\s*[-*•]?)\s*(?:"
                          + _PERIOD_NAME + r"\s*[:=-]?\s*)?\d{1,3}){1,11})(?![\d.,]*\s*(?:k\b|%|\$|usd|dollars))", re.I)
_ONLY_IN_WINDOW = re.compile(r"(?:\b(?:only|just)\s+" + _CNT + r"\s+(?:of\s+(?:them|those|these)\s+)?|" + _CNT.replace("?P<n>", "?P<n2>") +
                             r"\s+of\s+(?:them|those|these)\s+)(?:were\s+(?:signed\s+|won\s+|added\s+)?|came\s+|fall\s+|fell\s+|landed\s+|happened\s+|closed\s+)?"
                             r"(?:in|within|during|over|from)\s+the\s+(?:past|last)\s+(?:12|twelve)(?:\s+months\b|(?![\w%]))", re.I)
_OUTSIDE_WINDOW = re.compile(r"[^.;!?\d]{0,30}?\b(?:before\s+(?:that|then)|earlier\s+than\s+that|prior\s+to\s+that|"
                             r"(?:1[3-9]|[2-9]\d)(?:\s*(?:-|–|to)\s*\d\d)?\s+months\s+ago|over\s+a\s+year\s+ago|more\s+than\s+a\s+year\s+ago)", re.I)
_RULE_COUNT = re.compile(r"\b(?:the|those|these|required|minimum\s+of|(?:silver|gold)\s+(?:needs|requires|asks\s+for|wants|is|=)(?:\s+at\s+least)?)\s+$",
                         re.I)
_NOT_YET = re.compile(r"[^.;!?)\n]{0,40}?\b(?:next\s+(?:week|month|quarter)|hopefully|will|should\s+sign|expected|pending|in\s+the\s+pipeline|soon)\b",
                      re.I)
_GONE = re.compile(r"[^.,;!?\d]{0,40}?\b(?:left|quit|resigned|departed|retired|(?:are|is|have|has)\s+(?:since\s+)?(?:gone|left)|"
                   r"moved\s+on|no\s+longer\s+(?:with|here|work))\b", re.I)
_NO_PERIOD_NUM = re.compile(r"\b[qh][1-4]\b", re.I)
_CERT = [
    # "two sat the exams but only one passed": the restriction is the count
    re.compile(r"\b(?:only|just)\s+" + _CNT + r"\s+(?:of\s+(?:them|us|those|these|the\s+\w+)\s+)?(?:\w+\s+)?(?:actually\s+)?"
               r"(?:has\s+|have\s+)?(?:passed|got\s+certified|is\s+certified|are\s+certified)", re.I),
    re.compile(_CNT + r"[ \t]+(?:certified|accredited)\s+(?:\w+\s+)?(?:employees?|people|staff|engineers?|techs?|technicians?|consultants?|folks|team\s+members|persons?)", re.I),
    re.compile(_CNT + r"[ \t]+(?:of\s+(?:our|the|my)\s+)?(?:\w+[ \t]+)?(?:employees?|people|staff|engineers?|techs?|technicians?|consultants?|folks|team\s+members|team|persons?|person|guys)"
               r"(?:\s+(?!passed|certified)\w+){0,4}?\s+(?:have\s+|has\s+|are\s+|who\s+(?:have\s+|are\s+)?)?(?:already\s+)?(?:passed|certified|got\s+certified|hold|with\s+cert)", re.I),
    re.compile(_CNT + r"[ \t]+(?:\w+[ \t]+){0,2}(?:passed|pass)\s+the\s+(?:\w+\s+)?exams?", re.I),
    # "nobody on staff has passed", "no one at the company is certified yet": whatever stands between the
    # subject and the verb, within the clause
    re.compile(r"(?P<n>nobody|no\s*one|none\s+of\s+(?:us|them|the\s+\w+|our\s+\w+))"
               r"(?:\s+(?!passed\b|certified\b|but\b|and\b|or\b)[\w'-]+){0,5}?\s+(?:certified|passed)", re.I),
]


def _names_product(text: str, start: int) -> bool:
    """"Office 365 customers": the 365 names the product, it counts nothing."""
    return bool(re.search(r"(?:office|microsoft|dynamics|\bms|\b[odm])\s*$", text[max(0, start - 12):start], re.I))


def _count(word: str) -> int | None:
    word = word.lower().strip()
    if word.endswith("dozen"):
        return 12 * ({"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(word.split()[0]) or 1)
    if word.isdigit():
        return int(word)
    if word in ("no", "zero", "nobody", "no one", "noone") or word.startswith("none"):
        return 0
    return words_to_int(word)


_TOTAL_BEFORE = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["count_total_before"]) + r")\W*$", re.I)
_TOTAL_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s*(?<![\w'])(?:" + _phrases(LEXICON["count_total_after"]) + r")(?![\w'])", re.I)
_MORE_AFTER = re.compile(r"\s+(?:new\s+)?(?:" + _phrases(LEXICON["count_more_after"]) + r")(?![\w'])", re.I)
_MORE_BEFORE = re.compile(r"(?<![\w'])(?:" + _phrases(LEXICON["count_more_before"]) + r")\s+$", re.I)
COUNT_SUBJECTS = _SUBJECTS = {k: re.compile(r"(?<![\w'])(?:" + _phrases(v) + r")(?![\w'])", re.I) for k, v in LEXICON["count_subjects"].items()}
_GAP_AFTER = re.compile(r"\s*(?:" + _phrases(LEXICON["count_gap_after"]) + r")(?![\w'])", re.I)
_SENTENCE = re.compile(r"[.!?\n;]")


_OWNER = re.compile(_CNT + r"\s+(?:[\w-]+\s+)?$", re.I)


def _owned(text: str, word, number) -> bool:
    """"21 so far ... and 3 certified people": a count word right after another number is that number's."""
    owner = _OWNER.search(text, max(0, word.start() - 24), word.start())
    return bool(owner) and owner.start("n") != number.start("n") and not _names_product(text, owner.start("n"))


def _restated_counts(text: str) -> tuple[dict, dict]:
    """(new totals, numbers added) per count: "signed 2 more, so 5 now" -> ({customers: 5}, {customers: 2}).

    Which count a number restates is the count word nearest it in its sentence, else in the message.
    """
    totals: dict = {}
    added: dict = {}
    for m in re.finditer(_CNT, text, re.I):
        if m.group("n").lower() == "no" or _names_product(text, m.start("n")):
            continue
        before, after = text[max(0, m.start() - 30):m.start()], text[m.end():m.end() + 30]
        more = _MORE_AFTER.match(after) or _MORE_BEFORE.search(before)
        if more and more.group(0).split()[-1].lower() == "ones" and _TOTAL_BEFORE.search(before):
            more = None  # "we're at 18 new ones": the new ones counted so far, a total
        if more and _OUTSIDE_WINDOW.match(text, m.end()):
            continue  # "and 5 more before that (15 months ago)": outside the twelve months counted
        if more and _NOT_YET.match(text, m.end()):
            continue  # "(one more signs next month hopefully)": not counted until it happens
        total = not more and (_TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after))
        if not (more or total) or _GAP_AFTER.match(after) or re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
            continue  # "that's 1 short", "so 3 to go": a gap, not the count held
        lo = max((b.end() for b in _SENTENCE.finditer(text, 0, m.start())), default=0)
        nxt = _SENTENCE.search(text, m.end())
        hi = nxt.start() if nxt else len(text)
        near = [(min(abs(w.start() - m.end()), abs(m.start() - w.end())), key)
                for key, rx in _SUBJECTS.items() for w in rx.finditer(text, lo, hi) if not _owned(text, w, m)] or \
            [(min(abs(w.start() - m.end()), abs(m.start() - w.end())), key)  # "... for Gold? We're at 18."
             for key, rx in _SUBJECTS.items() for w in rx.finditer(text) if not _owned(text, w, m)]
        if not near or (n := _count(m.group("n"))) is None:
            continue
        key = min(near)[1]
        if total:
            totals[key] = n
        else:
            added.setdefault(key, []).append((n, m.start("n")))
    return totals, added


_LABEL_SEP = r"\s*(?:\([^)\n]{0,40}\)\s*)?(?:=|:|-|–)\s*(?P<n>\d{1,4})\b(?!\s*(?:k\b|%|\$|usd|,\d|\.\d))"
_LABELLED = {
    "new_o365_customers": re.compile(r"\bnew\s+(?:o365\s+|office\s*365\s+|m365\s+|microsoft\s*365\s+)?(?:customers|clients)"
                                     r"(?:\s+(?:in|over|during)\s+(?:the\s+)?(?:past|last|trailing)\s+(?:12|twelve)\s+months)?" + _LABEL_SEP, re.I),
    "certified_employees": re.compile(r"\b(?:certified\s+(?:employees|staff|people|engineers)|(?:employees|staff|people|engineers)"
                                      r"\s+(?:who\s+)?(?:have\s+)?passed[^=:\n]{0,60}?|people\s+certified)" + _LABEL_SEP, re.I),
}
# "…but 2 of those were signed 14 months ago": some of the customers counted fall outside the twelve months.
_OLDER = re.compile(_CNT + r"\s+of\s+(?:those|them|these|the\s+\w+)\s+(?:were|was|came|are)\s+(?:\w+\s+){0,3}?"
                    r"(?:(?:1[3-9]|[2-9]\d)(?:\s*(?:-|–|to)\s*\d\d)?\s+months\s+ago|over\s+a\s+year\s+ago|more\s+than\s+(?:a|one)\s+year\s+ago|"
                    r"(?:outside|before)\s+the\s+(?:12|twelve)[\s-]+month)", re.I)


# People named as having passed: "Anh and Marco both passed", "Priya, Tom and Lee are certified".
_SOME_FAILED = re.compile(_CNT + r"\s+of\s+(?:the|those|our|them|us)?\s*(?P<of>\d{1,3}|two|three|four|five|six)?\s*(?:\w+\s+){0,2}?"
                          r"(?:actually\s+|in\s+fact\s+)?(?:failed|didn['’]t\s+pass|did\s+not\s+pass|never\s+passed)", re.I)
_NAMED_PASSED = re.compile(r"(?<![\w'])(?P<names>(?-i:[A-Z][a-z]+)(?:\s*,\s*(?-i:[A-Z][a-z]+))*\s+(?:and|&)\s+(?-i:[A-Z][a-z]+))\s+"
                           r"(?:have\s+|has\s+)?(?:both\s+|all\s+|each\s+|also\s+)?(?:have\s+|has\s+)?(?:passed|cleared|"
                           r"are\s+(?:now\s+)?certified|got\s+certified|hold\s+the\s+cert)", re.I)


_ORDINALS = {"fir": 1, "1st": 1, "sec": 2, "2nd": 2, "thi": 3, "3rd": 3, "fou": 4, "4th": 4, "fif": 5, "5th": 5}
_NTH_PASSED = re.compile(r"\b(?:our|the|my|a)\s+(?P<nth>first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:[\w-]+\s+)?"
                         r"(?:employees?|person|people|engineers?|techs?|technicians?|consultants?|team\s+members?|staffers?|guys?|"
                         r"colleagues?|hires?|admins?|architects?|developers?|devs?)\s+(?:[\w']+\s+){0,4}?(?:passed|cleared|got\s+certified|"
                         # ("if a second colleague passes the exam next week": the count supposed)
                         r"is\s+(?:now\s+)?certified|certified|passes|clears|gets\s+certified|(?:will|would)\s+pass)\b", re.I)
_NOT_PEOPLE = {"Silver", "Gold", "Azure", "Office", "Microsoft", "Dynamics", "Teams", "Windows", "Partner", "Cloud", "Exchange"}


def parse_counts(text: str) -> dict:
    """new_o365_customers and certified_employees when the text states them (in a message written in another
    language, as its English form states them: "26 nuovi clienti … due nostri dipendenti hanno superato gli esami").

    A stated new total wins over any other count of the same thing; a number of more adds to the
    count the message states, or is kept as `<count>_added` for the conversation's count.
    """
    found = _parse_counts(text)
    if not found:
        from assistant.understanding.glossary import in_english

        english = in_english(text)
        found = _parse_counts(english) if english != text else found
    return found


def _parse_counts(text: str) -> dict:
    out: dict = {}
    totals, added = _restated_counts(text)
    # "besides the four new Office 365 customers": a count after "the" quotes the rule, not the partner's own
    m = next((c for c in _NEW_CUST.finditer(text) if not _RULE_COUNT.search(text, 0, c.start())), None) or _NEW_CUST_B.search(text)
    spans = {}
    window = _ONLY_IN_WINDOW.search(text)
    if window:
        # "25 over the last 18 months, but only 14 of them in the past 12 months": the window's count
        group = "n" if window.group("n") else "n2"
        out["new_o365_customers"] = _count(window.group(group))
        spans["new_o365_customers"] = window.start(group)
        m = None
    listed = _LISTED_CUST.search(text) if not window else None
    if listed:
        # "new O365 customers by quarter: Q1 9, Q2 6, Q3 5, Q4 6": the listed periods add up
        out["new_o365_customers"] = sum(int(n) for n in re.findall(r"(?<![\w.])\d{1,3}(?![\w.])", _NO_PERIOD_NUM.sub(" ", listed.group("list"))))
        spans["new_o365_customers"] = listed.start("list")
        m = None
    if m and _names_product(text, m.start("n")):
        m = None
    if not m and not window and not listed and (bare := _ADDED_IN_WINDOW.search(text)) and _CUSTOMERS_NAMED.search(text):
        # "how many more new Office 365 customers for Silver? We've added 2 in the past twelve months": the
        # customers named in the question are what was added
        m = bare
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
    fewer = _SOME_FAILED.search(text)
    if fewer and fewer.group("of") and (n := _count(fewer.group("n"))) is not None and \
            (of := _count(fewer.group("of"))) is not None and n <= of:
        # "one of the two actually failed the exam": the rest passed
        out["certified_employees"] = of - n
        spans["certified_employees"] = fewer.start("n")
    for key, rx in _LABELLED.items():
        # "new O365 customers in the past 12 months = 25", "Certified employees: 2": a checklist's label and value
        lab = rx.search(text)
        if key not in out and lab:
            out[key] = int(lab.group("n"))
            spans[key] = lab.start("n")
    older = _OLDER.search(text)
    if older and out.get("new_o365_customers") and (n := _count(older.group("n"))) is not None \
            and n < out["new_o365_customers"]:
        # "5 new customers, but 2 of those were signed 14 months ago": only the rest are in the twelve months
        out["new_o365_customers"] -= n
    nth = _NTH_PASSED.search(text)
    if "certified_employees" not in out and nth:
        # "our second engineer passed the exam this morning": the ordinal is how many hold it now
        out["certified_employees"] = _ORDINALS[nth.group("nth").lower()[:3]]
        spans["certified_employees"] = nth.start("nth")
    named = _NAMED_PASSED.search(text)
    people = re.findall(r"[A-Z][a-z]+", named.group("names")) if named else []
    if "certified_employees" not in out and people and not set(people) & _NOT_PEOPLE:
        # "Anh and Marco both passed the exams": the people named are the count
        out["certified_employees"] = len(people)
        spans["certified_employees"] = named.start()
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
