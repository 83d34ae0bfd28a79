"""The shape of a question: yes/no, comparison, definition, list or plain, and its parts.

A shape decides how an answer is laid out (the deciding sentence first, each side of a
comparison, the whole list under its heading); the value a question asks for is in
:mod:`assistant.answering.answer_types`.
"""
from __future__ import annotations

import re

from assistant.support import SIGN_OFF_WORDS

# Shapes that are not a single value.
_YES_NO = re.compile(r"^\s*(?:so\s+|and\s+|but\s+)?(?:is|are|can|could|do|does|did|will|would|should|may|must|"
                     r"has|have|was|were)\b", re.I)
_COMPARE = re.compile(r"\b(higher or lower|lower or higher|more or less|bigger or smaller|same as|differ\w*|"
                      r"compared? (?:to|with)|versus|vs\.?|better|worse|instead of|over)\b", re.I)
# Two things set against each other by a comparative: "is Silver's fee higher than Gold's?"
_COMPARATIVE = re.compile(r"\b(?:higher|lower|bigger|smaller|cheaper|dearer|larger|greater) than\b|\bcompar\w*\b",
                          re.I)
_DEFINE = re.compile(r"\b(stand for|stands for|mean|meaning|definition|define|what(?:'s| is| are) (?:an? |the )?"
                     r"(?-i:[A-Z][A-Za-z0-9-]+)\??$|what(?:'s| is| are) (?:an? )?(?-i:[A-Z]{2,}s?)\b)\b", re.I)
_LIST = re.compile(r"\b(what (?:kinds?|sorts?|types?) of|what\s+can\s+(?:[\w-]+\s+){0,4}?be\s+(?:spent|used)\s+(?:on|for)|"
                   r"(?:which|what) (?:\w+ )?(?:activities|steps|requirements|"
                   r"products|competencies|areas|things)|list|examples?|steps|requirements|what (?:are|counts as) "
                   r"(?:the )?(?:approved|eligible|qualifying))\b", re.I)


def compares(question: str) -> bool:
    """The question sets two things side by side ("difference between", "vs", "compare", "higher than")."""
    # "over" compares only in "Gold over Silver"; "over twelve months" is a period.
    return bool(_COMPARATIVE.search(question)
                or any(m.group().lower() != "over" for m in _COMPARE.finditer(question)))


# "If a customer cancels, does…?": the question is the main clause after the condition.
_LEADING_CONDITION = re.compile(r"^\s*(?:if|when|once|after|before|in case)\b[^,?]{3,}?,\s*", re.I)


# "Is it permanent or can we come back?", "should we chase the threshold or take cash?": a choice, not a yes or no.
_CHOICE = re.compile(r"\bor\b(?!\s+(?:not|no|nope|otherwise)\b)\s+\w", re.I)


# "Can you give me the full list?", "could you explain…": a request, politely put, not a yes/no question.
_REQUEST = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:can|could|would|will)\s+(?:you|u|someone|somebody|anyone|anybody)\s+(?:please\s+|pls\s+|kindly\s+)?"
                      r"(?:give|list|tell|explain|provide|share|name|describe|summari[sz]e|spell\s+out|break\s+down|clarify|"
                      r"outline|detail|set\s+out|lay\s+out|go\s+over|go\s+through|show|recap|confirm\s+(?:what|which|how))\b"
                      r"(?!\s+(?:me\s+)?(?:through|how\s+to|the\s+(?:steps|clicks)))"
                      # "can you walk me through the onboarding steps?"
                      r"|^\W*(?:\w+\W+){0,6}?(?:can|could|would|will)\s+(?:you|u|someone|somebody|anyone|anybody)\s+(?:please\s+|pls\s+|kindly\s+)?"
                      r"(?:walk|take|talk|guide|run|step)\s+(?:me|us)\s+through\b", re.I)


def asks_yes_no(question: str) -> bool:
    # "Our tech lead wants to sit exams. Can co-op cover those fees?": the sentence that asks decides
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", question.strip()) if x]
    asking = [x for x in sentences if x.rstrip().endswith("?")] or sentences[-1:]  # a part has lost its "?"
    asked = _LEADING_CONDITION.sub("", asking[-1] if len(asking) == 1 and len(sentences) > 1 else question)
    return bool(_YES_NO.search(asked)) and not _CHOICE.search(asked) and not _REQUEST.match(asked) \
        and not _WHAT_EXISTS.match(asked) and not _STEPS_LEFT.search(asked)


# "Is there a mechanism so Microsoft can credit us…?", "is there any way to…": asks what the thing is, not yes or no
_WHAT_EXISTS = re.compile(r"^\W*(?:\w+\W+){0,8}?(?:is|are)\s+there\s+(?:a|an|any|some)\s+(?:[\w-]+\s+)?(?:ways?|mechanisms?|tools?|"
                          r"process(?:es)?|methods?|means|procedures?|options?|programs?|programmes?|features?|systems?)\s+"
                          r"(?:to|so|for|that|which|by\s+which|whereby|through\s+which|where|we\s+can|i\s+can)\b", re.I)


# "is there anything admin-wise we must do before…?", "are there any steps we still need to take?": asks what to do
_STEPS_LEFT = re.compile(r"\b(?:is|are)\s+there\s+(?:anything|something|any(?:\s+other|\s+more|\s+further)?\s+(?:steps?|actions?|tasks?|"
                         r"paperwork|admin\w*|formalit\w+|requirements?))\b[^?.!]{0,40}?\b(?:we|i|you|partners?|they)\s+"
                         r"(?:still\s+|also\s+|then\s+)?(?:must|need\s+to|needs\s+to|have\s+to|has\s+to|should|ought\s+to|got\s+to)\b", re.I)


def shape_of(question: str) -> str:
    """definition | list | comparison | yes_no | plain."""
    if _COMPARE.search(question) and re.search(r"\b(or|than|between|and)\b", question, re.I):
        return "comparison"
    if asks_yes_no(question):
        return "yes_no"
    if _DEFINE.search(question):
        return "definition"
    if _LIST.search(question):
        return "list"
    return "plain"


_PART_SPLIT = re.compile(r"(?:\?\s+|[;,]\s*(?:and|also|plus)\s+|\s+and\s+(?=(?:what|when|where|which|who|how|is|are|"
                         r"does|do|can|on what|in what|at what)\b)"
                         # "what happens to us — are we out for good?": a dash before a second question
                         r"|\s+[—–]\s+(?=(?:are|is|can|could|do|does|did|will|would|should|what|when|where|which|how)\s+(?:we|i|they|it|there|you)\b))",
                         re.I)


# "Thanks, Priya", "cheers", "— Tom": words after the question that ask nothing.
_SIGN_OFF = re.compile(r"^\W*(?:(?i:" + SIGN_OFF_WORDS + r")\b|[A-Z][a-z]+\W*$|$)")


_WORRY = re.compile(r"(?:^|[.!]\s+)\W*(?:should|do|must)\s+(?:we|i)\s+(?:be\s+)?(?:worried|concerned|panic\w*|worry)\b|"
                    r"(?:^|[.!]\s+)\W*(?:is|was)\s+(?:that|this|it)\s+(?:normal|ok|okay|usual|expected)\s*$|"
                    r"(?:^|[.!]\s+)\W*any\s+(?:idea|ideas|thoughts)\s*$", re.I)


# "what are the customer and certification requirements for Gold?": two kinds of one requirement, asked together
_COORDINATED = re.compile(r"(?P<ask>\b(?:what|which)\s+(?:are|is|were|was)\s+(?:the\s+)?)(?P<x>[a-z][\w-]+)\s+and\s+(?P<y>[a-z][\w-]+)\s+"
                          r"(?P<rest>(?:requirements?|rules?|conditions?|criteria|thresholds?|rates?|deadlines?)\b.*)$", re.I)


def _coordinated(part: str) -> list[str]:
    m = _COORDINATED.search(part)
    if not m:
        return [part]
    return [f"{part[:m.start()]}{m.group('ask')}{m.group(w)} {m.group('rest')}" for w in ("x", "y")]


_YES_NO_START = re.compile(r"^\W*(?:can|could|may|do|does|did|is|are|was|were|will|would|should|has|have)\b", re.I)
_WH_AFTER_YES_NO = re.compile(r",\s*(?:like\s+|so\s+|(?:and\s+)?if\s+(?:so|yes),?\s+|i\.?e\.?,?\s+)?(?=(?:what|which|how)(?:'s|’s)?\s+\w+\s+\w+)", re.I)


def question_parts(question: str) -> list[str]:
    """A two-part question split into its parts ("what is X, and when did Y?").

    Words after the last question mark that ask nothing ("Thanks, Priya") are no part at all.
    """
    last = question.rfind("?")
    sign_off = question[last + 1:] if last != -1 else ""
    if len(sign_off.split()) <= 3 and _SIGN_OFF.match(sign_off):
        question = question[:last + 1] if last != -1 else question  # "… ? Thanks, Priya"
    parts = [p.strip(" ,;?") for p in _PART_SPLIT.split(question) if p and len(p.split()) >= 2]
    # "can co-op pay for readiness, like what sort of things?": a yes/no, then what it covers
    parts = [q.strip(" ,;?") for p in parts for q in (_WH_AFTER_YES_NO.split(p, 1) if _YES_NO_START.match(p) else [p])
             if q and len(q.split()) >= 2]
    parts = [q for p in parts for q in _coordinated(p)]
    asked = [p for p in parts if not _WORRY.search(p)]
    # "Should we be worried? How long does it take?": the worry is the asker's, the second part is the question
    return asked or parts or [question]


# "what can we spend co-op on if we exceed the threshold?": the condition says when, the clause before it what
_TRAILING_IF = re.compile(r"^(?P<main>\W*(?:(?:in|on|for|with|to|from|at)\s+)?(?:what|which|where|how|who)\b.{12,}?)[,\s]+(?:if|once|when|after)\s+(?:we|i|you|our|a\s+partner|it|they|microsoft|their|its)\b.*$",
                          re.I | re.S)
_CONSEQUENCE = re.compile(r"^\W*what\s+(?:happens|would\s+happen|will\s+happen|do\s+we\s+get|would\s+we\s+get)\b", re.I)


def without_trailing_condition(part: str) -> str:
    """The asking clause without a condition after it, unless the condition is what is asked about."""
    m = _TRAILING_IF.match(part)
    if not m or _CONSEQUENCE.match(part):
        return part
    return m.group("main")
