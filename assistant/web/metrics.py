"""`GET /metrics`: request, answer and latency counters in the Prometheus text format."""
from __future__ import annotations

import threading
from collections import Counter

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from assistant.answer import Answer
from assistant.web.timing import observed

router = APIRouter(tags=["operations"])

# Upper bounds (seconds) of the request latency histogram buckets.
BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


def _label(value: str) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


class Metrics:
    """Process-local counters; each replica exposes its own (Prometheus sums them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: Counter = Counter()  # (method, route, status)
        self.answers: Counter = Counter()  # (channel, tool)
        self.abstentions: Counter = Counter()  # channel
        self.feedback: Counter = Counter()  # (channel, helpful)
        self.latency_buckets: Counter = Counter()  # (route, le)
        self.latency_sum: Counter = Counter()
        self.latency_count: Counter = Counter()

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self.requests[(method, route, status)] += 1
            for le in BUCKETS:
                if seconds <= le:
                    self.latency_buckets[(route, le)] += 1
            self.latency_sum[route] += seconds
            self.latency_count[route] += 1

    def observe_answer(self, answer: Answer, channel: str) -> None:
        with self._lock:
            self.answers[(channel, answer.tool or "fact")] += 1
            if answer.abstained:
                self.abstentions[channel] += 1

    def observe_feedback(self, helpful: bool, channel: str) -> None:
        with self._lock:
            self.feedback[(channel, "yes" if helpful else "no")] += 1

    def render(self) -> str:
        out: list[str] = []

        def head(name: str, kind: str, text: str) -> None:
            out.append(f"# HELP {name} {text}")
            out.append(f"# TYPE {name} {kind}")

        with self._lock:
            head("csp_http_requests_total", "counter", "HTTP requests by route and status.")
            for (method, route, status), n in sorted(self.requests.items()):
                out.append(f'csp_http_requests_total{{method="{method}",route="{_label(route)}",'
                           f'status="{status}"}} {n}')
            head("csp_answers_total", "counter", "Answers given, by channel and tool.")
            for (channel, tool), n in sorted(self.answers.items()):
                out.append(f'csp_answers_total{{channel="{_label(channel)}",tool="{tool}"}} {n}')
            head("csp_abstentions_total", "counter", "Answers where the sources did not support one.")
            for channel, n in sorted(self.abstentions.items()):
                out.append(f'csp_abstentions_total{{channel="{_label(channel)}"}} {n}')
            head("csp_feedback_total", "counter", "Feedback received, by channel and helpfulness.")
            for (channel, helpful), n in sorted(self.feedback.items()):
                out.append(f'csp_feedback_total{{channel="{_label(channel)}",helpful="{helpful}"}} {n}')
            head("csp_request_duration_seconds", "histogram", "Request latency by route.")
            for route in sorted(self.latency_count):
                r = _label(route)
                for le in BUCKETS:
                    out.append(f'csp_request_duration_seconds_bucket{{route="{r}",le="{le}"}} '
                               f"{self.latency_buckets[(route, le)]}")
                out.append(f'csp_request_duration_seconds_bucket{{route="{r}",le="+Inf"}} '
                           f"{self.latency_count[route]}")
                out.append(f'csp_request_duration_seconds_sum{{route="{r}"}} {self.latency_sum[route]:.6f}')
                out.append(f'csp_request_duration_seconds_count{{route="{r}"}} {self.latency_count[route]}')
        return "\n".join(out) + "\n"


class MetricsMiddleware:
    """Pure ASGI middleware (safe with streaming responses): times each HTTP request."""

    def __init__(self, app, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        await observed(self.app, scope, receive, send,
                       lambda s, route, status, seconds: self.metrics.observe_request(
                           s.get("method", "GET"), route, status, seconds))


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.app.state.metrics.render(),
                             media_type="text/plain; version=0.0.4; charset=utf-8")
