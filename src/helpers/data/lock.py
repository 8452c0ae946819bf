"""One writer at a time for ``data/raw`` and ``data/processed``.

Every command that writes the data folder (an import, a download, a build, the
rebuild a loader triggers in a notebook kernel) holds :func:`writer`, an
operating-system file lock (``filelock``) on ``data/raw/.writer.lock``. The
lock dies with its process, so a killed writer never leaves it held. Beside it,
``data/raw/.writer.json`` says who holds it (pid, what it does, the command
line, since when): only to tell a waiting writer what it waits for, never to
decide who holds the lock.

A second writer waits up to ``HELPERS_LOCK_TIMEOUT`` seconds (default 300, :mod:`helpers.settings`),
printing what it waits for, then raises :class:`LockTimeoutError` having
changed nothing.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import filelock

from helpers import settings
from helpers.errors import HelpersError

from . import paths

LOCK_NAME = ".writer.lock"
INFO_NAME = ".writer.json"

# One lock object and a depth per lock file: a writer that calls another writer (an import that builds
# the processed tables) re-enters its own lock instead of waiting for itself.
_held: dict[str, list] = {}


class LockTimeoutError(HelpersError):
    """Another writer held the data store for longer than the timeout; nothing was changed."""


def lock_path() -> Path:
    return paths.raw_dir() / LOCK_NAME


def info_path() -> Path:
    return paths.raw_dir() / INFO_NAME


def command_line() -> str:
    """This process's command as a user would type it (``python -m helpers data --from DIR``)."""
    argv = list(sys.argv)
    if argv and argv[0].endswith(os.path.join("helpers", "__main__.py")):
        return "python -m helpers " + " ".join(argv[1:])
    if argv and "ipykernel" in " ".join(argv[:3]):
        return "a notebook kernel"
    return " ".join(Path(a).name if i == 0 else a for i, a in enumerate(argv)) or "python"


def holder() -> dict:
    """Who holds (or last held) the lock, from the info file; empty when unknown."""
    try:
        return json.loads(info_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def describe(info: dict) -> str:
    if not info:
        return "another writer (it has not said who yet)"
    return (
        f"pid {info.get('pid', '?')} running `{info.get('command', '?')}` ({info.get('what', 'a write')}) "
        f"since {info.get('since', '?')}"
    )


def _write_info(what: str) -> None:
    info = {
        "pid": os.getpid(),
        "what": what,
        "command": command_line(),
        "since": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    tmp = info_path().with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(info) + "\n", encoding="utf-8")
    os.replace(tmp, info_path())


def _clear_info() -> None:
    try:
        if holder().get("pid") == os.getpid():
            info_path().unlink()
    except OSError:
        pass


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writer(what: str, timeout: float | None = None, announce: bool = True):
    """Hold the data store's writer lock for the ``with`` block.

    ``what`` says what this writer does (``import from DIR``, ``download``,
    ``build of data/processed``); a waiting writer is shown it. Re-entrant
    within a process. ``announce=False`` waits without saying so (for a
    writer that gives up at once, ``timeout=0``, when the lock is busy).
    """
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    if key in _held:
        _held[key][1] += 1
        try:
            yield
        finally:
            _held[key][1] -= 1
        return
    limit = settings.lock_timeout() if timeout is None else timeout
    lock = filelock.FileLock(str(path), thread_local=False)
    started = time.monotonic()
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        if announce:
            _say(
                f"waiting for the data store ({paths.display_path(path.parent)}): held by {describe(holder())}; "
                f"waiting up to {limit:.0f} s (HELPERS_LOCK_TIMEOUT)"
            )
        try:
            lock.acquire(timeout=limit)
        except filelock.Timeout:
            raise LockTimeoutError(
                f"gave up after {time.monotonic() - started:.1f} s waiting for the data store: it is held by "
                f"{describe(holder())}. Nothing was changed. Run this again when that has finished, or set "
                "HELPERS_LOCK_TIMEOUT=<seconds> to wait longer."
            ) from None
        waited = time.monotonic() - started
        if announce:
            _say(f"waited {waited:.1f} s for the data store; going on")
    _held[key] = [lock, 1]
    try:
        _write_info(what)
        yield
    finally:
        del _held[key]
        _clear_info()
        lock.release()
