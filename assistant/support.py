"""Deciding whether retrieved passages support an answer at all."""
from __future__ import annotations

import calendar
import re
from functools import lru_cache
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from index.search import Hit

# Cosine similarity (all-MiniLM-L6-v2) below which even the closest passage is only loosely related.
MIN_SIMILARITY = 0.33
# A query word of at least this length that the whole corpus never uses is a topic we lack.
MIN_SALIENT_LEN = 3

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'-]*|\d[\w.,%$]*")
_COMMON = set("""
a an and are as at be been being but by can could did do does doing done for from get gets got had has
have how i if in into is it its it's me my of on or our ours please should so tell than that the their
them then there these they this those to too us was we were what when where which while who whom whose
why will with would you your yours about any anything all also am does explain give know need mean
means much many more most much show find want wants let out up down there here some such thing things
one two three four five six seven eight nine ten twelve hi hello thanks thank okay ok tell describe
currently current still ever each per via vs versus is isn't aren't don't doesn't can't won't
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
sku skus
""".split())  # ("software SKUs": the trade's word for product lines, no topic of its own)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def corpus_vocabulary_of(texts) -> frozenset[str]:
    """Every word the texts use, lower-cased."""
    return frozenset(w.lower().strip(".,%$'") for t in texts for w in words(t))


def corpus_vocabulary(passages) -> frozenset[str]:
    """Every word the indexed passages use, lower-cased; built once per loaded index."""
    # The kind of source ("forum", "guide") is a word a question may use about the documents themselves.
    # So is a forum poster's badge ("Level 1 Contributor"), kept as the post's metadata.
    return corpus_vocabulary_of(f"{p.title} {p.section} {p.text} {p.kind} {(p.meta or {}).get('post_role', '')}"
                                for p in passages)


def _distinctive(raw: str) -> bool:
    """Names, codes and years carry the topic; plain amounts and lower-case words do not."""
    core = raw.strip(".,?!$%")
    if core.isdigit():
        return len(core) == 4 and core[:2] in ("19", "20")
    if any(c.isdigit() for c in core):
        return any(c.isalpha() for c in core) and not re.fullmatch(r"\d+(\.\d+)?[kmb]", core.lower())
    return core[:1].isupper()


_GREETING = re.compile(r"^\s*(?:hi|hello|hey|hiya|dear|greetings|good\s+(?:morning|afternoon|evening|day)|bonjour|hola|hallo|ciao|"
                       r"salut|salve|ol[aá]|namaste|moin|servus|hej|buenas|buenos\s+d[ií]as|buongiorno|goedemiddag|goedemorgen|"
                       r"bom\s+dia|boa\s+tarde|guten\s+tag|guten\s+morgen)\b[^,.!?:\n]{0,25}[,.!:\n-]+\s*", re.I)
# Words that close a message ("Thanks, Priya", "Cheers", "Merci"), in the languages partners write in.
SIGN_OFF_WORDS = (r"(?:thanks|thank\s+you|thx|ty|cheers|regards|best|kind\s+regards|many\s+thanks|br|merci|gracias|danke|grazie|"
                  r"obrigad[oa]|dank\s+je)")
_SIGN_OFF = re.compile(r"(?<=[.!?\n])\s*" + SIGN_OFF_WORDS + r"\b[^.?!\n]{0,30}[.!]?\s*$", re.I)


def without_greeting(message: str) -> str:
    """The message without a greeting before it or a sign-off after it ("Hi team, … Thanks, Priya"):
    their words ("team", a name) are not what is asked about."""
    return _SIGN_OFF.sub("", _GREETING.sub("", message, count=1), count=1).strip() or message


def asked_part(question: str) -> str:
    """The sentences that ask, when a message also holds context ("before my QBR, ..."); a question quoted
    from someone else ("Marta asks: 'If our CDA lapses, do we get paid late?'") is the one asked."""
    quoted = quoted_questions(question)
    if quoted:
        return " ".join(quoted)
    sentences = re.split(r"(?<=[.!?])\s+|\n+", question.strip())
    asked = [x for x in sentences if x.rstrip().endswith("?")]
    return " ".join(asked) if asked and len(asked) < len(sentences) else question


_QUOTED = re.compile(r"(?:^|(?<=[\s:(]))['\"‘“](?P<q>[^'\"’”]{8,}\?)['\"’”]")


def quoted_questions(text: str) -> list[str]:
    """Questions quoted from someone else: "Marta asks: 'If our CDA lapses, do we get paid late?'"."""
    return [m.group("q") for m in _QUOTED.finditer(text)]


_LEADING_CLAUSE = re.compile(r"^\s*(?:after|once|since|now\s+that|when|as|because|given\s+that|with)\b[^,?]{3,160},\s*"
                             r"(?=(?:how|what|when|where|which|who|why|is|are|do|does|did|can|could|should|will|would)\b)", re.I)


def main_clause(question: str) -> str:
    """The question without a leading clause of circumstances ("After our CDA got signed, how long ...?").
    A main clause that refers back ("when can we use it?") keeps the clause that names what it refers to."""
    rest = _LEADING_CLAUSE.sub("", question, count=1)
    return question if POINTS_BACK_WORD.search(rest) else rest


#: a word that stands for something named before it ("can we spend it right away?")
POINTS_BACK_WORD = re.compile(r"\b(?:it|its|they|them|this|that|these|those)\b", re.I)


def sentence_initial(question: str) -> set[int]:
    """Where each sentence starts: a capital there ("Besides", "Tier 1 vs ...") marks no name."""
    return {0, *(m.end() for m in re.finditer(r"[.!?:]\s+|\n+", question))}


MONTH_WORDS = frozenset(m.lower() for m in [*calendar.month_name, *calendar.month_abbr, "sept"] if m)
# A date that places the asker's own period ("our period ending December 2022", "as of March 2023").
_OWN_PERIOD = re.compile(r"\b(?:period|half|quarter|semester|earning\s+period|usage\s+period)\s+(?:ending|ended|ends|of|in|for|from)\b"
                         r"|\b(?:ending|ended|as\s+of|effective)\s+(?:\w+\s+)?(?:19|20)\d\d\b", re.I)


@lru_cache(maxsize=1)
def rules_from_year() -> int:
    """The year the earliest rule parameter takes effect: later years are covered by the rules in force."""
    from calculators.params import load_parameters

    return min(v.effective_from.year for p in load_parameters().values() for v in p.values)


_GUESSED = re.compile(r"\b(?:is|was|will\s+it\s+be)\s+(?:it|that|this)\s+(?:our|the|a|an|my)?\s*[\w\s-]{1,30}?\s+or\s+"
                      r"(?:someone|somebody|something|anyone|anybody|anything)\s+else\b", re.I)


def uncovered_terms(question: str, vocabulary: frozenset[str], translated: bool = False) -> list[str]:
    """Distinctive words of the question (names, codes, years) that no passage contains.

    Only the sentences that ask count: a name in the context around them ("I work at a reseller
    in Poland. What is the rate ...?") is not what is asked about. In a question put into English
    (`translated`), a word the glossary left as it was ("Arten", "Buenas") is a gap in the glossary,
    not a new topic: only a code or an acronym still names something the documents may not cover.
    """
    # ("who sends the invite? Is it our PDM or someone else?": a guess offered with its alternative is not the topic)
    question = _GUESSED.sub(" ", asked_part(question))
    starts = sentence_initial(question)
    # ("Specifically, could we…": the word that opens a sentence, without the comma after it)
    initial = {m.group().rstrip(",;:!?.") for m in re.finditer(r"\S+", question) if m.start() in starts
               and m.group()[:1].isupper() and not m.group().isupper() and not any(c.isdigit() for c in m.group())}
    missing = []
    for raw in words(question):
        if raw in initial:
            continue
        w = re.sub(r"'(s|re|ve|ll|d|t|m)$", "", raw.lower().strip(".,%$'?!"))
        if len(w) < MIN_SALIENT_LEN or w in _COMMON or w in vocabulary:
            continue
        if (w in MONTH_WORDS or (w.isdigit() and len(w) == 4 and int(w) >= rules_from_year())) and _OWN_PERIOD.search(question):
            continue  # "for our period ending December 2022": a date the rules in force then answer, not a topic
        if not _distinctive(raw):
            continue
        # A typo of a corpus word ("Dynamcis") is not a new topic.
        if w.isalpha() and process.extractOne(w, vocabulary, scorer=Levenshtein.distance,
                                              score_cutoff=max(1, len(w) // 4)):
            continue
        if w.rstrip("s") in vocabulary:
            continue
        if re.fullmatch(r"(?:mid|early|late|end|start|pre|post)-?(?:19|20)\d\d", w):
            continue  # "back in mid-2021": a time, which the rules in force then answer, not a topic
        # A compound of known words ("Azure-focused") names nothing new.
        if "-" in w and all(part.isdigit() or part in _COMMON or {part, part.rstrip("s"), part + "s"} & vocabulary
                            for part in w.split("-") if part):
            continue
        missing.append(raw.strip(".,?!"))
    return [m for m in missing if any(c.isdigit() for c in m) or m.isupper()] if translated else missing


# Words in any script ("DPORé" is one word, not "DPOR" and "é").
_ANY_WORD = re.compile(r"[^\W\d_][\w&'-]*")


def correct_typos(question: str, vocabulary: frozenset[str]) -> str:
    """The question with each misspelt name ("DPORé", "Dynamcis") read as the corpus word it is closest to.

    Only the distinctive words :func:`uncovered_terms` would otherwise forgive as typos: a
    lower-case word the documents do not use is left as it is.
    """
    starts = sentence_initial(question)

    def fix(m: re.Match) -> str:
        raw = m.group()
        w = raw.lower().strip(".,%$'?!")
        if len(w) < MIN_SALIENT_LEN + 1 or w in _COMMON or w in vocabulary or not w.isalpha() or not _distinctive(raw):
            return raw
        if w.rstrip("s") in vocabulary:
            return raw
        found = process.extractOne(w, vocabulary, scorer=Levenshtein.distance, score_cutoff=max(1, len(w) // 4))
        if not found or (m.start() in starts and found[0][:1] != w[:1]):
            # ("Apart from rebates, …" is no misspelt "part": a sentence's first word, capitalised as any is, is
            # corrected only as names are mistyped, past their first letter)
            return raw
        shouted = sum(c.isupper() for c in raw) > len(raw) / 2  # "DPORé" is the abbreviation DPOR
        return found[0].upper() if shouted else found[0][:1].upper() + found[0][1:]

    return _ANY_WORD.sub(fix, question)


def weak_support(hits: list[Hit]) -> bool:
    return not hits or max(h.similarity for h in hits) < MIN_SIMILARITY


_LONG_SHORT = re.compile(r"\b([A-Z][A-Za-z-]+(?:\s+(?:[A-Z][A-Za-z-]+|of|for|and|in|&)){1,6})\s+\(([A-Z][A-Za-z0-9]{1,7})\)")
_SHORT_LONG = re.compile(r"\b([A-Z][A-Za-z0-9]{1,7})\s+(?:\(|stands for\s+)([A-Z][A-Za-z-]+(?:\s+(?:[A-Z][A-Za-z-]+|of|for|and|in|&)){1,6})")


def _abbreviates(short: str, long: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", long) if w[0].isupper()).lower()
    short = short.lower().rstrip("s")
    return short == initials or (len(short) >= 2 and initials.startswith(short[:2]) and short[-1] in initials)


# An abbreviation used in more than this share of passages needs no spelling out to be found.
COMMON_SHARE = 0.2


def acronyms_in(passages) -> dict[str, str]:
    """Abbreviations the documents define ("Cloud Distributor Agreement (CDA)", "DPOR stands for …").

    Only the rarer ones: spelling out an abbreviation the whole corpus uses ("CSP") would
    drag in words that say nothing about the question.
    """
    found: dict[str, str] = {}
    for p in passages:
        for text in (p.section, p.text):
            pairs = _LONG_SHORT.findall(text) + [(long, short) for short, long in _SHORT_LONG.findall(text)]
            for long, short in pairs:
                # Keep only real abbreviations of the phrase, not any capitalised words in brackets.
                if _abbreviates(short, long):
                    found.setdefault(short.lower(), long)
    limit = COMMON_SHARE * len(passages)
    return {short: long for short, long in found.items()
            if sum(bool(re.search(rf"\b{re.escape(short)}\b", p.text, re.I)) for p in passages) <= limit}
