"""Chat, streaming and feedback API: the Answer shape, SSE events, validation, stored feedback."""
from __future__ import annotations

import json

from assistant.web.stream import sentences


def parse_sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        name = next(line[6:].strip() for line in lines if line.startswith("event:"))
        data = json.loads("".join(line[5:].strip() for line in lines if line.startswith("data:")))
        events.append((name, data))
    return events


def test_chat_returns_the_answer_shape_and_keeps_the_session(make_client):
    client = make_client()
    r = client.post("/api/chat", json={"message": "What does DPOR stand for?"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"answer", "citations", "figures", "tool", "eligible", "abstained", "session_id"}
    assert body["citations"] and "Digital Partner of Record" in body["answer"]
    again = client.post("/api/chat", json={"message": "And PAL?", "session_id": body["session_id"]})
    assert again.json()["session_id"] == body["session_id"]


def test_chat_rejects_empty_and_oversized_messages(make_client, isolated_assistant):
    client = make_client()
    r = client.post("/api/chat", json={"message": "   "})
    assert r.status_code == 422 and "empty" in r.json()["error"]
    too_long = isolated_assistant.settings.max_message_chars + 1
    r = client.post("/api/chat", json={"message": "x" * too_long})
    assert r.status_code == 422 and "limit" in r.json()["error"]
    r = client.post("/api/chat", json={})
    assert r.status_code == 422 and "message" in r.json()["error"]


def test_stream_sends_tokens_then_meta_then_the_whole_answer(make_client, isolated_assistant):
    client = make_client()
    r = client.post("/api/chat/stream", json={"message": "What is the co-op usage threshold?"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(r.text)
    names = [n for n, _ in events]
    assert names[-2:] == ["meta", "final"] and set(names[:-2]) == {"token"}
    final = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "token") == final["answer"]
    assert final["citations"] and final["session_id"]
    meta = events[-2][1]
    assert meta["session_id"] == final["session_id"]
    history = isolated_assistant.storage.history(isolated_assistant.session_id_of(final["session_id"]))
    assert history[-1]["id"] == meta["message_id"] and history[-1]["role"] == "assistant"


def test_stream_reports_errors_as_an_error_event(make_client):
    r = make_client().post("/api/chat/stream", json={"message": ""})
    assert r.status_code == 200
    [(name, data)] = parse_sse(r.text)
    assert name == "error" and "empty" in data["error"]


def test_sentences_split_keeps_every_character():
    text = "The rate is 4% [1]. Co-op is 40%! Next?\n\nNew paragraph [2] here."
    parts = sentences(text)
    assert "".join(parts) == text and len(parts) >= 4


def test_feedback_is_stored_with_the_question_it_refers_to(make_client, isolated_assistant):
    client = make_client()
    r = client.post("/api/chat/stream", json={"message": "What does DPOR stand for?"})
    meta = [d for n, d in parse_sse(r.text) if n == "meta"][0]
    r = client.post("/api/feedback", json={"session_id": meta["session_id"], "message_id": meta["message_id"],
                                           "helpful": False, "comment": "  Missing the PAL link  "})
    assert r.status_code == 200 and r.json()["status"] == "recorded"
    [fb] = isolated_assistant.storage.list_feedback()
    assert fb["helpful"] is False and fb["comment"] == "Missing the PAL link"
    assert fb["question"] == "What does DPOR stand for?" and fb["channel"] == "web"


def test_feedback_rejects_empty_bodies_and_huge_comments(make_client, isolated_assistant):
    client = make_client()
    r = client.post("/api/feedback", json={})
    assert r.status_code == 422 and "helpful" in r.json()["error"]
    r = client.post("/api/feedback", content=b"", headers={"content-type": "application/json"})
    assert r.status_code == 422
    r = client.post("/api/feedback", json={"helpful": True, "comment": "x" * 5000})
    assert r.status_code == 422 and "at most 2000" in r.json()["error"]
    assert isolated_assistant.storage.list_feedback() == []


def test_metrics_count_requests_answers_and_latency(make_client):
    client = make_client()
    client.post("/api/chat", json={"message": "What does DPOR stand for?"})
    client.post("/api/chat", json={"message": ""})
    text = client.get("/metrics").text
    assert 'csp_http_requests_total{method="POST",route="/api/chat",status="200"} 1' in text
    assert 'csp_http_requests_total{method="POST",route="/api/chat",status="422"} 1' in text
    assert 'csp_answers_total{channel="web"' in text
    assert 'csp_request_duration_seconds_count{route="/api/chat"} 2' in text
    assert "# TYPE csp_abstentions_total counter" in text
