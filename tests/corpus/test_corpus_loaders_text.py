import pytest

from corpus.loaders import load_file
from corpus.loaders.text import is_heading_line


class TestTextLoader:
    def test_bare_line_headings_become_sections(self, fixtures):
        doc = load_file(fixtures / "guide.txt")
        assert doc.kind == "text"
        assert doc.title == "Making the Most of Partner Rewards"
        assert [s.heading_path[0] for s in doc.sections] == [
            "Making the Most of Partner Rewards",
            "Changes to the Revenue Threshold",
            "How the marketing fund works",  # sentence case, but it leads a paragraph
            "Planning a Whole Year of Campaigns",
            "Final Thoughts",
        ]
        assert "$25,000" in doc.sections[1].text

    def test_hard_wrapped_sheet_with_bullets(self, fixtures):
        doc = load_file(fixtures / "terms_sheet.txt")
        assert doc.title == "Key Terms for Resellers"
        assert [s.heading_path for s in doc.sections] == [("Key Terms for Resellers",), ("Reseller Reward Summary",)]
        terms, summary = doc.sections
        # Wrapped lines are joined, so a definition reads as one paragraph.
        assert "to that customer's cloud subscription" in terms.text
        lines = summary.text.splitlines()
        assert "• Bank & tax profiles" in lines
        assert "• Silver or Gold competency, for example Cloud Platform or Cloud Productivity, Small & Midmarket cloud solutions" in lines
        assert lines[-1] == "See the full program handbook for the details"

    @pytest.mark.parametrize(
        "line",
        [
            "Recent Changes to Eligibility and Revenue Thresholds",
            "Cloud Solution Provider Indirect Reseller Incentive",
            "Why Cloud Partners Build on Recurring Revenue",
            "Final Thoughts",
            "1. CSP Indirect Provider Program",
        ],
    )
    def test_heading_like_lines(self, line):
        assert is_heading_line(line, ["A following paragraph that is long enough to count as real prose here."])

    @pytest.mark.parametrize(
        "line",
        [
            "Operational eligibility requirements are as follows:",
            "Hope that helps!",
            "Hi Natalia,",
            "• Bank & Tax profiles",
            "An active membership and a signed agreement with distributor authorization.",
            "track the results, and earn a reward when customers keep using the product with",
            "Reference: https://example.com/help/123",
            "For more information see the full reseller incentive guide",
        ],
    )
    def test_prose_lines_are_not_headings(self, line):
        assert not is_heading_line(line, None)

    def test_text_without_headings_uses_file_stem(self, tmp_path):
        f = tmp_path / "notes.txt"
        f.write_text("just some words in lower case that go on for a while.\n\nand another paragraph.\n")
        doc = load_file(f)
        assert doc.title == "notes"
        assert [s.heading_path for s in doc.sections] == [()]

    def test_windows_1252_text_is_decoded(self, tmp_path):
        f = tmp_path / "legacy.txt"
        f.write_bytes("Partner\u2019s Guide\n\nThe partner\u2019s reward is 4%.\n".encode("cp1252"))
        doc = load_file(f)
        assert "partner\u2019s reward" in doc.sections[0].text
