"""What this process handed out: each series loaded, the last observation returned and the values it rested on.

The loaders (:mod:`helpers.data.load`) record every call here; the notebook's provenance cell
(:mod:`helpers.notebook.provenance`) reads it back. With the tests' switch on, each call is also audited
(:func:`helpers.data.testhooks.record_load`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import asof, catalog, testhooks, vintages


@dataclass
class _Use:
    """One series handed out in this process: the last observation returned, and every basis its values rested
    on (in the order first used: "today's values", "ALFRED vintage of 2026-01-13", ...; :func:`vintages.basis`)."""

    last: pd.Timestamp
    bases: dict[str, None] = field(default_factory=dict)


_used: dict[str, _Use] = {}


def record(
    keys, frame: pd.DataFrame | pd.Series, cut: pd.Timestamp | None, choices: dict[str, vintages.Choice] | None = None
) -> None:
    """Note a load of ``keys`` as of ``cut`` returning ``frame``, and which values each key got (``choices``: the
    revised FRED series' vintages; :func:`vintages.basis`)."""
    last = frame.index.max() if len(frame) else pd.NaT
    bases = {key: vintages.basis(catalog.get(key), cut, (choices or {}).get(key)) for key in keys}
    for key in keys:
        use = _used.setdefault(key, _Use(last))
        if pd.notna(last) and (pd.isna(use.last) or last > use.last):
            use.last = last
        use.bases[bases[key]] = None
    if testhooks.active():
        session = asof.get_as_of()
        testhooks.record_load(
            {
                "keys": list(keys),
                "last": None if pd.isna(last) else f"{last:%Y-%m-%d}",
                "as_of": None if session is None else f"{session:%Y-%m-%d}",
                "bases": bases,
            }
        )


def record_basis(key: str, basis: str) -> None:
    """Note that ``key`` was handed out with no dated observation, on ``basis`` (the claims, as written)."""
    _used.setdefault(key, _Use(pd.NaT, {basis: None}))


def used_series() -> dict[str, pd.Timestamp]:
    """Catalog keys loaded so far in this process, with the last observation handed out for each."""
    return {key: use.last for key, use in _used.items()}


def used_bases() -> dict[str, tuple[str, ...]]:
    """Catalog keys loaded so far in this process, with the values each load rested on, in words: "today's values"
    (no as-of date), "ALFRED vintage of <date>", or today's values cut by the release rule (and why no vintage)."""
    return {key: tuple(use.bases) for key, use in _used.items()}
