"""FOMC announcement dates read from FRED's target range, to extend the curated calendar back.

DFEDTARU/DFEDTARL change on the effective date, the day after an announcement
(intermeeting moves included), so each change of the upper limit reveals an
announcement the day before. Meetings that left the range unchanged leave no
trace in the series: only cuts and hikes can be recovered this way.
"""

from __future__ import annotations

import pandas as pd


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
            "decision": ["cut" if v < 0 else "hike" for v in moves],
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
