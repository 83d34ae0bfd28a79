"""`POST /api/feedback`: thumbs up/down with an optional comment on one answer."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

from assistant.answer import MAX_SESSION_ID_CHARS
from assistant.replies import InputError
from assistant.storage_tables import MAX_ROW_ID
from assistant.textnorm import normalize_text
from assistant.web.ratelimit import limited

router = APIRouter(tags=["chat"])

# Schema bounds; CSP_MAX_COMMENT_CHARS may set a lower comment limit, checked per request.
MAX_COMMENT_CHARS = 2000
MAX_QUESTION_CHARS = 4000


class FeedbackRequest(BaseModel):
    session_id: str | None = Field(default=None, max_length=MAX_SESSION_ID_CHARS,
                                   description="The session token returned with the answer.")
    message_id: int | None = Field(default=None, ge=1, le=MAX_ROW_ID,
                                   description="The answer's message_id, returned with it.")
    question: str = Field(default="", max_length=MAX_QUESTION_CHARS)
    helpful: bool
    comment: str = Field(default="", max_length=MAX_COMMENT_CHARS,
                         description=f"Optional, at most {MAX_COMMENT_CHARS} characters (CSP_MAX_COMMENT_CHARS may lower it).")

    @field_validator("comment", "question", "session_id", mode="before")
    @classmethod
    def _normalise(cls, value):
        # Before the type check: a lone surrogate or NUL is removed, not a 500 further down.
        return normalize_text(value) if isinstance(value, str) else value

    @field_validator("comment", "question")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class FeedbackResponse(BaseModel):
    id: int
    status: str = "recorded"


@router.post("/api/feedback", response_model=FeedbackResponse, dependencies=[Depends(limited("feedback"))],
             responses={404: {"description": "No such answer in this conversation"},
                        429: {"description": "Too many requests"},
                        503: {"description": "The database is unavailable"}})
async def feedback(body: FeedbackRequest, request: Request) -> FeedbackResponse:
    assistant = request.app.state.assistant
    storage = assistant.storage
    limit = request.app.state.settings.max_comment_chars
    if len(body.comment) > limit:
        raise InputError(f"The comment has {len(body.comment):,} characters; at most {limit:,} are accepted.")
    # Feedback attaches only to an answer of the caller's own conversation.
    sid = assistant.session_id_of(body.session_id, "web") if body.session_id else None
    if body.session_id and sid is None:
        raise HTTPException(status_code=404, detail="Unknown session.")
    if body.message_id is not None:
        owned = sid is not None and await run_in_threadpool(storage.answer_in_session, body.message_id, sid)
        if not owned:
            raise HTTPException(status_code=404, detail="No such answer in this conversation.")
    question = body.question
    if not question and body.message_id is not None:
        question = await run_in_threadpool(storage.question_for, body.message_id)
    fid = await run_in_threadpool(
        storage.add_feedback, body.helpful, body.comment, sid, body.message_id,
        question, "web")
    request.app.state.metrics.observe_feedback(body.helpful, "web")
    return FeedbackResponse(id=fid)
