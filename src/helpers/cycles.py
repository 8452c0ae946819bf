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
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .events import window_returns


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
            f"at least {self.rise:.2f} pp above the 24-month low, at least {self.gap_months} months after the previous start"
        )


def easing_cycle_starts(rate: pd.Series, rule: EasingRule = EasingRule()) -> pd.DatetimeIndex:
    """Months (first day, as FRED dates them) in which an easing cycle starts, by ``rule``.

    ``rate``: the monthly effective federal funds rate in percent (FEDFUNDS).
    """
    values = rate.dropna()
    v = values.to_numpy()
    starts: list[pd.Timestamp] = []
    for i in range(24, len(v) - rule.horizon):
        before = v[i - 1]
        falls = v[i] <= before - rule.step
        holds = v[i : i + rule.horizon + 1].max() <= before - rule.step + 1e-9
        deep = v[i + rule.horizon] <= before - rule.total
        near_peak = before >= v[i - 12 : i].max() - rule.peak_tolerance
        after_rise = before - v[i - 24 : i].min() >= rule.rise
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


def cycle_start_dates(derived: pd.DatetimeIndex, curated: pd.DatetimeIndex, tolerance_months: int = 1) -> pd.DatetimeIndex:
    """The dates used for analysis: the curated first-cut date where one matches, else the derived month's first day."""
    table = match_first_cuts(derived, curated, tolerance_months)
    dates = table["curated"].fillna(table["derived"])
    dates = dates[table["derived"].notna() | table["curated"].notna()]
    return pd.DatetimeIndex(sorted(dates.unique()), name="first_cut")


def premium_after(returns, starts, half_year: int = 126) -> pd.DataFrame:
    """Compounded returns (fractions) in months 0-6 and 6-12 after each cycle start, and over 0-12.

    ``returns``: daily returns as fractions, a Series (e.g. SMB / 100) or one
    column per series (e.g. a long-short spread). Months are ``half_year``
    trading days: days 0..half_year-1 and half_year..2*half_year-1 from the
    first trading day on or after each start. Columns are
    ``<name> months 0-6``, ``<name> months 6-12`` and ``<name> months 0-12``.
    """
    frame = returns.to_frame() if isinstance(returns, pd.Series) else returns
    first = window_returns(frame, starts, 0, half_year - 1)
    second = window_returns(frame, starts, half_year, 2 * half_year - 1)
    out = pd.DataFrame(index=pd.DatetimeIndex(pd.to_datetime(list(starts)), name="first_cut"))
    for name in frame.columns:
        a = first[name].reindex(out.index) if name in first else pd.Series(index=out.index, dtype=float)
        b = second[name].reindex(out.index) if name in second else pd.Series(index=out.index, dtype=float)
        out[f"{name} months 0-6"] = a
        out[f"{name} months 6-12"] = b
        out[f"{name} months 0-12"] = (1 + a) * (1 + b) - 1
    return out
