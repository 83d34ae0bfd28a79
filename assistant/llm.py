"""Optional phrasing by an OpenAI-compatible model, accepted only when it invents no number or citation."""
from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation

import httpx

from assistant.answer import Answer
from assistant.settings import Settings

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You rewrite a draft answer about Microsoft CSP partner incentives so it reads naturally. "
    "Use only facts from the draft and the numbered sources. Keep every citation marker like [1] "
    "next to the claim it supports and add no marker that is not in the sources. Do not add, change "
    "or compute any number; copy figures exactly as the draft gives them. Answer in at most five sentences."
)

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MARKER = re.compile(r"\[(\d+)\]")


def numbers_in(text: str) -> set[Decimal]:
    """Every number a text states, normalised (so $50,000.00, 50,000 and 50000 are one number)."""
    found = set()
    for raw in _NUMBER.findall(text):
        try:
            found.add(Decimal(raw.replace(",", "")).normalize())
        except InvalidOperation:
            continue
    return found


def allowed_numbers(answer: Answer) -> set[Decimal]:
    allowed = numbers_in(answer.answer)
    for c in answer.citations:
        allowed |= numbers_in(c.text) | numbers_in(c.title) | numbers_in(c.section)
    for f in answer.figures:
        allowed |= numbers_in(f.formula) | numbers_in(f"{f.value}") | numbers_in(f"{f.value:,.2f}")
        if f.unit == "fraction":
            allowed |= numbers_in(f"{Decimal(str(f.value)) * 100}")
    return allowed


def check_phrasing(text: str, answer: Answer) -> str | None:
    """Why the model's text cannot be used, or None when every number and marker is backed."""
    if not text.strip():
        return "empty text"
    known = {c.n for c in answer.citations}
    markers = {int(m) for m in _MARKER.findall(text)}
    if markers - known:
        return f"cites sources that do not exist: {sorted(markers - known)}"
    if answer.citations and not markers:
        return "drops every citation"
    invented = numbers_in(_MARKER.sub("", text)) - allowed_numbers(answer)
    if invented:
        return f"states numbers no source or figure gives: {sorted(str(n) for n in invented)}"
    return None


class Phraser:
    """Calls /chat/completions; any failure or unbacked output falls back to the extractive answer."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None):
        self.model = settings.llm_model
        headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
        self.client = client or httpx.Client(base_url=settings.llm_base_url.rstrip("/") + "/",
                                             headers=headers, timeout=settings.llm_timeout_s)

    def _prompt(self, question: str, answer: Answer) -> str:
        sources = "\n".join(f"[{c.n}] {c.title} - {c.section}: {c.text}" for c in answer.citations)
        return f"Question: {question}\n\nDraft answer: {answer.answer}\n\nSources:\n{sources}"

    def phrase(self, question: str, answer: Answer) -> Answer:
        if answer.abstained or answer.clarify:
            return answer
        try:
            resp = self.client.post("chat/completions", json={
                "model": self.model, "temperature": 0,
                "messages": [{"role": "system", "content": SYSTEM_PROMPT},
                             {"role": "user", "content": self._prompt(question, answer)}],
            })
            resp.raise_for_status()
            text = resp.json()["choices"][0]["message"]["content"] or ""
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
            log.warning("language model unavailable, keeping the extractive answer: %s", exc)
            return answer
        problem = check_phrasing(text, answer)
        if problem:
            log.warning("language model output rejected (%s); keeping the extractive answer", problem)
            return answer
        return answer.model_copy(update={"answer": text.strip()})
