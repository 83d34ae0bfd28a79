"""The widget in a real browser (Debian's Chromium driven by Playwright's Python package).

The widget is embedded with one script tag in a host page on another origin whose CSS tries
to restyle it. Screenshots go to test-artifacts/. More browser checks, by topic, live in
test_web_browser_*.py; the shared pieces in browser_kit.py.
"""
from __future__ import annotations

import pytest

from tests.web.browser_kit import (W, ask, browser, last_answer, new_page, open_widget,  # noqa: F401
                                   serve_widget, shadow_eval, shot, with_own_storage)

XSS = "<img src=x onerror=alert(1)>"
PAYOUT_QUESTION = "How much incentive on $50,000 of Office 365?"

pytestmark = pytest.mark.browser


@pytest.mark.model
def test_widget_payout_citation_feedback_and_reload(new_page, serve_widget, real_assistant, tmp_path):
    assistant = with_own_storage(real_assistant, tmp_path)
    api, host = serve_widget(assistant)
    page = new_page("desktop")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(host)

    open_widget(page)
    assert shadow_eval(page, "return root.activeElement.tagName") == "TEXTAREA"  # focus moves into the panel
    # The host page's CSS did not reach inside: our text is not red, our buttons are visible.
    welcome_color = page.locator(f"{W} .msg.welcome").evaluate("e => getComputedStyle(e).color")
    assert welcome_color != "rgb(255, 0, 0)"
    assert page.locator(f"{W} .send").is_visible()
    # ... and ours did not leak out: the host page keeps its own styles.
    assert page.locator("#host-text").evaluate("e => getComputedStyle(e).color") == "rgb(255, 0, 0)"

    ask(page, PAYOUT_QUESTION)
    answer = last_answer(page)
    assert answer.locator(".headline").inner_text().startswith("Estimated incentive: $2,000")
    answer.locator("button.toggle").click()
    assert "$" in answer.locator("table.figures td.value").first.inner_text()
    source = answer.locator(".sources button.source").first
    source.click()
    assert source.get_attribute("aria-expanded") == "true"
    sheet = page.locator(f"{W} .sheet")
    sheet.wait_for(state="visible")
    assert sheet.locator("mark").inner_text().strip()
    shot(page, "widget-payout-answer.png")
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden")

    answer.locator("button.vote.down").click()
    answer.locator(".feedback textarea").fill("The breakdown should show the FY rate table.")
    answer.locator("button.send-feedback").click()
    answer.get_by_text("Thanks for the feedback.").wait_for()
    stored = assistant.storage.list_feedback()
    assert stored and stored[0]["helpful"] is False
    assert stored[0]["comment"] == "The breakdown should show the FY rate table."
    assert stored[0]["question"] == PAYOUT_QUESTION and stored[0]["message_id"] is not None

    page.reload()
    page.locator(f"{W} .msg.user").first.wait_for(state="visible")
    assert page.locator(f"{W} .msg.user").first.inner_text() == PAYOUT_QUESTION
    assert page.locator(f"{W} .headline").count() == 1
    assert page.locator(f"{W} .feedback").last.inner_text().startswith("Thanks")
    shot(page, "widget-after-reload.png")

    # Esc closes and gives focus back to the launcher; "New conversation" starts over.
    page.locator(f"{W} .composer textarea").press("Escape")
    page.locator(f"{W} [role=dialog].panel").wait_for(state="hidden")
    assert shadow_eval(page, "return root.activeElement.className") == "launcher"
    open_widget(page)
    page.locator(f"{W} button.new").click()
    assert page.locator(f"{W} .msg.user").count() == 0
    assert errors == []


def test_markup_in_passages_and_messages_renders_as_text(new_page, serve_widget, xss_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(xss_assistant, tmp_path))
    page = new_page("desktop")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host)
    open_widget(page)
    ask(page, f"When is the zanzibar rebate paid? {XSS}")
    answer = last_answer(page)
    assert XSS in page.locator(f"{W} .msg.user").last.inner_text()
    answer.locator(".sources button.source").first.click()
    sheet = page.locator(f"{W} .sheet")
    sheet.wait_for(state="visible")
    assert XSS in sheet.inner_text() and XSS in sheet.locator("h3").inner_text()
    assert shadow_eval(page, "return root.querySelectorAll('img').length") == 0
    assert page.locator("img").count() == 0
    assert dialogs == []
    shot(page, "widget-markup-as-text.png")


def test_phone_width_and_full_page_chat(new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    phone = new_page("phone")
    phone.goto(host)
    open_widget(phone)
    ask(phone, "What does DPOR stand for?")
    last_answer(phone).locator(".chip").first.wait_for(state="visible")
    box = phone.locator(f"{W} [role=dialog].panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1 and box["width"] >= 380
    shot(phone, "widget-phone.png")

    page = new_page("desktop")
    page.goto(api + "/")  # the full-page chat: same widget, inline and always open, under a strict CSP
    page.locator(f"{W} [role=region].panel").wait_for(state="visible")
    assert page.locator(f"{W} .launcher").count() == 0
    ask(page, "What does DPOR stand for?")
    assert "Digital Partner of Record" in last_answer(page).inner_text()
    shot(page, "full-page-chat.png")


def test_widget_works_under_a_strict_host_csp_with_only_the_documented_lines(new_page, serve_widget,
                                                                             fake_assistant, tmp_path):
    # README "Embedding the widget": the host adds the assistant's origin to script-src and connect-src.
    csp = "default-src 'self'; script-src 'self' {api}; connect-src 'self' {api}; style-src 'self'"
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path), host_csp=csp)
    page = new_page("desktop")
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(host)
    open_widget(page)
    launcher = page.locator(f"{W} .launcher").bounding_box()
    assert launcher["width"] == 56 and launcher["height"] == 56  # our styles applied
    ask(page, "What does DPOR stand for?")
    assert "Digital Partner of Record" in last_answer(page).inner_text()
    assert violations == []
    shot(page, "widget-strict-host-csp.png")
