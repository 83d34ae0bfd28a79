"""Slack fixtures: signed requests (slack-sdk's own signing code) and a fake Slack Web API."""
from __future__ import annotations

import copy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import pytest
from fastapi.testclient import TestClient
from slack_sdk.signature import SignatureVerifier

from assistant.storage import Storage
from assistant.web.app import create_app

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-test-token"


class FakeSlack:
    """Records every call: chat.postMessage (Web API) and posts to response URLs."""

    def __init__(self):
        self.calls: list[dict] = []
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                ctype = self.headers.get("content-type", "")
                if "json" in ctype:
                    body = json.loads(raw or b"{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
                with fake.lock:
                    fake.calls.append({"path": self.path, "body": body,
                                       "authorization": self.headers.get("authorization")})
                reply = {"ok": True, "ts": f"{time.time():.6f}", "channel": body.get("channel")}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, method: str = "chat.postMessage") -> list[dict]:
        with self.lock:
            return [c for c in self.calls if c["path"].endswith(method)]

    def wait_for(self, count: int, method: str = "chat.postMessage", timeout: float = 30) -> list[dict]:
        deadline = time.time() + timeout
        while len(self.posts(method)) < count and time.time() < deadline:
            time.sleep(0.02)
        return self.posts(method)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_slack():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def slack_assistant(fake_assistant, tmp_path):
    clone = copy.copy(fake_assistant)
    clone.storage = Storage(f"sqlite:///{tmp_path / 'slack.db'}")
    return clone


@pytest.fixture
def slack_settings(make_settings, tmp_path, fake_slack):
    return make_settings(tmp_path, slack_signing_secret=SECRET, slack_bot_token=BOT_TOKEN,
                         slack_api_base=f"{fake_slack.url}/api/", slack_response_origins=[fake_slack.url])


@pytest.fixture
def slack_app(slack_settings, slack_assistant):
    return create_app(slack_settings, assistant=slack_assistant)


def sign(body: bytes, timestamp: int | None = None, secret: str = SECRET) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    sig = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}


class SlackSender:
    """Posts to the app the way Slack does: raw body, v0 signature headers."""

    def __init__(self, client: TestClient):
        self.client = client

    def send(self, path: str, body: bytes, content_type: str, headers: dict | None = None,
             timestamp: int | None = None, signed: bool = True):
        h = {"content-type": content_type, **(sign(body, timestamp) if signed else {}), **(headers or {})}
        return self.client.post(path, content=body, headers=h)

    def event(self, payload: dict, **kw):
        return self.send("/slack/events", json.dumps(payload).encode(), "application/json", **kw)

    def command(self, fields: dict, **kw):
        return self.send("/slack/commands", urlencode(fields).encode(), "application/x-www-form-urlencoded", **kw)

    def interaction(self, payload: dict, **kw):
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.send("/slack/interactions", body, "application/x-www-form-urlencoded", **kw)


@pytest.fixture
def slack(slack_app):
    with TestClient(slack_app) as client:
        yield SlackSender(client)


_counter = iter(range(1, 10**6))


@pytest.fixture
def mention():
    """mention(text, ts=None, thread_ts=None, **event) -> an Events API app_mention payload."""

    def make(text: str, ts: str | None = None, thread_ts: str | None = None, event_id: str | None = None,
             channel: str = "C0CHANNEL", **extra) -> dict:
        n = next(_counter)
        event = {"type": "app_mention", "user": "U0PARTNER", "text": f"<@U0BOT> {text}",
                 "ts": ts or f"1700000{n:03d}.000100", "channel": channel, **extra}
        if thread_ts:
            event["thread_ts"] = thread_ts
        return {"type": "event_callback", "team_id": "T0TEAM", "api_app_id": "A0APP",
                "event_id": event_id or f"Ev{n:08d}", "event_time": int(time.time()), "event": event}

    return make


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def sign_headers():
    """sign_headers(body, timestamp=None, secret=SECRET) -> Slack's v0 signature headers."""
    return sign
