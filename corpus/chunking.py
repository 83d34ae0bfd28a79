"""Heading-aware chunking: Sections become Passages of at most ``max_words`` words, never crossing sections."""
from __future__ import annotations

import re

from corpus.documents import Document, Passage, Section, content_hash

# Sentence ends that are not: "e.g. the", "Inc. and", "No. 5".
_ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "vs.", "inc.", "ltd.", "co.", "no.", "approx.", "fig.", "mr.", "ms.", "dr."}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9$•])")
_LIST_ITEM = re.compile(r"\n(?=\s*(?:[-*•–·▪●]|\d{1,3}[.)])\s)")
#: Sections shorter than this are folded into a following sub-section (e.g. "You need:" + list).
TINY_SECTION_WORDS = 8


def _words(text: str) -> int:
    return len(text.split())


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; list items count as sentences of their own."""
    out: list[str] = []
    for part in _LIST_ITEM.split(text):
        start = 0
        for m in _SENTENCE_END.finditer(part):
            last_word = part[start : m.start()].split()[-1:] or [""]
            if last_word[0].lower() in _ABBREVIATIONS:
                continue
            out.append(part[start : m.end()].strip())
            start = m.end()
        out.append(part[start:].strip())
    return [s for s in out if s]


def _units(text: str, max_words: int) -> list[tuple[str, bool]]:
    """Pieces no longer than max_words: whole paragraphs where they fit, else sentences, else word runs.

    Each piece says whether a paragraph break comes before it.
    """
    units: list[tuple[str, bool]] = []
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if not para:
            continue
        if _words(para) <= max_words:
            units.append((para, True))
            continue
        for i, sentence in enumerate(split_sentences(para)):
            words = sentence.split()
            for j in range(0, len(words), max_words):
                units.append((" ".join(words[j : j + max_words]), i == 0 and j == 0))
    return units


def _join(units: list[tuple[str, bool]]) -> str:
    text = ""
    for piece, para_break in units:
        text += (("\n\n" if para_break else " ") if text else "") + piece
    return text


def _tail(text: str, overlap_words: int) -> str:
    """The last whole sentences of a chunk that fit in overlap_words (empty if even one is too long)."""
    kept: list[str] = []
    for sentence in reversed(split_sentences(text.split("\n\n")[-1])):
        if _words(sentence) + sum(map(_words, kept)) > overlap_words:
            break
        kept.insert(0, sentence)
    return " ".join(kept)


def split_text(text: str, max_words: int = 160, overlap_words: int = 30) -> list[str]:
    """Split one section's text into chunks of at most max_words words, with a small sentence overlap."""
    chunks: list[str] = []
    current: list[tuple[str, bool]] = []
    size = 0
    for unit in _units(text, max_words):
        n = _words(unit[0])
        if current and size + n > max_words:
            chunks.append(_join(current))
            tail = _tail(chunks[-1], overlap_words) if overlap_words > 0 else ""
            current, size = ([(tail, False)], _words(tail)) if tail and _words(tail) + n <= max_words else ([], 0)
        current.append(unit)
        size += n
    if current:
        chunks.append(_join(current))
    return chunks


def _merge_tiny(sections: tuple[Section, ...]) -> list[Section]:
    """Fold a tiny section into the next one when that one is its own sub-section on the same page."""
    out: list[Section] = []
    carry: Section | None = None
    for s in sections:
        if not s.text.strip():
            continue
        if carry is not None:
            if s.heading_path[: len(carry.heading_path)] == carry.heading_path and s.page == carry.page:
                s = Section(s.heading_path, f"{carry.text}\n\n{s.text}", s.page, {**carry.meta, **s.meta})
            else:
                out.append(carry)
            carry = None
        if _words(s.text) < TINY_SECTION_WORDS:
            carry = s
        else:
            out.append(s)
    if carry is not None:
        out.append(carry)
    return out


def chunk_document(doc: Document, max_words: int = 160, overlap_words: int = 30) -> list[Passage]:
    """Turn a Document into Passages that keep its title, section path, page, kind and meta.

    :raises ValueError: when max_words is not positive or overlap_words is negative or >= max_words.
    """
    if max_words <= 0:
        raise ValueError("max_words must be greater than 0.")
    if not 0 <= overlap_words < max_words:
        raise ValueError("overlap_words must be at least 0 and less than max_words.")
    passages: list[Passage] = []
    seen: set[str] = set()
    for section in _merge_tiny(doc.sections):
        label = " > ".join(section.heading_path)
        for text in split_text(section.text, max_words, overlap_words):
            pid = content_hash(doc.source, doc.doc_id, label, text)
            if pid in seen:  # the same text twice under one heading adds nothing to search
                continue
            seen.add(pid)
            passages.append(
                Passage(pid, doc.doc_id, doc.title, doc.source, label, text, section.page, doc.kind,
                        {**doc.meta, **section.meta})
            )
    return passages
