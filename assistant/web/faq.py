"""Internal FAQ lookup for support staff: `GET /faq`, `GET /api/faq/search`, and the login form."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from assistant.faq import FaqIndex
from assistant.textnorm import normalize_text
from assistant.web.auth import (COOKIE_MAX_AGE, COOKIE_NAME, DISABLED, configured_token, new_login,
                                require_internal, require_internal_page, revoke, token_matches)
from assistant.web.ratelimit import enforce
from assistant.web.templating import templates

router = APIRouter(tags=["faq"])

MAX_QUERY_CHARS = 500
SAFE_NEXT = ("/faq", "/admin/insights")


def faq_index(request: Request) -> FaqIndex:
    index = getattr(request.app.state, "faq_index", None)
    if index is None:
        index = request.app.state.faq_index = FaqIndex(request.app.state.assistant)
    return index


async def _search(request: Request, q: str, limit: int) -> dict:
    return await run_in_threadpool(faq_index(request).search, normalize_text(q), limit)


@router.get("/api/faq/search", dependencies=[Depends(require_internal)])
async def faq_search(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS),
                     limit: int = Query(10, ge=1, le=50)) -> dict:
    """Curated entries and passages matching `q`, each with source and date (JSON)."""
    return await _search(request, q, limit)


def disabled_page(request: Request) -> HTMLResponse:
    """What an operator sees before CSP_INTERNAL_TOKEN is set: how to turn the page on (503)."""
    return templates.TemplateResponse(request, "faq_disabled.html", {"disabled": DISABLED}, status_code=503)


@router.get("/faq", response_class=HTMLResponse)
async def faq_page(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS),
                   limit: int = Query(10, ge=1, le=50)) -> HTMLResponse:
    if not request.app.state.settings.internal_token:
        return disabled_page(request)
    await run_in_threadpool(require_internal_page, request)  # may read the login from the database
    results = await _search(request, q, limit)
    return templates.TemplateResponse(request, "faq.html", {"results": results, "q": q})


def login_page(request: Request, error: str = "", next_path: str = "/faq", status: int = 401) -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"error": error, "next": next_path},
                                      status_code=status)


@router.get("/faq/login", response_class=HTMLResponse)
async def faq_login_form(request: Request, next: str = "/faq") -> HTMLResponse:
    if not request.app.state.settings.internal_token:
        return disabled_page(request)
    return login_page(request, next_path=next if next in SAFE_NEXT else "/faq", status=200)


@router.post("/faq/login", response_class=HTMLResponse)
async def faq_login(request: Request, token: str = Form("", max_length=1000),
                    next: str = Form("/faq", max_length=200)) -> Response:
    expected = configured_token(request)
    await enforce(request, "login")  # guessing the token is throttled per client
    next_path = next if next in SAFE_NEXT else "/faq"
    if not token or not token_matches(token.strip(), expected):
        return login_page(request, "That token is not valid.", next_path)
    cookie = await run_in_threadpool(new_login, request.app.state.assistant.storage, expected)
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(COOKIE_NAME, cookie, max_age=COOKIE_MAX_AGE,
                        httponly=True, secure=True, samesite="strict", path="/")
    return response


@router.post("/faq/logout")
async def faq_logout(request: Request) -> Response:
    # The login is revoked on the server: a copy of the cookie no longer opens the pages.
    await run_in_threadpool(revoke, request)
    response = RedirectResponse("/faq", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/", secure=True, httponly=True, samesite="strict")
    return response
