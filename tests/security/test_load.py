"""16 concurrent clients against a real server on 127.0.0.1: chat and Slack events under load.

Each client has its own loopback address (127.0.0.1 … 127.0.0.16), so per-client limits apply
to each. The run is a fixed number of requests, not a duration: no timing is asserted.
"""
from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from assistant.web.app import create_app
from tests.slack.conftest import sign
from tests.web.conftest import ServerThread

CLIENTS = 16
CHATS = 8  # per client, past the limit below
CHAT_LIMIT = 5
EVENTS = 3  # per client, each also retried by "Slack"


def _client_run(base: str, n: int) -> dict:
    transport = httpx.HTTPTransport(local_address=f"127.0.0.{n + 1}")
    out = {"chat": Counter(), "events": Counter(), "errors": []}
    with httpx.Client(base_url=base, transport=transport, timeout=60) as http:
        for i in range(CHATS):
            try:
                r = http.post("/api/chat", json={"message": "What does DPOR stand for?"})
                out["chat"][r.status_code] += 1
                if r.status_code == 429:
                    assert int(r.headers["retry-after"]) >= 1
            except httpx.HTTPError as exc:
                out["errors"].append(repr(exc))
        for i in range(EVENTS):
            event = {"type": "event_callback", "team_id": "T0", "event_id": f"EvLoad{n}x{i}",
                     "event": {"type": "app_mention", "user": f"U{n}", "channel": "C0LOAD",
                               "text": "<@U0BOT> What is PAL?", "ts": f"1700001{n:03d}.{i:06d}"}}
            body = json.dumps(event).encode()
            for retry in (None, "1"):  # the delivery, then Slack's retry of it
                headers = {"content-type": "application/json", **sign(body)}
                if retry:
                    headers["X-Slack-Retry-Num"] = retry
                try:
                    out["events"][http.post("/slack/events", content=body, headers=headers).status_code] += 1
                except httpx.HTTPError as exc:
                    out["errors"].append(repr(exc))
    return out


def test_sixteen_clients_chat_and_slack_without_errors(slack_settings, slack_assistant, fake_slack):
    settings = slack_settings.model_copy(update={"chat_per_minute": CHAT_LIMIT, "slack_per_minute": 1000})
    with ServerThread(create_app(settings, assistant=slack_assistant)) as server:
        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda n: _client_run(server.url, n), range(CLIENTS)))
        fake_slack.wait_for(CLIENTS * EVENTS)
    posts = fake_slack.posts()  # read after the server stopped: a late duplicate would be counted
    assert [r["errors"] for r in results] == [[]] * CLIENTS
    # Each client got exactly its limit of answers, then 429s; never a 5xx.
    assert all(r["chat"] == Counter({200: CHAT_LIMIT, 429: CHATS - CHAT_LIMIT}) for r in results), \
        [r["chat"] for r in results]
    assert all(set(r["events"]) == {200} for r in results)
    # Every Slack event answered, and answered once, although each was delivered twice.
    answered = Counter(p["body"]["thread_ts"] for p in posts)
    assert len(answered) == CLIENTS * EVENTS and set(answered.values()) == {1}
