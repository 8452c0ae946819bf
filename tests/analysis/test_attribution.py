"""helpers.analysis.attribution: a spread's summed return split exactly into factor contributions, alpha and
residual."""

import numpy as np
import pandas as pd
import pytest

from helpers.analysis import attribution
from helpers.errors import TooLittleDataError


def test_contributions_add_up_and_recover_known_exposures():
    rng = np.random.default_rng(0)
    days = pd.bdate_range("2023-01-02", "2026-04-30")
    factors = pd.DataFrame(
        {
            "Mkt-RF": rng.normal(0.05, 1.0, len(days)),
            "HML": rng.normal(0, 0.6, len(days)),
            "ΔDGS2 (pp)": rng.normal(0, 0.05, len(days)),
        },
        index=days,
    )
    y = (
        0.02
        + 0.3 * factors["Mkt-RF"]
        + 0.5 * factors["HML"]
        - 2.0 * factors["ΔDGS2 (pp)"]
        + rng.normal(0, 0.05, len(days))
    )
    table = attribution.factor_attribution(y, factors, ("2026-01-01", "2026-12-31"), ("2023-01-01", "2025-12-31"))
    assert table.loc["Mkt-RF", "beta"] == pytest.approx(0.3, abs=0.01)
    assert table.loc["ΔDGS2 (pp)", "beta"] == pytest.approx(-2.0, abs=0.1)
    window = y.loc["2026"]
    assert table.loc["total", "contribution"] == pytest.approx(window.sum())
    parts = table.drop(index=["total", "explained"])["contribution"].sum()
    assert parts == pytest.approx(window.sum())  # exact decomposition
    named = ["Mkt-RF", "HML", "ΔDGS2 (pp)"]
    assert table.loc["explained", "contribution"] == pytest.approx(table.loc[named, "contribution"].sum())
    # each interval: the factor sum (known) times the beta's HAC standard error, 1.96 either side
    assert (table.loc[named, "high"] - table.loc[named, "low"]).to_numpy() == pytest.approx(
        2 * 1.959964 * table.loc[named, "se"].to_numpy()
    )
    assert (table.loc[named, "low"] < table.loc[named, "contribution"]).all()
    assert table.loc["HML", "contribution"] == pytest.approx(
        table.loc["HML", "beta"] * factors.loc["2026", "HML"].sum()
    )
    assert table.attrs["days"] == len(window) and table.attrs["end"] == days[-1]
    assert abs(table.loc["residual", "contribution"]) < 0.05 * np.sqrt(len(window)) * 4


def test_an_empty_window_is_a_clear_error():
    days = pd.bdate_range("2024-01-01", periods=100)
    rng = np.random.default_rng(1)
    factors = pd.DataFrame({"f": rng.normal(size=100)}, index=days)
    with pytest.raises(TooLittleDataError, match="no common observations"):
        attribution.factor_attribution(
            factors["f"] * 2, factors, ("2030-01-01", "2030-12-31"), ("2024-01-01", "2024-12-31")
        )


def test_under_both_keeps_what_has_one_sign_clear_of_zero_under_both_windows():
    def table(values):
        frame = pd.DataFrame(
            values,
            index=["market", "value", "momentum", "explained", "residual", "total"],
            columns=["contribution", "low", "high"],
        )
        return frame

    first = table([[1.0, 0.5, 1.5], [4.0, 3.0, 5.0], [-3.0, -4.0, -2.0], [2.0, 1.0, 3.0], [0, 0, 0], [5, 5, 5]])
    second = table([[1.2, 0.4, 2.0], [3.0, 1.5, 4.5], [2.5, 0.5, 4.5], [6.0, 4.0, 8.0], [0, 0, 0], [5, 5, 5]])
    both = attribution.under_both(first, second)
    assert both["holds under both"].to_dict() == {"market": "yes", "value": "yes", "momentum": "no", "explained": "yes"}
    assert both.loc["value", "betas before, 95% interval"] == "+3.00 to +5.00"
