"""Analysis helpers against hand-computed values on small frames with holidays and gaps."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import returns as r

# Trading days around New Year 2025: 2024-12-31 (Tue), holiday 2025-01-01, then 01-02, 01-03, 01-06.
DAYS = pd.to_datetime(["2024-12-30", "2024-12-31", "2025-01-02", "2025-01-03", "2025-01-06"])
PRICES = pd.DataFrame({"A": [100.0, 110.0, 99.0, 108.9, 119.79], "B": [50.0, np.nan, 55.0, 55.0, 44.0]}, index=DAYS)


def test_last_on_or_before_skips_holidays_and_gaps():
    assert r.last_on_or_before(PRICES["A"], "2025-01-01") == 110.0  # holiday -> the day before
    values = r.last_on_or_before(PRICES, "2024-12-31")
    assert values["A"] == 110.0 and values["B"] == 50.0  # B missing on the 31st -> last valid
    assert np.isnan(r.last_on_or_before(PRICES, "2024-01-01")["A"])


def test_period_return_uses_closes_on_or_before_each_date():
    # start on the holiday-adjacent close 2024-12-31 (A=110), end 2025-01-04 (Saturday -> 01-03: 108.9)
    assert r.period_return(PRICES["A"], "2024-12-31", "2025-01-04") == pytest.approx(108.9 / 110 - 1)
    both = r.period_return(PRICES, "2024-12-31", "2025-01-06")
    assert both["A"] == pytest.approx(119.79 / 110 - 1)
    assert both["B"] == pytest.approx(44 / 50 - 1)


def test_calendar_returns_yearly_and_monthly():
    days = pd.bdate_range("2023-12-28", "2025-02-05")
    prices = pd.Series(np.arange(len(days), dtype=float) + 100, index=days)
    yearly = r.calendar_returns(prices, "YE")
    p = prices
    assert yearly.loc["2024-12-31"] == pytest.approx(p.loc["2024-12-31"] / p.loc["2023-12-29"] - 1)
    assert yearly.index[0] == pd.Timestamp("2024-12-31")  # 2023 has no earlier close: left out
    monthly = r.calendar_returns(prices, "ME", complete_only=True)
    assert monthly.index[-1] == pd.Timestamp("2025-01-31")  # February is incomplete
    quarterly = r.calendar_returns(prices, "QE")
    assert quarterly.loc["2024-03-31"] == pytest.approx(p.loc["2024-03-29"] / p.loc["2023-12-29"] - 1)


def test_complete_period_ending_on_a_weekend_is_kept():
    days = pd.bdate_range("2026-03-02", "2026-05-29")  # 2026-05-31 is a Sunday
    prices = pd.Series(1.0 + np.arange(len(days)), index=days)
    assert r.calendar_returns(prices, "ME", complete_only=True).index[-1] == pd.Timestamp("2026-05-31")


def test_relative_strength_ratio_and_log():
    rs = r.relative_strength(PRICES["A"], PRICES["B"])
    assert rs.index.tolist() == [d for d in DAYS if d != pd.Timestamp("2024-12-31")]  # common dates only
    assert rs["ratio"].iloc[0] == 1.0
    assert rs.loc["2025-01-06", "ratio"] == pytest.approx((119.79 / 44) / (100 / 50))
    assert rs.loc["2025-01-06", "log_ratio"] == pytest.approx(np.log((119.79 / 44) / 2))


def test_daily_returns_span_a_missing_day_instead_of_zeroing_it():
    returns = r.daily_returns(PRICES)
    assert returns.loc["2025-01-02", "B"] == pytest.approx(55 / 50 - 1)  # across the gap
    assert np.isnan(returns.loc["2024-12-31", "B"])
    assert returns.loc["2025-01-02", "A"] == pytest.approx(-0.1)


def test_compound_and_cumulative():
    monthly = pd.Series([0.10, -0.10, np.nan], index=pd.to_datetime(["2025-01-15", "2025-01-20", "2025-02-03"]))
    by_month = r.compound(monthly, "ME")
    assert by_month.loc["2025-01-31"] == pytest.approx(1.1 * 0.9 - 1)
    assert np.isnan(by_month.loc["2025-02-28"])
    assert r.cumulative(pd.Series([0.1, 0.1])).tolist() == pytest.approx([0.1, 0.21])


def test_period_complete_on_a_weekday_calendar():
    assert r.period_complete("2025-12-31", "2025-12-31")
    assert r.period_complete("2026-05-29", "2026-05-31")  # Friday before a Sunday month-end
    assert not r.period_complete("2025-12-30", "2025-12-31")


def test_rolling_compound():
    daily = pd.Series([0.1, -0.1, 0.2])
    assert r.rolling_compound(daily, 2).tolist()[1:] == pytest.approx([1.1 * 0.9 - 1, 0.9 * 1.2 - 1])
    assert np.isnan(r.rolling_compound(daily, 2).iloc[0])


# ----------------------------------------------------------------------------- lookups by date, with a missing period


def cpi_without_october():
    """Monthly index levels dated on the first of the month, October 2025 never published (as happened)."""
    months = pd.date_range("2024-01-01", "2025-12-01", freq="MS")
    values = pd.Series(300.0 * 1.002 ** np.arange(len(months)), index=months)
    return values.drop(pd.Timestamp("2025-10-01"))


def test_a_year_earlier_is_found_by_date_not_by_counting_rows():
    cpi = cpi_without_october()
    november = pd.Timestamp("2025-11-01")
    expected = cpi[november] / cpi[pd.Timestamp("2024-11-01")] - 1
    assert r.change_on_year_earlier(cpi, november) == pytest.approx(expected)
    assert expected == pytest.approx(1.002**12 - 1)
    positional = cpi.iloc[-2] / cpi.iloc[-14] - 1  # the old bug: 13 rows back after the gap is October 2024
    assert positional == pytest.approx(1.002**13 - 1) and positional != pytest.approx(expected)


def test_a_missing_month_gives_nan_not_a_neighbour():
    cpi = cpi_without_october()
    assert np.isnan(r.value_on(cpi, "2025-10-01"))
    assert np.isnan(r.change_on_year_earlier(cpi, "2025-10-01"))  # the month itself is missing
    assert np.isnan(r.change_on_year_earlier(cpi.drop(pd.Timestamp("2024-12-01")), "2025-12-01"))  # its base is
    assert r.same_period_year_earlier("2025-11-01") == pd.Timestamp("2024-11-01")


def test_trailing_return_is_measured_from_the_same_date_years_earlier():
    days = pd.bdate_range("2020-01-01", "2025-12-31")
    growth = pd.Series(np.linspace(1.0, 2.0, len(days)), index=days)
    gappy = growth.drop(growth.loc["2021-03-01":"2021-06-30"].index)  # four months missing
    out = r.trailing_return(gappy, 1)
    day = pd.Timestamp("2022-05-02")
    base_day = r.last_date_on_or_before(gappy.index, day - pd.DateOffset(years=1))
    assert base_day == pd.Timestamp("2021-02-26")  # the last close before the gap, found by date
    assert out[day] == pytest.approx(gappy[day] / gappy[base_day] - 1)
    assert out[:"2020-12-31"].isna().all()
