"""Per-client request limits: N requests per minute per (kind, client), 429 with Retry-After past it.

Two backends with one method, `hit(key, limit, window_s) -> seconds to wait or None`:
in-process counters (the default, one replica) and a table in the shared database (several
replicas, CSP_RATE_LIMIT_BACKEND=database). A database that cannot be reached lets requests
through: answering needs no database, and the in-process limits are not the last line.
"""
from __future__ import annotations

import logging
import math
import threading
import time

from fastapi import HTTPException, Request
from sqlalchemy import Integer, String, delete, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from starlette.concurrency import run_in_threadpool

log = logging.getLogger(__name__)
WINDOW_S = 60


class MemoryLimiter:
    """A fixed window per key, starting at the key's first request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}

    def hit(self, key: str, limit: int, window_s: float = WINDOW_S) -> float | None:
        now = time.monotonic()
        with self._lock:
            start, count = self._windows.get(key, (now, 0))
            if now - start >= window_s:
                start, count = now, 0
            self._windows[key] = (start, count + 1)
            if len(self._windows) > 50_000:  # forget finished windows so memory stays bounded
                self._windows = {k: v for k, v in self._windows.items() if now - v[0] < window_s}
            return window_s - (now - start) if count + 1 > limit else None


class _Base(DeclarativeBase):
    pass


class RateWindow(_Base):
    __tablename__ = "rate_windows"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window: Mapped[int] = mapped_column(Integer, index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class DatabaseLimiter:
    """Windows aligned to the clock, so every replica counts into the same row."""

    def __init__(self, engine) -> None:
        self.engine = engine
        _Base.metadata.create_all(engine)

    def hit(self, key: str, limit: int, window_s: float = WINDOW_S) -> float | None:
        now = time.time()
        window = int(now // window_s)
        row_key = f"{key[:180]}@{window}"
        try:
            with Session(self.engine) as db, db.begin():
                bumped = db.execute(update(RateWindow).where(RateWindow.key == row_key)
                                    .values(count=RateWindow.count + 1)).rowcount
                if not bumped:
                    try:
                        with db.begin_nested():
                            db.add(RateWindow(key=row_key, window=window, count=1))
                        db.execute(delete(RateWindow).where(RateWindow.window < window - 1))
                    except IntegrityError:  # another replica inserted it first
                        db.execute(update(RateWindow).where(RateWindow.key == row_key)
                                   .values(count=RateWindow.count + 1))
                count = db.scalar(select(RateWindow.count).where(RateWindow.key == row_key))
        except SQLAlchemyError as exc:
            log.error("rate limit database unavailable (%s): request allowed", type(exc).__name__)
            return None
        return window_s - (now % window_s) if count > limit else None


def make_limiter(settings, storage):
    return DatabaseLimiter(storage.engine) if settings.rate_limit_backend == "database" else MemoryLimiter()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def enforce(request: Request, kind: str, who: str | None = None) -> None:
    """Count one `kind` request for the client; 429 with Retry-After once past the limit."""
    settings = request.app.state.settings
    limit = getattr(settings, f"{kind}_per_minute")
    limiter = request.app.state.limiter
    key = f"{kind}:{who or client_address(request)}"
    if isinstance(limiter, MemoryLimiter):
        wait = limiter.hit(key, limit)
    else:
        wait = await run_in_threadpool(limiter.hit, key, limit)
    if wait is not None:
        seconds = max(1, math.ceil(wait))
        raise HTTPException(status_code=429, headers={"Retry-After": str(seconds)},
                            detail=f"Too many requests: at most {limit} a minute. Try again in {seconds} s.")


def limited(kind: str):
    """A route dependency: `dependencies=[Depends(limited("chat"))]`."""
    async def dependency(request: Request) -> None:
        await enforce(request, kind)

    return dependency
