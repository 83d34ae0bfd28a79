"""The one Answer shape every interface returns."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from assistant.textnorm import normalize_text

ToolName = Literal["payout", "eligibility", "coop", "competency", "forecast", "target", "compare"]


class Citation(BaseModel):
    n: int
    doc_id: str
    title: str
    source: str
    section: str = ""
    text: str
    score: float | None = None
    page: int | None = None
    # The original document's web address, when its source gives one (front matter `url`,
    # an HTML page's canonical link, a forum thread's url); the widget links to it.
    url: str | None = None


class Figure(BaseModel):
    name: str
    value: float | int
    unit: str  # USD | fraction | count | date ...
    formula: str = ""
    citations: list[int] = Field(default_factory=list)


class Understood(BaseModel):
    """One input a calculator used, and the words of the message it was read from."""

    field: str
    value: str
    from_text: str = ""


class Answer(BaseModel):
    answer: str
    citations: list[Citation] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    tool: ToolName | None = None
    eligible: bool | None = None
    abstained: bool = False
    session_id: str | None = None
    # Set when the assistant needs one more input: the question and quick-reply options.
    clarify: dict | None = None
    steps: list[str] = Field(default_factory=list)
    # The stored id of this answer: feedback names it together with the session.
    message_id: int | None = None
    # Every input a calculator used, with the words it was read from, so a misread is visible.
    understood: list[Understood] = Field(default_factory=list)
    # Two or three follow-up questions the user may want to ask next.
    suggestions: list[str] = Field(default_factory=list)


# Schema bounds for request fields; the configured limits (Settings) are checked at the edge too.
MAX_SESSION_ID_CHARS = 256
MAX_MESSAGE_FIELD_CHARS = 64 * 1024


class ChatRequest(BaseModel):
    message: str = Field(max_length=MAX_MESSAGE_FIELD_CHARS)
    session_id: str | None = Field(default=None, max_length=MAX_SESSION_ID_CHARS)

    @field_validator("message", "session_id", mode="before")
    @classmethod
    def _normalise(cls, value):
        # Before the type check: lone surrogates and NUL would fail in the tokenizer or the database.
        return normalize_text(value) if isinstance(value, str) else value
