"""The index on disk: refusals with a way out, and swaps that never leave a half-built index."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant.ingest import ingest
from index.encoder import FakeEncoder
from index.errors import IndexCorruptError, IndexMismatchError, IndexMissingError
from index.search import HybridSearcher
from index.store import IndexStore

from .conftest import FailingEncoder

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def built(tmp_path, docs_dir):
    store = IndexStore(tmp_path / "index")
    ingest(store, FakeEncoder(), [docs_dir], bundled=False)
    return store


def test_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexMissingError, match="csp-assistant ingest"):
        HybridSearcher(IndexStore(tmp_path / "nowhere"), FakeEncoder())


def test_index_built_with_another_model_is_refused(built):
    with pytest.raises(IndexMismatchError) as err:
        HybridSearcher(built, FakeEncoder(dim=32, name="other-model"))
    message = str(err.value)
    assert "fake-hash-encoder" in message and "other-model" in message
    assert "csp-assistant ingest" in message


def test_same_name_other_dimension_is_refused(built):
    with pytest.raises(IndexMismatchError, match="dimension 64"):
        HybridSearcher(built, FakeEncoder(dim=128))


@pytest.mark.parametrize("damage", ["truncated_passages", "bad_manifest", "missing_vectors"])
def test_corrupt_index_is_refused_with_rebuild_hint(built, damage):
    build = built.current_build()
    if damage == "truncated_passages":
        lines = (build / "passages.jsonl").read_text().splitlines()
        (build / "passages.jsonl").write_text("\n".join(lines[:-1]) + "\n")
    elif damage == "bad_manifest":
        (build / "manifest.json").write_text("{not json")
    else:
        (build / "vectors.npy").unlink()
    with pytest.raises(IndexCorruptError, match="csp-assistant ingest"):
        HybridSearcher(built, FakeEncoder())


def test_manifest_records_model_dimension_hashes_counts_and_time(built):
    manifest = built.read_manifest()
    assert manifest["model"] == "fake-hash-encoder" and manifest["dim"] == 64
    assert manifest["counts"]["documents"] == 3 and manifest["counts"]["passages"] > 0
    assert all(len(d["hash"]) == 16 for d in manifest["documents"].values())
    assert manifest["built_at"] and manifest["corpus_hash"]


def test_crash_during_rebuild_leaves_the_old_index_serving(built, docs_dir):
    before = built.current_build()
    (docs_dir / "new.txt").write_text("Brand New Topic\n\nA freshly added note about the quarterly fee waiver.\n")
    with pytest.raises(RuntimeError, match="simulated crash"):
        ingest(built, FailingEncoder(fail_after=0), [docs_dir], bundled=False)
    assert built.current_build() == before
    hits = HybridSearcher(built, FakeEncoder()).search("When are widget rebates paid?", 3)
    assert "quarter" in hits[0].passage.text


SLOW_INGEST = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from assistant.ingest import ingest
    from index.encoder import FakeEncoder
    from index.store import IndexStore

    class Slow(FakeEncoder):
        def encode(self, texts):
            Path(sys.argv[2]).touch()  # tell the test that embedding has started
            time.sleep(0.2)
            return super().encode(texts)

    ingest(IndexStore(Path(sys.argv[1])), Slow(), [Path(sys.argv[3])], bundled=False, batch_size=1)
""")


def test_killed_ingest_leaves_the_old_index_answering(built, docs_dir, tmp_path):
    before = built.current_build()
    for i in range(40):
        (docs_dir / f"extra{i}.txt").write_text(f"Extra Note {i}\n\nFiller paragraph number {i} about topic {i}.\n")
    started = tmp_path / "started"
    script = tmp_path / "slow_ingest.py"
    script.write_text(SLOW_INGEST)
    proc = subprocess.Popen([sys.executable, str(script), str(built.folder), str(started), str(docs_dir)],
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    deadline = time.monotonic() + 60
    while not started.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the ingest never reached the embedding step"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert built.current_build() == before
    searcher = HybridSearcher(built, FakeEncoder())
    assert not any("extra" in p.source for p in searcher.passages)
    assert "nine to five" in searcher.search("When is the partner desk open?", 3)[0].passage.text
    # The next ingest succeeds and clears what the killed one left behind.
    ingest(built, FakeEncoder(), [docs_dir], bundled=False)
    assert [p.name for p in built.builds.iterdir()] == [built.current_build().name]
