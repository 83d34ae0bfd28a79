"""Run one HTTP request through an ASGI app and say what it was: route, status, seconds.

Shared by the metrics and the access log so that both time and name requests the same way.
"""
from __future__ import annotations

import time
from collections.abc import Callable

Observer = Callable[[dict, str, int, float], None]


async def observed(app, scope, receive, send, observe: Observer) -> None:
    """Call `app`, then `observe(scope, route, status, seconds)`, even when the app raised.

    The route is the matched template, never the raw path: unmatched paths share one label.
    """
    start = time.perf_counter()
    status = {"code": 500}

    async def send_wrapper(message) -> None:
        if message["type"] == "http.response.start":
            status["code"] = message["status"]
        await send(message)

    try:
        await app(scope, receive, send_wrapper)
    finally:
        route = getattr(scope.get("route"), "path", None) or "unmatched"
        observe(scope, route, status["code"], time.perf_counter() - start)
