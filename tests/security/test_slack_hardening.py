"""Slack: malformed signed bodies, replayed clicks, foreign response URLs, escaped fallback text."""
from __future__ import annotations

import hashlib
import hmac
import time

import pytest

from assistant.answer import Answer
from assistant.web.slack_blocks import fallback_text
from tests.slack.conftest import SECRET


def sign_bytes(body: bytes) -> dict:
    """Slack's v0 signature over raw bytes (slack-sdk's helper insists on UTF-8)."""
    ts = str(int(time.time()))
    mac = hmac.new(SECRET.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": "v0=" + mac}


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"42", b'{"type": "event_callback", "event": []}',
                                  b'{"type": "event_callback", "event": {"type": "app_mention", "user": "U1",'
                                  b' "text": {"x": 1}, "channel": "C1", "ts": "1.2"}}',
                                  b'{"type": "url_verification", "challenge": ["x"]}', b"\xff\xfe{"])
def test_malformed_signed_events_get_400(slack, fake_slack, body):
    r = slack.send("/slack/events", body, "application/json", signed=False, headers=sign_bytes(body))
    assert r.status_code == 400
    assert fake_slack.calls == []


@pytest.mark.parametrize("payload", ["[]", "42", '{"type": "block_actions", "actions": {"a": 1}}',
                                     '{"type": "block_actions", "actions": ["x"]}',
                                     '{"type": "block_actions", "message": "x", "actions": []}',
                                     '{"type": "block_actions", "user": 5, "actions": []}'])
def test_malformed_signed_interactions_get_400(slack, fake_slack, slack_assistant, payload):
    from urllib.parse import urlencode

    r = slack.send("/slack/interactions", urlencode({"payload": payload}).encode(),
                   "application/x-www-form-urlencoded")
    assert r.status_code == 400
    assert slack_assistant.storage.list_feedback() == []


def test_a_command_body_that_is_not_utf8_gets_400(slack):
    body = b"text=\xff\xfe&response_url=x"
    r = slack.send("/slack/commands", body, "application/x-www-form-urlencoded", signed=False,
                   headers=sign_bytes(body))
    assert r.status_code == 400


def test_a_replayed_click_records_one_vote(slack, fake_slack, mention, slack_assistant):
    slack.event(mention("What does DPOR stand for?", ts="1700000700.000100"))
    [call] = fake_slack.wait_for(1)
    up = next(b for b in call["body"]["blocks"][-1]["elements"] if b["action_id"] == "feedback_up")
    payload = {"type": "block_actions", "user": {"id": "U0PARTNER"}, "trigger_id": "111.222.abc",
               "channel": {"id": "C0CHANNEL"}, "message": {"ts": "1700000701.000100"},
               "actions": [{"action_id": "feedback_up", "value": up["value"], "type": "button"}]}
    for _ in range(5):
        assert slack.interaction(payload).status_code == 200
    assert len(slack_assistant.storage.list_feedback()) == 1


@pytest.mark.parametrize("url", ["https://evil.example/hook", "https://hooks.slack.com.evil.example/x",
                                 "https://hooks.slack.com@evil.example/x", "http://hooks.slack.com/x",
                                 "file:///etc/passwd", "https://hooks.slack.com:8443/x"])
def test_a_response_url_outside_slack_is_refused(slack, fake_slack, slack_assistant, url):
    r = slack.command({"command": "/incentives", "text": "What does DPOR stand for?", "user_id": "U0",
                       "channel_id": "C0", "trigger_id": f"t-{hash(url)}", "response_url": url})
    assert r.status_code == 400 and "response_url" in r.json()["text"]
    time.sleep(0.1)
    assert fake_slack.calls == []


def test_slack_users_past_the_limit_get_429(slack_settings, slack_assistant, mention):
    from fastapi.testclient import TestClient

    from assistant.web.app import create_app
    from tests.slack.conftest import SlackSender

    settings = slack_settings.model_copy(update={"slack_per_minute": 2})
    with TestClient(create_app(settings, assistant=slack_assistant)) as client:
        sender = SlackSender(client)
        codes = [sender.event(mention(f"What is PAL {i}?")).status_code for i in range(3)]
        other = sender.event(mention("What is PAL?", user="U0OTHER"))
    assert codes == [200, 200, 429] and other.status_code == 200


def test_fallback_text_is_escaped_like_the_blocks():
    answer = Answer(answer="Ping <!channel> and <@U123>, see <https://evil.example|the guide> & more.")
    text = fallback_text(answer)
    assert "<" not in text and ">" not in text
    assert "&lt;!channel&gt;" in text and "&amp; more" in text


def test_a_failed_post_lets_slacks_retry_answer(slack, fake_slack, mention, slack_assistant, monkeypatch):
    from slack_sdk import WebClient

    real = WebClient.chat_postMessage
    calls = {"n": 0}

    def flaky(self, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("connection reset")
        return real(self, **kwargs)

    monkeypatch.setattr(WebClient, "chat_postMessage", flaky)
    event = mention("What does DPOR stand for?", event_id="EvFLAKY")
    assert slack.event(event).status_code == 200
    assert fake_slack.posts() == []  # the first answer never reached Slack
    assert slack.event(event, headers={"X-Slack-Retry-Num": "1"}).status_code == 200
    assert len(fake_slack.wait_for(1)) == 1
    assert slack.event(event, headers={"X-Slack-Retry-Num": "2"}).status_code == 200
    time.sleep(0.2)
    assert len(fake_slack.posts()) == 1
