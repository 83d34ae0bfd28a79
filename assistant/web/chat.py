"""Chat API: one route per call, each a thin layer over Assistant.answer()."""
from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from assistant.answer import Answer, ChatRequest

router = APIRouter(tags=["chat"])


@router.post("/api/chat", response_model=Answer)
async def chat(body: ChatRequest, request: Request) -> Answer:
    assistant = request.app.state.assistant
    return await run_in_threadpool(assistant.answer, body.message, body.session_id, "web")
