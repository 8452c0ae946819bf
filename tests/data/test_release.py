"""Release rules: when an observation becomes public, one test per kind of rule on constructed dates."""

import dataclasses

import pandas as pd
import pytest

from helpers.data import catalog, release


def entry(rule: str, frequency: str) -> catalog.Series:
    return dataclasses.replace(catalog.get("DGS2"), release=rule, frequency=frequency)


def test_same_day_and_next_business_day():
    days = pd.DatetimeIndex(["2026-01-02", "2026-01-05", "2026-01-09"])  # a Friday, a Monday, a Friday
    assert list(release.release_dates(days, entry("same day", "daily"))) == list(days)
    assert list(release.release_dates(days, entry("next business day", "daily"))) == list(
        pd.DatetimeIndex(["2026-01-05", "2026-01-06", "2026-01-12"])
    )


@pytest.mark.parametrize(
    "rule, frequency, dated, public",
    [
        ("end+13D", "monthly", "2025-11-01", "2025-12-13"),  # CPI: two weeks after the month
        ("end+7D", "monthly", "2025-11-01", "2025-12-07"),  # unemployment: the first Friday or so
        ("end+30D", "quarterly", "2025-10-01", "2026-01-30"),  # GDP's first estimate, a month after the quarter
        (
            "month-end+1M+7D",
            "daily",
            "2026-04-15",
            "2026-06-06",
        ),  # a French file's day: the update early in the month after next
        ("month-end+1M+7D", "annual", "2025-12-31", "2026-02-07"),
    ],
)
def test_a_stated_lag_from_the_end_of_the_period(rule, frequency, dated, public):
    assert release.release_dates(pd.DatetimeIndex([dated]), entry(rule, frequency))[0] == pd.Timestamp(public)


def test_published_keeps_what_was_out_by_the_date_series_by_series():
    months = pd.date_range("2025-09-01", "2025-12-01", freq="MS")
    frame = pd.DataFrame({"A": [1.0, 2, 3, 4], "B": [5.0, 6, 7, 8]}, index=months)
    a, b = (
        dataclasses.replace(entry("end+13D", "monthly"), key="A"),
        dataclasses.replace(entry("end+40D", "monthly"), key="B"),
    )
    out = release.published(frame, [a, b], "2026-01-06")
    assert out["A"].dropna().index[-1] == pd.Timestamp("2025-11-01")  # December's comes on 13 January
    assert out["B"].dropna().index[-1] == pd.Timestamp("2025-10-01")  # November's on 9 January
    assert release.published(frame, [a, b], None) is frame


def test_every_catalog_row_states_a_valid_rule():
    for row in catalog.entries():
        release.release_dates(pd.DatetimeIndex(["2025-06-01"]), row)  # raises on an unknown rule
        assert release.describe(row).startswith("public")
    with pytest.raises(ValueError, match="release rule"):
        release.release_dates(pd.DatetimeIndex(["2025-06-01"]), entry("whenever", "daily"))
