"""Returns from prices, and the transformations the notebooks share.

Conventions: inputs are **prices or levels** (adjusted closes or index points)
with a DatetimeIndex, one column per series; outputs are **returns as
fractions** (0.05 = 5%) unless a function says otherwise. A missing value in a
price column (a holiday for that series, a gap in the data) is never read as
a zero return: period returns use the last close on or before each date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

TRADING_DAYS_PER_YEAR = 252


def _frame(prices) -> tuple[pd.DataFrame, bool]:
    if isinstance(prices, pd.Series):
        return prices.to_frame(), True
    return prices, False


def _back(result, was_series: bool):
    if was_series and isinstance(result, pd.DataFrame):
        return result.iloc[:, 0]
    if was_series and isinstance(result, pd.Series) and len(result) == 1:
        return result.iloc[0]
    return result


def last_on_or_before(prices, date) -> pd.Series:
    """The last valid price of each column on or before ``date`` (NaN where there is none)."""
    frame, was_series = _frame(prices)
    index = frame.index
    if not (isinstance(index, pd.DatetimeIndex) and index.is_monotonic_increasing) or not all(
        pd.api.types.is_float_dtype(dtype) for dtype in frame.dtypes
    ):
        upto = frame.loc[index <= pd.Timestamp(date)]
        out = upto.ffill().iloc[-1] if len(upto) else pd.Series(np.nan, index=frame.columns)
        return _back(out, was_series)
    # sorted dates and float columns (every loader's output): a binary search and one pass over the numbers
    end = int(index.searchsorted(pd.Timestamp(date), side="right"))
    if end == 0:
        return _back(pd.Series(np.nan, index=frame.columns), was_series)
    values = frame.iloc[:end].to_numpy(dtype=float)
    valid = ~np.isnan(values)
    rows = end - 1 - np.argmax(valid[::-1], axis=0)
    picked = np.where(valid.any(axis=0), values[rows, np.arange(values.shape[1])], np.nan)
    return _back(pd.Series(picked, index=frame.columns, name=index[end - 1]), was_series)


def last_date_on_or_before(index: pd.DatetimeIndex, date) -> pd.Timestamp | None:
    """The last date of ``index`` on or before ``date`` (None when ``date`` precedes it)."""
    index = pd.DatetimeIndex(index)
    position = index.searchsorted(pd.Timestamp(date), side="right") - 1
    return index[position] if position >= 0 else None


def value_on(series: pd.Series, date) -> float:
    """The observation dated exactly ``date`` (NaN when that date is missing): never a neighbour by position."""
    values = series.dropna()
    stamp = pd.Timestamp(date)
    return float(values.loc[stamp]) if stamp in values.index else np.nan


def same_period_year_earlier(date, years: int = 1) -> pd.Timestamp:
    """The date ``years`` calendar years before ``date`` (a month dated on its first day stays on the first)."""
    return pd.Timestamp(date) - pd.DateOffset(years=years)


def change_on_year_earlier(series: pd.Series, date, years: int = 1) -> float:
    """Change (fraction) from the observation dated a year before ``date`` to the one dated ``date``.

    Both are looked up by date (:func:`value_on`), so for a monthly series
    with a missing month (October 2025's CPI was never published) the base of
    November 2025 is still November 2024, not the thirteenth row back. NaN
    when either date has no observation.
    """
    now, then = value_on(series, date), value_on(series, same_period_year_earlier(date, years))
    return now / then - 1 if not (np.isnan(now) or np.isnan(then)) else np.nan


def trailing_return(levels, years: int):
    """Return (fraction) over the trailing ``years`` calendar years at every date, by date.

    ``levels``: prices or a cumulated growth index. At each date, the level
    over the last level on or before the same date ``years`` earlier, minus
    one; NaN until the data reach back that far. A gap in the data shortens
    nothing: the base is found by date, not by counting rows.
    """
    frame, was_series = _frame(levels)
    filled = frame.ffill()
    targets = filled.index - pd.DateOffset(years=years)
    positions = filled.index.searchsorted(targets, side="right") - 1
    base = filled.to_numpy()[np.clip(positions, 0, None)]
    base[positions < 0] = np.nan
    out = pd.DataFrame(filled.to_numpy() / base - 1, index=filled.index, columns=filled.columns)
    return out.iloc[:, 0] if was_series else out


def period_return(prices, start, end):
    """Return from the close on or before ``start`` to the close on or before ``end`` (fraction).

    ``period_return(p, "2024-12-31", "2025-12-31")`` is calendar 2025 when the
    31st of December is a trading day, and still right when it is not.
    """
    frame, was_series = _frame(prices)
    out = last_on_or_before(frame, end) / last_on_or_before(frame, start) - 1
    return _back(out, was_series)


def calendar_returns(prices, freq: str = "YE", complete_only: bool = False):
    """Returns per calendar period (``YE`` years, ``QE`` quarters, ``ME`` months), as fractions.

    Each period runs from the last close of the previous period to its own last
    close. The first period in the data, which has no earlier close, is left
    out. The index holds period-end dates. The last period ends at the last
    date in the data; with ``complete_only`` it is dropped unless that date is
    the period's last business day (a period ending on an exchange holiday
    counts as incomplete: a known limit of the weekday calendar).
    """
    frame, was_series = _frame(prices)
    ends = frame.ffill().resample(freq).last()
    result = (ends / ends.shift(1) - 1).iloc[1:]
    if complete_only and len(result) and not period_complete(frame.index[-1], result.index[-1]):
        result = result.iloc[:-1]
    return result.iloc[:, 0] if was_series else result


def period_complete(last_date, period_end) -> bool:
    """True when data ending on ``last_date`` cover a period ending on ``period_end`` (weekday calendar)."""
    return pd.Timestamp(last_date) + pd.offsets.BDay(1) > pd.Timestamp(period_end)


@dataclass(frozen=True)
class HeldPeriod:
    """A calendar period as the data hold it: returns over it run from ``base``, the last close before its first
    day, to ``end``, its last close held (the period's last close when ``complete``, else the latest so far)."""

    first: pd.Timestamp  # the period's first calendar day
    last: pd.Timestamp  # its last calendar day
    base: pd.Timestamp  # the last date held before ``first``
    end: pd.Timestamp  # the last date held on or before ``last``
    complete: bool  # the data reach ``last`` (:func:`period_complete`)


def held_period(index, first, last) -> HeldPeriod | None:
    """The calendar days ``first`` to ``last`` as the dates in ``index`` hold them; None when the data hold no date
    in the period (it lies after the data, or the as-of date) or none before it (it starts before the data)."""
    index = pd.DatetimeIndex(index)
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    before = last_date_on_or_before(index, first - pd.Timedelta(days=1))
    end = last_date_on_or_before(index, last)
    if before is None or end is None or end < first:
        return None
    return HeldPeriod(first, last, before, end, period_complete(index[-1], last))


def covered_return(prices, first, last):
    """Return (fraction) over the calendar days ``first`` to ``last``, from the last close before ``first`` to the
    last close of the period, when the data cover the whole period; None when they do not (yet).

    ``covered_return(rut, "2025-12-01", "2025-12-31")`` is December 2025 as of any date after it, and None before
    (where :func:`period_return` would quietly measure from the last close held to itself)."""
    frame, _ = _frame(prices)
    period = held_period(frame.dropna(how="all").index, first, last)
    if period is None or not period.complete:
        return None
    return period_return(prices, period.base, period.end)


def date_reached(index, date) -> pd.Timestamp | None:
    """The last date of ``index`` on or before ``date`` when the data reach ``date`` (:func:`period_complete`);
    None when they stop before it (a reading on ``date`` is not yet observable)."""
    index = pd.DatetimeIndex(index)
    if index.empty or not period_complete(index[-1], date):
        return None
    return last_date_on_or_before(index, date)


def relative_strength(numerator: pd.Series, denominator: pd.Series, at=None) -> pd.DataFrame:
    """Ratio of two price series and its natural log, on the dates both have prices.

    ``ratio`` is rebased to 1 at ``at`` (default: the first common date), so a
    rise of the ratio from 1.00 to 1.05 means the numerator gained 5% on the
    denominator. ``log_ratio`` is its logarithm (0 at ``at``): differences of
    log ratios are log excess returns.
    """
    both = pd.concat([numerator, denominator], axis=1, sort=True).dropna()
    ratio = both.iloc[:, 0] / both.iloc[:, 1]
    ratio = ratio / last_on_or_before(ratio, at if at is not None else ratio.index[0])
    return pd.DataFrame({"ratio": ratio, "log_ratio": np.log(ratio)})


def daily_returns(prices) -> pd.DataFrame:
    """Close-to-close returns (fraction) between consecutive valid prices of each column.

    Across a missing day the return spans the gap (it is not split or zeroed).
    """
    frame, was_series = _frame(prices)
    out = frame.apply(lambda col: col.dropna().pct_change()).reindex(frame.index)
    return out.iloc[:, 0] if was_series else out


def compound(returns, freq: str | None = None):
    """Compound returns (fractions): over the whole sample, or per period of ``freq`` (``ME``, ``YE``...).

    Missing values count as no return; a period with no values at all is NaN.
    """
    if freq is None:
        return (1 + returns).prod(min_count=1) - 1
    grouped = (1 + returns).resample(freq)
    return grouped.prod(min_count=1) - 1


def rolling_compound(returns, window: int):
    """Compounded return (fraction) over each trailing ``window`` of period returns (fractions)."""
    return np.expm1(np.log1p(returns).rolling(window, min_periods=window).sum())


def cumulative(returns):
    """Running compounded return (fraction) from a series of period returns (fractions)."""
    return (1 + returns.fillna(0)).cumprod() - 1
