"""`POST /api/feedback`: thumbs up/down with an optional comment on one answer."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["chat"])

MAX_COMMENT_CHARS = 2000
MAX_QUESTION_CHARS = 4000


class FeedbackRequest(BaseModel):
    session_id: str | None = Field(default=None, max_length=128,
                                   description="The session token returned with the answer.")
    message_id: int | None = None
    question: str = Field(default="", max_length=MAX_QUESTION_CHARS)
    helpful: bool
    comment: str = Field(default="", max_length=MAX_COMMENT_CHARS,
                         description=f"Optional, at most {MAX_COMMENT_CHARS} characters.")

    @field_validator("comment", "question")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()


class FeedbackResponse(BaseModel):
    id: int
    status: str = "recorded"


@router.post("/api/feedback", response_model=FeedbackResponse)
async def feedback(body: FeedbackRequest, request: Request) -> FeedbackResponse:
    assistant = request.app.state.assistant
    storage = assistant.storage
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
