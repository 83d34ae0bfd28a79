"""Turn files into Documents: pick a loader by suffix, report bad files by name, keep going.

>>> sorted(SUPPORTED_SUFFIXES)[:3]
['.htm', '.html', '.json']
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from corpus.documents import Document
from corpus.loaders._common import LoadError, slugify
from corpus.loaders.forum import structure_thread, threads_from_json
from corpus.loaders.html import load_html
from corpus.loaders.markdown import load_markdown
from corpus.loaders.pdf import load_pdf
from corpus.loaders.text import load_text

__all__ = ["LoadError", "SUPPORTED_SUFFIXES", "load_file", "load_documents", "load_many", "iter_files"]

# Each loader takes (path, source, doc_id); the JSON one returns a list (an export may hold many threads).
_LOADERS: dict[str, Callable[[Path, str, str], Document | list[Document]]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".json": threads_from_json,
}
#: File suffixes (lower case, with the dot) that a loader exists for.
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_LOADERS)


def load_documents(path: Path, source: str | None = None, doc_id: str | None = None) -> list[Document]:
    """Load every Document a file holds (a forum JSON export may hold several threads).

    :param source: what citations show; defaults to the path as given.
    :param doc_id: defaults to a slug of the file name without its suffix.
    :raises LoadError: unsupported suffix, or an empty, unreadable or corrupt file.
    """
    path = Path(path)
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        shown = path.suffix or "(no suffix)"
        raise LoadError(path, f"unsupported file type {shown}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}")
    if not path.exists():
        raise LoadError(path, "file not found")
    source = str(path) if source is None else source
    doc_id = slugify(path.stem) if doc_id is None else doc_id
    try:
        result = loader(path, source, doc_id)
    except LoadError:
        raise
    except Exception as e:
        # Loaders parse untrusted files; whatever slips past their checks is still this file's fault.
        raise LoadError(path, f"could not be loaded ({type(e).__name__}: {e})") from e
    docs = result if isinstance(result, list) else [result]
    # A forum page saved as HTML or PDF keeps the thread's posts: record them as metadata, as the forum loaders do.
    return [d if d.kind == "forum" else replace(d, sections=structure_thread(d.sections)) for d in docs]


def load_file(path: Path, source: str | None = None, doc_id: str | None = None) -> Document:
    """Load a file that holds one Document; use :func:`load_documents` for multi-thread exports.

    :raises LoadError: as :func:`load_documents`, or when the file holds several documents.
    """
    docs = load_documents(path, source, doc_id)
    if len(docs) != 1:
        raise LoadError(path, f"holds {len(docs)} documents; use load_documents() to load them all")
    return docs[0]


def iter_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders recursively (sorted, hidden files and folders skipped); files are kept as given.

    Inside a folder only regular files whose real place is in that folder are listed: links
    out of it, pipes and devices are left out (see :mod:`corpus.discovery`, which also says why).
    """
    from corpus.discovery import discover

    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # Every suffix present passes, so that load_many reports unsupported files instead of hiding them.
            present = frozenset(f.suffix.lower() for f in p.rglob("*"))
            found, _ = discover(p, present)
            base = p.resolve()
            out += sorted(p / f.path.relative_to(base) for f in found)
        else:
            out.append(p)  # a missing file is kept so that load_many reports it
    return out


def load_many(paths: Iterable[Path]) -> tuple[list[Document], list[LoadError]]:
    """Load files and folders, collecting one LoadError per bad file instead of stopping."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for path in iter_files(paths):
        try:
            docs.extend(load_documents(path))
        except LoadError as e:
            errors.append(e)
    return docs, errors
