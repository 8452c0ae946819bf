"""Every environment variable the package reads, declared once, with its default, its type and what it means.

No other module of ``helpers`` reads the environment: each asks here, through the function named in its
declaration (a unit test fails on any other read). ``docs/settings.md`` holds the same table for readers, and a
unit test checks that the two agree. A child process (a notebook kernel, a grading kernel) gets its environment
from :func:`child_environment`.

The FRED API key is a secret: :func:`fred_api_key` returns it to the one caller that queries FRED, and nothing
here prints, logs or stores it.

May import: :mod:`helpers.errors` only. Every layer may import it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import HelpersError


@dataclass(frozen=True)
class Setting:
    """One environment variable: its ``name``, its ``default`` as a reader would write it, its ``kind`` (how the
    text is read) and what it means. ``for_tests``: set by the test suite only, never needed in use."""

    name: str
    default: str
    kind: str
    meaning: str
    for_tests: bool = False


SETTINGS = (
    Setting(
        "FRED_API_KEY",
        "none",
        "text (a secret)",
        "the FRED API key `make data` downloads FRED and ALFRED with; read from the environment, else from a line "
        "`FRED_API_KEY=...` in the project's git-ignored `.env`. Never printed, logged or stored",
    ),
    Setting(
        "HELPERS_DATA_DIR",
        "data",
        "folder",
        "the data folder (`raw/`, `processed/`); the committed curated tables always come from the project",
    ),
    Setting(
        "HELPERS_REPORTS_DIR",
        "reports",
        "folder",
        "where `make run`, `make compare`, `make student`, `make grade` and `make bench` write their output",
    ),
    Setting(
        "HELPERS_AS_OF",
        "none",
        "date (YYYY-MM-DD)",
        "the as-of date every loader cuts at when the session sets none (`make run AS_OF=...` sets it for the "
        "kernels it starts)",
    ),
    Setting(
        "HELPERS_JOBS",
        "2",
        "whole number",
        "notebooks executed at once by `make run` and submissions graded at once by `make grade` (1 on a "
        "one-core machine)",
    ),
    Setting(
        "HELPERS_LOCK_TIMEOUT",
        "300",
        "seconds",
        "how long a writer of the data folder waits for another writer before giving up, changing nothing",
    ),
    Setting(
        "XDG_CACHE_HOME",
        "~/.cache",
        "folder",
        "the user's cache folder: the sizes and times of raw files last found intact are kept in "
        "`great-rotation-helpers/verified/` under it, so a kernel does not hash the whole store to start",
    ),
    Setting(
        "HELPERS_TEST_HOOKS",
        "none",
        "folder",
        "for tests only: the fault hooks of `helpers.data.testhooks` (hold or fail a writer at a named point, "
        "record the points reached, fake the free space, audit every load) act on files in this folder",
        for_tests=True,
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}
DEFAULT_LOCK_TIMEOUT_SECONDS = 300.0


def _read(name: str) -> str:
    """The variable's text, stripped ("" when unset). Only declared variables may be read."""
    if name not in BY_NAME:
        raise KeyError(f"{name} is not declared in helpers.settings.SETTINGS")
    return os.environ.get(name, "").strip()


def data_dir() -> Path | None:
    """``HELPERS_DATA_DIR``, or None for the default (the project's ``data/``: :func:`helpers.data.paths.data_dir`)."""
    value = _read("HELPERS_DATA_DIR")
    return Path(value) if value else None


def reports_dir() -> Path | None:
    """``HELPERS_REPORTS_DIR``, or None for the default (the project's ``reports/``)."""
    value = _read("HELPERS_REPORTS_DIR")
    return Path(value) if value else None


def as_of() -> str | None:
    """``HELPERS_AS_OF`` as written (parsed by :mod:`helpers.data.asof`), or None."""
    return _read("HELPERS_AS_OF") or None


def jobs() -> int:
    """``HELPERS_JOBS``, else 2 (1 on a one-core machine)."""
    value = _read("HELPERS_JOBS")
    if not value:
        return min(2, os.cpu_count() or 1)
    try:
        return max(1, int(value))
    except ValueError:
        raise HelpersError(f"HELPERS_JOBS={value!r} is not a whole number") from None


def lock_timeout() -> float:
    """``HELPERS_LOCK_TIMEOUT`` in seconds, else :data:`DEFAULT_LOCK_TIMEOUT_SECONDS`."""
    value = _read("HELPERS_LOCK_TIMEOUT")
    if not value:
        return DEFAULT_LOCK_TIMEOUT_SECONDS
    try:
        return max(0.0, float(value))
    except ValueError:
        raise HelpersError(f"HELPERS_LOCK_TIMEOUT={value!r} is not a number of seconds") from None


def cache_home() -> Path:
    """``XDG_CACHE_HOME``, else ``~/.cache``."""
    value = _read("XDG_CACHE_HOME")
    return Path(value) if value else Path.home() / ".cache"


def fault_hooks_dir() -> Path | None:
    """``HELPERS_TEST_HOOKS``: the folder of the tests' fault hooks, or None (always, outside the tests)."""
    value = _read("HELPERS_TEST_HOOKS")
    return Path(value) if value else None


def fred_api_key(env_file: Path) -> str:
    """The FRED API key: ``FRED_API_KEY``, else its line in ``env_file`` (the project's ``.env``); "" when neither
    holds one (an empty value is no key)."""
    key = _read("FRED_API_KEY")
    if key or not env_file.exists():
        return key
    for line in env_file.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and name.strip().removeprefix("export ").strip() == "FRED_API_KEY":
            return value.strip().strip("'\"")
    return ""


def child_environment(set_: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> dict[str, str]:
    """The environment for a child process (a kernel, a command): this process's, without the variables named in
    ``drop``, with ``set_`` added."""
    env = {name: value for name, value in os.environ.items() if name not in drop}
    env.update(set_ or {})
    return env
