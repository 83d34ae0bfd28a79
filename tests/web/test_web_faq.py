"""Internal FAQ lookup and admin insights: token-gated, escaped, with sources and dates."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

XSS = "<img src=x onerror=alert(1)>"
TOKEN = "s3cret-internal-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("path", ["/faq", "/api/faq/search?q=dpor", "/admin/insights",
                                  "/api/admin/insights", "/faq/login"])
def test_disabled_without_a_configured_token(make_client, path):
    r = make_client().get(path, headers=AUTH)
    assert r.status_code == 503
    assert "FAQ lookup is disabled: set CSP_INTERNAL_TOKEN" in r.text


@pytest.mark.parametrize("path", ["/api/faq/search?q=dpor", "/api/admin/insights"])
def test_json_routes_need_the_token(make_client, path):
    client = make_client(internal_token=TOKEN)
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get(path, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert client.get(path, headers=AUTH).status_code == 200


@pytest.mark.parametrize("path", ["/faq", "/admin/insights"])
def test_pages_show_the_login_form_without_the_token(make_client, path):
    client = make_client(internal_token=TOKEN)
    r = client.get(path)
    assert r.status_code == 401 and 'action="/faq/login"' in r.text and TOKEN not in r.text
    assert client.get(path, headers=AUTH).status_code == 200


def test_search_returns_curated_entries_and_passages_with_source_and_date(make_client):
    client = make_client(internal_token=TOKEN)
    body = client.get("/api/faq/search", params={"q": "co-op paid as cash", "limit": 5}, headers=AUTH).json()
    first = body["entries"][0]
    assert first["kind"] == "forum" and "cash" in first["question"]
    assert "$10,000" in first["answer"] and first["answered_by"] == "Community Manager"
    assert first["source"].startswith("corpus/forum/") and first["date_label"]
    assert body["passages"] and all(p["source"] and p["date_label"] for p in body["passages"])
    glossary = client.get("/api/faq/search", params={"q": "DPOR"}, headers=AUTH).json()["entries"]
    assert any(e["kind"] == "glossary" and "DPOR" in e["question"] for e in glossary)
    assert client.get("/api/faq/search", params={"q": "x", "limit": 500}, headers=AUTH).status_code == 422


def test_login_sets_a_strict_secure_cookie_that_opens_the_pages(make_client):
    client = make_client(internal_token=TOKEN)
    bad = client.post("/faq/login", data={"token": "nope"}, follow_redirects=False)
    assert bad.status_code == 401 and "not valid" in bad.text
    r = client.post("/faq/login", data={"token": TOKEN, "next": "/admin/insights"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/admin/insights"
    cookie = r.headers["set-cookie"]
    for flag in ("HttpOnly", "Secure", "SameSite=strict"):
        assert flag.lower() in cookie.lower()
    assert TOKEN not in cookie
    assert client.get("/faq", params={"q": "DPOR"}).status_code == 200
    assert client.get("/api/faq/search", params={"q": "DPOR"}).status_code == 200
    off_site = client.post("/faq/login", data={"token": TOKEN, "next": "https://evil.example"},
                           follow_redirects=False)
    assert off_site.headers["location"] == "/faq"
    client.post("/faq/logout", follow_redirects=False)
    assert client.get("/faq").status_code == 401


def test_faq_page_escapes_passages_and_the_query(make_client, xss_assistant):
    client = make_client(assistant=xss_assistant, internal_token=TOKEN)
    r = client.get("/faq", params={"q": f"zanzibar rebate {XSS}"}, headers=AUTH)
    assert r.status_code == 200
    assert "zanzibar rebate is paid monthly" in r.text  # the passage and the curated entry are listed
    assert XSS not in r.text and "&lt;img src=x onerror=alert(1)&gt;" in r.text
    data = client.get("/api/faq/search", params={"q": "zanzibar"}, headers=AUTH).json()
    assert XSS in data["entries"][0]["answer"]  # JSON carries the text as data, unchanged


def test_insights_group_abstentions_by_topic_and_list_comments(make_client, isolated_assistant):
    storage = isolated_assistant.storage
    storage.add_unanswered("What is the rate for Power BI?", "payout", "no listed rate")
    storage.add_unanswered("what is the rate for power bi", "payout", "no listed rate")
    storage.add_unanswered("Who won the match?", "out_of_scope", "")
    storage.add_feedback(False, f"Wrong figure {XSS}", "s1", None, "How much on $10k?")
    storage.add_feedback(True, "", "s2", None, "What is DPOR?")
    client = make_client(internal_token=TOKEN)
    data = client.get("/api/admin/insights", headers=AUTH).json()
    payout = next(g for g in data["unanswered"] if g["topic"] == "payout")
    assert payout["total"] == 2 and payout["questions"][0]["count"] == 2
    assert data["feedback"]["helpful"] == 1 and data["feedback"]["not_helpful"] == 1
    assert [f["comment"] for f in data["feedback"]["with_comments"]] == [f"Wrong figure {XSS}"]
    page = client.get("/admin/insights", headers=AUTH)
    assert "power bi" in page.text.lower() and "out_of_scope" in page.text
    assert XSS not in page.text and "Wrong figure &lt;img" in page.text


def test_cli_faq_prints_entries_and_json(fake_assistant, monkeypatch):
    from assistant.commands.faq import faq

    monkeypatch.setenv("CSP_DATA_DIR", str(fake_assistant.settings.data_dir))
    monkeypatch.setenv("CSP_EMBEDDING_MODEL", fake_assistant.settings.embedding_model)
    runner = CliRunner()
    out = runner.invoke(faq, ["co-op usage threshold", "--limit", "3", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["entries"]) <= 3 and data["passages"]
    text = runner.invoke(faq, ["What does DPOR stand for"])
    assert text.exit_code == 0 and "Curated answers" in text.output and "DPOR" in text.output
