"""Markdown files with optional YAML front matter; headings (#, ##, ###, setext) become the section path."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from corpus.documents import Document
from corpus.loaders.forum import mark_asker, structure_post
from corpus.loaders._common import LoadError, SectionBuilder, plain_meta, read_text

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
# In forum threads only these headings start a post; any other heading stays inside the post text.
_POST = re.compile(r"^(question|answer\b.*)$", re.IGNORECASE)


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    """Return (front matter mapping, body); a file without front matter gives ({}, text)."""
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        raise LoadError(path, "front matter is not closed with a '---' line")
    raw, body = text[4 : 4 + end.start()], text[4 + end.end() :]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise LoadError(path, f"invalid YAML front matter{where}: {getattr(e, 'problem', e)}") from e
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise LoadError(path, "front matter must be a mapping of keys to values")
    return data, body


def load_markdown(path: Path, source: str, doc_id: str) -> Document:
    """Load one Markdown file into a Document (kind from front matter, else "markdown")."""
    front, body = split_front_matter(read_text(path), path)
    meta = plain_meta({k: v for k, v in front.items()})
    if "source" in meta:
        meta["original_source"] = meta.pop("source")
    kind = str(front.get("kind") or "markdown")
    title = str(front.get("title") or "").strip()
    sections, first_h1 = _sections(body, forum=kind == "forum")
    if kind == "forum":
        sections = mark_asker(structure_post(sec, n) for n, sec in enumerate(sections))
    title = title or first_h1 or path.stem
    if not sections:
        raise LoadError(path, "no text found")
    return Document(doc_id, title, source, kind, sections, meta)


def _sections(body: str, forum: bool):
    builder = SectionBuilder()
    first_h1: str | None = None
    para: list[str] = []
    fence: str | None = None

    def flush() -> None:
        builder.paragraph("\n".join(para))
        para.clear()

    def heading(level: int, text: str, raw: str) -> None:
        nonlocal first_h1
        if forum and not _POST.match(text):
            if level == 1 and first_h1 is None:
                first_h1 = text  # a thread's own title line, not a post
            else:
                para.append(raw)
            return
        flush()
        is_title = level == 1 and first_h1 is None and not forum
        if is_title:
            first_h1 = text
        builder.heading(level, text, is_title=is_title)

    for line in body.split("\n"):
        if fence:
            para.append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if m := _FENCE.match(line):
            fence = m.group(1)[:3]
            para.append(line)
        elif m := _ATX.match(line):
            heading(len(m.group(1)), m.group(2).strip(), line)
        elif (m := _SETEXT.match(line)) and len(para) == 1 and para[0].strip():
            text = para.pop().strip()
            heading(1 if m.group(1)[0] == "=" else 2, text, text)
        elif line.strip():
            para.append(line.rstrip())
        else:
            flush()
    flush()
    return builder.finish(), first_h1
