"""Cross-checks between curated facts and the data."""

from __future__ import annotations

import pandas as pd

from helpers.data.fomc import decision_from_target
from helpers.data.load import fomc_decisions, load_fred
from helpers.errors import MissingDataError

COLUMNS = ["decision", "curated_range", "curated_change_bp", "fred_effective", "fred_range", "fred_change_bp", "agrees"]


def fomc_vs_target(as_of=None) -> pd.DataFrame:
    """Each curated FOMC decision against FRED's target range on the following day.

    DFEDTARU/DFEDTARL change on the effective date, the day after an
    announcement. Returns one row per decided meeting covered by the data:
    curated range and change (percent, basis points), FRED's range after and
    its change, and ``agrees`` (True when range and change both match).
    Empty, with these columns, when the target-range series are not held or no curated decision falls in them
    (the curated calendar starts in 2024: as of an earlier date there is nothing to check).
    """
    empty = pd.DataFrame(columns=COLUMNS, index=pd.DatetimeIndex([], name="announcement"))
    try:
        target = load_fred(["DFEDTARL", "DFEDTARU"], as_of=as_of).dropna()
    except MissingDataError:
        return empty
    # the curated rows as written (not filled from FRED): the check compares the two sources
    decisions = fomc_decisions(as_of=as_of, fill_from_data=False, decided_only=True)
    rows = []
    for day, row in decisions.iterrows():
        read = decision_from_target(target, day)
        if read is None:
            continue
        rows.append(
            {
                "announcement": day,
                "decision": row["decision"],
                "curated_range": f"{row['lower']:.2f}–{row['upper']:.2f}",
                "curated_change_bp": int(row["change_bp"]),
                "fred_effective": read["effective"],
                "fred_range": f"{read['lower']:.2f}–{read['upper']:.2f}",
                "fred_change_bp": read["change_bp"],
                "agrees": bool(
                    read["lower"] == row["lower"]
                    and read["upper"] == row["upper"]
                    and read["change_bp"] == row["change_bp"]
                    and read["effective"] == day + pd.Timedelta(days=1)
                ),
            }
        )
    return pd.DataFrame(rows).set_index("announcement")[COLUMNS] if rows else empty
