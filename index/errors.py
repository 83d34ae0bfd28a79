"""Why an index cannot be used, each with what to do about it."""
from __future__ import annotations

REBUILD_HINT = "Rebuild it with `csp-assistant ingest` (add --no-bundled PATH... for an index of your own files only)."


class IndexLoadError(RuntimeError):
    """The index on disk cannot serve searches."""


class IndexMissingError(IndexLoadError, FileNotFoundError):
    def __init__(self, folder):
        super().__init__(f"No search index in {folder}. Build one with `csp-assistant ingest`.")


class IndexCorruptError(IndexLoadError):
    def __init__(self, folder, reason: str):
        super().__init__(f"The search index in {folder} is damaged ({reason}). {REBUILD_HINT}")


class IndexMismatchError(IndexLoadError):
    def __init__(self, built_with: str, built_dim: int, wanted: str, wanted_dim: int):
        super().__init__(
            f"The search index was built with embedding model {built_with!r} (dimension {built_dim}) "
            f"but the assistant is configured for {wanted!r} (dimension {wanted_dim}). "
            f"Set CSP_EMBEDDING_MODEL back to {built_with!r}, or {REBUILD_HINT[0].lower()}{REBUILD_HINT[1:]}"
        )
