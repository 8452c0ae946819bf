"""Small caps against large caps over a calendar year and in their own history (notebooks 01 and 03).

Returns are fractions (0.05 = 5%), from adjusted closes (total returns after fees) or index levels (price only).
A year is taken as the data hold it (:func:`helpers.analysis.returns.held_period`): None when it is not in the data
(the as-of date comes before it), the year to date while it is not over. A reading on a reference day is None until
the data reach that day. Nothing here quietly measures another period than the one asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import universe
from .events import first_date_reaching
from .returns import (
    HeldPeriod,
    calendar_returns,
    covered_return,
    date_reached,
    held_period,
    period_return,
    relative_strength,
    trailing_return,
)
from .stats import percentile_rank

# The ETF standing in for each index whose calendar-year return one article states (claims in data/raw/curated).
ARTICLE_PROXIES = {"MICRO_2025": "IWC", "R2K_2025": "IWM", "R1K_2025": "IWB", "TOP50_2025": "XLG"}


def year_period(index, year: int) -> HeldPeriod | None:
    """Calendar ``year`` as the dates in ``index`` hold it (None: not in the data)."""
    return held_period(index, f"{int(year)}-01-01", f"{int(year)}-12-31")


def segment_returns(prices: pd.DataFrame, levels: pd.DataFrame, period: HeldPeriod) -> pd.DataFrame:
    """The return (fraction) of each ETF in ``prices`` (adjusted closes: total return after fees) and each index in
    ``levels`` (price only) over ``period``, best first, with ``segment`` (its label) and ``kind``."""
    etfs = period_return(prices, period.base, period.end).rename("return")
    indexes = period_return(levels, period.base, period.end).rename("return")
    table = pd.concat([etfs, indexes]).to_frame()
    table.insert(0, "segment", [universe.label(t) for t in table.index])
    table["kind"] = [
        "ETF, total return after fees" if t in etfs.index else "index level, price only" for t in table.index
    ]
    return table.sort_values("return", ascending=False)


def quarter_returns(prices: pd.DataFrame, period: HeldPeriod) -> pd.DataFrame:
    """The return (fraction) of each column of ``prices`` in each calendar quarter of ``period`` held so far: one row
    per quarter, labelled ``Q1 2025`` (the last one to date when the year is not over)."""
    quarters = calendar_returns(prices.loc[: period.end], "QE")
    quarters = quarters.loc[quarters.index.year == period.first.year]
    quarters.index = [f"Q{d.quarter} {d.year}" for d in quarters.index]
    return quarters


@dataclass(frozen=True)
class RelativeLow:
    """The low of ``small`` against ``large`` in a period and what each returned (fraction) from it to the period's
    last close held."""

    day: pd.Timestamp
    ratio: float  # the ratio at its low (1 = the close before the period)
    ratio_end: float  # at the period's last close held
    small_from_low: float
    large_from_low: float


def relative_low(
    prices: pd.DataFrame, period: HeldPeriod, small: str = universe.SMALL, large: str = universe.LARGE
) -> RelativeLow:
    """Where ``small`` stood lowest against ``large`` in ``period`` (the ratio of their prices, 1 at the close before
    the period), and each one's return from that day to the period's last close held."""
    ratio = relative_strength(prices[small], prices[large], at=period.base)["ratio"].loc[period.first : period.end]
    day = ratio.idxmin()
    after = period_return(prices[[small, large]], day, period.end)
    return RelativeLow(day, float(ratio.min()), float(ratio.iloc[-1]), float(after[small]), float(after[large]))


@dataclass(frozen=True)
class LevelMilestones:
    """An index level (points) in a period: the first close at or above a threshold after the close before the
    period (None: not reached in the data), the change over the period's December (fraction; None until December is
    complete in the data) and the period's highest close so far."""

    first_reaching: pd.Timestamp | None
    december: float | None
    high: float
    high_day: pd.Timestamp


def level_milestones(level: pd.Series, threshold: float, period: HeldPeriod) -> LevelMilestones:
    """:class:`LevelMilestones` of the index ``level`` (points) for ``period`` and ``threshold`` (points)."""
    level = level.dropna()
    year = period.first.year
    in_period = level.loc[period.first : period.end]
    return LevelMilestones(
        first_date_reaching(level, threshold, after=period.base),
        covered_return(level, f"{year}-12-01", f"{year}-12-31"),
        float(in_period.max()),
        in_period.idxmax(),
    )


def stated_for_year(claims: pd.DataFrame, claim_id: str, year: int) -> float | None:
    """The value a claim states (percent in the table) as a fraction, when the claim speaks of calendar ``year``;
    None when it speaks of another year."""
    claim = claims.loc[claim_id]
    return float(claim["claimed_value"]) / 100 if claim["period_end"].year == int(year) else None


def against_stated(
    claims: pd.DataFrame, etf_returns: pd.Series | None, period: HeldPeriod | None, proxies: dict = ARTICLE_PROXIES
) -> pd.DataFrame:
    """The calendar-year index returns an article states (``claims``, :func:`helpers.claims`, in percent) against the
    ETFs standing in for them (``etf_returns``, fractions, over ``period``): ``stated``, ``ETF return`` and
    ``ETF minus stated`` as fractions. Empty unless the period is in the data, complete, and the year the claims
    speak of."""
    columns = ["article says", "stated", "ETF", "ETF return", "ETF minus stated"]
    if period is None or not period.complete:
        return pd.DataFrame(columns=columns)
    stated = claims.loc[[i for i in proxies if i in claims.index]]
    stated = stated.loc[stated["period_end"].dt.year == period.first.year]
    if stated.empty:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(
        {
            "article says": stated["subject"],
            "stated": stated["claimed_value"] / 100,
            "ETF": [proxies[i] for i in stated.index],
            "ETF return": [etf_returns.get(proxies[i]) for i in stated.index],
        },
        index=stated.index,
    )
    table["ETF minus stated"] = table["ETF return"] - table["stated"]
    return table


# ----------------------------------------------------------------------------- relative price in its own history (03)


@dataclass(frozen=True)
class RatioReading:
    """A price ratio (``small``/``large``, 1 on its first day) on a reference day, ranked in its history to then."""

    day: pd.Timestamp
    ratio: float
    percentile: float  # share of the daily history at or below it (fraction)
    history_start: pd.Timestamp
    peak_day: pd.Timestamp
    peak: float
    low_day: pd.Timestamp
    low: float
    small_since_peak: float  # return (fraction) from the peak to the day
    large_since_peak: float

    @property
    def below_peak(self) -> float:
        """How far below its peak the ratio stood (fraction)."""
        return 1 - self.ratio / self.peak


def ratio_reading(
    prices: pd.DataFrame, reference, small: str = universe.SMALL, large: str = universe.LARGE
) -> RatioReading | None:
    """``small`` against ``large`` (adjusted closes) on the last close on or before ``reference``, ranked in its daily
    history since both trade; None until the data reach ``reference``."""
    ratio = relative_strength(prices[small], prices[large])["ratio"]
    day = date_reached(ratio.index, reference)
    if day is None:
        return None
    history = ratio.loc[:day]
    peak_day = history.idxmax()
    since = period_return(prices[[small, large]], peak_day, day)
    return RatioReading(
        day,
        float(history.iloc[-1]),
        percentile_rank(history, history.iloc[-1]),
        history.index[0],
        peak_day,
        float(history.max()),
        history.idxmin(),
        float(history.min()),
        float(since[small]),
        float(since[large]),
    )


@dataclass(frozen=True)
class GrowthReading:
    """A cumulated return (growth of $1) on a reference day: its distance below the running peak and its trailing
    ``years``-year return (fractions), ranked among all such windows to then."""

    day: pd.Timestamp
    growth: float
    peak: float
    peak_day: pd.Timestamp
    below_peak: float
    years: int
    trailing: float
    trailing_percentile: float
    trailing_since: pd.Timestamp  # the first day with a full trailing window


def growth_reading(growth: pd.Series, reference, years: int) -> GrowthReading | None:
    """:class:`GrowthReading` of ``growth`` (a growth-of-$1 series, e.g. cumulated SMB) on the last day on or before
    ``reference``; None until the data reach ``reference``."""
    day = date_reached(growth.dropna().index, reference)
    if day is None:
        return None
    history = growth.loc[:day]
    trailing = trailing_return(history, years)
    return GrowthReading(
        day,
        float(history.iloc[-1]),
        float(history.max()),
        history.idxmax(),
        float(1 - history.iloc[-1] / history.max()),
        int(years),
        float(trailing.loc[day]),
        percentile_rank(trailing, trailing.loc[day]),
        trailing.first_valid_index(),
    )
