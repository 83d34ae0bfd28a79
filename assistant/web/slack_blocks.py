"""Render an Answer as Slack Block Kit: answer first, what was understood, figures, sources,
follow-ups, the hand-off to partner support and feedback buttons."""
from __future__ import annotations

import json
import re

from assistant.answer import Answer
from assistant.render import split_answer, understood_text

SECTION_LIMIT = 3000  # Slack's limit on a section's text
FIELD_LIMIT = 2000
MAX_FIELDS = 10
MAX_CONTEXT_ELEMENTS = 10
FEEDBACK_UP = "feedback_up"
FEEDBACK_DOWN = "feedback_down"
CLARIFY = "clarify_option"
# A link button: Slack opens the URL itself and also sends an interaction, which is acknowledged only.
CONTACT_SUPPORT = "contact_support"


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


def _figures_block(answer: Answer) -> dict:
    fields = []
    for f in answer.figures[:MAX_FIELDS]:
        cites = "".join(f"[{n}]" for n in f.citations)
        body = f"*{escape(f.name)}*\n{escape(format_value(f.value, f.unit))} {cites}".rstrip()
        if f.formula and f.formula != format_value(f.value, f.unit):
            body += f"\n_{escape(f.formula)}_"
        fields.append({"type": "mrkdwn", "text": _clip(body, FIELD_LIMIT)})
    return {"type": "section", "block_id": "figures", "fields": fields}


def _reply_buttons(block_id: str, options: list[str], session_id: str | None, prefix: str = "") -> dict:
    # Pressing one asks it in the thread (the interactions route treats every CLARIFY action alike).
    return {"type": "actions", "block_id": block_id, "elements": [
        {"type": "button", "action_id": f"{CLARIFY}_{prefix}{i}",
         "text": {"type": "plain_text", "text": _clip(str(opt), 75)},
         "value": _clip(json.dumps({"s": session_id, "o": str(opt)}), 2000)}
        for i, opt in enumerate(options[:5])]}


def _support_block(answer: Answer, support_url: str) -> dict:
    button = {"type": "button", "action_id": CONTACT_SUPPORT, "url": support_url,
              "text": {"type": "plain_text", "text": "Contact partner support"}}
    if answer.abstained:
        button["style"] = "primary"
        text = "The sources do not cover this. A person from partner support can help."
    else:
        text = "Need a person? Partner support can help with your case."
    return {"type": "section", "block_id": "support", "text": {"type": "mrkdwn", "text": text},
            "accessory": button}


def answer_blocks(answer: Answer, message_id: int | None = None, support_url: str | None = None) -> list[dict]:
    """The answer first (its headline and text, figures not repeated), then what was understood,
    the calculation, quick replies, sources, follow-ups, the hand-off and the feedback buttons."""
    blocks: list[dict] = []
    headline, body = split_answer(answer)
    text = to_mrkdwn("\n".join(part for part in (headline, body) if part and part.strip()))
    if answer.abstained:
        text = ":warning: *Not in the sources*\n" + text
    blocks.append({"type": "section", "block_id": "answer",
                   "text": {"type": "mrkdwn", "text": _clip(text, SECTION_LIMIT)}})
    understood = understood_text(answer)
    if understood:
        label, _, rest = understood.partition(": ")
        blocks.append({"type": "context", "block_id": "understood", "elements": [
            {"type": "mrkdwn", "text": _clip(f"*{label}:* {escape(rest)}", SECTION_LIMIT)}]})
    if answer.figures:
        blocks.append(_figures_block(answer))
    if answer.clarify and answer.clarify.get("options"):
        blocks.append(_reply_buttons("clarify", list(answer.clarify["options"]), answer.session_id))
    if answer.citations:
        label = "Nearest passages" if answer.abstained else "Sources"
        elements = [{"type": "mrkdwn", "text": f"*{label}:*"}]
        for c in answer.citations[: MAX_CONTEXT_ELEMENTS - 1]:
            where = escape(c.title) + (f" › {escape(c.section)}" if c.section else "")
            if c.url and not any(ch in c.url for ch in "|<> "):
                where = f"<{c.url}|{where}>"  # the original document, where it has an address
            page = f", p. {c.page}" if c.page else ""
            elements.append({"type": "mrkdwn", "text": _clip(f"[{c.n}] {where}{page}", 300)})
        blocks.append({"type": "context", "block_id": "sources", "elements": elements})
    if answer.suggestions and not (answer.clarify and answer.clarify.get("options")):
        blocks.append({"type": "context", "block_id": "suggestions_label",
                       "elements": [{"type": "mrkdwn", "text": "*You could also ask:*"}]})
        blocks.append(_reply_buttons("suggestions", answer.suggestions[:3], answer.session_id, prefix="s"))
    if support_url:
        blocks.append(_support_block(answer, support_url))
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
