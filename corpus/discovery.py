"""Which files under a folder an ingest may read, and the name each is cited by.

A folder handed to ``ingest`` is a boundary: nothing outside it is read, whatever links
inside it point to. Symbolic links are resolved and kept only when their target stays in
the folder; pipes, sockets and devices are never opened; only allowed suffixes are read.
Every file left out is reported with the reason. A file is cited by its path relative to
the folder, prefixed with the folder's name, so no absolute path of the server leaks.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    """A file to read."""

    #: the resolved file, inside the root
    path: Path
    #: what citations show: ``<folder name>/<path inside it>``, or the file name for a single file
    source: str


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _check_file(path: Path, root: Path, suffixes: frozenset[str]) -> Path | str:
    """The real file to read, or the reason it is left out."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "broken or looping symbolic link" if path.is_symlink() else "cannot be read"
    if not _inside(real, root):
        return "symbolic link to a file outside the ingested folder"
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return "not a regular file (pipe, socket or device)"
    if real.suffix.lower() not in suffixes:
        return f"file type {real.suffix or '(no suffix)'} is not in the ingest allow-list ({', '.join(sorted(suffixes))})"
    return real


def discover(root: Path, suffixes: frozenset[str], label: str | None = None) -> tuple[list[Found], list[Skipped]]:
    """Files under `root` (a folder or one file) that may be read, and those left out with reasons.

    Hidden files and folders are skipped silently, as before. Links to folders are not
    followed: a folder inside the root is walked from its real place, one outside is refused.

    :raises FileNotFoundError: `root` does not exist.
    """
    given = Path(root).expanduser()
    if not given.exists() and not given.is_symlink():
        raise FileNotFoundError(f"{root}: no such file or folder")
    if not given.is_dir():
        # A single file is bounded by its own folder: a link there may not lead elsewhere.
        boundary = given.absolute().parent.resolve()
        checked = _check_file(given.absolute(), boundary, suffixes)
        if isinstance(checked, str):
            return [], [Skipped(given.name, checked)]
        return [Found(checked, label or given.name)], []
    base = given.resolve()
    name = label or base.name
    found: list[Found] = []
    skipped: list[Skipped] = []
    for folder, dirs, files in os.walk(base, followlinks=False):
        here = Path(folder)
        kept_dirs = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            sub = here / d
            if sub.is_symlink():
                target = sub.resolve()
                reason = ("symbolic link to a folder inside the ingested folder; its files are read from there"
                          if _inside(target, base) else "symbolic link to a folder outside the ingested folder")
                skipped.append(Skipped(f"{name}/{sub.relative_to(base).as_posix()}", reason))
                continue
            kept_dirs.append(d)
        dirs[:] = kept_dirs
        for f in sorted(files):
            if f.startswith("."):
                continue
            path = here / f
            rel = f"{name}/{path.relative_to(base).as_posix()}"
            checked = _check_file(path, base, suffixes)
            if isinstance(checked, str):
                skipped.append(Skipped(rel, checked))
            else:
                found.append(Found(checked, rel))
    found.sort(key=lambda x: x.source)
    return found, skipped
