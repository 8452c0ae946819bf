"""The claims ledger: every checkable claim of the two seed articles, tested against the data held.

The claims are a committed table (``data/raw/curated/claims.csv``): a short
paraphrase, the article, the claimed figure and the ``method`` that tests it.
Each method below computes the measured figure with the loaders (so it honours
the as-of date) and returns a verdict with its reason:

* ``supported``: the data agree within the stated tolerance;
* ``partly supported``: part of the claim holds, or it holds only in part of the data;
* ``contradicted``: the data disagree;
* ``not testable``: this data cannot test it (earnings, fund flows, market
  pricing), or its horizon lies beyond the data; the reason says which.

A re-run with fresh data (or another as-of date) recomputes every verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import asof, curated, cycles, events, load, specs, stats, valuation
from .errors import MissingDataError
from .returns import (
    daily_returns,
    last_date_on_or_before,
    last_on_or_before,
    period_complete,
    period_return,
    relative_strength,
    rolling_volatility,
)

SUPPORTED, PARTLY, CONTRADICTED, NOT_TESTABLE = "supported", "partly supported", "contradicted", "not testable"
VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, NOT_TESTABLE)
RETURN_TOLERANCE_PP = 0.5  # a stated return within half a percentage point counts as right
FLAT_BAND = 0.01  # "flat": within +-1%
SIGNIFICANCE = 0.05
# FRED dates a month (quarter) by its first day; the figure is published later. What a claim's author could know:
CPI_PUBLICATION_LAG = pd.DateOffset(months=1, days=14)  # a month's CPI is out by mid next month
GDP_PUBLICATION_LAG = pd.DateOffset(months=4)  # a quarter's first GDP estimate is out about a month after it ends


@dataclass
class Finding:
    """What the data say about one claim: the measured figure (in the claim's units), the verdict and why."""

    measured: float | None
    verdict: str
    reason: str
    test: str


METHODS: dict = {}


def method(fn):
    """Register ``fn`` as the test named in the claims table's ``method`` column."""
    METHODS[fn.__name__] = fn
    return fn


class NotCovered(Exception):
    """The data held (or the as-of date) do not reach the dates a claim needs."""


def _prices(tickers) -> pd.DataFrame:
    return load.load_prices(tickers)


def _covered_until(frame: pd.DataFrame, date) -> pd.Timestamp:
    """The last date on or before ``date``; raises NotCovered when the data stop before ``date``'s period."""
    date = pd.Timestamp(date)
    if frame.dropna(how="all").empty or not period_complete(frame.dropna(how="all").index[-1], date):
        last = frame.dropna(how="all").index[-1] if not frame.dropna(how="all").empty else None
        raise NotCovered(f"the data end on {last:%Y-%m-%d}, before {date:%Y-%m-%d}" if last is not None else "no data")
    return last_date_on_or_before(frame.index, date)


def _return(tickers, start, end, indices: bool = False) -> pd.Series:
    frame = load.load_indices(tickers) if indices else _prices(tickers)
    _covered_until(frame, end)
    return period_return(frame, start, end)


def _pp(value: float) -> str:
    return f"{value * 100:+.1f}%"


def _return_claim(claim, ticker: str, indices: bool = False) -> Finding:
    measured = _return([ticker], claim.period_start, claim.period_end, indices)[ticker]
    claimed = claim.claimed_value / 100
    gap = (measured - claimed) * 100
    verdict = SUPPORTED if abs(gap) <= RETURN_TOLERANCE_PP else CONTRADICTED
    symbol = f"^{ticker}" if indices else ticker
    return Finding(measured * 100, verdict,
                   f"{symbol} {_pp(measured)} from the {claim.period_start:%Y-%m-%d} close to {claim.period_end:%Y-%m-%d} "
                   f"({gap:+.1f} pp against the claim)",
                   f"{symbol} return over the claim's dates; supported within ±{RETURN_TOLERANCE_PP} pp")


# ----------------------------------------------------------------------------- returns and levels


@method
def return_iwm(claim) -> Finding:
    if "Russell 2000" in claim.subject and claim.article == "000":
        finding = _return_claim(claim, "RUT", indices=True)
    else:
        finding = _return_claim(claim, "IWM")
    path = _prices(["IWM"])["IWM"]
    base = last_on_or_before(path, claim.period_start)
    reached = events.first_date_reaching(path / base - 1, claim.claimed_value / 100, after=claim.period_start)
    finding.reason += f"; IWM first closed {claim.claimed_value:.1f}% up on {reached:%Y-%m-%d}" if reached is not None else ""
    return finding


def _flat(claim, tickers, index_keys=()) -> Finding:
    values = {}
    if tickers:
        values.update(_return(tickers, claim.period_start, claim.period_end).to_dict())
    if index_keys:
        values.update({f"^{k}": v for k, v in _return(list(index_keys), claim.period_start, claim.period_end, indices=True).items()})
    inside = [abs(v) <= FLAT_BAND for v in values.values()]
    near = [abs(v) <= 2 * FLAT_BAND for v in values.values()]
    verdict = SUPPORTED if all(inside) else PARTLY if all(near) else CONTRADICTED
    text = ", ".join(f"{k} {_pp(v)}" for k, v in values.items())
    return Finding(float(np.mean(list(values.values()))) * 100, verdict, f"{text} (flat = within ±{FLAT_BAND:.0%})",
                   f"returns over the claim's dates; flat within ±{FLAT_BAND:.0%}, partly within ±{2 * FLAT_BAND:.0%}")


@method
def return_large_flat(claim) -> Finding:
    return _flat(claim, ["SPY", "QQQ"])


@method
def return_large_flat_composite(claim) -> Finding:
    return _flat(claim, ["SPY"], index_keys=["IXIC"])


@method
def iwm_all_time_high(claim) -> Finding:
    prices = _prices(["IWM"])["IWM"].dropna()
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    end = _covered_until(prices.to_frame(), claim.period_end)
    window = prices.loc[f"{end.year}-01-01":end]
    before = prices.loc[: window.index[0] - pd.Timedelta(days=1)]
    new_high = window.max() > before.max()
    rut_window = levels.loc[window.index[0]:end]
    rut_high = rut_window.max() > levels.loc[: window.index[0] - pd.Timedelta(days=1)].max()
    verdict = SUPPORTED if new_high and rut_high else PARTLY if (new_high or rut_high) else CONTRADICTED
    return Finding(None, verdict,
                   f"IWM adjusted close {'set' if new_high else 'did not set'} a record by {end:%Y-%m-%d} "
                   f"(high {window.max():.2f} vs earlier {before.max():.2f}); the ^RUT level {'did' if rut_high else 'did not'} "
                   f"(high {rut_window.max():,.0f} vs earlier {levels.loc[: window.index[0] - pd.Timedelta(days=1)].max():,.0f}, "
                   f"level history from {levels.index[0]:%Y})",
                   "closes in the first days of 2026 against every earlier close (IWM total-return price and ^RUT level)")


@method
def opening_rank(claim) -> Finding:
    prices = _prices(["IWM"])
    end = _covered_until(prices, claim.period_end)
    year = end.year
    days = int(((prices.index.year == year) & (prices.index <= end)).sum())
    openings = events.year_openings(prices, days, 2001, year)["IWM"]
    rank = int(openings.rank(ascending=False)[year])
    verdict = SUPPORTED if rank <= 3 else PARTLY if rank <= len(openings) / 4 else CONTRADICTED
    return Finding(float(rank), verdict,
                   f"IWM's first {days} trading days of {year} ({_pp(openings[year])}) rank {rank} of {len(openings)} years since 2001",
                   "rank of IWM's return over the same number of opening trading days in every year since 2001; "
                   "supported in the top 3, partly in the top quarter")


@method
def return_rut_december(claim) -> Finding:
    return _return_claim(claim, "RUT", indices=True)


@method
def rut_crosses_2500(claim) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"]
    end = _covered_until(levels.to_frame(), claim.period_end)
    crossed = events.first_date_reaching(levels.loc[:end], claim.claimed_value, after=claim.period_start - pd.Timedelta(days=1))
    year_end = levels.loc[:end].iloc[-1]
    if crossed is None:
        return Finding(None, CONTRADICTED, f"no close at or above {claim.claimed_value:,.0f} by {end:%Y-%m-%d}",
                       "first ^RUT close at or above the level in the claim's period")
    verdict = SUPPORTED if year_end >= claim.claimed_value else PARTLY
    return Finding(None, verdict,
                   f"first close above {claim.claimed_value:,.0f} on {crossed:%Y-%m-%d} ({levels.loc[crossed]:,.2f}); "
                   f"{year_end:,.2f} on {end:%Y-%m-%d}",
                   "first ^RUT close at or above the level in the claim's period; partly if it ended the period below")


@method
def catchup_q4(claim) -> Finding:
    prices = _prices(["IWM", "IWB"])
    end = _covered_until(prices, claim.period_end)
    year = end.year
    ratio = relative_strength(prices["IWM"], prices["IWB"])["ratio"].loc[str(year)].loc[:end]
    low = ratio.idxmin()
    late = period_return(prices, claim.period_start, end)
    since_low = period_return(prices, low, end)
    excess_late = late["IWM"] - late["IWB"]
    if low >= claim.period_start and excess_late > 0:
        verdict = SUPPORTED
    elif since_low["IWM"] > since_low["IWB"]:
        verdict = PARTLY
    else:
        verdict = CONTRADICTED
    return Finding(excess_late * 100, verdict,
                   f"IWM/IWB bottomed on {low:%Y-%m-%d}; IWM minus IWB {_pp(since_low['IWM'] - since_low['IWB'])} from then to "
                   f"{end:%Y-%m-%d}, {_pp(excess_late)} from {claim.period_start:%Y-%m-%d}",
                   "low of the IWM/IWB ratio in the year, and IWM minus IWB after it and over the claimed period")


def _return_2025(claim, ticker) -> Finding:
    finding = _return_claim(claim, ticker)
    finding.test = f"{ticker} (ETF, total return after fees) over the calendar year; supported within ±1 pp (fees, tracking)"
    gap = abs(finding.measured - claim.claimed_value)
    finding.verdict = SUPPORTED if gap <= 1.0 else PARTLY if gap <= 2.0 else CONTRADICTED
    return finding


@method
def return_2025_iwc(claim) -> Finding:
    return _return_2025(claim, "IWC")


@method
def return_2025_iwm(claim) -> Finding:
    return _return_2025(claim, "IWM")


@method
def return_2025_iwb(claim) -> Finding:
    return _return_2025(claim, "IWB")


@method
def return_2025_xlg(claim) -> Finding:
    finding = _return_2025(claim, "XLG")
    finding.test += "; XLG follows the S&P 500 Top 50, a proxy for the Russell Top 50"
    return finding


# ----------------------------------------------------------------------------- the Fed and rates


def _decided(as_of=None) -> pd.DataFrame:
    table = load.fomc_decisions(as_of=as_of)
    return table.loc[table["decision"].isin(["cut", "hold", "hike"])]


@method
def three_cuts(claim) -> Finding:
    decisions = _decided()
    window = decisions.loc[claim.period_start:claim.period_end]
    cuts = window.loc[window["decision"] == "cut"]
    if decisions.empty or decisions.index[-1] < pd.Timestamp(claim.period_end) - pd.Timedelta(days=60):
        raise NotCovered(f"the FOMC calendar held ends before {claim.period_end:%Y-%m-%d}")
    consecutive = len(cuts) == 3 and (window["decision"] == "cut").all() and (cuts["change_bp"] == -25).all()
    final = (cuts["lower"].iloc[-1], cuts["upper"].iloc[-1]) if len(cuts) else (np.nan, np.nan)
    right_range = final == (3.50, 3.75)
    verdict = SUPPORTED if consecutive and right_range else PARTLY if len(cuts) else CONTRADICTED
    return Finding(float(np.mean(final)) if len(cuts) else None, verdict,
                   f"{len(cuts)} cuts between {claim.period_start:%Y-%m-%d} and {claim.period_end:%Y-%m-%d} "
                   f"({', '.join(f'{d:%Y-%m-%d} {c:+.0f} bp' for d, c in cuts['change_bp'].items())}); range after: "
                   f"{final[0]:.2f}-{final[1]:.2f}% (curated, checked against DFEDTARU/DFEDTARL)",
                   "curated FOMC decisions in the claim's period")


@method
def easing_start(claim) -> Finding:
    decisions = _decided()
    cuts = decisions.loc[decisions["decision"] == "cut"]
    if cuts.empty:
        raise NotCovered("no cut in the FOMC calendar held")
    first = cuts.index[0]
    late_2025 = cuts.loc["2025-09-01":"2025-12-31"]
    verdict = SUPPORTED if first >= pd.Timestamp("2025-09-01") else PARTLY if len(late_2025) == 3 else CONTRADICTED
    return Finding(None, verdict,
                   f"the cycle's first cut was {first:%Y-%m-%d} ({cuts.loc[first, 'change_bp']:+.0f} bp); after a pause, "
                   f"{len(late_2025)} cuts of 25 bp followed in September-December 2025",
                   "first cut of the cycle in the curated FOMC calendar")


@method
def rate_sensitivity(claim) -> Finding:
    daily = specs.size_spread_regression("daily", str(claim.period_start.date())).table.loc["ΔDGS2 (pp)"]
    weekly = specs.size_spread_regression("weekly", str(claim.period_start.date())).table.loc["ΔDGS2 (pp)"]
    hits = [r["coef"] < 0 and r["p"] < SIGNIFICANCE for r in (daily, weekly)]
    wrong = [r["coef"] > 0 and r["p"] < SIGNIFICANCE for r in (daily, weekly)]
    verdict = SUPPORTED if all(hits) else CONTRADICTED if any(wrong) else PARTLY if any(hits) else CONTRADICTED
    return Finding(float(daily["coef"]), verdict,
                   f"IWM minus IWB on ΔDGS2 (with SPY, slope, credit): daily {daily['coef']:+.2f} %/pp (p {daily['p']:.3f}), "
                   f"weekly {weekly['coef']:+.2f} (p {weekly['p']:.3f}); debt structure itself is not in this data",
                   "HAC regressions since the claim's start date (notebook 05); supported if negative and significant at both frequencies")


@method
def smb_after_first_cut(claim) -> Finding:
    fedfunds = load.load_fred(["FEDFUNDS"])["FEDFUNDS"]
    derived = cycles.easing_cycle_starts(fedfunds)
    published = load.easing_cycles().index
    starts = cycles.cycle_start_dates(derived, published[published <= fedfunds.index[-1]])
    smb = load.load_factors("daily", columns=["SMB"])["SMB"] / 100
    table = cycles.premium_after(smb, starts)
    test = stats.compare_means(table["SMB months 6-12"], table["SMB months 0-6"], paired=True, labels=("6-12", "0-6"))
    higher = test["mean 6-12"] > test["mean 0-6"]
    verdict = (SUPPORTED if higher and test["p"] < SIGNIFICANCE else PARTLY if higher else CONTRADICTED)
    return Finding(test["mean 6-12"] * 100, verdict,
                   f"across {test['n 6-12']} cycles SMB averaged {_pp(test['mean 0-6'])} in months 0-6 and {_pp(test['mean 6-12'])} "
                   f"in months 6-12 after the first cut (paired t {test['t']:.2f}, p {test['p']:.2f})",
                   "SMB after each first cut since 1954 (notebook 02's rule and curated dates); supported if months 6-12 beat 0-6 significantly")


@method
def kre_slope(claim) -> Finding:
    start = str(claim.period_start.date())
    daily = specs.bank_curve_regression("daily", start).table.loc["ΔT10Y2Y (pp)"]
    weekly = specs.bank_curve_regression("weekly", start).table.loc["ΔT10Y2Y (pp)"]
    ends = specs.bank_curve_regression("daily", start, split=True).table
    hits = [r["coef"] > 0 and r["p"] < SIGNIFICANCE for r in (daily, weekly)]
    verdict = SUPPORTED if all(hits) else PARTLY if any(hits) or (daily["coef"] > 0 and weekly["coef"] > 0) else CONTRADICTED
    return Finding(float(daily["coef"]), verdict,
                   f"KRE minus SPY on Δslope: daily {daily['coef']:+.2f} (p {daily['p']:.2f}), weekly {weekly['coef']:+.2f} "
                   f"(p {weekly['p']:.2f}); by tenor, Δ10-year {ends.loc['ΔDGS10 (pp)', 'coef']:+.2f} "
                   f"(p {ends.loc['ΔDGS10 (pp)', 'p']:.3f}), Δ2-year {ends.loc['ΔDGS2 (pp)', 'coef']:+.2f} (p {ends.loc['ΔDGS2 (pp)', 'p']:.2f})",
                   "HAC regressions of KRE minus SPY on the slope (notebook 05); supported if positive and significant at both frequencies")


@method
def curve_steepening(claim) -> Finding:
    slope = load.load_fred(["T10Y2Y"])["T10Y2Y"].dropna()
    end = _covered_until(slope.to_frame(), claim.period_end)
    change = slope.loc[:end].iloc[-1] - last_on_or_before(slope, claim.period_start)
    verdict = SUPPORTED if change > 0.10 else PARTLY if change > 0 else CONTRADICTED
    return Finding(float(change), verdict,
                   f"10y-2y slope {last_on_or_before(slope, claim.period_start):.2f} on {claim.period_start:%Y-%m-%d}, "
                   f"{slope.loc[:end].iloc[-1]:.2f} on {end:%Y-%m-%d} ({change:+.2f} pp)",
                   "change in T10Y2Y over the claim's period; supported above +0.10 pp")


@method
def sector_leaders(claim) -> Finding:
    tickers = ["KRE", "XLI", "XES", "XBI"]
    values = _return([*tickers, "IWM"], claim.period_start, claim.period_end)
    beat = [t for t in tickers if values[t] > values["IWM"]]
    verdict = SUPPORTED if len(beat) == len(tickers) else PARTLY if beat else CONTRADICTED
    return Finding(float(values[tickers].mean()) * 100, verdict,
                   f"{', '.join(f'{t} {_pp(values[t])}' for t in tickers)} against IWM {_pp(values['IWM'])}: "
                   f"{len(beat)} of {len(tickers)} beat it (XLI is a large-cap fund)",
                   "sector ETF returns against IWM over the claim's dates")


@method
def venezuela_week(claim) -> Finding:
    tickers = ["XLI", "XES", "OIH"]
    values = _return([*tickers, "SPY"], claim.period_start, claim.period_end)
    beat = [t for t in tickers if values[t] > values["SPY"]]
    verdict = SUPPORTED if len(beat) == len(tickers) else PARTLY if beat else CONTRADICTED
    return Finding(float(values[tickers].mean() - values["SPY"]) * 100, verdict,
                   f"{', '.join(f'{t} {_pp(values[t])}' for t in tickers)} against SPY {_pp(values['SPY'])} "
                   f"({claim.period_start:%Y-%m-%d} close to {claim.period_end:%Y-%m-%d}); the cause is not identified by returns",
                   "returns in the week after the event against SPY")


def _names_against(claim, tickers, benchmark, margin) -> tuple[pd.Series, list[str]]:
    values = _return([*tickers, benchmark], claim.period_start, claim.period_end)
    return values, [t for t in tickers if values[t] - values[benchmark] >= margin]


@method
def return_grc(claim) -> Finding:
    values, strong = _names_against(claim, ["GRC"], "IWM", 0.05)
    excess = values["GRC"] - values["IWM"]
    verdict = SUPPORTED if strong else PARTLY if excess > 0 else CONTRADICTED
    return Finding(values["GRC"] * 100, verdict, f"GRC {_pp(values['GRC'])} against IWM {_pp(values['IWM'])} to {claim.period_end:%Y-%m-%d}",
                   "return over the claim's dates; 'soared' read as beating IWM by 5 pp or more")


@method
def esoa_vs_xle(claim) -> Finding:
    values, strong = _names_against(claim, ["ESOA"], "XLE", 0.05)
    excess = values["ESOA"] - values["XLE"]
    verdict = SUPPORTED if strong else PARTLY if excess > 0 else CONTRADICTED
    return Finding(excess * 100, verdict, f"ESOA {_pp(values['ESOA'])} against XLE {_pp(values['XLE'])} ({excess * 100:+.1f} pp)",
                   "ESOA minus XLE over the claim's dates; 'a wide margin' read as 5 pp or more")


@method
def biotech_highs(claim) -> Finding:
    prices = _prices(["ARWR", "ALMS"])
    end = _covered_until(prices, claim.period_end)
    notes, highs = [], 0
    for ticker in ["ARWR", "ALMS"]:
        series = prices[ticker].dropna()
        lookback = series.loc[end - pd.DateOffset(years=3): end]
        high = series.loc[:end].iloc[-1] >= lookback.max() * 0.97
        highs += high
        notes.append(f"{ticker} {series.loc[:end].iloc[-1]:.2f} vs {lookback.index[0].year}-{end.year} high {lookback.max():.2f}"
                     + (" (listed June 2024)" if ticker == "ALMS" else ""))
    verdict = SUPPORTED if highs == 2 else PARTLY if highs else CONTRADICTED
    return Finding(None, verdict, "; ".join(notes), "close on the claim's date within 3% of the highest close of the prior three years")


@method
def megacap_stall(claim) -> Finding:
    tickers = ["NVDA", "AAPL", "MSFT"]
    values = _return([*tickers, "IWM"], claim.period_start, claim.period_end)
    trailing = [t for t in tickers if values[t] < values["IWM"]]
    verdict = SUPPORTED if len(trailing) == 3 else PARTLY if trailing else CONTRADICTED
    return Finding(float(values[tickers].mean()) * 100, verdict,
                   f"{', '.join(f'{t} {_pp(values[t])}' for t in tickers)} against IWM {_pp(values['IWM'])}",
                   "returns over the claim's dates against IWM")


# ----------------------------------------------------------------------------- valuation


@method
def pe_22_vs_15(claim) -> Finding:
    pairs = valuation.pe_pairs(load.valuations())
    published = pairs.loc[(pairs["kind"] == "published") & (pairs["small"] == "S&P SmallCap 600")]
    if published.empty:
        raise NotCovered("no published S&P 500 / S&P 600 pair by the as-of date")
    row = published.iloc[-1]
    close = abs(row["large P/E"] - 22) <= 1 and abs(row["small P/E"] - 15) <= 1
    return Finding(float(row["large P/E"]), SUPPORTED if close else CONTRADICTED,
                   f"published on {published.index[-1]:%Y-%m-%d}: S&P 500 {row['large P/E']:.1f}x, S&P 600 {row['small P/E']:.1f}x "
                   f"({row['source']})",
                   "nearest dated, published pair of forward P/Es; supported within 1x of each")


@method
def discount_26(claim) -> Finding:
    pairs = valuation.pe_pairs(load.valuations())
    published = pairs.loc[pairs["kind"] == "published"]
    article = pairs.loc[pairs["kind"] == "article claim"]
    claimed = claim.claimed_value / 100
    if published.empty:
        raise NotCovered("no published pair of multiples by the as-of date")
    nearest = (published["discount"] - claimed).abs().min()
    inside = published["discount"].min() <= claimed <= published["discount"].max()
    verdict = SUPPORTED if nearest <= 0.02 else PARTLY if inside else CONTRADICTED
    other = f"; the other article's 22x/15x implies {article['discount'].iloc[0]:.1%}" if len(article) else ""
    return Finding(float(published["discount"].iloc[-1]) * 100, verdict,
                   "published pairs imply " + ", ".join(f"{r['discount']:.1%} ({d:%Y-%m-%d}, {r['small']})" for d, r in published.iterrows()) + other,
                   "discount 1 - small/large from dated published multiples; supported within 2 pp of one, partly inside their range")


@method
def relative_price_percentile(claim) -> Finding:
    prices = _prices(["IWM", "IWB"])
    end = _covered_until(prices, claim.period_end)
    ratio = relative_strength(prices["IWM"], prices["IWB"])["ratio"].loc[:end]
    rank = stats.percentile_rank(ratio, ratio.iloc[-1])
    verdict = PARTLY if rank <= 0.10 else CONTRADICTED
    return Finding(rank * 100, verdict,
                   f"IWM/IWB on {end:%Y-%m-%d} at the {rank:.1%} percentile of its history since {ratio.index[0]:%Y}: an extreme in "
                   "relative price; a history of multiples is not in this data, so the valuation half is untested",
                   "percentile of the IWM/IWB ratio in its daily history; at most partly supported (prices are not earnings)")


@method
def not_testable_valuation(claim) -> Finding:
    return Finding(None, NOT_TESTABLE, "needs earnings estimates for the companies in question, which this data does not hold",
                   "no earnings data in the collection")


@method
def not_testable_forecast(claim) -> Finding:
    return Finding(None, NOT_TESTABLE, "an analysts' earnings forecast; the collection holds no earnings data",
                   "no earnings data in the collection")


@method
def not_testable_flows(claim) -> Finding:
    return Finding(None, NOT_TESTABLE, "fund-flow reports from dealers are not in this data", "no fund-flow data in the collection")


# ----------------------------------------------------------------------------- macro


@method
def cpi_inflation(claim) -> Finding:
    cpi = load.load_fred(["CPIAUCSL"])["CPIAUCSL"].dropna()
    # a month's CPI is published about two weeks after the month ends: keep what was out by the claim's date
    published = cpi.loc[cpi.index + CPI_PUBLICATION_LAG <= claim.period_end]
    if len(published) < 13:
        raise NotCovered("too little CPI history published by the claim's date")
    inflation = (published.iloc[-1] / published.iloc[-13] - 1) * 100
    gap = inflation - claim.claimed_value
    verdict = SUPPORTED if abs(gap) <= 0.3 else PARTLY if abs(gap) <= 0.6 else CONTRADICTED
    return Finding(inflation, verdict,
                   f"CPI inflation over the 12 months to {published.index[-1]:%B %Y}, the latest month published by "
                   f"{claim.period_end:%Y-%m-%d}: {inflation:.1f}%",
                   "12-month change in CPIAUCSL for the latest month out by the claim's date (month + 1 month and 14 days); "
                   "supported within 0.3 pp")


@method
def gdp_growth(claim) -> Finding:
    gdp = load.load_fred(["GDPC1"])["GDPC1"].dropna()
    cut = asof.get_as_of()
    if cut is not None:
        gdp = gdp.loc[gdp.index + GDP_PUBLICATION_LAG <= cut]  # quarters published by the as-of date
    in_year = gdp.loc[gdp.index.year == claim.period_start.year]
    if len(in_year) < 4:
        annualised = ((in_year.iloc[-1] / gdp.loc[: claim.period_start - pd.Timedelta(days=1)].iloc[-1]) ** (4 / len(in_year)) - 1) * 100 if len(in_year) else None
        so_far = f"; so far ({len(in_year)} quarter(s) of {claim.period_start.year}) {annualised:.1f}% annualised" if annualised is not None else ""
        return Finding(annualised, NOT_TESTABLE, f"a forecast for {claim.period_start.year}; {len(in_year)} of its quarters are in the data{so_far}",
                       "real GDP growth over the forecast year, once the data cover it")
    growth = (in_year.iloc[-1] / gdp.loc[: claim.period_start - pd.Timedelta(days=1)].iloc[-1] - 1) * 100
    verdict = SUPPORTED if abs(growth - claim.claimed_value) <= 0.5 else CONTRADICTED
    return Finding(growth, verdict, f"real GDP grew {growth:.1f}% over {claim.period_start.year} (Q4 on Q4)", "Q4-on-Q4 growth of GDPC1")


@method
def post_dotcom(claim) -> Finding:
    prices = _prices(["IWN", "IWB"])
    end = _covered_until(prices, claim.period_end)
    start = prices["IWN"].first_valid_index()
    total = period_return(prices, start, end)
    yearly = prices.loc[start:end].resample("YE").last()
    yearly = yearly / yearly.shift(1) - 1
    wins = int((yearly["IWN"] > yearly["IWB"]).sum())
    factors = load.load_factors("monthly", columns=["SMB", "HML"]).loc[claim.period_start:end] / 100
    premium = ((1 + factors).prod() - 1)
    verdict = SUPPORTED if total["IWN"] > total["IWB"] and wins > len(yearly.dropna()) / 2 else PARTLY if total["IWN"] > total["IWB"] else CONTRADICTED
    return Finding((total["IWN"] - total["IWB"]) * 100, verdict,
                   f"IWN (Russell 2000 value) {_pp(total['IWN'])} vs IWB {_pp(total['IWB'])} from {start:%Y-%m-%d} to {end:%Y-%m-%d}, "
                   f"ahead in {wins} of {len(yearly.dropna())} calendar years; SMB {_pp(premium['SMB'])} and HML {_pp(premium['HML'])} "
                   f"from {claim.period_start:%Y-%m}",
                   "IWN against IWB, and the SMB and HML factors, over the claimed period")


# ----------------------------------------------------------------------------- forecasts and what followed


@method
def jefferies_target(claim) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    last_day = levels.index[-1]
    target = claim.claimed_value
    if period_complete(last_day, claim.period_end):
        final = last_on_or_before(levels, claim.period_end)
        verdict = SUPPORTED if abs(final / target - 1) <= 0.05 else CONTRADICTED
        return Finding(final, verdict, f"^RUT closed {claim.period_end:%Y} at {final:,.0f} against the {target:,.0f} target",
                       "^RUT at the target date; supported within 5%")
    return Finding(levels.iloc[-1], NOT_TESTABLE,
                   f"the target date {claim.period_end:%Y-%m-%d} is beyond the data; on {last_day:%Y-%m-%d} ^RUT stood at "
                   f"{levels.iloc[-1]:,.0f}, {levels.iloc[-1] / target - 1:+.1%} from the target",
                   "^RUT at the target date, once the data reach it")


@method
def jefferies_upside(claim) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    on_date = _covered_until(levels.to_frame(), claim.period_end)
    target = curated.read_claims().loc["JEF_TARGET_2825", "claimed_value"]
    upside = (target / levels.loc[on_date] - 1) * 100
    year_end = last_date_on_or_before(levels.index, pd.Timestamp(year=on_date.year - 1, month=12, day=31))
    upside_year_end = (target / levels.loc[year_end] - 1) * 100
    gap, gap_year_end = upside - claim.claimed_value, upside_year_end - claim.claimed_value
    verdict = SUPPORTED if abs(gap) <= 1 else PARTLY if abs(gap_year_end) <= 1 else CONTRADICTED
    return Finding(upside, verdict,
                   f"{target:,.0f} is {upside:+.1f}% from ^RUT on {on_date:%Y-%m-%d} ({levels.loc[on_date]:,.0f}) and "
                   f"{upside_year_end:+.1f}% from the {year_end:%Y-%m-%d} close ({levels.loc[year_end]:,.0f})",
                   "target over the ^RUT level on the article's date; partly if it matches the previous year-end instead")


@method
def cuts_2026(claim) -> Finding:
    decisions = _decided()
    year = decisions.loc[str(claim.period_start.year):]
    cuts = int((year["decision"] == "cut").sum())
    last = decisions.index[-1]
    return Finding(float(cuts), NOT_TESTABLE,
                   f"market pricing (futures) is not in this data; what followed: {cuts} cut(s) in {len(year)} decisions of "
                   f"{claim.period_start.year} through {last:%Y-%m-%d}",
                   "decisions in the year so far; pricing itself untestable here")


@method
def leadership_2026(claim) -> Finding:
    prices = _prices(["IWM", "IWB"])
    last_day = prices.dropna().index[-1]
    values = period_return(prices, claim.period_start, min(last_day, claim.period_end))
    excess = values["IWM"] - values["IWB"]
    if period_complete(last_day, claim.period_end):
        verdict = SUPPORTED if excess > 0 else CONTRADICTED
        return Finding(excess * 100, verdict, f"IWM minus IWB {_pp(excess)} over {claim.period_end:%Y}", "IWM minus IWB over the year")
    return Finding(excess * 100, NOT_TESTABLE,
                   f"the forecast runs to {claim.period_end:%Y-%m-%d}, beyond the data; so far IWM {_pp(values['IWM'])} against "
                   f"IWB {_pp(values['IWB'])} ({_pp(excess)}) through {last_day:%Y-%m-%d}",
                   "IWM minus IWB over the forecast year, once the data cover it")


@method
def h1_2026(claim) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    prices = _prices(["IWM"])["IWM"].dropna()
    end = _covered_until(levels.to_frame(), claim.period_end)
    realised = period_return(levels, claim.period_start, end)
    halves = []
    for year in range(2001, claim.period_end.year):
        halves.append(period_return(prices, f"{year - 1}-12-31", f"{year}-06-30"))
    median, upper = float(np.median(halves)), float(np.quantile(halves, 0.75))
    verdict = SUPPORTED if realised <= median else CONTRADICTED if realised > upper else PARTLY
    return Finding(realised * 100, verdict,
                   f"^RUT {_pp(realised)} in the first half of {end.year}; IWM's first halves since 2001: median {_pp(median)}, "
                   f"upper quartile {_pp(upper)}",
                   "first-half return against the history of first halves: supported at or below the median, contradicted above the upper quartile")


@method
def january_effect(claim) -> Finding:
    smb = load.load_factors("daily", columns=["SMB"])["SMB"] / 100
    monthly = (1 + smb).resample("ME").prod(min_count=1) - 1
    if not period_complete(smb.index[-1], monthly.index[-1]):
        monthly = monthly.iloc[:-1]
    table = stats.calendar_month_effect(monthly, month=1, starts=("1926", "2000"), label="January")
    whole, recent = table.iloc[0], table.iloc[-1]
    verdict = (SUPPORTED if whole["p"] < SIGNIFICANCE and recent["p"] < SIGNIFICANCE
               else PARTLY if whole["p"] < SIGNIFICANCE else CONTRADICTED)
    return Finding(whole["difference"] * 100, verdict,
                   f"January minus other months, SMB: {_pp(whole['difference'])} since 1926 (p {whole['p']:.3f}), "
                   f"{_pp(recent['difference'])} since 2000 (p {recent['p']:.2f})",
                   "Welch t-test of January SMB against the other months, whole sample and since 2000 (notebook 04)")


@method
def volatility_ratio(claim) -> Finding:
    prices = _prices(["IWM", "IWB"]).loc[claim.period_start:]
    returns = daily_returns(prices).dropna()
    vol = returns.std() * np.sqrt(252)
    ratio = vol["IWM"] / vol["IWB"]
    rolling = rolling_volatility(returns, 252).dropna()
    share = float((rolling["IWM"] > rolling["IWB"]).mean())
    verdict = SUPPORTED if ratio > 1 and share > 0.9 else PARTLY if ratio > 1 else CONTRADICTED
    return Finding(ratio, verdict,
                   f"annualised daily volatility since {returns.index[0]:%Y}: IWM {vol['IWM']:.1%}, IWB {vol['IWB']:.1%} (ratio {ratio:.2f}); "
                   f"IWM more volatile in {share:.0%} of rolling years",
                   "volatility of daily returns, whole sample and one-year rolling")


def build(as_of=None) -> pd.DataFrame:
    """Every claim with its measured figure and verdict, recomputed from the data held (and the as-of date)."""
    previous = asof._session_as_of
    if as_of is not None:
        asof.set_as_of(as_of)
    try:
        rows = []
        for claim_id, claim in curated.read_claims().iterrows():
            method = METHODS.get(claim.method)
            if method is None:
                raise KeyError(f"claim {claim_id}: no method {claim.method!r} in helpers.claims")
            claim = claim.copy()
            claim["id"] = claim_id
            try:
                finding = method(claim)
            except NotCovered as exc:
                finding = Finding(None, NOT_TESTABLE, f"not yet testable: {exc}", "")
            except MissingDataError as exc:
                finding = Finding(None, NOT_TESTABLE, f"data not held: {exc}", "")
            except ValueError as exc:  # e.g. too few observations for a regression at an early as-of date
                finding = Finding(None, NOT_TESTABLE, f"not testable with the data held: {exc}", "")
            rows.append({
                "id": claim_id, "article": claim.article, "category": claim.category, "claim": claim.claim,
                "claimed": claim.claimed_value, "units": claim.units, "measured": finding.measured,
                "verdict": finding.verdict, "evidence": finding.reason, "test": finding.test,
            })
        table = pd.DataFrame(rows).set_index("id")
    finally:
        asof._session_as_of = previous
    table.attrs = {"data": load.data_label()}
    return table


def verdict_counts(table: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict (all four verdicts listed, zero included)."""
    return table["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


VERDICT_COLORS = {SUPPORTED: "#d9f0d3", PARTLY: "#fee8c8", CONTRADICTED: "#f4c7c3", NOT_TESTABLE: "#e8e8e8"}  # table cells
VERDICT_MARKERS = {SUPPORTED: "#1a9850", PARTLY: "#f39c12", CONTRADICTED: "#d73027", NOT_TESTABLE: "#969696"}  # figures


def styled(table: pd.DataFrame, caption: str):
    """The ledger as a table with each verdict cell shaded (green, amber, red, grey)."""
    from .notebook import show_table

    shown = table[["article", "category", "claim", "claimed", "units", "measured", "verdict", "evidence"]]
    styled_table = show_table(shown, caption, fmt={"claimed": "{:g}", "measured": "{:.2f}"})
    styled_table.styler = styled_table.styler.map(
        lambda v: f"background-color: {VERDICT_COLORS.get(v, '')}", subset=["verdict"]
    ).set_properties(subset=["claim", "evidence"], **{"text-align": "left", "min-width": "14rem"})
    return styled_table
