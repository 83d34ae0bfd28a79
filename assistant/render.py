"""Plain-text rendering of an Answer for terminals and logs."""
from __future__ import annotations

from assistant.answer import Answer


def answer_to_text(answer: Answer) -> str:
    lines = []
    if answer.abstained:
        lines.append("(no supported answer)")
    lines.append(answer.answer)
    if answer.figures:
        lines.append("")
        lines.append("Figures:")
        for f in answer.figures:
            refs = "".join(f"[{n}]" for n in f.citations)
            value = f"${f.value:,.2f}" if f.unit == "USD" else (
                f"{f.value * 100:g}%" if f.unit == "fraction" else f"{f.value}")
            lines.append(f"  {f.name}: {value}  = {f.formula} {refs}".rstrip())
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        for c in answer.citations:
            where = c.source + (f", page {c.page}" if c.page else "")
            lines.append(f"  [{c.n}] {c.title} › {c.section} ({where})")
    return "\n".join(lines)
