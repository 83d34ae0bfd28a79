import pytest

from corpus.chunking import chunk_document, split_sentences, split_text
from corpus.documents import Document, Section, content_hash
from corpus.loaders import load_file


def _doc(*sections, source="docs/sample.md", meta=None):
    return Document("sample", "Sample Title", source, "guide", tuple(sections), meta or {"program": "P"})


def _sentences(n, start=0):
    return " ".join(f"Sentence number {i} talks about the reward rules in plain words." for i in range(start, start + n))


class TestChunkDocument:
    def test_section_path_title_page_kind_and_meta_are_kept(self):
        doc = _doc(Section(("Rates", "By product"), "Suites earn 4% of billed revenue.", page=3))
        [p] = chunk_document(doc)
        assert p.section == "Rates > By product"
        assert (p.title, p.page, p.kind, p.doc_id, p.source) == ("Sample Title", 3, "guide", "sample", "docs/sample.md")
        assert p.meta == {"program": "P"}
        assert p.id == content_hash("docs/sample.md", "sample", "Rates > By product", p.text)

    def test_sections_are_never_merged(self):
        doc = _doc(
            Section(("Alpha",), "Alpha text that is long enough to stand on its own as a passage here."),
            Section(("Beta",), "Beta text that is also long enough to stand on its own as a passage."),
        )
        passages = chunk_document(doc)
        assert [p.section for p in passages] == ["Alpha", "Beta"]
        assert "Beta" not in passages[0].text

    def test_long_section_is_split_under_max_words_with_overlap(self):
        text = "\n\n".join(_sentences(6, k * 6) for k in range(5))  # 5 paragraphs, 300 words
        passages = chunk_document(_doc(Section(("Long",), text)), max_words=80, overlap_words=15)
        assert len(passages) >= 4
        assert all(len(p.text.split()) <= 80 for p in passages)
        assert all(p.section == "Long" for p in passages)
        # The last sentence of one passage opens the next one.
        for a, b in zip(passages, passages[1:]):
            assert b.text.startswith(split_sentences(a.text)[-1])
        # Nothing is lost.
        joined = " ".join(p.text for p in passages)
        assert all(f"Sentence number {i} " in joined for i in range(30))

    def test_paragraph_longer_than_max_words_splits_on_sentences(self):
        passages = chunk_document(_doc(Section(("One",), _sentences(20))), max_words=50, overlap_words=0)
        assert all(len(p.text.split()) <= 50 for p in passages)
        assert all(p.text.endswith(".") for p in passages)

    def test_sentence_longer_than_max_words_is_cut_by_words(self):
        passages = chunk_document(_doc(Section(("Run",), " ".join(f"w{i}" for i in range(130)))), max_words=50, overlap_words=10)
        assert [len(p.text.split()) for p in passages] == [50, 50, 30]

    def test_ids_are_stable_and_unique(self, fixtures):
        doc = load_file(fixtures / "guide.txt")
        first, second = chunk_document(doc), chunk_document(load_file(fixtures / "guide.txt"))
        assert [p.id for p in first] == [p.id for p in second]
        assert len({p.id for p in first}) == len(first)
        moved = chunk_document(load_file(fixtures / "guide.txt", source="elsewhere/guide.txt"))
        assert {p.id for p in moved}.isdisjoint(p.id for p in first)

    def test_empty_sections_are_skipped_and_tiny_ones_fold_into_their_subsection(self):
        doc = _doc(
            Section(("Empty",), "   "),
            Section(("Requirements",), "You need:"),
            Section(("Requirements", "Business"), "An active membership and a signed agreement with the distributor."),
            Section(("Other",), "Tiny."),
            Section(("Next",), "A sibling section keeps its own text and is not merged with the tiny one."),
        )
        passages = chunk_document(doc)
        assert [p.section for p in passages] == ["Requirements > Business", "Other", "Next"]
        assert passages[0].text.startswith("You need:\n\nAn active membership")

    def test_long_guide_fixture_is_split(self, fixtures):
        passages = chunk_document(load_file(fixtures / "guide.txt"), max_words=120)
        planning = [p for p in passages if p.section == "Planning a Whole Year of Campaigns"]
        assert len(planning) >= 2
        assert all(len(p.text.split()) <= 120 for p in passages)

    @pytest.mark.parametrize("max_words, overlap", [(0, 0), (10, -1), (10, 10)])
    def test_bad_arguments(self, max_words, overlap):
        with pytest.raises(ValueError):
            chunk_document(_doc(Section(("A",), "text")), max_words=max_words, overlap_words=overlap)


class TestSplitting:
    def test_abbreviations_do_not_end_sentences(self):
        assert split_sentences("Use approved items, e.g. Advertising or events. Then report.") == [
            "Use approved items, e.g. Advertising or events.",
            "Then report.",
        ]

    def test_list_items_are_sentences(self):
        assert split_sentences("Rates:\n• 4% on suites\n• 6% on apps") == ["Rates:", "• 4% on suites", "• 6% on apps"]

    def test_short_text_is_one_chunk(self):
        assert split_text("One. Two.", max_words=10) == ["One. Two."]
