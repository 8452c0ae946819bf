"""FOMC announcement dates read from FRED's target range, to extend the curated calendar back.

DFEDTARU/DFEDTARL change on the effective date, the day after an announcement
(intermeeting moves included), so each change of the upper limit reveals an
announcement the day before. Meetings that left the range unchanged leave no
trace in the series: only cuts and hikes can be recovered this way.
"""

from __future__ import annotations

import pandas as pd


def decision_name(change_bp: float) -> str:
    """``hold``, ``cut`` or ``hike`` for a change in the target range (basis points)."""
    return "hold" if change_bp == 0 else ("cut" if change_bp < 0 else "hike")


def decision_from_target(target: pd.DataFrame, day) -> dict | None:
    """The decision announced on ``day`` as FRED's target range shows it.

    ``target``: DFEDTARL and DFEDTARU (percent), daily. Reads the range on the
    first date after ``day`` (the effective date) against the last one on or
    before it. Returns ``effective``, ``lower``, ``upper``, ``change_bp`` and
    ``decision``, or None when the data do not surround the day.
    """
    day = pd.Timestamp(day)
    before = target.loc[target.index <= day]
    after = target.loc[target.index > day]
    if before.empty or after.empty:
        return None
    lower, upper = after.iloc[0]["DFEDTARL"], after.iloc[0]["DFEDTARU"]
    change = int(round((upper - before.iloc[-1]["DFEDTARU"]) * 100))
    return {"effective": after.index[0], "lower": lower, "upper": upper, "change_bp": change,
            "decision": decision_name(change)}


def announcements_from_target(upper: pd.Series) -> pd.DataFrame:
    """Announcements revealed by changes in the target range's upper limit (percent).

    Returns one row per change: the announcement date (the day before the
    effective date), ``decision`` (cut or hike) and ``change_bp``.
    """
    values = upper.dropna()
    step = values.diff().dropna()
    moves = step[step != 0]
    table = pd.DataFrame(
        {
            "decision": [decision_name(v) for v in moves],
            "change_bp": (moves * 100).round().astype(int).to_numpy(),
            "effective": moves.index,
        },
        index=pd.DatetimeIndex(moves.index - pd.Timedelta(days=1), name="announcement"),
    )
    table["source"] = "FRED DFEDTARU change (effective the next day)"
    return table


def combined_calendar(curated: pd.DataFrame, upper: pd.Series) -> pd.DataFrame:
    """The curated decisions plus the cuts and hikes the target range reveals before them.

    Curated rows win where both exist; rows marked ``scheduled`` are left out.
    """
    decided = curated.loc[curated["decision"] != "scheduled", ["decision", "change_bp", "source"]].copy()
    decided["change_bp"] = decided["change_bp"].astype(int)
    revealed = announcements_from_target(upper)
    earlier = revealed.loc[~revealed.index.isin(decided.index) & (revealed.index < decided.index.min()), ["decision", "change_bp", "source"]]
    return pd.concat([earlier, decided]).sort_index()


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
        rows.append({"announcement": day, "day0": index[position], "before": index[position - 1],
                     "change_pp": float(values.iloc[position] - values.iloc[position - 1])})
    table = pd.DataFrame(rows, columns=["announcement", "day0", "before", "change_pp"])
    return table.set_index("announcement")
