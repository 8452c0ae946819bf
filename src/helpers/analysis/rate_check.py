"""The rate mechanism out of sample: what notebook 05's rate betas predict for a later window, against what happened.

Notebook 05's estimand is the coefficient of daily IWM minus IWB (percent) on the change in the 2-year yield
(percentage points) with the market as the only control (:func:`helpers.analysis.specs.rate_robustness`); its regime
rows estimate the same on sub-periods. Over a window in which the 2-year yield changed by ``Δ`` pp, a row's beta
predicts a contribution of ``beta × Δ`` to the spread's summed daily returns (pp), with an interval of
±z × se × |Δ| at the ledger's standard (the yield's change is known; the beta is estimated). :func:`predictions`
sets each row's prediction beside the spread's realised sum over the window and says, row by row, whether the
spread went the way rates predict, the other way, or whether rates predict nothing distinguishable from zero.

:func:`within_window` estimates the same regression inside the window itself: the claim (falling rates help small
caps, a negative coefficient) judged at the standard on the window's own days: supported, not shown, or
contradicted (the opposite sign established).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.errors import TooLittleDataError

from . import regression as reg, robustness as rb
from .ledger.standard import CONTRADICTED, NOT_SHOWN, STANDARD, SUPPORTED, Standard
from .returns import last_date_on_or_before

Y, TERM, MARKET = "IWM-IWB (%)", "ΔDGS2 (pp)", "SPY (%)"
# Notebook 05's estimand and its regime rows: label -> (specification, sample) of the robustness table
ROWS = {
    "full sample": ("market", "full sample"),
    "2015-2019": ("market", "2015-2019"),
    "before 2022": ("market", "before 2022-01-01"),
    "from 2022": ("market", "from 2022-01-01"),
    "from the 2024 first cut": ("market", "from the 2024 first cut"),
}
SAME_WAY = "the spread went the way rates predict"
OTHER_WAY = "the spread went the other way"
NO_PREDICTION = "rates predict nothing distinguishable from zero"
CLAIMED_SIGN = -1  # falling rates help small caps more: a negative coefficient


@dataclass(frozen=True)
class YieldChange:
    """A yield's change (pp) between the closes on or before two dates."""

    start: pd.Timestamp
    end: pd.Timestamp
    level_start: float  # percent
    level_end: float
    change: float  # pp


def yield_change(series: pd.Series, start, end=None) -> YieldChange | None:
    """``series`` (a yield in percent) from its last observation on or before ``start`` to the last on or before
    ``end`` (None: the last held); None when it holds nothing after ``start``."""
    values = series.dropna()
    first = last_date_on_or_before(values.index, start)
    last = values.index[-1] if end is None else last_date_on_or_before(values.index, end)
    if first is None or last is None or last <= first:
        return None
    return YieldChange(
        first, last, float(values.loc[first]), float(values.loc[last]), float(values.loc[last] - values.loc[first])
    )


def realised(frame: pd.DataFrame, start, end=None) -> tuple[float, int]:
    """The spread's daily returns (``IWM-IWB (%)`` of :func:`helpers.analysis.specs.spread_data`) summed over the days
    after ``start`` up to ``end`` (pp, the regression's units), and the number of days."""
    window = frame[Y].loc[frame.index > pd.Timestamp(start)]
    if end is not None:
        window = window.loc[: pd.Timestamp(end)]
    window = window.dropna()
    return float(window.sum()), len(window)


def _reading(low: float, high: float, actual: float) -> str:
    if low <= 0 <= high:
        return NO_PREDICTION
    return SAME_WAY if (low > 0) == (actual > 0) else OTHER_WAY


def predictions(
    table: pd.DataFrame, change: float, actual: float, standard: Standard = STANDARD, rows: dict = ROWS
) -> pd.DataFrame:
    """Per row of 05's robustness ``table`` named in ``rows`` (index: label): ``beta`` (% per pp) and its ``se``,
    the ``predicted`` contribution of a ``change`` pp in the 2-year yield (pp), its interval (``low``, ``high``),
    the ``actual`` summed spread and the ``reading``. Rows the table cannot give are left out."""
    out = {}
    for label, (spec, sample) in rows.items():
        found = rb.row(table, spec, sample)
        if found is None:
            continue
        beta, se = float(found["coef"]), float(found["se"])
        predicted, width = beta * change, standard.z * se * abs(change)
        out[label] = {
            "beta": beta,
            "se": se,
            "n": int(found["n"]),
            "predicted": predicted,
            "low": predicted - width,
            "high": predicted + width,
            "actual": actual,
            "reading": _reading(predicted - width, predicted + width, actual),
        }
    columns = ["beta", "se", "n", "predicted", "low", "high", "actual", "reading"]
    return pd.DataFrame.from_dict(out, orient="index", columns=columns).rename_axis("betas from")


@dataclass(frozen=True)
class WindowFit:
    """The estimand's regression on the window's own days, and the claim judged on them at the standard."""

    beta: float
    se: float
    p: float
    n: int
    verdict: str  # supported, not shown, contradicted


def within_window(frame: pd.DataFrame, start, end=None, standard: Standard = STANDARD) -> WindowFit | None:
    """IWM minus IWB on the market and ΔDGS2 over the days after ``start`` (HAC errors, as in 05), and the claim's
    verdict on them; None when the window holds too few days for the regression."""
    window = frame.loc[frame.index > pd.Timestamp(start)]
    if end is not None:
        window = window.loc[: pd.Timestamp(end)]
    try:
        fit = reg.ols(window[Y], window[[MARKET, TERM]])
    except TooLittleDataError:
        return None
    row = fit.table.loc[TERM]
    beta, p = float(row["coef"]), float(row["p"])
    established = p < standard.alpha
    verdict = SUPPORTED if established and beta * CLAIMED_SIGN > 0 else CONTRADICTED if established else NOT_SHOWN
    return WindowFit(beta, float(row["se"]), p, int(fit.nobs), verdict)


@dataclass(frozen=True)
class Check:
    """05's rate betas against a window: the yield's change, the spread's, and each row's prediction."""

    yields: YieldChange
    actual: float  # the spread's daily returns summed over the window (pp)
    days: int
    compounded: float  # IWM's return minus IWB's over the same closes (fraction)
    before: pd.DataFrame  # predictions from betas estimated on the data published by the window's start
    all_data: pd.DataFrame  # predictions from 05's table on all the data held (the window inside)
    fit: WindowFit | None
    reading: rb.Reading  # 05's estimand on all the data held, read with the claimed (negative) sign


def run(window_start, regression_start: str = "2015-01-01", standard: Standard = STANDARD) -> Check | None:
    """05's estimand and regime rows (regressions from ``regression_start``) against the window from the
    ``window_start`` close to the 2-year yield's last observation; None before the window holds a day."""
    from helpers.data import asof, load

    from . import specs
    from .follow_through import spread_return
    from .ledger.claims import Part

    yields = yield_change(load.load_fred(["DGS2"])["DGS2"], window_start)
    if yields is None:
        return None
    frame = specs.spread_data("daily", start=None)
    actual, days = realised(frame, yields.start, yields.end)
    compounded = spread_return(load.load_prices(["IWM", "IWB"]), Part(("IWM",), "IWB"), yields.start, yields.end)
    table = specs.rate_robustness(regression_start)
    with asof.at_most(yields.start):
        before = specs.rate_robustness(regression_start)
    return Check(
        yields,
        actual,
        days,
        compounded,
        predictions(before, yields.change, actual, standard),
        predictions(table, yields.change, actual, standard),
        within_window(frame, yields.start, yields.end),
        rb.read(table, alpha=standard.alpha, claimed_sign=CLAIMED_SIGN, power=standard.power),
    )
