"""The internal token that guards the FAQ lookup and admin pages.

A caller proves it holds `CSP_INTERNAL_TOKEN` with `Authorization: Bearer <token>`, or with
the cookie the login form sets. The cookie holds an HMAC derived from the token, not the
token itself, so changing the token signs everybody out. Without a configured token the
pages are disabled (503), never open.
"""
from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

COOKIE_NAME = "csp_internal"
COOKIE_MAX_AGE = 8 * 3600  # one working day
DISABLED = "FAQ lookup is disabled: set CSP_INTERNAL_TOKEN"


class LoginRequired(Exception):
    """Raised by page routes so the app can answer with the login form (401)."""

    def __init__(self, error: str = ""):
        self.error = error


def configured_token(request: Request) -> str:
    token = request.app.state.settings.internal_token
    if not token:
        raise HTTPException(status_code=503, detail=DISABLED)
    return token


def token_matches(candidate: str, token: str) -> bool:
    return hmac.compare_digest(candidate.encode("utf-8"), token.encode("utf-8"))


def cookie_value(token: str) -> str:
    return hmac.new(token.encode("utf-8"), b"csp-internal-session-v1", hashlib.sha256).hexdigest()


def is_authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return token_matches(value.strip(), token)
    cookie = request.cookies.get(COOKIE_NAME)
    return bool(cookie) and token_matches(cookie, cookie_value(token))


def require_internal(request: Request) -> None:
    """Dependency for JSON routes: 503 when disabled, 401 without a valid token."""
    token = configured_token(request)
    if not is_authorised(request, token):
        raise HTTPException(status_code=401, detail="Send Authorization: Bearer <CSP_INTERNAL_TOKEN>.",
                            headers={"WWW-Authenticate": "Bearer"})


def require_internal_page(request: Request) -> None:
    """Dependency for HTML pages: 503 when disabled, the login form (401) without a valid token."""
    token = configured_token(request)
    if not is_authorised(request, token):
        raise LoginRequired()
