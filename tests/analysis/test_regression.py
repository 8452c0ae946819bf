"""helpers.analysis.regression on simulated data with known answers, against statsmodels, and on bad input."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from helpers.analysis import regression as reg
from helpers.errors import TooLittleDataError

DAYS = pd.bdate_range("2015-01-01", periods=1500)


def simulated(seed=1, n=1500, beta=(0.5, -2.0), alpha=0.03, ar=0.3):
    """y = alpha + b1 x1 + b2 x2 + AR(1) errors."""
    rng = np.random.default_rng(seed)
    index = DAYS[:n]
    X = pd.DataFrame({"mkt (%)": rng.normal(0, 1, n), "ΔDGS2 (pp)": rng.normal(0, 0.05, n)}, index=index)
    e = np.zeros(n)
    shocks = rng.normal(0, 0.5, n)
    for t in range(1, n):
        e[t] = ar * e[t - 1] + shocks[t]
    y = pd.Series(alpha + beta[0] * X.iloc[:, 0] + beta[1] * X.iloc[:, 1] + e, index=index, name="spread (%)")
    return y, X


def test_ols_recovers_known_coefficients_within_their_errors():
    y, X = simulated()
    result = reg.ols(y, X)
    table = result.table
    for name, truth in [("intercept", 0.03), ("mkt (%)", 0.5), ("ΔDGS2 (pp)", -2.0)]:
        assert abs(table.loc[name, "coef"] - truth) < 3 * table.loc[name, "se"], name
        assert table.loc[name, "ci_low"] < truth < table.loc[name, "ci_high"]
    assert result.nobs == 1500 and result.lags == reg.newey_west_lags(1500) == 7
    assert "Newey–West (HAC) standard errors, 7 lags" in result.description


def test_hac_errors_match_statsmodels_called_directly():
    y, X = simulated(seed=2)
    result = reg.ols(y, X, lags=5)
    direct = sm.OLS(y, sm.add_constant(X)).fit(cov_type="HAC", cov_kwds={"maxlags": 5})
    np.testing.assert_allclose(result.table["se"].to_numpy(), direct.bse.to_numpy(), rtol=1e-10)
    np.testing.assert_allclose(result.table["coef"].to_numpy(), direct.params.to_numpy(), rtol=1e-10)


def test_hac_errors_are_wider_than_plain_ones_under_autocorrelation():
    y, X = simulated(seed=3, ar=0.6)
    hac, plain = reg.ols(y, X), reg.ols(y, X, cov_type="nonrobust")
    assert hac.table.loc["intercept", "se"] > plain.table.loc["intercept", "se"]


def test_compare_lines_up_specifications():
    y, X = simulated()
    table = reg.compare({"one": reg.ols(y, X[["mkt (%)"]]), "two": reg.ols(y, X)})
    assert table.loc[("ΔDGS2 (pp)", "coef"), "one"] == ""
    two = reg.ols(y, X).table.loc["ΔDGS2 (pp)"]
    assert table.loc[("ΔDGS2 (pp)", "coef"), "two"] == f"{two['coef']:.3f}***"  # p < 0.01
    assert table.loc[("ΔDGS2 (pp)", "se"), "two"] == f"({two['se']:.3f})"
    assert table.loc[("n", ""), "two"] == "1,500"


def test_frequencies_and_units():
    days = pd.bdate_range("2025-12-29", "2026-01-16")  # includes New Year's Day as a weekday
    prices = pd.DataFrame({"A": np.linspace(100, 118, len(days))}, index=days).drop(pd.Timestamp("2026-01-01"))
    yields = pd.DataFrame({"DGS2": np.linspace(3.5, 3.68, len(days))}, index=days).drop(pd.Timestamp("2026-01-01"))
    daily = reg.returns_at(prices, "daily")
    assert list(daily.columns) == ["A (%)"]
    assert daily.loc["2026-01-02", "A (%)"] == pytest.approx(
        (prices.loc["2026-01-02", "A"] / prices.loc["2025-12-31", "A"] - 1) * 100
    )
    weekly = reg.returns_at(prices, "weekly")
    assert weekly.index[0] == pd.Timestamp("2026-01-09")  # first full Friday-to-Friday week
    assert weekly.iloc[0, 0] == pytest.approx((prices.loc["2026-01-09", "A"] / prices.loc["2026-01-02", "A"] - 1) * 100)
    changes = reg.changes_at(yields, "weekly")
    assert list(changes.columns) == ["ΔDGS2 (pp)"]
    assert changes.iloc[0, 0] == pytest.approx(yields.loc["2026-01-09", "DGS2"] - yields.loc["2026-01-02", "DGS2"])
    assert weekly.index[-1] == pd.Timestamp("2026-01-16")
    assert len(reg.returns_at(prices.loc[:"2026-01-14"], "weekly")) == 1  # the unfinished week of the 16th is left out
    with pytest.raises(ValueError, match="frequency"):
        reg.returns_at(prices, "hourly")


def test_rolling_betas_follow_a_change_in_beta():
    rng = np.random.default_rng(5)
    n = 600
    x = pd.Series(rng.normal(size=n), index=DAYS[:n], name="x")
    beta = np.where(np.arange(n) < 300, 1.0, 3.0)
    y = pd.Series(beta * x.to_numpy() + rng.normal(0, 0.3, n), index=DAYS[:n], name="y")
    betas = reg.rolling_betas(y, x, window=100)
    assert list(betas.columns) == ["x", "x low", "x high"]
    assert betas["x"].iloc[150] == pytest.approx(1.0, abs=0.15)
    assert betas["x"].iloc[-1] == pytest.approx(3.0, abs=0.15)
    assert (betas["x low"] < betas["x"]).all() and (betas["x"] < betas["x high"]).all()
    assert betas.index[0] == DAYS[99]  # the first full window
    expanding = reg.rolling_betas(y, x, expanding=True)
    assert expanding["x"].iloc[-1] == pytest.approx(2.0, abs=0.3)


def test_event_study_recovers_a_planted_abnormal_return():
    rng = np.random.default_rng(7)
    n = 1500
    market = pd.Series(rng.normal(0, 1, n), index=DAYS[:n])
    stock = 0.8 * market + pd.Series(rng.normal(0, 0.5, n), index=DAYS[:n])
    event_days = DAYS[[400, 600, 800, 1000, 1200]]
    planted = 2.0
    for day in event_days:
        stock.loc[day] += planted
    events = [d - pd.Timedelta(days=1) if d.day_of_week == 0 else d for d in event_days]  # Sunday events map to Monday
    result = reg.event_study(stock, events, window=(0, 0), model="market", market=market)
    assert result.n == 5
    assert result.mean_car == pytest.approx(planted, abs=0.5)
    assert result.t > 3
    assert (result.events["day0"].to_numpy() == event_days.to_numpy()).all()
    assert result.events["beta"].mean() == pytest.approx(0.8, abs=0.1)
    zero = reg.event_study(stock - 0.8 * market, events, window=(-1, 1), model="zero")
    assert zero.mean_car == pytest.approx(planted, abs=0.6)


def test_event_study_reports_overlapping_windows():
    rng = np.random.default_rng(8)
    r = pd.Series(rng.normal(size=600), index=DAYS[:600])
    result = reg.event_study(r, [DAYS[300], DAYS[302], DAYS[500]], window=(0, 5), model="zero")
    assert result.events.loc[DAYS[300], "overlaps"] == f"{DAYS[302]:%Y-%m-%d}"
    assert result.events.loc[DAYS[500], "overlaps"] == ""
    assert result.n == 3  # reported, not merged


def test_chow_and_equal_coefficients_find_a_planted_break():
    rng = np.random.default_rng(9)
    n = 1000
    x = pd.Series(rng.normal(size=n), index=DAYS[:n], name="x")
    slope = np.where(np.arange(n) < 500, 0.5, 1.5)
    y = pd.Series(slope * x.to_numpy() + rng.normal(0, 0.5, n), index=DAYS[:n], name="y")
    chow = reg.chow_test(y, x, DAYS[500])
    assert chow["p"] < 1e-6 and chow["n_before"] == 500
    same = reg.chow_test(y.iloc[:500], x.iloc[:500], DAYS[250])
    assert same["p"] > 0.01
    test = reg.equal_coefficients_test(y.iloc[:500], x.iloc[:500], y.iloc[500:], x.iloc[500:])
    assert test["difference x"] == pytest.approx(1.0, abs=0.15) and test["p"] < 1e-6 and test["df"] == 1


@pytest.mark.parametrize(
    "case, message",
    [("mismatched", "share no dates"), ("few", "too few observations"), ("constant", "constant regressor")],
)
def test_bad_input_gets_a_clear_error(case, message):
    y, X = simulated(n=200)
    if case == "mismatched":
        X = X.set_axis(pd.bdate_range("2030-01-01", periods=200))
    elif case == "few":
        y, X = y.iloc[:8], X.iloc[:8]
    elif case == "constant":
        X["flat"] = 1.0
    error = (
        TooLittleDataError if case == "few" else ValueError
    )  # too little data is the one error a caller may turn into a result
    with pytest.raises(error, match=message):
        reg.ols(y, X)


def test_collinear_regressors_are_refused():
    y, X = simulated(n=200)
    X["copy"] = X["mkt (%)"] * 2
    with pytest.raises(ValueError, match="collinear"):
        reg.ols(y, X)


def test_weekly_returns_do_not_bridge_a_missing_week():
    days = pd.bdate_range("2024-01-01", "2024-03-29")
    prices = pd.DataFrame({"A": np.linspace(100, 130, len(days))}, index=days)
    gappy = prices.drop(prices.loc["2024-02-05":"2024-02-09"].index)  # a whole week without a close
    weekly = reg.returns_at(gappy, "weekly")["A (%)"]
    assert pd.Timestamp("2024-02-09") not in weekly.index or np.isnan(weekly.get(pd.Timestamp("2024-02-09"), np.nan))
    assert np.isnan(weekly.get(pd.Timestamp("2024-02-16"), np.nan))  # the week after the gap is not a two-week return
    friday = pd.Timestamp("2024-02-23")
    assert weekly[friday] == pytest.approx((gappy.loc[friday, "A"] / gappy.loc["2024-02-16", "A"] - 1) * 100)
    changes = reg.changes_at(gappy.rename(columns={"A": "DGS2"}), "weekly")["ΔDGS2 (pp)"]
    assert np.isnan(changes.get(pd.Timestamp("2024-02-16"), np.nan))
