import numpy as np
import pandas as pd
import pytest
from scipy import stats as sp

from helpers.analysis import stats
from helpers.errors import TooLittleDataError


def test_welch_comparison_matches_scipy():
    a = pd.Series([0.02, 0.03, 0.01, 0.04])
    b = pd.Series([0.0, 0.01, -0.01, 0.005, np.nan])
    out = stats.compare_means(a, b, labels=("jan", "rest"))
    expected = sp.ttest_ind(a, b.dropna(), equal_var=False)
    assert out["mean jan"] == pytest.approx(0.025) and out["n rest"] == 4
    assert out["t"] == pytest.approx(expected.statistic) and out["p"] == pytest.approx(expected.pvalue)
    assert out["difference"] == pytest.approx(0.025 - b.mean())


def test_paired_comparison_uses_rows_with_both_values():
    a = pd.Series([0.1, 0.2, 0.3, np.nan], index=list("wxyz"))
    b = pd.Series([0.0, 0.1, 0.1, 0.5], index=list("wxyz"))
    out = stats.compare_means(a, b, paired=True)
    assert out["n a"] == 3 and out["test"] == "paired t-test"
    assert out["t"] == pytest.approx(sp.ttest_rel([0.1, 0.2, 0.3], [0.0, 0.1, 0.1]).statistic)


def test_too_few_values_is_a_clear_error():
    with pytest.raises(TooLittleDataError, match="at least two"):
        stats.compare_means(pd.Series([1.0]), pd.Series([1.0, 2.0]))


def test_share_positive():
    assert stats.share_positive(pd.Series([0.1, -0.2, np.nan, 0.3])) == pytest.approx(2 / 3)


def test_calendar_month_effect_by_start_year():
    months = pd.date_range("1990-01-31", "2009-12-31", freq="ME")
    values = pd.Series(np.where(months.month == 1, 0.02, 0.0) + np.linspace(-0.001, 0.001, len(months)), index=months)
    table = stats.calendar_month_effect(values, month=1, starts=("1990", "2000"))
    assert list(table.index) == ["1990-2009", "2000-2009"]
    assert table.loc["1990-2009", "n month"] == 20 and table.loc["2000-2009", "n month"] == 10
    assert table.loc["1990-2009", "difference"] == pytest.approx(0.02, abs=0.002)
