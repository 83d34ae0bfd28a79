"""Forum threads: the JSON export format (see corpus/FORMATS.md) and plain-text threads split by role lines."""
from __future__ import annotations

import json
import re
from pathlib import Path

from corpus.documents import Document, Section
from corpus.loaders._common import LoadError, plain_meta, read_text, slugify, split_blocks, unwrap

_QUALIFIER = r"(?:Frequent|Regular|Occasional|New|Senior|Established|Valued|Super|Trusted|Top|Microsoft|Community|Forum|Partner|Level \d+)"
_BASE = r"(?:Visitor|Contributor|Member|Moderator|Manager|Employee|Advocate|MVP|Expert|Agent|Responder|Helper|Champion|Administrator|Admin)"
ROLE_LINE = re.compile(rf"^(?:{_QUALIFIER} )*{_BASE}(?: \d+)?$")
_ACCEPTED_LINE = re.compile(r"^[✓✔☑]?\s*(?:accepted (?:solution|answer)|best answer|solution)$", re.IGNORECASE)


def _role_positions(lines: list[str]) -> list[int]:
    """Indexes of lines that are a bare role badge standing alone (a blank line or the start before it)."""
    return [
        i
        for i, line in enumerate(lines)
        if ROLE_LINE.match(line.strip()) and (i == 0 or not lines[i - 1].strip())
    ]


def looks_like_thread(text: str) -> bool:
    """Two or more bare role lines ("Visitor 1", "Community Manager") mark a forum thread."""
    return len(_role_positions(text.split("\n"))) >= 2


def post_meta(n: int, role: str | None, accepted: bool, posted_at: str | None = None) -> dict:
    """A post's structure as metadata: which post it is, who wrote it, whether it was accepted, when."""
    meta = {"post": n, "is_question": n == 0, "accepted": bool(accepted and n)}
    if role:
        meta["post_role"] = role
    if posted_at:
        meta["posted_at"] = posted_at
    return meta


_HEADER = re.compile(r"^Posted (by|on):\s*(.*?)(?:\.\s+(?=[A-Z])|\s*$)")
_ANSWER_HEADING = re.compile(r"^answer\s*(\d*)", re.IGNORECASE)


def structure_post(section: Section, n: int) -> Section:
    """A Markdown thread's post: its "Posted by/on" lines and its heading ("Answer 2 (accepted)") as metadata."""
    name = section.heading_path[-1] if section.heading_path else ""
    lines = section.text.split("\n")
    found: dict[str, str] = {}
    while lines and (m := _HEADER.match(lines[0].strip())):
        found[m.group(1).lower()] = m.group(2).rstrip(".")
        rest = lines[0].strip()[m.end():].strip()
        if rest:
            lines[0] = rest  # a PDF runs the post's text on after its header
        else:
            lines.pop(0)
    answer = _ANSWER_HEADING.match(name.strip())
    is_question = not answer
    number = int(answer.group(1)) if answer and answer.group(1) else max(n, 1)
    meta = post_meta(0 if is_question else number, found.get("by"), "accepted" in name.lower(), found.get("on"))
    return Section(section.heading_path, "\n".join(lines).strip(), section.page, {**section.meta, **meta})


# Longer than this, a post by someone with the asker's badge is an answer: forums label posters by
# rank ("Visitor 1", "Level 1 Contributor"), so a shared label does not make the same person.
FOLLOW_UP_WORDS = 60


def mark_asker(sections) -> tuple[Section, ...]:
    """Flag the asker's own later posts ("Thanks, that makes sense…"): they follow up, they do not answer."""
    sections = tuple(sections)
    asker = next((s.meta.get("post_role") for s in sections if s.meta.get("is_question")), None)
    if not asker:
        return sections
    return tuple(Section(s.heading_path, s.text, s.page, {**s.meta, "by_asker": True})
                 if "is_question" in s.meta and not s.meta["is_question"] and not s.meta.get("accepted")
                 and s.meta.get("post_role") == asker and len(s.text.split()) <= FOLLOW_UP_WORDS
                 else s for s in sections)


def structure_thread(sections) -> tuple[Section, ...]:
    """A page laid out as a thread ("Question", then "Answer 1"… headings): each post's structure as metadata.

    Pages saved from a forum (HTML, PDF) keep the thread's headings; other pages are returned as they are.
    """
    names = [s.heading_path[-1].strip().lower() if s.heading_path else "" for s in sections]
    if "question" not in names or not any(_ANSWER_HEADING.match(n) for n in names):
        return tuple(sections)
    return mark_asker(structure_post(s, n) if names[n] == "question" or _ANSWER_HEADING.match(names[n]) else s
                      for n, s in enumerate(sections))


def _thread_document(doc_id, title, source, posts, meta) -> Document:
    """posts: (role, body, accepted, posted_at) with the question first."""
    sections = []
    for n, (role, body, accepted, posted_at) in enumerate(posts):
        name = "Question" if n == 0 else f"Answer {n} — {role}" + (" (accepted)" if accepted else "")
        sections.append(Section((name,), body.strip(), None, post_meta(n, role, accepted, posted_at)))
    sections = list(mark_asker(sections))
    accepted = [n for n, p in enumerate(posts) if n and p[2]]
    meta = {**meta, "answers": len(posts) - 1, "roles": [p[0] for p in posts]}
    if accepted:
        meta["accepted_answer"] = accepted[0]
    return Document(doc_id, title, source, "forum", tuple(sections), meta)


def thread_from_text(text: str, path: Path, source: str, doc_id: str) -> Document:
    """Parse a plain-text thread: chrome before the first role line is dropped; the first post is the question."""
    lines = text.split("\n")
    starts = _role_positions(lines)
    if not starts:
        raise LoadError(path, "no poster role lines found in forum thread")
    posts = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        blocks = split_blocks("\n".join(lines[start + 1 : end]))
        accepted = any(len(b) == 1 and _ACCEPTED_LINE.match(b[0]) for b in blocks)
        blocks = [b for b in blocks if not (len(b) == 1 and _ACCEPTED_LINE.match(b[0]))]
        posts.append([lines[start].strip(), blocks, accepted, None])
    question_blocks = posts[0][1]
    if not question_blocks:
        raise LoadError(path, "forum thread has no question text")
    # A thread's title is the first line of its first post; the rest of that post is the question.
    title = question_blocks[0][0]
    rest = [question_blocks[0][1:]] + question_blocks[1:] if len(question_blocks[0]) > 1 else question_blocks[1:]
    posts[0][1] = [b for b in rest if b] or [[title]]
    posts = [(role, "\n\n".join(unwrap(b) for b in blocks), acc, at) for role, blocks, acc, at in posts]
    posts = [posts[0]] + [p for p in posts[1:] if p[1]]
    return _thread_document(doc_id, title, source, posts, {})


def _thread_from_json(obj, n: int, path: Path, source: str, doc_id: str) -> Document:
    where = f"thread {n}: " if n else ""
    if not isinstance(obj, dict):
        raise LoadError(path, f"{where}expected an object with 'title', 'question' and 'answers'")

    def post(p, label):
        if not isinstance(p, dict) or not str(p.get("body") or "").strip():
            raise LoadError(path, f"{where}{label} needs a non-empty 'body'")
        role = str(p.get("author_role") or p.get("role") or "Unknown poster").strip()
        at = p.get("posted_at")
        return (role, str(p["body"]).strip(), bool(p.get("accepted")), plain_meta(at) if at else None)

    title = str(obj.get("title") or "").strip()
    if not title:
        raise LoadError(path, f"{where}missing 'title'")
    if "question" not in obj:
        raise LoadError(path, f"{where}missing 'question'")
    answers = obj.get("answers") or []
    if not isinstance(answers, list):
        raise LoadError(path, f"{where}'answers' must be a list")
    posts = [post(obj["question"], "question")]
    posts += [post(a, f"answer {i}") for i, a in enumerate(answers, 1)]
    meta = plain_meta({k: v for k, v in obj.items() if k not in ("question", "answers", "title", "id")})
    if "source" in meta:
        meta["original_source"] = meta.pop("source")
    doc_id = slugify(str(obj["id"])) if obj.get("id") else doc_id
    return _thread_document(doc_id, title, source, posts, meta)


def threads_from_json(path: Path, source: str, doc_id: str) -> list[Document]:
    """Load a JSON export: one thread object, a list of them, or {"threads": [...]}."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise LoadError(path, f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
    if isinstance(data, dict) and isinstance(data.get("threads"), list):
        data = data["threads"]
    if isinstance(data, dict):
        return [_thread_from_json(data, 0, path, source, doc_id)]
    if not isinstance(data, list) or not data:
        raise LoadError(path, "expected a thread object or a non-empty list of threads")
    docs = []
    for n, obj in enumerate(data, 1):
        # Threads without an "id" get the file's id plus their position, so ids stay stable.
        default_id = doc_id if len(data) == 1 else f"{doc_id}-{n}"
        docs.append(_thread_from_json(obj, n, path, source, default_id))
    return docs
