"""Helpers shared by the loaders: the error type, reading text, slugs, and building sections."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from corpus.documents import Section


class LoadError(Exception):
    """A file that could not be turned into a Document; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


def slugify(text: str) -> str:
    """Lower-case id made of letters, digits, '-' and '_' (``"My Guide v2" -> "my-guide-v2"``)."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
    return slug or "document"


def read_bytes(path: Path) -> bytes:
    """Read a file, turning OS errors into LoadError and refusing empty files."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LoadError(path, "file not found") from None
    except IsADirectoryError:
        raise LoadError(path, "is a directory, not a file") from None
    except OSError as e:
        raise LoadError(path, f"cannot be read ({e.strerror or e})") from e
    if not data.strip():
        raise LoadError(path, "file is empty")
    return data


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1252; binary content is refused."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Exports from Windows tools are often cp1252; NUL bytes mean it was never text.
        if b"\x00" in data:
            raise LoadError(path, "not a text file (binary content)") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise LoadError(path, "not valid UTF-8 text") from None
    if "\x00" in text:
        raise LoadError(path, "not a text file (binary content)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError(path, "file is empty")
    return text


def plain_meta(value):
    """Make YAML/JSON values safe to store as JSON (dates become ISO strings)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_meta(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_meta(v) for v in value]
    return value


class SectionBuilder:
    """Collects headings and paragraphs in reading order and emits Sections with heading paths.

    The title heading (the document's leading level-1 heading) is not repeated in the paths of
    the headings below it, since every Passage carries the title anyway; text directly under it
    gets the path ``(title,)``.
    """

    def __init__(self) -> None:
        self._stack: list[tuple[int, str]] = []
        self._root: tuple[str, ...] = ()
        self._seen_heading = False
        self._paras: list[str] = []
        self._page: int | None = None
        self._sections: list[Section] = []

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(t for _, t in self._stack) if self._stack else self._root

    def heading(self, level: int, text: str, *, is_title: bool = False) -> None:
        self._flush()
        if is_title and not self._seen_heading:
            self._root = (text,)
        else:
            while self._stack and self._stack[-1][0] >= level:
                self._stack.pop()
            self._stack.append((level, text))
        self._seen_heading = True

    def paragraph(self, text: str) -> None:
        if text.strip():
            self._paras.append(text.strip())

    def page(self, number: int) -> None:
        """Start a new page: the heading path carries over, the text does not."""
        self._flush()
        self._page = number

    def _flush(self) -> None:
        if self._paras:
            self._sections.append(Section(self.path, "\n\n".join(self._paras), self._page))
        self._paras = []

    def finish(self) -> tuple[Section, ...]:
        self._flush()
        return tuple(self._sections)


LIST_ITEM = re.compile(r"^\s*(?:[•\-*–·▪●○►]|\d{1,3}[.)]|[a-z][.)])\s+")


def split_blocks(text: str) -> list[list[str]]:
    """Split plain text into blocks of non-blank lines (a blank line ends a block)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def unwrap(lines: list[str]) -> str:
    """Join hard-wrapped lines into one paragraph, but keep each list item on its own line."""
    out: list[str] = []
    in_list = False
    for line in lines:
        item = bool(LIST_ITEM.match(line))
        # After a list item, a capitalised line is new text rather than the item's wrapped tail.
        ends_list = in_list and line[:1].isupper() and not out[-1].endswith((",", ";", "&", "-", "/", "("))
        in_list = item or (in_list and not ends_list)
        if out and not item and not ends_list:
            # A line ending in "-" was split at a hyphen ("co-" / "op"): keep the hyphen, drop the gap.
            out[-1] = out[-1] + line if out[-1].endswith("-") else f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)
