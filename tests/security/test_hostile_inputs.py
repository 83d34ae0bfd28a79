"""Lone surrogates, NUL characters and out-of-range ids never cause a 500 (SQLite; see also
tests/assistant/test_storage_postgres.py for the same checks on PostgreSQL)."""
from __future__ import annotations

import json

import pytest

from assistant.textnorm import normalize_text
from tests.security.hostile_inputs import check_hostile_inputs


def test_hostile_inputs_on_sqlite(make_client, isolated_assistant):
    check_hostile_inputs(make_client(), isolated_assistant.storage)


@pytest.mark.parametrize("raw,clean", [("\ud800x", "x"), ("a\x00b", "ab"), ("cafe\u0301", "caf\u00e9"),
                                       ("\udfff\ud800", ""), ("plain", "plain")])
def test_normalize_text(raw, clean):
    assert normalize_text(raw) == clean
    normalize_text(raw).encode("utf-8")  # always encodable


def test_the_stream_route_cleans_the_message_too(make_client):
    body = json.dumps({"message": "What does DPOR\ud800 stand for?"})
    r = make_client().post("/api/chat/stream", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200 and "event: final" in r.text and "Digital Partner of Record" in r.text
