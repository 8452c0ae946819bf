"""The collection's standard specifications, shared by the notebooks (02, 04, 05) and the claims ledger.

Units differ by set, and each function says which:

* the regressions (:func:`spread_data` and the sets built on it: rates, curve, credit,
  balance sheet, the FOMC surprises, the attribution): daily or weekly returns in
  **percent**, yield and spread changes in **percentage points** (see
  :mod:`helpers.analysis.regression`), so coefficients are percent per percentage
  point and CARs percent;
* the volatility set: squared returns in **%²** (a day, a week);
* the easing cycles and the January effect (:func:`cycle_returns`,
  :func:`monthly_size_returns` and the sets built on them): returns as **fractions**
  (0.05 = 5%), so their robustness coefficients are differences of fractions
  (the ledger shows them times 100, in percentage points).

``start`` cuts the sample; the as-of date in force cuts its end, as every loader does.

Besides the single regressions, each headline finding has a robustness set
(:mod:`helpers.analysis.robustness`) defined once here, so a notebook's conclusion and
the ledger's verdict read the same table:

* :func:`regression_robustness`: a rate, curve or credit coefficient across the
  control ladder (unconditional, market, market plus each other control, all
  controls), the weekly frequency, regimes and the named episodes;
* :func:`cycle_robustness`: the size premium six to twelve months after a first
  cut against other windows, cycle sets and random start dates (notebook 02);
* :func:`january_robustness`: January against the other months, by measure,
  period and without the largest Januaries (notebook 04);
* :func:`fomc_surprise_robustness`: IWM minus IWB's abnormal return on the
  announcement-day change in the 2-year yield (notebook 05).

:func:`size_attribution` splits a year of IWM minus IWB into market, value,
momentum and 2-year-yield exposures (notebook 05).

The headline of each regression set holds the market only. The high-yield
spread is reported as a control, never the headline's: it is itself moved by
equity prices, so holding it fixed conditions on part of the outcome.

The building blocks that notebooks' cells, the ledger and its sensitivity table ask for again and again are
memoised (:data:`RESULTS`, declared here through :mod:`helpers.caches`, keyed by the data in use).
"""

from __future__ import annotations

import pandas as pd

from helpers import caches
from helpers.data import identity, load
from helpers.data.fomc import DECIDED
from helpers.errors import MissingDataError, TooLittleDataError

from . import cycles, events, regression as reg, robustness as rb
from .returns import calendar_returns, daily_returns, period_complete

RATE_TERMS = ["ΔDGS2 (pp)", "ΔT10Y2Y (pp)", "ΔBAMLH0A0HYM2 (pp)"]
PRICES = ["IWM", "IWB", "SPY", "KRE", "IJR"]
RATES = ["DGS2", "DGS10", "T10Y2Y", "BAMLH0A0HYM2"]

# Controls by name (the reading rule names them), with the columns each adds.
CONTROLS = {
    "market": ["SPY (%)"],
    "2-year yield": ["ΔDGS2 (pp)"],
    "curve slope": ["ΔT10Y2Y (pp)"],
    "high-yield spread": ["ΔBAMLH0A0HYM2 (pp)"],
}
# Controls that move with the outcome: holding them fixed conditions on part of it (the reading says so).
BAD_CONTROLS = {"high-yield spread": "moves with equity prices, so holding it fixed conditions on part of the outcome"}
FIRST_CUT_2024 = "2024-09-18"  # the first cut of the current cycle (curated FOMC calendar)
REGIMES = {"2015-2019": ("2015-01-01", "2019-12-31"), "from the 2024 first cut": (FIRST_CUT_2024, None)}

# Analysis results, memoised by the layer whose results they are. Shared: callers must not change them in place.
RESULTS = caches.Cache(
    "analysis results",
    maxsize=256,
    content_addressed=True,
    key="the function (helpers.analysis.specs), its arguments and the data identity in use "
    "(helpers.data.identity.DataIdentity: real or sample, manifest digest, as-of date)",
    invalidated_by="nothing: another data identity (an import, other data, another as-of date) is another key; "
    "the 256 least recently used are kept",
)
by_data = RESULTS.memoise(key=identity.current)


@by_data
def spread_data(frequency: str = "daily", start: str | None = "2015-01-01"):
    """Returns (percent) of IWM, IWB, SPY, KRE, IJR, the spreads ``IWM-IWB (%)``, ``KRE-SPY (%)`` and ``IJR-IWM (%)``
    (differences of percent returns), and rate changes (``Δ<id> (pp)``, percentage points)."""
    frame = reg.join(
        reg.returns_at(load.load_prices(PRICES), frequency), reg.changes_at(load.load_fred(RATES), frequency)
    )
    frame["IWM-IWB (%)"] = frame["IWM (%)"] - frame["IWB (%)"]
    frame["KRE-SPY (%)"] = frame["KRE (%)"] - frame["SPY (%)"]
    frame["IJR-IWM (%)"] = frame["IJR (%)"] - frame["IWM (%)"]
    return frame.loc[start:] if start else frame


def size_spread_regression(frequency: str = "daily", start: str | None = "2015-01-01") -> reg.RegressionResult:
    """IWM minus IWB on SPY and the changes in the 2-year yield, the 10y-2y slope and the high-yield spread (HAC)."""
    frame = spread_data(frequency, start)
    return reg.ols(frame["IWM-IWB (%)"], frame[["SPY (%)", *RATE_TERMS]])


def smb_regression(start: str | None = "2015-01-01") -> reg.RegressionResult:
    """Daily SMB on Mkt-RF and the same rate and credit changes (HAC)."""
    factors = load.load_factors("daily", columns=["Mkt-RF", "SMB"]).rename(
        columns={"Mkt-RF": "Mkt-RF (%)", "SMB": "SMB (%)"}
    )
    frame = reg.join(factors, spread_data("daily", start)[RATE_TERMS]).loc[start:].dropna()
    return reg.ols(frame["SMB (%)"], frame[["Mkt-RF (%)", *RATE_TERMS]])


@by_data
def bank_curve_regression(
    frequency: str = "daily", start: str | None = "2015-01-01", split: bool = False
) -> reg.RegressionResult:
    """KRE minus SPY on SPY and the change in the slope, or (``split``) in the 2- and 10-year yields (HAC)."""
    frame = spread_data(frequency, start)
    terms = ["ΔDGS2 (pp)", "ΔDGS10 (pp)"] if split else ["ΔT10Y2Y (pp)"]
    return reg.ols(frame["KRE-SPY (%)"], frame[["SPY (%)", *terms]])


# ----------------------------------------------------------------------------- robustness sets


def ladder(controls: list[str], weekly: bool = True) -> list[rb.Spec]:
    """The control ladder: no controls, the market, the market plus each other control, all of them; and the
    market at weekly frequency (an alternative)."""
    others = [c for c in controls if c != "market"]
    specs = [rb.Spec("no controls"), rb.Spec("market", ("market",))]
    specs += [rb.Spec(f"market + {c}", ("market", c)) for c in others]
    if len(others) > 1:
        specs.append(rb.Spec("all controls", ("market", *others)))
    if weekly:
        specs.append(rb.Spec("market, weekly", ("market",), "alternative", {"frame": "weekly"}))
    return specs


def standard_samples(regimes: dict | None = None) -> list[rb.Sample]:
    """Before and from 2022, the collection's other regimes (2015-2019, from the 2024 first cut), and the full
    sample without each named episode and without all three."""
    return rb.regimes(extra=REGIMES if regimes is None else regimes) + rb.episodes()


def regression_robustness(y: str, term: str, controls: list[str], start: str | None = "2015-01-01") -> pd.DataFrame:
    """The coefficient of ``term`` in regressions of ``y`` (columns of :func:`spread_data`) across the ladder,
    the weekly frequency, the standard regimes and the episodes; the headline holds the market only, and the
    regimes and episodes run for the headline and for all controls (or the one added control)."""
    frames = {"daily": spread_data("daily", start), "weekly": spread_data("weekly", start)}
    specs = ladder(controls)
    fullest = [s.name for s in specs if s.kind == "controls"][-1]
    estimate = rb.regression_estimate(frames, y, term, CONTROLS)
    table = rb.run(estimate, specs, standard_samples(), headline="market", across=["market", fullest])
    table.attrs.update(y=y, term=term, start=start, bad_controls=BAD_CONTROLS)
    return table


@by_data
def rate_robustness(start: str | None = "2015-01-01") -> pd.DataFrame:
    """IWM minus IWB on the change in the 2-year yield (the floating-rate channel)."""
    return regression_robustness("IWM-IWB (%)", "ΔDGS2 (pp)", ["market", "curve slope", "high-yield spread"], start)


@by_data
def balance_sheet_robustness(start: str | None = "2015-01-01") -> pd.DataFrame:
    """IJR minus IWM on the change in the 2-year yield: the S&P 600 admits only profitable companies, the
    Russell 2000 does not, so if weak balance sheets suffer from higher rates this beta is positive."""
    return regression_robustness("IJR-IWM (%)", "ΔDGS2 (pp)", ["market", "curve slope", "high-yield spread"], start)


@by_data
def curve_robustness(start: str | None = "2015-01-01") -> pd.DataFrame:
    """KRE minus SPY on the change in the 10-year minus 2-year slope (regional banks and the curve)."""
    return regression_robustness("KRE-SPY (%)", "ΔT10Y2Y (pp)", ["market", "high-yield spread"], start)


@by_data
def credit_robustness(start: str | None = "2015-01-01") -> pd.DataFrame:
    """IWM minus IWB on the change in the high-yield spread."""
    return regression_robustness("IWM-IWB (%)", "ΔBAMLH0A0HYM2 (pp)", ["market", "2-year yield", "curve slope"], start)


@by_data
def volatility_robustness(start: str | None = "2000-05-26") -> pd.DataFrame:
    """Are small caps more volatile? The mean of IWM's squared return minus IWB's (%², HAC errors: squared returns
    cluster), daily and weekly, across the standard regimes and episodes. Positive: IWM the more volatile."""
    prices = load.load_prices(["IWM", "IWB"]).loc[start:]
    squared = {frequency: reg.returns_at(prices, frequency) ** 2 for frequency in ("daily", "weekly")}
    gaps = {frequency: (frame["IWM (%)"] - frame["IWB (%)"]).dropna() for frequency, frame in squared.items()}

    def estimate(spec: rb.Spec, sample: rb.Sample) -> rb.Estimate:
        return rb.Estimate(**reg.hac_mean(sample.select(gaps[spec.options["frequency"]])))

    specs = [
        rb.Spec("daily", options={"frequency": "daily", "units": "%² a day"}),
        rb.Spec("weekly", kind="alternative", options={"frequency": "weekly", "units": "%² a week"}),
    ]
    return rb.run(estimate, specs, standard_samples(), headline="daily")


# ----------------------------------------------------------------------------- easing cycles (notebook 02)


def _rule_and_published(rule: cycles.EasingRule, real_time: bool = False) -> tuple:
    """The rule's cycle months on FEDFUNDS (monthly, percent), the published first cuts the rate data reach, and
    the first month of FEDFUNDS."""
    fedfunds = load.load_fred(["FEDFUNDS"])["FEDFUNDS"].dropna()
    derived = cycles.easing_cycle_starts(fedfunds, rule, real_time=real_time)
    published = load.easing_cycles().index
    return derived, published[published <= fedfunds.index[-1]], fedfunds.index[0]


def cycle_starts(real_time: bool = False, rule: cycles.EasingRule = cycles.EasingRule()) -> pd.DatetimeIndex:
    """First cuts for analysis: the rule's months on FEDFUNDS, replaced by the curated date where one matches."""
    derived, published, _ = _rule_and_published(rule, real_time)
    return cycles.cycle_start_dates(derived, published)


def cycle_matches(rule: cycles.EasingRule = cycles.EasingRule()) -> pd.DataFrame:
    """The rule's cycle months against the published first cuts (:func:`helpers.analysis.cycles.match_first_cuts`);
    ``attrs`` holds :func:`helpers.analysis.cycles.match_counts` and ``rate_since``, the first month of FEDFUNDS."""
    derived, published, since = _rule_and_published(rule)
    table = cycles.match_first_cuts(derived, published)
    table.attrs.update(cycles.match_counts(table), rate_since=since)
    return table


def cycle_classes(starts) -> pd.DataFrame:
    """Recession or insurance cut for each start (:func:`helpers.analysis.cycles.classify_cycles` on USREC and
    UNRATE)."""
    fred = load.load_fred(["USREC", "UNRATE"])
    return cycles.classify_cycles(starts, fred["USREC"], fred["UNRATE"])


def cycle_returns() -> pd.DataFrame:
    """Daily returns as fractions (0.01 = 1%): ``SMB`` (the French file's percent divided by 100) and ``IWM-IWB``
    (IWM's daily return minus IWB's, where the ETFs trade)."""
    smb = load.load_factors("daily", columns=["SMB"])["SMB"] / 100
    etfs = daily_returns(load.load_prices(["IWM", "IWB"]))
    return pd.concat([smb.rename("SMB"), (etfs["IWM"] - etfs["IWB"]).rename("IWM-IWB")], axis=1)


CYCLE_WINDOWS = ((0, 6), (6, 12), (12, 18), (18, 24))
CLAIM_WINDOW = (6, 12)  # "strongest 6 to 12 months after the first cut": the window the claim names
CYCLE_SPLIT = "1989-01-01"  # curated (published) first cuts from 1989; earlier starts are the rule's months


OTHER_HALF_YEARS = ((0, 6), (12, 18), (18, 24))  # the rest of the first two years, against months 6-12


def cycle_windows(windows=CYCLE_WINDOWS) -> tuple[tuple[int, int], ...]:
    """``windows`` (months after a first cut, as ``(a, b)`` pairs, lists accepted) as a sorted tuple holding the
    claim's window, :data:`CLAIM_WINDOW`; the others are what it is compared with."""
    found = tuple(sorted({(int(a), int(b)) for a, b in windows}))
    if CLAIM_WINDOW not in found or len(found) < 2:
        raise ValueError(
            f"the cycle windows must hold the claim's months {CLAIM_WINDOW} and at least one other: {found}"
        )
    return found


def window_name(windows) -> str:
    """How the windows other than the claim's read in a specification: "the rest of the first two years" for the
    standard set, else "the rest of months a-b"."""
    others = [w for w in cycle_windows(windows) if w != CLAIM_WINDOW]
    if tuple(others) == OTHER_HALF_YEARS:
        return "the rest of the first two years"
    return f"the rest of months {min(a for a, _ in others)}-{max(b for _, b in others)}"


def cycle_robustness(
    draws: int = 2000, windows=CYCLE_WINDOWS, rule: cycles.EasingRule = cycles.EasingRule()
) -> pd.DataFrame:
    """The size premium in months 6-12 after a first cut against the other ``windows`` (months after the cut;
    by default the rest of the first two years), across specifications and cycle sets, starts dated by ``rule``.
    Coefficients are differences of compounded returns as fractions (0.031 = 3.1 percentage points).

    Headline (the reading of "strongest 6 to 12 months after the first cut"):
    SMB in months 6-12 minus its mean over months 0-6, 12-18 and 18-24, paired
    across cycles with two complete years. Alternatives: months 6-12 against
    each other half-year alone; starts from the rule without look-ahead; months
    6-12 against random start dates (bootstrap, two-sided p); IWM minus IWB where
    the ETFs trade. Samples: recession and insurance cuts, the rule's early
    months and the published dates since 1989 (each pair a group of disjoint
    cycle sets), and leaving out each cycle in turn.
    """
    return _cycle_robustness(draws, cycle_windows(windows), rule)


@by_data
def _cycle_robustness(draws: int, windows: tuple, rule: cycles.EasingRule) -> pd.DataFrame:
    others = tuple(w for w in windows if w != CLAIM_WINDOW)
    returns = cycle_returns()
    starts = {"rule": cycle_starts(rule=rule), "real-time": cycle_starts(real_time=True, rule=rule)}
    classes = cycle_classes(starts["rule"])
    windows_by = {name: cycles.premium_windows(returns, dates, windows) for name, dates in starts.items()}

    def estimate(spec: rb.Spec, sample: rb.Sample) -> rb.Estimate:
        measure, compare = spec.options["measure"], spec.options["compare"]
        table = sample.select(windows_by[spec.options.get("starts", "rule")])
        late = table[f"{measure} months 6-12"]
        others = table[[f"{measure} months {a}-{b}" for a, b in compare]].mean(axis=1, skipna=False)
        if spec.options.get("bootstrap"):
            dates = (late - others).dropna().index

            def gap_of(w):
                return (w["months 6-12"] - sum(w[f"months {a}-{b}"] for a, b in compare) / len(compare)).mean(axis=-1)

            found = cycles.random_start_bootstrap(returns[measure], dates, gap_of, windows=windows, draws=draws)
            gap = found["actual"] - found["mean"]
            return rb.Estimate(gap, found["sd"], gap / found["sd"], found["p_two_sided"], found["cycles"])
        return rb.mean_difference_estimate(late, others, paired=True)

    rest = {"measure": "SMB", "compare": others}
    specs = [
        rb.Spec(f"SMB: months 6-12 minus {window_name(windows)}", options=rest),
        *[
            rb.Spec(
                f"SMB: months 6-12 minus {a}-{b}", kind="alternative", options={"measure": "SMB", "compare": ((a, b),)}
            )
            for a, b in others
        ],
        rb.Spec("SMB: real-time rule starts", kind="alternative", options={**rest, "starts": "real-time"}),
        rb.Spec("SMB: months 6-12 against random starts", kind="alternative", options={**rest, "bootstrap": True}),
        rb.Spec("IWM-IWB: months 6-12 minus the rest", kind="alternative", options={**rest, "measure": "IWM-IWB"}),
    ]
    split = pd.Timestamp(CYCLE_SPLIT)
    samples = [
        rb.Sample(
            "recession cuts",
            "regime",
            select_fn=lambda t: t.loc[t.index.isin(classes.index[classes["kind"] == cycles.RECESSION])],
            group="kind of cut",
        ),
        rb.Sample(
            "insurance cuts",
            "regime",
            select_fn=lambda t: t.loc[t.index.isin(classes.index[classes["kind"] == cycles.INSURANCE])],
            group="kind of cut",
        ),
        rb.between(f"before {split:%Y} (the rule's months)", None, split - pd.Timedelta(days=1), "dating"),
        rb.between(f"from {split:%Y} (published dates)", split, None, "dating"),
    ]
    samples += [rb.without(f"the {d:%Y-%m} cycle", (d, d)) for d in starts["rule"]]
    table = rb.run(estimate, specs, samples)
    table.attrs.update(classes=classes, windows=windows_by["rule"], starts=starts)
    return table


# ----------------------------------------------------------------------------- the January effect (notebook 04)

JANUARY_REGIMES = {
    "before 1983": (None, "1982-12-31"),
    "1983-1999": ("1983-01-01", "1999-12-31"),
    "from 2000": ("2000-01-01", None),
}


def monthly_size_returns() -> pd.DataFrame:
    """Complete calendar months (fractions): SMB compounded from the daily file, SMB from the monthly 5-factor
    file, and IWM minus IWB."""
    smb_daily = load.load_factors("daily", columns=["SMB"])["SMB"] / 100
    compounded = (1 + smb_daily).resample("ME").prod(min_count=1) - 1
    if len(compounded) and not period_complete(smb_daily.index[-1], compounded.index[-1]):
        compounded = compounded.iloc[:-1]
    out = {"SMB (daily file)": compounded}
    try:
        out["SMB (monthly file)"] = load.load_factors("monthly", columns=["SMB"])["SMB"] / 100
    except MissingDataError:  # the monthly file is an alternative measure: the table stands without it
        pass
    etfs = calendar_returns(load.load_prices(["IWM", "IWB"]), "ME", complete_only=True)
    out["IWM-IWB"] = etfs["IWM"] - etfs["IWB"]
    frame = pd.concat(out, axis=1)
    frame.index = frame.index.to_period("M").to_timestamp("M")
    return frame


@by_data
def january_robustness(largest: int = 5) -> pd.DataFrame:
    """January minus the other months (Welch t) across measures, periods and without the largest Januaries;
    coefficients are differences of monthly returns as fractions (0.01 = 1 percentage point)."""
    monthly = monthly_size_returns()

    def estimate(spec: rb.Spec, sample: rb.Sample) -> rb.Estimate:
        values = sample.select(monthly[spec.options["column"]].dropna())
        january = values.index.month == 1
        return rb.mean_difference_estimate(values[january], values[~january])

    headline = "SMB (daily file)"
    specs = [
        rb.Spec(column, kind="controls" if column == headline else "alternative", options={"column": column})
        for column in monthly.columns
    ]
    januaries = monthly[headline].dropna()
    top = januaries.loc[januaries.index.month == 1].nlargest(largest).index
    samples = rb.regimes(extra=JANUARY_REGIMES, extra_group="three eras")
    samples.append(
        rb.Sample(
            f"without the {largest} largest Januaries",
            "episode",
            select_fn=lambda s, top=top: s.loc[~s.index.isin(top)],
        )
    )
    table = rb.run(estimate, specs, samples, headline=headline)
    table.attrs.update(largest=list(top.year))
    return table


# ----------------------------------------------------------------------------- FOMC surprises (notebook 05)

SURPRISE_WINDOWS = ((0, 0), (0, 1), (0, 5))


def fomc_surprises(windows=SURPRISE_WINDOWS, estimation=(-250, -11)) -> pd.DataFrame:
    """One row per FOMC decision the collection can date: ``decision``, the surprise ``ΔDGS2 (pp)`` (the
    announcement-day change in the 2-year yield, :func:`helpers.analysis.events.announcement_day_change`) and the
    abnormal return of IWM minus IWB (market model on SPY, percent) over each window, ``CAR (a, b)``."""
    calendar = load.fomc_calendar()
    daily = spread_data("daily", start=None)
    spread, market = daily["IWM-IWB (%)"].dropna(), daily["SPY (%)"].dropna()
    surprise = events.announcement_day_change(load.load_fred(["DGS2"])["DGS2"], calendar.index)
    out = calendar[["decision"]].join(surprise[["change_pp"]].rename(columns={"change_pp": "ΔDGS2 (pp)"}), how="inner")
    for window in windows:
        study = reg.event_study(spread, out.index, window=window, estimation=estimation, model="market", market=market)
        out[f"CAR ({window[0]:+d}, {window[1]:+d})"] = study.events["car"]
    return out.dropna()


def fomc_event_studies(
    windows=SURPRISE_WINDOWS, estimation=(-250, -11), decisions=DECIDED
) -> tuple[pd.DataFrame, dict]:
    """Market-model event studies of IWM minus IWB around each kind of FOMC decision and window.

    Returns ``(table, studies)``: one row per window and decision (events, mean
    CAR in percent, t, p, share positive) and the studies by ``(window,
    decision)``. A kind with too few events in the data held is left out and
    named in ``table.attrs["skipped"]``.
    """
    calendar = load.fomc_calendar()
    daily = spread_data("daily", start=None)
    spread, market = daily["IWM-IWB (%)"].dropna(), daily["SPY (%)"].dropna()
    rows, studies, skipped = [], {}, []
    for window in windows:
        for decision in decisions:
            dates = calendar.index[calendar["decision"] == decision]
            try:
                study = reg.event_study(
                    spread, dates, window=window, estimation=estimation, model="market", market=market
                )
            except TooLittleDataError as exc:
                skipped.append(f"{decision}, window {window}: {exc}")
                continue
            studies[(window, decision)] = study
            rows.append(
                {
                    "window": f"({window[0]:+d}, {window[1]:+d})",
                    "decision": decision,
                    "events": study.n,
                    "mean CAR (%)": study.mean_car,
                    "t": study.t,
                    "p": study.p,
                    "share positive": float((study.events["car"] > 0).mean()),
                }
            )
    table = pd.DataFrame(rows, columns=["window", "decision", "events", "mean CAR (%)", "t", "p", "share positive"])
    table = table.set_index(["window", "decision"])
    table.attrs["skipped"] = skipped
    return table, studies


def fomc_surprise_robustness(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """The slope of IWM minus IWB's abnormal return on the surprise, across events (HC1 errors): headline over
    days 0 to +1; the event day alone and the week as alternatives; with cut and hike dummies as a control;
    before and from 2022, and without March 2020 (the two emergency cuts) and the other episodes."""
    events = fomc_surprises() if events is None else events
    frame = events.copy()
    frame["cut"] = (frame["decision"] == "cut").astype(float)
    frame["hike"] = (frame["decision"] == "hike").astype(float)

    def estimate(spec: rb.Spec, sample: rb.Sample) -> rb.Estimate:
        data = sample.select(frame)
        columns = ["ΔDGS2 (pp)"] + (["cut", "hike"] if "decision" in spec.controls else [])
        columns = [c for c in columns if data[c].nunique() > 1]
        y = data[spec.options.get("car", "CAR (+0, +1)")]
        return rb.Estimate.from_regression(reg.ols(y, data[columns], cov_type="HC1"), "ΔDGS2 (pp)")

    specs = [
        rb.Spec("CAR (0, +1)"),
        rb.Spec("CAR (0, +1) with decision dummies", ("decision",)),
        rb.Spec("CAR (0, 0)", kind="alternative", options={"car": "CAR (+0, +0)"}),
        rb.Spec("CAR (0, +5)", kind="alternative", options={"car": "CAR (+0, +5)"}),
    ]
    return rb.run(estimate, specs, rb.regimes() + rb.episodes(), headline="CAR (0, +1)")


# ----------------------------------------------------------------------------- attribution (notebook 05)

ATTRIBUTION_FACTORS = {"market": "Mkt-RF", "value (HML)": "HML", "momentum": "Mom", "2-year yield": "ΔDGS2 (pp)"}


def size_attribution(year: int, estimation_years: int = 3, in_sample: bool = False) -> pd.DataFrame:
    """IWM minus IWB's summed daily return in ``year`` split into market, value, momentum and 2-year-yield
    exposures (:func:`helpers.analysis.attribution.factor_attribution`), with betas estimated over the
    ``estimation_years`` before the year (no look-ahead) or, ``in_sample``, within it. Runs to the last day
    the factors and prices share (the French files end earlier than prices)."""
    from .attribution import factor_attribution

    factors = load.load_factors("daily", columns=["Mkt-RF", "HML", "Mom"])
    rates = reg.changes_at(load.load_fred(["DGS2"]), "daily")
    exposures = pd.concat([factors, rates], axis=1, join="inner").rename(
        columns={v: k for k, v in ATTRIBUTION_FACTORS.items()}
    )
    y = spread_data("daily", start=None)["IWM-IWB (%)"]
    window = (f"{year}-01-01", f"{year}-12-31")
    estimation = window if in_sample else (f"{year - estimation_years}-01-01", f"{year - 1}-12-31")
    return factor_attribution(y, exposures[list(ATTRIBUTION_FACTORS)], window, estimation)


def latest_attribution_year(minimum_days: int = 30) -> int:
    """The latest calendar year with at least ``minimum_days`` days of the factor data (the French files end before
    the prices): the year whose spread the attribution can split."""
    end = load.load_factors("daily", columns=["HML"]).index[-1]
    return end.year if (end - pd.Timestamp(f"{end.year}-01-01")).days >= minimum_days else end.year - 1
