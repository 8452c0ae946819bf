import numpy as np
import pandas as pd
import pytest

from helpers.analysis import stats, valuation
from helpers.data import curated


def test_the_articles_pair_is_a_32_percent_discount_not_26():
    assert valuation.implied_discount(15, 22) == pytest.approx(0.3182, abs=1e-4)
    assert valuation.implied_premium(15, 22) == pytest.approx(0.4667, abs=1e-4)
    assert valuation.large_pe_for_discount(15, 0.26) == pytest.approx(20.27, abs=0.01)


def test_non_positive_multiples_are_refused():
    with pytest.raises(ValueError):
        valuation.implied_discount(-3, 20)


def test_pairs_from_the_curated_table():
    pairs = valuation.pe_pairs(curated.read_valuations())
    assert list(pairs.index.strftime("%Y-%m-%d")) == ["2025-12-02", "2026-01-06", "2026-02-16"]
    row = pairs.loc["2025-12-02"]
    assert (row["small P/E"], row["large P/E"]) == (14.8, 21.9)
    assert row["discount"] == pytest.approx(1 - 14.8 / 21.9)
    assert pairs.loc["2026-01-06", "kind"] == "article claim"


def test_percentile_rank():
    history = pd.Series([1.0, 2.0, 3.0, 4.0, None])
    assert stats.percentile_rank(history, 2.0) == 0.5
    assert stats.percentile_rank(history, 0.5) == 0.0


def test_no_pairs_before_the_first_figure():
    table = curated.read_valuations()
    pairs = valuation.pe_pairs(table.loc[:"2025-11-30"])
    assert pairs.empty and "discount" in pairs.columns


def test_a_multiple_is_carried_by_price_with_earnings_held_fixed():
    assert valuation.roll_multiple(21.0, 100.0, 95.0) == pytest.approx(19.95)
    low, high = valuation.discount_range(15, 22, 0.5)
    assert low == pytest.approx(1 - 15.5 / 21.5) and high == pytest.approx(1 - 14.5 / 22.5)
    assert low < valuation.implied_discount(15, 22) < high


def test_pairs_are_carried_to_the_claims_date_forward_or_back():
    pairs = pd.DataFrame(
        {
            "small": ["S&P SmallCap 600", "Russell 2000"],
            "small P/E": [14.8, 16.0],
            "large": ["S&P 500", "S&P 500"],
            "large P/E": [21.9, 21.0],
            "discount": [0.3242, 0.2381],
            "premium": [0.48, 0.31],
            "kind": ["published"] * 2,
            "source": ["a", "b"],
        },
        index=pd.to_datetime(["2025-12-02", "2026-02-16"]).rename("date"),
    )
    days = pd.bdate_range("2025-11-03", "2026-03-02")
    prices = {
        "S&P 500": pd.Series(100.0, index=days),
        "S&P SmallCap 600": pd.Series(np.linspace(50, 60, len(days)), index=days),
        "Russell 2000": pd.Series(np.linspace(200, 220, len(days)), index=days),
    }
    table = valuation.pairs_at(pairs, "2025-12-31", prices)
    forward = table.loc["2025-12-02"]
    ratio = prices["S&P SmallCap 600"].loc["2025-12-31"] / prices["S&P SmallCap 600"].loc["2025-12-02"]
    assert forward["small P/E at"] == pytest.approx(14.8 * ratio) and forward["large P/E at"] == pytest.approx(21.9)
    assert forward["days"] == 29 and forward["how"].startswith("rolled forward")
    back = table.loc["2026-02-16"]
    assert back["days"] < 0 and back["how"].startswith("rolled back")
    assert back["small P/E at"] < 16.0  # the Russell 2000 was lower at the end of December
    assert back["discount at"] == pytest.approx(1 - back["small P/E at"] / back["large P/E at"])
    assert valuation.pairs_at(pairs, "2025-12-31", {}).empty
