"""Cross-checks between curated facts and the data."""

from __future__ import annotations

import pandas as pd

from helpers.data import curated
from helpers.errors import MissingDataError
from helpers.data.fomc import decision_from_target
from helpers.data.load import load_fred


def fomc_vs_target(as_of=None) -> pd.DataFrame:
    """Each curated FOMC decision against FRED's target range on the following day.

    DFEDTARU/DFEDTARL change on the effective date, the day after an
    announcement. Returns one row per decided meeting covered by the data:
    curated range and change (percent, basis points), FRED's range after and
    its change, and ``agrees`` (True when range and change both match).
    Empty when the target-range series are not held.
    """
    try:
        target = load_fred(["DFEDTARL", "DFEDTARU"], as_of=as_of).dropna()
    except MissingDataError:
        return pd.DataFrame()
    decisions = curated.read_fomc_decisions()
    rows = []
    for day, row in decisions.loc[decisions["decision"] != "scheduled"].iterrows():
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
                    read["lower"] == row["lower"] and read["upper"] == row["upper"]
                    and read["change_bp"] == row["change_bp"] and read["effective"] == day + pd.Timedelta(days=1)
                ),
            }
        )
    return pd.DataFrame(rows).set_index("announcement") if rows else pd.DataFrame()
