"""Trading-day arithmetic around dated events (FOMC announcements, the first day of a year).

Relative day 0 is the first trading day on or after the event date (an event
on a weekend or holiday maps to the next trading day), provided it comes
within a week of the event: otherwise the data do not cover the event (it
falls before the series starts, or in a gap). Day -1 is the trading day
before day 0. A window ``(start, end)`` covers relative days start..end,
both included, so ``(0, 5)`` runs from the close of day -1 to the close of
day 5 and includes the event day's reaction.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_DAYS_TO_DAY0 = 7


def _position(index: pd.DatetimeIndex, event) -> int | None:
    """Position of relative day 0 in ``index`` (binary search; no hash table is built)."""
    event = pd.Timestamp(event)
    position = int(index.searchsorted(event, side="left"))
    if position >= len(index) or (index[position] - event).days > MAX_DAYS_TO_DAY0:
        return None
    return position


def _as_index(index) -> pd.DatetimeIndex:
    return index if isinstance(index, pd.DatetimeIndex) else pd.DatetimeIndex(index)


def event_day(index: pd.DatetimeIndex, event) -> pd.Timestamp | None:
    """The first date of ``index`` on or after ``event``, if within a week of it (else None)."""
    index = _as_index(index)
    position = _position(index, event)
    return None if position is None else index[position]


def relative_slice(index: pd.DatetimeIndex, event, start: int, end: int) -> slice | None:
    """Positions of relative trading days start..end around ``event`` in ``index``, as a slice for ``iloc``;
    None if the data do not cover them. Binary search only: the cost does not grow with the index's length."""
    index = _as_index(index)
    zero = _position(index, event)
    if zero is None:
        return None
    first, last = zero + start, zero + end
    if first < 0 or last >= len(index):
        return None
    return slice(first, last + 1)


def window_returns(returns, events, start: int, end: int) -> pd.DataFrame:
    """Compounded return (fraction) over relative days start..end around each event.

    ``returns`` holds daily returns as fractions (a Series or one column per
    series); rows of the result are events (by event date as given), columns
    the series, with ``day0`` (the trading day the event maps to). Events whose
    window the data do not cover are dropped; a series with a missing return
    inside the window gets NaN for that event rather than a partial compound.
    """
    frame = returns.to_frame() if isinstance(returns, pd.Series) else returns
    index = _as_index(frame.index)
    values = frame.to_numpy(dtype=float)
    rows = []
    for event in events:
        positions = relative_slice(index, event, start, end)
        if positions is None:
            continue
        # NaN anywhere in a column's window makes that column's compound NaN (no partial compounds)
        compound = np.prod(1 + values[positions], axis=0) - 1
        rows.append(
            {
                "event": pd.Timestamp(event),
                "day0": event_day(index, event),
                **dict(zip(frame.columns, compound, strict=True)),
            }
        )
    if not rows:
        return pd.DataFrame(columns=["day0", *frame.columns]).rename_axis("event")
    return pd.DataFrame(rows).set_index("event")


def event_paths(returns: pd.Series, events, start: int, end: int) -> pd.DataFrame:
    """Cumulative return paths (fraction) around each event: rows are relative days, columns events.

    ``returns``: daily returns as fractions (a missing day counts as no return). Each path is 0 at the close of
    day ``start - 1``.
    """
    paths = {}
    for event in events:
        positions = relative_slice(returns.index, event, start, end)
        if positions is None:
            continue
        values = returns.iloc[positions].fillna(0.0).to_numpy()
        paths[pd.Timestamp(event)] = np.cumprod(1 + values) - 1
    out = pd.DataFrame(paths, index=pd.RangeIndex(start, end + 1, name="relative day"))
    return out


def first_trading_days(index: pd.DatetimeIndex, year: int, n: int) -> pd.DatetimeIndex:
    """The first ``n`` trading days of calendar ``year`` found in ``index`` (fewer if the data stop)."""
    index = pd.DatetimeIndex(index)
    return index[index.year == year][:n]


def first_date_reaching(series: pd.Series, threshold: float, after=None) -> pd.Timestamp | None:
    """First date (after ``after``, if given) on which ``series`` is at or above ``threshold``."""
    values = series.dropna()
    if after is not None:
        values = values.loc[values.index > pd.Timestamp(after)]
    hits = values.index[values >= threshold]
    return hits[0] if len(hits) else None


def year_openings(prices: pd.DataFrame, days: int, first_year: int, last_year: int) -> pd.DataFrame:
    """Return (fraction) of each column over the first ``days`` trading days of each year.

    Each runs from the close on or before the previous 31 December to the close
    of the year's ``days``-th trading day (found in ``prices``' own dates). Years
    with fewer trading days in the data are left out.
    """
    from .returns import period_return

    rows = {}
    for year in range(first_year, last_year + 1):
        opening = first_trading_days(prices.index, year, days)
        if len(opening) < days:
            continue
        rows[year] = period_return(prices, f"{year - 1}-12-31", opening[-1])
    return pd.DataFrame(rows).T.rename_axis("year")


def announcement_day_change(levels: pd.Series, announcements, max_days: int = 7) -> pd.DataFrame:
    """The change of a daily yield (percent) on each announcement day, in percentage points.

    A surprise measure: the 2-year yield prices the expected path of policy, so
    its move from the close before an announcement to the close of the day
    (statements come out at 2 p.m.) is the news the announcement carried, plus
    whatever else moved that day. Day 0 is the first observation on or after the
    announcement (within ``max_days`` calendar days); day -1 the last one before
    day 0, both found by date in the series' own observations (a missing day
    is skipped, never read as zero). Returns ``day0``, ``before`` (day -1),
    ``change_pp``; announcements the series does not cover are left out.
    """
    values = levels.dropna()
    index = values.index
    rows = []
    for day in pd.DatetimeIndex(pd.to_datetime(list(announcements))):
        position = int(index.searchsorted(day, side="left"))
        if position == 0 or position >= len(index) or (index[position] - day).days > max_days:
            continue
        rows.append(
            {
                "announcement": day,
                "day0": index[position],
                "before": index[position - 1],
                "change_pp": float(values.iloc[position] - values.iloc[position - 1]),
            }
        )
    table = pd.DataFrame(rows, columns=["announcement", "day0", "before", "change_pp"])
    return table.set_index("announcement")
