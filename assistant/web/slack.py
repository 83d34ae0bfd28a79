"""Slack: slash commands, Events API (mentions and direct messages) and feedback buttons.

Every request is verified against CSP_SLACK_SIGNING_SECRET over the raw body before anything
else happens; a signed body that is not the shape Slack sends gets 400, never a 500. Requests
are acknowledged at once; the answer is computed in a background task and posted to the thread
(chat.postMessage) or to the command's response_url, which must be one of Slack's own hosts.
One Slack thread is one session, so follow-ups in the thread keep their context.

Deliveries are deduplicated by Slack's event id (or the command's and the click's trigger id),
retries included: a retry of an event answered or being answered is only acknowledged, and a
retry whose first delivery was never seen, or failed, is answered. An event is recorded as
answered only once its answer was posted.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re

import httpx
from fastapi import APIRouter, BackgroundTasks, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from slack_sdk import WebClient
from starlette.concurrency import run_in_threadpool

from assistant.replies import InputError
from assistant.storage import StorageUnavailable
from assistant.textnorm import normalize_text
from assistant.web.chat import answer_sync
from assistant.web.ratelimit import enforce
from assistant.web.slack_blocks import (CLARIFY, FEEDBACK_DOWN, FEEDBACK_UP, answer_blocks, escape,
                                        fallback_text)
from assistant.web.slack_verify import (MALFORMED, as_dict, form_fields, slack_response_url, sub, text_of,
                                        verified_body)

log = logging.getLogger(__name__)
router = APIRouter(prefix="/slack", tags=["slack"])

USAGE = ("Ask me about CSP incentives, e.g. `/incentives how much on $50k of Office 365?` "
         "or `/incentives what does DPOR stand for?`")
FAILED = "Sorry, I could not answer that just now. Please try again in a minute."


# ---- sessions and text ----
def thread_session(channel: str, thread_ts: str) -> str:
    sid = f"slack:{channel}:{thread_ts}"
    # Session ids are at most 64 characters; hash the rare id that would be longer.
    return sid if len(sid) <= 64 else "slack:" + hashlib.sha256(sid.encode()).hexdigest()[:40]


def clean_text(text: str) -> str:
    """A Slack message as the user typed it: no bot mention, links as their label, unescaped."""
    text = re.sub(r"<@[A-Z0-9]+(\|[^>]*)?>", " ", text or "")
    text = re.sub(r"<(?:https?|mailto):[^|>]+\|([^>]+)>", r"\1", text)
    text = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


def web_client(app: FastAPI) -> WebClient | None:
    settings = app.state.settings
    if not settings.slack_bot_token:
        log.error("CSP_SLACK_BOT_TOKEN is not set: cannot post answers to Slack")
        return None
    base = settings.slack_api_base if settings.slack_api_base.endswith("/") else settings.slack_api_base + "/"
    return WebClient(token=settings.slack_bot_token, base_url=base, timeout=15)


def _answer(app: FastAPI, text: str, session_id: str) -> tuple[str, list[dict] | None, bool]:
    """(fallback text, blocks, answered) for a message; a plain error text when it cannot be answered."""
    try:
        result, message_id = answer_sync(app, text, session_id, "slack")
    except InputError as exc:
        return escape(str(exc)), None, True
    except Exception:  # the edge: answer_sync logged it; tell the user plainly
        return FAILED, None, False
    return fallback_text(result), answer_blocks(result, message_id, app.state.settings.support_link), True


def _finish(app: FastAPI, key: str | None, answered: bool) -> None:
    if key is None:
        return
    try:
        app.state.assistant.storage.finish_slack_event(key, answered)
    except StorageUnavailable:
        pass  # logged by storage; the claim expires on its own


# ---- background jobs ----
def reply_in_thread(app: FastAPI, channel: str, thread_ts: str, text: str,
                    session_id: str | None = None, event_key: str | None = None) -> None:
    fallback, blocks, answered = _answer(app, text, session_id or thread_session(channel, thread_ts))
    client = web_client(app)
    if client is not None:
        try:
            kwargs = {"blocks": blocks} if blocks else {}
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=fallback, **kwargs)
        except Exception:
            log.exception("chat.postMessage failed")
            answered = False
    _finish(app, event_key, answered and client is not None)


def post_response_url(url: str, payload: dict) -> bool:
    try:
        httpx.post(url, json=payload, timeout=15).raise_for_status()
        return True
    except httpx.HTTPError:
        log.exception("posting to response_url failed")
        return False


def reply_to_command(app: FastAPI, response_url: str, text: str, session_id: str,
                     event_key: str | None = None) -> None:
    fallback, blocks, answered = _answer(app, text, session_id)
    payload = {"response_type": "in_channel" if blocks else "ephemeral", "replace_original": False,
               "text": fallback}
    if blocks:
        payload["blocks"] = blocks
    posted = post_response_url(response_url, payload)
    _finish(app, event_key, answered and posted)


def record_feedback(app: FastAPI, helpful: bool, value: str, response_url: str | None) -> None:
    try:
        ref = json.loads(value)
    except ValueError:
        ref = {}
    ref = ref if isinstance(ref, dict) else {}
    storage = app.state.assistant.storage
    session_id = ref.get("s") if isinstance(ref.get("s"), str) else None
    message_id = ref.get("m") if isinstance(ref.get("m"), int) and not isinstance(ref.get("m"), bool) else None
    try:
        if message_id is not None and not (session_id and storage.answer_in_session(message_id, session_id)):
            message_id = None  # a vote names only an answer of its own thread
        if message_id is None:
            session_id = None if session_id and len(session_id) > 64 else session_id
        question = storage.question_for(message_id) if message_id is not None else ""
        storage.add_feedback(helpful, "", session_id, message_id, question, "slack")
    except StorageUnavailable:
        text = "Sorry, your feedback could not be saved just now."
    else:
        app.state.metrics.observe_feedback(helpful, "slack")
        text = "Thanks for the feedback."
    if response_url:
        post_response_url(response_url, {"response_type": "ephemeral", "replace_original": False, "text": text})


async def claim(request: Request, key: str) -> bool:
    try:
        return await run_in_threadpool(request.app.state.assistant.storage.claim_slack_event, key)
    except StorageUnavailable:
        return True  # without the database, answering twice beats never answering


# ---- routes ----
@router.post("/events")
async def events(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    try:
        payload = as_dict(json.loads(body))
    except ValueError:
        raise HTTPException(status_code=400, detail="Body is not JSON.")
    if payload.get("type") == "url_verification":
        return JSONResponse({"challenge": text_of(payload, "challenge")})
    if payload.get("type") != "event_callback":
        return Response(status_code=200)
    event = sub(payload, "event")
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return Response(status_code=200)  # bots (ourselves included), edits, joins…
    is_dm = event.get("type") == "message" and event.get("channel_type") == "im"
    if event.get("type") != "app_mention" and not is_dm:
        return Response(status_code=200)
    text = clean_text(text_of(event, "text"))
    channel, ts = text_of(event, "channel"), text_of(event, "thread_ts") or text_of(event, "ts")
    if not (text and channel and ts):
        return Response(status_code=200)
    await enforce(request, "slack", f"{text_of(payload, 'team_id')}:{text_of(event, 'user')}")
    key = f"event:{text_of(payload, 'event_id') or channel + ':' + text_of(event, 'ts')}"
    if not await claim(request, key):
        return Response(status_code=200)  # a retry or replay of an event answered or being answered
    background.add_task(reply_in_thread, request.app, channel, ts, text, None, key)
    return Response(status_code=200)


@router.post("/commands")
async def commands(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    fields = form_fields(body)
    text = clean_text(fields.get("text", ""))
    if not text or text.lower() in ("help", "?"):
        return JSONResponse({"response_type": "ephemeral", "text": USAGE})
    response_url = slack_response_url(request, fields.get("response_url", ""))
    if response_url is None:
        return JSONResponse({"response_type": "ephemeral", "text": "Missing or foreign response_url."},
                            status_code=400)
    await enforce(request, "slack", f"{fields.get('team_id', '')}:{fields.get('user_id', 'anon')}")
    key = "command:" + (fields.get("trigger_id") or hashlib.sha256(body).hexdigest())
    if not await claim(request, key):
        return Response(status_code=200)
    # One session per user per channel: consecutive commands keep their context.
    session_id = thread_session(fields.get("channel_id", "dm"), fields.get("user_id", "anon"))
    background.add_task(reply_to_command, request.app, response_url, text, session_id, key)
    return JSONResponse({"response_type": "ephemeral", "text": f"Looking up: {escape(text)}"})


@router.post("/interactions")
async def interactions(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    try:
        payload = as_dict(json.loads(form_fields(body).get("payload", "")))
    except ValueError:
        raise HTTPException(status_code=400, detail="Missing or invalid payload.")
    if payload.get("type") != "block_actions":
        return Response(status_code=200)
    response_url = slack_response_url(request, text_of(payload, "response_url")) if payload.get("response_url") else None
    container = sub(payload, "container")
    message = sub(payload, "message")
    channel = text_of(sub(payload, "channel"), "id") or text_of(container, "channel_id")
    thread_ts = text_of(message, "thread_ts") or text_of(container, "thread_ts") or text_of(message, "ts")
    actions = payload.get("actions", [])
    if not isinstance(actions, list):
        raise HTTPException(status_code=400, detail=MALFORMED)
    user = text_of(sub(payload, "user"), "id")
    await enforce(request, "slack", f"{text_of(sub(payload, 'team'), 'id')}:{user}")
    # One click is one delivery: a replayed click (same signed body or trigger) records nothing.
    key = "click:" + (text_of(payload, "trigger_id") or hashlib.sha256(body).hexdigest())
    if not await claim(request, key):
        return Response(status_code=200)
    for action in actions:
        action = as_dict(action)
        action_id, value = text_of(action, "action_id"), text_of(action, "value")
        if action_id in (FEEDBACK_UP, FEEDBACK_DOWN):
            background.add_task(record_feedback, request.app, action_id == FEEDBACK_UP, value, response_url)
        elif action_id.startswith(CLARIFY) and channel and thread_ts:
            try:
                ref = json.loads(value)
            except ValueError:
                continue
            if isinstance(ref, dict) and ref.get("o"):
                background.add_task(reply_in_thread, request.app, channel, thread_ts, normalize_text(str(ref["o"])),
                                    ref.get("s") if isinstance(ref.get("s"), str) else None)
    background.add_task(_finish, request.app, key, True)
    return Response(status_code=200)
