"""POST /api/chat and /healthz over the real model and bundled corpus."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.web.app import create_app


@pytest.fixture(scope="module")
def client(real_assistant):
    return TestClient(create_app(real_assistant.settings, assistant=real_assistant))


@pytest.mark.model
def test_dpor_is_answered_with_a_cited_glossary_passage(client):
    body = client.post("/api/chat", json={"message": "What does DPOR stand for?", "session_id": None}).json()
    assert "Digital Partner of Record" in body["answer"]
    assert body["abstained"] is False and body["session_id"]
    first = body["citations"][0]
    assert first["n"] == 1 and first["doc_id"] == "terms" and "DPOR" in first["section"]
    assert "Digital Partner of Record" in first["text"]


@pytest.mark.model
def test_unknown_topic_abstains_and_shows_nearest_passages(client):
    body = client.post("/api/chat", json={"message": "What incentive rate does Windows 365 earn?"}).json()
    assert body["abstained"] is True
    assert "no incentive rate for Windows 365" in body["answer"] and body["citations"]


@pytest.mark.model
def test_empty_and_huge_messages_are_rejected_with_a_reason(client):
    empty = client.post("/api/chat", json={"message": "  "})
    assert empty.status_code == 422 and "empty" in empty.json()["error"]
    huge = client.post("/api/chat", json={"message": "x" * 50_000})
    assert huge.status_code == 422 and "limit" in huge.json()["error"]


@pytest.mark.model
def test_healthz_reports_the_loaded_index(client):
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["passages"] > 50
