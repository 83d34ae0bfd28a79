"""Session tokens: the server names every conversation and signs the name it hands out.

A client never chooses a session id. The first answer carries a token ``<id>.<mac>``: a
random 128-bit id and an HMAC of it under the server's session secret, bound to the
channel that issued it. A token that does not verify (typed, guessed, taken from another
channel, or signed by another server) names no session, so the turn starts a new one.
Slack sessions are named by the server from the signed request (channel and thread) and
never go through this module.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

ID_BYTES = 16  # 128 bits of randomness per session id
_MAC_HEX = 32


def load_secret(configured: str | None, data_dir: Path) -> bytes:
    """The configured secret, else one generated once and kept (mode 0600) in the data folder.

    Replicas that share a database must share the secret: set ``CSP_SESSION_SECRET``.
    """
    if configured:
        return configured.encode("utf-8")
    path = data_dir / "session.key"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex())
    os.replace(tmp, path)
    return bytes.fromhex(path.read_text().strip())


class SessionTokens:
    """Issue and verify session tokens for the channels whose clients hold them (web, CLI)."""

    def __init__(self, secret: bytes):
        if not secret:
            raise ValueError("the session secret must not be empty")
        self._secret = secret

    def _mac(self, channel: str, sid: str) -> str:
        return hmac.new(self._secret, f"{channel}\0{sid}".encode(), hashlib.sha256).hexdigest()[:_MAC_HEX]

    @staticmethod
    def new_id() -> str:
        return secrets.token_hex(ID_BYTES)

    def token(self, channel: str, sid: str) -> str:
        return f"{sid}.{self._mac(channel, sid)}"

    def verify(self, channel: str, token: str | None) -> str | None:
        """The session id a token names for this channel, or None when it does not verify."""
        if not token or not isinstance(token, str) or len(token) > 2 * ID_BYTES + 1 + _MAC_HEX:
            return None
        sid, _, mac = token.partition(".")
        if len(sid) != 2 * ID_BYTES or not mac:
            return None
        return sid if hmac.compare_digest(mac, self._mac(channel, sid)) else None
