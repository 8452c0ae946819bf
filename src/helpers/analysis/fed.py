"""The Fed's recent decisions as notebook 02 reads them: the cuts since a date, the rates around the first of them,
small caps against large caps around each announcement, and the months after the cut that resumed easing.

Returns are fractions, rates percent and their changes percentage points. Every function takes the decisions the
data hold (``h.fomc_decisions(decided_only=True)`` from a start date) and returns None or an empty table when what
it measures is not in the data yet (no cut by the as-of date, a window the prices do not reach), never a result
for another period.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import events
from .returns import last_on_or_before

WEEK_AFTER = (0, 5)  # the window the conclusion reads after each cut: the announcement day and the five after it


def window_label(window) -> str:
    """A trading-day window as tables show it: ``(0, 5)`` -> ``"(+0, +5)"``."""
    start, end = window
    return f"({int(start):+d}, {int(end):+d})"


def cuts_of(decided: pd.DataFrame) -> pd.DataFrame:
    """The cuts among ``decided`` (rows of :func:`helpers.fomc_decisions` with ``decided_only=True``)."""
    return decided.loc[decided["decision"] == "cut"]


def cuts_between(calendar: pd.DataFrame, first, last, as_of=None) -> pd.DataFrame | None:
    """The cuts announced from ``first`` to ``last`` (inclusive), once the calendar held covers that span; None before
    (a count of cuts in a year that is not over would quietly answer another question).

    ``calendar``: :func:`helpers.fomc_decisions` (meetings to come included, cut at the as-of date); ``as_of``: the
    as-of date in force (None: the calendar reaches as far as its last meeting)."""
    reach = pd.Timestamp(as_of) if as_of is not None else (calendar.index[-1] if len(calendar) else None)
    if reach is None or reach < pd.Timestamp(last):
        return None
    return cuts_of(calendar.loc[pd.Timestamp(first) : pd.Timestamp(last)])


def rates_around(rates: pd.DataFrame, first_cut) -> pd.DataFrame | None:
    """Each rate (percent) on the day before ``first_cut`` and at the end of ``rates``, and the change between them
    (percentage points); None when there is no first cut in the data yet (``first_cut`` None) or no rate from the day
    of the cut on (FRED publishes a day's rates the next business day)."""
    if first_cut is None or rates.empty or rates.index[-1] < pd.Timestamp(first_cut):
        return None
    day_before, end = pd.Timestamp(first_cut) - pd.Timedelta(days=1), rates.index[-1]
    table = pd.DataFrame(
        {
            f"{day_before:%Y-%m-%d}": last_on_or_before(rates, day_before),
            f"{end:%Y-%m-%d}": last_on_or_before(rates, end),
        }
    )
    table["change (pp)"] = table.iloc[:, 1] - table.iloc[:, 0]
    table.attrs.update(day_before=day_before, end=end)
    return table


def around_decisions(etfs: pd.DataFrame, smb: pd.Series, decided: pd.DataFrame, windows) -> pd.DataFrame:
    """Small against large around each decision: one row per decision and window (trading days, day 0 the
    announcement day), with ``window``, ``decision``, ``IWM - IWB`` (IWM's compounded daily returns over the window
    minus IWB's) and ``SMB`` (compounded). ``etfs``: daily returns of IWM and IWB; ``smb``: daily SMB, both
    fractions. Decisions whose window the data do not cover are left out (all of them, before the first)."""
    windows = [tuple(w) for w in windows]
    rows = []
    for start, end in windows:
        etf = events.window_returns(etfs[["IWM", "IWB"]], decided.index, start, end)
        factor = events.window_returns(smb.rename("SMB"), decided.index, start, end)
        rows.append(
            pd.DataFrame(
                {
                    "window": window_label((start, end)),
                    "decision": decided.loc[etf.index, "decision"],
                    "IWM - IWB": (etf["IWM"] - etf["IWB"]).astype(float),
                    "SMB": factor["SMB"].reindex(etf.index).astype(float),
                },
                index=etf.index,
            ).rename_axis("event")
        )
    around = pd.concat(rows)
    around["window"] = pd.Categorical(around["window"], categories=[window_label(w) for w in windows], ordered=True)
    return around


def by_decision(around: pd.DataFrame) -> pd.DataFrame:
    """The mean and count of ``IWM - IWB`` and ``SMB`` per window and kind of decision (:func:`around_decisions`)."""
    return around.groupby(["window", "decision"], observed=True)[["IWM - IWB", "SMB"]].agg(["mean", "count"])


def after_cuts(around: pd.DataFrame, window=None) -> pd.DataFrame | pd.Series:
    """IWM minus IWB after each cut: one column per window (rows are cuts), or the one ``window`` as a Series."""
    cuts = around.loc[around["decision"] == "cut"].reset_index()
    if window is not None:
        return cuts.loc[cuts["window"] == window_label(window)].set_index("event")["IWM - IWB"]
    table = cuts.pivot(index="event", columns="window", values="IWM - IWB")
    table.columns = table.columns.astype(str)
    return table


@dataclass(frozen=True)
class Resumption:
    """A cut that resumed easing after a pause, and the size premium over the trading days after it (fractions;
    None while the data do not cover them)."""

    day: pd.Timestamp
    previous_cut: pd.Timestamp | None  # the cut before it
    pause_months: int | None  # calendar months between the two
    days: int  # trading days measured from the cut's day
    returns: dict  # column of the returns given -> compounded return over the days, or None


def resumption(cuts: pd.DataFrame, day, daily: pd.DataFrame, days: int) -> Resumption | None:
    """The cut announced on ``day`` and each column of ``daily`` (daily returns, fractions, e.g. SMB and IWM-IWB)
    compounded over the ``days`` trading days from it; None when ``day`` is not a cut the data hold (yet)."""
    day = pd.Timestamp(day)
    if day not in cuts.index:
        return None
    earlier = cuts.index[cuts.index < day]
    previous = earlier[-1] if len(earlier) else None
    pause = (day.to_period("M") - previous.to_period("M")).n if previous is not None else None
    found = {}
    for name in daily.columns:
        after = events.window_returns(daily[name].dropna(), [day], 0, days - 1)
        found[name] = float(after[name].iloc[0]) if len(after) and pd.notna(after[name].iloc[0]) else None
    return Resumption(day, previous, pause, days, found)
