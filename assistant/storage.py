"""State that must survive a restart: sessions, messages, feedback, unanswered questions, Slack event ids."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (JSON, Boolean, DateTime, ForeignKey, Integer, String, Text,
                        create_engine, event, inspect, select, text, update)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class ChatSession(Base):
    __tablename__ = "sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), default="web")
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    # Bumped by every stored turn: a turn computed from an older state is not stored over a newer one.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # user | assistant
    text: Mapped[str] = mapped_column(Text)
    answer: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Feedback(Base):
    __tablename__ = "feedback"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    question: Mapped[str] = mapped_column(Text, default="")
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="web")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class Unanswered(Base):
    __tablename__ = "unanswered"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(64), default="other")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class SlackEvent(Base):
    __tablename__ = "slack_events"
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL lets readers run beside the writer; NORMAL sync survives a process crash, one fsync per commit less.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


class ConcurrentTurnError(RuntimeError):
    """Another turn of the same session was stored while this one was being answered."""


def _add_missing_columns(engine) -> None:
    # Databases created before a column existed get it added; create_all only makes new tables.
    columns = {c["name"] for c in inspect(engine).get_columns("sessions")}
    if "version" not in columns:
        with engine.begin() as conn:
            conn.execute(text("ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 0"))


class Storage:
    """A thin repository over SQLAlchemy; SQLite by default, any SQLAlchemy URL otherwise."""

    def __init__(self, url: str):
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        kwargs = {"connect_args": {"check_same_thread": False}} if url.startswith("sqlite") else {}
        self.engine = create_engine(url, pool_pre_ping=True, **kwargs)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        _add_missing_columns(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _db(self) -> Session:
        return self._sessions()

    # sessions
    def open_session(self, session_id: str | None, channel: str, new_id: str) -> tuple[str, dict, int]:
        """(id, remembered state, version) of the session to continue, or of a new one.

        An existing session is continued only from the channel that created it; anything else
        (no id, an unknown id, another channel's session) starts a new session named `new_id`.
        """
        with self._db() as db, db.begin():
            row = db.get(ChatSession, session_id) if session_id else None
            if row is not None and row.channel == channel:
                return row.id, dict(row.state or {}), row.version
            db.add(ChatSession(id=new_id, channel=channel, state={}, version=0))
            return new_id, {}, 0

    def record_turn(self, session_id: str, question: str, answer: dict, state: dict,
                    unanswered: tuple[str, str] | None = None, version: int | None = None) -> int:
        """Store question, answer, new state (and the gap, if abstained) atomically; returns the answer's id.

        With `version`, the state is stored only if no other turn was stored since it was read;
        otherwise nothing is written and ConcurrentTurnError is raised.
        """
        with self._db() as db, db.begin():
            where = [ChatSession.id == session_id]
            if version is not None:
                where.append(ChatSession.version == version)
            changed = db.execute(
                update(ChatSession).where(*where).values(
                    state=json.loads(json.dumps(state, default=str)), updated_at=_now(),
                    version=ChatSession.version + 1)
            ).rowcount
            if version is not None and not changed:
                raise ConcurrentTurnError(session_id)
            db.add(Message(session_id=session_id, role="user", text=question))
            msg = Message(session_id=session_id, role="assistant", text=answer.get("answer", ""), answer=answer)
            db.add(msg)
            if unanswered:
                db.add(Unanswered(question=question, topic=unanswered[0], reason=unanswered[1],
                                  session_id=session_id))
            db.flush()
            return msg.id

    def history(self, session_id: str, limit: int = 100) -> list[dict]:
        with self._db() as db:
            rows = db.scalars(
                select(Message).where(Message.session_id == session_id).order_by(Message.id).limit(limit)
            ).all()
            return [
                {"id": r.id, "role": r.role, "text": r.text, "answer": r.answer,
                 "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in rows
            ]

    def answer_in_session(self, message_id: int, session_id: str) -> bool:
        """True when `message_id` is an assistant answer of `session_id`."""
        with self._db() as db:
            msg = db.get(Message, message_id)
            return msg is not None and msg.session_id == session_id and msg.role == "assistant"

    def question_for(self, message_id: int) -> str:
        """The user message an assistant message answered ("" when unknown)."""
        with self._db() as db:
            msg = db.get(Message, message_id)
            if msg is None:
                return ""
            text = db.scalar(select(Message.text).where(Message.session_id == msg.session_id,
                                                        Message.role == "user", Message.id < msg.id)
                             .order_by(Message.id.desc()).limit(1))
            return text or ""

    # feedback and gaps
    def add_feedback(self, helpful: bool, comment: str = "", session_id: str | None = None,
                     message_id: int | None = None, question: str = "", channel: str = "web") -> int:
        with self._db() as db, db.begin():
            fb = Feedback(helpful=helpful, comment=comment, session_id=session_id,
                          message_id=message_id, question=question, channel=channel)
            db.add(fb)
            db.flush()
            return fb.id

    def list_feedback(self, limit: int = 200) -> list[dict]:
        with self._db() as db:
            rows = db.scalars(select(Feedback).order_by(Feedback.id.desc()).limit(limit)).all()
            return [
                {"id": r.id, "session_id": r.session_id, "message_id": r.message_id,
                 "question": r.question, "helpful": r.helpful, "comment": r.comment,
                 "channel": r.channel, "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in rows
            ]

    def add_unanswered(self, question: str, topic: str, reason: str = "",
                       session_id: str | None = None) -> None:
        with self._db() as db, db.begin():
            db.add(Unanswered(question=question, topic=topic, reason=reason, session_id=session_id))

    def list_unanswered(self, limit: int = 500) -> list[dict]:
        with self._db() as db:
            rows = db.scalars(select(Unanswered).order_by(Unanswered.id.desc()).limit(limit)).all()
            return [
                {"id": r.id, "question": r.question, "topic": r.topic, "reason": r.reason,
                 "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in rows
            ]

    # Slack idempotency
    def claim_slack_event(self, event_id: str) -> bool:
        """True the first time an event id is seen; False for every repeat (retries, replays)."""
        try:
            with self._db() as db, db.begin():
                db.add(SlackEvent(event_id=event_id))
            return True
        except IntegrityError:
            return False
