"""Slack: slash commands, Events API (mentions and direct messages) and feedback buttons.

Every request is verified against CSP_SLACK_SIGNING_SECRET over the raw body before anything
else happens. Requests are acknowledged at once; the answer is computed in a background
task and posted to the thread (chat.postMessage) or to the command's response_url. One
Slack thread is one session, so follow-ups in the thread keep their context.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from urllib.parse import parse_qs

import httpx
from fastapi import APIRouter, BackgroundTasks, FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from assistant.core import InputError
from assistant.web.chat import answer_sync
from assistant.web.slack_blocks import (CLARIFY, FEEDBACK_DOWN, FEEDBACK_UP, answer_blocks, escape,
                                        fallback_text)

log = logging.getLogger(__name__)
router = APIRouter(prefix="/slack", tags=["slack"])

NOT_CONFIGURED = "Slack is not configured: set CSP_SLACK_SIGNING_SECRET"
MAX_BODY_BYTES = 256 * 1024
USAGE = ("Ask me about CSP incentives, e.g. `/incentives how much on $50k of Office 365?` "
         "or `/incentives what does DPOR stand for?`")
FAILED = "Sorry, I could not answer that just now. Please try again in a minute."


# ---- verification ----
async def verified_body(request: Request) -> bytes:
    """The raw body, once its Slack signature checks out; 401 (and nothing done) otherwise."""
    secret = request.app.state.settings.slack_signing_secret
    if not secret:
        raise HTTPException(status_code=503, detail=NOT_CONFIGURED)
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HTTPException(status_code=413, detail="Request body too large.")
    ts = request.headers.get("x-slack-request-timestamp")
    sig = request.headers.get("x-slack-signature")
    try:
        valid = SignatureVerifier(secret).is_valid(body, ts, sig)
    except (ValueError, TypeError):  # a timestamp that is not a number
        valid = False
    if not valid:
        raise HTTPException(status_code=401, detail="Invalid or missing Slack signature (or a stale timestamp).")
    return body


def form_fields(body: bytes) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True).items()}


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


def _answer(app: FastAPI, text: str, session_id: str) -> tuple[str, list[dict] | None]:
    """(fallback text, blocks) for a message; a plain error text when it cannot be answered."""
    try:
        result, message_id = answer_sync(app, text, session_id, "slack")
    except InputError as exc:
        return escape(str(exc)), None
    except Exception:  # the edge: log, tell the user plainly
        log.exception("Slack answer failed")
        return FAILED, None
    return fallback_text(result), answer_blocks(result, message_id, app.state.settings.support_link)


# ---- background jobs ----
def reply_in_thread(app: FastAPI, channel: str, thread_ts: str, text: str,
                    session_id: str | None = None) -> None:
    fallback, blocks = _answer(app, text, session_id or thread_session(channel, thread_ts))
    client = web_client(app)
    if client is None:
        return
    try:
        kwargs = {"blocks": blocks} if blocks else {}
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=fallback, **kwargs)
    except Exception:
        log.exception("chat.postMessage failed")


def post_response_url(url: str, payload: dict) -> None:
    try:
        httpx.post(url, json=payload, timeout=15).raise_for_status()
    except httpx.HTTPError:
        log.exception("posting to response_url failed")


def reply_to_command(app: FastAPI, response_url: str, text: str, session_id: str) -> None:
    fallback, blocks = _answer(app, text, session_id)
    payload = {"response_type": "in_channel" if blocks else "ephemeral", "replace_original": False,
               "text": fallback}
    if blocks:
        payload["blocks"] = blocks
    post_response_url(response_url, payload)


def record_feedback(app: FastAPI, helpful: bool, value: str, response_url: str | None) -> None:
    try:
        ref = json.loads(value)
    except ValueError:
        ref = {}
    storage = app.state.assistant.storage
    session_id = ref.get("s") if isinstance(ref.get("s"), str) else None
    message_id = ref.get("m") if isinstance(ref.get("m"), int) else None
    if message_id is not None and not (session_id and storage.answer_in_session(message_id, session_id)):
        message_id = None  # a vote names only an answer of its own thread
    question = storage.question_for(message_id) if message_id is not None else ""
    storage.add_feedback(helpful, "", session_id, message_id, question, "slack")
    app.state.metrics.observe_feedback(helpful, "slack")
    if response_url:
        post_response_url(response_url, {"response_type": "ephemeral", "replace_original": False,
                                         "text": "Thanks for the feedback."})


# ---- routes ----
@router.post("/events")
async def events(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    try:
        payload = json.loads(body)
    except ValueError:
        raise HTTPException(status_code=400, detail="Body is not JSON.")
    if payload.get("type") == "url_verification":
        return JSONResponse({"challenge": payload.get("challenge", "")})
    if request.headers.get("x-slack-retry-num"):
        # Slack retries when our first ack was slow; the first delivery is already being answered.
        return Response(status_code=200, headers={"X-Slack-No-Retry": "1"})
    if payload.get("type") != "event_callback":
        return Response(status_code=200)
    event = payload.get("event") or {}
    if event.get("bot_id") or event.get("subtype") or not event.get("user"):
        return Response(status_code=200)  # bots (ourselves included), edits, joins…
    is_dm = event.get("type") == "message" and event.get("channel_type") == "im"
    if event.get("type") != "app_mention" and not is_dm:
        return Response(status_code=200)
    text = clean_text(event.get("text", ""))
    channel, ts = event.get("channel"), event.get("thread_ts") or event.get("ts")
    if not (text and channel and ts):
        return Response(status_code=200)
    event_id = payload.get("event_id") or f"{channel}:{event.get('ts')}"
    if not request.app.state.assistant.storage.claim_slack_event(event_id):
        return Response(status_code=200)  # a replay or a repeat: answered already
    background.add_task(reply_in_thread, request.app, channel, ts, text)
    return Response(status_code=200)


@router.post("/commands")
async def commands(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    fields = form_fields(body)
    text = clean_text(fields.get("text", ""))
    if not text or text.lower() in ("help", "?"):
        return JSONResponse({"response_type": "ephemeral", "text": USAGE})
    response_url = fields.get("response_url", "")
    if not response_url.startswith("https://") and not response_url.startswith("http://"):
        return JSONResponse({"response_type": "ephemeral", "text": "Missing response_url."}, status_code=400)
    if request.headers.get("x-slack-retry-num"):
        return Response(status_code=200)
    key = fields.get("trigger_id") or hashlib.sha256(body).hexdigest()
    if not request.app.state.assistant.storage.claim_slack_event(f"command:{key}"):
        return Response(status_code=200)
    # One session per user per channel: consecutive commands keep their context.
    session_id = thread_session(fields.get("channel_id", "dm"), fields.get("user_id", "anon"))
    background.add_task(reply_to_command, request.app, response_url, text, session_id)
    return JSONResponse({"response_type": "ephemeral", "text": f"Looking up: {escape(text)}"})


@router.post("/interactions")
async def interactions(request: Request, background: BackgroundTasks) -> Response:
    body = await verified_body(request)
    try:
        payload = json.loads(form_fields(body).get("payload", ""))
    except ValueError:
        raise HTTPException(status_code=400, detail="Missing or invalid payload.")
    if payload.get("type") != "block_actions":
        return Response(status_code=200)
    response_url = payload.get("response_url")
    container = payload.get("container") or {}
    message = payload.get("message") or {}
    channel = (payload.get("channel") or {}).get("id") or container.get("channel_id")
    thread_ts = message.get("thread_ts") or container.get("thread_ts") or message.get("ts")
    for action in payload.get("actions", []):
        action_id, value = action.get("action_id", ""), action.get("value", "")
        if action_id in (FEEDBACK_UP, FEEDBACK_DOWN):
            background.add_task(record_feedback, request.app, action_id == FEEDBACK_UP, value, response_url)
        elif action_id.startswith(CLARIFY) and channel and thread_ts:
            try:
                ref = json.loads(value)
            except ValueError:
                continue
            if isinstance(ref, dict) and ref.get("o"):
                background.add_task(reply_in_thread, request.app, channel, thread_ts, str(ref["o"]),
                                    ref.get("s") if isinstance(ref.get("s"), str) else None)
    return Response(status_code=200)
