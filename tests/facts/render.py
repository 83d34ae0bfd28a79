"""Render the bundled Markdown corpus as an operator's files would arrive: plain text, HTML and PDF.

Plain text follows the seed documents' conventions: headings as bare lines, bullets as "•",
forum posts separated only by their authors' role badges.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from corpus.bundled import BUNDLED_ROOT, bundled_files
from corpus.loaders.markdown import split_front_matter

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")
_LATIN = {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "…": "...", "≥": ">=", "≤": "<=",
          "×": "x", "→": "->", "•": "-", "\u00a0": " "}


def _plain(text: str) -> str:
    return re.sub(r"\*\*|__|`", "", text)


def _blocks(path: Path):
    """(front matter, [("heading", level, text) | ("para", text) | ("item", marker, text) | ("post", role, accepted)])."""
    front, body = split_front_matter(path.read_text(encoding="utf-8"), path)
    forum = front.get("kind") == "forum"
    out, para = [], []

    def flush():
        if para:
            out.append(("para", _plain(" ".join(para))))
            para.clear()

    for line in body.split("\n"):
        if m := _HEADING.match(line):
            flush()
            text = m.group(2).strip()
            if forum and re.match(r"(?i)question|answer", text):
                out.append(("post", text))
            else:
                out.append(("heading", len(m.group(1)), _plain(text)))
        elif forum and line.startswith("Posted by:"):
            flush()
            out.append(("role", line.split(":", 1)[1].strip()))
        elif forum and line.startswith("Posted on:"):
            continue
        elif m := _BULLET.match(line):
            flush()
            out.append(("item", "-", _plain(m.group(1))))
        elif m := _NUMBERED.match(line):
            flush()
            out.append(("item", f"{m.group(1)}.", _plain(m.group(2))))
        elif line.strip():
            para.append(line.strip())
        else:
            flush()
    flush()
    return front, out


def _badge(role: str) -> str:
    """A role badge the text loader recognises ("Visitor (partner)" -> "Visitor")."""
    return re.sub(r"\s*\(.*?\)", "", role).strip() or "Visitor"


def to_text(path: Path) -> str:
    front, blocks = _blocks(path)
    lines: list[str] = []
    if front.get("kind") == "forum":
        post_accepted = False
        for b in blocks:
            if b[0] == "post":
                post_accepted = "accepted" in b[1].lower()
            elif b[0] == "role":
                lines += ["", _badge(b[1]), ""]
                if post_accepted:
                    lines += ["Accepted Solution", ""]
                if not any(x for x in lines[:-3] if x.strip()):
                    lines += [str(front.get("title")), ""]  # a thread's title opens its first post
            elif b[0] == "para":
                lines += [b[1], ""]
            elif b[0] == "item":
                lines.append(f"• {b[2]}" if b[1] == "-" else f"{b[1]} {b[2]}")
            elif b[0] == "heading" and b[1] > 1:
                lines += [b[2], ""]
        return "\n".join(lines).strip() + "\n"
    prev = None
    for b in blocks:
        if b[0] == "heading":
            lines += ["", b[2], ""]
        elif b[0] == "para":
            lines += [b[1], ""]
        elif b[0] == "item":
            if prev != "item":
                lines.append("")
            lines.append(f"• {b[2]}" if b[1] == "-" else f"{b[1]} {b[2]}")
        prev = b[0]
    return "\n".join(lines).strip() + "\n"


def to_html(path: Path) -> str:
    front, blocks = _blocks(path)
    e = html.escape
    parts = [f"<html><head><title>{e(str(front.get('title') or path.stem))}</title></head><body>",
             "<nav><a href='/'>Home</a> | <a href='/partners'>Partners</a></nav><main>"]
    open_list = None
    for b in blocks:
        kind = "ol" if b[0] == "item" and b[1] != "-" else "ul" if b[0] == "item" else None
        if open_list and kind != open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        if b[0] == "heading":
            level = min(b[1], 4)
            parts.append(f"<h{level}>{e(b[2])}</h{level}>")
        elif b[0] == "post":
            parts.append(f"<h2>{e(b[1])}</h2>")
        elif b[0] == "role":
            parts.append(f"<p>Posted by: {e(b[1])}</p>")
        elif b[0] == "para":
            parts.append(f"<p>{e(b[1])}</p>")
        elif b[0] == "item":
            if not open_list:
                parts.append(f"<{kind}>")
                open_list = kind
            parts.append(f"<li>{e(b[2])}</li>")
    if open_list:
        parts.append(f"</{open_list}>")
    parts.append("</main><footer>Copyright</footer></body></html>")
    return "\n".join(parts)


def _latin(text: str) -> str:
    for k, v in _LATIN.items():
        text = text.replace(k, v)
    return text.encode("latin-1", "replace").decode("latin-1")


def to_pdf(path: Path, out: Path) -> None:
    from fpdf import FPDF

    front, blocks = _blocks(path)
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_title(_latin(str(front.get("title") or path.stem)))
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for b in blocks:
        if b[0] in ("heading", "post"):
            text = b[2] if b[0] == "heading" else b[1]
            pdf.set_font("Helvetica", "B", 16 if b[0] == "heading" and b[1] == 1 else 13)
            pdf.ln(2)
            pdf.multi_cell(width, 7, _latin(text), new_x="LMARGIN", new_y="NEXT")
        elif b[0] in ("para", "role"):
            pdf.set_font("Helvetica", "", 11)
            text = b[1] if b[0] == "para" else f"Posted by: {b[1]}."
            pdf.multi_cell(width, 6, _latin(text), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif b[0] == "item":
            pdf.set_font("Helvetica", "", 11)
            marker = "-" if b[1] == "-" else b[1]
            pdf.multi_cell(width, 6, _latin(f"{marker} {b[2]}"), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))


def render_corpus(folder: Path, fmt: str) -> Path:
    """Write every bundled document in `fmt` (txt, html or pdf) under `folder`, keeping the layout."""
    for path in bundled_files():
        rel = path.relative_to(BUNDLED_ROOT).with_suffix(f".{fmt}")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "txt":
            target.write_text(to_text(path), encoding="utf-8")
        elif fmt == "html":
            target.write_text(to_html(path), encoding="utf-8")
        elif fmt == "pdf":
            to_pdf(path, target)
        else:
            raise ValueError(f"unknown format {fmt!r}; use txt, html or pdf")
    return folder
