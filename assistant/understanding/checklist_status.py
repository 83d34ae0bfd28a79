"""A checklist item's own status, and a partner saying it does not know.

"❌ Tax profile", "MPN ✔", "[ ] CDA", "Bank & tax: pending": a mark or a status word beside an
item's label decides its polarity before any negation in the sentence does. "Haven't checked the
bank profile" leaves it unknown: a negated knowledge verb is not a denial of the fact.
"""
from __future__ import annotations

import re

from assistant.understanding.lexicon import LEXICON


def words_rx(words) -> str:
    """Alternatives for whole words or marks: a word edge where the phrase starts or ends in a word character."""
    parts = []
    for w in sorted(words, key=len, reverse=True):
        e = re.escape(w)
        parts.append((r"(?<![\w'])" if w[:1].isalnum() else "") + e + (r"(?![\w'])" if w[-1:].isalnum() else ""))
    return "|".join(parts)


# Checklist items: an item ends at a sentence or line end, or at " / " and " | " between items.
# ("tax profile? no, still waiting": a question mark with its answer after it is the item's label separator)
_ANSWERED = r"\?(?=[ \t]+(?:" + words_rx([w for v in LEXICON["status_words"].values() for w in v]) + r")\b)"
_ITEM_BREAK = re.compile(r"[.;!\n]|(?!" + _ANSWERED + r")\?|\s[/|]\s", re.I)
_MARKS = {k: re.compile(words_rx(v)) for k, v in LEXICON["status_marks"].items()}
_ANY_MARK = re.compile(words_rx([w for v in LEXICON["status_marks"].values() for w in v]))
_SEPARATOR = re.compile("|".join(re.escape(s) for s in LEXICON["label_separators"]))
_STATUS_TAIL = r"(?=\s*(?:$|[,;.!?)(\n/|\-–—:]|" + words_rx(LEXICON["status_tail"]) + "))"
_STATUS = {k: re.compile(r"\s*(?:" + words_rx(v) + ")" + _STATUS_TAIL, re.I) for k, v in LEXICON["status_words"].items()}
_LEAD = re.compile(r"[\s*•·>\-–—]*")
_KNOW = LEXICON["knowledge"]
_LINK = r"(?:\W+(?:" + words_rx(_KNOW["link"]) + r"))*\W*"
_NOT_KNOWN = "(?:" + words_rx(_KNOW["phrases"]) + "|(?:" + words_rx(_KNOW["negators"]) + r")\s+(?:\w+\s+){0,2}?(?:" + \
    words_rx(_KNOW["verbs"]) + "))"
NOT_KNOWN_RX = re.compile(_NOT_KNOWN, re.I)
UNKNOWN_BEFORE = re.compile(_NOT_KNOWN + _LINK + "$", re.I)
# "not sure whether our CSP indirect reseller enrollment was ever completed": the doubt covers its whole
# complement, a few words of noun phrase included, unless a reason ("since", "because") starts a new claim
UNKNOWN_COMPLEMENT = re.compile(_NOT_KNOWN + r"\W+(?:whether|if)\s+(?!.*\b(?:since|because|as|given)\b)(?:[\w'&/-]+\s+){0,5}$",
                                re.I)
# ("the tax profile I'm honestly not sure about": the one who does not know may be named before the doubt)
UNKNOWN_AFTER = re.compile(_LINK + r"(?:(?:i|we)(?:['’]m|['’]re|\s+am|\s+are)?\s+(?:honestly\s+|really\s+|frankly\s+|just\s+)?)?"
                           + _NOT_KNOWN, re.I)


def _item_at(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _ITEM_BREAK.finditer(text, 0, start)), default=0)
    nxt = _ITEM_BREAK.search(text, end)
    return lo, nxt.start() if nxt else len(text)


def _marks_lead(text: str) -> bool:
    """Whether marks stand before their items ("✅ MPN") rather than after them ("MPN ✅"): the first mark decides."""
    first = _ANY_MARK.search(text)
    if not first:
        return True
    lo, _ = _item_at(text, first.start(), first.end())
    return bool(_LEAD.fullmatch(text[lo:first.start()]))


def status_of(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The checklist status of the item a span names: ("affirm" | "deny" | "unknown", the words), or None.

    A mark before or after the item ("❌ Tax profile", "MPN ✔", "[ ] CDA") or a status word right
    after the item's label separator ("MPN active - yes", "Bank & tax: pending", "CDA = not sure").
    """
    lo, hi = _item_at(text, start, end)
    marks = list(_ANY_MARK.finditer(text, lo, hi))
    if marks:
        if _marks_lead(text):
            mark = next((m for m in reversed(marks) if m.end() <= start), None)
        else:
            mark = next((m for m in marks if m.start() >= end), None)
        if mark:
            return ("affirm" if _MARKS["affirm"].fullmatch(mark.group(0)) else "deny"), mark.group(0)
    sep = _SEPARATOR.search(text, end, hi)
    if sep and len(text[end:sep.start()].split()) <= 4 and not re.search(r"[\d,]", text[end:sep.start()]):
        for kind in ("unknown", "deny", "affirm"):
            word = _STATUS[kind].match(text, sep.end(), hi)
            if word:
                return kind, word.group(0).strip()
        said = SUBJECT_DENIAL.match(text, sep.end(), hi)
        if said:
            return "deny", said.group(0).strip()  # "Tax profile - we haven't finished it yet"
        begun = ELLIPTIC_DENIAL.search(text, sep.end(), hi)
        if begun and len(text[sep.end():begun.start()].split()) <= 3:
            return "deny", text[sep.end():begun.end()].strip()  # "Tax profile: started but not finished yet"
        doubt = NOT_KNOWN_RX.search(text, sep.end(), hi)
        if doubt:
            # "Bank & tax: finance says they 'should be fine' but nobody has actually looked": a hope, not a check
            return "unknown", doubt.group(0).strip()
    return None


# The bare negators among the `after` cues, which another cue right after them cancels.


# "tax profile: started but not finished yet": a clause with no subject of its own goes on about the same thing.
ELLIPTIC_DENIAL = re.compile(r"[\s,;.]*(?:but|though|however)[\s,]+(?:still\s+)?(?P<cue>not\s+(?:yet\s+)?(?:finished|complete|completed|done|"
                              r"active|signed|submitted|approved|renewed)|never\s+(?:finished|completed|done|signed|submitted)|"
                              r"unfinished|incomplete|pending|abandoned)\b", re.I)

# "Tax profile - we haven't finished it yet", "CDA: it's not signed": a status written as a clause of its own,
# its subject first. (A knowledge verb is not in the list: "we haven't checked it" stays unknown.)
SUBJECT_DENIAL = re.compile(r"\s*(?:(?:we|i|they|it|it's|it’s|that|that's|this|finance|accounting|our\s+\w+)\s+)?(?:still\s+|also\s+)?"
                            r"(?:haven't|haven’t|have\s+not|hasn't|hasn’t|has\s+not|didn't|didn’t|did\s+not|don't|don’t|do\s+not|"
                            r"never|isn't|isn’t|is\s+not|wasn't|was\s+not|not)\s+(?:yet\s+|even\s+|actually\s+|been\s+|fully\s+)*"
                            r"(?:finished|finish|completed|complete|done|submitted|submit|filled|set|signed|sign|started|entered|got|"
                            r"have|had|active|approved|valid|in\s+place)\b", re.I)
