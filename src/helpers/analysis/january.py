"""A year's opening and the January effect (notebook 04): the window, its day-by-day paths, its ranking.

Conventions: prices and index levels in, returns out as **fractions** (0.062 = 6.2%). A year's opening runs from
the last close on or before 31 December of the year before (the *base*) to the close of the year's ``days``-th
trading day, found in the data's own dates.

The window is the subject of the notebook, so every function here says when the data do not hold it (an as-of
date before the year, or a few days into it): :class:`Window` knows how many of its days are held and says why
it is not complete (:meth:`Window.why`); the ranking is None until the window is complete; a return to a date
after the last close held is None. Nothing falls back to another year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass

import pandas as pd

from helpers.errors import ClaimError, NotYetObservableError

from . import events
from .returns import last_date_on_or_before, last_on_or_before, period_return


@dataclass(frozen=True)
class Window:
    """The first ``days`` trading days of ``year`` held in the data, and the close they are measured from."""

    year: int
    days: int  # trading days asked for
    base: pd.Timestamp | None  # the last close on or before 31 December of the year before (None: data start later)
    dates: pd.DatetimeIndex  # the year's trading days held, at most ``days`` (empty before the year begins)
    last_close: pd.Timestamp | None  # the last date of the data held

    @property
    def held(self) -> int:
        """How many of the window's trading days the data hold (0 to ``days``)."""
        return len(self.dates)

    @property
    def complete(self) -> bool:
        """True when the data hold the base close and every day of the window."""
        return self.base is not None and self.held == self.days

    @property
    def end(self) -> pd.Timestamp | None:
        """The last day of the window held (None when no day is)."""
        return self.dates[-1] if self.held else None

    def day_number(self, date) -> int:
        """The trading day of the year ``date`` is (1 for the first), for a date in the window."""
        return int(self.dates.get_loc(pd.Timestamp(date))) + 1

    def require(self) -> Window:
        """This window when complete, else :class:`~helpers.errors.NotYetObservableError` saying why (for a result
        that has no meaning on part of the window, such as an exercise's answer)."""
        if not self.complete:
            raise NotYetObservableError(self.why())
        return self

    def why(self) -> str:
        """One line saying why the window is not complete ("" when it is)."""
        if self.complete:
            return ""
        held = "no data" if self.last_close is None else f"the last close held is {self.last_close:%Y-%m-%d}"
        if self.base is None:
            return f"the close before {self.year} is not in the data ({held})"
        if not self.held:
            return f"January {self.year} is not in the data ({held})"
        verb = "is" if self.held == 1 else "are"
        return f"only {self.held} of the {self.days} trading days of {self.year}'s window {verb} in the data ({held})"


def window(index: pd.DatetimeIndex, year: int, days: int) -> Window:
    """The window of the first ``days`` trading days of ``year`` in ``index`` (trading dates), possibly incomplete."""
    if days < 1:
        raise ValueError(f"a window needs at least one trading day, not {days}")
    index = pd.DatetimeIndex(index)
    return Window(
        year=int(year),
        days=int(days),
        base=last_date_on_or_before(index, pd.Timestamp(year=year - 1, month=12, day=31)),
        dates=events.first_trading_days(index, year, days),
        last_close=index[-1] if len(index) else None,
    )


def paths(levels: pd.DataFrame, opening: Window) -> pd.DataFrame:
    """Return (fraction) of each column from the base close to each day of the window held: rows are the days.

    Empty (no rows, the same columns) when the data hold no day of the window or no base close. A series without a
    close on a day keeps its last close (the returns are read by date, never by position).
    """
    if opening.base is None or not opening.held:
        return levels.iloc[0:0].astype(float)
    base = last_on_or_before(levels, opening.base)
    return pd.DataFrame({day: last_on_or_before(levels, day) / base - 1 for day in opening.dates}).T.rename_axis("date")


def window_return(levels, opening: Window):
    """Return (fraction) over the whole window, per column (a number for a Series); None unless it is complete."""
    if not opening.complete:
        return None
    return period_return(levels, opening.base, opening.end)


def return_to(levels, start, end):
    """Return (fraction) from the close on or before ``start`` to the close on or before ``end``, per column;
    None when the data end before ``end`` (the date is not observable yet)."""
    index = pd.DatetimeIndex(levels.index)
    if not len(index) or index[-1] < pd.Timestamp(end):
        return None
    return period_return(levels, start, end)


@dataclass(frozen=True)
class ClaimedMove:
    """A stated return of one series over a window (a claim of the ledger), in the notebook's units."""

    claim_id: str
    subject: str  # the series the claim measures (a ticker)
    move: float  # the stated return, as a fraction
    start: pd.Timestamp  # the close the return runs from
    day: pd.Timestamp  # the date the claim gives


def claimed_move(claim_id: str) -> ClaimedMove:
    """The stated return of claim ``claim_id`` from the claims table (``claims.csv``: the figure in percent, the
    series and the window), so the figure lives in one place."""
    from .ledger import claims  # imported when needed: the ledger's rules are slow to import

    claim = claims.read()[claim_id]
    if claim.units != "percent" or claim.claimed_value is None or len(claim.parts) != 1 or claim.parts[0].short:
        raise ClaimError(claim_id, "not a stated return of one series in percent, so it gives no move to look for")
    return ClaimedMove(
        claim_id,
        claim.parts[0].long[0],
        float(claim.claimed_value) / 100,
        pd.Timestamp(claim.period_start),
        pd.Timestamp(claim.period_end),
    )


@dataclass(frozen=True)
class Ranking:
    """Small minus large over the same opening days of every year (fractions), and where ``year`` stands."""

    excess: pd.Series  # by year
    year: int

    @property
    def value(self) -> float:
        """The year's small minus large (fraction)."""
        return float(self.excess[self.year])

    @property
    def rank(self) -> int:
        """The year's rank, 1 the best (ties share the best rank)."""
        return int(self.excess.rank(ascending=False, method="min")[self.year])

    @property
    def years(self) -> int:
        return len(self.excess)

    @property
    def first_year(self) -> int:
        return int(self.excess.index[0])


def excess_openings(
    prices: pd.DataFrame, days: int, first_year: int, last_year: int, small: str = "IWM", large: str = "IWB"
) -> pd.Series:
    """``small`` minus ``large`` (fraction) over the first ``days`` trading days of each year from ``first_year``
    to ``last_year``; years the data do not cover whole are left out."""
    openings = events.year_openings(prices[[small, large]], days, first_year, last_year)
    if openings.empty:
        return pd.Series(dtype=float, name=f"{small} minus {large}").rename_axis("year")
    return (openings[small] - openings[large]).dropna().rename(f"{small} minus {large}")


def ranking(
    prices: pd.DataFrame, opening: Window, first_year: int, small: str = "IWM", large: str = "IWB"
) -> Ranking | None:
    """The window's year ranked against every year since ``first_year`` over the same number of opening days;
    None while the window is not complete (the ranking needs the year's whole window)."""
    if not opening.complete:
        return None
    excess = excess_openings(prices, opening.days, first_year, opening.year, small, large)
    return Ranking(excess, opening.year) if opening.year in excess.index else None


def rank_of(excess: pd.Series, year: int) -> int | None:
    """Rank of ``year`` in ``excess`` (1 the best); None when the year is not there."""
    return Ranking(excess, year).rank if year in excess.index else None


def by_calendar_month(monthly: pd.Series) -> pd.DataFrame:
    """Mean, median (fractions) and count of monthly returns per calendar month, January first, by month name."""
    values = monthly.dropna()
    table = values.groupby(values.index.month).agg(["mean", "median", "count"])
    table.index = [calendar.month_name[m] for m in table.index]
    return table


def first_day_reaching(path: pd.Series, opening: Window, move: float) -> pd.Timestamp | None:
    """The first day of a complete window whose return from the base close (``path``, fractions) is at or above
    ``move`` (a fraction); None when the window never reaches it, or is not complete (not known yet)."""
    if not opening.complete:
        return None
    return events.first_date_reaching(path.loc[path.index.isin(opening.dates)], move)
