"""A question written in Spanish, Portuguese, French, German, Italian or Dutch, in the English the documents use.

The embedding model and the documents are English, so a fact question in another language is searched
and answered in its English form, word for word from a glossary of the program's vocabulary (see
``glossary.yaml``, with everyday words per language in ``glossary_words.yaml``). Only a message that
reads as written in one of those languages is rewritten: English with a foreign word or two ("what's
the umbral?") is left alone.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.understanding.language import identify

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")
#: everyday words per language, beneath the program's vocabulary
WORDS_FILE = Path(__file__).with_name("glossary_words.yaml")
#: at least this many marker words, and this share of the words, make a message foreign
MIN_MARKERS = 2
MIN_SHARE = 0.15
#: when the markers fall short, the language model must be this sure, over at least this many words
MODEL_MIN_PROBABILITY = 0.9
MODEL_MIN_WORDS = 4
#: with no marker word and no letter English does not write, a longer message and a surer model
MODEL_SURE_WORDS = 8
MODEL_SURE = 0.995
#: a letter English does not write: with a marker word, a reason to ask the language model
_NOT_ENGLISH_LETTER = re.compile(r"[àâáãäçéèêëíìîïñóòôõöúùûüßœ]", re.I)
# words only English writes ("in", "is", "we", "a", "do" are words of Dutch, German, Italian or Portuguese too)
_ENGLISH_FUNCTION_WORDS = frozenset("the are were our what how which when does did of and for with that this you your can would "
                                    "should have has my".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_ELISION = re.compile(r"(?<![\w'’])((?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|nell|dall|sull|all|un)['’])(?=[^\W\d_])", re.I)


@lru_cache(maxsize=1)
def _data() -> dict:
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    everyday = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    markers = dict(data["markers"])
    for lang, words in (everyday.get("markers") or {}).items():
        markers[lang] = list(markers.get(lang, ())) + list(words)
    return {**data, "markers": markers, "words": everyday.get("words") or {}}


def _split_elisions(text: str) -> str:
    """"l'invitation" -> "l' invitation": an elided article is a word of its own, in the text and the keys alike."""
    return _ELISION.sub(r"\1 ", text)


@lru_cache(maxsize=1)
def _markers() -> dict[str, frozenset[str]]:
    return {lang: frozenset(w.lower() for w in ws) for lang, ws in _data()["markers"].items()}


@lru_cache(maxsize=8)
def _glossary(lang: str) -> tuple[re.Pattern, dict[str, str]]:
    """The pattern and table that put a message in ``lang`` into English: the program's vocabulary wins
    over the everyday words of the language."""
    data = _data()
    own = {_split_elisions(k.lower()): v for k, v in (data["words"].get(lang) or {}).items()}
    table = dict(own)
    # a short function word the shared phrases read as Spanish or French ("en" -> "in") keeps the meaning
    # the message's own language gives it (Dutch "en" -> "and")
    table.update({k2: v for k, v in data["phrases"].items()
                  if not ((k2 := _split_elisions(k.lower())) in own and " " not in k2 and len(k2) <= 4)})
    # a part of a hyphenated compound is a word too ("CSP-Incentive-Programm")
    pattern = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+")
                                                       for k in sorted(table, key=len, reverse=True)) + r")(?![\w'’])", re.I)
    return pattern, table


@lru_cache(maxsize=512)  # one message is read by several mechanisms in the same turn
def language_of(text: str) -> str | None:
    """"es", "pt", "fr", "de" or "it" when the message is written mostly in that language, else None."""
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in markers for w in words) for lang, markers in _markers().items()}
    lang = max(counts, key=counts.get)
    hits = counts[lang]
    if hits >= MIN_MARKERS and hits >= MIN_SHARE * len(words):
        return lang
    unmarked = not (hits or _NOT_ENGLISH_LETTER.search(text))
    if len(words) < (MODEL_SURE_WORDS if unmarked else MODEL_MIN_WORDS):
        return None
    if unmarked and sum(w in _ENGLISH_FUNCTION_WORDS for w in words) >= 2:
        return None  # English function words and nothing foreign: no need to ask the model
    guess, probability = identify(text)
    # a sentence with no marker word of ours ("potete calcolarmi l'incentivo… usando le percentuali") is
    # taken as foreign only when the model is all but certain
    return guess if guess in counts and probability >= (MODEL_SURE if unmarked else MODEL_MIN_PROBABILITY) else None


def without_false_friends(text: str) -> str:
    """The text with words that only look like English denials masked ("completos no PIExp"), same length."""
    lang = language_of(text)
    found = _false_friends().get(lang) if lang else None
    if not found:
        return text
    friends, pattern = found
    return pattern.sub(lambda m: friends[m.group().lower()].ljust(len(m.group())), text)


@lru_cache(maxsize=1)
def _false_friends() -> dict[str, tuple[dict[str, str], re.Pattern]]:
    out = {}
    for lang, words in (_data().get("false_friends") or {}).items():
        friends = {k.lower(): v for k, v in words.items()}
        out[lang] = friends, re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, friends)) + r")(?![\w'’-])", re.I)
    return out


def groups_thousands_with_dots(text: str) -> bool:
    """The message is in a language that writes a hundred and fifty thousand as "150.000"."""
    return language_of(text) in _thousands_dot()


# "65.000": a number grouped in threes by dots, with nothing after it that makes it a decimal or a date
_DOTTED = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)")


def in_conversation_style(text: str, language: str | None) -> str:
    """The message with its dot-grouped numbers read as the conversation writes them: after "Facturamos
    50.000 USD", a bare "¿y si hubieran sido 65.000?" means sixty-five thousand too."""
    if language not in _thousands_dot() or language_of(text) is not None:
        return text
    return _DOTTED.sub(lambda m: m.group().replace(".", ""), text)


@lru_cache(maxsize=1)
def _thousands_dot() -> frozenset[str]:
    return frozenset(_data().get("thousands_dot") or ())


def scale_of(word: str, text: str) -> int | None:
    """A scale word's value in the message's language ("mil" in a Spanish message is a thousand), or None."""
    lang = language_of(text)
    return _scales().get(lang, {}).get(word.lower()) if lang else None


@lru_cache(maxsize=1)
def _scales() -> dict[str, dict[str, int]]:
    data = _data().get("scales") or {}
    return {lang: {k.lower(): int(v) for k, v in words.items()} for lang, words in data.items()}


def reads_foreign(text: str) -> bool:
    """The message is written mostly in Spanish, Portuguese, French, German, Italian or Dutch."""
    return language_of(text) is not None


def _same_case(source: str, english: str, before: str) -> str:
    """"A partir de quanto" -> "From how much": a capital that starts a sentence stays, so sentences still split
    (a German noun's capital mid-sentence names nothing, and is not kept)."""
    starts = not before.strip(" ¿¡") or before.rstrip(" ¿¡")[-1:] in ".!?\n"
    return english[:1].upper() + english[1:] if starts and source[:1].isupper() and english[:1].islower() else english


@lru_cache(maxsize=512)  # the router reads a message's English form for its flags, the fact answer for its search
def in_english(text: str) -> str:
    """The message in the documents' English when it reads as foreign; otherwise unchanged."""
    lang = language_of(text)
    if lang is None:
        return text
    pattern, table = _glossary(lang)
    text = _split_elisions(text)
    if lang in _COMPOUNDING:
        text = _plural_nouns(_suspended_compounds(_hyphen_joins(text, table), table), table)
    out = pattern.sub(lambda m: _same_case(m.group(), table[re.sub(r"\s+", " ", m.group().lower())], text[:m.start()]), text)
    return re.sub(r"[ \t]{2,}", " ", out.replace("¿", "").replace("¡", "")).strip()


#: languages that join nouns into compounds and inflect them with a suffix
_COMPOUNDING = {"de": ("e", "en", "n", "s", "es"), "nl": ("en", "s", "n")}
# "Bank- und Steuerprofile", "bank- en belastinggegevens": the first word's head is the second's
_SUSPENDED = re.compile(r"(?<![\w-])([^\W\d_]{3,})-\s+(und|oder|sowie|en|of)\s+([^\W\d_]{5,})", re.I)


def _known(word: str, table: dict[str, str], lang_suffixes=()) -> str | None:
    """The glossary key a word is, as written or with a plural or case ending taken off."""
    low = word.lower()
    if low in table:
        return low
    return next((low[:-len(e)] for e in lang_suffixes if low.endswith(e) and len(low) - len(e) >= 6
                 and low[:-len(e)] in table), None)


# "Office-365-Kunden", "Gold-Kompetenz": a name joined by a hyphen to the noun it qualifies
_JOINED = re.compile(r"(?<=[\w])-(?=([^\W\d_]{4,})\b)")


def _hyphen_joins(text: str, table: dict[str, str]) -> str:
    """"Office-365-Kunden" -> "Office-365 Kunden": the hyphen of a compound whose head the glossary knows reads as
    a space, as English writes the words apart ("Office 365 customers")."""
    suffixes = _COMPOUNDING["de"] + _COMPOUNDING["nl"]
    return _JOINED.sub(lambda m: " " if _known(m.group(1), table, suffixes) else "-", text)


def _suspended_compounds(text: str, table: dict[str, str]) -> str:
    """"Bank- und Steuerprofile" -> "Bankprofile und Steuerprofile", when the glossary knows the compound made."""
    def whole(m: re.Match) -> str:
        first, joint, second = m.groups()
        for cut in range(1, len(second) - 3):
            head = second[cut:]
            if _known(first + head, table, _COMPOUNDING["de"] + _COMPOUNDING["nl"]):
                return f"{first}{head} {joint} {second}"
        return m.group(0)
    return _SUSPENDED.sub(whole, text)


def _plural_nouns(text: str, table: dict[str, str]) -> str:
    """"Steuerprofile" -> "Steuerprofil": a noun the glossary holds in its singular, written with an ending."""
    suffixes = _COMPOUNDING["de"] + _COMPOUNDING["nl"]
    return _WORD.sub(lambda m: m.group() if m.group().lower() in table or len(m.group()) < 7
                     else (_known(m.group(), table, suffixes) or m.group()), text)
