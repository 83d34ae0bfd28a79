"""The Slack app manifest in slack/manifest.yaml drives the app: its URLs are our routes, its
scopes cover its events, and each event it subscribes to gets a Block Kit answer that leads
with the answer and carries what was understood, the sources and the hand-off button."""
from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

import pytest
import yaml
from fastapi.testclient import TestClient

from assistant.web.app import create_app
from tests.slack.conftest import BOT_TOKEN, SECRET, SlackSender

MANIFEST = yaml.safe_load((Path(__file__).resolve().parents[2] / "slack" / "manifest.yaml").read_text())
SUPPORT = "https://partners.example/support"
PAYOUT = "How much incentive on $50,000 of Office 365?"
# The scope each subscribed event needs (Slack refuses the manifest otherwise).
EVENT_SCOPES = {"app_mention": "app_mentions:read", "message.im": "im:history"}


@pytest.fixture
def manifest_slack(make_settings, tmp_path, fake_slack, slack_assistant):
    settings = make_settings(tmp_path, slack_signing_secret=SECRET, slack_bot_token=BOT_TOKEN,
                             slack_api_base=f"{fake_slack.url}/api/", slack_response_origins=[fake_slack.url],
                             support_url=SUPPORT)
    app = create_app(settings, assistant=slack_assistant)
    with TestClient(app) as client:
        yield SlackSender(client), app


def path(url: str) -> str:
    return urlparse(url).path


def blocks_of(body: dict) -> list[dict]:
    return body["blocks"] if isinstance(body["blocks"], list) else json.loads(body["blocks"])


def by_id(blocks: list[dict], block_id: str) -> dict:
    return next(b for b in blocks if b.get("block_id") == block_id)


def assert_answer_first_with_sources_and_hand_off(blocks: list[dict]) -> None:
    assert blocks[0]["block_id"] == "answer"
    assert blocks[0]["text"]["text"].startswith("*Estimated incentive: $2,000.00*")
    assert "- Office 365 incentive" not in blocks[0]["text"]["text"]  # figures once: in the figures block
    understood = by_id(blocks, "understood")["elements"][0]["text"]
    assert understood.startswith("*What I understood:* Office 365 billed $50,000")
    assert [b["block_id"] for b in blocks].index("understood") == 1
    sources = by_id(blocks, "sources")["elements"]
    assert sources[0]["text"] == "*Sources:*" and any("›" in e["text"] for e in sources[1:])
    button = by_id(blocks, "support")["accessory"]
    assert button["text"]["text"] == "Contact partner support" and button["url"] == SUPPORT
    suggestions = by_id(blocks, "suggestions")["elements"]
    from calculators.registry import spec

    assert [s["text"]["text"] for s in suggestions] == list(spec("payout").follow_ups[:3])


def test_manifest_urls_are_the_apps_routes_and_scopes_cover_its_events(manifest_slack):
    _, app = manifest_slack
    posts = {p for p, ops in app.openapi()["paths"].items() if "post" in ops}
    settings = MANIFEST["settings"]
    [command] = MANIFEST["features"]["slash_commands"]
    for url in (settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
                command["url"]):
        assert url.startswith("https://") and path(url) in posts
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands"} <= scopes
    for event in settings["event_subscriptions"]["bot_events"]:
        assert EVENT_SCOPES[event] in scopes
    assert settings["interactivity"]["is_enabled"] is True and command["command"] == "/incentives"


@pytest.mark.parametrize("event", MANIFEST["settings"]["event_subscriptions"]["bot_events"])
def test_each_subscribed_event_gets_an_answer_first_reply(event, manifest_slack, fake_slack, mention):
    sender, _ = manifest_slack
    url = path(MANIFEST["settings"]["event_subscriptions"]["request_url"])
    payload = mention(PAYOUT)
    if event == "message.im":
        payload["event"].update(type="message", channel_type="im", channel="D0DIRECT", text=PAYOUT)
    r = sender.send(url, json.dumps(payload).encode(), "application/json")
    assert r.status_code == 200
    [call] = fake_slack.wait_for(1)
    assert call["body"]["thread_ts"] == payload["event"]["ts"]
    assert_answer_first_with_sources_and_hand_off(blocks_of(call["body"]))


def test_slash_command_and_buttons_from_the_manifest(manifest_slack, fake_slack):
    sender, _ = manifest_slack
    [command] = MANIFEST["features"]["slash_commands"]
    response_url = f"{fake_slack.url}/commands/T0/1/abc"
    r = sender.command({"command": command["command"], "text": PAYOUT, "user_id": "U0PARTNER",
                        "channel_id": "C0CHANNEL", "response_url": response_url, "trigger_id": "t-1"})
    assert r.status_code == 200 and r.json()["response_type"] == "ephemeral"
    [reply] = fake_slack.wait_for(1, method="/commands/T0/1/abc")
    blocks = blocks_of(reply["body"])
    assert_answer_first_with_sources_and_hand_off(blocks)

    # The interactivity URL: the hand-off button is a link (acknowledged, nothing posted); a
    # suggested follow-up is asked in the thread.
    interactions = path(MANIFEST["settings"]["interactivity"]["request_url"])
    follow_up = by_id(blocks, "suggestions")["elements"][0]
    base = {"type": "block_actions", "channel": {"id": "C0CHANNEL"},
            "message": {"ts": "1700000999.000100"}, "response_url": f"{fake_slack.url}/actions/T0/1/xyz"}
    link = by_id(blocks, "support")["accessory"]
    for action in ({"action_id": link["action_id"], "value": ""}, follow_up):
        body = {**base, "actions": [{"action_id": action["action_id"], "value": action.get("value", "")}]}
        assert sender.send(interactions, urlencode({"payload": json.dumps(body)}).encode(),
                           "application/x-www-form-urlencoded").status_code == 200
    [asked] = fake_slack.wait_for(1)
    assert asked["body"]["thread_ts"] == "1700000999.000100"
    assert "co-op usage threshold" in asked["body"]["text"].lower()
    time.sleep(0.2)
    assert len(fake_slack.posts()) == 1  # the link button posted nothing


def test_an_abstention_leads_with_the_hand_off(manifest_slack, fake_slack, mention):
    sender, _ = manifest_slack
    sender.event(mention("What is the weather on Mars?"))
    [call] = fake_slack.wait_for(1)
    blocks = blocks_of(call["body"])
    support = by_id(blocks, "support")
    assert support["accessory"]["style"] == "primary" and "do not cover" in support["text"]["text"]
    assert all(b.get("block_id") != "suggestions" for b in blocks)
