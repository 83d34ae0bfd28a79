"""Incremental ingest: unchanged files cost nothing, changed files replace, removed files go."""
from __future__ import annotations

import pytest

from assistant.ingest import NothingToIngestError, ingest
from index.search import HybridSearcher
from index.store import IndexStore


def sources(store, encoder):
    return {p.source for p in HybridSearcher(store, encoder).passages}


def test_first_ingest_embeds_every_passage_and_reports_counts(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    report = ingest(store, counting_encoder, [docs_dir], bundled=False)
    assert report.files == 3 and report.documents == 3
    sentences = store.read_manifest()["counts"]["sentences"]
    # Every passage and every sentence is embedded once (sentences for answering without a model call).
    assert report.embedded == report.passages > 0
    assert counting_encoder.calls == report.passages + sentences > report.passages
    assert report.skipped == []


def test_reingesting_unchanged_files_embeds_nothing(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    first = ingest(store, counting_encoder, [docs_dir], bundled=False)
    counting_encoder.calls = 0
    again = ingest(store, counting_encoder, [docs_dir], bundled=False)
    assert counting_encoder.calls == 0
    assert again.embedded == 0 and again.reused == first.passages


def test_changed_file_replaces_its_passages(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    ingest(store, counting_encoder, [docs_dir], bundled=False)
    (docs_dir / "support.txt").write_text(
        "Support Handbook\n\nOpening Hours\n\nThe partner desk now answers tickets every day of the week.\n"
    )
    counting_encoder.calls = 0
    report = ingest(store, counting_encoder, [docs_dir], bundled=False)
    texts = " ".join(p.text for p in HybridSearcher(store, counting_encoder).passages)
    assert "every day of the week" in texts
    assert "duty manager" not in texts
    assert 0 < report.embedded < report.passages
    # Only the changed file's passages and sentences are embedded again.
    assert report.embedded < counting_encoder.calls < report.passages + store.read_manifest()["counts"]["sentences"]


def test_removed_file_passages_are_dropped(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    ingest(store, counting_encoder, [docs_dir], bundled=False)
    (docs_dir / "faq.html").unlink()
    ingest(store, counting_encoder, [], bundled=False)
    assert not any(s.endswith("faq.html") for s in sources(store, counting_encoder))


def test_plain_rebuild_brings_back_the_bundled_corpus_and_keeps_added_files(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    ingest(store, counting_encoder, [docs_dir], bundled=False)
    ingest(store, counting_encoder)
    found = sources(store, counting_encoder)
    assert any(s.startswith("corpus/guides/") for s in found)
    assert any(s.endswith("rebates.md") for s in found)


def test_bad_files_are_named_with_a_reason_and_the_rest_still_ingested(tmp_path, docs_dir, counting_encoder):
    (docs_dir / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage that ends abruptly")
    (docs_dir / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    store = IndexStore(tmp_path / "index")
    report = ingest(store, counting_encoder, [docs_dir], bundled=False)
    skipped = dict(report.skipped)
    assert set(skipped) == {"docs/broken.pdf", "docs/notes.docx"}
    assert "pdf" in skipped["docs/broken.pdf"].lower()
    assert "allow-list" in skipped["docs/notes.docx"].lower()
    assert report.documents == 3


def test_adding_a_path_keeps_the_bundled_corpus(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    ingest(store, counting_encoder, [docs_dir / "rebates.md"])
    found = sources(store, counting_encoder)
    assert any(s.startswith("corpus/glossary/") for s in found)
    assert any(s.endswith("rebates.md") for s in found)


def test_no_bundled_indexes_only_the_given_paths(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    ingest(store, counting_encoder, [docs_dir], bundled=False)
    assert not any(s.startswith("corpus/") for s in sources(store, counting_encoder))


def test_nothing_loadable_is_an_error_that_names_the_files(tmp_path, counting_encoder):
    bad = tmp_path / "only.docx"
    bad.write_bytes(b"nope")
    with pytest.raises(NothingToIngestError, match="only.docx"):
        ingest(IndexStore(tmp_path / "index"), counting_encoder, [bad], bundled=False)


def test_missing_path_is_an_error(tmp_path, counting_encoder):
    with pytest.raises(FileNotFoundError, match="no such file"):
        ingest(IndexStore(tmp_path / "index"), counting_encoder, [tmp_path / "absent"], bundled=False)


def test_links_out_of_the_folder_and_special_files_are_never_read(tmp_path, docs_dir, counting_encoder):
    import os

    secret = tmp_path / "outside" / "secrets.env"
    secret.parent.mkdir()
    secret.write_text("CSP_SLACK_SIGNING_SECRET=do-not-index-me\n")
    (tmp_path / "outside" / "notes.md").write_text("# Outside\n\nThe outside folder says hello-outside.\n")
    (docs_dir / "env.txt").symlink_to(secret)
    (docs_dir / "passwd.md").symlink_to("/etc/passwd")
    (docs_dir / "elsewhere").symlink_to(tmp_path / "outside", target_is_directory=True)
    (docs_dir / "same.md").symlink_to(docs_dir / "rebates.md")  # inside: read once, from its real place
    os.mkfifo(docs_dir / "pipe.txt")
    store = IndexStore(tmp_path / "index")
    report = ingest(store, counting_encoder, [docs_dir], bundled=False)
    skipped = dict(report.skipped)
    assert "outside" in skipped["docs/env.txt"] and "outside" in skipped["docs/passwd.md"]
    assert "outside" in skipped["docs/elsewhere"] and "regular file" in skipped["docs/pipe.txt"]
    passages = HybridSearcher(store, counting_encoder).passages
    text = " ".join(p.text for p in passages)
    assert "do-not-index-me" not in text and "root:" not in text and "hello-outside" not in text
    assert report.documents == 3
    # Citations name files relative to the ingested folder, never the server's absolute paths.
    assert {p.source for p in passages} <= {"docs/rebates.md", "docs/support.txt", "docs/faq.html",
                                            "docs/same.md"} and not any(p.source.startswith("/") for p in passages)


def test_the_suffix_allow_list_is_a_setting(tmp_path, docs_dir, counting_encoder):
    store = IndexStore(tmp_path / "index")
    report = ingest(store, counting_encoder, [docs_dir], bundled=False, suffixes=frozenset({".md"}))
    assert report.documents == 1
    assert all("allow-list" in reason for _, reason in report.skipped)
