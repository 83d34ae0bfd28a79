"""Shared fixtures: settings pointed at tmp dirs, and assistants over the bundled corpus."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.settings import Settings  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """No test reads the developer's CSP_* variables or writes to ./.csp-data."""
    for key in list(os.environ):
        if key.startswith("CSP_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("CSP_DATA_DIR", str(tmp_path / "csp-data"))


@pytest.fixture
def make_settings():
    def make(tmp_path, **overrides) -> Settings:
        return Settings(data_dir=tmp_path, **overrides)

    return make


def _build_assistant(folder, encoder, model_name):
    from assistant.core import Assistant
    from assistant.ingest import ingest
    from index.store import IndexStore

    settings = Settings(data_dir=folder, embedding_model=model_name)
    ingest(IndexStore(settings.index_dir), encoder)
    return Assistant.from_settings(settings, encoder=encoder)


@pytest.fixture(scope="session")
def fake_encoder():
    from index.encoder import FakeEncoder

    return FakeEncoder()


@pytest.fixture(scope="session")
def fake_assistant(tmp_path_factory, fake_encoder):
    """An Assistant over the bundled corpus with the model-free encoder (fast, deterministic)."""
    return _build_assistant(tmp_path_factory.mktemp("fake-assistant"), fake_encoder, fake_encoder.name)


@pytest.fixture(scope="session")
def real_encoder():
    from index.encoder import PACKAGED_MODEL, SentenceTransformerEncoder

    return SentenceTransformerEncoder(PACKAGED_MODEL)


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory, real_encoder):
    """An Assistant over the bundled corpus with the packaged model, built once per test run."""
    return _build_assistant(tmp_path_factory.mktemp("real-assistant"), real_encoder, real_encoder.name)
