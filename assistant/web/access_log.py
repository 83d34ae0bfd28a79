"""One JSON log line per request: route, status, latency, and for answers the tool and abstention.

Never the message text, a token or a header: routes record what they want logged with
`note(request, tool=..., abstained=...)`, and only those named fields are written.
"""
from __future__ import annotations

import json
import logging
import sys

from assistant.web.timing import observed

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
        scope.setdefault("state", {})
        await observed(self.app, scope, receive, send, _write_line)


def _write_line(scope: dict, route: str, status: int, seconds: float) -> None:
    line = {"route": route, "method": scope.get("method"), "status": status, "latency_ms": round(seconds * 1000, 1)}
    line.update(scope["state"].get("access_log", {}))
    log.info(json.dumps(line, separators=(",", ":")))
