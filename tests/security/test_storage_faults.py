"""Answering needs no database: database and index faults degrade, /healthz says what is wrong."""
from __future__ import annotations

import copy
import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from assistant.storage import Storage
from assistant.web.app import create_app

QUESTION = {"message": "What does DPOR stand for?"}


def _client(assistant, make_settings, tmp_path) -> TestClient:
    return TestClient(create_app(make_settings(tmp_path), assistant=assistant), base_url="https://testserver")


def test_a_deleted_database_file_is_recreated(make_client, isolated_assistant, tmp_path):
    client = make_client()
    assert client.post("/api/chat", json=QUESTION).json()["message_id"] is not None
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"web.db{suffix}").unlink(missing_ok=True)
    r = client.post("/api/chat", json=QUESTION)
    assert r.status_code == 200 and r.json()["message_id"] is not None
    assert (tmp_path / "web.db").exists()  # the turn went to a real file, not a deleted inode
    sid = isolated_assistant.session_id_of(r.json()["session_id"])
    assert len(Storage(f"sqlite:///{tmp_path / 'web.db'}").history(sid)) == 2
    assert client.get("/healthz").json()["database"]["ok"] is True


def test_a_read_only_database_still_answers(fake_assistant, make_settings, tmp_path):
    path = tmp_path / "ro.db"
    Storage(f"sqlite:///{path}").engine.dispose()  # a database with its tables, then opened read-only
    assistant = copy.copy(fake_assistant)
    assistant.storage = Storage(f"sqlite:///file:{path}?mode=ro&uri=true")
    client = _client(assistant, make_settings, tmp_path)
    r = client.post("/api/chat", json=QUESTION)
    assert r.status_code == 200 and "Digital Partner of Record" in r.json()["answer"]
    assert r.json()["message_id"] is None and r.headers["x-answer-stored"] == "false"
    fb = client.post("/api/feedback", json={"helpful": True})
    assert fb.status_code == 503 and "database is unavailable" in fb.json()["error"]
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["status"] == "degraded"
    assert health.json()["database"]["ok"] is False and "readonly" in health.json()["database"]["detail"]
    assert health.json()["index"]["ok"] is True and health.json()["model"]["ok"] is True


def test_a_locked_database_still_answers(fake_assistant, make_settings, tmp_path):
    path = tmp_path / "locked.db"
    assistant = copy.copy(fake_assistant)
    assistant.storage = Storage(f"sqlite:///{path}", busy_timeout_ms=50)
    client = _client(assistant, make_settings, tmp_path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holding the write lock
    try:
        r = client.post("/api/chat", json=QUESTION)
        assert r.status_code == 200 and "Digital Partner of Record" in r.json()["answer"]
        assert r.json()["message_id"] is None
        assert client.post("/api/feedback", json={"helpful": False}).status_code == 503
        health = client.get("/healthz").json()
        assert health["database"]["ok"] is False and "locked" in health["database"]["detail"]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert client.post("/api/chat", json=QUESTION).json()["message_id"] is not None
    assert client.post("/api/feedback", json={"helpful": False}).status_code == 200
    assert client.get("/healthz").status_code == 200


def test_storage_errors_never_log_the_users_text(fake_assistant, tmp_path, caplog):
    path = tmp_path / "ro2.db"
    Storage(f"sqlite:///{path}").engine.dispose()
    storage = Storage(f"sqlite:///file:{path}?mode=ro&uri=true")
    secret = "my bank account is 12345678"
    assert storage.record_turn("s" * 32, secret, {"answer": secret}, {}) is None
    assert "readonly" in caplog.text and secret not in caplog.text and "12345678" not in caplog.text


@pytest.fixture
def own_index_assistant(fake_encoder, tmp_path):
    """An assistant whose index folder belongs to this test alone (it will be damaged)."""
    from assistant.core import Assistant
    from assistant.ingest import ingest
    from assistant.settings import Settings
    from index.store import IndexStore

    settings = Settings(data_dir=tmp_path / "own", embedding_model=fake_encoder.name)
    ingest(IndexStore(settings.index_dir), fake_encoder)
    return Assistant.from_settings(settings, encoder=fake_encoder), settings


@pytest.mark.parametrize("damage", ["manifest only", "pointer outside builds", "truncated vectors"])
def test_a_damaged_new_build_is_refused_and_the_old_one_keeps_serving(own_index_assistant, make_settings,
                                                                        tmp_path, damage):
    assistant, settings = own_index_assistant
    client = _client(assistant, make_settings, tmp_path)
    serving = client.get("/healthz").json()["index"]["build"]
    index = settings.index_dir
    bad = index / "builds" / "20990101T000000-bad"
    if damage == "pointer outside builds":
        name = "../../elsewhere"
    else:
        import shutil

        shutil.copytree(index / "builds" / serving, bad)
        if damage == "manifest only":
            (bad / "passages.jsonl").unlink()
        else:
            (bad / "vectors.npy").write_bytes((bad / "vectors.npy").read_bytes()[:200])
        name = bad.name
    time.sleep(0.01)  # a new pointer mtime, as an ingest's swap gives
    (index / "CURRENT.tmp").write_text(name)
    (index / "CURRENT.tmp").replace(index / "CURRENT")

    for _ in range(2):  # refused once, not retried on every request
        r = client.post("/api/chat", json=QUESTION)
        assert r.status_code == 200 and "Digital Partner of Record" in r.json()["answer"]
    health = client.get("/healthz")
    assert health.status_code == 503
    body = health.json()
    assert body["index"]["ok"] is False and body["index"]["build"] == serving
    assert "refused" in body["index"]["detail"] and body["database"]["ok"] is True


def test_a_good_build_after_a_damaged_one_is_picked_up(own_index_assistant, make_settings, tmp_path, fake_encoder):
    from assistant.ingest import ingest
    from index.store import IndexStore

    assistant, settings = own_index_assistant
    client = _client(assistant, make_settings, tmp_path)
    index = settings.index_dir
    time.sleep(0.01)
    (index / "CURRENT").write_text("no-such-build")
    assert client.post("/api/chat", json=QUESTION).status_code == 200
    assert client.get("/healthz").status_code == 503
    ingest(IndexStore(index), fake_encoder)
    assert client.get("/healthz").status_code == 200
