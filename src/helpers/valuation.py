"""Valuation arithmetic: the discount or premium implied by two price-to-earnings multiples."""

from __future__ import annotations

import pandas as pd


def implied_discount(small_pe: float, large_pe: float) -> float:
    """How much cheaper the small multiple is, as a fraction of the large one: 1 - small/large.

    15x against 22x is a discount of 0.318 (31.8%).
    """
    if small_pe <= 0 or large_pe <= 0:
        raise ValueError("P/E multiples must be positive")
    return 1 - small_pe / large_pe


def implied_premium(small_pe: float, large_pe: float) -> float:
    """How much dearer the large multiple is, as a fraction of the small one: large/small - 1.

    22x against 15x is a premium of 0.467 (46.7%).
    """
    if small_pe <= 0 or large_pe <= 0:
        raise ValueError("P/E multiples must be positive")
    return large_pe / small_pe - 1


def large_pe_for_discount(small_pe: float, discount: float) -> float:
    """The large-cap multiple at which ``small_pe`` would be ``discount`` (fraction) cheaper."""
    return small_pe / (1 - discount)


SMALL_SUBJECTS = ("S&P SmallCap 600", "Russell 2000")
LARGE_SUBJECTS = ("S&P 500",)


def pe_pairs(valuations: pd.DataFrame) -> pd.DataFrame:
    """Small- against large-cap forward P/E figures of the same date and kind (published or article claim).

    ``valuations``: the curated table (:func:`helpers.valuations`). One row per
    pair, with both multiples and the implied discount and premium (fractions).
    """
    pe = valuations.loc[valuations["measure"] == "forward 12-month P/E"].reset_index()
    rows = []
    for date, group in pe.groupby("date"):
        small = group.loc[group["subject"].isin(SMALL_SUBJECTS)]
        large = group.loc[group["subject"].isin(LARGE_SUBJECTS)]
        for _, s in small.iterrows():
            same = large.loc[large["kind"] == s["kind"]]
            if same.empty:
                continue
            large_row = same.iloc[0]
            rows.append(
                {
                    "date": date, "small": s["subject"], "small P/E": s["value"], "large": large_row["subject"],
                    "large P/E": large_row["value"],
                    "discount": implied_discount(s["value"], large_row["value"]),
                    "premium": implied_premium(s["value"], large_row["value"]),
                    "kind": s["kind"], "source": s["source"],
                }
            )
    columns = ["small", "small P/E", "large", "large P/E", "discount", "premium", "kind", "source"]
    if not rows:
        return pd.DataFrame(columns=columns, index=pd.DatetimeIndex([], name="date"))
    return pd.DataFrame(rows).set_index("date")[columns]
