"""The FastAPI app factory: loads the assistant once, mounts the routers, applies the limits."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.core import Assistant
from assistant.replies import InputError
from assistant.settings import Settings
from assistant.storage import StorageUnavailable
from assistant.web import admin, chat, docs, faq, feedback, health, metrics, slack, stream, widget
from assistant.web.access_log import AccessLogMiddleware, ensure_handler
from assistant.web.auth import LoginRequired
from assistant.web.chat import AnswerUnavailable
from assistant.web.headers import SecurityHeadersMiddleware
from assistant.web.limits import BodyLimitMiddleware, excerpt, safe_errors
from assistant.web.ratelimit import make_limiter

log = logging.getLogger(__name__)


def purge_expired(assistant: Assistant, days: int) -> None:
    if days <= 0:
        return
    try:
        counts = assistant.storage.purge_older_than(days)
    except StorageUnavailable as exc:
        log.error("retention purge skipped: %s", exc)
        return
    if any(counts.values()):
        log.info("retention: deleted %s older than %d days", counts, days)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """Build the app; pass `assistant` to reuse one already loaded (tests, benchmarks)."""
    settings = settings or Settings()
    if assistant is None:
        # Loaded here, not per request: model, index and router stay in memory for the process.
        assistant = Assistant.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # Retention is enforced at start-up and then periodically, for as long as the app runs.
        await run_in_threadpool(purge_expired, assistant, settings.retention_days)

        async def periodic():
            while True:
                await asyncio.sleep(settings.retention_interval_s)
                await run_in_threadpool(purge_expired, assistant, settings.retention_days)

        task = asyncio.create_task(periodic())
        try:
            yield
        finally:
            task.cancel()
            assistant.storage.engine.dispose()

    app = FastAPI(title="Partner Incentive Assistant", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.metrics = metrics.Metrics()
    app.state.limiter = make_limiter(settings, assistant.storage)
    ensure_handler()

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return JSONResponse(status_code=422, content={"error": excerpt(str(exc), 400)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        # One readable sentence for people, the field-level list for programs; input only as an excerpt.
        errors = safe_errors(exc.errors())
        parts = [f"{'.'.join(str(x) for x in e['loc'] if x != 'body') or 'body'}: {e['msg']}" for e in errors]
        return JSONResponse(status_code=422, content={"error": "Invalid request: " + "; ".join(parts[:5]),
                                                      "detail": errors[:20]})

    @app.exception_handler(StorageUnavailable)
    async def storage_unavailable(request: Request, exc: StorageUnavailable):
        return JSONResponse(status_code=503, headers={"Retry-After": "30"},
                            content={"error": "The database is unavailable just now, so this could not be "
                                              "saved. Please try again in a minute."})

    @app.exception_handler(AnswerUnavailable)
    async def answer_unavailable(request: Request, exc: AnswerUnavailable):
        return JSONResponse(status_code=503, headers={"Retry-After": "30"}, content={"error": str(exc)})

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        return faq.login_page(request, exc.error, request.url.path)

    for module in (chat, stream, feedback, widget, slack, faq, admin, metrics, health, docs):
        app.include_router(module.router)

    # Browsers may call the API only from the configured origins; server-to-server calls
    # (Slack, curl) carry no Origin and are unaffected.
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins,
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"],
                       expose_headers=["Retry-After"],
                       allow_credentials=False, max_age=600)
    # Outermost last: every response (a 413 included) gets the headers, is counted and logged.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes,
                       timeout_s=settings.body_read_timeout_s)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(metrics.MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(AccessLogMiddleware)
    return app
