"""The internal token that guards the FAQ lookup and admin pages.

A caller proves it holds `CSP_INTERNAL_TOKEN` with `Authorization: Bearer <token>`, or with
the cookie the login form sets. The cookie names a server-side login (`<id>.<issued>.<mac>`),
signed with a key derived from the token: it expires COOKIE_MAX_AGE after it was issued,
logout revokes it for every replica (the login lives in the database), and changing the
token signs everybody out. Without a configured token the pages are disabled (503), never open.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time

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
    return hmac.compare_digest(candidate.encode("utf-8", "replace"), token.encode("utf-8"))


def _mac(token: str, login_id: str, issued: int) -> str:
    key = hashlib.sha256(b"csp-internal-cookie-v2\0" + token.encode("utf-8")).digest()
    return hmac.new(key, f"{login_id}.{issued}".encode(), hashlib.sha256).hexdigest()


def new_login(storage, token: str) -> str:
    """Record a new login and return its cookie value."""
    login_id, issued = secrets.token_hex(16), int(time.time())
    storage.add_login(login_id)
    return f"{login_id}.{issued}.{_mac(token, login_id, issued)}"


def cookie_login(cookie: str | None, token: str) -> str | None:
    """The login id a cookie names when its signature checks out and it has not expired."""
    parts = (cookie or "").split(".")
    if len(parts) != 3 or len(cookie) > 200 or not parts[1].isdigit():
        return None
    login_id, issued = parts[0], int(parts[1])
    if not hmac.compare_digest(parts[2], _mac(token, login_id, issued)):
        return None
    age = time.time() - issued
    return login_id if -60 <= age <= COOKIE_MAX_AGE else None


def revoke(request: Request) -> None:
    token = request.app.state.settings.internal_token
    login_id = cookie_login(request.cookies.get(COOKIE_NAME), token) if token else None
    if login_id:
        request.app.state.assistant.storage.revoke_login(login_id)


def is_authorised(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return token_matches(value.strip(), token)
    login_id = cookie_login(request.cookies.get(COOKIE_NAME), token)
    return login_id is not None and request.app.state.assistant.storage.login_active(login_id)


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
