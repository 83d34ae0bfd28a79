"""Long input and failures, in Chromium at a laptop and a phone viewport: a long paste is
taken whole and answered, and every kind of failure says what happened and offers a retry."""
from __future__ import annotations

import pytest

from tests.web.browser_kit import (W, ask, browser, device, last_answer, new_page, open_widget,  # noqa: F401
                                   serve_widget, shot, with_limit, with_own_storage)
from tests.web.conftest import free_port

pytestmark = pytest.mark.browser
FILLER = ("Hi team, forwarding the note from our finance lead below. We closed the quarter with steady "
          "numbers and the renewals are on track; nobody raised any blockers. ")
QUESTION = "How much incentive on $50,000 of Office 365?"


def test_a_long_paste_is_counted_never_cut_and_answered(device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_limit(with_own_storage(fake_assistant, tmp_path), 6000))
    page = new_page(device)
    page.goto(host)
    open_widget(page)
    box = page.locator(f"{W} .composer textarea")
    counter = page.locator(f"{W} .counter")
    assert not counter.is_visible()
    pasted = FILLER * 33 + "\n\n" + QUESTION
    assert 5000 < len(pasted) < 6000
    box.fill(pasted)
    assert box.input_value() == pasted  # nothing cut
    assert counter.inner_text() == f"{len(pasted):,} of 6,000 characters"  # near the limit: a counter
    height = box.bounding_box()["height"]
    assert 60 < height <= 160  # grew to a few lines, then scrolls
    shot(page, f"long-paste-{device}.png")
    box.press("Enter")
    answer = last_answer(page)
    assert answer.locator(".headline").inner_text().startswith("Estimated incentive: $2,000")

    too_long = FILLER * 45
    box.fill(too_long)
    assert box.input_value() == too_long
    over = len(too_long) - 6000
    assert f"{over:,} too many" in counter.inner_text() and "not sent" in counter.inner_text()
    assert page.locator(f"{W} .send").is_disabled()
    box.press("Enter")
    assert page.locator(f"{W} .msg.user").count() == 1 and box.input_value() == too_long
    shot(page, f"too-long-{device}.png")


@pytest.mark.parametrize("status, expected", [
    (500, "hit a problem on its side"),
    (429, "Too many questions in a short time"),
])
def test_server_errors_say_what_happened_and_retry_restores_the_question(
        device, status, expected, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    page = new_page(device)
    page.route("**/api/chat/stream", lambda route: route.fulfill(status=status, body='{"error": "x"}',
                                                                   content_type="application/json",
                                                                   headers={"Access-Control-Allow-Origin": "*"}))
    page.goto(host)
    open_widget(page)
    ask(page, "What does DPOR stand for?")
    error = last_answer(page)
    assert expected in error.inner_text() and error.get_attribute("role") == "alert"
    assert page.locator(f"{W} .composer textarea").input_value() == "What does DPOR stand for?"
    shot(page, f"error-{status}-{device}.png")
    page.unroute("**/api/chat/stream")
    error.locator("button.retry").click()
    answer = last_answer(page)
    assert "Digital Partner of Record" in answer.inner_text()
    assert page.locator(f"{W} .msg.error").count() == 0 and page.locator(f"{W} .msg.user").count() == 1


def test_offline_stopped_server_and_disallowed_origin_are_told_apart(
        device, new_page, serve_widget, fake_assistant, tmp_path):
    assistant = with_own_storage(fake_assistant, tmp_path)
    api, host = serve_widget(assistant)
    page = new_page(device)
    page.goto(host)
    open_widget(page)
    page.context.set_offline(True)
    ask(page, "What does DPOR stand for?")
    assert "You are offline" in last_answer(page).inner_text()
    page.context.set_offline(False)

    # The server is down: a widget pointed at a port where nothing listens.
    dead = new_page(device)
    api2, host2 = serve_widget(assistant, attrs=f'data-api="http://127.0.0.1:{free_port()}"')
    dead.goto(host2)
    open_widget(dead)
    ask(dead, "What does DPOR stand for?")
    assert "server is not responding" in last_answer(dead).inner_text()

    # The page's origin is not in CSP_ALLOWED_ORIGINS: the user is told, the operator gets a console line.
    blocked = new_page(device)
    warnings: list[str] = []
    blocked.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    api3, host3 = serve_widget(assistant, allow_host=False)
    blocked.goto(host3)
    open_widget(blocked)
    ask(blocked, "What does DPOR stand for?")
    error = last_answer(blocked)
    assert "not allowed to use the assistant" in error.inner_text()
    assert any("CSP_ALLOWED_ORIGINS" in w and host3 in w for w in warnings)
    assert blocked.locator(f"{W} .composer textarea").input_value() == "What does DPOR stand for?"
    shot(blocked, f"error-origin-{device}.png")
