"""PDF files via pypdf: text per page, one or more Sections per page, page numbers kept for citations."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from corpus.documents import Document
from corpus.loaders._common import LIST_ITEM, LoadError, SectionBuilder, read_bytes
from corpus.loaders.text import is_heading_line

# pypdf logs every recoverable oddity; a bad file is reported once, as a LoadError.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def _open(path: Path):
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise LoadError(path, "not a valid PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(path, "PDF is encrypted (a password is required)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as e:
        # pypdf raises a mix of its own and builtin errors on damaged files.
        raise LoadError(path, f"not a valid PDF ({type(e).__name__}: {e})") from e
    except Exception as e:  # e.g. a missing optional crypto dependency for AES files
        raise LoadError(path, f"PDF could not be read ({type(e).__name__}: {e})") from e
    title = ""
    try:
        title = str((reader.metadata or {}).get("/Title") or "").strip()
    except Exception:  # broken metadata must not cost us the text
        title = ""
    return pages, title


def _page_lines(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", line).strip() for line in text.split("\n")]


def load_pdf(path: Path, source: str, doc_id: str) -> Document:
    """Load a PDF; each page's text becomes Sections with ``page`` set (1-based)."""
    pages, meta_title = _open(path)
    if not pages:
        raise LoadError(path, "PDF has no pages")
    if not any(p.strip() for p in pages):
        raise LoadError(path, "no extractable text (scanned? the PDF holds only images)")
    builder = SectionBuilder()
    first_heading = ""
    for number, text in enumerate(pages, 1):
        builder.page(number)
        lines = _page_lines(text)
        para: list[str] = []
        for i, line in enumerate(lines):
            if not line:
                builder.paragraph(" ".join(para))
                para = []
                continue
            prev_ends = i == 0 or not lines[i - 1] or lines[i - 1].endswith((".", "!", "?", ":"))
            nxt = [x for x in lines[i + 1 : i + 4] if x]
            # Extracted PDF text rarely has blank lines, so a heading must also follow a finished line.
            if prev_ends and nxt and len(line.split()) <= 10 and is_heading_line(line, nxt, title_ratio=0.8):
                builder.paragraph(" ".join(para))
                para = []
                builder.heading(1, line, is_title=not first_heading and number == 1)
                first_heading = first_heading or line
            elif para and LIST_ITEM.match(line):
                if LIST_ITEM.match(para[0]):
                    # The next item of the same list: one list stays one block, an item to a line.
                    para.append("\n" + line)
                else:
                    builder.paragraph(" ".join(para))
                    para = [line]
            else:
                para.append(line)
        builder.paragraph(" ".join(para))
    sections = builder.finish()
    return Document(doc_id, meta_title or first_heading or path.stem, source, "pdf", sections, {"pages": len(pages)})
