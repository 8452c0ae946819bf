"""The tests' fault hooks, all behind one switch: ``HELPERS_TEST_HOOKS=DIR`` (:mod:`helpers.settings`).

Unset (always, outside the test suite), every function here returns at once and does nothing. Set, they act on
files in ``DIR``, so that a test can steer a writer running as a separate process, as a user runs it:

* :func:`checkpoint` ``<point>`` creates ``DIR/<point>.reached`` (the points a writer passed, in order of their
  times), waits while ``DIR/<point>.hold`` exists (a test kills the writer exactly there, or lets it go by removing
  the file) and, when ``DIR/<point>.fail`` exists, raises :class:`OSError` with the errno named in it (``ENOSPC``
  when it is empty), as a full disk or a read-only folder would;
* :func:`free_bytes` returns the number in ``DIR/free-bytes`` (the free space a writer sees), else None;
* :func:`record_load` appends one JSON line per loader call to ``DIR/loads.jsonl`` (which series, the last
  observation handed out, the as-of date and the values' bases: the audit of an as-of run).

Writers call :func:`checkpoint` at these points, in order: ``locked``, ``series-<n>`` after each series of an
import or download (``n`` counts the series of the selection from 1), ``put-<key>`` once a series' file is written
into the stage, ``staged``, ``tables-staged``, ``built``, ``renamed`` and ``switched``.
"""

from __future__ import annotations

import errno
import json
import os
import time
from pathlib import Path

from helpers import settings

HOLD_POLL_SECONDS = 0.02


def active() -> bool:
    """True when the tests' switch is on (a caller may then build what it hands to :func:`record_load`)."""
    return settings.fault_hooks_dir() is not None


def _file(name: str) -> Path | None:
    """``DIR/<name>`` when the switch is on and that file exists."""
    folder = settings.fault_hooks_dir()
    path = folder / name if folder is not None else None
    return path if path is not None and path.exists() else None


def checkpoint(name: str) -> None:
    """A named point of a write where a test may see the writer pass, hold it, or make it fail (see above)."""
    folder = settings.fault_hooks_dir()
    if folder is None:
        return
    Path(folder, f"{name}.reached").touch()
    while Path(folder, f"{name}.hold").exists():
        time.sleep(HOLD_POLL_SECONDS)
    fail = _file(f"{name}.fail")
    if fail is not None:
        code = getattr(errno, fail.read_text().strip() or "ENOSPC")
        raise OSError(code, os.strerror(code))


def free_bytes() -> int | None:
    """The free space a test says the disk has (``DIR/free-bytes``), or None: ask the disk."""
    fake = _file("free-bytes")
    return int(fake.read_text().strip()) if fake is not None else None


def record_load(line: dict) -> None:
    """Append one loader call to ``DIR/loads.jsonl`` (when the switch is on)."""
    folder = settings.fault_hooks_dir()
    if folder is None:
        return
    with open(Path(folder, "loads.jsonl"), "a", encoding="utf-8") as fh:
        fh.write(json.dumps(line) + "\n")
