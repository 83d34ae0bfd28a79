"""Events, slash commands and buttons: answered once, in the thread, as Block Kit."""
from __future__ import annotations

import json
import time

import httpx

from assistant.answer import Answer, Citation, Figure
from assistant.web.app import create_app
from assistant.web.slack import thread_session
from assistant.web.slack_blocks import answer_blocks


def block(blocks: list[dict], type_: str, block_id: str | None = None) -> dict:
    return next(b for b in blocks if b["type"] == type_ and (block_id is None or b.get("block_id") == block_id))


def test_mention_is_answered_in_its_thread_with_block_kit(slack, fake_slack, mention):
    payload = mention("What does DPOR stand for?", ts="1700000001.000200")
    assert slack.event(payload).status_code == 200
    [call] = fake_slack.wait_for(1)
    assert call["authorization"] == "Bearer xoxb-test-token"
    body = call["body"]
    assert body["channel"] == "C0CHANNEL" and body["thread_ts"] == "1700000001.000200"
    assert "Digital Partner of Record" in body["text"]
    blocks = body["blocks"] if isinstance(body["blocks"], list) else json.loads(body["blocks"])
    section = blocks[0]
    assert section["type"] == "section" and section["text"]["type"] == "mrkdwn"
    assert "Digital Partner of Record" in section["text"]["text"] and "<@" not in section["text"]["text"]
    sources = block(blocks, "context", "sources")
    assert any("›" in e["text"] for e in sources["elements"])
    buttons = block(blocks, "actions", "feedback")["elements"]
    assert [b["action_id"] for b in buttons] == ["feedback_up", "feedback_down"]
    ref = json.loads(buttons[0]["value"])
    assert ref["s"] == thread_session("C0CHANNEL", "1700000001.000200") and isinstance(ref["m"], int)


def test_retries_and_repeated_event_ids_never_answer_twice(slack, fake_slack, mention):
    first = mention("What does DPOR stand for?", event_id="EvSAME")
    assert slack.event(first).status_code == 200
    fake_slack.wait_for(1)
    # Slack's retry of the same event carries X-Slack-Retry-Num: acknowledged only.
    retry = slack.event(first, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    # The same event id delivered again without the header: refused by the stored event id.
    again = mention("What does DPOR stand for?", event_id="EvSAME")
    assert slack.event(again).status_code == 200
    time.sleep(0.2)
    assert len(fake_slack.posts()) == 1


def test_a_retry_whose_first_delivery_was_lost_is_answered_once(slack, fake_slack, mention):
    # The first delivery never reached us; Slack's retry is the only copy we see: it is answered.
    lost = mention("What is PAL?", event_id="EvLOST")
    assert slack.event(lost, headers={"X-Slack-Retry-Num": "1"}).status_code == 200
    assert len(fake_slack.wait_for(1)) == 1
    assert slack.event(lost, headers={"X-Slack-Retry-Num": "2"}).status_code == 200
    time.sleep(0.2)
    assert len(fake_slack.posts()) == 1


def test_threaded_follow_ups_share_one_session(slack, fake_slack, mention, slack_assistant):
    root = "1700000100.000100"
    slack.event(mention("What is the co-op usage threshold?", ts=root))
    slack.event(mention("And before October 2021?", ts="1700000105.000100", thread_ts=root))
    calls = fake_slack.wait_for(2)
    assert [c["body"]["thread_ts"] for c in calls] == [root, root]
    history = slack_assistant.storage.history(thread_session("C0CHANNEL", root))
    assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
    assert history[2]["text"] == "And before October 2021?"
    # Another thread is another session.
    slack.event(mention("What is the co-op usage threshold?", ts="1700000200.000100"))
    fake_slack.wait_for(3)
    assert len(slack_assistant.storage.history(thread_session("C0CHANNEL", root))) == 4


def test_bot_messages_edits_and_channel_chatter_are_ignored(slack, fake_slack, mention):
    bot = mention("What is DPOR?", bot_id="B0BOT")
    edited = mention("What is DPOR?", subtype="message_changed")
    channel_msg = mention("What is DPOR?")
    channel_msg["event"].update(type="message", channel_type="channel")
    for payload in (bot, edited, channel_msg):
        assert slack.event(payload).status_code == 200
    dm = mention("What does DPOR stand for?", channel="D0DIRECT")
    dm["event"].update(type="message", channel_type="im", text="What does DPOR stand for?")
    assert slack.event(dm).status_code == 200
    [call] = fake_slack.wait_for(1)
    assert call["body"]["channel"] == "D0DIRECT"


def test_slash_command_acks_then_posts_to_the_response_url(slack, fake_slack):
    fields = {"command": "/incentives", "text": "what does DPOR stand for?", "user_id": "U1", "channel_id": "C1",
              "trigger_id": "13345224609.738474920.8088930838d88f008e0",
              "response_url": f"{fake_slack.url}/commands/T0/123/abc"}
    r = slack.command(fields)
    assert r.status_code == 200 and r.json()["response_type"] == "ephemeral"
    [call] = fake_slack.wait_for(1, method="/commands/T0/123/abc")
    assert call["body"]["response_type"] == "in_channel" and call["body"]["blocks"][0]["type"] == "section"
    assert "Digital Partner of Record" in call["body"]["text"]
    # The same invocation delivered twice is answered once.
    slack.command(fields)
    time.sleep(0.2)
    assert len(fake_slack.posts("/commands/T0/123/abc")) == 1
    usage = slack.command({**fields, "text": "", "trigger_id": "t2"})
    assert "/incentives" in usage.json()["text"]


def test_feedback_buttons_store_feedback(slack, fake_slack, mention, slack_assistant):
    slack.event(mention("What does DPOR stand for?", ts="1700000300.000100"))
    [call] = fake_slack.wait_for(1)
    down = next(b for b in call["body"]["blocks"][-1]["elements"] if b["action_id"] == "feedback_down")
    payload = {"type": "block_actions", "user": {"id": "U0PARTNER"}, "channel": {"id": "C0CHANNEL"},
               "message": {"ts": "1700000301.000100", "thread_ts": "1700000300.000100"},
               "response_url": f"{fake_slack.url}/actions/T0/1/xyz",
               "actions": [{"action_id": "feedback_down", "value": down["value"], "type": "button"}]}
    assert slack.interaction(payload).status_code == 200
    [fb] = slack_assistant.storage.list_feedback()
    assert fb["helpful"] is False and fb["channel"] == "slack"
    assert fb["question"] == "What does DPOR stand for?"
    assert fb["session_id"] == thread_session("C0CHANNEL", "1700000300.000100")
    [thanks] = fake_slack.wait_for(1, method="/actions/T0/1/xyz")
    assert "Thanks" in thanks["body"]["text"]


def test_block_kit_escapes_text_marks_abstentions_and_lists_figures():
    answer = Answer(
        answer="**Estimated** incentive is $2,000 [1]. Use <b>care</b> & check.",
        citations=[Citation(n=1, doc_id="g", title="Reseller <Guide>", source="corpus/x.md", section="Rates",
                            text="4%")],
        figures=[Figure(name="estimated incentive", value=2000.0, unit="USD", formula="$50,000 × 4%",
                        citations=[1])],
        tool="payout", session_id="s1")
    blocks = answer_blocks(answer, message_id=7)
    text = blocks[0]["text"]["text"]
    assert text.startswith("*Estimated*") and "&lt;b&gt;care&lt;/b&gt; &amp; check" in text
    fields = block(blocks, "section", "figures")["fields"]
    assert "$2,000.00" in fields[0]["text"] and "$50,000 × 4%" in fields[0]["text"]
    assert "Reseller &lt;Guide&gt; › Rates" in block(blocks, "context", "sources")["elements"][1]["text"]
    assert json.loads(block(blocks, "actions", "feedback")["elements"][0]["value"]) == {"s": "s1", "m": 7}
    clarify = answer_blocks(answer.model_copy(update={"clarify": {"question": "Which product?",
                                                                   "options": ["Office 365", "Azure"]}}))
    options = block(clarify, "actions", "clarify")["elements"]
    assert [o["text"]["text"] for o in options] == ["Office 365", "Azure"]
    assert json.loads(options[1]["value"]) == {"s": "s1", "o": "Azure"}
    abstained = answer_blocks(answer.model_copy(update={"abstained": True, "figures": []}))
    assert abstained[0]["text"]["text"].startswith(":warning: *Not in the sources*")
    assert all(b.get("block_id") != "figures" for b in abstained)


def test_events_are_acknowledged_before_the_answer_is_ready(slack_settings, slack_assistant, fake_slack,
                                                            mention, sign_headers):
    """Slack wants a 200 within 3 seconds; the answer follows when it is ready."""
    import copy
    import socket
    import threading

    import uvicorn

    slow = copy.copy(slack_assistant)
    real_answer = slack_assistant.answer

    def slow_answer(*args, **kwargs):
        time.sleep(4.0)  # longer than Slack waits: the ack must not wait for the answer
        return real_answer(*args, **kwargs)

    slow.answer = slow_answer
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(slack_settings, assistant=slow), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 30
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        body = json.dumps(mention("What does DPOR stand for?")).encode()
        started = time.perf_counter()
        r = httpx.post(f"http://127.0.0.1:{port}/slack/events", content=body, timeout=30,
                       headers={"content-type": "application/json", **sign_headers(body)})
        acked = time.perf_counter() - started
        assert r.status_code == 200 and acked < 3.0  # Slack retries after 3 seconds
        assert fake_slack.posts() == []  # not answered yet when the ack came back
        [call] = fake_slack.wait_for(1, timeout=30)
        assert "Digital Partner of Record" in call["body"]["text"]
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_a_quick_reply_button_is_answered_in_the_same_thread_and_session(slack, fake_slack, slack_assistant):
    root = "1700000400.000100"
    session = thread_session("C0CHANNEL", root)
    payload = {"type": "block_actions", "user": {"id": "U0PARTNER"}, "channel": {"id": "C0CHANNEL"},
               "message": {"ts": "1700000401.000100", "thread_ts": root},
               "actions": [{"action_id": "clarify_option_0", "type": "button",
                            "value": json.dumps({"s": session, "o": "What does DPOR stand for?"})}]}
    assert slack.interaction(payload).status_code == 200
    [call] = fake_slack.wait_for(1)
    assert call["body"]["thread_ts"] == root and "Digital Partner of Record" in call["body"]["text"]
    assert slack_assistant.storage.history(session)[0]["text"] == "What does DPOR stand for?"
