"""helpers.analysis.cycles: the rule by calendar month, its real-time variant, recession and insurance cuts, windows
beyond a year and the random-start bootstrap, on constructed data."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import cycles
from helpers.errors import TooLittleDataError

# 24 months flat at 3, hikes to 5, a plateau, then a cut to 4.5 and more later (month 34 starts the cycle)
PATH = [3.0] * 24 + [3.5, 4.0, 4.5, 5.0] + [5.0] * 6 + [4.75, 4.5, 4.5, 4.25, 4.25, 4.0, 4.0] + [4.0] * 6


def monthly(values, start="2000-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="MS"))


def test_a_missing_month_is_a_gap_not_a_shift():
    rate = monthly(PATH)
    assert list(cycles.easing_cycle_starts(rate)) == [rate.index[34]]
    # drop the month before the cut: "the month before" must not become the month before that
    gappy = rate.drop(rate.index[33])
    assert len(cycles.easing_cycle_starts(gappy)) == 0
    calendar = cycles.monthly_calendar(gappy)
    assert len(calendar) == len(rate) and np.isnan(calendar.iloc[33])


def test_the_real_time_rule_needs_no_later_months_and_so_also_takes_false_starts():
    # a cut that is reversed the next month: the look-ahead rule rejects it, the real-time rule cannot know yet
    reversed_cut = [3.0] * 24 + [3.5, 4.0, 4.5, 5.0] + [5.0] * 6 + [4.75, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0]
    rate = monthly(reversed_cut)
    assert len(cycles.easing_cycle_starts(rate)) == 0
    assert list(cycles.easing_cycle_starts(rate, real_time=True)) == [rate.index[34]]
    # and a cut in the last month of the data: only the real-time rule can see it at all
    last = monthly(PATH[:35])
    assert len(cycles.easing_cycle_starts(last)) == 0 and len(cycles.easing_cycle_starts(last, real_time=True)) == 1
    assert cycles.EasingRule().look_ahead_months == 6


def test_recession_and_insurance_cuts():
    months = pd.date_range("1975-01-01", "1990-12-01", freq="MS")
    usrec = pd.Series(0.0, index=months[months >= "1980-01-01"])
    usrec.loc["1981-08-01":"1982-11-01"] = 1.0
    unrate = pd.Series(5.0, index=months)
    unrate.loc["1977-03-01":] = 6.5  # +1.5 pp within a year of a 1976 cut
    unrate.loc["1981-10-01":] = 8.0  # and with the 1981 recession
    starts = pd.to_datetime(["1976-06-15", "1978-06-01", "1981-03-10", "1985-05-20"])
    table = cycles.classify_cycles(starts, usrec, unrate)
    assert table.loc["1976-06-15", "kind"] == cycles.RECESSION and table.loc["1976-06-15", "basis"].startswith(
        "unemployment"
    )
    assert table.loc["1978-06-01", "kind"] == cycles.INSURANCE  # unemployment flat, no USREC yet
    assert table.loc["1981-03-10", "kind"] == cycles.RECESSION and table.loc["1981-03-10", "basis"] == "USREC"
    assert table.loc["1981-03-10", "recession_month"] == pd.Timestamp("1981-08-01")
    assert table.loc["1985-05-20", "kind"] == cycles.INSURANCE
    late = cycles.classify_cycles(pd.to_datetime(["1990-06-01"]), usrec, unrate)
    assert late.iloc[0]["kind"] == cycles.UNCLASSIFIED  # the twelve months after are not in the data
    assert cycles.unemployment_rule_agreement(table) == (2, 2)


def test_windows_beyond_a_year():
    days = pd.bdate_range("2020-01-01", periods=200)
    returns = pd.Series(0.01, index=days, name="SMB")
    table = cycles.premium_windows(returns, [days[0]], ((0, 2), (2, 4), (4, 12), (12, 24)), month_days=10)
    assert table.iloc[0]["SMB months 0-2"] == pytest.approx(1.01**20 - 1)
    assert table.iloc[0]["SMB months 2-4"] == pytest.approx(1.01**20 - 1)
    assert table.iloc[0]["SMB months 4-12"] == pytest.approx(1.01**80 - 1)
    assert np.isnan(table.iloc[0]["SMB months 12-24"])  # days 120-239: beyond the 200 held
    short = cycles.premium_windows(returns, [days[150]], ((0, 2), (2, 6)), month_days=10)
    assert not np.isnan(short.iloc[0]["SMB months 0-2"]) and np.isnan(short.iloc[0]["SMB months 2-6"])


def test_random_starts_bootstrap_finds_a_planted_effect_and_not_an_absent_one():
    days = pd.bdate_range("1990-01-01", "2019-12-31")
    rng = np.random.default_rng(0)
    base = pd.Series(rng.normal(0, 0.005, len(days)), index=days)
    starts = days[::600][:10]
    planted = base.copy()
    for start in starts:
        position = days.get_loc(start)
        planted.iloc[position + 126 : position + 252] += 0.002  # months 6-12 after each start
    statistic = lambda w: (w["months 6-12"] - w["months 0-6"]).mean(axis=-1)  # noqa: E731
    found = cycles.random_start_bootstrap(planted, starts, statistic, draws=500, seed=1)
    assert found["cycles"] == 10 and found["p"] < 0.01 and found["actual"] > found["mean"] + 3 * found["sd"]
    none = cycles.random_start_bootstrap(base, starts, statistic, draws=500, seed=1)
    assert none["p"] > 0.05 and 0 <= none["p_two_sided"] <= 1
    again = cycles.random_start_bootstrap(base, starts, statistic, draws=500, seed=1)
    assert again["p"] == none["p"]  # deterministic for a seed
    with pytest.raises(TooLittleDataError, match="too few cycles"):
        cycles.random_start_bootstrap(base, [days[-10]], statistic, draws=10)
