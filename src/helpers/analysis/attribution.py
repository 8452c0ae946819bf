"""Return attribution: how much of a spread's return over a window its factor exposures account for.

:func:`factor_attribution` estimates the exposures (OLS betas) of a daily
return spread to a set of factors over an estimation window, then, over the
attribution window, multiplies each beta by the factor's summed daily moves.
With sums of daily values the decomposition is exact::

    sum(y) = n * alpha + sum_k beta_k * sum(f_k) + sum(residual)

so each line of the table is a contribution in the spread's units (percentage
points when returns are in percent), with a 95% interval from the betas' HAC
covariance (the factor sums are known; the betas are estimated). The residual is
what the exposures do not explain. Sums of daily returns differ slightly from the compounded return; the
table reports both. Estimating the betas on data before the window keeps the
attribution free of look-ahead; estimating them inside the window (``in
sample``) is the alternative it should be read beside.
"""

from __future__ import annotations

import pandas as pd

from helpers.errors import TooLittleDataError

from . import regression as reg
from .significance import INTERVAL, Z


def factor_attribution(y: pd.Series, factors: pd.DataFrame, window: tuple, estimation: tuple) -> pd.DataFrame:
    """Contributions of each factor (beta x summed factor) to ``y`` summed over ``window``.

    ``y``: daily returns of the spread (percent); ``factors``: daily factor
    returns or changes (percent, percentage points), one column each;
    ``window`` and ``estimation``: ``(start, end)`` dates, inclusive. Rows: one
    per factor, ``alpha`` (the intercept times the days), ``residual`` and
    ``total``; columns ``beta`` (y's units per factor unit: percent per percent or per percentage point),
    ``factor sum`` (the factor's daily values summed), ``contribution`` (a sum of y's daily returns: percentage
    points for percent returns), its ``se`` and interval at the standard (``low``, ``high``, ± ``Z`` se, 95%)
    from the betas' HAC covariance, and ``share`` of the total (a fraction). The row ``explained`` sums the
    factors' contributions (its interval from the full covariance).
    ``attrs`` hold ``compounded``, y's daily returns compounded over the window (percent: y is read as percent),
    the days and the estimation's description.
    """
    data = pd.concat([y.rename("y"), factors], axis=1, join="inner").dropna()
    fit_data = data.loc[estimation[0] : estimation[1]]
    result = reg.ols(fit_data["y"], fit_data[factors.columns])
    in_window = data.loc[window[0] : window[1]]
    if in_window.empty:
        raise TooLittleDataError(f"no common observations in the window {window}")
    betas = result.table["coef"]
    covariance = pd.DataFrame(result.fit.cov_params(), index=result.table.index, columns=result.table.index)
    sums = pd.Series(
        {name: float(in_window[name].sum()) for name in factors.columns} | {"intercept": float(len(in_window))}
    )
    rows = {}
    for name in factors.columns:
        se = abs(sums[name]) * float(covariance.loc[name, name]) ** 0.5
        rows[name] = {
            "beta": float(betas[name]),
            "factor sum": sums[name],
            "contribution": float(betas[name]) * sums[name],
            "se": se,
        }
    alpha = float(betas["intercept"])
    rows["alpha"] = {
        "beta": alpha,
        "factor sum": sums["intercept"],
        "contribution": alpha * sums["intercept"],
        "se": sums["intercept"] * float(covariance.loc["intercept", "intercept"]) ** 0.5,
    }
    named = list(factors.columns)
    explained_se = float(sums[named] @ covariance.loc[named, named] @ sums[named]) ** 0.5
    explained = sum(rows[name]["contribution"] for name in named)
    with_alpha = explained + rows["alpha"]["contribution"]
    actual = float(in_window["y"].sum())
    rows["explained"] = {
        "beta": float("nan"),
        "factor sum": float("nan"),
        "contribution": explained,
        "se": explained_se,
    }
    rows["residual"] = {
        "beta": float("nan"),
        "factor sum": float("nan"),
        "contribution": actual - with_alpha,
        "se": float("nan"),
    }
    rows["total"] = {"beta": float("nan"), "factor sum": float("nan"), "contribution": actual, "se": float("nan")}
    table = pd.DataFrame(rows).T
    table["low"] = table["contribution"] - Z * table["se"]
    table["high"] = table["contribution"] + Z * table["se"]
    table["share"] = table["contribution"] / actual if actual else float("nan")
    table.index.name = "component"
    table.attrs = {
        "days": len(in_window),
        "start": in_window.index[0],
        "end": in_window.index[-1],
        "compounded": float(((1 + in_window["y"] / 100).prod() - 1) * 100),
        "estimation": result.description,
        "rsquared": result.rsquared,
    }
    return table


def under_both(
    first: pd.DataFrame, second: pd.DataFrame, labels=("betas before", "betas in the window")
) -> pd.DataFrame:
    """Two attributions of the same window side by side (e.g. betas estimated before it and within it): each
    component's contribution and interval under both, and ``holds under both``: the same sign and an interval
    clear of zero in each."""
    components = [c for c in first.index if c not in ("residual", "total")]
    out = pd.DataFrame(index=pd.Index(components, name="component"))
    for label, table in zip(labels, (first, second), strict=True):
        out[f"{label}"] = table.loc[components, "contribution"]
        out[f"{label}, {INTERVAL}"] = [
            f"{lo:+.2f} to {hi:+.2f}" for lo, hi in table.loc[components, ["low", "high"]].to_numpy()
        ]
    clear = [
        ((first.loc[c, "low"] > 0) & (second.loc[c, "low"] > 0))
        | ((first.loc[c, "high"] < 0) & (second.loc[c, "high"] < 0))
        for c in components
    ]
    out["holds under both"] = ["yes" if c else "no" for c in clear]
    return out
