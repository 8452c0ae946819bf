import pandas as pd
import pytest

from helpers import curated, stats, valuation


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
