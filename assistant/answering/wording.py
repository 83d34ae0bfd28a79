"""Sentence-level wording checks and joins the fact answerer uses."""
from __future__ import annotations

import calendar
import re

from assistant.answering import alternatives, shapes
from assistant.support import MONTH_WORDS, asked_part, sentence_initial
from index.bm25 import tokenize

_PARENTHETICAL = re.compile(r"\([^()]*\)")


def about_question(sentence: str, terms: set[str]) -> str:
    """The sentence less the asides in brackets that share no term with the question.

    "…the co-op threshold of $10,000 (the threshold since 1 October 2021)" states a date for the
    threshold, not for the earning period a question asks about.
    """
    def keep(m: re.Match) -> str:
        return m.group() if set(tokenize([m.group()])[0]) & terms else " "

    return _PARENTHETICAL.sub(keep, sentence)


def fiscal_years(text: str) -> set[str]:
    """Fiscal years a text names ("FY19", "fiscal year 2020"), normalised to "FY19"."""
    from assistant.understanding.slots.dates import parse_fiscal_year

    return {fy for m in _FY_MENTION.finditer(text) if (fy := parse_fiscal_year(m.group()))}


def asked_fiscal_years(text: str) -> set[str]:
    """Fiscal years a question asks about: "back in FY19, before the FY20 guide" asks about FY19; a year named
    only as the point of reference is not asked about (unless it is the only one)."""
    named = [(m, fy) for m in _FY_MENTION.finditer(text) if (fy := parse_fy(m.group()))]
    asked = {fy for m, fy in named if not _REFERENCE.search(text, max(0, m.start() - 30), m.start())}
    return asked or {fy for _, fy in named}


def parse_fy(words: str) -> str | None:
    from assistant.understanding.slots.dates import parse_fiscal_year

    return parse_fiscal_year(words)


_REFERENCE = re.compile(r"\b(?:before|after|than|since|prior\s+to|until|till|vs\.?|versus|compared\s+(?:to|with))\s+(?:\w+\s+){0,2}$", re.I)
_FY_MENTION = re.compile(r"\b(?:FY|fiscal(?:\s+year)?)\s?'?(?:(?:19|20)?\d\d[/-])?(?:19|20)?\d\d\b", re.I)


def join_pieces(pieces: list[str]) -> str:
    """Sentences run on; a list ends its paragraph, so what follows it starts a new one."""
    out = ""
    for piece in pieces:
        sep = "" if not out else "\n\n" if "\n- " in out.rsplit("\n\n", 1)[-1] or piece.startswith("- ") \
            or "\n- " in piece else " "
        out += sep + piece
    return out


def same_sentence(a: str, b: str) -> bool:
    a_words, b_words = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(a_words & b_words) >= 0.8 * min(len(a_words), len(b_words) or 1)


def product_named(word: str, text: str) -> bool:
    """A product named by any of its names: "Dynamics" in the question, "D365" in the sentence."""
    from calculators.products import products

    for product in products().values():
        if word.lower() in product.name.lower().split():
            names = sorted({product.name, *product.synonyms}, key=len, reverse=True)
            if re.search(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", text, re.I):
                return True
    return False


# A month or weekday dates a question ("since October 2021"); it names no subject.
_CALENDAR_WORDS = MONTH_WORDS | {d.lower() for d in calendar.day_name}
# Names so common in the documents that they single nothing out.
GENERIC_NAMES = {"CSP", "MICROSOFT", "PARTNER", "PARTNERS", "FY", "USD"}


def _named_in(name: str, terms: set[str], acronyms: dict[str, str]) -> bool:
    """The abbreviation, or at least two thirds of its spelled-out words, are among `terms`."""
    long = acronyms.get(name.lower().rstrip("s"))
    spelled = set(tokenize([long])[0]) if long else set()
    return set(tokenize([name])[0]) <= terms or bool(spelled and len(spelled & terms) >= 2 / 3 * len(spelled))


def names_covered(part: str, cand, rows: list[int], units, acronyms: dict[str, str]) -> bool:
    """Every name the question gives (Silver, Indirect Providers) is in the sentence or its headings.

    A value stated for Gold does not answer a question about Silver.
    """
    # Only the sentences that ask name what is asked about; a capital starting a sentence names nothing.
    part = asked_part(part.rstrip() if part.rstrip().endswith("?") else part.rstrip() + "?")  # parts lose their "?"
    starts = sentence_initial(part)
    # A sentence-initial capital names nothing, unless it is one of a group's alternatives ("Silver competency
    # revenue threshold - how much?").
    names = [m.group() for m in re.finditer(r"(?:(?<=\s)|^)[A-Z][A-Za-z]{2,}s?\b", part)
             if (m.start() not in starts or alternatives.named(m.group())) and m.group().upper() not in GENERIC_NAMES
             and m.group().lower() not in _CALENDAR_WORDS]
    if not names:
        return True
    p = cand.hit.passage
    # The title is left out: a guide titled "Silver and Gold" does not make every sentence about both.
    text = cand.unit.text
    if shapes.needs_context(text) and cand.unit.index > 0:
        # "It requires two employees… more than Silver's": the subject is the previous sentence's.
        text = units[rows[cand.unit.index - 1]].text
    if cand.unit.kind == "item":
        # "- the partner bills clients over $3,400 per month": a list item is about what the list's lead-in names
        # ("three signs that the Silver level may already pay for itself:")
        if 0 <= cand.unit.group < len(rows):
            text = f"{units[rows[cand.unit.group]].text} {text}"
    # A forum post names its poster ("Level 1 Contributor") in its metadata.
    have = set(tokenize([f"{p.section} {cand.unit.heading} {(p.meta or {}).get('post_role', '')} {text}"])[0])
    # An abbreviation names the topic, and the topic may be named in the sentence before or the next two
    # ("Beginning October 1, 2021, Microsoft introduced a change." + "…a TTM revenue threshold"), as the
    # abbreviation or spelled out. A name such as Silver must be in the sentence itself: the next may be about Gold.
    near = set(tokenize([" ".join(units[r].text for r in rows[max(0, cand.unit.index - 1):cand.unit.index + 3]
                                  if r != cand.row)])[0])
    names = [n for n in names if not (n.isupper() and _named_in(n, near, acronyms))]
    # A name in the topic set before a dash ("the rules about MPN, CDA and PIExp - which year are they from?") that is
    # no alternative of a group may be anywhere in the passage, which is about that topic; an alternative ("Silver",
    # "Distributor") is met by the same alternative under any of its names.
    topic = _TOPIC_HEAD.match(part)
    passage = set(tokenize([" ".join(units[r].text for r in rows)])[0]) if topic else set()
    sentence = alternatives.named(f"{p.section} {cand.unit.heading} {text}")
    names = [n for n in names if not (topic and n in topic.group(1) and not alternatives.named(n) and _named_in(n, passage, acronyms))
             and not _same_alternative(alternatives.named(n), sentence)]
    for name in names:
        if tokenize([name])[0] and not _named_in(name, have, acronyms) and not product_named(name, f"{p.section} {text}"):
            return False
    return True


# "Those provider rules about MPN + CDA + PIExp - which fiscal year…?": a topic named, then a question about it
_TOPIC_HEAD = re.compile(r"^(.{10,200}?)\s[-–—]\s+(?=(?:which|what|when|where|who|how|is|are|do|does|did|can)\b)", re.I | re.S)


def _same_alternative(asked: dict[str, set[str]], stated: dict[str, set[str]]) -> bool:
    """The name asked is one alternative of a group, and the sentence names that alternative (under any name)."""
    return bool(asked) and all(names <= stated.get(group, set()) for group, names in asked.items())


def spelled_out(text: str, acronyms: dict[str, str]) -> str:
    """`text` with each acronym the documents define spelled out where the answer first uses it, unless the
    answer names it in full anywhere: "PAL is designed for…" reads "Partner Admin Link (PAL) is designed for…"."""
    for short, long in acronyms.items():
        if re.search(re.escape(long), text, re.I) or f"({short.upper()})" in text:
            continue  # named in full, or already spelled out in the words of a sentence ("trailing twelve-month (TTM)")
        # ("below $25,000 TTM": an acronym right after an amount qualifies it, and is left as written)
        first = re.search(rf"(?<![\w(/-])(?<!\d\s){re.escape(short.upper())}(?![\w)/-])", text)
        if first:
            text = f"{text[:first.start()]}{long} ({first.group(0)}){text[first.end():]}"
    return text
