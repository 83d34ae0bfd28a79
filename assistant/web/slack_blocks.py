"""Render an Answer as Slack Block Kit: text, figures, sources and feedback buttons."""
from __future__ import annotations

import json
import re

from assistant.answer import Answer

SECTION_LIMIT = 3000  # Slack's limit on a section's text
FIELD_LIMIT = 2000
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
CLARIFY = "clarify_option"


def escape(text: str) -> str:
    """Slack's three control characters; anything else in mrkdwn is shown as typed."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """The answer's Markdown (bold, line breaks) as Slack mrkdwn, escaped."""
    text = escape(markdown)
    return re.sub(r"\*\*([^*\n]+)\*\*", r"*\1*", text)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_value(value: float | int, unit: str) -> str:
    if unit == "USD":
        return f"${value:,.2f}"
    if unit == "fraction":
        return f"{value * 100:g}%"
    if unit == "count":
        return f"{int(value):,}"
    return f"{value:g} {unit}".strip() if isinstance(value, (int, float)) else f"{value} {unit}"


def feedback_value(session_id: str | None, message_id: int | None) -> str:
    return json.dumps({"s": session_id, "m": message_id}, separators=(",", ":"))


def answer_blocks(answer: Answer, message_id: int | None = None) -> list[dict]:
    blocks: list[dict] = []
    text = to_mrkdwn(answer.answer)
    if answer.abstained:
        text = ":warning: *Not in the sources*\n" + text
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, SECTION_LIMIT)}})
    if answer.figures:
        fields = []
        for f in answer.figures[:MAX_FIELDS]:
            cites = "".join(f"[{n}]" for n in f.citations)
            body = f"*{escape(f.name)}*\n{escape(format_value(f.value, f.unit))} {cites}".rstrip()
            if f.formula:
                body += f"\n_{escape(f.formula)}_"
            fields.append({"type": "mrkdwn", "text": _clip(body, FIELD_LIMIT)})
        blocks.append({"type": "section", "block_id": "figures", "fields": fields})
    if answer.clarify and answer.clarify.get("options"):
        blocks.append({"type": "actions", "block_id": "clarify", "elements": [
            {"type": "button", "action_id": f"{CLARIFY}_{i}",
             "text": {"type": "plain_text", "text": _clip(str(opt), 75)},
             "value": _clip(json.dumps({"s": answer.session_id, "o": str(opt)}), 2000)}
            for i, opt in enumerate(answer.clarify["options"][:5])]})
    if answer.citations:
        label = "Nearest passages" if answer.abstained else "Sources"
        elements = [{"type": "mrkdwn", "text": f"*{label}:*"}]
        for c in answer.citations[: MAX_CONTEXT_ELEMENTS - 1]:
            where = escape(c.title) + (f" › {escape(c.section)}" if c.section else "")
            page = f", p. {c.page}" if c.page else ""
            elements.append({"type": "mrkdwn", "text": _clip(f"[{c.n}] {where}{page}", 300)})
        blocks.append({"type": "context", "block_id": "sources", "elements": elements})
    value = feedback_value(answer.session_id, message_id)
    blocks.append({"type": "actions", "block_id": "feedback", "elements": [
        {"type": "button", "action_id": FEEDBACK_UP, "text": {"type": "plain_text", "text": "👍 Helpful", "emoji": True},
         "value": value},
        {"type": "button", "action_id": FEEDBACK_DOWN,
         "text": {"type": "plain_text", "text": "👎 Not helpful", "emoji": True}, "value": value},
    ]})
    return blocks


def fallback_text(answer: Answer) -> str:
    """Plain text for notifications and clients that cannot show blocks.

    Escaped like the blocks: Slack parses `text` too, so an unescaped "<!channel>" in a passage
    would notify everyone and "<https://evil|guide>" would disguise a link.
    """
    prefix = "Not in the sources: " if answer.abstained else ""
    return _clip(prefix + escape(answer.answer), SECTION_LIMIT)
