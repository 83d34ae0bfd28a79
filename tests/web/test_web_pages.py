"""Widget script, full-page chat, CORS and security headers."""
from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings
from assistant.web.templating import STATIC_DIR

ALLOWED = "https://partner.example"


def test_widget_script_is_served_and_never_builds_html_from_strings(make_client):
    r = make_client().get("/widget.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/javascript")
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted((Path(STATIC_DIR) / "widget").glob("*.js")))
    assert r.text.startswith("(function () {") and "attachShadow" in r.text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink
    assert "attachShadow" in source and "document.currentScript" in source


def test_full_page_chat_embeds_the_widget_and_escapes_settings(make_client):
    client = make_client(widget_title='Help <script>alert(1)</script>', widget_accent="#123456")
    r = client.get("/")
    assert r.status_code == 200
    assert '<script src="/widget.js"' in r.text and 'data-accent="#123456"' in r.text
    assert "<script>alert(1)</script>" not in r.text and "&lt;script&gt;" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_cors_allows_only_configured_origins(make_client):
    client = make_client(allowed_origins=[ALLOWED])
    pre = client.options("/api/chat/stream", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                                       "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == ALLOWED
    denied = client.options("/api/chat/stream", headers={"Origin": "https://evil.example",
                                                          "Access-Control-Request-Method": "POST"})
    assert denied.status_code == 400 and "access-control-allow-origin" not in denied.headers
    ok = client.post("/api/chat", json={"message": "What does DPOR stand for?"}, headers={"Origin": ALLOWED})
    assert ok.headers["access-control-allow-origin"] == ALLOWED
    other = client.post("/api/chat", json={"message": "What does DPOR stand for?"},
                        headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_no_origin_is_allowed_by_default(make_client):
    client = make_client()
    r = client.options("/api/chat", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


def test_allowed_origins_accept_a_comma_separated_variable(monkeypatch):
    monkeypatch.setenv("CSP_ALLOWED_ORIGINS", "https://a.example, https://b.example/")
    assert Settings().allowed_origins == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("CSP_ALLOWED_ORIGINS", '["https://c.example"]')
    assert Settings().allowed_origins == ["https://c.example"]


def test_healthz_and_openapi(make_client):
    client = make_client()
    assert client.get("/healthz").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/chat", "/api/chat/stream", "/api/feedback", "/api/faq/search", "/slack/events"):
        assert route in paths
