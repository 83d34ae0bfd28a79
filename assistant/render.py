"""Plain-text rendering of an Answer for terminals and logs, and the answer-first split that
every interface (CLI, Slack, the web widget's JavaScript twin) applies."""
from __future__ import annotations

import re

from assistant.answer import Answer, Figure

_BULLET = re.compile(r"^\s*[-*\u2022]\s+")


def split_answer(answer: Answer) -> tuple[str | None, str]:
    """(headline, body) of an answer, figures not repeated.

    A calculator answer's first line is its bold headline; the "- Name: value" lines after it
    repeat the figures, which each interface shows once, in its own calculation view. Bullets
    that are not all figure lines are kept as written.

    >>> a = Answer(answer="**$5 total**\\n- fee: $5 [1]\\n\\n_Note._", tool="payout",
    ...            figures=[Figure(name="fee", value=5, unit="USD")])
    >>> split_answer(a)
    ('**$5 total**', '_Note._')
    """
    text = answer.answer or ""
    if not (answer.figures and answer.tool):
        return None, text
    lines = text.split("\n")
    headline = lines[0].strip() if lines[0].strip().startswith("**") else None
    rest = lines[1:] if headline else lines
    names = [f.name.lower() for f in answer.figures]
    bullets = [line for line in rest if _BULLET.match(line)]
    if bullets and all(any(_BULLET.sub("", b).lower().startswith(n) for n in names) for b in bullets):
        rest = [line for line in rest if not _BULLET.match(line)]
    return headline, "\n".join(rest).strip("\n")


def format_value(f: Figure) -> str:
    if f.unit == "USD":
        return f"${f.value:,.2f}"
    if f.unit == "fraction":
        return f"{f.value * 100:g}%"
    if f.unit == "count":
        return f"{int(f.value):,}"
    return f"{f.value} {f.unit}".strip()


def understood_text(answer: Answer) -> str:
    """"What I understood: Office 365 billed $50,000 (from "$50k of O365")", or "" when nothing was read."""
    parts = []
    for u in answer.understood:
        quoted = f" (from \u201c{u.from_text}\u201d)" if u.from_text and u.from_text != u.value else ""
        parts.append(f"{u.field} {u.value}{quoted}")
    return ("What I understood: " + " \u00b7 ".join(parts)) if parts else ""


def answer_to_text(answer: Answer) -> str:
    headline, body = split_answer(answer)
    lines = []
    if answer.abstained:
        lines.append("(no supported answer)")
    if headline:
        lines.append(headline.replace("**", ""))
    if understood_text(answer):
        lines.append(understood_text(answer))
    if body.strip():
        # Terminals show no Markdown: drop the emphasis marks, keep the words.
        plain = re.sub(r"\*\*([^*]+)\*\*", r"\1", body)
        lines.append(re.sub(r"(?m)^_(.+)_$", r"\1", plain))
    if answer.figures:
        lines.append("")
        lines.append("Calculation:")
        for f in answer.figures:
            refs = "".join(f"[{n}]" for n in f.citations)
            formula = f"  = {f.formula}" if f.formula and f.formula != format_value(f) else ""
            lines.append(f"  {f.name}: {format_value(f)}{formula} {refs}".rstrip())
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        for c in answer.citations:
            where = f"{c.title} \u203a {c.section}" if c.section else c.title
            lines.append(f"  [{c.n}] {where}" + (f", page {c.page}" if c.page else ""))
    if answer.suggestions:
        lines.append("")
        lines.append("You could also ask:")
        lines.extend(f"  - {s}" for s in answer.suggestions)
    return "\n".join(lines)
