"""Rules asked about in general, answered from the rule parameters, cited: what each competency level
needs ("what does Gold need?") and how the incentive splits into rebate and co-op.

Each figure is a parameter with its own quoted passage, so the answer states the rule's values
side by side instead of whichever sentences happen to score best.
"""
from __future__ import annotations

import re

from assistant.answering.threshold_answers import CHANGE_ASKED, YES_NO_OPENING, threshold_answer, threshold_question
from assistant.compose import CitationList
from calculators.params import get_parameter

_LEVEL = re.compile(r"\b(silver|gold)\b", re.I)
_ASKS = re.compile(r"\b(?:requirements?|required|requires?|criteria|criterion|needs?|needed|qualify|qualifies|"
                   r"qualification|(?:does|do)\s+it\s+take|takes?\s+to|differ\w*|compare\w*|versus|vs\.?|conditions?|"
                   r"asks?\s+for|expects?|demands?)\b"
                   r"|\bhow\s+many\s+(?:new\s+)?(?:o365\s+|office\s*365\s+)?(?:customers|clients)\b"
                   # "the minimum number of new customers to go for Silver": the rule's count, asked
                   r"|\b(?:minimum|min\.?|fewest|least)\s+(?:number|count|no\.?)\s+of\b"
                   r"|\bto\s+(?:go\s+for|get|reach|achieve|attain|obtain|earn|make|hit)\s+(?:the\s+|an?\s+)?(?:competency\s+)?(?:silver|gold)\b"
                   r"|\bhow\s+many\b[^?]{0,40}?\b(?:must|have\s+to|has\s+to|need\s+to|needs\s+to)\s+(?:pass|be\s+certified|hold)", re.I)
_CERTIFIED = re.compile(r"\b(?:certif\w*|employees|staff|engineers|people)\b", re.I)
# Fees, benefits, licences, revenue and timing are in the guide's prose (or nowhere), not in these parameters.
_OTHER = re.compile(r"\b(?:fees?|costs?|price|pay\s+(?:for\s+)?itself|worth|benefits?|value|advantages?|when|why|which\s+exams?|"
                    r"exam\s+(?:codes?|names?|numbers?|ids?)|areas?|renew\w*|lose|lost|keep|licen[cs]\w*|iurs?|internal\s+use|revenue|"
                    r"sales|how\s+much|amount|exactly|dollars?)\b|\$", re.I)
# A level the partner holds or counts of its own ("we have 30 customers") belong to the calculator.
# ("in the last 12 months", "within a 12-month window" count nothing)
_OWN = re.compile(r"\b(?:we|our|us|i)\b[^?.]{0,40}(?<![\d,.])\d+(?![\d,.]*[\s-]*(?:months?|years?|mos?)\b)", re.I)


def competency_question(question: str) -> list[str] | None:
    """The levels whose requirements a question asks for, in the order named; None when it asks something else."""
    levels = list(dict.fromkeys(m.group(1).lower() for m in _LEVEL.finditer(question)))
    if not levels or not _ASKS.search(question) or _OTHER.search(question) or _OWN.search(question) \
            or YES_NO_OPENING.search(question):
        return None
    # "how many certified employees does silver require? gold is 2 i know": the level the question sentence asks of
    asked = [lv for lv in levels if any(lv in s.lower() for s in re.findall(r"[^.?!]*\?", question))] or levels
    if asked == ["silver"] and _CERTIFIED.search(question):
        return None  # Silver's certification threshold has no figure: only the documents can say so
    return asked  # "thinking of going from Silver to Gold. What does Gold ask for?": the level asked of


def _count(name: str, citer, cites: CitationList) -> tuple[int, str]:
    value = get_parameter(name).at(None)
    hit = citer.for_quote(value.reference_doc, value.reference_quote)
    return value.value, f" [{cites.cite(hit)}]" if hit else ""


_DIFFERENCE = re.compile(r"\b(?:differ\w*|how\s+many\s+more|more\s+than|fewer|less\s+than|gap|compared?\b|versus|vs\.?)", re.I)


def competency_answer(levels: list[str], citer, question: str = ""):
    """(text, citations, figures) with each level's requirements from the parameters in force."""
    from assistant.answer import Figure

    cites = CitationList()
    months, _ = _count("competency_lookback_months", citer, CitationList())
    lines, figures = [], []
    for level in sorted(levels, key=["silver", "gold"].index):
        customers, ref = _count(f"{level}_new_o365_customers", citer, cites)
        figures.append(Figure(name=f"{level.title()} new Office 365 customers needed", value=customers, unit="count",
                              formula=f"at least {customers}", citations=[int(ref.strip(" []"))] if ref else []))
        line = f"- **{level.title()}**: at least {customers} new Office 365 customers in the past {months} months{ref}"
        if level == "gold":
            certified, ref = _count("gold_certified_employees", citer, cites)
            figures.append(Figure(name="Gold certified employees needed", value=certified, unit="count",
                                  formula=f"at least {certified}", citations=[int(ref.strip(" []"))] if ref else []))
            line += f", and at least {certified} employees who passed the relevant certification exams{ref}."
        else:
            line += ", plus revenue and certification thresholds the guide names without stating amounts."
        lines.append(line)
    head = "Competency requirements:" if len(lines) > 1 else f"{levels[0].title()} competency requirements:"
    if len(levels) == 2 and _DIFFERENCE.search(question):
        # "how many more does Gold need than Silver?": the gap between the two counts, from the same rules
        silver, gold = (next(f for f in figures if f.name.startswith(lv)) for lv in ("Silver", "Gold"))
        gap = int(gold.value - silver.value)
        figures.append(Figure(name="Gold new Office 365 customers beyond Silver's", value=gap, unit="count",
                              formula=f"{int(gold.value)} − {int(silver.value)}", citations=[*silver.citations, *gold.citations]))
        head = f"**Gold needs {gap} more new Office 365 customers than Silver** ({int(gold.value)} against {int(silver.value)})."
    return head + "\n" + "\n".join(lines), cites, figures


_BOTH_PARTS = (re.compile(r"\brebates?\b", re.I), re.compile(r"\bco-?op\b", re.I))
_SPLIT = re.compile(r"\b(?:split\w*|divid\w*|shares?|portions?|percent\w*|proportions?|ratio|breakdown|broken\s+down|"
                    r"allocat\w*|how\s+much\s+of|what\s+part)\b|%", re.I)
# Amounts belong to the co-op calculator; thresholds, spending and timing are prose.
# "the incentive is split into two pots … what share goes into each?": the two parts, not named
_TWO_POTS = re.compile(r"\bincentives?\b[^?]{0,60}\b(?:two|2)\s+(?:pots|parts|portions|buckets|pieces|components|halves|streams)\b", re.I)
_NOT_SPLIT = re.compile(r"\$|\d[\d,.]*\s*k\b|\d{3,}|\bthreshold|\bspend|\bwhen\b|\bwhy\b|\busable\b|\bactivit", re.I)


_WHEN_CLAUSE = re.compile(r"(?:^|[:;]\s*)(?:when|once|after|whenever)\b[^,?]{3,80}?,\s*", re.I)


def split_question(question: str) -> bool:
    """The question asks how the incentive divides between rebate and co-op ("when it is paid, how much of it
    comes as rebate and how much as co-op?": the leading "when" clause sets the scene, it asks no date)."""
    parts = all(rx.search(question) for rx in _BOTH_PARTS) or bool(_TWO_POTS.search(question))
    return parts and bool(_SPLIT.search(question)) and not _NOT_SPLIT.search(_WHEN_CLAUSE.sub(" ", question))


def split_answer(citer):
    """(text, citations, figures): the rebate and co-op shares in force, each cited."""
    from assistant.answer import Figure

    cites = CitationList()
    parts = []
    for name, label in (("rebate_share", "rebate, paid directly"), ("coop_share", "co-op funds")):
        value = get_parameter(name).at(None)
        hit = citer.for_quote(value.reference_doc, value.reference_quote)
        n = cites.cite(hit) if hit else None
        pct = f"{float(value.value) * 100:.0f}%"
        parts.append((label, pct, n, value.value))
    figures = [Figure(name=f"{label.split(',')[0]} share", value=float(v), unit="fraction", formula=pct,
                      citations=[n] if n else []) for label, pct, n, v in parts]
    ref = lambda n: f" [{n}]" if n else ""  # noqa: E731
    (l1, p1, n1, _), (l2, p2, n2, _) = parts
    text = (f"The incentive splits {p1} / {p2}: {p1} is the {l1}{ref(n1)}, and {p2} accrues as {l2}{ref(n2)}, "
            "usable for approved activities when it reaches the co-op usage threshold and otherwise paid out with the rebate.")
    return text, cites, figures


# "Within how many days should the PIExp invitation arrive?", "how long until we get the invite to the tool?"
_INVITE = re.compile(r"\binvit\w*", re.I)
_WAIT_ASKED = re.compile(r"\bhow\s+(?:long|soon|quickly|many\s+(?:more\s+)?days)\b|\bwithin\s+how\b|"
                         r"\bwhen\s+(?:will|should|can|do|does|would)\b[^?]{0,50}\b(?:arrive|come|get|receive|hear|expect)\b", re.I)
# a reseller invited back once its revenue recovers: the documents give no number of days for that
_REINVITED = re.compile(r"\b(?:ttm|trailing|revenue|threshold|offboard\w*|re-?invit\w*|again|new\s+invit\w*|resellers?|"
                        r"tier\s*2|back\s+(?:in|over|above))\b", re.I)
# "how many days do we have to fill in the profile after receiving the invitation?": the invitation has come; what
# is timed is something after it
_INVITED_ALREADY = re.compile(r"\b(?:after|once|since|following)\b[^.?!]{0,30}\binvit\w*", re.I)
_DAYS_AGO = re.compile(r"\b(?P<n>\d{1,3})\s+days?\s+ago\b", re.I)


def wait_question(question: str) -> bool:
    from assistant.answering.question_shapes import question_parts
    from assistant.support import asked_part

    asked = asked_part(question)
    return bool(_INVITE.search(question) and _WAIT_ASKED.search(asked)) and not _REINVITED.search(question) \
        and not _INVITED_ALREADY.search(question) and len(question_parts(question)) == 1


def wait_answer(question: str, citer):
    """(text, citations, figures): the days within which the onboarding invitation comes, and with the days
    already waited, how many at most remain."""
    from assistant.answer import Figure

    value = get_parameter("provider_invitation_days").at(None)
    hit = citer.for_quote(value.reference_doc, value.reference_quote)
    cites = CitationList()
    n = cites.cite(hit) if hit else None
    ref = f" [{n}]" if n else ""
    days = int(value.value)
    figures = [Figure(name="days within which the invitation comes", value=days, unit="days", formula=f"{days} days",
                      citations=[n] if n else [])]
    text = (f"Within {days} days: an indirect provider can expect the onboarding invitation to the partner incentive "
            f"tool within {days} days of completing all the business eligibility requirements{ref}.")
    waited = _DAYS_AGO.search(question)
    if waited and 0 < int(waited.group("n")) < days:
        left = days - int(waited.group("n"))
        figures.insert(0, Figure(name="days left to wait, at most", value=left, unit="days",
                                 formula=f"{days} − {waited.group('n')}", citations=[n] if n else []))
        text = f"**At most {left} more days** ({days} − {waited.group('n')} already waited). " + text
    return text, cites, figures


def _indexed(names, citer) -> bool:
    """The indexed documents state these rules (an operator's own files may not)."""
    values = [get_parameter(n).at(None) for n in names]
    return all(citer.in_index(v.reference_doc, v.reference_quote) for v in values)


def from_rules(question: str, query: str, citer):
    """(text, citations, figures) when the question asks a rule the parameters state, else None.

    A follow-up ("and for Gold, how many more?") is read with the topic it continues, carried in the query.
    """
    asked = next((q for q in (question, query) if competency_question(q)), None)
    levels = competency_question(asked) if asked else None
    if levels and _indexed([f"{lv}_new_o365_customers" for lv in levels], citer):
        return competency_answer(levels, citer, asked)
    if split_question(question) and _indexed(["rebate_share", "coop_share"], citer):
        return split_answer(citer)
    if wait_question(question) and _indexed(["provider_invitation_days"], citer):
        return wait_answer(question, citer)
    threshold = threshold_question(question)
    if threshold and _indexed([threshold], citer) and get_parameter(threshold).at(None).value is not None:
        from assistant.understanding.slots.dates import parse_date

        return threshold_answer(threshold, citer, parse_date(question), bool(CHANGE_ASKED.search(question)))
    return None
