"""Internal pages: throttled login, revocable expiring cookies, no blank tokens, no caching."""
from __future__ import annotations

import time

import pytest
from pydantic import ValidationError

from assistant.settings import Settings
from assistant.web import auth

TOKEN = "s3cret-internal-token"


def _login(client):
    r = client.post("/faq/login", data={"token": TOKEN, "next": "/faq"}, follow_redirects=False)
    assert r.status_code == 303
    return r.cookies.get(auth.COOKIE_NAME) or client.cookies.get(auth.COOKIE_NAME)


def test_login_attempts_past_the_limit_get_429(make_client):
    client = make_client(internal_token=TOKEN, login_per_minute=3)
    codes = [client.post("/faq/login", data={"token": f"guess-{i}"}).status_code for i in range(5)]
    assert codes == [401, 401, 401, 429, 429]
    # Even the right token waits: guessing cannot be sped up by mixing in a known-good try.
    r = client.post("/faq/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1


def test_logout_revokes_the_cookie_on_the_server(make_client):
    client = make_client(internal_token=TOKEN)
    cookie = _login(client)
    assert client.get("/faq").status_code == 200
    client.post("/faq/logout", follow_redirects=False)
    # A copy of the cookie taken before logout no longer opens anything.
    client.cookies.set(auth.COOKIE_NAME, cookie, domain="testserver")
    assert client.get("/faq").status_code == 401
    assert client.get("/api/faq/search", params={"q": "DPOR"}).status_code == 401


def test_cookies_carry_their_issue_time_and_expire(make_client, isolated_assistant, monkeypatch):
    client = make_client(internal_token=TOKEN)
    cookie = _login(client)
    login_id, issued, _ = cookie.split(".")
    assert abs(int(issued) - time.time()) < 60
    later = time.time() + auth.COOKIE_MAX_AGE + 60
    monkeypatch.setattr(auth.time, "time", lambda: later)
    assert client.get("/faq").status_code == 401
    # Two logins are two cookies, not one fixed value derived from the token.
    assert _login(make_client(internal_token=TOKEN)) != cookie


def test_a_cookie_made_from_the_token_alone_is_refused(make_client):
    import hashlib
    import hmac

    client = make_client(internal_token=TOKEN)
    old_style = hmac.new(TOKEN.encode(), b"csp-internal-session-v1", hashlib.sha256).hexdigest()
    client.cookies.set(auth.COOKIE_NAME, old_style, domain="testserver")
    assert client.get("/faq").status_code == 401


@pytest.mark.parametrize("field", ["internal_token", "slack_signing_secret", "session_secret"])
@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_secrets_are_refused_at_start_up(tmp_path, field, blank):
    with pytest.raises(ValidationError, match="must not be empty"):
        Settings(data_dir=tmp_path, **{field: blank})


def test_blank_secrets_from_the_environment_are_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CSP_INTERNAL_TOKEN", "  ")
    with pytest.raises(ValidationError):
        Settings(data_dir=tmp_path)


@pytest.mark.parametrize("path", ["/faq", "/admin/insights", "/api/faq/search?q=x", "/api/admin/insights",
                                  "/faq/login"])
def test_internal_pages_are_never_cached(make_client, path):
    client = make_client(internal_token=TOKEN)
    _login(client)
    r = client.get(path)
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"


def test_answers_are_not_cached_but_the_widget_script_is(make_client):
    client = make_client()
    assert client.post("/api/chat", json={"message": "What is PAL?"}).headers["cache-control"] == "no-store"
    assert "max-age" in client.get("/widget.js").headers["cache-control"]


def test_docs_page_gets_a_policy_that_lets_it_load_and_only_there(make_client):
    client = make_client()
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text
    policy = docs.headers["content-security-policy"]
    assert "https://cdn.jsdelivr.net" in policy and "'sha256-" in policy and "'unsafe-inline'" not in \
        policy.split("script-src")[1].split(";")[0]
    page = client.get("/").headers["content-security-policy"]
    assert "cdn.jsdelivr.net" not in page and "script-src 'self';" in page


def test_server_paths_never_appear_in_sources(make_client, isolated_assistant, monkeypatch):
    from assistant.answer import Answer, Citation

    def answer(message, session_id=None, channel="web"):
        return Answer(answer="x [1]", citations=[Citation(n=1, doc_id="d", title="t", text="x",
                                                          source="/srv/private/partners/guide.pdf")])

    monkeypatch.setattr(isolated_assistant, "answer", answer)
    body = make_client().post("/api/chat", json={"message": "What is PAL?"}).json()
    assert body["citations"][0]["source"] == "guide.pdf"
