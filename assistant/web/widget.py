"""`GET /widget.js` (the embeddable chat widget) and `GET /` (the full-page chat)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from assistant.web.templating import STATIC_DIR, templates

router = APIRouter(tags=["widget"])


@router.get("/widget.js", include_in_schema=False)
def widget_js() -> FileResponse:
    # Any page may embed the script; what it may then call is governed by CORS on the API.
    return FileResponse(STATIC_DIR / "widget.js", media_type="application/javascript; charset=utf-8",
                        headers={"Cache-Control": "public, max-age=300",
                                 "Cross-Origin-Resource-Policy": "cross-origin"})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    settings = request.app.state.settings
    return templates.TemplateResponse(request, "chat.html", {
        "title": settings.widget_title, "accent": settings.widget_accent})
