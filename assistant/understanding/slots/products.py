"""Product mentions (with abbreviations and typos) and products the sources give no rate for."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from assistant.understanding.lexicon import LEXICON
from calculators.products import products

PRODUCT_NAMES = {key: product.name for key, product in products().items()}

# Aliases in normalised form (lower case, single spaces). Longest matches win. Looser than the
# calculator catalogue's synonyms (typos, casual forms) yet stricter about bare words: in a chat,
# "office" or "software" alone usually is not a product line.
# One alias table: the calculators' catalogue synonyms (data shared with resolve_product), less the
# words too generic to name a product alone in a chat. Longest matches win.
ALIASES: dict[str, list[str]] = {
    key: [s for s in product.synonyms if s not in LEXICON["generic_product_words"]]
    for key, product in products().items()
}

UNKNOWN_ALIASES: dict[str, list[str]] = LEXICON["unlisted_products"]

_FUZZY_STOP = {"dynamic", "secure", "assure", "azured", "office", "offices", "strategy", "softer",
               "reserve", "reserved", "dynamo", "dynamite", "insure", "mature", "nature", "future"}


@dataclass(frozen=True)
class ProductMention:
    """A product key and where it was said."""

    key: str
    start: int
    end: int
    matched: str


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9]+", text)]


def _alias_regex(aliases: dict[str, list[str]]) -> list[tuple[str, re.Pattern]]:
    pairs = [(a, k) for k, names in aliases.items() for a in names]
    pairs.sort(key=lambda p: -len(p[0]))
    out = []
    for alias, key in pairs:
        # ("the 'strategic' Software in CSP subscriptions": a word of the name set in quotes is still part of it)
        body = r"[\s\-'‘’\"“”]*".join(re.escape(part) for part in alias.split(" "))
        out.append((key, re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", re.I)))
    return out


_KNOWN = _alias_regex(ALIASES)
_UNKNOWN = _alias_regex(UNKNOWN_ALIASES)
_RIS = re.compile(r"(?<![A-Za-z0-9])RIs?(?![A-Za-z0-9])")
_FUZZ_TARGETS = [(a, k) for k, names in ALIASES.items() for a in names if len(a.replace(" ", "")) >= 5]


@lru_cache(maxsize=None)
def _fuzz_targets(words: int, size: int) -> tuple[tuple[str, str], ...]:
    """The targets of `words` words within 2 characters of `size`, in _FUZZ_TARGETS order (the scan's inner loop)."""
    return tuple((a, k) for a, k in _FUZZ_TARGETS if a.count(" ") == words - 1 and abs(len(a) - size) <= 2)


def _scan(text: str, table, taken: list[tuple[int, int]]) -> list[ProductMention]:
    out = []
    for key, rx in table:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            out.append(ProductMention(key, m.start(), m.end(), m.group(0)))
    return out


def _fuzzy(text: str, taken: list[tuple[int, int]]) -> list[ProductMention]:
    toks = _tokens(text)
    out = []
    for n in (4, 3, 2, 1):
        for i in range(len(toks) - n + 1):
            s, e = toks[i][1], toks[i + n - 1][2]
            if any(a < e and s < b for a, b in taken):
                continue
            words = [t[0] for t in toks[i:i + n]]
            cand = " ".join(words)
            if len(cand) < 5 or (n == 1 and cand in _FUZZY_STOP) or cand.isdigit():
                continue
            numbered = any(w.isdigit() for w in words)
            best = None
            for alias, key in _fuzz_targets(n, len(cand)):
                if numbered and not any(c.isdigit() for c in alias):
                    continue  # a number is no part of a name without one ("reserved): $18" is not "reserved vm")
                limit = 1 if len(alias) < 9 else 2
                d = OSA.distance(cand, alias, score_cutoff=limit)
                if d <= limit and d > 0 and cand[0] == alias[0] and (best is None or d < best[0]):
                    best = (d, key)
            if best:
                taken.append((s, e))
                out.append(ProductMention(best[1], s, e, text[s:e]))
    return out


@lru_cache(maxsize=512)
def _mentions(text: str) -> tuple[list[ProductMention], list[ProductMention]]:
    taken: list[tuple[int, int]] = []
    unknown = _scan(text, _UNKNOWN, taken)  # "m365 copilot" is Copilot, not Microsoft 365
    known = _scan(text, _KNOWN, taken)
    for m in _RIS.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            taken.append((m.start(), m.end()))
            known.append(ProductMention("azure_ri", m.start(), m.end(), m.group(0)))
    known = _prefer_longer_typos(text, known)
    known = sorted(known + _fuzzy(text, taken), key=lambda p: p.start)
    ris = [p for p in known if p.key == "azure_ri"]
    azures = [p for p in known if p.key == "azure" and any(_adjacent(text, p, r) for r in ris)]
    # "Azure RI consumption": one mention from "Azure" on, so "20k of Azure RI consumption" joins the amount to it
    known = [next((ProductMention("azure_ri", a.start, p.end, text[a.start:p.end]) for a in azures
                   if a.end <= p.start and not text[a.end:p.start].strip()), p) if p.key == "azure_ri" else p
             for p in known if p not in azures]
    unknown = [u for u in unknown if not _describes(text, u, known)]
    return tuple(known), tuple(sorted(unknown, key=lambda p: p.start))


def _describes(text: str, mention: ProductMention, known: list[ProductMention]) -> bool:
    """A name in brackets right after a listed product says what that product covers: "Software in
    CSP (Windows Server and SQL licences)" is one line of Software in CSP, not a product without a rate."""
    cue = _CONTENTS_CUE.search(text, max(0, mention.start - 40), mention.start)
    if cue and not re.search(r"[\d.;!?\n]", text[cue.end():mention.start]):
        # "Software in CSP: 240k billed, mostly SQL Server and Windows Server subscriptions": what the line held
        lo = max(text.rfind(c, 0, cue.start()) for c in ".;!?\n")
        if any(lo < k.end <= cue.start() for k in known) and not any(cue.end() <= k.start < mention.start for k in known):
            return True
    opened, closed = text.rfind("(", 0, mention.start), text.find(")", mention.end)
    if opened == -1 or closed == -1 or ")" in text[opened:mention.start] or re.search(r"\d", text[opened:closed]):
        return False
    return any(k.end <= opened and re.fullmatch(r"\s*(?:[A-Za-z-]+\s*){0,2}", text[k.end:opened]) for k in known)


# Words that say what a billed line is made of: "..., mostly SQL Server", "such as Windows Server".
_CONTENTS_CUE = re.compile(r"\b(?:mostly|mainly|primarily|largely|chiefly|predominantly|such\s+as|e\.g\.|i\.e\.|including|namely|"
                           r"consisting\s+of|made\s+up\s+of|mostly\s+for|mainly\s+for)(?=\s|,|:)", re.I)


def _prefer_longer_typos(text: str, exact: list[ProductMention]) -> list[ProductMention]:
    """"Stratgeic Software in CSP" is Strategic Software with a typo, not "Software in CSP" with a stray word.

    A multi-word alias matched with a small edit distance over a longer span wins over the
    shorter exact alias it contains.
    """
    toks = _tokens(text)
    out = list(exact)
    for n in (4, 3):
        for i in range(len(toks) - n + 1):
            s, e = toks[i][1], toks[i + n - 1][2]
            inner = [m for m in out if s <= m.start and m.end <= e and (m.end - m.start) < (e - s)]
            if not inner:
                continue
            cand = " ".join(t[0] for t in toks[i:i + n])
            for alias, key in _FUZZ_TARGETS:
                if alias.count(" ") != n - 1 or key == inner[0].key or abs(len(alias) - len(cand)) > 2:
                    continue
                if cand[0] == alias[0] and 0 < OSA.distance(cand, alias, score_cutoff=2) <= 2:
                    out = [m for m in out if m not in inner] + [ProductMention(key, s, e, text[s:e])]
                    break
    return out


# "to" before the product billing moves to, in the languages partners write ("RIs auf Azure" is still RIs on Azure)
_MOVED_TO = re.compile(r"\s*(?:auf|zu|nach|para|à|en|a|hacia|verso|naar)\s*", re.I)
# Words that join two products rather than describe one ("Azure and RIs" is two lines).
_JOINS = re.compile(r"^(?:and|or|plus|vs\.?|versus|then|with|but|not|&|\+|/|were|was|is|are|be|been|became|become|into|to|instead|than|as|had|have)$", re.I)


def _adjacent(text: str, a: ProductMention, b: ProductMention) -> bool:
    """"Azure RIs", "RIs on Azure", "Azure 3-year RI": one product named in parts."""
    gap = text[a.end:b.start] if a.end <= b.start else text[b.end:a.start]
    if a.end <= b.start and _MOVED_TO.fullmatch(gap):
        return False  # "Azure auf Reserved Instances umstellen": billing moved to the second, as written in other languages
    # ("instancias reservadas de VM de Azure", "reserved instances of VMs on Azure")
    if re.fullmatch(r"\s*(?:(?:on|in|for|of|from|de|en|da|di|von|van)\s+)?(?:(?:vms?|virtual\s+machines?)\s+"
                    r"(?:on|in|for|of|from|de|en|da|di|von|van)\s*)?", gap, re.I):
        return True
    words = gap.split()
    if re.search(r"[()]|\b(?:not|no|non|excl\w*|except|but|onto|into|to|than|versus|vs|instead|were|was|had\s+been|fueran|fuera|étaient|était|wären|wäre|fossem|fosse)\b", gap, re.I):
        return False  # "Azure (not RIs)": the second name is set apart from the first
    # A short modifier between them ("3-year", "VM"), never a joining word, a list comma or an amount.
    return (len(words) <= 2 and "," not in gap and not any(_JOINS.match(w) for w in words)
            and not any(re.search(r"\d[\d.,]*\s*(?:k|m|usd)?$", w, re.I) and not re.search(r"[a-z]{2,}", w, re.I)
                        for w in words))


def parse_products(text: str) -> list[ProductMention]:
    """Known product mentions in text order (exact aliases first, then typo-tolerant matches)."""
    return list(_mentions(text)[0])


def parse_unknown_products(text: str) -> list[ProductMention]:
    """Products named in the text that the sources give no incentive rate for."""
    return list(_mentions(text)[1])
