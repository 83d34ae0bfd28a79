"""The widget in a real browser (Debian's Chromium driven by Playwright's Python package).

The widget is embedded with one script tag in a host page on another origin whose CSS tries
to restyle it. Screenshots go to test-artifacts/.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from assistant.storage import Storage
from assistant.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000
XSS = "<img src=x onerror=alert(1)>"
PAYOUT_QUESTION = "How much incentive on $50,000 of Office 365?"

pytestmark = pytest.mark.browser

# Host-page CSS that would wreck a widget living in the page's own DOM.
HOSTILE_CSS = """
body * { color: red !important; display: block; font-family: "Comic Sans MS", cursive !important; }
button { display: none !important; }
body div, csp-assistant-widget { border: 5px dashed lime !important; background: yellow !important; }
textarea, input { visibility: hidden !important; }
"""


def host_page(api: str, title: str = "Incentive help") -> str:
    return f"""<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner portal</title><style>{HOSTILE_CSS}</style></head>
<body><p id="host-text">A partner portal page.</p><button id="host-button">Host button</button>
<script src="{api}/widget.js" data-title="{title}" data-accent="#6b2fbf" async></script>
</body></html>"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (run `make browser-deps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def serve_widget(run_server, make_settings, tmp_path):
    """serve_widget(assistant) -> (api_url, host_page_url); the host page is on another origin."""

    def start(assistant):
        host = FastAPI()
        api_url = {}

        @host.get("/", response_class=HTMLResponse)
        def page() -> str:
            return host_page(api_url["url"])

        host_url = run_server(host)
        settings = make_settings(tmp_path, allowed_origins=[host_url])
        api_url["url"] = run_server(create_app(settings, assistant=assistant))
        return api_url["url"], host_url

    return start


def with_own_storage(assistant, folder: Path):
    clone = copy.copy(assistant)
    clone.storage = Storage(f"sqlite:///{folder / 'browser.db'}")
    return clone


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def open_widget(page):
    launcher = page.locator("csp-assistant-widget .launcher")
    launcher.wait_for(state="visible", timeout=TIMEOUT_MS)
    if launcher.get_attribute("aria-expanded") != "true":
        launcher.click()
    page.locator("csp-assistant-widget [role=dialog]").wait_for(state="visible", timeout=TIMEOUT_MS)


def ask(page, question: str):
    box = page.locator("csp-assistant-widget .composer textarea")
    box.fill(question)
    box.press("Enter")


def last_answer(page):
    page.locator("csp-assistant-widget .msg.assistant:not(.pending):not(.welcome)").last.wait_for(
        state="visible", timeout=TIMEOUT_MS)
    page.locator("csp-assistant-widget .msg.pending").wait_for(state="detached", timeout=TIMEOUT_MS)
    return page.locator("csp-assistant-widget .msg.assistant:not(.welcome)").last


@pytest.mark.model
def test_widget_payout_citation_feedback_and_reload(browser, serve_widget, real_assistant, tmp_path):
    assistant = with_own_storage(real_assistant, tmp_path)
    api, host = serve_widget(assistant)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(host)

    open_widget(page)
    focused = page.evaluate("document.querySelector('csp-assistant-widget').shadowRoot.activeElement.tagName")
    assert focused == "TEXTAREA"  # focus moves into the panel on open
    # The host page's CSS did not reach inside: our text is not red, our buttons are visible.
    welcome_color = page.locator("csp-assistant-widget .msg.welcome").evaluate("e => getComputedStyle(e).color")
    assert welcome_color != "rgb(255, 0, 0)"
    assert page.locator("csp-assistant-widget .send").is_visible()
    # ... and ours did not leak out: the host page keeps its own styles.
    assert page.locator("#host-text").evaluate("e => getComputedStyle(e).color") == "rgb(255, 0, 0)"

    ask(page, PAYOUT_QUESTION)
    answer = last_answer(page)
    figures = answer.locator("table.figures")
    figures.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert "$" in figures.locator("td.value").first.inner_text()
    chip = answer.locator(".chip").first
    chip.wait_for(state="visible", timeout=TIMEOUT_MS)
    chip.click()
    assert chip.get_attribute("aria-expanded") == "true"
    detail = answer.locator(".cite-detail:not([hidden])").first
    detail.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert "›" in detail.locator(".where").inner_text() or detail.locator(".body").inner_text()
    shot(page, "widget-payout-answer.png")

    answer.locator("button.vote.down").click()
    answer.locator(".feedback textarea").fill("The breakdown should show the FY rate table.")
    answer.locator("button.send-feedback").click()
    answer.get_by_text("Thanks for the feedback.").wait_for(timeout=TIMEOUT_MS)
    stored = assistant.storage.list_feedback()
    assert stored and stored[0]["helpful"] is False
    assert stored[0]["comment"] == "The breakdown should show the FY rate table."
    assert stored[0]["question"] == PAYOUT_QUESTION and stored[0]["message_id"] is not None

    page.reload()
    page.locator("csp-assistant-widget .msg.user").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert page.locator("csp-assistant-widget .msg.user").first.inner_text() == PAYOUT_QUESTION
    assert page.locator("csp-assistant-widget table.figures").count() == 1
    assert page.locator("csp-assistant-widget .feedback").last.inner_text().startswith("Thanks")
    shot(page, "widget-after-reload.png")

    # Esc closes and gives focus back to the launcher; "New conversation" starts over.
    page.locator("csp-assistant-widget .composer textarea").press("Escape")
    page.locator("csp-assistant-widget [role=dialog]").wait_for(state="hidden", timeout=TIMEOUT_MS)
    assert page.evaluate("document.querySelector('csp-assistant-widget').shadowRoot.activeElement.className") \
        == "launcher"
    open_widget(page)
    page.locator("csp-assistant-widget button.new").click()
    assert page.locator("csp-assistant-widget .msg.user").count() == 0
    assert errors == []
    page.close()


def test_markup_in_passages_and_messages_renders_as_text(browser, serve_widget, xss_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(xss_assistant, tmp_path))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host)
    open_widget(page)
    ask(page, f"When is the zanzibar rebate paid? {XSS}")
    answer = last_answer(page)
    assert XSS in page.locator("csp-assistant-widget .msg.user").last.inner_text()
    chip = answer.locator(".sources .chip").first
    chip.wait_for(state="visible", timeout=TIMEOUT_MS)
    chip.click()
    detail = answer.locator(".cite-detail:not([hidden])").first
    detail.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert XSS in detail.inner_text()
    images = page.evaluate("document.querySelector('csp-assistant-widget').shadowRoot.querySelectorAll('img').length")
    assert images == 0 and page.locator("img").count() == 0
    assert dialogs == []
    shot(page, "widget-markup-as-text.png")
    page.close()


def test_phone_width_and_full_page_chat(browser, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    phone = browser.new_page(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    phone.goto(host)
    open_widget(phone)
    ask(phone, "What does DPOR stand for?")
    last_answer(phone).locator(".chip").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    box = phone.locator("csp-assistant-widget [role=dialog]").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1 and box["width"] >= 360
    shot(phone, "widget-phone.png")
    phone.close()

    page = browser.new_page(viewport={"width": 1024, "height": 768})
    page.goto(api + "/")  # the full-page chat: same widget, inline and always open, under a strict CSP
    panel = page.locator("csp-assistant-widget [role=dialog]")
    panel.wait_for(state="visible", timeout=TIMEOUT_MS)
    assert page.locator("csp-assistant-widget .launcher").count() == 0
    ask(page, "What does DPOR stand for?")
    assert "Digital Partner of Record" in last_answer(page).inner_text()
    shot(page, "full-page-chat.png")
    page.close()
