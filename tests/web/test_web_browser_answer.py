"""Answer first, readable sources, follow-ups, copy and hand-off: in Chromium at a laptop
and a phone viewport. Screenshots go to test-artifacts/."""
from __future__ import annotations

import pytest

from tests.web.browser_kit import (W, ask, browser, device, last_answer, new_page, open_widget,  # noqa: F401
                                   serve_widget, shadow_eval, shot, with_own_storage,
                                   with_understood_and_suggestions)

pytestmark = pytest.mark.browser
PAYOUT = "How much incentive on $50,000 of Office 365 and $20,000 of Dynamics 365?"
SUPPORT = "https://partners.example/support"


def test_payout_answer_puts_the_figure_first_and_the_calculation_behind_a_toggle(
        device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_understood_and_suggestions(with_own_storage(fake_assistant, tmp_path)))
    page = new_page(device)
    page.goto(host)
    open_widget(page)
    ask(page, PAYOUT)
    answer = last_answer(page)
    headline = answer.locator(".headline")
    assert headline.inner_text().startswith("Estimated incentive: $3,200.00")
    # The headline is the message's first line and is in view without scrolling the log.
    log = page.locator(f"{W} .log").bounding_box()
    top = headline.bounding_box()
    assert log["y"] <= top["y"] and top["y"] + top["height"] <= log["y"] + log["height"]
    assert answer.locator(":scope > *").first.get_attribute("class") == "headline"
    # Then what was understood, then the text; the figures are not repeated as bullets.
    assert answer.locator(".understood").inner_text().startswith("What I understood: Office 365 billed $50,000")
    assert answer.locator(".text ul").count() == 0
    text = answer.inner_text()
    assert text.count("$2,000.00") == 0  # the per-product figure appears only in the calculation
    shot(page, f"answer-first-{device}.png")

    toggle = answer.locator("button.toggle")
    assert toggle.inner_text() == "Show calculation" and toggle.get_attribute("aria-expanded") == "false"
    assert not answer.locator(".calc").is_visible()
    toggle.click()
    rows = answer.locator("table.figures tbody tr")
    assert rows.count() == 7 and toggle.get_attribute("aria-expanded") == "true"
    assert answer.inner_text().count("$2,000.00") == 1  # shown once, as its row's value
    name, value = rows.first.locator("td.name"), rows.first.locator("td.value")
    if device == "phone":  # the narrow widget stacks each label over its value
        assert value.bounding_box()["y"] >= name.bounding_box()["y"] + name.bounding_box()["height"] - 1
    shot(page, f"answer-calculation-{device}.png")


def test_a_source_opens_a_sheet_with_the_cited_sentence_and_stays_open_across_answers(
        device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(fake_assistant, tmp_path))
    page = new_page(device)
    page.goto(api + "/")
    page.locator(f"{W} .composer textarea").wait_for()
    ask(page, "What does DPOR stand for?")
    first = last_answer(page)
    shadow_eval(page, "root.querySelector('.msg.assistant:not(.welcome)').dataset.probe = 'kept'; return 1")
    # Keyboard: Tab reaches the inline citation chip; Enter opens the source.
    chip = first.locator(".chip").first
    chip.focus()
    page.keyboard.press("Enter")
    sheet = page.locator(f"{W} .sheet")
    sheet.wait_for(state="visible")
    assert sheet.get_attribute("role") == "dialog"
    assert "DPOR" in sheet.locator("h3").inner_text() or sheet.locator("h3").inner_text()
    assert sheet.locator(".where").inner_text().startswith("Source 1")
    assert "corpus/" not in sheet.inner_text()  # titles and sections, not repository paths
    mark = " ".join(sheet.locator("mark").inner_text().split())
    # The highlighted sentence is the one the answer quotes for that citation.
    assert mark and " ".join(mark.split()[:5]).rstrip(".,") in " ".join(first.inner_text().split())
    panel, box = page.locator(f"{W} .panel").bounding_box(), sheet.bounding_box()
    if device == "desktop":  # a side sheet beside the conversation
        assert box["x"] > panel["x"] + panel["width"] / 2 and box["height"] > panel["height"] / 2
    else:  # a bottom sheet across the width
        assert abs(box["width"] - panel["width"]) < 2 and box["y"] > panel["y"] + panel["height"] / 4
    shot(page, f"source-sheet-{device}.png")

    ask(page, "What is the co-op usage threshold?")
    last_answer(page)
    assert sheet.is_visible()  # the next answer was appended; the open source stayed open
    assert shadow_eval(page, "return root.querySelector('.msg.assistant:not(.welcome)').dataset.probe") == "kept"
    page.keyboard.press("Escape")  # closes the source first, and focus goes back to the chip that opened it
    sheet.wait_for(state="hidden")
    assert shadow_eval(page, "return root.activeElement.className") == "chip"
    assert chip.get_attribute("aria-expanded") == "false"


def test_follow_ups_copy_and_support_hand_off(device, new_page, serve_widget, fake_assistant, tmp_path):
    api, host = serve_widget(with_understood_and_suggestions(with_own_storage(fake_assistant, tmp_path)),
                             support_url=SUPPORT)
    page = new_page(device, permissions=["clipboard-read", "clipboard-write"])
    page.goto(host)
    open_widget(page)
    ask(page, "What does DPOR stand for?")
    answer = last_answer(page)
    chips = answer.locator(".quick[aria-label='Suggested follow-ups'] button")
    assert chips.all_inner_texts() == ["What is the co-op usage threshold?", "How is the co-op portion paid?"]
    assert answer.locator("a.handoff-link").get_attribute("href") == SUPPORT  # on request, in the tools
    answer.locator("button.copy").click()
    answer.get_by_text("Copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("DPOR stands for Digital Partner of Record") and "Sources:\n[1]" in copied
    shot(page, f"follow-ups-{device}.png")

    chips.first.click()
    assert page.locator(f"{W} .msg.user").last.inner_text() == "What is the co-op usage threshold?"
    last_answer(page)
    assert page.locator(f"{W} .quick[aria-label='Suggested follow-ups']").count() == 1  # only the latest turn's

    ask(page, "What is the weather on Mars?")  # not in the sources: the hand-off comes first
    abstained = last_answer(page)
    assert "abstained" in abstained.get_attribute("class")
    link = abstained.locator(".handoff a.primary")
    assert link.inner_text() == "Contact partner support" and link.get_attribute("href") == SUPPORT
    assert abstained.locator(".quick").count() == 0  # no suggestions given: none rendered
    shot(page, f"handoff-{device}.png")

    ask(page, "Can I talk to a person about my payout?")
    assert last_answer(page).locator(".handoff a.primary").count() == 1


def test_the_source_sheet_links_to_the_original_when_the_document_has_one(new_page, serve_widget,
                                                                         linked_assistant, tmp_path):
    api, host = serve_widget(with_own_storage(linked_assistant, tmp_path))
    page = new_page("desktop")
    page.goto(api + "/")
    ask(page, "When is the zanzibar rebate paid?")
    last_answer(page).locator(".sources button.source").first.click()
    sheet = page.locator(f"{W} .sheet")
    sheet.wait_for(state="visible")
    assert sheet.locator("h3").inner_text() == "Zanzibar Programme Guide"
    assert "Payment timing" in sheet.locator(".where").inner_text()
    assert "paid monthly" in sheet.locator("mark").inner_text()
    link = sheet.get_by_role("link", name="Open the original document")
    assert link.get_attribute("href") == "https://partners.example/guides/zanzibar"
    assert link.get_attribute("rel") == "noopener noreferrer"
