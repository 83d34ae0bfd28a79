"""Alternatives of one kind (partner types, competency levels): which a text names, and contradictions.

The groups are data (``alternatives.yaml``). A sentence about indirect resellers does not answer
a question about indirect providers; a comparison of Silver and Gold is answered for each.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

ALTERNATIVES_FILE = Path(__file__).with_name("alternatives.yaml")


@lru_cache(maxsize=1)
def _groups() -> dict[str, list[tuple[str, re.Pattern]]]:
    data = yaml.safe_load(ALTERNATIVES_FILE.read_text()) or {}
    out: dict[str, list[tuple[str, re.Pattern]]] = {}
    for group, alternatives in data.items():
        out[group] = [(name, _phrases(phrases if name == IGNORE else [name, *phrases]))
                      for name, phrases in alternatives.items()]
    return out


IGNORE = "ignore"


def phrases() -> list[str]:
    """Every phrase that names an alternative: the documents cover it under the alternative's name ("tier1")."""
    data = yaml.safe_load(ALTERNATIVES_FILE.read_text()) or {}
    return [p for alts in data.values() for name, ps in alts.items() if name != IGNORE for p in [name, *ps]]


def _phrases(words) -> re.Pattern:
    words = sorted(set(words), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]+") for w in words)
                      + r")(?![\w-])", re.I)


def named(text: str) -> dict[str, set[str]]:
    """The alternatives `text` names, by group: {"partner type": {"indirect provider"}}."""
    return {group: set(names) for group, names in _named(text).items()}


@lru_cache(maxsize=16384)
def _named(text: str) -> dict[str, frozenset[str]]:
    # The indexed sentences and their headings come back turn after turn: read each once (never mutated).
    found: dict[str, frozenset[str]] = {}
    for group, alternatives in _groups().items():
        plain = text
        for name, pattern in alternatives:
            if name == IGNORE:
                plain = pattern.sub(" ", plain)
        named_here = [(name, pattern) for name, pattern in alternatives if name != IGNORE and pattern.search(plain)]
        # "which agreement (not the distributor one)?": an alternative set aside is not the one asked about,
        # and of two, setting one aside names the other.
        denied = {name for name, pattern in named_here
                  if all(_SET_ASIDE.search(plain[max(0, m.start() - 30):m.start()]) for m in pattern.finditer(plain))}
        names = frozenset(name for name, _ in named_here) - denied
        own = [name for name, _ in alternatives if name != IGNORE]
        if not names and denied and len(own) == 2:
            names = frozenset(own) - denied
        if names:
            found[group] = names
    return found


_SET_ASIDE = re.compile(r"\b(?:not(?!\s+only|\s+just)|except|excluding|other\s+than|rather\s+than|instead\s+of|but\s+not)\s+"
                        r"(?:the\s+|a\s+|an\s+|for\s+|about\s+|our\s+)?(?:[\w-]+\s+)?$", re.I)


def contradicts(asked: dict[str, set[str]], text: str, context: str = "") -> bool:
    """`text` (or, when it names none of a group, its `context` such as headings) is about another alternative.

    `asked` is :func:`named` of the question; only groups where the question names exactly one
    alternative are checked.
    """
    if not any(len(wanted) == 1 for wanted in asked.values()):
        return False
    said, around = _named(text), None
    for group, wanted in asked.items():
        if len(wanted) != 1:
            continue
        here = said.get(group)
        if not here or len(here) > 1:
            # a sentence naming none, or several ("after the business requirements, the operational ones:"),
            # is about what its heading names, when the heading names one
            around = _named(context) if around is None else around
            heading = around.get(group)
            here = heading if heading and (not here or len(heading) == 1) else here
        if here and not (here & wanted):
            return True
    return False


# ("… or is that only a reseller thing? what do we need?": the asker is the subject too)
_THEY = re.compile(r"\b(?:they|them|their|we|us|our)\b", re.I)
_ONLY_BEFORE = re.compile(r"\b(?:only|just|solely)\s+(?:for\s+|to\s+)?(?:the\s+|an?\s+)?$", re.I)


def asked_in(question: str, part: str) -> dict[str, set[str]]:
    """The alternatives one part of a question asks about: those it names, else the question's. A part that points
    back ("… or is that only for resellers? And if they do, what are the business requirements?") asks about the
    subject, not the alternative set against it with "only"."""
    asked = {**named(_DONE_CLAUSE.sub(" ", question)), **named(_DONE_CLAUSE.sub(" ", part))}
    for group, names in list(asked.items()):
        owned = {n for n in names if _only_owned(question, group, n)}
        if owned and owned != names:
            # "As a distributor, what do we earn on our resellers' billing?": the resellers are the asker's, not who asks
            asked[group] = names - owned
            names = asked[group]
        if len(names) != 2 or group in named(part) or not _THEY.search(part):
            continue
        first, second = sorted(names, key=lambda n: _position(question, group, n))
        if _ONLY_BEFORE.search(question[:_position(question, group, second)]):
            asked[group] = {first}
    return asked


# "once the business stuff is done, what are the operational things…?": what is done already is not asked
# ("… onboarding steps for a new provider once Microsoft has confirmed the business side is OK?": after the question too)
_DONE_CLAUSE = re.compile(r"(?:(?:^|(?<=[,.;:]))\s*|\s+)(?:once|after|now\s+that|since|when)\b[^,?]{3,120}?\b(?:done|complete[d]?|"
                          r"in\s+place|finished|sorted|signed|met|ok|okay|confirmed|approved|verified|cleared)\b[^,?]{0,20}(?:,|(?=\?)|$)",
                          re.I)


def without_done_clause(text: str) -> str:
    """The text without a clause about what is done already ("once the business side is OK"): not what is asked."""
    return _DONE_CLAUSE.sub(" ", text).strip() or text


def compared(question: str) -> tuple[str, list[str]] | None:
    """(group, [two alternatives]) when a question sets two alternatives of one group side by side."""
    question = _DONE_CLAUSE.sub(" ", question)
    for group, names in named(question).items():
        if len(names) == 2:
            ordered = sorted(names, key=lambda n: _position(question, group, n))
            return group, ordered
    return None


_OWNER_BEFORE = re.compile(r"\b(?:our|my|their)\s+(?:own\s+)?(?:\w+\s+)?$", re.I)


def _only_owned(text: str, group: str, name: str) -> bool:
    """Every mention of the alternative is of ones the asker has ("our resellers", "my sub-resellers")."""
    pattern = next(p for n, p in _groups()[group] if n == name)
    found = list(pattern.finditer(text))
    return bool(found) and all(_OWNER_BEFORE.search(text, max(0, m.start() - 20), m.start()) for m in found)


def _position(text: str, group: str, name: str) -> int:
    pattern = next(p for n, p in _groups()[group] if n == name)
    m = pattern.search(text)
    return m.start() if m else len(text)


def only(question: str, group: str, keep: str) -> str:
    """The question with the other alternatives of `group` left out: one side of a comparison."""
    out = question
    for name, pattern in _groups()[group]:
        if name not in (keep, IGNORE):
            out = pattern.sub(" ", out)
    return re.sub(r"\s+", " ", out).strip()


# "What do we need in place to be eligible?": the requirements asked as a whole, of every kind
_REQUIREMENTS_ASKED = re.compile(r"\b(?:requirements?|criteria|eligib\w*|qualif\w*|need\s+(?:to\s+have\s+)?in\s+place|"
                                 r"what\s+(?:exactly\s+)?do\s+(?:we|i|they|providers?)\s+need)\b", re.I)
_KINDS_OF = {"indirect provider": ("provider requirement kind", ["business", "operational"])}


def kinds_asked(question: str) -> tuple[str, list[str]] | None:
    """(group, kinds) when the question asks the requirements of a partner type that has several kinds of them
    and names none: each kind is a part of the answer."""
    asked = named(question)
    types = asked.get("partner type", set())
    if len(types) != 1 or not _REQUIREMENTS_ASKED.search(question):
        return None
    kinds = _KINDS_OF.get(next(iter(types)))
    return kinds if kinds and kinds[0] not in asked else None
