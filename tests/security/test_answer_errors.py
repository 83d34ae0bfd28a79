"""No traceback and no 500 reaches a user when answer() fails: 422 for unreadable input, 503 otherwise."""
from __future__ import annotations

import decimal
import json
import logging

import pytest
from click.testing import CliRunner

HUGE = "How much on 99999999999999999999999999999k of Office 365?"


def test_an_absurd_amount_is_an_input_problem_not_a_500(make_client):
    r = make_client().post("/api/chat", json={"message": HUGE})
    assert r.status_code in (200, 422)
    if r.status_code == 422:
        assert "Rephrase" in r.json()["error"] and "Traceback" not in r.text


@pytest.mark.parametrize("exc,status", [(decimal.InvalidOperation([decimal.ConversionSyntax]), 422),
                                        (OverflowError("int too large"), 422),
                                        (RuntimeError("index exploded at /srv/x"), 503),
                                        (KeyError("boom"), 503)])
def test_any_failure_inside_answer_becomes_a_clear_error(make_client, isolated_assistant, monkeypatch,
                                                         caplog, exc, status):
    def broken(*args, **kwargs):
        raise exc

    monkeypatch.setattr(isolated_assistant, "answer", broken)
    client = make_client()
    r = client.post("/api/chat", json={"message": "private question about 42 seats"})
    assert r.status_code == status
    assert set(r.json()) == {"error"} and "/srv/x" not in r.text and "Traceback" not in r.text
    stream = client.post("/api/chat/stream", json={"message": "private question about 42 seats"})
    assert stream.status_code == 200 and stream.text.startswith("event: error")
    assert "private question" not in caplog.text  # the failure is logged, the user's words are not


def test_the_cli_prints_one_line_instead_of_a_traceback(fake_assistant, monkeypatch):
    from assistant.cli import main
    from assistant.commands import chat

    def broken(*args, **kwargs):
        raise decimal.InvalidOperation([decimal.ConversionSyntax])

    monkeypatch.setattr(chat, "load_assistant", lambda cfg: fake_assistant)
    monkeypatch.setattr(fake_assistant, "answer", broken)
    result = CliRunner().invoke(main, ["ask", HUGE])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Could not read a number" in result.output

    monkeypatch.setattr(fake_assistant, "answer", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("x")))
    result = CliRunner().invoke(main, ["ask", "What is PAL?"])
    assert result.exit_code == 1 and "could not answer (RuntimeError)" in result.output


def test_one_json_access_line_per_request_without_message_text(make_client, caplog):
    caplog.set_level(logging.INFO, logger="csp.access")
    client = make_client(internal_token="s3cret-internal-token")
    client.post("/api/chat", json={"message": "How much incentive on $50k of Office 365 for Contoso?"})
    client.get("/api/faq/search", params={"q": "x"}, headers={"Authorization": "Bearer s3cret-internal-token"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "csp.access"]
    assert [(x["route"], x["status"]) for x in lines] == [("/api/chat", 200), ("/api/faq/search", 200)]
    chat = lines[0]
    assert chat["tool"] == "payout" and chat["abstained"] is False and chat["latency_ms"] >= 0
    assert "Contoso" not in caplog.text and "s3cret" not in caplog.text
