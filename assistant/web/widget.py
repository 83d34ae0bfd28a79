"""`GET /widget.js` (the embeddable chat widget), its `GET /api/widget/config`, `GET /` (the
full-page chat) and `GET /favicon.ico`."""
from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from pydantic import BaseModel

from assistant.web.templating import STATIC_DIR, templates

router = APIRouter(tags=["widget"])
WIDGET_PARTS = STATIC_DIR / "widget"


@lru_cache(maxsize=1)
def widget_source() -> str:
    """The widget's parts joined in name order inside one function: one scope, no globals leaked.

    Read once per process: the files only change with a new release.
    """
    parts = [p.read_text(encoding="utf-8") for p in sorted(WIDGET_PARTS.glob("*.js"))]
    return "(function () {\n\"use strict\";\n" + "\n".join(parts) + "\n})();\n"


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> Response:
    # Any page may embed the script; what it may then call is governed by CORS on the API.
    return Response(widget_source(), media_type="application/javascript; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=300",
                             "Cross-Origin-Resource-Policy": "cross-origin"})


class WidgetConfig(BaseModel):
    max_message_chars: int
    support_url: str | None


@router.get("/api/widget/config", response_model=WidgetConfig, tags=["chat"])
def widget_config(request: Request) -> WidgetConfig:
    """What the widget needs from the server's settings: the message limit and the hand-off link."""
    # The limit the assistant enforces (the same object as app settings when the app built it).
    limit = request.app.state.assistant.settings.max_message_chars
    return WidgetConfig(max_message_chars=limit, support_url=request.app.state.settings.support_link)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    return FileResponse(STATIC_DIR / "favicon.ico", media_type="image/x-icon",
                        headers={"Cache-Control": "public, max-age=86400"})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    return templates.TemplateResponse(request, "chat.html", {
        "title": settings.widget_title, "accent": settings.widget_accent,
        "support": settings.support_link or ""})
