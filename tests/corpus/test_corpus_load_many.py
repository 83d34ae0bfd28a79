import shutil

import pytest

from corpus.loaders import SUPPORTED_SUFFIXES, LoadError, iter_files, load_file, load_many

BROKEN = {
    "empty.txt": "file is empty",
    "binary.txt": "not a text file",
    "truncated.pdf": "not a valid PDF",
    "not_a_pdf.pdf": "not a valid PDF",
    "unsupported.docx": "unsupported file type .docx",
    "invalid_front_matter.md": "invalid YAML front matter",
    "malformed.json": "not valid JSON",
    "thread_missing_question.json": "missing 'question'",
}


class TestLoadFile:
    @pytest.mark.parametrize("name, reason", sorted(BROKEN.items()))
    def test_broken_files_raise_load_error_naming_file_and_reason(self, fixtures, name, reason):
        with pytest.raises(LoadError) as err:
            load_file(fixtures / name)
        assert err.value.path == fixtures / name
        assert reason in err.value.reason
        assert str(err.value) == f"{name}: {err.value.reason}"

    def test_missing_file(self, tmp_path):
        with pytest.raises(LoadError, match="nowhere.md: file not found"):
            load_file(tmp_path / "nowhere.md")

    def test_whitespace_only_file_is_empty(self, tmp_path):
        (tmp_path / "blank.md").write_text("\n  \n\t\n")
        with pytest.raises(LoadError, match="blank.md: file is empty"):
            load_file(tmp_path / "blank.md")

    def test_source_and_doc_id_defaults_and_overrides(self, fixtures):
        doc = load_file(fixtures / "guide.txt")
        assert (doc.source, doc.doc_id) == (str(fixtures / "guide.txt"), "guide")
        doc = load_file(fixtures / "guide.txt", source="https://example.com/guide", doc_id="web-guide")
        assert (doc.source, doc.doc_id) == ("https://example.com/guide", "web-guide")

    def test_suffix_is_case_insensitive_and_doc_id_is_a_slug(self, tmp_path, fixtures):
        target = tmp_path / "Partner Guide (v2).TXT"
        shutil.copy(fixtures / "guide.txt", target)
        assert load_file(target).doc_id == "partner-guide-v2"

    def test_supported_suffixes(self):
        assert {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".json"} == set(SUPPORTED_SUFFIXES)


class TestLoadMany:
    def test_bad_files_are_reported_and_the_rest_still_load(self, fixtures):
        docs, errors = load_many([fixtures])
        assert {e.path.name: e.reason for e in errors}.keys() == BROKEN.keys()
        for e in errors:
            assert BROKEN[e.path.name] in e.reason
        titles = {d.title for d in docs}
        assert "Reseller Rewards Handbook (FY20)" in titles
        assert "Marketing Fund Basics" in titles
        assert "Do indirect providers earn rewards?" in titles
        assert "What does TTM mean?" in titles  # both threads of the list export
        assert len(docs) == 9

    def test_mixed_files_and_missing_path(self, fixtures, tmp_path):
        docs, errors = load_many([fixtures / "guide.md", tmp_path / "gone.txt", fixtures / "truncated.pdf"])
        assert [d.doc_id for d in docs] == ["guide"]
        assert [str(e) for e in errors][0] == "gone.txt: file not found"
        assert errors[1].path.name == "truncated.pdf"


class TestIterFiles:
    def test_folders_expand_sorted_and_skip_hidden(self, tmp_path):
        (tmp_path / "b").mkdir()
        (tmp_path / ".git").mkdir()
        for name in ["b/z.md", "a.txt", ".hidden.md", ".git/config", "b/c.pdf"]:
            (tmp_path / name).write_text("x")
        assert [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])] == ["a.txt", "b/c.pdf", "b/z.md"]

    def test_files_are_kept_as_given(self, tmp_path):
        f = tmp_path / "one.md"
        assert iter_files([f, tmp_path / "missing.txt"]) == [f, tmp_path / "missing.txt"]
