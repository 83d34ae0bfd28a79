"""The index on disk: builds written aside, a manifest, and an atomic swap of the CURRENT pointer."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from corpus.documents import Passage, content_hash
from index.bm25 import BM25Index
from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.sentences import SentenceTable

#: 2: a passage's meta carries the structure of its section (a forum post's role, accepted flag, date,
#: whether it is the question) instead of marker lines in its text.
FORMAT_VERSION = 2
CURRENT = "CURRENT"


@dataclass(frozen=True)
class LoadedIndex:
    """A build read back from disk, ready to search."""

    folder: Path
    manifest: dict
    passages: list[Passage]
    vectors: np.ndarray
    bm25: BM25Index
    sentences: SentenceTable | None = None  # None for builds made before sentences were indexed


@dataclass
class BuildResult:
    build_id: str
    documents: int
    passages: int
    embedded: int
    reused: int
    seconds: float
    manifest: dict = field(default_factory=dict)
    indexed: list = field(default_factory=list, repr=False)  # the passages, for checks after a build
    sentences: SentenceTable | None = field(default=None, repr=False)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def vector_key(p: Passage) -> str:
    return content_hash(p.search_text)


class IndexStore:
    """Owns one index folder: reads the live build, writes new builds, swaps them in."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.builds = self.folder / "builds"

    def current_build(self) -> Path | None:
        pointer = self.folder / CURRENT
        if not pointer.exists():
            return None
        try:
            name = pointer.read_text().strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise IndexCorruptError(self.folder, f"the {CURRENT} pointer cannot be read") from exc
        if not name:
            return None
        # A build is a folder directly under builds/: a pointer elsewhere ("../x", "/etc") is damage.
        if "/" in name or "\\" in name or name.startswith("."):
            raise IndexCorruptError(self.folder, f"the {CURRENT} pointer names no build")
        return self.builds / name

    def pointer_mtime(self) -> float:
        try:
            return (self.folder / CURRENT).stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def exists(self) -> bool:
        try:
            build = self.current_build()
        except IndexCorruptError:
            return False
        return build is not None and (build / "manifest.json").exists()

    def read_manifest(self) -> dict:
        build = self.current_build()
        if build is None:
            raise IndexMissingError(self.folder)
        try:
            return json.loads((build / "manifest.json").read_text())
        except FileNotFoundError as exc:
            raise IndexCorruptError(self.folder, f"build {build.name} has no manifest") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise IndexCorruptError(self.folder, "manifest.json is not valid JSON") from exc

    def load(self, model: str | None = None, dim: int | None = None) -> LoadedIndex:
        """Read the live build; refuse it if it was made by another model or is damaged."""
        manifest = self.read_manifest()
        build = self.current_build()
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexCorruptError(self.folder, f"unknown index format {manifest.get('format')!r}")
        if model is not None and dim is not None and (
            manifest.get("model") != model or manifest.get("dim") != dim
        ):
            raise IndexMismatchError(manifest.get("model"), manifest.get("dim"), model, dim)
        try:
            passages = [
                Passage(**json.loads(line))
                for line in (build / "passages.jsonl").read_text().splitlines() if line.strip()
            ]
            vectors = np.load(build / "vectors.npy", allow_pickle=False)
            bm25 = BM25Index.load(build / "bm25")
            sentences = SentenceTable.load(build)
        except FileNotFoundError as exc:
            raise IndexCorruptError(self.folder, f"missing file {Path(exc.filename).name}") from exc
        except Exception as exc:  # any parse failure means the build cannot be trusted
            raise IndexCorruptError(self.folder, f"{type(exc).__name__}: {exc}") from exc
        expected = manifest.get("counts", {}).get("passages")
        if len(passages) != expected or vectors.shape[0] != expected or bm25.size != expected:
            raise IndexCorruptError(
                self.folder,
                f"manifest lists {expected} passages, found {len(passages)} passages, "
                f"{vectors.shape[0]} vectors and {bm25.size} keyword entries",
            )
        if expected and (vectors.ndim != 2 or vectors.shape[1] != manifest.get("dim")):
            raise IndexCorruptError(self.folder, "vector dimension differs from the manifest")
        if not np.isfinite(vectors).all():
            raise IndexCorruptError(self.folder, "vectors.npy holds values that are not numbers")
        if sentences is not None and (sentences.units and max(u.passage for u in sentences.units) >= expected
                                      or sentences.vectors.shape[0] and sentences.vectors.shape[1] != manifest.get("dim")):
            raise IndexCorruptError(self.folder, "the sentence index does not match the passages")
        return LoadedIndex(build, manifest, passages, vectors, bm25, sentences)

    def reusable_vectors(self, model: str, dim: int) -> dict[str, np.ndarray]:
        """Vectors of the live build keyed by passage text hash, when it used the same model."""
        return self.reusable(model, dim)[0]

    def reusable(self, model: str, dim: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        """Passage and sentence vectors of the live build keyed by text hash, when it used the same model."""
        try:
            live = self.load(model, dim)
        except Exception:
            return {}, {}
        passages = {vector_key(p): live.vectors[i] for i, p in enumerate(live.passages)}
        sentences = live.sentences.reusable(live.passages) if live.sentences is not None else {}
        return passages, sentences

    def write_build(self, passages: list[Passage], vectors: np.ndarray, manifest: dict,
                    sentences: SentenceTable | None = None) -> str:
        """Write a complete build aside, then swap the pointer; a crash before the swap changes nothing."""
        self.builds.mkdir(parents=True, exist_ok=True)
        # One writer at a time: a second ingest waits rather than pruning the first one's staging folder.
        # The OS drops the lock when a process dies, so a killed ingest never blocks the next.
        with open(self.folder / ".write.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return self._write_locked(passages, vectors, manifest, sentences)

    def _write_locked(self, passages: list[Passage], vectors: np.ndarray, manifest: dict,
                      sentences: SentenceTable | None) -> str:
        build_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        staging = self.builds / f".staging-{build_id}"
        staging.mkdir()
        with open(staging / "passages.jsonl", "w") as fh:
            for p in passages:
                fh.write(json.dumps(asdict(p), sort_keys=True) + "\n")
        np.save(staging / "vectors.npy", np.ascontiguousarray(vectors, dtype=np.float32))
        BM25Index.build([p.keyword_text for p in passages]).save(staging / "bm25")
        if sentences is not None:
            sentences.save(staging)
        _write_json(staging / "manifest.json", {**manifest, "format": FORMAT_VERSION, "build_id": build_id})
        final = self.builds / build_id
        os.replace(staging, final)
        _fsync_dir(self.builds)
        tmp = self.folder / f"{CURRENT}.tmp-{build_id}"
        tmp.write_text(build_id)
        with open(tmp) as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.folder / CURRENT)  # the atomic step: readers see old or new, never half
        _fsync_dir(self.folder)
        self._prune(keep={build_id})
        return build_id

    def _prune(self, keep: set[str]) -> None:
        """Remove superseded builds and staging folders left by killed ingests."""
        for child in self.builds.iterdir():
            if child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)
        for tmp in self.folder.glob(f"{CURRENT}.tmp-*"):
            tmp.unlink(missing_ok=True)
