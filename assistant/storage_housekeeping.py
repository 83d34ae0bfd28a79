"""Storage chores beside the conversation itself: retention, Slack delivery records, internal logins.

A mixin of assistant.storage.Storage: every method goes through its `_db()`, so database faults
come out as StorageUnavailable like everywhere else.
"""
from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from assistant.storage_tables import (EVENT_ID_CHARS, SESSION_ID_CHARS, ChatSession, Feedback, InternalLogin,
                                      Message, SlackEvent, Unanswered, now)


class Housekeeping:
    # retention
    def purge_older_than(self, days: int) -> dict[str, int]:
        """Delete conversations idle for `days` (with their messages), and older feedback and gaps."""
        cutoff = now() - timedelta(days=days)
        with self._db(write=True) as db, db.begin():
            old = select(ChatSession.id).where(ChatSession.updated_at < cutoff)
            counts = {
                "messages": db.execute(delete(Message).where(Message.session_id.in_(old))).rowcount,
                "feedback": db.execute(delete(Feedback).where(Feedback.created_at < cutoff)).rowcount,
                "unanswered": db.execute(delete(Unanswered).where(Unanswered.created_at < cutoff)).rowcount,
                "slack_events": db.execute(delete(SlackEvent).where(SlackEvent.created_at < cutoff)).rowcount,
                "logins": db.execute(delete(InternalLogin).where(InternalLogin.created_at < cutoff)).rowcount,
            }
            counts["sessions"] = db.execute(delete(ChatSession).where(ChatSession.updated_at < cutoff)).rowcount
            return counts

    # Slack idempotency
    @staticmethod
    def _event_key(event_id: str) -> str:
        return event_id if len(event_id) <= EVENT_ID_CHARS else "sha256:" + hashlib.sha256(
            event_id.encode("utf-8", "replace")).hexdigest()

    def claim_slack_event(self, event_id: str, stale_after_s: float = 120.0) -> bool:
        """True when this delivery should be answered: the first time an event id is seen, or a
        retry whose earlier delivery was released or never finished (claimed over `stale_after_s` ago).
        False for every repeat of an event answered or being answered."""
        key = self._event_key(event_id)
        try:
            with self._db(write=True) as db, db.begin():
                db.add(SlackEvent(event_id=key))
            return True
        except IntegrityError:
            pass
        with self._db(write=True) as db, db.begin():
            taken = db.execute(update(SlackEvent).where(
                SlackEvent.event_id == key, SlackEvent.answered_at.is_(None),
                SlackEvent.created_at < now() - timedelta(seconds=stale_after_s)).values(created_at=now())).rowcount
            return bool(taken)

    def finish_slack_event(self, event_id: str, answered: bool) -> None:
        """Mark a claimed event answered, or release it so that Slack's retry is answered."""
        key = self._event_key(event_id)
        with self._db(write=True) as db, db.begin():
            if answered:
                db.execute(update(SlackEvent).where(SlackEvent.event_id == key).values(answered_at=now()))
            else:
                db.execute(delete(SlackEvent).where(SlackEvent.event_id == key, SlackEvent.answered_at.is_(None)))

    # internal-page logins
    def add_login(self, login_id: str) -> None:
        with self._db(write=True) as db, db.begin():
            db.add(InternalLogin(id=login_id))

    def login_active(self, login_id: str) -> bool:
        if len(login_id) > SESSION_ID_CHARS:
            return False
        with self._db() as db:
            row = db.get(InternalLogin, login_id)
            return row is not None and not row.revoked

    def revoke_login(self, login_id: str) -> None:
        if len(login_id) > SESSION_ID_CHARS:
            return
        with self._db(write=True) as db, db.begin():
            db.execute(update(InternalLogin).where(InternalLogin.id == login_id).values(revoked=True))
