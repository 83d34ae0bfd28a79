"""State that must survive a restart: sessions, messages, feedback, unanswered questions, Slack event ids.

Answering needs no database, so a database fault never stops an answer: a turn that cannot be
stored is answered anyway (its `message_id` is None) and logged; reads and writes whose result
the caller needs raise StorageUnavailable, which the web edge turns into a 503. A SQLite file
that disappears is recreated on the next call instead of swallowing writes.
"""
from __future__ import annotations

import json
import logging
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import bindparam, create_engine, event, insert, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from assistant.storage_housekeeping import Housekeeping
from assistant.storage_tables import (MAX_ROW_ID, SESSION_ID_CHARS, Base, ChatSession, Feedback, Message,
                                      Unanswered, add_missing_columns, now)

__all__ = ["Storage", "StorageUnavailable", "ConcurrentTurnError", "Base"]
log = logging.getLogger(__name__)
SESSIONS, MESSAGES, UNANSWERED = ChatSession.__table__, Message.__table__, Unanswered.__table__
# A turn's statements, built once: each call only binds its values.
_READ_SESSION = select(SESSIONS.c.id, SESSIONS.c.channel, SESSIONS.c.state, SESSIONS.c.version).where(
    SESSIONS.c.id == bindparam("sid"))
_NEW_SESSION = insert(SESSIONS)
_STORE_STATE = update(SESSIONS).where(SESSIONS.c.id == bindparam("sid")).values(
    state=bindparam("new_state"), updated_at=bindparam("at"), version=SESSIONS.c.version + 1)
_STORE_STATE_IF = _STORE_STATE.where(SESSIONS.c.version == bindparam("seen"))
_ADD_MESSAGE = insert(MESSAGES)
_ADD_UNANSWERED = insert(UNANSWERED)


class ConcurrentTurnError(RuntimeError):
    """Another turn of the same session was stored while this one was being answered."""


class StorageUnavailable(RuntimeError):
    """The database cannot be read or written just now (missing, read-only, locked, unreachable)."""


def _describe(exc: BaseException) -> str:
    # The driver's own message, first line only: never the statement's parameters (user text).
    orig = getattr(exc, "orig", None) or exc
    first = (str(orig).strip().splitlines() or [""])[0]
    return f"{type(orig).__name__}: {first[:200]}"


def _sqlite_file(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").removeprefix("file:").split("?")[0]
    return Path(path) if path and path != ":memory:" else None


class Storage(Housekeeping):
    """A thin repository over SQLAlchemy; SQLite by default, any SQLAlchemy URL otherwise."""

    def __init__(self, url: str, busy_timeout_ms: int = 5000):
        self._file = _sqlite_file(url)
        if self._file is not None and "mode=ro" not in url:
            self._file.parent.mkdir(parents=True, exist_ok=True)
        sqlite = url.startswith("sqlite")
        kwargs = {"connect_args": {"check_same_thread": False, "uri": "file:" in url}} if sqlite else {}
        # hide_parameters: an error logged by anyone never carries the user's text.
        # A SQLite connection cannot go stale the way a server's can: no ping before every use there.
        self.engine = create_engine(url, pool_pre_ping=not sqlite, hide_parameters=True, **kwargs)
        if sqlite:
            self._busy_ms = busy_timeout_ms
            event.listen(self.engine, "connect", self._sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        add_missing_columns(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reopen = threading.Lock()
        # SQLite takes one writer at a time and makes the others poll (sleeping 1, 2, 5, 10 ms...): the
        # turns of this process queue on a lock instead, each woken the moment the one before commits.
        self._writer = threading.Lock() if self._file is not None else None
        self.last_write_error: str | None = None  # set by a failed write, cleared by the next success

    def _sqlite_pragmas(self, dbapi_conn, _record) -> None:
        # WAL lets readers run beside the writer; NORMAL sync survives a process crash, one fsync per commit less.
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA journal_mode=WAL")
        except Exception:  # a read-only database keeps its journal mode
            pass
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={int(self._busy_ms)}")
        cur.close()

    def _ensure_file(self) -> None:
        """Recreate a SQLite file deleted under us; open connections would write to the deleted inode."""
        if self._file is None or self._file.exists():
            return
        with self._reopen:
            if self._file.exists():
                return
            log.error("database file %s disappeared: recreating it", self._file.name)
            self.engine.dispose()
            self._file.parent.mkdir(parents=True, exist_ok=True)
            Base.metadata.create_all(self.engine)

    @contextmanager
    def _faults(self, write: bool):
        """Database faults come out as StorageUnavailable (IntegrityError and ConcurrentTurnError pass through)."""
        try:
            self._ensure_file()
            yield
        except (IntegrityError, ConcurrentTurnError):
            raise
        except (SQLAlchemyError, OSError) as exc:
            reason = _describe(exc)
            if write:
                self.last_write_error = reason
            log.error("database %s failed: %s", "write" if write else "read", reason)
            self.engine.dispose()  # the next call starts from fresh connections
            raise StorageUnavailable(reason) from exc
        else:
            if write:
                self.last_write_error = None

    @contextmanager
    def _db(self, write: bool = False):
        """An ORM session, with _faults()'s error handling."""
        with self._faults(write), self._sessions() as db:
            yield db

    @contextmanager
    def _conn(self, write: bool = False):
        """One connection in one transaction (committed on leaving), with _faults()'s error handling.

        The turn's own statements go through here, at the SQL level: the ORM's unit of work
        costs more than the statements themselves on this path.
        """
        queued = write and self._writer is not None and self._writer.acquire(timeout=self._busy_ms / 1000)
        try:
            with self._faults(write), self.engine.begin() as conn:
                yield conn
        finally:
            if queued:
                self._writer.release()

    def health(self) -> dict:
        """{"ok": bool, "detail": str}: readable, and writable (a no-op update, quick to give up)."""
        try:
            self._ensure_file()
            with self.engine.connect() as conn:
                if self._file is not None:
                    conn.exec_driver_sql("PRAGMA busy_timeout=200")
                conn.execute(select(ChatSession.id).limit(1))
                # Matches no row, but still needs the write lock: fails on a read-only or locked file.
                conn.execute(update(ChatSession).where(ChatSession.id == "").values(version=0))
                conn.rollback()
                if self._file is not None:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout={int(self._busy_ms)}")
        except (SQLAlchemyError, OSError) as exc:
            self.engine.dispose()
            return {"ok": False, "detail": _describe(exc)}
        if self.last_write_error:
            return {"ok": False, "detail": f"last write failed: {self.last_write_error}"}
        return {"ok": True, "detail": "readable and writable"}

    # sessions
    def open_session(self, session_id: str | None, channel: str, new_id: str,
                     create: bool = True) -> tuple[str, dict, int | None]:
        """(id, remembered state, version) of the session to continue, or of a new one.

        An existing session is continued only from the channel that created it; anything else
        (no id, an unknown id, another channel's session) starts a new session named `new_id`.
        Without a database the turn still goes ahead, from an empty state (version None).
        With `create=False` a new session is not written here but by the `record_turn` that
        stores its first turn (given the channel), in that turn's one transaction.
        """
        if session_id is not None and len(session_id) > SESSION_ID_CHARS:
            session_id = None
        if not session_id and not create:
            return new_id, {}, 0
        try:
            with self._conn(write=create) as conn:
                row = conn.execute(_READ_SESSION, {"sid": session_id}).first() if session_id else None
                if row is not None and row.channel == channel:
                    return row.id, dict(row.state or {}), row.version
                if create:
                    conn.execute(_NEW_SESSION, {"id": new_id, "channel": channel, "state": {}, "version": 0})
                return new_id, {}, 0
        except StorageUnavailable:
            return session_id or new_id, {}, None

    def record_turn(self, session_id: str, question: str, answer: dict, state: dict,
                    unanswered: tuple[str, str] | None = None, version: int | None = None,
                    channel: str | None = None) -> int | None:
        """Store question, answer, new state (and the gap, if abstained) atomically; returns the answer's id.

        With `version`, the state is stored only if no other turn was stored since it was read;
        otherwise nothing is written and ConcurrentTurnError is raised. With `channel` and version
        0, a session not written yet (`open_session(create=False)`) is created in the same
        transaction; one created meanwhile by another turn is a ConcurrentTurnError. When the
        database cannot be written the turn is logged as not stored and None is returned: the
        answer still goes out.
        """
        try:
            with self._conn(write=True) as conn:
                new_state = json.loads(json.dumps(state, default=str))
                values = {"sid": session_id, "new_state": new_state, "at": now()}
                if version is None:
                    conn.execute(_STORE_STATE, values)
                elif not conn.execute(_STORE_STATE_IF, {**values, "seen": version}).rowcount:
                    if version != 0 or channel is None:
                        raise ConcurrentTurnError(session_id)
                    try:
                        conn.execute(_NEW_SESSION, {"id": session_id, "channel": channel, "state": new_state,
                                                    "version": 1, "created_at": values["at"],
                                                    "updated_at": values["at"]})
                    except IntegrityError as exc:  # another turn created it first: answer again from its state
                        raise ConcurrentTurnError(session_id) from exc
                at = now()
                conn.execute(_ADD_MESSAGE, {"session_id": session_id, "role": "user", "text": question,
                                            "created_at": at})
                message_id = conn.execute(_ADD_MESSAGE, {
                    "session_id": session_id, "role": "assistant", "text": answer.get("answer", ""),
                    "answer": answer, "created_at": at}).inserted_primary_key[0]
                if unanswered:
                    conn.execute(_ADD_UNANSWERED, {"question": question, "topic": unanswered[0],
                                                   "reason": unanswered[1], "session_id": session_id})
                return message_id
        except (StorageUnavailable, IntegrityError) as exc:
            log.warning("turn answered but not stored: %s", exc if isinstance(exc, StorageUnavailable)
                        else _describe(exc))
            return None

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
        if not 1 <= message_id <= MAX_ROW_ID:
            return False
        with self._db() as db:
            msg = db.get(Message, message_id)
            return msg is not None and msg.session_id == session_id and msg.role == "assistant"

    def question_for(self, message_id: int) -> str:
        """The user message an assistant message answered ("" when unknown)."""
        if not 1 <= message_id <= MAX_ROW_ID:
            return ""
        with self._db() as db:
            msg = db.get(Message, message_id)
            if msg is None:
                return ""
            text_ = db.scalar(select(Message.text).where(Message.session_id == msg.session_id,
                                                         Message.role == "user", Message.id < msg.id)
                              .order_by(Message.id.desc()).limit(1))
            return text_ or ""

    # feedback and gaps
    def add_feedback(self, helpful: bool, comment: str = "", session_id: str | None = None,
                     message_id: int | None = None, question: str = "", channel: str = "web") -> int:
        with self._db(write=True) as db, db.begin():
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
        with self._db(write=True) as db, db.begin():
            db.add(Unanswered(question=question, topic=topic, reason=reason, session_id=session_id))

    def list_unanswered(self, limit: int = 500) -> list[dict]:
        with self._db() as db:
            rows = db.scalars(select(Unanswered).order_by(Unanswered.id.desc()).limit(limit)).all()
            return [
                {"id": r.id, "question": r.question, "topic": r.topic, "reason": r.reason,
                 "created_at": r.created_at.isoformat() if r.created_at else None}
                for r in rows
            ]
