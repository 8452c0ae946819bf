"""Fed easing cycles: their first cuts, derived from the monthly effective rate by a stated rule.

The rule (``EasingRule``), applied to FEDFUNDS (monthly average, percent):
an easing cycle starts in month t when

1. the rate falls at least ``step`` pp from month t-1 to month t, and stays at
   least that far below the t-1 level for the next ``horizon`` months;
2. ``horizon`` months later it is at least ``total`` pp below the t-1 level
   (a sustained easing, not one month's noise);
3. at t-1 the rate was within ``peak_tolerance`` pp of its 12-month high and at
   least ``rise`` pp above its 24-month low (a cut after tightening or a
   plateau, not a step inside a long decline);
4. at least ``gap_months`` months have passed since the previous start.

The month is the monthly average's, so a cut late in a month can show up in
the next one; :func:`match_first_cuts` compares the derived months with the
curated, dated first cuts.

**Look-ahead.** Conditions 1 and 2 use the ``horizon`` months *after* the
start: the rule recognises a cycle only once it has lasted, which no one could
do on the day of the first cut. :func:`easing_cycle_starts` with
``real_time=True`` drops them (a start is any qualifying first fall, decided
with data up to that month), so an analysis can show what the look-ahead buys.
The curated first cuts carry the same hindsight: they are listed because a
cycle followed.

Months are looked up by date on a complete monthly calendar: a month missing
from the data is a gap (no start can be read across it), never a shift of
"the month before" onto an older month.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.errors import TooLittleDataError

from .events import window_returns

TRADING_DAYS_PER_MONTH = 21


@dataclass(frozen=True)
class EasingRule:
    step: float = 0.15  # pp, first monthly fall
    horizon: int = 6  # months the fall must last
    total: float = 0.40  # pp below the pre-cut level after `horizon` months
    peak_tolerance: float = 0.50  # pp below the 12-month high, at most
    rise: float = 0.25  # pp above the 24-month low, at least
    gap_months: int = 12

    def describe(self) -> str:
        return (
            f"a monthly fall of at least {self.step:.2f} pp that holds for {self.horizon} months and reaches "
            f"{self.total:.2f} pp by then, from a level within {self.peak_tolerance:.2f} pp of the 12-month high and "
            f"at least {self.rise:.2f} pp above the 24-month low, "
            f"at least {self.gap_months} months after the previous start"
        )

    @property
    def look_ahead_months(self) -> int:
        """Months after the start the rule reads before it recognises a cycle (``horizon``)."""
        return self.horizon

    def describe_real_time(self) -> str:
        return (
            f"a monthly fall of at least {self.step:.2f} pp "
            f"from a level within {self.peak_tolerance:.2f} pp of the 12-month high "
            f"and at least {self.rise:.2f} pp above the 24-month low, at least {self.gap_months} months after the "
            "previous start (no condition on later months)"
        )


def monthly_calendar(series: pd.Series) -> pd.Series:
    """``series`` (monthly, dated on the first of the month) on a complete monthly calendar: missing months are NaN."""
    values = series.dropna()
    if values.empty:
        return values
    months = pd.date_range(values.index[0].to_period("M").to_timestamp(), values.index[-1], freq="MS")
    return values.groupby(values.index.to_period("M").to_timestamp()).last().reindex(months)


def easing_cycle_starts(rate: pd.Series, rule: EasingRule = EasingRule(), real_time: bool = False) -> pd.DatetimeIndex:
    """Months (first day, as FRED dates them) in which an easing cycle starts, by ``rule``.

    ``rate``: the monthly effective federal funds rate in percent (FEDFUNDS).
    Every comparison is between calendar months (a missing month makes the
    conditions that need it fail). ``real_time=True`` drops the conditions on
    the months after the start (see the module docstring: the look-ahead).
    """
    values = monthly_calendar(rate)
    v = values.to_numpy(dtype=float)
    ahead = 0 if real_time else rule.horizon
    starts: list[pd.Timestamp] = []
    with np.errstate(invalid="ignore"):
        for i in range(24, len(v) - ahead):
            before = v[i - 1]
            past_12, past_24 = v[i - 12 : i], v[i - 24 : i]
            if np.isnan(before) or np.isnan(v[i]) or np.isnan(past_12).any() or np.isnan(past_24).any():
                continue
            falls = v[i] <= before - rule.step
            near_peak = before >= past_12.max() - rule.peak_tolerance
            after_rise = before - past_24.min() >= rule.rise
            if real_time:
                holds = deep = True
            else:
                path = v[i : i + rule.horizon + 1]
                if np.isnan(path).any():
                    continue
                holds = path.max() <= before - rule.step + 1e-9
                deep = path[-1] <= before - rule.total
            if falls and holds and deep and near_peak and after_rise:
                month = values.index[i]
                if not starts or (month.to_period("M") - starts[-1].to_period("M")).n >= rule.gap_months:
                    starts.append(month)
    return pd.DatetimeIndex(starts, name="derived_start")


def match_first_cuts(derived: pd.DatetimeIndex, curated: pd.DatetimeIndex, tolerance_months: int = 1) -> pd.DataFrame:
    """Pair derived cycle months with curated first-cut dates (within ``tolerance_months``).

    One row per curated date and per unmatched derived month: ``curated``,
    ``derived`` and ``months_apart`` (derived month minus curated month).
    """
    rows, used = [], set()
    for cut in pd.DatetimeIndex(curated):
        best = None
        for month in derived:
            apart = (month.to_period("M") - cut.to_period("M")).n
            if abs(apart) <= tolerance_months and month not in used and (best is None or abs(apart) < abs(best[1])):
                best = (month, apart)
        if best:
            used.add(best[0])
        rows.append({"curated": cut, "derived": best[0] if best else pd.NaT, "months_apart": best[1] if best else None})
    for month in derived:
        if month not in used:
            rows.append({"curated": pd.NaT, "derived": month, "months_apart": None})
    table = pd.DataFrame(rows)
    table["order"] = table["curated"].fillna(table["derived"])
    return table.sort_values("order").drop(columns="order").reset_index(drop=True)


def cycle_start_dates(
    derived: pd.DatetimeIndex, curated: pd.DatetimeIndex, tolerance_months: int = 1
) -> pd.DatetimeIndex:
    """The dates used for analysis: the curated first-cut date where one matches, else the derived month's first day."""
    table = match_first_cuts(derived, curated, tolerance_months)
    dates = table["curated"].fillna(table["derived"])
    dates = dates[table["derived"].notna() | table["curated"].notna()]
    return pd.DatetimeIndex(sorted(dates.unique()), name="first_cut")


def match_counts(matches: pd.DataFrame) -> dict:
    """From :func:`match_first_cuts`: ``derived`` (cycles the rule finds), ``published`` (published first cuts),
    ``matched`` (published ones the rule finds within the tolerance) and ``same_month`` (of those, in their month)."""
    both = matches.dropna(subset=["curated", "derived"])
    return {
        "derived": int(matches["derived"].notna().sum()),
        "published": int(matches["curated"].notna().sum()),
        "matched": len(both),
        "same_month": int((both["months_apart"] == 0).sum()),
    }


def premium_windows(
    returns, starts, windows=((0, 6), (6, 12)), month_days: int = TRADING_DAYS_PER_MONTH
) -> pd.DataFrame:
    """Compounded returns (fractions) over month windows after each cycle start.

    ``returns``: daily returns as fractions, a Series (e.g. SMB / 100) or one
    column per series. A window ``(a, b)`` covers trading days
    ``a * month_days`` to ``b * month_days - 1`` counted from the first trading
    day on or after the start (21 trading days a month). Columns are
    ``<name> months a-b``; a window the data do not cover (or with a missing
    return inside) is NaN.
    """
    frame = returns.to_frame() if isinstance(returns, pd.Series) else returns
    out = pd.DataFrame(index=pd.DatetimeIndex(pd.to_datetime(list(starts)), name="first_cut"))
    for a, b in windows:
        found = window_returns(frame, starts, a * month_days, b * month_days - 1)
        for name in frame.columns:
            column = found[name] if name in found else pd.Series(dtype=float)
            out[f"{name} months {a}-{b}"] = column.reindex(out.index)
    return out


# ----------------------------------------------------------------------------- recession and insurance cycles

RECESSION, INSURANCE, UNCLASSIFIED = "recession", "insurance", "unclassified"


def classify_cycles(
    starts,
    usrec: pd.Series | None = None,
    unrate: pd.Series | None = None,
    months: int = 12,
    unemployment_rise: float = 1.0,
) -> pd.DataFrame:
    """Each first cut as a *recession* or an *insurance* cut, by a stated rule.

    A cut is a recession cut when a recession month falls in the month of the
    cut or the ``months`` after it. Where ``usrec`` (FRED's NBER indicator,
    monthly, 1 = recession) covers that span, it decides; elsewhere (USREC in
    this collection starts in 1980) the unemployment rate decides: a recession
    when ``unrate`` (monthly, percent) rises at least ``unemployment_rise`` pp
    above its low of the 12 months before the cut within the same span. The
    rule uses hindsight by design: whether a recession followed is known only
    later. Returns ``kind``, ``basis`` and the facts behind each call.
    """
    rows = []
    usrec_m = monthly_calendar(usrec) if usrec is not None and len(usrec.dropna()) else None
    unrate_m = monthly_calendar(unrate) if unrate is not None and len(unrate.dropna()) else None
    for start in pd.DatetimeIndex(pd.to_datetime(list(starts))):
        month = start.to_period("M").to_timestamp()
        span = pd.date_range(month, periods=months + 1, freq="MS")
        row = {
            "first_cut": start,
            "kind": UNCLASSIFIED,
            "basis": "",
            "recession_month": pd.NaT,
            "unemployment_rise_pp": np.nan,
        }
        if unrate_m is not None:
            before = unrate_m.reindex(pd.date_range(month - pd.DateOffset(months=12), periods=12, freq="MS"))
            after = unrate_m.reindex(span)
            if before.notna().all() and after.notna().all():
                row["unemployment_rise_pp"] = float(after.max() - before.min())
        if usrec_m is not None and usrec_m.reindex(span).notna().all():
            flags = usrec_m.reindex(span)
            hit = flags.index[flags > 0]
            row.update(
                kind=RECESSION if len(hit) else INSURANCE, basis="USREC", recession_month=hit[0] if len(hit) else pd.NaT
            )
        elif not np.isnan(row["unemployment_rise_pp"]):
            row.update(
                kind=RECESSION if row["unemployment_rise_pp"] >= unemployment_rise else INSURANCE,
                basis=f"unemployment +{unemployment_rise:g} pp",
            )
        rows.append(row)
    return pd.DataFrame(rows).set_index("first_cut")


def premium_by_kind(windows: pd.DataFrame, kinds: pd.Series, measure: str = "SMB") -> pd.DataFrame:
    """The average of ``measure``'s windows (:func:`premium_windows`, fractions) by kind of cut, one row per window:
    a column per kind in ``kinds`` (from :func:`classify_cycles`), ``all cycles`` and ``cycles`` (how many each
    window's average of all cycles rests on)."""
    columns = [c for c in windows.columns if c.startswith(f"{measure} months ")]
    table = windows[columns].groupby(kinds.reindex(windows.index)).mean().T
    table["all cycles"] = windows[columns].mean()
    table["cycles"] = windows[columns].count()
    return table


def unemployment_rule_agreement(classified: pd.DataFrame, unemployment_rise: float = 1.0) -> tuple[int, int]:
    """(agreeing, compared): cycles USREC classifies on which the unemployment rule gives the same call."""
    decided = classified.loc[(classified["basis"] == "USREC") & classified["unemployment_rise_pp"].notna()]
    by_rule = np.where(decided["unemployment_rise_pp"] >= unemployment_rise, RECESSION, INSURANCE)
    return int((by_rule == decided["kind"].to_numpy()).sum()), len(decided)


# ----------------------------------------------------------------------------- random start dates


def random_start_bootstrap(
    returns: pd.Series,
    starts,
    statistic,
    windows=((0, 6), (6, 12)),
    draws: int = 2000,
    seed: int = 20260106,
    month_days: int = TRADING_DAYS_PER_MONTH,
    first=None,
) -> dict:
    """How often random start dates give a ``statistic`` at least as large as the cycles' own.

    ``returns``: daily returns (fractions); ``starts``: the cycle starts.
    ``statistic(w)`` maps window returns to one number per set of starts:
    ``w`` holds, for each of ``windows``, an array ``w["months a-b"]`` whose
    last axis runs over the starts (e.g. ``lambda w: w["months 6-12"].mean(axis=-1)``).
    Each draw picks as many start days as there are covered cycles, uniformly
    (with replacement) among the trading days from ``first`` (default: the
    first cycle's start) to the last day that leaves every window covered.
    Returns the actual value, the draws' mean and standard deviation, the
    one-sided ``p`` (share of draws at least as large), ``p_two_sided``
    (twice the smaller tail) and the number of draws. Deterministic for a
    given ``seed``.
    """
    values = returns.dropna()
    log_growth = np.concatenate([[0.0], np.cumsum(np.log1p(values.to_numpy(dtype=float)))])
    span = max(b for _, b in windows) * month_days

    def windows_at(positions: np.ndarray) -> dict:
        return {
            f"months {a}-{b}": np.expm1(log_growth[positions + b * month_days] - log_growth[positions + a * month_days])
            for a, b in windows
        }

    index = values.index
    actual_positions = []
    for start in pd.DatetimeIndex(pd.to_datetime(list(starts))):
        position = int(index.searchsorted(start, side="left"))
        if position < len(index) and (index[position] - start).days <= 7 and position + span <= len(index):
            actual_positions.append(position)
    if len(actual_positions) < 2:
        raise TooLittleDataError(f"too few cycles covered by the returns: {len(actual_positions)}")
    actual = float(statistic(windows_at(np.array(actual_positions))))
    low = int(index.searchsorted(pd.Timestamp(first) if first is not None else index[actual_positions[0]], side="left"))
    high = len(index) - span + 1
    if high <= low:
        raise TooLittleDataError("the returns are too short for random start dates")
    rng = np.random.default_rng(seed)
    drawn = np.asarray(statistic(windows_at(rng.integers(low, high, size=(draws, len(actual_positions))))), dtype=float)
    above, below = float((drawn >= actual).mean()), float((drawn <= actual).mean())
    return {
        "actual": actual,
        "mean": float(drawn.mean()),
        "sd": float(drawn.std(ddof=1)),
        "p": above,
        "p_two_sided": min(1.0, 2 * min(above, below)),
        "draws": draws,
        "cycles": len(actual_positions),
        "from": index[low],
        "to": index[high - 1],
    }
