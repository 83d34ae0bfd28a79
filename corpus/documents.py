"""What the corpus is made of: Documents (one per file or thread) and Passages (chunks)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def content_hash(*parts: str) -> str:
    """Stable id for a piece of content: the same text from the same source gives the same id."""
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Section:
    """A run of text under one heading path (and, for PDFs, on one page)."""

    heading_path: tuple[str, ...]
    text: str
    page: int | None = None
    #: structure the text does not spell out, e.g. a forum post's ``post_role``, ``accepted``,
    #: ``posted_at`` and ``is_question``; passages cut from the section carry it in their meta
    meta: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Document:
    """One loaded file: its metadata and its text split by heading."""

    doc_id: str
    title: str
    source: str  # corpus-relative path, the ingested file path, or a URL
    kind: str  # guide | forum | glossary | text | html | pdf | markdown
    sections: tuple[Section, ...]
    meta: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)


@dataclass(frozen=True)
class Passage:
    """A chunk small enough to embed, with everything a citation needs."""

    id: str
    doc_id: str
    title: str
    source: str
    section: str  # heading path joined with " > "
    text: str
    page: int | None = None
    kind: str = "text"
    meta: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def search_text(self) -> str:
        """Text the indexes see: title and section add context the chunk itself may lack."""
        return f"{self.title}. {self.section}. {self.text}"

    @property
    def keyword_text(self) -> str:
        """What keyword search sees: the search text and, for a forum post, who posted it ("Community
        Manager"), so a question naming the poster finds the post. Embeddings keep `search_text`."""
        role = (self.meta or {}).get("post_role")
        return f"{self.search_text} {role}" if role else self.search_text
