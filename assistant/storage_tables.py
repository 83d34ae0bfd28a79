"""The database tables behind assistant.storage, and the additive migrations older databases get."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, inspect, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Column bounds the code checks before writing, so PostgreSQL never sees a value it would refuse.
SESSION_ID_CHARS = 64
EVENT_ID_CHARS = 128
MAX_ROW_ID = 2**31 - 1  # INTEGER primary keys on PostgreSQL are 32-bit


def now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class ChatSession(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(SESSION_ID_CHARS), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), default="web")
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    # Bumped by every stored turn: a turn computed from an older state is not stored over a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # user | assistant
    text: Mapped[str] = mapped_column(Text)
    answer: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Feedback(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(String(SESSION_ID_CHARS), index=True, nullable=True)
    message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    question: Mapped[str] = mapped_column(Text, default="")
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="web")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Unanswered(Base):
    __tablename__ = "unanswered"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(String(SESSION_ID_CHARS), nullable=True)
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(64), default="other")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class SlackEvent(Base):
    """A Slack delivery being answered (answered_at null) or answered; retries dedupe on it."""

    __tablename__ = "slack_events"
    event_id: Mapped[str] = mapped_column(String(EVENT_ID_CHARS), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class InternalLogin(Base):
    """A signed-in browser on the internal pages; logout revokes it for every replica."""

    __tablename__ = "internal_logins"
    id: Mapped[str] = mapped_column(String(SESSION_ID_CHARS), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


def add_missing_columns(engine) -> None:
    # Databases created before a column existed get it added; create_all only makes new tables.
    inspector = inspect(engine)
    wanted = {"sessions": ("version", "INTEGER NOT NULL DEFAULT 0"),
              "slack_events": ("answered_at", "TIMESTAMP NULL")}
    for table, (column, ddl) in wanted.items():
        if column not in {c["name"] for c in inspector.get_columns(table)}:
            with engine.begin() as conn:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}"))
