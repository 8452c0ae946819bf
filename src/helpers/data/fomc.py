"""FOMC announcement dates read from FRED's target range, to extend the curated calendar back.

DFEDTARU/DFEDTARL change on the effective date, the day after an announcement
(intermeeting moves included), so each change of the upper limit reveals an
announcement the day before. Meetings that left the range unchanged leave no
trace in the series: only cuts and hikes can be recovered this way.
"""

from __future__ import annotations

import pandas as pd

DECIDED = ("cut", "hold", "hike")  # a meeting that has happened; "scheduled" ones have not


def decided(table: pd.DataFrame) -> pd.DataFrame:
    """The meetings of ``table`` that have been decided (``decision`` in :data:`DECIDED`): the one filter of decided
    meetings. Notebooks and the analysis ask :func:`helpers.data.load.fomc_decisions` with ``decided_only=True``,
    which applies it."""
    return table.loc[table["decision"].isin(DECIDED)]


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
    return {
        "effective": after.index[0],
        "lower": lower,
        "upper": upper,
        "change_bp": change,
        "decision": decision_name(change),
    }


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
    """The curated decided meetings (``fomc_decisions(decided_only=True)``, see :func:`decided`) plus the cuts and
    hikes the target range reveals before them. Curated rows win where both exist."""
    known = curated[["decision", "change_bp", "source"]].copy()
    known["change_bp"] = known["change_bp"].astype(int)  # a meeting not decided has none: it raises here
    revealed = announcements_from_target(upper)
    before_curated = revealed.index < known.index.min() if len(known) else True  # as of before 2024: every move
    earlier = revealed.loc[~revealed.index.isin(known.index) & before_curated, ["decision", "change_bp", "source"]]
    return pd.concat([earlier, known]).sort_index()
