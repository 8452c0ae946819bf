"""Small statistical comparisons the notebooks share (means of returns, with a t-test)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from helpers.errors import TooLittleDataError


def compare_means(a: pd.Series, b: pd.Series, paired: bool = False, labels: tuple[str, str] = ("a", "b")) -> pd.Series:
    """Mean of ``a`` against mean of ``b`` with a t-test of the difference.

    ``paired=True``: a paired t-test on the rows both have (same events, two
    windows); otherwise Welch's t-test (unequal variances). Values keep the
    inputs' units (fractions stay fractions). Returns means, difference
    (a minus b), t statistic, two-sided p-value and the counts used.
    """
    a, b = pd.Series(a, dtype=float), pd.Series(b, dtype=float)
    if paired:
        both = pd.concat([a.rename("a"), b.rename("b")], axis=1).dropna()
        if len(both) < 2:
            raise TooLittleDataError("a paired comparison needs at least two rows with both values")
        a, b = both["a"], both["b"]
        result = stats.ttest_rel(a, b)
        test = "paired t-test"
    else:
        a, b = a.dropna(), b.dropna()
        if len(a) < 2 or len(b) < 2:
            raise TooLittleDataError("each group needs at least two values")
        result = stats.ttest_ind(a, b, equal_var=False)
        test = "Welch t-test"
    first, second = labels
    return pd.Series(
        {
            f"mean {first}": a.mean(),
            f"mean {second}": b.mean(),
            "difference": a.mean() - b.mean(),
            "t": float(result.statistic),
            "p": float(result.pvalue),
            f"n {first}": len(a),
            f"n {second}": len(b),
            "test": test,
        }
    )


def share_positive(values: pd.Series) -> float:
    """Fraction of non-missing values above zero."""
    values = pd.Series(values).dropna()
    return float((values > 0).mean()) if len(values) else np.nan


def percentile_rank(history: pd.Series, value: float) -> float:
    """Fraction of ``history`` (non-missing) at or below ``value``: 0.02 means lower than 98% of it."""
    history = pd.Series(history).dropna()
    if history.empty:
        raise TooLittleDataError("no history to rank against")
    return float((history <= value).mean())


def calendar_month_effect(monthly: pd.Series, month: int = 1, starts=("1926",), label: str = "month") -> pd.DataFrame:
    """One calendar month against the other eleven, from each start year: Welch t-test rows.

    ``monthly``: returns per calendar month (fractions), indexed by month end.
    Row labels read ``<start>-<last year>``; ``label`` names the month in the columns
    (``mean <label>``, ``n <label>``).
    """
    rows = {}
    for start in starts:
        sample = monthly.loc[monthly.index.year >= int(str(start)[:4])].dropna()
        in_month = sample.index.month == month
        period = f"{start}-{sample.index[-1]:%Y}"
        rows[period] = compare_means(sample[in_month], sample[~in_month], labels=(label, "other months"))
    return pd.DataFrame(rows).T
