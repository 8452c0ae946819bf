"""Notebook 07's legs, breadth and rate check on constructed data: periods measured so far or left out, each pair
against its band, and 05's betas turned into a predicted contribution read against what happened."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import legs, rate_check, robustness as rb, universe
from helpers.analysis.ledger import CONTRADICTED, NOT_SHOWN, STANDARD, SUPPORTED

DAYS = pd.bdate_range("2024-06-03", "2026-03-31")


def funds(seed=5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    keys = ["IWM", "IWB", "IWN", "IWD", "IWO", "IWF"]
    return pd.DataFrame({k: 100 * np.exp(np.cumsum(rng.normal(0, 0.01, len(DAYS)))) for k in keys}, index=DAYS)


def test_every_leg_over_every_period_the_data_reach():
    frame = funds()
    periods = {
        "late 2025": ("2025-09-30", "2025-12-31"),
        "2026 so far": ("2025-12-31", "2026-06-30"),
        "2027": ("2026-12-31", "2027-12-31"),
    }
    table = legs.measure(legs.LEGS, periods, frame=frame)
    assert set(table["period"]) == {"late 2025", "2026 so far"}  # 2027 has not begun: left out
    assert len(table) == 2 * len(legs.LEGS)
    done = table.loc[table["period"] == "late 2025"].set_index("pair")
    partial = table.loc[table["period"] == "2026 so far"].set_index("pair")
    assert done["complete"].all() and not partial["complete"].any()
    assert (partial["through"] == pd.Timestamp("2026-03-31")).all()
    r = frame.loc["2025-12-31"], frame.loc["2025-09-30"]
    expected = (r[0]["IWN"] / r[1]["IWN"] - 1) - (r[0]["IWD"] / r[1]["IWD"] - 1)
    assert done.loc["IWN-IWD", "move"] == pytest.approx(expected)
    assert set(done["reading"]) <= {"ahead beyond its band", "inside its band", "behind beyond its band"}
    # the identity the notebook reads: the two size legs differ as much as the two style legs
    gap = done.loc["IWO-IWF", "move"] - done.loc["IWN-IWD", "move"]
    assert gap == pytest.approx(done.loc["IWD-IWF", "move"] - done.loc["IWN-IWO", "move"])


def test_breadth_pairs_and_paths():
    pairs = legs.breadth_pairs()
    assert list(pairs)[:2] == ["RSP-IVV", "IWC-IWM"]
    assert {f"{t}-IWM" for t in universe.ARTICLE_SECTORS} <= set(pairs)
    frame = funds()
    paths = legs.paths(["IWM-IWB", "IWN-IWO"], "2026-01-06", frame)
    assert list(paths.columns) == ["IWM-IWB", "IWN-IWO"] and paths.iloc[0].tolist() == [0.0, 0.0]
    assert legs.paths(["IWM-IWB"], "2026-06-30", frame).empty


def test_the_yield_change_and_the_realised_spread():
    dates = pd.to_datetime(["2025-12-31", "2026-01-02", "2026-01-05", "2026-06-30"])
    levels = pd.Series([3.47, np.nan, 3.50, 4.14], index=dates)
    change = rate_check.yield_change(levels, "2025-12-31")
    assert (change.level_start, change.level_end) == (3.47, 4.14) and change.change == pytest.approx(0.67)
    assert rate_check.yield_change(levels, "2026-06-30") is None
    frame = pd.DataFrame({rate_check.Y: [1.0, 2.0, np.nan, -0.5]}, index=levels.index)
    assert rate_check.realised(frame, "2025-12-31") == (pytest.approx(1.5), 2)


def robustness_table(rows) -> pd.DataFrame:
    return pd.DataFrame([{"spec": "market", "sample": s, "coef": c, "se": e, "n": 100} for s, c, e in rows])


def test_a_beta_times_the_change_is_the_predicted_contribution_with_its_interval():
    table = robustness_table(
        [("full sample", -0.3, 0.4), ("from the 2024 first cut", -1.8, 0.7), ("2015-2019", 1.5, 0.5)]
    )
    predicted = rate_check.predictions(table, change=0.67, actual=11.2)
    full = predicted.loc["full sample"]
    assert full["predicted"] == pytest.approx(-0.3 * 0.67)
    assert full["high"] - full["predicted"] == pytest.approx(STANDARD.z * 0.4 * 0.67)
    assert full["reading"] == rate_check.NO_PREDICTION  # the interval straddles zero
    assert predicted.loc["from the 2024 first cut", "reading"] == rate_check.OTHER_WAY  # a fall predicted, a rise seen
    assert predicted.loc["2015-2019", "reading"] == rate_check.SAME_WAY
    assert "before 2022" not in predicted.index  # a row the table cannot give is left out
    falling = rate_check.predictions(table, change=-0.67, actual=11.2)
    assert falling.loc["from the 2024 first cut", "reading"] == rate_check.SAME_WAY  # a yield fall predicts a rise


def test_the_claim_on_the_windows_own_days_at_the_standard():
    rng = np.random.default_rng(8)
    days = pd.bdate_range("2025-06-02", "2026-06-30")
    frame = pd.DataFrame(
        {rate_check.MARKET: rng.normal(0, 1, len(days)), rate_check.TERM: rng.normal(0, 0.05, len(days))}, index=days
    )
    for slope, verdict in ((-20.0, SUPPORTED), (20.0, CONTRADICTED), (0.0, NOT_SHOWN)):
        frame[rate_check.Y] = slope * frame[rate_check.TERM] + rng.normal(0, 0.5, len(days))
        fit = rate_check.within_window(frame, "2025-12-31")
        assert fit.verdict == verdict and fit.n == len(frame.loc["2026-01-01":]), slope
    assert rate_check.within_window(frame, "2026-06-29") is None  # one day: too few for the regression


def test_05s_rows_are_the_ones_named():
    """The rows the check reads exist in 05's robustness set (by name), so a renamed sample fails here, not silently."""
    from helpers.analysis import specs

    names = {s.name for s in specs.standard_samples()} | {rb.FULL.name}
    assert {sample for _, sample in rate_check.ROWS.values()} <= names
