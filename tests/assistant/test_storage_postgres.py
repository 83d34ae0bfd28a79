"""The same storage on PostgreSQL: what several replicas would share. Runs a throwaway server."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from assistant.storage import Storage


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found if isinstance(found, str) else (found[-1] if found else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries are not installed (Debian package postgresql)")
    # Not under pytest's tmp dir: its parents are private to root, and the server runs as another user.
    folder = Path(tempfile.mkdtemp(prefix="csp-pg-"))
    data = folder / "data"
    # PostgreSQL refuses to run as root; run it as an unprivileged user that owns the folder.
    as_user: list[str] = []
    user = os.environ.get("USER", "postgres")
    if os.geteuid() == 0:
        user = "nobody"
        shutil.chown(folder, user=user)
        os.chmod(folder, 0o700)
        as_user = ["runuser", "-u", user, "--"]
    port = _free_port()
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", user], check=True,
                   capture_output=True)
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-t", "60", "-o",
                    f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"], check=True,
                   capture_output=True)
    try:
        yield f"postgresql+psycopg://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def test_sessions_feedback_and_gaps_survive_a_new_connection(postgres_url):
    first = Storage(postgres_url)
    sid, state, version = first.open_session(None, "web", "a" * 32)
    assert state == {} and version == 0
    first.record_turn(sid, "How much on $50k O365?", {"answer": "$2,000.00 [1]"},
                      {"last_tool": "payout", "last_inputs": {"lines": {"o365": "50000"}}})
    first.record_turn(sid, "What rate does Windows 365 earn?", {"answer": "not listed"}, {"last_kind": "fact"},
                      ("product without a listed rate", "not listed"), version=1)
    first.add_feedback(False, "Wrong rate", sid, None, "How much on $50k O365?")
    first.engine.dispose()

    again = Storage(postgres_url)  # a second replica, or the same one after a restart
    assert again.open_session(sid, "web", "b" * 32)[1]["last_kind"] == "fact"
    assert [m["role"] for m in again.history(sid)] == ["user", "assistant", "user", "assistant"]
    assert again.list_unanswered()[0]["topic"] == "product without a listed rate"
    assert again.list_feedback()[0]["comment"] == "Wrong rate"


def test_a_slack_event_is_claimed_once_across_replicas(postgres_url):
    one, two = Storage(postgres_url), Storage(postgres_url)
    event = f"Ev{time.time_ns()}"
    assert one.claim_slack_event(event) is True
    assert two.claim_slack_event(event) is False


def test_hostile_inputs_on_postgresql(postgres_url, fake_assistant, make_settings, tmp_path):
    """NUL characters, lone surrogates, ids over the column length or 2**31: 4xx or an answer, never DataError."""
    import copy

    from fastapi.testclient import TestClient

    from assistant.web.app import create_app
    from tests.security.hostile_inputs import check_hostile_inputs

    assistant = copy.copy(fake_assistant)
    assistant.storage = Storage(postgres_url)
    with assistant.storage.engine.begin() as conn:  # this test reads back only its own feedback
        conn.exec_driver_sql("DELETE FROM feedback")
    client = TestClient(create_app(make_settings(tmp_path), assistant=assistant), base_url="https://testserver")
    check_hostile_inputs(client, assistant.storage)
    # Slack ids longer than the columns are hashed, not refused by the database.
    assert assistant.storage.claim_slack_event("Ev" + "9" * 500) is True
    assert assistant.storage.claim_slack_event("Ev" + "9" * 500) is False


def test_the_rate_limit_table_is_shared_on_postgresql(postgres_url):
    from assistant.web.ratelimit import DatabaseLimiter

    one, two = DatabaseLimiter(Storage(postgres_url).engine), DatabaseLimiter(Storage(postgres_url).engine)
    key = f"chat:{time.time_ns()}"
    waits = [one.hit(key, 2, 3600), two.hit(key, 2, 3600), one.hit(key, 2, 3600)]
    assert waits[:2] == [None, None] and waits[2] is not None and waits[2] > 0


def test_values_past_the_column_bounds_never_reach_postgresql(postgres_url):
    storage = Storage(postgres_url)
    sid, state, _ = storage.open_session("slack:" + "C" * 200, "slack", f"slack:{time.time_ns()}")
    assert len(sid) <= 64 and state == {}
    assert storage.answer_in_session(2**63, sid) is False and storage.question_for(2**31) == ""
    assert storage.login_active("x" * 500) is False
    storage.revoke_login("x" * 500)
