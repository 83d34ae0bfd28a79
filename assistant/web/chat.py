"""Chat API: one route per call, each a thin layer over Assistant.answer()."""
from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from starlette.concurrency import run_in_threadpool

from assistant.answer import Answer, ChatRequest

router = APIRouter(tags=["chat"])


def answer_sync(app: FastAPI, message: str, session_id: str | None, channel: str) -> tuple[Answer, int | None]:
    """The one core call every interface makes, plus the stored id of the answer message.

    Blocking: call it from a thread (run_in_threadpool, a background task).
    """
    result = app.state.assistant.answer(message, session_id, channel)
    metrics = getattr(app.state, "metrics", None)
    if metrics is not None:
        metrics.observe_answer(result, channel)
    return result, result.message_id


async def answer_async(app: FastAPI, message: str, session_id: str | None,
                       channel: str = "web") -> tuple[Answer, int | None]:
    return await run_in_threadpool(answer_sync, app, message, session_id, channel)


@router.post("/api/chat", response_model=Answer)
async def chat(body: ChatRequest, request: Request) -> Answer:
    result, _ = await answer_async(request.app, body.message, body.session_id, "web")
    return result
