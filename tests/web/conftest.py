"""Web fixtures: an app per test over the bundled corpus, with its own database."""
from __future__ import annotations

import copy
import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.storage import Storage
from assistant.web.app import create_app

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def isolated_assistant(fake_assistant, tmp_path):
    """The shared fake-encoder assistant, but writing to a database of this test's own."""
    clone = copy.copy(fake_assistant)
    clone.storage = Storage(f"sqlite:///{tmp_path / 'web.db'}")
    return clone


@pytest.fixture
def make_client(isolated_assistant, make_settings, tmp_path):
    """make_client(**settings) -> TestClient on https://testserver (so Secure cookies are sent)."""
    clients: list[TestClient] = []

    def make(assistant=None, **overrides) -> TestClient:
        settings = make_settings(tmp_path, **overrides)
        client = TestClient(create_app(settings, assistant=assistant or isolated_assistant),
                            base_url="https://testserver")
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.close()


def write_xss_corpus(folder: Path) -> Path:
    """A tiny forum thread whose text carries markup that must never execute."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xss-thread.md").write_text(f"""---
title: Rebate timing question {XSS}
kind: forum
program: CSP co-op
effective_from: 2021-10-01
accepted_answer: 1
---
## Question
Posted by: Visitor (partner)
When is the rebate paid for the zanzibar programme? {XSS}

## Answer 1 (accepted)
Posted by: Community Manager
The zanzibar rebate is paid monthly {XSS} after the earning period closes.
""", encoding="utf-8")
    return folder


@pytest.fixture
def xss_assistant(fake_encoder, tmp_path):
    """An assistant over one forum thread containing an HTML payload."""
    from assistant.core import Assistant
    from assistant.ingest import ingest
    from assistant.settings import Settings
    from index.store import IndexStore

    settings = Settings(data_dir=tmp_path / "xss-data", embedding_model=fake_encoder.name)
    ingest(IndexStore(settings.index_dir), fake_encoder, [write_xss_corpus(tmp_path / "xss-docs")],
           bundled=False)
    return Assistant.from_settings(settings, encoder=fake_encoder)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerThread:
    """Run an ASGI app with uvicorn on 127.0.0.1 in a thread (for the browser tests)."""

    def __init__(self, app, port: int | None = None):
        import uvicorn

        self.port = port or free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 30
        while not self.server.started:
            if time.time() > deadline or not self.thread.is_alive():
                raise RuntimeError("test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def run_server():
    """run_server(asgi_app) -> base URL of the app served on 127.0.0.1; stopped after the test."""
    servers: list[ServerThread] = []

    def start(app) -> str:
        server = ServerThread(app).__enter__()
        servers.append(server)
        return server.url

    yield start
    for s in servers:
        s.__exit__(None, None, None)


@pytest.fixture
def linked_assistant(fake_encoder, tmp_path):
    """An assistant over one guide whose front matter gives the original's web address."""
    from assistant.core import Assistant
    from assistant.ingest import ingest
    from assistant.settings import Settings
    from index.store import IndexStore

    folder = tmp_path / "linked-docs"
    folder.mkdir()
    (folder / "zanzibar.md").write_text("""---
title: Zanzibar Programme Guide
kind: guide
url: https://partners.example/guides/zanzibar
---
# Zanzibar Programme Guide
## Payment timing
The zanzibar rebate is paid monthly after the earning period closes. Claims open on the fifth day.
""", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "linked-data", embedding_model=fake_encoder.name)
    ingest(IndexStore(settings.index_dir), fake_encoder, [folder], bundled=False)
    return Assistant.from_settings(settings, encoder=fake_encoder)
