"""Accessibility and layout in Chromium at a laptop and a phone viewport: axe-core finds no
serious or critical violation on the chat page, the embedded widget and the FAQ pages (light
and dark), and the checks axe cannot make are made here (targets, input size, reading width,
labels, focus, an append-only live region, the JS API and the data-* options)."""
from __future__ import annotations

import pytest

from tests.web.browser_kit import (W, ask, axe_violations, browser, device, last_answer, new_page,  # noqa: F401
                                   open_widget, serve_widget, shadow_eval, shot, with_own_storage,
                                   with_understood_and_suggestions)

pytestmark = pytest.mark.browser
TOKEN = "s3cret-internal-token"
PAYOUT = "How much incentive on $50,000 of Office 365 and $20,000 of Dynamics 365?"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations(device, scheme, new_page, serve_widget, fake_assistant, tmp_path):
    assistant = with_understood_and_suggestions(with_own_storage(fake_assistant, tmp_path))
    api, host = serve_widget(assistant, internal_token=TOKEN, support_url="help@partners.example")
    # axe's script is injected inline, which the pages' own CSP would (rightly) refuse.
    page = new_page(device, bypass_csp=True, color_scheme=scheme)

    page.goto(api + "/")
    ask(page, PAYOUT)
    answer = last_answer(page)
    answer.locator("button.toggle").click()
    answer.locator(".sources button.source").first.click()
    page.locator(f"{W} .sheet").wait_for(state="visible")
    assert axe_violations(page) == [], "chat page"
    shot(page, f"a11y-chat-{scheme}-{device}.png")

    page.goto(host)
    open_widget(page)
    ask(page, "What is the weather on Mars?")
    last_answer(page)
    assert axe_violations(page) == [], "widget"

    page.goto(api + "/faq")  # no sign-in yet: the login form
    assert axe_violations(page) == [], "faq login"
    page.set_extra_http_headers({"Authorization": f"Bearer {TOKEN}"})
    page.goto(api + "/faq?q=co-op+threshold")
    assert page.locator("h1").inner_text() == "FAQ lookup"
    assert axe_violations(page) == [], "faq"


def test_faq_without_a_token_explains_how_to_enable_it_and_the_favicon_is_served(
        device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    page = new_page(device, bypass_csp=True)
    response = page.goto(api + "/faq")
    assert response.status == 503
    assert "CSP_INTERNAL_TOKEN" in page.locator("main").inner_text()
    assert page.locator("h1").inner_text() == "FAQ lookup is not enabled"
    assert axe_violations(page) == []
    shot(page, f"faq-not-enabled-{device}.png")
    assert page.request.get(api + "/favicon.ico").headers["content-type"] == "image/x-icon"


def test_page_structure_targets_fonts_and_reading_width(device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_understood_and_suggestions(with_own_storage(fake_assistant, tmp_path)),
                             support_url="https://partners.example/support")
    page = new_page(device)
    page.goto(api + "/")
    page.locator(f"{W} .composer textarea").wait_for()
    assert page.locator("main").count() == 1 and page.locator("main h1").inner_text() == "Partner Incentive Assistant"
    assert shadow_eval(page, "return root.activeElement && root.activeElement.tagName") == "TEXTAREA"  # focus on load
    assert page.locator(f"{W} .composer textarea").evaluate("e => getComputedStyle(e).fontSize") == "16px"
    ask(page, PAYOUT)
    last_answer(page).locator("button.toggle").click()
    width = page.locator(f"{W} .thread").bounding_box()["width"]
    assert width <= 760
    # Every control: at least 24 px, 44 px on a touch phone (citation chips sit inside text: 24/28 px).
    sizes = shadow_eval(page, """return Array.from(root.querySelectorAll('button, a.button'))
        .filter(b => b.offsetParent !== null)
        .map(b => [b.className, b.getBoundingClientRect().width, b.getBoundingClientRect().height]);""")
    for cls, w, h in sizes:
        least = 24 if device == "desktop" or "chip" in cls else 44
        assert w >= least - 0.5 and h >= least - 0.5, (cls, w, h)
    # Names contain the visible words (WCAG 2.5.3): what a voice user says is what the button is called.
    mismatched = shadow_eval(page, """return Array.from(root.querySelectorAll('button'))
        .filter(b => b.getAttribute('aria-label') && b.innerText.trim()
                && !b.getAttribute('aria-label').toLowerCase().includes(b.innerText.trim().toLowerCase()))
        .map(b => b.outerHTML.slice(0, 120));""")
    assert mismatched == []
    shot(page, f"layout-{device}.png")


def test_live_region_is_append_only_and_dark_theme_follows_the_system(device, new_page, serve_widget,
                                                                      fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    page = new_page(device, color_scheme="dark")
    page.goto(api + "/")
    page.locator(f"{W} .composer textarea").wait_for()
    assert page.locator(f"{W} [role=log]").get_attribute("aria-live") == "polite"
    ask(page, "What does DPOR stand for?")
    last_answer(page)
    # Record every node now in the log; after the next answer they must all still be there.
    shadow_eval(page, "window.__before = Array.from(root.querySelectorAll('.thread > *')); return 1")
    ask(page, "What is the co-op usage threshold?")
    last_answer(page)
    kept = shadow_eval(page, """const now = Array.from(root.querySelectorAll('.thread > *'));
        return window.__before.every(n => now.includes(n)) && now.length === window.__before.length + 2;""")
    assert kept
    bg = page.locator(f"{W} .log").evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg == "rgb(23, 23, 26)"
    shot(page, f"dark-{device}.png")


def test_data_options_and_the_javascript_api(device, new_page, serve_widget, fake_assistant, tmp_path):
    attrs = ('data-title="Partner desk" data-accent="#ffd400" data-position="left" '
             'data-greeting="Hello partner." data-examples="What is PAL?|What does DPOR stand for?" '
             'data-support="help@partners.example"')
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path), attrs=attrs)
    page = new_page(device)
    page.goto(host)
    page.locator(f"{W} .launcher").wait_for()
    assert page.locator(f"{W} .launcher").bounding_box()["x"] < 100  # position: left
    page.evaluate("CspAssistant.open()")
    panel = page.locator(f"{W} [role=dialog].panel")
    panel.wait_for(state="visible")
    assert page.locator(f"{W} header .title").inner_text() == "Partner desk"
    assert page.locator(f"{W} .welcome").inner_text().startswith("Hello partner.")
    examples = page.locator(f"{W} .welcome .quick button").all_inner_texts()
    assert examples == ["What is PAL?", "What does DPOR stand for?"]
    # A light accent still gives readable white-on-accent and accent-on-white text.
    fill = page.locator(f"{W} header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert fill != "rgb(255, 212, 0)"
    page.evaluate("CspAssistant.ask('What does DPOR stand for?')")
    answer = last_answer(page)
    assert "Digital Partner of Record" in answer.inner_text()
    assert answer.locator("a.handoff-link").get_attribute("href") == "mailto:help@partners.example"
    page.evaluate("CspAssistant.close()")
    panel.wait_for(state="hidden")
    shot(page, f"widget-options-{device}.png")
