"""Return attribution: how much of a spread's return over a window its factor exposures account for.

:func:`factor_attribution` estimates the exposures (OLS betas) of a daily
return spread to a set of factors over an estimation window, then, over the
attribution window, multiplies each beta by the factor's summed daily moves.
With sums of daily values the decomposition is exact::

    sum(y) = n * alpha + sum_k beta_k * sum(f_k) + sum(residual)

so each line of the table is a contribution in the spread's units (percentage
points when returns are in percent). The residual is what the exposures do not
explain. Sums of daily returns differ slightly from the compounded return; the
table reports both. Estimating the betas on data before the window keeps the
attribution free of look-ahead; estimating them inside the window (``in
sample``) is the alternative it should be read beside.
"""

from __future__ import annotations

import pandas as pd

from . import regression as reg


def factor_attribution(y: pd.Series, factors: pd.DataFrame, window: tuple, estimation: tuple) -> pd.DataFrame:
    """Contributions of each factor (beta x summed factor) to ``y`` summed over ``window``.

    ``y``: daily returns of the spread (percent); ``factors``: daily factor
    returns or changes (percent, percentage points), one column each;
    ``window`` and ``estimation``: ``(start, end)`` dates, inclusive. Rows: one
    per factor, ``alpha`` (the intercept times the days), ``residual`` and
    ``total``; columns ``beta`` (from the estimation window), ``factor sum``,
    ``contribution`` (in y's units, summed) and ``share`` of the total.
    ``attrs`` hold the compounded return of y over the window, the days and
    the estimation's description.
    """
    data = pd.concat([y.rename("y"), factors], axis=1, join="inner").dropna()
    fit_data = data.loc[estimation[0]:estimation[1]]
    result = reg.ols(fit_data["y"], fit_data[factors.columns])
    in_window = data.loc[window[0]:window[1]]
    if in_window.empty:
        raise ValueError(f"no common observations in the window {window}")
    betas = result.table["coef"]
    rows = {}
    for name in factors.columns:
        total = float(in_window[name].sum())
        rows[name] = {"beta": float(betas[name]), "factor sum": total, "contribution": float(betas[name]) * total}
    alpha = float(betas["intercept"])
    rows["alpha"] = {"beta": alpha, "factor sum": float(len(in_window)), "contribution": alpha * len(in_window)}
    explained = sum(r["contribution"] for r in rows.values())
    actual = float(in_window["y"].sum())
    rows["residual"] = {"beta": float("nan"), "factor sum": float("nan"), "contribution": actual - explained}
    rows["total"] = {"beta": float("nan"), "factor sum": float("nan"), "contribution": actual}
    table = pd.DataFrame(rows).T
    table["share"] = table["contribution"] / actual if actual else float("nan")
    table.index.name = "component"
    table.attrs = {"days": len(in_window), "start": in_window.index[0], "end": in_window.index[-1],
                   "compounded": float(((1 + in_window["y"] / 100).prod() - 1) * 100),
                   "estimation": result.description, "rsquared": result.rsquared}
    return table
