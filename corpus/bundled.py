"""The corpus shipped with the project: program guides, forum answers and the glossary."""
from __future__ import annotations

from pathlib import Path

from corpus.documents import Document
from corpus.loaders import LoadError, load_file

#: The corpus package folder, holding guides/, forum/ and glossary/.
BUNDLED_ROOT = Path(__file__).resolve().parent
SUBFOLDERS = ("guides", "forum", "glossary")


def bundled_files() -> list[Path]:
    """The bundled Markdown files, sorted, without READMEs or hidden files."""
    files: list[Path] = []
    for sub in SUBFOLDERS:
        folder = BUNDLED_ROOT / sub
        if folder.is_dir():
            files += sorted(
                p for p in folder.rglob("*.md")
                if p.name.lower() != "readme.md" and not any(x.startswith(".") for x in p.relative_to(folder).parts)
            )
    return files


def bundled_source(path: Path) -> str:
    """The repository-relative source shown in citations, e.g. ``corpus/guides/coop-funds-guide.md``.

    :raises ValueError: when the path is not inside the bundled corpus.
    """
    rel = Path(path).resolve().relative_to(BUNDLED_ROOT)
    return f"corpus/{rel.as_posix()}"


def load_bundled() -> tuple[list[Document], list[LoadError]]:
    """Load every bundled file with its repository-relative source and its file stem as doc_id."""
    docs: list[Document] = []
    errors: list[LoadError] = []
    for path in bundled_files():
        try:
            docs.append(load_file(path, source=bundled_source(path), doc_id=path.stem))
        except LoadError as e:
            errors.append(e)
    return docs, errors
