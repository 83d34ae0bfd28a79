"""Turn files into an index: discover, load, chunk, embed what changed, swap in."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from corpus.bundled import bundled_files, bundled_source
from corpus.chunking import chunk_document
from corpus.discovery import discover
from corpus.loaders import SUPPORTED_SUFFIXES, LoadError, load_documents
from index.build import IndexedDocument, Progress, build_index
from index.encoder import Encoder
from index.store import IndexStore

BUNDLED = "bundled"


@dataclass
class IngestReport:
    files: int = 0
    documents: int = 0
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    build_id: str = ""
    roots: list[str] = field(default_factory=list)
    # Passages stating a rate or threshold that contradicts the rule in force (calculators/params).
    conflicts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "files": self.files, "documents": self.documents, "passages": self.passages,
            "embedded": self.embedded, "reused": self.reused,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "seconds": round(self.seconds, 2), "build_id": self.build_id, "roots": self.roots,
            "conflicts": self.conflicts,
        }


class NothingToIngestError(ValueError):
    """No readable file was found among the given paths."""


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _tracked_roots(store: IndexStore, paths: list[Path], bundled: bool | None) -> list[str]:
    """Which roots the new index covers: the live index's roots plus new paths, or only the new paths."""
    previous: list[str] = []
    if store.exists():
        try:
            previous = list(store.read_manifest().get("roots", []))
        except Exception:
            previous = []
    given = [str(p.expanduser().resolve()) for p in paths]
    if bundled is None and not given:
        bundled = True  # a plain rebuild always includes the bundled corpus
    if bundled is False:
        return given or [r for r in previous if r != BUNDLED]
    roots = previous or [BUNDLED]
    if bundled and BUNDLED not in roots:
        roots = [BUNDLED, *roots]
    for g in given:
        if g not in roots:
            roots.append(g)
    return roots


def _root_labels(roots: list[str]) -> dict[str, str]:
    """The folder name each root is cited under; a repeated name gets a number."""
    labels, used = {}, set()
    for root in roots:
        if root == BUNDLED:
            continue
        name, n = Path(root).name or "files", 1
        label = name
        while label in used:
            n += 1
            label = f"{name}-{n}"
        used.add(label)
        labels[root] = label
    return labels


def _discover(roots: list[str], report: IngestReport, suffixes: frozenset[str]) -> list[tuple[Path, str]]:
    """Files to load with the source each is cited as; missing roots and refused files are reported."""
    found: list[tuple[Path, str]] = []
    labels = _root_labels(roots)
    for root in roots:
        if root == BUNDLED:
            found += [(p, bundled_source(p)) for p in bundled_files()]
            continue
        path = Path(root)
        if not path.exists():
            report.skipped.append((root, "path no longer exists; its passages were removed"))
            continue
        files, refused = discover(path, suffixes, labels[root] if path.is_dir() else None)
        found += [(f.path, f.source) for f in files]
        report.skipped += [(s.name, s.reason) for s in refused]
    seen: set[Path] = set()
    unique = []
    for path, source in found:
        real = path.resolve()
        if real not in seen:  # a link to a file in the same folder is read once
            seen.add(real)
            unique.append((path, source))
    return unique


def ingest(store: IndexStore, encoder: Encoder, paths: list[Path] | None = None,
           bundled: bool | None = None, progress: Progress | None = None,
           batch_size: int = 32, suffixes: frozenset[str] = SUPPORTED_SUFFIXES) -> IngestReport:
    """(Re)build the index over the tracked roots; unchanged files are neither re-read nor re-embedded."""
    report = IngestReport()
    for p in paths or []:
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
    roots = _tracked_roots(store, list(paths or []), bundled)
    report.roots = roots
    previous = {}
    live_passages: dict[str, list] = {}
    try:
        live = store.load(encoder.name, encoder.dim)
        previous = live.manifest.get("documents", {})
        for p in live.passages:
            live_passages.setdefault(f"{p.source}#{p.doc_id}", []).append(p)
    except Exception:
        pass
    documents: list[IndexedDocument] = []
    for path, source in _discover(roots, report, frozenset(suffixes)):
        report.files += 1
        try:
            digest = _file_hash(path)
        except OSError as exc:
            report.skipped.append((source, f"cannot read file: {exc.strerror or exc}"))
            continue
        keys = [k for k, v in previous.items() if v.get("hash") == digest and v.get("source") == source]
        if keys and all(k in live_passages for k in keys):
            for k in keys:
                meta = previous[k]
                documents.append(IndexedDocument(k, source, digest, meta["doc_id"], meta["title"],
                                                 tuple(live_passages[k])))
            continue
        try:
            docs = load_documents(path, source=source)
        except LoadError as exc:
            report.skipped.append((source, exc.reason))
            continue
        for doc in docs:
            passages = tuple(chunk_document(doc))
            if passages:
                documents.append(IndexedDocument(f"{doc.source}#{doc.doc_id}", doc.source, digest,
                                                 doc.doc_id, doc.title, passages))
            else:
                report.skipped.append((source, "no text to index"))
    if not documents:
        raise NothingToIngestError(
            "Nothing to index: none of the given files could be loaded"
            + ("; " + "; ".join(f"{n}: {r}" for n, r in report.skipped) if report.skipped else ".")
        )
    result = build_index(store, documents, encoder, {"roots": roots}, progress, batch_size)
    report.documents, report.passages = result.documents, result.passages
    report.embedded, report.reused = result.embedded, result.reused
    report.seconds, report.build_id = result.seconds, result.build_id
    if result.sentences is not None:
        from assistant.answering.trust import find_conflicts

        report.conflicts = [c.describe() for c in find_conflicts(result.indexed, result.sentences.units)]
    return report


def embed_router_examples(store: IndexStore, encoder: Encoder) -> None:
    """Embed the router's labelled examples now, so that the server's start-up reads them back."""
    from assistant.core import examples_cache
    from assistant.understanding.router import load_examples
    from index.encoder import StoredBatches

    StoredBatches(encoder, examples_cache(store.folder)).encode([text for text, _ in load_examples()])
