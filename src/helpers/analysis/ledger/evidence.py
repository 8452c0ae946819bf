"""Measurements the rules share: levels by catalog key, windows the data must cover, moves against their band."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.data import catalog, load
from helpers.errors import NotYetObservableError, TooLittleDataError

from ..returns import daily_returns, last_date_on_or_before, period_complete, period_return
from .claims import Part
from .standard import Standard


def levels(keys) -> pd.DataFrame:
    """Adjusted closes (prices) or index levels for catalog ``keys`` (``IWM``, ``^RUT``), columns named as given."""
    keys = list(dict.fromkeys(keys))
    entries = dict(zip(keys, catalog.lookup(keys, source=("prices", "indices")), strict=True))
    frames = []
    for source, loader in (("prices", load.load_prices), ("indices", load.load_indices)):
        chosen = [k for k, e in entries.items() if e.source == source]
        if chosen:
            frame = loader([entries[k].key for k in chosen])
            frames.append(frame.rename(columns={entries[k].key: k for k in chosen}))
    return pd.concat(frames, axis=1).sort_index()[keys]


def covered_until(frame: pd.DataFrame | pd.Series, date) -> pd.Timestamp:
    """The last date on or before ``date``; raises NotYetObservableError when the data stop before ``date``'s day."""
    date = pd.Timestamp(date)
    held = frame.dropna(how="all") if isinstance(frame, pd.DataFrame) else frame.dropna()
    if held.empty:
        raise TooLittleDataError("no observations held")
    if not period_complete(held.index[-1], date):
        raise NotYetObservableError(f"the data end on {held.index[-1]:%Y-%m-%d}, before {date:%Y-%m-%d}")
    return last_date_on_or_before(held.index, date)


def trading_days(index: pd.DatetimeIndex, start, end) -> int:
    """Trading days after ``start`` up to and including ``end`` in ``index``."""
    index = pd.DatetimeIndex(index)
    return int(((index > pd.Timestamp(start)) & (index <= pd.Timestamp(end))).sum())


def pct(value: float) -> str:
    """A fraction as a signed percentage with one decimal."""
    return f"{value * 100:+.1f}%"


@dataclass(frozen=True)
class Move:
    """A part's move over a window (a fraction) against the sd of moves of that length."""

    part: Part
    move: float  # the basket's return, minus the short leg's when there is one
    sd: float  # one standard deviation of a move of the window's length (in returns)
    days: int
    end: pd.Timestamp
    returns: dict  # each key's own return over the window
    z: float  # the move against its sd, both in log growth (compounding over long windows is not a sum)

    def text(self, standard: Standard) -> str:
        band = standard.z * self.sd
        return f"{self.part.name} {pct(self.move)} (band ±{band * 100:.1f}%, z {self.z:+.2f})"


def move(
    part: Part, start, end, standard: Standard, frame: pd.DataFrame | None = None, band_from: str = "before"
) -> Move:
    """``part``'s move from the ``start`` close to the ``end`` close, and the sd of moves of that many trading days
    from the daily moves of the ``standard.band_days`` trading days before ``start`` (``band_from="window"``: of
    the window itself, for windows of years, where the series may not exist before the window)."""
    frame = levels(part.keys) if frame is None else frame[part.keys]
    end_day = covered_until(frame, end)
    values = period_return(frame, start, end_day)
    daily = daily_returns(frame)
    basket = daily[list(part.long)].mean(axis=1, skipna=False)
    total = float(values[list(part.long)].mean())
    log_basket, log_total = np.log1p(basket), float(np.log1p(total))
    if part.short:
        total -= float(values[part.short])
        log_basket = log_basket - np.log1p(daily[part.short])
        log_total -= float(np.log1p(values[part.short]))
        basket = basket - daily[part.short]
    if band_from == "window":
        window = slice(pd.Timestamp(start) + pd.Timedelta(days=1), end_day)
        history, log_history = basket.dropna().loc[window], log_basket.dropna().loc[window]
    else:
        before = pd.Timestamp(start) - pd.Timedelta(days=1)
        history = basket.dropna().loc[:before].iloc[-standard.band_days :]
        log_history = log_basket.dropna().loc[:before].iloc[-standard.band_days :]
    if len(history) < min(60, standard.band_days):
        raise TooLittleDataError(
            f"too little history before {pd.Timestamp(start):%Y-%m-%d} for the band of {part.name}"
        )
    days = max(trading_days(frame[list(part.long)].dropna().index, start, end_day), 1)
    sd, log_sd = float(history.std(ddof=1) * np.sqrt(days)), float(log_history.std(ddof=1) * np.sqrt(days))
    z = log_total / log_sd if log_sd > 0 else float("nan")
    return Move(part, total, sd, days, end_day, {k: float(values[k]) for k in part.keys}, z)


def band_rule(standard: Standard) -> str:
    return (
        f"the band is {standard.z:.2f} sd of a move of the window's length (daily sd of the {standard.band_days} "
        "trading days before × √days), the standard's two-sided "
        f"{standard.alpha:.0%}"
    )
