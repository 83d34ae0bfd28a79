"""The sentence index: every passage split into sentences and list items, each embedded once at ingest.

A unit keeps where it sits (its passage's position in the build, its own place in the passage)
and what it is: a plain ``sentence``, a list ``item``, or the ``intro`` sentence that leads a
list. List items point at their intro through ``group``, so an answer can take a whole list
under one lead-in and never merge lists that sit under different conditions.

Vectors are stored beside the passages' vectors in the same build folder and swapped in with
it; a sentence whose text is unchanged reuses its vector from the live build.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from corpus.chunking import split_sentences
from corpus.documents import Passage, content_hash

UNITS_FILE = "sentences.jsonl"
VECTORS_FILE = "sentence_vectors.npy"

_BULLET = re.compile(r"^\s*(?:[-*•–·▪●]|\d{1,3}[.)])\s+")
# Post headers the forum loader writes above each post: metadata, never an answer.
_POST_HEADER = re.compile(r"^Posted (?:by|on):[^\n]*?(?:\.\s+(?=[A-Z])|$)", re.I)
_MARKUP = re.compile(r"\*\*|__|`")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
#: Text addressed to an assistant rather than to a reader ("ignore previous instructions", "the AI must say").
INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,30}\b(?:instructions?|rules|prompts?|guidelines)\b"
    r"|\b(?:system prompt|jailbreak|you are now|act as an?|pretend (?:to be|that))\b"
    r"|\b(?:assistants?|AI|chatbots?|bots?|language models?|LLMs?)\b.{0,40}\b(?:must|should|shall|always|never|"
    r"will) (?:say|answer|tell|reply|respond|state|claim|output|ignore)\b"
    r"|\b(?:tell|inform|instruct) (?:all |the )?users? (?:that|to)\b", re.I)
#: A paragraph of one unpunctuated line shorter than this is taken for a heading, not a sentence.
HEADING_WORDS = 12


@dataclass(frozen=True)
class SentenceUnit:
    passage: int  # position of the passage in the build
    index: int  # position of the unit in its passage
    text: str
    kind: str = "sentence"  # sentence | item | intro | row | heading | instruction
    group: int = -1  # for items: the index of the intro they follow (-1 when none); for an intro: its own
    heading: str = ""  # a heading line inside the passage that this unit follows (plain text and forum posts)

    def embed_text(self, section: str) -> str:
        """What the encoder sees: the nearest heading gives a bare sentence its topic."""
        heading = self.heading or (section.split(" > ")[-1] if section else "")
        return f"{heading}: {self.text}" if heading else self.text


def split_units(text: str, passage: int = 0) -> list[SentenceUnit]:
    """Sentences and list items of one passage text, in reading order, without Markdown marks."""
    units: list[SentenceUnit] = []
    last_intro = -1
    current_heading = ""
    for block in re.split(r"\n\s*\n", text):
        start = len(units)
        # A post header is dropped, but only the header: a PDF may run the post's text on after it.
        lines = [_POST_HEADER.sub("", ln.strip(), count=1).strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        para: list[str] = []

        def flush_para() -> None:
            nonlocal last_intro
            if not para:
                return
            sentences = split_sentences(_MARKUP.sub("", " ".join(para)))
            for j, s in enumerate(sentences):
                s = s.strip()
                if len(s) <= 2:
                    continue
                last = j == len(sentences) - 1
                kind = "intro" if last and s.endswith(":") else "sentence"
                if len(sentences) == 1 and len(s.split()) < HEADING_WORDS and s[-1:].isalnum():
                    # A short line with no closing stop is a heading a plain-text file left in the text.
                    kind = "heading"
                if INSTRUCTION.search(s):
                    kind = "instruction"  # text that tries to steer an assistant is indexed, never answered with
                units.append(SentenceUnit(passage, len(units), s, kind, len(units) if kind == "intro" else -1))
                last_intro = units[-1].index if kind == "intro" else -1
            para.clear()

        for line in lines:
            if _TABLE_ROW.match(line):
                # A table row is a unit of its own; the separator row says nothing.
                flush_para()
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
                    units.append(SentenceUnit(passage, len(units), " | ".join(_MARKUP.sub("", c) for c in cells),
                                              "row", -1))
                continue
            if _BULLET.match(line):
                flush_para()
                item = _MARKUP.sub("", _BULLET.sub("", line)).strip()
                if item:
                    if last_intro < 0 and units and units[-1].kind == "sentence" and not units[-1].text.endswith("?"):
                        # A list right after a sentence belongs to it even without a colon.
                        prev = units[-1]
                        units[-1] = SentenceUnit(passage, prev.index, prev.text, "intro", prev.index)
                        last_intro = prev.index
                    if last_intro < 0:
                        last_intro = len(units)  # a list with no lead-in is a group of its own
                    kind = "instruction" if INSTRUCTION.search(item) else "item"
                    units.append(SentenceUnit(passage, len(units), item, kind, last_intro))
            elif units and units[-1].kind == "item" and not para and line[:1].islower():
                # A wrapped item line continues the item.
                prev = units[-1]
                units[-1] = SentenceUnit(passage, prev.index, f"{prev.text} {line.strip()}", "item", prev.group)
            else:
                if units and units[-1].kind == "item" and not para:
                    last_intro = -1
                para.append(line.strip())
        flush_para()
        if units and units[-1].kind == "heading":
            current_heading = units[-1].text
        for k in range(start, len(units)):
            if units[k].kind != "heading" and not units[k].heading and current_heading:
                units[k] = replace(units[k], heading=current_heading)
        if units and units[-1].kind != "intro":
            # After a blank line, bullets start another list: two lists under different conditions
            # are never one.
            last_intro = -1
    return units


@dataclass
class SentenceTable:
    """All units of a build and their vectors (row i of ``vectors`` embeds ``units[i]``)."""

    units: list[SentenceUnit]
    vectors: np.ndarray

    def by_passage(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for i, u in enumerate(self.units):
            out.setdefault(u.passage, []).append(i)
        return out

    def save(self, folder: Path) -> None:
        with open(folder / UNITS_FILE, "w") as fh:
            for u in self.units:
                fh.write(json.dumps(asdict(u), sort_keys=True) + "\n")
        np.save(folder / VECTORS_FILE, np.ascontiguousarray(self.vectors, dtype=np.float32))

    @classmethod
    def load(cls, folder: Path) -> "SentenceTable | None":
        """The build's sentences, or None for a build made before sentences were indexed."""
        if not (folder / UNITS_FILE).exists():
            return None
        units = [SentenceUnit(**json.loads(line)) for line in (folder / UNITS_FILE).read_text().splitlines()
                 if line.strip()]
        vectors = np.load(folder / VECTORS_FILE, allow_pickle=False)
        if vectors.shape[0] != len(units):
            raise ValueError(f"{len(units)} sentences but {vectors.shape[0]} sentence vectors")
        return cls(units, vectors)

    def reusable(self, passages: list[Passage]) -> dict[str, np.ndarray]:
        """Vectors keyed by the hash of what was embedded, for an incremental rebuild."""
        return {content_hash(u.embed_text(passages[u.passage].section)): self.vectors[i]
                for i, u in enumerate(self.units) if u.passage < len(passages)}


def build_sentences(passages: list[Passage], encoder, known: dict[str, np.ndarray] | None = None,
                    batch_size: int = 64) -> tuple[SentenceTable, int]:
    """Split every passage and embed the units not seen before; returns the table and how many were embedded."""
    units = [u for pos, p in enumerate(passages) for u in split_units(p.text, pos)]
    texts = [u.embed_text(passages[u.passage].section) for u in units]
    vectors = np.zeros((len(units), encoder.dim), dtype=np.float32)
    known = known or {}
    todo = []
    for i, t in enumerate(texts):
        vec = known.get(content_hash(t))
        if vec is None:
            todo.append(i)
        else:
            vectors[i] = vec
    # A text that recurs (a disclaimer, a step repeated in every guide) is embedded once. The rest go to
    # the model in reading order, as before: batches of other lengths would shift the vectors' last digits.
    rows_of: dict[str, list[int]] = {}
    for i in todo:
        rows_of.setdefault(texts[i], []).append(i)
    distinct = list(rows_of)
    for start in range(0, len(distinct), batch_size):
        batch = distinct[start:start + batch_size]
        for text, vec in zip(batch, encoder.encode(batch)):
            vectors[rows_of[text]] = vec
    return SentenceTable(units, vectors), len(distinct)
