"""Inputs that used to reach the tokenizer or the database raw; shared by the SQLite and PostgreSQL runs."""
from __future__ import annotations

import json

LONE_SURROGATE = "\ud800"
NUL = "\x00"


class _Raw:
    """Sends JSON as a hostile client would: escapes such as \\ud800 as written, not re-encoded."""

    def __init__(self, client):
        self.client = client

    def post(self, path: str, json: dict):
        return self.client.post(path, content=_dumps(json), headers={"content-type": "application/json"})


def _dumps(body: dict) -> bytes:
    return json.dumps(body).encode("ascii")  # ensure_ascii: lone surrogates travel as \ud800


def check_hostile_inputs(client, storage) -> None:
    """Each hostile input gets an answer or a clear 4xx, never a 5xx, on whatever database backs `client`."""
    client = _Raw(client)
    # A lone surrogate or NUL inside the message: removed before answering and storing.
    for junk in (LONE_SURROGATE, NUL, "e\u0301"):
        r = client.post("/api/chat", json={"message": f"What does DPOR{junk} stand for?"})
        assert r.status_code == 200, r.text
        body = r.json()
        assert "Digital Partner of Record" in body["answer"]
        stored = storage.history(body["session_id"].split(".")[0])
        assert NUL not in stored[0]["text"] and LONE_SURROGATE not in stored[0]["text"]
    first = client.post("/api/chat", json={"message": "What does DPOR stand for?"}).json()
    # In the session id: no such session, so a new conversation starts.
    for sid in (LONE_SURROGATE, NUL * 10, "a" * 100, first["session_id"] + NUL):
        r = client.post("/api/chat", json={"message": "What does DPOR stand for?", "session_id": sid})
        assert r.status_code == 200, r.text
    # Past the configured limit: refused plainly, not looked up.
    r = client.post("/api/chat", json={"message": "What does DPOR stand for?", "session_id": "a" * 200})
    assert r.status_code == 422 and "session_id" in r.json()["error"]
    # In feedback: the comment is cleaned and stored; bad ids are refused by their bounds.
    r = client.post("/api/feedback", json={"helpful": False, "session_id": first["session_id"],
                                           "message_id": first["message_id"],
                                           "comment": f"wrong{LONE_SURROGATE}{NUL} rate"})
    assert r.status_code == 200, r.text
    assert storage.list_feedback()[0]["comment"] == "wrong rate"
    for bad in (2**63, 2**31, 0, -1):
        r = client.post("/api/feedback", json={"helpful": True, "session_id": first["session_id"],
                                               "message_id": bad})
        assert r.status_code == 422, (bad, r.text)
    # A session id that is nothing once cleaned is no session: anonymous feedback, as without one.
    r = client.post("/api/feedback", json={"helpful": True, "session_id": LONE_SURROGATE + NUL})
    assert r.status_code == 200 and storage.list_feedback()[0]["session_id"] is None
    r = client.post("/api/feedback", json={"helpful": True, "session_id": "x" * 100})
    assert r.status_code == 404
