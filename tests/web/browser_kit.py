"""Shared pieces of the browser tests: Chromium, a host page on another origin, viewports,
the axe-core check, and helpers that read the widget the way a user sees it."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from assistant.storage import Storage
from assistant.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / ".test-deps" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 60_000
W = "csp-assistant-widget"
# The two viewports every partner-facing check runs at: a laptop and a phone.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}

# Host-page CSS that would wreck a widget living in the page's own DOM.
HOSTILE_CSS = """
body * { color: red !important; display: block; font-family: "Comic Sans MS", cursive !important; }
button { display: none !important; }
body div, csp-assistant-widget { border: 5px dashed lime !important; background: yellow !important; }
textarea, input { visibility: hidden !important; }
"""


def host_page(api: str, attrs: str = 'data-title="Incentive help" data-accent="#6b2fbf"', hostile: bool = True) -> str:
    style = f"<style>{HOSTILE_CSS}</style>" if hostile else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Partner portal</title>{style}</head>
<body><main><h1 id="host-text">A partner portal page.</h1><button id="host-button">Host button</button></main>
<script src="{api}/widget.js" {attrs} async></script>
</body></html>"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (run `make test-deps`)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(params=list(VIEWPORTS))
def device(request):
    """The viewport name; each test using it runs once per viewport."""
    return request.param


@pytest.fixture
def new_page(browser):
    """new_page(device, **context_options) -> a page in a fresh context (closed after the test)."""
    contexts = []

    def make(device: str = "desktop", **options):
        ctx = browser.new_context(**VIEWPORTS[device], **options)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page

    yield make
    for c in contexts:
        c.close()


@pytest.fixture
def serve_widget(run_server, make_settings, tmp_path):
    """serve_widget(assistant, attrs=..., allow_host=True, host_csp=None, **settings) -> (api_url, host_url).

    host_csp: the host page's Content-Security-Policy, with {api} standing for the API's origin.
    """

    def start(assistant, attrs: str | None = None, allow_host: bool = True, host_csp: str | None = None,
              **overrides):
        host = FastAPI()
        api_url = {}

        @host.get("/", response_class=HTMLResponse)
        def page() -> HTMLResponse:
            csp = {"Content-Security-Policy": host_csp.format(api=api_url["url"])} if host_csp else {}
            # Under a CSP of its own the host has no inline <style>: any CSP report is then the widget's.
            page_html = host_page(api_url["url"], *([attrs] if attrs else []), hostile=not host_csp)
            return HTMLResponse(page_html, headers=csp)

        host_url = run_server(host)
        settings = make_settings(tmp_path, allowed_origins=[host_url] if allow_host else [], **overrides)
        api_url["url"] = run_server(create_app(settings, assistant=assistant))
        return api_url["url"], host_url

    return start


def with_own_storage(assistant, folder: Path):
    clone = copy.copy(assistant)
    clone.storage = Storage(f"sqlite:///{folder / 'browser.db'}")
    return clone


def with_limit(assistant, max_message_chars: int):
    """The assistant, enforcing another message limit (what CSP_MAX_MESSAGE_CHARS sets)."""
    clone = copy.copy(assistant)
    clone.settings = assistant.settings.model_copy(update={"max_message_chars": max_message_chars})
    return clone


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def open_widget(page):
    launcher = page.locator(f"{W} .launcher")
    launcher.wait_for(state="visible")
    if launcher.get_attribute("aria-expanded") != "true":
        launcher.click()
    page.locator(f"{W} [role=dialog].panel").wait_for(state="visible")


def ask(page, question: str):
    box = page.locator(f"{W} .composer textarea")
    box.fill(question)
    box.press("Enter")


def last_answer(page):
    page.locator(f"{W} .msg.pending").wait_for(state="detached")
    msg = page.locator(f"{W} .msg.assistant:not(.welcome), {W} .msg.error").last
    msg.wait_for(state="visible")
    return msg


def shadow_eval(page, script: str):
    """Evaluate `script` with `root` bound to the widget's shadow root."""
    return page.evaluate(f"(() => {{ const root = document.querySelector('{W}').shadowRoot; {script} }})()")


def axe_violations(page, severities=("serious", "critical")) -> list[str]:
    """Run axe-core in the page (open shadow roots included); the serious and critical findings."""
    if not AXE.exists():
        pytest.skip("axe-core is not fetched (run `make test-deps`, which uses `npm pack axe-core`)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for v in result["violations"]:
        if v["impact"] in severities:
            nodes = [(n["target"], n.get("failureSummary", "")[:200]) for n in v["nodes"]][:3]
            found.append(f"{v['id']} ({v['impact']}): {v['help']} -> {nodes}")
    return found


def with_understood_and_suggestions(assistant, suggestions=("What is the co-op usage threshold?",
                                                             "How is the co-op portion paid?")):
    """The assistant, with `suggestions` supplied on answers that carry none (fact answers).

    Calculator answers carry their own `understood` and `suggestions`; fact answers offer no
    follow-ups yet, so this keeps the chips exercised on a fact question. Everything else in
    the answer is the real one.
    """
    from assistant.answer import Understood

    clone = copy.copy(assistant)
    real = assistant.answer

    def answer(message, session_id=None, channel="web"):
        result = real(message, session_id, channel)
        update = {}
        if result.tool == "payout" and not result.understood:
            update["understood"] = [Understood(field="Office 365 billed", value="$50,000",
                                               from_text="$50,000 of Office 365")]
        if not result.suggestions and not result.abstained:
            update["suggestions"] = list(suggestions)
        return result.model_copy(update=update)

    clone.answer = answer
    return clone
