"""`POST /api/chat/stream`: the answer as server-sent events.

Events, in order: `token` ({"text": …}, a sentence at a time; their concatenation is the
answer text), `meta` ({"session_id", "message_id"}, what feedback refers to), then `final`
(the whole Answer). A failure ends the stream with one `error` event ({"error": …}).
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from assistant.answer import ChatRequest
from assistant.replies import InputError
from assistant.web.access_log import note
from assistant.web.chat import AnswerUnavailable, answer_async, check_limits
from assistant.web.ratelimit import limited

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])

# A boundary after sentence-ending punctuation (or a citation marker) and the spaces after it.
_BOUNDARY = re.compile(r"(?<=[.!?\]])(\s+)|(\n+)")


def sentences(text: str) -> list[str]:
    """Split text into chunks that keep their trailing whitespace: "".join(result) == text."""
    chunks: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if end > start:
            chunks.append(text[start:end])
            start = end
    if start < len(text):
        chunks.append(text[start:])
    return chunks


def sse(event: str, data) -> str:
    # json.dumps escapes newlines, so each payload is exactly one `data:` line.
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _events(request: Request, body: ChatRequest) -> AsyncIterator[str]:
    try:
        result, message_id = await answer_async(request.app, body.message, body.session_id, "web")
    except InputError as exc:
        yield sse("error", {"error": str(exc)})
        return
    except AnswerUnavailable as exc:  # already logged by answer_sync
        yield sse("error", {"error": str(exc)})
        return
    except Exception:  # the edge: log it, tell the user plainly, keep the server up
        log.exception("answer failed")
        yield sse("error", {"error": "The assistant could not answer just now. Please try again."})
        return
    note(request, tool=result.tool, abstained=result.abstained, stored=message_id is not None)
    for chunk in sentences(result.answer):
        yield sse("token", {"text": chunk})
    yield sse("meta", {"session_id": result.session_id, "message_id": message_id})
    yield sse("final", result.model_dump(mode="json"))


@router.post("/api/chat/stream", response_class=StreamingResponse, dependencies=[Depends(limited("chat"))],
             responses={200: {"content": {"text/event-stream": {}}}, 429: {"description": "Too many requests"}})
async def chat_stream(body: ChatRequest, request: Request) -> StreamingResponse:
    check_limits(request, body)
    return StreamingResponse(_events(request, body), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
