"""helpers.analysis.segments on constructed prices: a calendar year of the size segments (or None before it), small
against large through it, an index level's milestones, and relative prices read on a day only once it is held."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import segments


def prices(end="2025-12-31") -> pd.DataFrame:
    days = pd.bdate_range("2023-01-02", end)
    t = np.arange(len(days))
    # IWM falls against IWB until August 2025, then recovers; RUT rises 600 points a year from 2025 (2,500 in November)
    iwm = 100 * np.exp(0.0004 * t - 0.08 * np.exp(-(((days - pd.Timestamp("2025-08-01")).days / 60.0) ** 2)))
    iwb = 100 * np.exp(0.0006 * t)
    rut = 2000 + 600 * np.clip((days - pd.Timestamp("2025-01-01")).days / 365, 0, None)
    return pd.DataFrame({"IWM": iwm, "IWB": iwb, "RUT": rut}, index=days)


def test_a_year_not_in_the_data_is_none():
    held = prices(end="2024-06-28")
    assert segments.year_period(held.index, 2025) is None


def test_the_year_to_date_and_the_whole_year():
    partial = segments.year_period(prices(end="2025-06-30").index, 2025)
    assert partial.end == pd.Timestamp("2025-06-30") and not partial.complete
    held = prices()
    period = segments.year_period(held.index, 2025)
    assert period.complete and period.base == pd.Timestamp("2024-12-31")
    table = segments.segment_returns(held[["IWM", "IWB"]], held[["RUT"]], period)
    assert list(table.columns) == ["segment", "return", "kind"] and table["return"].is_monotonic_decreasing
    assert table.loc["RUT", "kind"] == "index level, price only"
    quarters = segments.quarter_returns(held[["IWM", "IWB"]], period)
    assert list(quarters.index) == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    assert (1 + quarters["IWB"]).prod() - 1 == pytest.approx(table.loc["IWB", "return"])
    assert list(segments.quarter_returns(held[["IWM"]].loc[:"2025-05-15"], partial).index) == ["Q1 2025", "Q2 2025"]


def test_the_low_of_small_against_large_and_the_level_milestones():
    held = prices()
    period = segments.year_period(held.index, 2025)
    low = segments.relative_low(held, period)
    assert abs((low.day - pd.Timestamp("2025-08-01")).days) <= 10 and low.ratio < low.ratio_end
    assert low.small_from_low == pytest.approx(held.loc["2025-12-31", "IWM"] / held.loc[low.day, "IWM"] - 1)
    milestones = segments.level_milestones(held["RUT"], 2500, period)
    assert milestones.first_reaching == pd.Timestamp("2025-11-03") and milestones.high_day == pd.Timestamp("2025-12-31")
    assert milestones.december == pytest.approx(held.loc["2025-12-31", "RUT"] / held.loc["2025-11-28", "RUT"] - 1)
    partial = segments.year_period(held.loc[:"2025-12-15"].index, 2025)
    assert segments.level_milestones(held["RUT"].loc[:"2025-12-15"], 2500, partial).december is None


def test_the_article_comparison_only_for_the_whole_of_its_year():
    claims = pd.DataFrame(
        {"subject": ["Russell 2000 (IWM)"], "claimed_value": [12.8], "period_end": [pd.Timestamp("2025-12-31")]},
        index=["R2K_2025"],
    )
    held = prices()
    etfs = pd.Series({"IWM": 0.127})
    table = segments.against_stated(claims, etfs, segments.year_period(held.index, 2025))
    assert table.loc["R2K_2025", "ETF minus stated"] == pytest.approx(-0.001)
    assert segments.against_stated(claims, etfs, segments.year_period(held.index, 2024)).empty  # another year
    assert segments.against_stated(claims, etfs, segments.year_period(held.loc[:"2025-06-30"].index, 2025)).empty
    assert segments.against_stated(claims, None, None).empty
    assert segments.stated_for_year(claims, "R2K_2025", 2025) == pytest.approx(0.128)
    assert segments.stated_for_year(claims, "R2K_2025", 2024) is None


def test_relative_price_readings_wait_for_their_day():
    held = prices()
    assert segments.ratio_reading(held.loc[:"2025-12-30"], "2025-12-31") is None
    reading = segments.ratio_reading(held, "2025-12-31")
    assert reading.day == pd.Timestamp("2025-12-31") and 0 <= reading.percentile <= 1
    assert reading.below_peak == pytest.approx(1 - reading.ratio / reading.peak)
    growth = (1 + held["IWB"].pct_change().fillna(0)).cumprod()
    assert segments.growth_reading(growth.loc[:"2025-11-28"], "2025-12-31", 1) is None
    found = segments.growth_reading(growth, "2025-12-31", 1)
    assert found.trailing == pytest.approx(growth.loc["2025-12-31"] / growth.loc["2024-12-31"] - 1)
    assert found.below_peak == pytest.approx(0) and found.trailing_since == pd.Timestamp("2024-01-02")
