"""When an observation becomes public: the catalog's release rules, applied by every loader under an as-of date.

An as-of date means what a reader could have had on that date, so a loader cut
at it keeps an observation only once it was published. Each catalog row states
its rule in the ``release`` column:

* ``same day``: market closes and index levels (published at the close), curated
  facts dated by their publication (an FOMC statement, a published multiple);
* ``next business day``: FRED's daily rates and spreads (the H.15 release and its
  kin post a day's values the next business day);
* ``end+<offset>``: the end of the observation's period (its day, month, quarter
  or year, by the catalog's frequency) plus a stated lag, for the macro series
  (``end+13D`` for CPI: a month's index about two weeks after the month ends;
  ``end+7D`` for unemployment, the first Friday; ``end+30D`` for core PCE and
  for the first GDP estimate; ``end+1D`` for a monthly average of the fed funds
  rate);
* ``month-end+<offset>``: the end of the observation's month plus a lag, for the
  Kenneth French library (``month-end+1M+7D``: a month's daily or monthly
  returns appear in its update early in the month after next);
* ``vintage date``: the ALFRED archives (catalog source ``alfred``), dated by
  their vintage dates: a vintage is what was public on its date, so a row dated
  by its vintage is public that day.

No release calendar is held, so the lags are typical ones, stated here and in
the catalog; where ALFRED vintages are held, the values of the vintage in
force replace today's revised ones (:mod:`helpers.data.vintages`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from . import catalog

_OFFSET = re.compile(r"^(end|month-end)((?:[+-]\d+[DMB])*)$")
PERIOD_END = {"daily": None, "monthly": "ME", "quarterly": "QE", "annual": "YE", "irregular": None}


def _shift(dates: pd.DatetimeIndex, text: str) -> pd.DatetimeIndex:
    """``dates`` moved by an offset written like ``+1M+7D`` (months, days, business days ``B``)."""
    parts = dict((unit, int(n)) for n, unit in re.findall(r"([+-]\d+)([DMB])", text))
    shifted = dates + pd.DateOffset(months=parts.get("M", 0), days=parts.get("D", 0))
    return shifted + pd.offsets.BDay(parts["B"]) if parts.get("B") else shifted


def release_dates(index, entry: catalog.Series) -> pd.DatetimeIndex:
    """The date each observation dated ``index`` becomes public, by ``entry``'s rule."""
    index = pd.DatetimeIndex(index)
    rule = entry.release.strip()
    if rule in ("same day", "vintage date"):
        return index
    if rule == "next business day":
        return index + pd.offsets.BDay(1)
    match = _OFFSET.match(rule)
    if not match:
        raise ValueError(
            f"catalog.csv: release rule {rule!r} of {entry.key} is not 'same day', 'next business day', "
            "'vintage date', end+<offset> or month-end+<offset>"
        )
    freq = "ME" if match.group(1) == "month-end" else PERIOD_END.get(entry.frequency)
    ends = index if freq is None else _period_ends(index, freq)
    return _shift(pd.DatetimeIndex(ends), match.group(2))


def _period_ends(index: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    period = {"ME": "M", "QE": "Q", "YE": "Y"}[freq]
    return index.to_period(period).to_timestamp(how="end").normalize()


def published(frame: pd.DataFrame, entries: list[catalog.Series], as_of) -> pd.DataFrame:
    """``frame`` (columns named by the entries' keys) with every value not yet public on ``as_of`` removed, and the
    rows left empty dropped. ``as_of`` None: everything held."""
    if as_of is None or frame.empty:
        return frame
    cut = pd.Timestamp(as_of)
    keep = np.ones(frame.shape, dtype=bool)
    for position, entry in enumerate(entries):
        keep[:, position] = release_dates(frame.index, entry) <= cut
    if keep.all():
        return frame
    return frame.where(keep).dropna(how="all")


def describe(entry: catalog.Series) -> str:
    """The rule in words, for the provenance cell and the sources page."""
    rule = entry.release.strip()
    if rule in ("same day", "next business day"):
        return f"public the {rule}"
    if rule == "vintage date":
        return "public on its ALFRED vintage date"
    period = "its month" if rule.startswith("month-end") else "its period"
    lag = rule.removeprefix("month-end").removeprefix("end").replace("+", " ").strip()
    return f"public {lag} after {period} ends (a stated lag; no calendar is held)"
