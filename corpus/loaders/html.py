"""HTML pages: page chrome (scripts, navigation, banners, footers) is dropped; h1-h4 become the section path."""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from corpus.documents import Document
from corpus.loaders._common import LoadError, SectionBuilder, read_text

_DROP_TAGS = ["script", "style", "nav", "footer", "aside", "form", "noscript", "template", "svg", "iframe", "button"]
_BOILERPLATE = re.compile(
    r"^(cookies?|consent|banner|menu|navbar|nav|navigation|sidebar|breadcrumbs?|footer|masthead|"
    r"social|share|sharing|advert|ads|popup|modal|newsletter|skip|toolbar|related)$"
)
_NEVER_DROP = {"html", "body", "main", "article"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}
_BLOCKS = {
    "p", "div", "section", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote", "pre",
    "h5", "h6", "figure", "figcaption", "address", "details", "summary",
}


def _is_boilerplate(tag: Tag) -> bool:
    if tag.name in _NEVER_DROP or tag.attrs is None:
        return False
    names = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    # Match whole tokens of "site-header cookie_notice", so "download" never matches "ad".
    return any(_BOILERPLATE.match(tok) for tok in re.split(r"[\s_-]+", names.lower()) if tok)


def _clean(soup: BeautifulSoup) -> None:
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    # A <header> inside an article usually holds the article's own h1; the site header does not.
    for tag in soup.find_all("header"):
        if not tag.find_parent(["article", "main"]):
            tag.decompose()
    for tag in soup.find_all(_is_boilerplate):
        if not tag.decomposed:
            tag.decompose()


def _events(node: Tag):
    """Yield ("text", s), ("break",) and ("heading", level, text) in reading order."""
    for child in node.children:
        if isinstance(child, NavigableString):
            yield ("text", str(child))
        elif not isinstance(child, Tag):
            continue
        elif child.name in _HEADINGS:
            yield ("heading", _HEADINGS[child.name], child.get_text(" ", strip=True))
        elif child.name == "br":
            yield ("text", "\n")
        elif child.name == "pre":
            yield ("break",)
            yield ("pre", child.get_text())
            yield ("break",)
        elif child.name == "li":
            # The items of one list stay one paragraph, a line each, as Markdown writes them: a blank
            # line between items would read as the start of another list.
            yield ("text", "\n- ")
            for event in _events(child):
                yield ("text", " ") if event[0] == "break" else event  # a <p> inside an item is still the item
            yield ("text", "\n")
        elif child.name in _BLOCKS:
            yield ("break",)
            yield from _events(child)
            yield ("break",)
        elif child.name in ("td", "th"):
            yield ("text", " ")
            yield from _events(child)
            yield ("text", " ")
        else:
            yield from _events(child)


def load_html(path: Path, source: str, doc_id: str) -> Document:
    """Load an HTML page into a Document (title from <title>, else the first h1, else the file name)."""
    soup = BeautifulSoup(read_text(path), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    meta = {}
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        meta["url"] = canonical["href"]
    _clean(soup)
    root = soup.find("main") or soup.body or soup
    builder = SectionBuilder()
    buf: list[str] = []
    first_h1 = ""

    def flush() -> None:
        text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", "".join(buf))
        builder.paragraph("\n".join(line.strip() for line in text.split("\n") if line.strip()))
        buf.clear()

    for event in _events(root):
        if event[0] == "text":
            buf.append(event[1])
        elif event[0] == "pre":
            flush()
            builder.paragraph(event[1].strip("\n"))
        elif event[0] == "break":
            flush()
        elif event[2]:
            flush()
            is_title = event[1] == 1 and not first_h1
            first_h1 = first_h1 or (event[2] if is_title else "")
            builder.heading(event[1], event[2], is_title=is_title)
    flush()
    sections = builder.finish()
    if not sections:
        raise LoadError(path, "no text found after removing page boilerplate")
    return Document(doc_id, title or first_h1 or path.stem, source, "html", sections, meta)
