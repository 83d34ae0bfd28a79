"""Chat API: one route per call, each a thin layer over Assistant.answer().

The edge for every interface: an unexpected failure inside answer() never reaches the user
as a traceback or a 500. A message the parser cannot read (a number too large for any
amount, say) is an input problem, 422; anything else is logged and answered 503.
"""
from __future__ import annotations

import logging
import os

import anyio
from fastapi import APIRouter, Depends, FastAPI, Request, Response

from assistant.answer import Answer, ChatRequest
from assistant.replies import InputError
from assistant.storage import ConcurrentTurnError
from assistant.web.access_log import note
from assistant.web.ratelimit import limited

log = logging.getLogger(__name__)
router = APIRouter(tags=["chat"])

UNREADABLE = ("I could not read a number or a word in that message (an amount may be too large or "
              "malformed). Rephrase it, e.g. \"How much incentive on $50,000 of Office 365?\".")
UNAVAILABLE = "The assistant could not answer just now. Please try again in a minute."


class AnswerUnavailable(RuntimeError):
    """answer() failed for a reason that is not the user's input; already logged."""


def _public_source(source: str) -> str:
    # A server's absolute file path tells an outsider about the machine: show the file name only.
    return os.path.basename(source.rstrip("/\\")) or source if os.path.isabs(source) else source


def answer_sync(app: FastAPI, message: str, session_id: str | None, channel: str) -> tuple[Answer, int | None]:
    """The one core call every interface makes, plus the stored id of the answer message.

    Blocking: call it from a thread (answer_async, a background task). Raises InputError
    (tell the user) or AnswerUnavailable (logged; say "try again").
    """
    try:
        result = app.state.assistant.answer(message, session_id, channel)
    except InputError:
        raise
    except (ArithmeticError, UnicodeError, RecursionError) as exc:
        log.warning("%s message could not be read: %s", channel, type(exc).__name__)
        raise InputError(UNREADABLE) from exc
    except ConcurrentTurnError as exc:
        log.warning("%s turn gave up after repeated concurrent updates", channel)
        raise AnswerUnavailable(UNAVAILABLE) from exc
    except Exception as exc:
        log.exception("%s answer failed", channel)
        raise AnswerUnavailable(UNAVAILABLE) from exc
    if any(os.path.isabs(c.source) for c in result.citations):
        result = result.model_copy(update={"citations": [
            c.model_copy(update={"source": _public_source(c.source)}) for c in result.citations]})
    if result.message_id is None:
        log.warning("%s answer given but not stored (database unavailable)", channel)
    metrics = getattr(app.state, "metrics", None)
    if metrics is not None:
        metrics.observe_answer(result, channel)
    return result, result.message_id


async def answer_async(app: FastAPI, message: str, session_id: str | None,
                       channel: str = "web") -> tuple[Answer, int | None]:
    limiter = getattr(app.state, "answer_limiter", None)
    if limiter is None:  # made on first use: it belongs to the running event loop
        limiter = app.state.answer_limiter = anyio.CapacityLimiter(answer_threads(app.state.settings, app))
    return await anyio.to_thread.run_sync(answer_sync, app, message, session_id, channel, limiter=limiter)


def answer_threads(settings, app: FastAPI | None = None) -> int:
    """How many answers are worked on at once; the rest wait their turn without a thread.

    Answering is CPU work (the model, then Python): more answers at once than cores only makes
    them take turns on the interpreter lock. A phraser waits on a remote LLM, so it gets the
    thread pool's usual 40.
    """
    if settings.answer_threads:
        return settings.answer_threads
    assistant = getattr(app.state, "assistant", None) if app is not None else None
    if assistant is not None and assistant.phraser is not None:
        return 40
    return max(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 2)


def check_limits(request: Request, body: ChatRequest) -> None:
    limit = request.app.state.settings.max_session_id_chars
    if body.session_id is not None and len(body.session_id) > limit:
        raise InputError(f"session_id is longer than {limit} characters; send the token you were given.")


@router.post("/api/chat", response_model=Answer, dependencies=[Depends(limited("chat"))],
             responses={422: {"description": "The message cannot be answered as sent"},
                        429: {"description": "Too many requests"},
                        503: {"description": "Temporarily unable to answer"}})
async def chat(body: ChatRequest, request: Request, response: Response) -> Answer:
    check_limits(request, body)
    result, message_id = await answer_async(request.app, body.message, body.session_id, "web")
    note(request, tool=result.tool, abstained=result.abstained, stored=message_id is not None)
    if message_id is None:
        response.headers["X-Answer-Stored"] = "false"  # answered, but feedback cannot refer to it
    return result
