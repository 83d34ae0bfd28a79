"""Slack requests checked before anything is done with them: signature, shape, response URL.

A body is verified against CSP_SLACK_SIGNING_SECRET over its raw bytes (401 otherwise); a
signed body that is not the shape Slack sends is refused with 400, never a 500.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from urllib.parse import parse_qs, urlsplit

from fastapi import HTTPException, Request

from assistant.textnorm import normalize_text

NOT_CONFIGURED = "Slack is not configured: set CSP_SLACK_SIGNING_SECRET"
MAX_BODY_BYTES = 256 * 1024
MALFORMED = "Signed, but not a request Slack sends."
MAX_AGE_S = 5 * 60  # Slack's own replay window for signed requests


def signature_valid(secret: str, body: bytes, ts: str | None, sig: str | None) -> bool:
    """Slack's v0 scheme over the raw bytes (any bytes: a body that is not UTF-8 is checked, then refused as 400)."""
    if not ts or not sig or not ts.isdigit() or len(ts) > 12:
        return False
    if abs(time.time() - int(ts)) > MAX_AGE_S:
        return False
    expected = "v0=" + hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), sig.encode("utf-8", "replace"))


async def verified_body(request: Request) -> bytes:
    """The raw body, once its Slack signature checks out; 401 (and nothing done) otherwise."""
    secret = request.app.state.settings.slack_signing_secret
    if not secret:
        raise HTTPException(status_code=503, detail=NOT_CONFIGURED)
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise HTTPException(status_code=413, detail="Request body too large.")
    if not signature_valid(secret, body, request.headers.get("x-slack-request-timestamp"),
                           request.headers.get("x-slack-signature")):
        raise HTTPException(status_code=401, detail="Invalid or missing Slack signature (or a stale timestamp).")
    return body


def form_fields(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(status_code=400, detail=MALFORMED)
    return {k: normalize_text(v[0]) for k, v in pairs.items()}


def as_dict(value) -> dict:
    if not isinstance(value, dict):
        raise HTTPException(status_code=400, detail=MALFORMED)
    return value


def sub(mapping: dict, key: str) -> dict:
    """A nested object of a payload ({} when absent); another type is a malformed request."""
    value = mapping.get(key)
    return {} if value is None else as_dict(value)


def text_of(mapping: dict, key: str) -> str:
    """A string field of a payload ("" when absent); another type is a malformed request."""
    value = mapping.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise HTTPException(status_code=400, detail=MALFORMED)
    return normalize_text(value)


def slack_response_url(request: Request, url: str) -> str | None:
    """The URL when it points at one of the configured Slack origins (scheme, host and port), else None."""
    try:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    except ValueError:
        return None
    allowed = {o.rstrip("/").lower() for o in request.app.state.settings.slack_response_origins}
    return url if parts.username is None and origin.lower() in allowed else None
