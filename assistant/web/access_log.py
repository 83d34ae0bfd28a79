"""One JSON log line per request: route, status, latency, and for answers the tool and abstention.

Never the message text, a token or a header: routes record what they want logged with
`note(request, tool=..., abstained=...)`, and only those named fields are written.
"""
from __future__ import annotations

import json
import logging
import sys
import time

log = logging.getLogger("csp.access")
FIELDS = ("tool", "abstained", "stored")


def note(request, **fields) -> None:
    """Attach loggable facts about this request (only the names in FIELDS are written)."""
    bag = request.scope.setdefault("state", {}).setdefault("access_log", {})
    bag.update({k: v for k, v in fields.items() if k in FIELDS})


def ensure_handler() -> None:
    # `serve` configures no logging of its own: without this the INFO lines would go nowhere.
    if not log.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)


class AccessLogMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = {"code": 500}
        state = scope.setdefault("state", {})

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            line = {"route": route, "method": scope.get("method"), "status": status["code"],
                    "latency_ms": round((time.perf_counter() - start) * 1000, 1)}
            line.update(state.get("access_log", {}))
            log.info(json.dumps(line, separators=(",", ":")))
