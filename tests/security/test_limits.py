"""Size, rate and age limits: a client cannot fill the server, the database or the logs."""
from __future__ import annotations

import json
import socket
import time
from datetime import timedelta

from fastapi.testclient import TestClient

from assistant.storage_tables import ChatSession, Message, now
from assistant.web.app import create_app
from tests.web.conftest import ServerThread

PAYOUT = "How much incentive on $50k of Office 365?"


def test_a_body_over_the_limit_is_refused_before_it_is_parsed(make_client, isolated_assistant):
    client = make_client(max_body_bytes=64 * 1024)
    big = json.dumps({"message": PAYOUT, "session_id": "x" * 5_000_000}).encode()
    r = client.post("/api/chat", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit is 65,536 bytes" in r.json()["error"]
    assert len(r.content) < 200  # nothing of the input comes back


def test_a_streamed_body_without_length_is_counted_as_it_arrives(make_client, isolated_assistant):
    client = make_client(max_body_bytes=64 * 1024)

    def chunks():
        yield b'{"message": "'
        for _ in range(100):  # 1.6 MB in 16 KB pieces, no Content-Length
            yield b"x" * 16_384
        yield b'"}'

    r = client.post("/api/chat", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert isolated_assistant.storage.history("any") == []


def test_an_overlong_session_id_is_refused_and_not_echoed(make_client):
    client = make_client()
    r = client.post("/api/chat", json={"message": PAYOUT, "session_id": "s" * 5000})
    assert r.status_code == 422 and "s" * 100 not in r.text and len(r.content) < 1000


def test_an_invalid_field_is_echoed_only_as_a_short_excerpt(make_client):
    client = make_client(max_body_bytes=12 * 1024 * 1024)
    huge = "<" * 10_000_000
    r = client.post("/api/chat", json={"message": [huge], "session_id": None})
    assert r.status_code == 422 and "message" in r.json()["error"]
    assert len(r.content) < 2000
    r = client.post("/api/feedback", json={"helpful": huge})
    assert r.status_code == 422 and len(r.content) < 2000 and "10,000,000 characters" in r.text


def test_chat_past_the_limit_gets_429_with_retry_after(make_client):
    client = make_client(chat_per_minute=3)
    codes = [client.post("/api/chat", json={"message": "What does DPOR stand for?"}).status_code
             for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    r = client.post("/api/chat/stream", json={"message": "What does DPOR stand for?"})
    assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
    assert "at most 3 a minute" in r.json()["detail"]
    # Another client is counted on its own.
    other = TestClient(client.app, base_url="https://testserver", client=("203.0.113.9", 4000))
    assert other.post("/api/chat", json={"message": "What does DPOR stand for?"}).status_code == 200


def test_feedback_past_the_limit_gets_429(make_client):
    client = make_client(feedback_per_minute=2)
    codes = [client.post("/api/feedback", json={"helpful": True}).status_code for _ in range(4)]
    assert codes == [200, 200, 429, 429]


def test_the_database_limiter_is_shared_by_replicas(make_settings, isolated_assistant, tmp_path):
    settings = make_settings(tmp_path, chat_per_minute=3, rate_limit_backend="database")
    one = TestClient(create_app(settings, assistant=isolated_assistant), base_url="https://testserver")
    two = TestClient(create_app(settings, assistant=isolated_assistant), base_url="https://testserver")
    body = {"message": "What does DPOR stand for?"}
    codes = [c.post("/api/chat", json=body).status_code for c in (one, two, one, two)]
    if codes[-1] == 200:  # the four requests straddled a minute boundary: the next one is limited
        codes.append(one.post("/api/chat", json=body).status_code)
    assert codes.count(200) >= 3 and codes[-1] == 429


def test_a_slow_body_is_cut_off(isolated_assistant, make_settings, tmp_path):
    app = create_app(make_settings(tmp_path, body_read_timeout_s=0.5), assistant=isolated_assistant)
    with ServerThread(app) as server, socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{\"message\": ")
        reply = b""
        while chunk := sock.recv(4096):  # the server answers, then closes, without the other 988 bytes
            reply += chunk
    assert reply.startswith(b"HTTP/1.1 408") and b"too slowly" in reply, reply


def test_old_conversations_are_deleted_at_start_up(make_settings, isolated_assistant, tmp_path):
    storage = isolated_assistant.storage
    old = isolated_assistant.answer(PAYOUT)
    recent = isolated_assistant.answer(PAYOUT)
    old_sid = isolated_assistant.session_id_of(old.session_id)
    with storage._sessions() as db, db.begin():
        db.get(ChatSession, old_sid).updated_at = now() - timedelta(days=40)
        for m in db.query(Message).filter(Message.session_id == old_sid):
            m.created_at = now() - timedelta(days=40)
    app = create_app(make_settings(tmp_path, retention_days=30), assistant=isolated_assistant)
    with TestClient(app):  # start-up runs the purge
        pass
    assert storage.history(old_sid) == []
    assert len(storage.history(isolated_assistant.session_id_of(recent.session_id))) == 2
    with storage._sessions() as db:
        assert db.get(ChatSession, old_sid) is None


def test_retention_also_runs_periodically(make_settings, isolated_assistant, tmp_path):
    storage = isolated_assistant.storage
    app = create_app(make_settings(tmp_path, retention_days=30, retention_interval_s=0.05),
                     assistant=isolated_assistant)
    with TestClient(app):
        stale = isolated_assistant.answer(PAYOUT)
        sid = isolated_assistant.session_id_of(stale.session_id)
        with storage._sessions() as db, db.begin():
            db.get(ChatSession, sid).updated_at = now() - timedelta(days=31)
        deadline = time.time() + 10
        while storage.history(sid) and time.time() < deadline:
            time.sleep(0.05)
    assert storage.history(sid) == []
