"""ALFRED vintages: a revised FRED series as it was published on a date, for runs as of that date.

FRED revises CPI, core PCE, GDP, unemployment and the monthly fed funds rate after their first release; ALFRED,
its archive, keeps every *vintage*: the whole series as it stood on each date it changed. The store holds them
as ``alfred/<ID>.csv`` (catalog keys ``<ID>_vintages``) and the processed ``vintages`` table
(:mod:`helpers.data.processed`). Under an as-of date, :func:`helpers.data.load.load_fred` asks :func:`choose`
which values a revised series gets:

* **the vintage in force** on the as-of date, the latest vintage held dated on or before it, when there is one:
  its values, observation by observation, so an observation not yet in that vintage is not returned (the real
  release timing) and earlier ones carry the values published then, not today's revisions;
* **today's values cut by the series' release rule** (:mod:`helpers.data.release`) when no vintage held is dated
  on or before the as-of date (or none is held at all);
* past the last vintage held the store cannot know whether ALFRED has published a newer one: the last vintage
  stays in force while the release rule expects no later observation by the as-of date, and once today's values
  cut by that rule hold an observation the vintage lacks, the vintages held are out of date for that date and
  today's values with the release rule are used instead, saying so.

With no as-of date every loader returns today's values. :func:`basis` says in words which values a load used,
for the provenance cell and the notebook banner.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import catalog, release


@dataclass(frozen=True)
class Choice:
    """What a load as of a date uses for one revised series: ``vintage``, the ALFRED vintage in force, or None for
    today's values cut by the release rule, with ``why`` no vintage is used."""

    vintage: pd.Timestamp | None
    why: str = ""


class Archive:
    """The vintages held, from the processed ``vintages`` table, indexed by series once and each vintage's values
    kept once asked for (loaders ask for the same few again and again; pandas' copy-on-write protects them)."""

    def __init__(self, table: pd.DataFrame):
        self._rows = {str(name): rows for name, rows in table.groupby("series", sort=False)}
        self._vintages = {
            name: pd.DatetimeIndex(rows["vintage"].unique()).sort_values() for name, rows in self._rows.items()
        }
        self._values: dict[tuple[str, pd.Timestamp], pd.Series] = {}

    def vintages(self, series: str) -> pd.DatetimeIndex:
        """The vintage dates held for a FRED series key (empty when none)."""
        return self._vintages.get(series, pd.DatetimeIndex([]))

    def values(self, series: str, vintage: pd.Timestamp) -> pd.Series:
        """The observations of ``series`` in the vintage dated ``vintage``, in the series' units (index ``date``)."""
        if (series, vintage) not in self._values:
            rows = self._rows[series]
            out = rows.loc[rows["vintage"] == vintage, "value"].rename(series)
            out.index.name = "date"
            self._values[(series, vintage)] = out
        return self._values[(series, vintage)]


def _last_published(today: pd.Series, entry: catalog.Series, as_of: pd.Timestamp) -> pd.Timestamp | None:
    """The latest observation of today's values that the release rule says was public on ``as_of``."""
    held = today.dropna().index
    public = held[release.release_dates(held, entry) <= as_of]
    return public.max() if len(public) else None


def choose(archive: Archive, entry: catalog.Series, as_of: pd.Timestamp, today: pd.Series) -> Choice:
    """The values a load as of ``as_of`` uses for the revised FRED series ``entry``, whose today's values
    (uncut) are ``today``: the vintage in force, or today's values with the release rule (see the module)."""
    held = archive.vintages(entry.key)
    if held.empty:
        return Choice(None, "no ALFRED vintage held")
    earlier = held[held <= as_of]
    if earlier.empty:
        return Choice(None, f"the first ALFRED vintage held is {held[0]:%Y-%m-%d}")
    vintage = earlier[-1]
    if vintage == held[-1] and as_of > vintage:
        published = _last_published(today, entry, as_of)
        in_vintage = archive.values(entry.key, vintage).index.max()
        if published is not None and published > in_vintage:
            return Choice(
                None,
                f"the ALFRED vintages held end on {vintage:%Y-%m-%d}, and the release rule has the "
                f"observation of {published:%Y-%m-%d}, which none of them holds, out by the as-of date",
            )
    return Choice(vintage)


def basis(entry: catalog.Series, as_of: pd.Timestamp | None, choice: Choice | None = None) -> str:
    """In words, which values a load of ``entry`` used: today's values (no as-of date), the ALFRED vintage in force,
    or today's values cut by the release rule (and why no vintage, for a revised series)."""
    if as_of is None:
        return "today's values"
    if choice is not None and choice.vintage is not None:
        return f"ALFRED vintage of {choice.vintage:%Y-%m-%d}"
    text = f"today's values, {release.describe(entry)}"
    return f"{text}; {choice.why}" if choice is not None and choice.why else text
