import pytest
from fpdf import FPDF

from corpus.chunking import chunk_document
from corpus.loaders import LoadError, load_file


def _write_pdf(path, pages, title=None):
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    for heading, body in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    pdf.output(str(path))
    return path


@pytest.fixture
def two_page_pdf(tmp_path):
    return _write_pdf(
        tmp_path / "fund-sheet.pdf",
        [
            ("Earning Periods", "Each earning period lasts six months. At its end the fund balance is compared "
             "with the usage threshold of $10,000, and a smaller balance is paid out with the rebate."),
            ("Approved Activities", "Advertising, customer events, training and certification exams can be "
             "paid for from the fund."),
        ],
        title="Fund Sheet",
    )


class TestPdfLoader:
    def test_text_per_page_with_page_numbers(self, two_page_pdf):
        doc = load_file(two_page_pdf)
        assert doc.kind == "pdf"
        assert doc.title == "Fund Sheet"
        assert doc.meta["pages"] == 2
        assert [(s.heading_path, s.page) for s in doc.sections] == [
            (("Earning Periods",), 1),
            (("Approved Activities",), 2),
        ]
        assert "$10,000" in doc.sections[0].text

    def test_page_numbers_reach_passages(self, two_page_pdf):
        passages = chunk_document(load_file(two_page_pdf))
        by_page = {p.page: p for p in passages}
        assert set(by_page) == {1, 2}
        assert "$10,000" in by_page[1].text
        assert by_page[2].section == "Approved Activities"
        assert all(p.kind == "pdf" for p in passages)

    def test_scanned_pdf_without_text(self, tmp_path):
        pdf = FPDF()
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")
        pdf.output(str(tmp_path / "scan.pdf"))
        with pytest.raises(LoadError, match=r"scan.pdf: no extractable text \(scanned"):
            load_file(tmp_path / "scan.pdf")

    def test_encrypted_pdf(self, tmp_path, two_page_pdf):
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(two_page_pdf))
        writer.encrypt(user_password="secret", algorithm="RC4-128")
        writer.write(tmp_path / "locked.pdf")
        with pytest.raises(LoadError, match="locked.pdf: PDF is encrypted"):
            load_file(tmp_path / "locked.pdf")

    @pytest.mark.parametrize(
        "name, reason",
        [("truncated.pdf", "not a valid PDF"), ("not_a_pdf.pdf", "not a valid PDF (no %PDF- header)")],
    )
    def test_broken_fixture_files(self, fixtures, name, reason):
        with pytest.raises(LoadError) as err:
            load_file(fixtures / name)
        assert err.value.path.name == name
        assert reason in err.value.reason
        assert str(err.value).startswith(f"{name}: ")
