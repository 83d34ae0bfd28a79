"""Curated question/answer entries for support staff, built from the indexed corpus.

Forum threads give one entry each (the question and its accepted answer); glossary terms
give one entry each ("What is DPOR …?"). Entries are rebuilt whenever the index changes,
so an ingested forum export or glossary shows up without any extra step.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import asdict, dataclass

from corpus.documents import Passage

_WORD = re.compile(r"[a-z0-9$%][a-z0-9$%.,'-]*[a-z0-9%]|[a-z0-9]", re.IGNORECASE)
_STOP = frozenset(
    "a an and are as at be by can do does for from how i in is it its me my of on or our "
    "so that the their them there this to was we what when where which who why will with "
    "you your".split())


@dataclass(frozen=True)
class FaqEntry:
    id: str
    kind: str  # forum | glossary
    question: str
    answer: str
    title: str
    source: str  # the file or URL the entry was built from
    original_source: str  # the publication the facts come from
    section: str
    date: str | None  # ISO date when the documents give one
    date_label: str  # "posted 2023-05-04", "effective from 2021-10-01", "indexed 2025-01-02"
    answered_by: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _by_section(passages: list[Passage]) -> "OrderedDict[str, list[Passage]]":
    groups: OrderedDict[str, list[Passage]] = OrderedDict()
    for p in passages:
        groups.setdefault(p.section, []).append(p)
    return groups


def _date(meta: dict, posted: str | None, indexed: str | None) -> tuple[str | None, str]:
    if posted:
        return posted[:10], f"posted {posted[:10]}"
    for key, label in (("posted_at", "posted"), ("effective_from", "effective from")):
        if meta.get(key):
            value = str(meta[key])[:10]
            return value, f"{label} {value}"
    if indexed:
        return None, f"indexed {indexed[:10]}"
    return None, "undated"


def _forum_entries(doc_passages: list[Passage], indexed: str | None) -> list[FaqEntry]:
    sections = _by_section(doc_passages)
    first = doc_passages[0]
    # The loaders record each post's structure in the passage meta: which post asks, which answer was accepted.
    question_key = next((s for s, ps in sections.items() if ps[0].meta.get("is_question")), None)
    accepted_key = next((s for s, ps in sections.items() if ps[0].meta.get("accepted")), None)
    if accepted_key is None:
        return []
    question = "\n".join(p.text for p in sections.get(question_key, [])).strip()
    accepted = sections[accepted_key]
    answer = "\n".join(p.text for p in accepted).strip()
    date, label = _date(first.meta, accepted[0].meta.get("posted_at"), indexed)
    return [FaqEntry(
        id=f"{first.doc_id}#accepted", kind="forum", question=first.title or question,
        answer=answer, title=first.title, source=first.source,
        original_source=str(first.meta.get("original_source") or first.meta.get("source") or ""),
        section=accepted_key, date=date, date_label=label, answered_by=str(accepted[0].meta.get("post_role") or ""))]


def _glossary_entries(doc_passages: list[Passage], indexed: str | None) -> list[FaqEntry]:
    entries = []
    for section, parts in _by_section(doc_passages).items():
        term = section.split(" > ")[-1].strip()
        if not term or term == doc_passages[0].title:
            continue
        first = parts[0]
        date, label = _date(first.meta, None, indexed)
        entries.append(FaqEntry(
            id=f"{first.doc_id}#{term}", kind="glossary", question=f"What is {term}?",
            answer="\n".join(p.text for p in parts).strip(), title=first.title, source=first.source,
            original_source=str(first.meta.get("original_source") or first.meta.get("source") or ""),
            section=section, date=date, date_label=label))
    return entries


def build_entries(passages: list[Passage], indexed: str | None = None) -> list[FaqEntry]:
    """Curated entries from indexed passages; `indexed` (the build time) dates undated ones."""
    docs: OrderedDict[str, list[Passage]] = OrderedDict()
    for p in passages:
        if p.kind in ("forum", "glossary"):
            docs.setdefault(p.doc_id, []).append(p)
    entries: list[FaqEntry] = []
    for doc_passages in docs.values():
        if doc_passages[0].kind == "forum":
            entries += _forum_entries(doc_passages, indexed)
        else:
            entries += _glossary_entries(doc_passages, indexed)
    return entries


def _terms(text: str) -> set[str]:
    # A 5-character prefix is a cheap stem: "eligible"/"eligibility", "rates"/"rate".
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in _STOP}


def rank_entries(entries: list[FaqEntry], query: str, limit: int = 10) -> list[tuple[FaqEntry, float]]:
    """Entries sharing terms with the query, best first; every entry when the query is empty."""
    wanted = _terms(query)
    if not wanted:
        return [(e, 0.0) for e in entries[:limit]]
    scored = []
    for e in entries:
        in_question = wanted & _terms(e.question + " " + e.section)
        in_answer = wanted & _terms(e.answer)
        score = (2 * len(in_question) + len(in_answer)) / (3 * len(wanted))
        if in_question or in_answer:
            scored.append((e, round(score, 4)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


class FaqIndex:
    """Entries for the assistant's live index, rebuilt when an ingest swaps in a new build."""

    def __init__(self, assistant):
        self.assistant = assistant
        self._build = object()
        self._entries: list[FaqEntry] = []

    @property
    def entries(self) -> list[FaqEntry]:
        searcher = self.assistant.searcher
        searcher.refresh_if_swapped()
        manifest = searcher.manifest
        build = manifest.get("build_id") or manifest.get("built_at")
        if build != self._build:
            self._entries = build_entries(searcher.passages, manifest.get("built_at"))
            self._build = build
        return self._entries

    def search(self, query: str, limit: int = 10) -> dict:
        """Matching curated entries and passages, each with its source and date."""
        query = (query or "").strip()
        entries = [{**e.to_dict(), "score": s} for e, s in rank_entries(self.entries, query, limit)]
        passages = []
        if query:
            indexed = self.assistant.searcher.manifest.get("built_at")
            hits = self.assistant.search(query, limit)
            marks = self._highlights(query, hits)
            for hit, mark in zip(hits, marks):
                p = hit.passage
                date, label = _date(p.meta, None, indexed)
                passages.append({
                    "id": p.id, "doc_id": p.doc_id, "kind": p.kind, "title": p.title,
                    "section": p.section, "text": p.text, "source": p.source, "page": p.page,
                    "original_source": str(p.meta.get("original_source") or ""),
                    "date": date, "date_label": label, "score": round(hit.similarity, 4),
                    "highlight": _span(p.text, mark)})
            by_section = {(h.passage.doc_id, h.passage.section): m for h, m in zip(hits, marks) if m}
            for e in entries:
                e["highlight"] = self._entry_highlight(query, e, by_section)
        return {"query": query, "entries": entries, "passages": passages}

    def _highlights(self, query: str, hits) -> list[str | None]:
        from assistant.answering.facts import FactAnswerer
        from assistant.answering.highlights import highlights

        return highlights(FactAnswerer(self.assistant), query, hits)

    def _entry_highlight(self, query: str, entry: dict, found: dict) -> dict | None:
        """The entry's best answering sentence, from the same sentence index as answers use."""
        doc_id = entry["id"].split("#", 1)[0]
        mark = found.get((doc_id, entry["section"]))
        if mark is None:
            from index.search import Hit

            passages = [p for p in self.assistant.searcher.passages
                        if p.doc_id == doc_id and p.section == entry["section"]]
            marks = [m for m in self._highlights(query, [Hit(p, 0.0, 0.0, 0.0) for p in passages]) if m]
            mark = marks[0] if marks else None
        return _span(entry["answer"], mark)


def _span(text: str, sentence: str | None) -> dict | None:
    """Where the highlighted sentence sits in `text` (start and end offsets; None when it cannot be found)."""
    if not sentence:
        return None
    start = text.find(sentence)
    if start < 0:  # Markdown marks were dropped from the sentence: find its words in order
        pattern = r"[\s*_`]*".join(re.escape(w) for w in sentence.split())
        m = re.search(pattern, text)
        return {"text": sentence, "start": m.start(), "end": m.end()} if m else {"text": sentence, "start": None,
                                                                                  "end": None}
    return {"text": sentence, "start": start, "end": start + len(sentence)}
