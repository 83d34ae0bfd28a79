from corpus.loaders import load_file


class TestMarkdownLoader:
    def test_front_matter_goes_into_meta(self, fixtures):
        doc = load_file(fixtures / "guide.md")
        assert doc.title == "Reseller Rewards Handbook (FY20)"
        assert doc.kind == "guide"
        assert doc.meta["program"] == "CSP Indirect Reseller Incentive"
        assert doc.meta["effective_from"] == "2019-07-01"  # dates become ISO strings
        assert doc.meta["effective_to"] == "2020-06-30"
        assert doc.meta["original_source"] == "Sample publication used only in tests"
        assert doc.source == str(fixtures / "guide.md")
        assert doc.doc_id == "guide"

    def test_heading_paths(self, fixtures):
        doc = load_file(fixtures / "guide.md")
        paths = [s.heading_path for s in doc.sections]
        assert paths == [
            ("Reseller Rewards Handbook (FY20)",),
            ("Who can take part",),
            ("Rates",),
            ("Rates", "Rates by product"),
            ("Setext Heading Example",),
        ]

    def test_code_block_lines_are_not_headings(self, fixtures):
        doc = load_file(fixtures / "guide.md")
        rates = doc.sections[3]
        assert "# this line is inside a code block" in rates.text
        assert "10% of consumption" in rates.text

    def test_without_front_matter_title_comes_from_first_h1(self, tmp_path):
        f = tmp_path / "My Notes.md"
        f.write_text("Intro line.\n\n# Real Title\n\nBody text.\n\n## Part\n\nMore.\n")
        doc = load_file(f)
        assert doc.title == "Real Title"
        assert doc.kind == "markdown"
        assert doc.doc_id == "my-notes"
        assert [s.heading_path for s in doc.sections] == [(), ("Real Title",), ("Part",)]

    def test_title_falls_back_to_file_stem(self, tmp_path):
        f = tmp_path / "plain-notes.md"
        f.write_text("Just a paragraph.\n")
        assert load_file(f).title == "plain-notes"

    def test_forum_markdown_keeps_one_section_per_post(self, fixtures):
        doc = load_file(fixtures / "forum_thread.md")
        assert doc.kind == "forum"
        assert doc.meta["accepted_answer"] == 2
        assert [s.heading_path for s in doc.sections] == [("Question",), ("Answer 1",), ("Answer 2 (accepted)",)]
        # "Posted by" lines and "(accepted)" become metadata of the post, not text to strip later.
        assert not any(s.text.startswith("Posted") for s in doc.sections)
        assert doc.sections[2].meta["post_role"] == "Community Manager"
        assert [s.meta["accepted"] for s in doc.sections] == [False, False, True]
        assert [s.meta["is_question"] for s in doc.sections] == [True, False, False]
        # A sub-heading inside a post stays part of that post.
        assert "A note on timing" in doc.sections[2].text
