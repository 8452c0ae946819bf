import numpy as np
import pandas as pd
import pytest

from helpers.analysis import cycles, events

# Trading days: Friday 2025-07-03 is followed by the 4 July holiday, then the weekend.
DAYS = pd.to_datetime(["2025-07-01", "2025-07-02", "2025-07-03", "2025-07-07", "2025-07-08", "2025-07-09"])
RETURNS = pd.DataFrame(
    {"A": [0.01, 0.02, -0.01, 0.03, 0.00, 0.01], "B": [0.0, 0.01, 0.01, 0.01, -0.02, 0.0]}, index=DAYS
)


def test_an_event_on_a_holiday_maps_to_the_next_trading_day():
    assert events.event_day(DAYS, "2025-07-04") == pd.Timestamp("2025-07-07")
    assert events.event_day(DAYS, "2025-07-02") == pd.Timestamp("2025-07-02")
    assert events.event_day(DAYS, "2025-08-01") is None


def test_window_returns_compound_the_window():
    table = events.window_returns(RETURNS, ["2025-07-04", "2025-07-02"], 0, 1)
    assert table.loc["2025-07-04", "A"] == pytest.approx(1.03 * 1.00 - 1)
    assert table.loc["2025-07-04", "day0"] == pd.Timestamp("2025-07-07")
    assert table.loc["2025-07-02", "B"] == pytest.approx(1.01 * 1.01 - 1)
    before = events.window_returns(RETURNS["A"], ["2025-07-07"], -2, -1)
    assert before.loc["2025-07-07", "A"] == pytest.approx(1.02 * 0.99 - 1)


def test_window_returns_drop_events_the_data_do_not_cover():
    assert events.window_returns(RETURNS, ["2025-07-08"], 0, 5).empty


def test_event_paths_start_at_zero_before_the_window():
    paths = events.event_paths(RETURNS["A"], ["2025-07-04"], -1, 1)
    assert paths.index.tolist() == [-1, 0, 1]
    assert paths.iloc[:, 0].tolist() == pytest.approx([-0.01, 0.99 * 1.03 - 1, 0.99 * 1.03 - 1])


def test_first_trading_days_and_first_date_reaching():
    assert list(events.first_trading_days(DAYS, 2025, 2)) == list(DAYS[:2])
    series = pd.Series([1.0, 1.05, 1.062, 1.07], index=pd.bdate_range("2026-01-02", periods=4))
    assert events.first_date_reaching(series, 1.062) == pd.Timestamp("2026-01-06")
    assert events.first_date_reaching(series, 2.0) is None


def _monthly(values, start="2000-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def test_easing_rule_finds_a_cut_after_a_hike_and_ignores_noise():
    # 24 months flat at 3, hikes to 5, plateau, then a cut to 4.5 and more later
    path = [3.0] * 24 + [3.5, 4.0, 4.5, 5.0] + [5.0] * 6 + [4.75, 4.5, 4.5, 4.25, 4.25, 4.0, 4.0] + [4.0] * 6
    starts = cycles.easing_cycle_starts(_monthly(path))
    assert list(starts) == [_monthly(path).index[34]]
    noisy = [3.0] * 24 + [3.1, 2.9] * 10  # no sustained fall
    assert len(cycles.easing_cycle_starts(_monthly(noisy))) == 0


def test_a_step_inside_a_long_decline_is_not_a_new_cycle():
    decline = [5.0] * 20 + [5.5, 6.0, 6.0, 6.0] + [6.0 - 0.25 * k for k in range(1, 21)]
    starts = cycles.easing_cycle_starts(_monthly(decline))
    assert len(starts) == 1  # only the first fall starts a cycle


def test_matching_derived_months_with_curated_dates():
    derived = pd.to_datetime(["1998-10-01", "2007-08-01", "1974-08-01"])
    curated = pd.to_datetime(["1998-09-29", "2007-09-18", "2019-07-31"])
    table = cycles.match_first_cuts(derived, curated)
    row = table.set_index("curated").loc["1998-09-29"]
    assert row["derived"] == pd.Timestamp("1998-10-01") and row["months_apart"] == 1
    assert table.set_index("curated").loc["2007-09-18", "months_apart"] == -1
    assert pd.isna(table.set_index("curated").loc["2019-07-31", "derived"])
    assert pd.Timestamp("1974-08-01") in set(table.loc[table["curated"].isna(), "derived"])
    dates = cycles.cycle_start_dates(derived, curated)
    assert list(dates) == list(pd.to_datetime(["1974-08-01", "1998-09-29", "2007-09-18", "2019-07-31"]))


def test_an_event_before_the_data_start_is_not_covered():
    assert events.event_day(DAYS, "1990-01-01") is None
    assert events.window_returns(RETURNS, ["1990-01-01"], 0, 1).empty


def test_a_missing_return_inside_the_window_gives_nan_not_a_partial_compound():
    gappy = RETURNS.copy()
    gappy.loc["2025-07-07", "B"] = np.nan
    table = events.window_returns(gappy, ["2025-07-04"], 0, 1)
    assert np.isnan(table.loc["2025-07-04", "B"])
    assert table.loc["2025-07-04", "A"] == pytest.approx(0.03)


def test_year_openings_use_each_years_own_trading_days():
    days = pd.bdate_range("2023-12-20", "2025-01-20")
    prices = pd.DataFrame({"A": np.arange(len(days), dtype=float) + 100}, index=days)
    table = events.year_openings(prices, 3, 2024, 2026)
    assert list(table.index) == [2024, 2025]  # 2026 has no days
    third_day_2024 = days[days.year == 2024][2]
    assert table.loc[2024, "A"] == pytest.approx(prices.loc[third_day_2024, "A"] / prices.loc["2023-12-29", "A"] - 1)


def test_announcement_day_change_is_read_by_date_across_missing_days():
    days = pd.to_datetime(
        ["2024-09-16", "2024-09-17", "2024-09-18", "2024-09-19", "2024-11-04", "2024-11-05", "2024-11-07", "2024-11-08"]
    )
    dgs2 = pd.Series([3.55, 3.60, 3.61, 3.59, 4.20, 4.25, 4.21, 4.26], index=days)
    dgs2.loc["2024-11-06"] = np.nan  # a missing observation the day before an announcement
    table = events.announcement_day_change(
        dgs2.sort_index(), ["2024-09-18", "2024-11-07", "2024-12-18", "2024-09-14", "2024-11-02"]
    )
    assert table.loc["2024-09-18", "change_pp"] == pytest.approx(0.01)
    row = table.loc["2024-11-07"]
    assert row["before"] == pd.Timestamp("2024-11-05") and row["change_pp"] == pytest.approx(-0.04)
    assert pd.Timestamp("2024-12-18") not in table.index  # beyond the data
    assert pd.Timestamp("2024-09-14") not in table.index  # no observation before its day 0
    assert table.loc["2024-11-02", "day0"] == pd.Timestamp("2024-11-04")  # a weekend maps to the next observation
