"""Plain-text files: bare-line headings are detected, forum threads are handed to the forum parser."""
from __future__ import annotations

import re
from pathlib import Path

from corpus.documents import Document
from corpus.loaders import forum
from corpus.loaders._common import LIST_ITEM, LoadError, SectionBuilder, read_text, split_blocks, unwrap

# Words that stay lower-case in a Title-Case heading ("Choosing the Right Competency Level").
_SMALL = set(
    "a an and as at but by for from in into is of on or per the to vs via with your our their its "
    "are be can how what when why who which that this than".split()
)
_TERMINAL = tuple(".,;:!")
_WORD = re.compile(r"[A-Za-z0-9][\w'’&/-]*")


def _title_case_ratio(line: str) -> float:
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL]
    if not words:
        return 0.0
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised / len(words)


def _is_paragraph(block: list[str] | None) -> bool:
    """A real paragraph: several lines, or one long line that ends like a sentence."""
    if not block:
        return False
    words = sum(len(line.split()) for line in block)
    return words >= 15 or (words >= 6 and block[-1].endswith((".", "?", "!", ":")))


def is_heading_line(line: str, next_block: list[str] | None, *, title_ratio: float = 0.7) -> bool:
    """Heuristic for a bare-line heading: short, no end punctuation, Title-Case or leading a paragraph."""
    line = line.strip()
    words = line.split()
    if not 1 <= len(words) <= 14 or len(line) > 100 or len(line) < 3:
        return False
    if line.endswith(_TERMINAL) or LIST_ITEM.match(line) and not re.match(r"^\d{1,2}[.)] \S", line):
        return False
    if "http" in line or "@" in line or not (line[0].isupper() or line[0].isdigit()):
        return False
    ratio = _title_case_ratio(line)
    if line.endswith("?"):
        # Questions are headings only in FAQ-style Title Case; otherwise they are prose.
        return ratio >= 0.9 and _is_paragraph(next_block)
    if ratio >= title_ratio:
        return True
    # Sentence-case headings ("Recent changes to eligibility") need a paragraph to lead.
    return len(words) <= 8 and _is_paragraph(next_block)


def load_text(path: Path, source: str, doc_id: str) -> Document:
    """Load a plain-text guide (or a forum thread, detected by its role lines) into a Document."""
    text = read_text(path)
    if forum.looks_like_thread(text):
        return forum.thread_from_text(text, path, source, doc_id)
    blocks = split_blocks(text)
    builder = SectionBuilder()
    title: str | None = None
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if len(block) == 1 and is_heading_line(block[0], nxt):
            heading = block[0].strip()
            builder.heading(1, heading, is_title=title is None)
            title = title or heading
        else:
            builder.paragraph(unwrap(block))
    sections = builder.finish()
    if not sections:
        raise LoadError(path, "no text found (only headings)")
    return Document(doc_id, title or path.stem, source, "text", sections, {})
