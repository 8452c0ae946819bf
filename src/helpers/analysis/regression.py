"""Regressions of returns on factors, with statsmodels underneath.

* :func:`ols`: OLS with Newey–West (HAC) standard errors by default; the lag
  is stated (the Newey–West 1994 rule, floor(4 (n/100)^(2/9)), unless given).
  The result prints as a tidy table and :func:`compare` lines up several.
* :func:`rolling_betas`: rolling or expanding OLS (statsmodels ``RollingOLS``)
  with confidence bands.
* :func:`event_study`: abnormal returns around dated events against a market
  model or zero, cumulated over a trading-day window, with the per-event table
  and a cross-event t-statistic; overlapping windows are reported.
* :func:`chow_test` and :func:`equal_coefficients_test`: a structural break at
  a date, and equal coefficients across two samples.
* :func:`returns_at` and :func:`changes_at`: one place for frequencies
  (daily, weekly on Friday closes, monthly) and units. Returns are in
  **percent** and changes of yields and spreads in **percentage points**, and
  column names say so: ``IWM (%)``, ``ΔDGS2 (pp)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as sp_stats

# the two statsmodels pieces used, not statsmodels.api (which imports every model: a second of kernel start)
from statsmodels.regression.linear_model import OLS
from statsmodels.regression.rolling import RollingOLS
from statsmodels.tools.tools import add_constant as with_constant

from helpers.errors import TooLittleDataError

from . import events as ev
from .returns import period_complete
from .significance import ALPHA

FREQUENCIES = {"daily": None, "weekly": "W-FRI", "monthly": "ME"}
MIN_OBSERVATIONS = 10


# ----------------------------------------------------------------- frequencies and units


def _sample(frame: pd.DataFrame, frequency: str) -> pd.DataFrame:
    """Last value per period (labelled by the period's Friday or month end); an unfinished last period is dropped."""
    rule = _rule(frequency)
    if rule is None:
        return frame
    sampled = frame.resample(rule).last()
    if len(sampled) and not period_complete(frame.index[-1], sampled.index[-1]):
        sampled = sampled.iloc[:-1]
    return sampled


def join(*frames) -> pd.DataFrame:
    """Columns of several frames side by side on the union of their dates (sorted)."""
    return pd.concat(frames, axis=1, sort=True)


def returns_at(prices: pd.DataFrame, frequency: str = "daily") -> pd.DataFrame:
    """Simple returns in percent at ``daily``, ``weekly`` (Friday close to Friday close) or ``monthly`` frequency.

    ``prices``: adjusted closes, one column per series. A week or month uses the
    last close in it (a Thursday when Friday is a holiday) and is labelled by
    its Friday or month end; an unfinished last week or month is left out.
    Daily returns run between consecutive closes (a missing day is bridged);
    weekly and monthly returns run between consecutive calendar periods, so a
    period without any close is missing, and so is the next one (never a
    two-period return labelled as one). Columns are named ``<name> (%)``.
    """
    sampled = _sample(prices, frequency)
    if _rule(frequency) is None:
        out = sampled.apply(lambda col: col.dropna().pct_change() * 100).reindex(sampled.index)
    else:  # by period: a week or month without a close is missing, and so is the change into the next one
        out = sampled.pct_change(fill_method=None) * 100
    out.columns = [f"{c} (%)" for c in prices.columns]
    return out.dropna(how="all")


def changes_at(levels: pd.DataFrame, frequency: str = "daily") -> pd.DataFrame:
    """Changes in percentage points of yields or spreads (in percent) at the same frequencies.

    Daily changes run between consecutive observations (a missing day is
    bridged, not zeroed); weekly and monthly changes between consecutive
    calendar periods, as in :func:`returns_at`. Columns are named ``Δ<name> (pp)``.
    """
    sampled = _sample(levels, frequency)
    if _rule(frequency) is None:
        out = sampled.apply(lambda col: col.dropna().diff()).reindex(sampled.index)
    else:  # by period, as in returns_at
        out = sampled.diff()
    out.columns = [f"Δ{c} (pp)" for c in levels.columns]
    return out.dropna(how="all")


def _rule(frequency: str):
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {list(FREQUENCIES)}, not {frequency!r}")
    return FREQUENCIES[frequency]


def newey_west_lags(nobs: int) -> int:
    """The Newey–West (1994) rule of thumb: floor(4 (n/100)^(2/9))."""
    return int(np.floor(4 * (nobs / 100) ** (2 / 9)))


# ----------------------------------------------------------------- OLS


@dataclass
class RegressionResult:
    """A fitted regression as a tidy table plus the facts a reader needs to judge it."""

    dependent: str
    table: pd.DataFrame  # coef, se, t, p, ci_low, ci_high per regressor
    nobs: int
    rsquared: float
    rsquared_adj: float
    start: pd.Timestamp
    end: pd.Timestamp
    cov_type: str
    lags: int | None
    fit: object = field(repr=False, default=None)  # the statsmodels results, for anything else

    @property
    def description(self) -> str:
        errors = (
            f"Newey–West (HAC) standard errors, {self.lags} lags"
            if self.cov_type == "HAC"
            else f"{self.cov_type} standard errors"
        )
        return (
            f"{self.dependent} on {', '.join(self.table.index)}; n = {self.nobs}, R² = {self.rsquared:.3f}, "
            f"{self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}; {errors}"
        )

    def _repr_html_(self) -> str:
        styled = self.table.style.format(
            {"coef": "{:.4f}", "se": "{:.4f}", "t": "{:.2f}", "p": "{:.3f}", "ci_low": "{:.4f}", "ci_high": "{:.4f}"}
        ).set_caption(self.description)
        return styled.to_html()

    def __str__(self) -> str:
        return f"{self.description}\n{self.table.round(4).to_string()}"


def _design(y: pd.Series, X: pd.DataFrame | pd.Series, add_constant: bool) -> tuple[pd.Series, pd.DataFrame]:
    if isinstance(X, pd.Series):
        X = X.to_frame()
    if not isinstance(y.index, pd.DatetimeIndex) or not isinstance(X.index, pd.DatetimeIndex):
        raise ValueError("y and X need a DatetimeIndex")
    if y.dropna().empty or X.dropna(how="all").empty:
        raise TooLittleDataError("no observations in the sample")
    common = y.index.intersection(X.index)
    if len(common) == 0:
        raise ValueError(
            f"y ({y.index.min():%Y-%m-%d}..{y.index.max():%Y-%m-%d}) "
            f"and X ({X.index.min():%Y-%m-%d}..{X.index.max():%Y-%m-%d}) "
            "share no dates: mismatched indexes (different frequencies?)"
        )
    data = pd.concat([y.rename(y.name or "y"), X], axis=1, join="inner").dropna()
    if len(data) < MIN_OBSERVATIONS + X.shape[1]:
        raise TooLittleDataError(f"too few observations: {len(data)} complete rows for {X.shape[1]} regressors")
    y_clean, X_clean = data.iloc[:, 0], data.iloc[:, 1:]
    constant = [c for c in X_clean.columns if X_clean[c].nunique() <= 1]
    if constant:
        raise ValueError(
            f"constant regressor(s) {constant}: no variation to estimate a slope (the intercept is added separately)"
        )
    if add_constant:
        X_clean = with_constant(X_clean, has_constant="raise").rename(columns={"const": "intercept"})
    if np.linalg.matrix_rank(X_clean.to_numpy()) < X_clean.shape[1]:
        raise ValueError(f"regressors are collinear: {list(X_clean.columns)}")
    return y_clean, X_clean


def ols(
    y: pd.Series, X, cov_type: str = "HAC", lags: int | None = None, add_constant: bool = True, alpha: float = ALPHA
) -> RegressionResult:
    """OLS of ``y`` on ``X`` (aligned on common dates, incomplete rows dropped).

    ``cov_type``: ``"HAC"`` (Newey–West, Bartlett kernel; ``lags`` defaults to
    :func:`newey_west_lags`), ``"HC1"`` or ``"nonrobust"``. Coefficients keep
    the units of the inputs (percent per percentage point, say); ``ci_low`` and
    ``ci_high`` bound the (1 - ``alpha``) interval, 95% at the collection's standard.
    """
    y_clean, X_clean = _design(y, X, add_constant)
    model = OLS(y_clean, X_clean)
    if cov_type == "HAC":
        lags = newey_west_lags(len(y_clean)) if lags is None else lags
        fit = model.fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    elif cov_type in ("HC1", "nonrobust"):
        lags = None
        fit = model.fit(cov_type=cov_type)
    else:
        raise ValueError(f"cov_type must be HAC, HC1 or nonrobust, not {cov_type!r}")
    ci = fit.conf_int(alpha)
    table = pd.DataFrame(
        {"coef": fit.params, "se": fit.bse, "t": fit.tvalues, "p": fit.pvalues, "ci_low": ci[0], "ci_high": ci[1]}
    )
    table.index.name = "regressor"
    return RegressionResult(
        dependent=str(y.name),
        table=table,
        nobs=int(fit.nobs),
        rsquared=float(fit.rsquared),
        rsquared_adj=float(fit.rsquared_adj),
        start=y_clean.index[0],
        end=y_clean.index[-1],
        cov_type=cov_type,
        lags=lags,
        fit=fit,
    )


def hac_mean(y: pd.Series, lags: int | None = None) -> dict:
    """The mean of ``y`` with a Newey-West standard error (``lags`` as in :func:`ols`): ``coef`` and ``se`` in y's
    units, ``t``, ``p`` (two-sided, normal) and ``n``. For a mean of a persistent series, such as squared returns."""
    values = pd.Series(y, dtype=float).dropna()
    if len(values) < MIN_OBSERVATIONS:
        raise TooLittleDataError(f"too few observations: {len(values)}")
    lags = newey_west_lags(len(values)) if lags is None else lags
    fit = OLS(values.to_numpy(), np.ones((len(values), 1))).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    coef, se = float(fit.params[0]), float(fit.bse[0])
    return {"coef": coef, "se": se, "t": coef / se, "p": float(2 * sp_stats.norm.sf(abs(coef / se))), "n": len(values)}


def compare(results: dict[str, RegressionResult], digits: int = 3) -> pd.DataFrame:
    """Several specifications side by side: coefficient over (standard error), then n, R², sample and errors."""
    variables: list[str] = []
    for result in results.values():
        variables += [v for v in result.table.index if v not in variables]
    rows = {}
    for variable in variables:
        rows[(variable, "coef")] = {
            n: _fmt(r.table["coef"].get(variable), digits, r.table["p"].get(variable)) for n, r in results.items()
        }
        rows[(variable, "se")] = {n: _paren(r.table["se"].get(variable), digits) for n, r in results.items()}
    rows[("n", "")] = {n: f"{r.nobs:,}" for n, r in results.items()}
    rows[("R²", "")] = {n: f"{r.rsquared:.3f}" for n, r in results.items()}
    rows[("sample", "")] = {n: f"{r.start:%Y-%m-%d} to {r.end:%Y-%m-%d}" for n, r in results.items()}
    rows[("errors", "")] = {n: f"HAC, {r.lags} lags" if r.cov_type == "HAC" else r.cov_type for n, r in results.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["", ""])
    return table.fillna("")


# The stars of a regression table, the journals' convention (captions say "* p<0.10, ** p<0.05, *** p<0.01"):
# a display of p, not the collection's standard of evidence (ALPHA), which every verdict reads.
STARS = ((0.01, "***"), (0.05, "**"), (0.10, "*"))  # a display convention of regression tables, not the standard
STARS_NOTE = "; ".join(f"{mark} p<{level:.2f}" for level, mark in reversed(STARS))  # "* p<0.10; ** p<0.05; *** p<0.01"


def _fmt(value, digits, p) -> str:
    if value is None or pd.isna(value):
        return ""
    marks = next((mark for level, mark in STARS if p < level), "")
    return f"{value:.{digits}f}{marks}"


def _paren(value, digits) -> str:
    return "" if value is None or pd.isna(value) else f"({value:.{digits}f})"


# ----------------------------------------------------------------- rolling betas


def rolling_betas(
    y: pd.Series,
    X,
    window: int | None = 252,
    expanding: bool = False,
    min_nobs: int | None = None,
    alpha: float = ALPHA,
    cov_type: str = "HCCM",
) -> pd.DataFrame:
    """Rolling (or expanding) OLS slopes with (1 - alpha) confidence bands.

    Uses statsmodels ``RollingOLS``; ``cov_type`` ``"HCCM"`` (heteroskedasticity-
    robust, the default) or ``"nonrobust"`` (RollingOLS offers no HAC). Returns
    one row per date with, for each regressor, ``<name>``, ``<name> low`` and
    ``<name> high`` (slopes in the inputs' units, percent per percentage point
    for :func:`returns_at` on :func:`changes_at`); the estimate on a date uses the
    window ending on it.
    """
    y_clean, X_clean = _design(y, X, add_constant=True)
    if expanding:
        min_nobs = min_nobs or max(MIN_OBSERVATIONS, 2 * X_clean.shape[1])
        model = RollingOLS(y_clean, X_clean, window=None, expanding=True, min_nobs=min_nobs)
    else:
        if window is None or window <= X_clean.shape[1]:
            raise ValueError("window must be larger than the number of regressors")
        if window > len(y_clean):
            raise TooLittleDataError(f"too few observations: {len(y_clean)} for a {window}-row window")
        model = RollingOLS(y_clean, X_clean, window=window, min_nobs=min_nobs)
    fit = model.fit(cov_type=cov_type)
    bands = fit.conf_int(alpha=alpha)
    out = {}
    for name in X_clean.columns:
        if name == "intercept":
            continue
        out[name] = fit.params[name]
        out[f"{name} low"] = bands[(name, "lower")]
        out[f"{name} high"] = bands[(name, "upper")]
    return pd.DataFrame(out).dropna(how="all")


# ----------------------------------------------------------------- event study


@dataclass
class EventStudyResult:
    """Per-event abnormal returns and their cross-event test."""

    events: pd.DataFrame  # one row per event
    mean_car: float
    t: float
    p: float
    n: int
    model: str
    window: tuple[int, int]
    estimation: tuple[int, int]

    @property
    def description(self) -> str:
        return (
            f"{self.n} events; mean CAR over days {self.window[0]:+d}..{self.window[1]:+d} = {self.mean_car:.3f} "
            f"(cross-event t = {self.t:.2f}, p = {self.p:.3f}); expected returns: {self.model}; "
            f"estimation window days {self.estimation[0]:+d}..{self.estimation[1]:+d}"
        )

    def _repr_html_(self) -> str:
        return self.events.style.set_caption(self.description).to_html()


def event_study(
    returns: pd.Series,
    events,
    window: tuple[int, int] = (0, 1),
    estimation: tuple[int, int] = (-250, -11),
    model: str = "market",
    market: pd.Series | None = None,
    min_estimation: int = 60,
) -> EventStudyResult:
    """Abnormal returns of ``returns`` around ``events``, cumulated over ``window`` (relative trading days).

    ``returns``: daily returns (any units; results keep them), e.g. a long-short
    difference. ``model="market"`` estimates alpha and beta on ``market`` over
    the ``estimation`` window of each event; ``model="zero"`` takes the
    expected return as zero. Events on non-trading days map to the next trading
    day. Per event: CAR, its standard error (residual sd x sqrt(window length);
    for ``zero`` the estimation-window sd), its t, and ``overlaps``, the other
    events whose event window shares a day with this one's (estimation
    windows are not checked). The cross-event t-statistic is mean CAR over its
    standard error across events (each event one observation).
    """
    if model not in ("market", "zero"):
        raise ValueError("model must be 'market' or 'zero'")
    if model == "market" and market is None:
        raise ValueError("a market model needs the market's returns")
    if estimation[1] >= window[0]:
        raise ValueError("the estimation window must end before the event window starts")
    data = returns.rename("r").to_frame()
    if model == "market":
        data = data.join(market.rename("m"), how="inner")
    data = data.dropna()
    index = data.index
    rows = []
    spans = {}
    for event in pd.DatetimeIndex(pd.to_datetime(list(events))).sort_values().unique():
        est_positions = ev.relative_slice(index, event, *estimation)
        win_positions = ev.relative_slice(index, event, *window)
        if est_positions is None or win_positions is None:
            continue
        est, win = data.iloc[est_positions], data.iloc[win_positions]
        if len(est) < min_estimation:
            continue
        if model == "market":
            alpha_, beta, sigma = _market_model(est["r"].to_numpy(), est["m"].to_numpy())
            expected = alpha_ + beta * win["m"]
        else:
            alpha_, beta = 0.0, 0.0
            expected = pd.Series(0.0, index=win.index)
            sigma = est["r"].std(ddof=1)
        abnormal = win["r"] - expected
        car = abnormal.sum()
        se = sigma * np.sqrt(len(win))
        spans[event] = (win.index[0], win.index[-1])
        rows.append(
            {
                "event": event,
                "day0": ev.event_day(index, event),
                "car": car,
                "se": se,
                "t": car / se,
                "alpha": alpha_,
                "beta": beta,
                "estimation_n": len(est),
            }
        )
    if len(rows) < 2:
        raise TooLittleDataError(f"too few events with complete windows: {len(rows)}")
    table = pd.DataFrame(rows).set_index("event")
    table["overlaps"] = _overlaps(spans)
    cars = table["car"]
    t = cars.mean() / (cars.std(ddof=1) / np.sqrt(len(cars)))
    p = 2 * sp_stats.t.sf(abs(t), df=len(cars) - 1)
    return EventStudyResult(
        events=table,
        mean_car=float(cars.mean()),
        t=float(t),
        p=float(p),
        n=len(cars),
        model="market model" if model == "market" else "zero",
        window=window,
        estimation=estimation,
    )


def _market_model(r: np.ndarray, m: np.ndarray) -> tuple[float, float, float]:
    """OLS of ``r`` on a constant and ``m``: alpha, beta and the residual standard deviation (n - 2 degrees of
    freedom), in closed form; the same numbers as statsmodels' OLS at a fraction of the cost per event."""
    m_centred = m - m.mean()
    beta = float((m_centred * (r - r.mean())).sum() / (m_centred**2).sum())
    alpha_ = float(r.mean() - beta * m.mean())
    residuals = r - alpha_ - beta * m
    return alpha_, beta, float(np.sqrt((residuals**2).sum() / (len(r) - 2)))


def _overlaps(spans: dict) -> list[str]:
    """For each event (in order), the other events whose window shares a day with its own.

    Windows all have the same length in trading days, so sorted by start they
    are sorted by end too, and the overlapping ones form a contiguous run:
    two binary searches per event instead of comparing every pair.
    """
    events_ = list(spans)
    starts = np.array([spans[e][0] for e in events_], dtype="datetime64[ns]")
    ends = np.array([spans[e][1] for e in events_], dtype="datetime64[ns]")
    out = []
    for i, _event in enumerate(events_):
        first = int(np.searchsorted(ends, starts[i], side="left"))
        last = int(np.searchsorted(starts, ends[i], side="right"))
        out.append(", ".join(f"{events_[j]:%Y-%m-%d}" for j in range(first, last) if j != i))
    return out


# ----------------------------------------------------------------- structural breaks


def chow_test(y: pd.Series, X, break_date) -> pd.Series:
    """Chow F-test of a structural break: all coefficients (intercept included) equal before and after ``break_date``.

    The break date starts the second sample. Classical (homoskedastic) F; for a
    HAC-robust version use :func:`equal_coefficients_test` on the two halves.
    """
    y_clean, X_clean = _design(y, X, add_constant=True)
    cut = pd.Timestamp(break_date)
    before, after = y_clean.index < cut, y_clean.index >= cut
    k = X_clean.shape[1]
    if before.sum() <= k + 1 or after.sum() <= k + 1:
        raise TooLittleDataError(
            f"too few observations on one side of {cut:%Y-%m-%d}: {before.sum()} before, {after.sum()} after"
        )
    ssr_pooled = OLS(y_clean, X_clean).fit().ssr
    ssr_1 = OLS(y_clean[before], X_clean[before]).fit().ssr
    ssr_2 = OLS(y_clean[after], X_clean[after]).fit().ssr
    n = len(y_clean)
    f = ((ssr_pooled - ssr_1 - ssr_2) / k) / ((ssr_1 + ssr_2) / (n - 2 * k))
    p = sp_stats.f.sf(f, k, n - 2 * k)
    return pd.Series(
        {
            "F": f,
            "p": p,
            "df_num": k,
            "df_den": n - 2 * k,
            "n_before": int(before.sum()),
            "n_after": int(after.sum()),
            "break": cut,
        }
    )


def equal_coefficients_test(
    y1: pd.Series, X1, y2: pd.Series, X2, lags: int | None = None, coefficients: list[str] | None = None
) -> pd.Series:
    """Wald test that the slopes (or ``coefficients``) are the same in two samples, with HAC errors.

    Stacks the samples with a dummy for the second and its interactions, fits
    with Newey–West errors (``lags`` by the usual rule), and tests that the
    interaction terms are zero. Returns the differences, chi-squared statistic,
    degrees of freedom and p-value.
    """
    y1c, X1c = _design(y1, X1, add_constant=True)
    y2c, X2c = _design(y2, X2, add_constant=True)
    if list(X1c.columns) != list(X2c.columns):
        raise ValueError("the two samples need the same regressors")
    if y1c.index.intersection(y2c.index).size:
        raise ValueError("the two samples overlap in time")
    names = coefficients or [c for c in X1c.columns if c != "intercept"]
    second = pd.concat([pd.Series(0.0, index=y1c.index), pd.Series(1.0, index=y2c.index)])
    X = pd.concat([X1c, X2c])
    for column in X1c.columns:
        X[f"{column} × second"] = X[column] * second
    y = pd.concat([y1c, y2c])
    order = np.argsort(X.index.values, kind="stable")
    y, X = y.iloc[order], X.iloc[order]
    lags = newey_west_lags(len(y)) if lags is None else lags
    fit = OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": lags})
    tested = [f"{n} × second" for n in names]
    wald = fit.wald_test(_restriction(X.columns, tested), scalar=True)
    result = {f"difference {n}": fit.params[f"{n} × second"] for n in names}
    result.update(
        {
            "chi2": float(wald.statistic),
            "df": len(tested),
            "p": float(wald.pvalue),
            "lags": lags,
            "n_first": len(y1c),
            "n_second": len(y2c),
        }
    )
    return pd.Series(result)


def break_tests(y: pd.Series, X: pd.DataFrame, break_date, start=None, minimum_days: int = 30) -> dict:
    """Did the relation change at ``break_date``? The classical Chow test on the sample from ``start``, and the
    HAC test of equal slopes between the year before the date and the period after it (with both halves' fits).

    Returns ``chow``, ``equal`` and ``halves`` (None and empty when fewer than
    ``minimum_days`` observations follow the date) and ``text``, the result in a sentence.
    """
    cut = pd.Timestamp(break_date)
    year_before = slice(cut - pd.DateOffset(years=1), cut - pd.Timedelta(days=1))
    after = slice(cut, None)
    data = pd.concat([y.rename("y"), X], axis=1).dropna()
    days_after = len(data.loc[after])
    if days_after < minimum_days:
        return {
            "chow": None,
            "equal": None,
            "halves": {},
            "text": f"only {days_after} trading days after {cut:%Y-%m-%d} in the data: too few to test for a break",
        }
    since = data.loc[start:] if start is not None else data
    chow = chow_test(since["y"], since[X.columns], cut)
    equal = equal_coefficients_test(
        data.loc[year_before, "y"], data.loc[year_before, X.columns], data.loc[after, "y"], data.loc[after, X.columns]
    )
    halves = {
        "year before": ols(data.loc[year_before, "y"], data.loc[year_before, X.columns]),
        "after": ols(data.loc[after, "y"], data.loc[after, X.columns]),
    }
    slopes = ", ".join(
        f"{name.removeprefix('difference ')} after minus before {value:+.2f}"
        for name, value in equal.items()
        if str(name).startswith("difference ")
    )
    text = (
        f"Chow test at {cut:%Y-%m-%d} ({chow['n_before']:,} days before, {chow['n_after']:,} after): "
        f"F = {chow['F']:.2f}, p = {chow['p']:.3f}\n"
        f"Newey–West test of equal slopes, year before vs after: chi2({equal['df']:.0f}) = "
        f"{equal['chi2']:.2f}, p = {equal['p']:.3f}; {slopes}"
    )
    return {"chow": chow, "equal": equal, "halves": halves, "text": text}


def _restriction(columns, tested) -> np.ndarray:
    matrix = np.zeros((len(tested), len(columns)))
    for row, name in enumerate(tested):
        matrix[row, list(columns).index(name)] = 1.0
    return matrix
