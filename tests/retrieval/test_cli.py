"""The CLI as an operator uses it: ingest, search, ask, with clear errors."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main


@pytest.fixture
def cli(monkeypatch, tmp_path):
    monkeypatch.setenv("CSP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CSP_EMBEDDING_MODEL", "fake-hash-encoder")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return run


def test_ingest_then_search_and_ask(cli):
    built = cli("ingest", "--json")
    assert built.exit_code == 0, built.output
    summary = json.loads(built.output)
    assert summary["files"] >= 10 and summary["passages"] > 50 and summary["skipped"] == []

    found = cli("search", "Digital Partner of Record", "--json")
    rows = json.loads(found.output)
    assert rows[0]["doc_id"] == "terms" and rows[0]["score"] is not None

    asked = cli("ask", "What does DPOR stand for?", "--json")
    answer = json.loads(asked.output)
    assert set(answer) >= {"answer", "citations", "figures", "tool", "eligible", "abstained", "session_id"}
    assert "Digital Partner of Record" in answer["answer"] and "[1]" in answer["answer"]
    assert answer["citations"][0]["source"] == "corpus/glossary/terms.md"


def test_ingest_summary_lists_skipped_files_with_reasons(cli, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "good.txt").write_text("Payment Calendar\n\nPayments for the widget scheme land on the fifth.\n")
    (folder / "bad.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = cli("ingest", "--no-bundled", str(folder))
    assert result.exit_code == 0
    assert "Indexed 2 files" in result.output and "bad.pdf: not a valid PDF" in result.output


def test_if_missing_skips_an_existing_index(cli):
    cli("ingest")
    again = cli("ingest", "--if-missing")
    assert "nothing to do" in again.output


def test_ask_without_an_index_says_how_to_build_one(cli):
    result = cli("ask", "What is PAL?")
    assert result.exit_code == 1
    assert "csp-assistant ingest" in result.output


def test_empty_question_is_a_clear_error(cli):
    cli("ingest")
    result = cli("ask", "   ")
    assert result.exit_code == 1 and "empty" in result.output


def test_no_bundled_without_paths_is_a_usage_error(cli):
    result = cli("ingest", "--no-bundled")
    assert result.exit_code == 2 and "needs at least one PATH" in result.output
