"""Request limits enforced before any route runs, and error bodies that never echo much input.

BodyLimitMiddleware is pure ASGI: it reads the body itself, counting bytes as they arrive, and
answers 413 as soon as the count passes CSP_MAX_BODY_BYTES (whatever Content-Length claims), or
408 when the body takes longer than CSP_BODY_READ_TIMEOUT_S to arrive (a slow client would
otherwise hold a worker). The app then sees the buffered body as usual.
"""
from __future__ import annotations

import asyncio
import json
import time

from assistant.textnorm import normalize_text

EXCERPT_CHARS = 64


def excerpt(value, limit: int = EXCERPT_CHARS):
    """A short, safe stand-in for a piece of input in an error body."""
    if isinstance(value, str):
        text = normalize_text(value)  # an error body must encode even when the input did not
        return text if len(text) <= limit else text[:limit] + f"… ({len(value):,} characters)"
    if isinstance(value, (int, float, bool)) or value is None:
        text = json.dumps(value)
        return value if len(text) <= limit else text[:limit] + "…"
    return f"<{type(value).__name__}>"


def safe_errors(errors) -> list[dict]:
    """Pydantic's error list with each input cut to an excerpt and only the fields clients use."""
    out = []
    for e in errors:
        item = {"loc": [excerpt(x, 40) if isinstance(x, str) else x for x in e.get("loc", ())],
                "msg": excerpt(str(e.get("msg", "")), 200), "type": e.get("type", "")}
        if "input" in e:
            item["input"] = excerpt(e["input"])
        out.append(item)
    return out


async def _reply(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app, max_bytes: int, timeout_s: float):
        self.app = app
        self.max_bytes = max_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_large = f"Request body too large: the limit is {self.max_bytes:,} bytes."
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            return await _reply(send, 413 if declared.isdigit() else 400,
                                too_large if declared.isdigit() else "Invalid Content-Length.")
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                message = await asyncio.wait_for(receive(), max(deadline - time.monotonic(), 0.001))
            except asyncio.TimeoutError:
                return await _reply(send, 408, "The request body arrived too slowly.")
            if message["type"] == "http.disconnect":
                return  # the client left; nothing to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await _reply(send, 413, too_large)
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()  # after the body: disconnect notices, for streaming responses

        await self.app(scope, replay, send)
