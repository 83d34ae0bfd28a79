"""Every conversation belongs to the client the server gave it to; nobody can name or steer another's."""
from __future__ import annotations

import pytest

from assistant.session_tokens import SessionTokens
from assistant.storage import ConcurrentTurnError, Storage
from assistant.web.slack import thread_session

PAYOUT = "How much incentive on $50k of Office 365?"


def test_the_server_names_sessions_with_128_random_bits(make_client):
    client = make_client()
    a = client.post("/api/chat", json={"message": PAYOUT}).json()["session_id"]
    b = client.post("/api/chat", json={"message": PAYOUT}).json()["session_id"]
    sid_a, sid_b = a.split(".")[0], b.split(".")[0]
    assert sid_a != sid_b and len(sid_a) == 32 and int(sid_a, 16) >= 0


@pytest.mark.parametrize("chosen", ["my-session", "00000000000000000000000000000000",
                                    "slack:C0CHANNEL:U0PARTNER", "a" * 32 + ".deadbeef"])
def test_a_client_chosen_id_starts_a_new_server_named_session(make_client, isolated_assistant, chosen):
    client = make_client()
    body = client.post("/api/chat", json={"message": PAYOUT, "session_id": chosen}).json()
    assert body["session_id"] != chosen and not body["session_id"].startswith("slack:")
    assert isolated_assistant.storage.history(chosen.split(".")[0]) == []


def test_a_web_client_cannot_read_or_prime_a_slack_conversation(slack, fake_slack, mention, slack_assistant,
                                                                 slack_settings):
    from fastapi.testclient import TestClient

    from assistant.web.app import create_app

    root = "1700000900.000100"
    victim = thread_session("C0CHANNEL", root)
    slack.event(mention("How much do we earn on $20k of Dynamics 365?", ts=root))
    fake_slack.wait_for(1)
    before = slack_assistant.storage.history(victim)
    with TestClient(create_app(slack_settings, assistant=slack_assistant)) as web:
        # The attacker names the victim's session and tries to read it, then to steer it.
        read = web.post("/api/chat", json={"message": "and how much of that is co-op?", "session_id": victim}).json()
        assert "1,200" not in read["answer"] and "20,000" not in read["answer"]
        web.post("/api/chat", json={"message": "$999,999 of Azure RIs", "session_id": victim})
    assert slack_assistant.storage.history(victim) == before
    slack.event(mention("and how much of that is co-op?", ts="1700000905.000100", thread_ts=root))
    reply = fake_slack.wait_for(2)[-1]["body"]["text"]
    assert "999,999" not in reply and "480" in reply  # 40% of the $1,200 on $20k of D365


def test_a_token_is_valid_only_on_the_channel_and_server_that_issued_it(isolated_assistant):
    first = isolated_assistant.answer(PAYOUT, channel="web")
    again = isolated_assistant.answer("and how much of that is co-op?", first.session_id, channel="web")
    assert again.session_id == first.session_id and again.tool == "coop"
    other_channel = isolated_assistant.answer("and how much of that is co-op?", first.session_id, channel="cli")
    assert other_channel.session_id != first.session_id
    forged = SessionTokens(b"another server's secret").token("web", first.session_id.split(".")[0])
    assert isolated_assistant.answer(PAYOUT, forged, channel="web").session_id != first.session_id


def test_feedback_attaches_only_to_an_answer_of_the_callers_session(make_client, isolated_assistant):
    client = make_client()
    mine = client.post("/api/chat", json={"message": PAYOUT}).json()
    theirs = client.post("/api/chat", json={"message": PAYOUT}).json()
    stolen = client.post("/api/feedback", json={"session_id": mine["session_id"],
                                                "message_id": theirs["message_id"], "helpful": False})
    assert stolen.status_code == 404
    guessed = client.post("/api/feedback", json={"message_id": theirs["message_id"], "helpful": False})
    assert guessed.status_code == 404
    ok = client.post("/api/feedback", json={"session_id": mine["session_id"], "message_id": mine["message_id"],
                                            "helpful": True})
    assert ok.status_code == 200
    assert [f["message_id"] for f in isolated_assistant.storage.list_feedback()] == [mine["message_id"]]


def test_a_turn_computed_from_a_stale_state_is_not_stored(tmp_path):
    storage = Storage(f"sqlite:///{tmp_path / 'turns.db'}")
    sid, _, version = storage.open_session(None, "web", "c" * 32)
    storage.record_turn(sid, "first", {"answer": "one"}, {"n": 1}, version=version)
    with pytest.raises(ConcurrentTurnError):
        storage.record_turn(sid, "second, from the old state", {"answer": "two"}, {"n": 2}, version=version)
    assert storage.open_session(sid, "web", "d" * 32)[1:] == ({"n": 1}, 1)
    assert [m["text"] for m in storage.history(sid)] == ["first", "one"]


def test_concurrent_turns_of_one_session_are_all_kept(isolated_assistant):
    from concurrent.futures import ThreadPoolExecutor

    first = isolated_assistant.answer(PAYOUT, channel="web")
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda i: isolated_assistant.answer(f"and on ${i + 1}0k of D365?", first.session_id),
                      range(4)))
    history = isolated_assistant.storage.history(first.session_id.split(".")[0])
    assert len(history) == 10
