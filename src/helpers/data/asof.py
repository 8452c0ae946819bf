"""The as-of date: every loader truncates its data at it.

Set it for a whole session with :func:`set_as_of` (the notebooks' parameters
cell does, through :func:`helpers.setup_notebook`) or for a whole run with the
``HELPERS_AS_OF`` environment variable (``make run AS_OF=2026-01-16``). Loaders
keep what was published by that date: each series by its release rule
(:mod:`helpers.data.release`), and a revised FRED series by the ALFRED vintage
in force when one is held (:mod:`helpers.data.vintages`). :func:`truncate` cuts
by observation date only, for tables dated by their publication.
"""

from __future__ import annotations

import contextlib

import pandas as pd

from helpers import settings

_session_as_of: pd.Timestamp | None = None


def parse(value) -> pd.Timestamp | None:
    """A date-like value as a normalised Timestamp (None and '' mean no as-of date)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return None
    return stamp.normalize()


def set_as_of(value) -> pd.Timestamp | None:
    """Set the session's as-of date (None: use ``HELPERS_AS_OF`` or all data held)."""
    global _session_as_of
    _session_as_of = parse(value)
    return get_as_of()


def get_as_of(override=None) -> pd.Timestamp | None:
    """The as-of date in force: an explicit ``override``, else the session's, else the environment's."""
    if override is not None:
        return parse(override)
    if _session_as_of is not None:
        return _session_as_of
    return parse(settings.as_of())


def truncate(obj, as_of=None):
    """``obj`` (Series or DataFrame with a DatetimeIndex) without rows after the as-of date."""
    cut = get_as_of(as_of)
    if cut is None:
        return obj
    return obj.loc[obj.index <= cut]


@contextlib.contextmanager
def at_most(value):
    """Within the block, the as-of date is ``value`` or the one already in force, whichever is earlier (a run as of
    a date never reads past it); the session's date is restored afterwards. ``None`` changes nothing."""
    global _session_as_of
    previous = _session_as_of
    requested, current = parse(value), get_as_of()
    if requested is not None:
        _session_as_of = min(requested, current) if current is not None else requested
    try:
        yield get_as_of()
    finally:
        _session_as_of = previous
