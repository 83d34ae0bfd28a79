"""The FastAPI app factory: loads the assistant once, mounts the routers."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from assistant.core import Assistant, InputError
from assistant.settings import Settings
from assistant.web import chat


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

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        return JSONResponse(status_code=422, content={"error": str(exc)})

    @app.get("/healthz", tags=["operations"])
    def healthz() -> dict:
        manifest = assistant.searcher.manifest
        return {"status": "ok", "model": manifest.get("model"),
                "passages": manifest.get("counts", {}).get("passages"),
                "built_at": manifest.get("built_at")}

    app.include_router(chat.router)
    return app
