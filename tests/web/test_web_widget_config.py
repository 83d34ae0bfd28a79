"""What the widget reads from the server, the favicon, and the FAQ page before it is enabled."""
from __future__ import annotations

import pytest

from tests.web.browser_kit import with_limit


@pytest.mark.parametrize("setting, link", [
    ("https://partners.example/support", "https://partners.example/support"),
    ("help@partners.example", "mailto:help@partners.example"),
    ("javascript:alert(1)", None),
    (None, None),
])
def test_widget_config_gives_the_limit_and_a_safe_support_link(make_client, isolated_assistant, setting, link):
    client = make_client(assistant=with_limit(isolated_assistant, 6000), support_url=setting)
    r = client.get("/api/widget/config")
    assert r.status_code == 200 and r.json() == {"max_message_chars": 6000, "support_url": link}


def test_full_page_passes_the_support_link_to_the_widget(make_client):
    page = make_client(support_url="help@partners.example").get("/").text
    assert 'data-support="mailto:help@partners.example"' in page
    assert '<main id="chat-root">' in page and 'rel="icon" href="/favicon.ico"' in page


def test_favicon_is_an_icon(make_client):
    r = make_client().get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon"
    assert r.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


@pytest.mark.parametrize("path", ["/faq", "/faq/login"])
def test_faq_pages_without_a_token_say_how_to_enable_them(make_client, path):
    r = make_client().get(path)
    assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
    assert "CSP_INTERNAL_TOKEN=" in r.text and "<h1>FAQ lookup is not enabled</h1>" in r.text


def test_a_long_message_up_to_the_limit_is_answered_and_one_over_is_refused(make_client, isolated_assistant):
    client = make_client(assistant=with_limit(isolated_assistant, 6000))
    filler = "Forwarding the thread from finance; the quarter closed fine and nobody raised blockers. " * 60
    message = filler + "\n\nHow much incentive on $50,000 of Office 365?"
    assert len(message) < 6000
    r = client.post("/api/chat", json={"message": message})
    assert r.status_code == 200 and r.json()["answer"].startswith("**Estimated incentive: $2,000.00**")
    too_long = client.post("/api/chat", json={"message": "x" * 6001})
    assert too_long.status_code == 422 and "the limit is 6,000" in too_long.json()["error"]
