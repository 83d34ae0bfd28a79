from corpus.bundled import BUNDLED_ROOT, bundled_files, bundled_source, load_bundled
from corpus.chunking import chunk_document


class TestBundledCorpus:
    def test_files_are_the_markdown_under_guides_forum_glossary(self):
        files = bundled_files()
        assert files, "the bundled corpus is empty"
        assert files == sorted(files, key=lambda p: (p.parent.name != "guides", p.parent.name != "forum", p))
        for f in files:
            assert f.suffix == ".md"
            assert f.relative_to(BUNDLED_ROOT).parts[0] in {"guides", "forum", "glossary"}

    def test_source_is_repo_relative(self):
        path = BUNDLED_ROOT / "guides" / "reseller-incentive-guide.md"
        assert bundled_source(path) == "corpus/guides/reseller-incentive-guide.md"

    def test_every_bundled_file_loads_and_chunks(self):
        docs, errors = load_bundled()
        assert errors == []
        assert len(docs) == len(bundled_files())
        for doc, path in zip(docs, bundled_files()):
            assert doc.doc_id == path.stem
            assert doc.source == bundled_source(path)
            assert doc.kind in {"guide", "forum", "glossary"}
            passages = chunk_document(doc)
            assert passages and all(p.source.startswith("corpus/") for p in passages)
