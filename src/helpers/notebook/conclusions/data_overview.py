"""Notebook 00 (the data behind the collection): its key figures and its conclusion.

Its subject is the data held, so it has something to say at any as-of date; only the cross-check of the curated
FOMC calendar can have nothing to check yet (the calendar holds no decision by then), and it says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..keyfigures import KeyFigures

MARKET_SOURCES = ("prices", "indices")  # the daily market series: every notebook's prices and index levels
FACTOR_SOURCE = "french"


def market_through(coverage: pd.DataFrame) -> pd.Timestamp:
    """The last date every price and index series reaches (:func:`helpers.coverage`: the earliest of their lasts)."""
    return coverage.loc[coverage["source"].isin(MARKET_SOURCES), "last"].min()


def factors_through(coverage: pd.DataFrame) -> pd.Timestamp:
    """The last date every Kenneth French factor file reaches."""
    return coverage.loc[coverage["source"] == FACTOR_SOURCE, "last"].min()


@dataclass
class Results:
    """What notebook 00 computed: the coverage of every series through the loaders (so cut at the as-of date) and
    the curated FOMC decisions against FRED's target range (empty when there is nothing to check yet)."""

    coverage: pd.DataFrame  # helpers.coverage()
    fomc_check: pd.DataFrame  # helpers.analysis.checks.fomc_vs_target()


def record(results: Results) -> KeyFigures:
    """The notebook's key figures (see the labels) from its results."""
    cover, check = results.coverage, results.fomc_check
    earliest = cover["first"].idxmin()
    key = KeyFigures()
    key.add("series_held", len(cover), "count", "series with observations")
    key.add("stored_sources", cover["source"].nunique(), "count", "stored sources (besides the curated tables)")
    key.add("longest_history_series", earliest, "text", "series with the longest history")
    key.add("longest_history_start", cover.loc[earliest, "first"], "date", "first observation of that series")
    key.add("market_data_through", market_through(cover), "date", "every price and index series reaches")
    key.add("factors_through", factors_through(cover), "date", "the factor files end on")
    key.add(
        "fomc_decisions_agreeing",
        int(check["agrees"].sum()) if len(check) else None,
        "count",
        "curated FOMC decisions agreeing with FRED's target range",
    )
    key.add(
        "fomc_decisions_checked",
        len(check) if len(check) else None,
        "count",
        "curated FOMC decisions checked against FRED",
    )
    key.mark_headlines("series_held", "market_data_through", "fomc_decisions_agreeing")
    return key


def summary(key: KeyFigures, label: str) -> str:
    """The conclusion, from the recorded key figures only; ``label``: the label of the data in use
    (:attr:`helpers.data.identity.DataIdentity.label`: real data or the synthetic sample)."""
    fomc = (
        f"**{key.text('fomc_decisions_agreeing')} of {key.text('fomc_decisions_checked')}** curated FOMC decisions "
        "agree with FRED's target range on the following day"
        if key["fomc_decisions_checked"]
        else f"The curated FOMC calendar holds no decision by {key.text('market_data_through')}: there is nothing to "
        "check against FRED's target range yet"
    )
    return (
        f"The collection reads **{key.text('series_held')} series** from **{key.text('stored_sources')} stored "
        f"sources** plus the curated tables. The longest history is {key.text('longest_history_series')} (from "
        f"{key.text('longest_history_start')}); every price and index series reaches "
        f"**{key.text('market_data_through')}**, and the factor files end on {key.text('factors_through')}. "
        f"{fomc}. Data in use: {label}."
    )
