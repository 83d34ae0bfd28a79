"""The FastAPI app factory: loads the assistant once, mounts the routers."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from assistant.core import Assistant, InputError
from assistant.settings import Settings
from assistant.web import admin, chat, faq, feedback, metrics, slack, stream, widget
from assistant.web.auth import LoginRequired
from assistant.web.headers import SecurityHeadersMiddleware


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """Build the app; pass `assistant` to reuse one already loaded (tests, benchmarks)."""
    settings = settings or Settings()
    if assistant is None:
        # Loaded here, not per request: model, index and router stay in memory for the process.
        assistant = Assistant.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        assistant.storage.engine.dispose()

    app = FastAPI(title="Partner Incentive Assistant", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.assistant = assistant
    app.state.metrics = metrics.Metrics()

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return JSONResponse(status_code=422, content={"error": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        # One readable sentence for people, the field-level list for programs.
        parts = [f"{'.'.join(str(x) for x in e['loc'] if x != 'body') or 'body'}: {e['msg']}"
                 for e in exc.errors()]
        return JSONResponse(status_code=422, content={"error": "Invalid request: " + "; ".join(parts),
                                                      "detail": jsonable_encoder(exc.errors())},
                            )

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired):
        return faq.login_page(request, exc.error, request.url.path)

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict:
        manifest = assistant.searcher.manifest
        return {"status": "ok", "model": manifest.get("model"),
                "passages": manifest.get("counts", {}).get("passages"),
                "built_at": manifest.get("built_at")}

    for module in (chat, stream, feedback, widget, slack, faq, admin, metrics):
        app.include_router(module.router)

    # Browsers may call the API only from the configured origins; server-to-server calls
    # (Slack, curl) carry no Origin and are unaffected.
    app.add_middleware(CORSMiddleware, allow_origins=settings.allowed_origins,
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type", "Authorization"],
                       allow_credentials=False, max_age=600)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(metrics.MetricsMiddleware, metrics=app.state.metrics)
    return app
