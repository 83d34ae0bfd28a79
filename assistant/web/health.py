"""`GET /healthz`: index, database and model reported separately; 503 when any is degraded.

Answering needs only the index and the model, so a database fault is "degraded", not "down":
chat keeps answering while this check tells operators what to fix.
"""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["operations"])


def _index(searcher) -> dict:
    manifest = searcher.manifest
    refused = getattr(searcher, "refused", None)
    return {"ok": refused is None, "build": manifest.get("build_id"),
            "passages": manifest.get("counts", {}).get("passages"), "built_at": manifest.get("built_at"),
            "detail": f"a new build was refused; still serving the one loaded: {refused}" if refused
            else "serving"}


def _model(encoder) -> dict:
    try:
        vector = encoder.encode(["health check"])[0]
        ok = len(vector) == encoder.dim
    except Exception as exc:  # any failure here means answers would fail too
        return {"ok": False, "name": getattr(encoder, "name", None), "detail": type(exc).__name__}
    return {"ok": ok, "name": encoder.name, "dim": encoder.dim,
            "detail": "encodes" if ok else "wrong vector size"}


def check(assistant) -> dict:
    searcher = assistant.searcher
    searcher.refresh_if_swapped()
    parts = {"index": _index(searcher), "database": assistant.storage.health(), "model": _model(assistant.encoder)}
    manifest = searcher.manifest
    return {"status": "ok" if all(p["ok"] for p in parts.values()) else "degraded", **parts,
            # Kept at the top level for existing monitors.
            "passages": manifest.get("counts", {}).get("passages"), "built_at": manifest.get("built_at")}


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    body = await run_in_threadpool(check, request.app.state.assistant)
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)
