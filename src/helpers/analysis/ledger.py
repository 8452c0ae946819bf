"""The claims ledger: every checkable claim of the two seed articles, tested against the data held.

The claims are a committed table (``data/raw/curated/claims.csv``): a short
paraphrase, the article, the claimed figure, its **kind**, its **window** with
the reason the wording gives for it, and the ``method`` that tests it.
Alternative readings of a window are in ``claim_windows.csv``. Each method
computes the measured figure with the loaders (so it honours the as-of date)
and returns a verdict with its reason:

* ``supported``: the data agree, by the rule below;
* ``partly supported``: a stated part of the claim holds and another does not;
* ``contradicted``: the data disagree, or show nothing the claim says happened;
* ``not testable``: this data cannot test it (earnings, fund flows, what a
  third party said or priced), or its horizon lies beyond the data.

**The rules of evidence** (one :class:`Policy`, varied by :func:`sensitivity`):

1. *Outcome claims and reported views are apart.* A claim the article makes
   itself is judged against the data. A claim that the article *reports*
   someone's view (a bank's target, strategists' expectations, market pricing)
   is judged on whether it was reported accurately where that can be checked,
   otherwise "not testable"; what followed goes to the ``next`` column ("what
   happened next"), never against the article.
2. *One tolerance for stated figures.* A stated return, or a level as the
   return that would reach it, is supported within ``T = 0.5 pp`` and partly
   within ``2T`` (an ETF's calendar-year total return standing in for an index
   adds 0.5 pp for fees and tracking); rates within 0.1 pp; forward multiples
   stand for half a turn either side.
3. *Claims of movement without a figure* (flat, soared, favoured, led, stalled,
   a catch-up, a steepening) are judged against their **noise band**: one
   standard deviation of a move of the window's length, scaled from the daily
   moves of the year before the window (sd × √days). A claimed move or effect
   inside the band is not borne out; "flat" means inside it.
4. *Regularities* (rates, the curve, cycles, January) are judged on their
   robustness table (:mod:`helpers.analysis.robustness`): supported when the estimate
   holds in every specification, partly when the headline is significant but
   not every row, contradicted when the headline is not significant in the
   claimed direction (5% level).
5. *Windows follow the wording* (the ``window_reason`` column); alternative
   readings go to the sensitivity table, which flags verdicts that flip.
6. *Figures as of the claim.* Every lookup is by date: the close on or before
   a date, the same month a year earlier, the multiples dated on or before the
   claim (or carried there by price, and said so).

A re-run with fresh data (or another as-of date) recomputes every verdict.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from helpers.data import asof, curated, load
from . import robustness as rb, specs, valuation
from helpers.errors import MissingDataError
from .returns import change_on_year_earlier, daily_returns, last_date_on_or_before, last_on_or_before, period_complete, period_return, relative_strength, rolling_volatility

SUPPORTED, PARTLY, CONTRADICTED, NOT_TESTABLE = "supported", "partly supported", "contradicted", "not testable"
VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, NOT_TESTABLE)
OUTCOME, REPORTED = "outcome", "reported view"
KINDS = (OUTCOME, REPORTED)
ARTICLE_DATE = pd.Timestamp("2026-01-06")  # both articles write "as of" this date
# FRED dates a month (quarter) by its first day; the figure is published later. What a claim's author could know:
CPI_PUBLICATION_LAG = pd.DateOffset(months=1, days=14)  # a month's CPI is out by mid next month
GDP_PUBLICATION_LAG = pd.DateOffset(months=4)  # a quarter's first GDP estimate is out about a month after it ends


@dataclass(frozen=True)
class Policy:
    """The ledger's rules of evidence in one place (see the module docstring)."""

    return_tolerance_pp: float = 0.5  # a stated return; a level as the return that reaches it
    proxy_allowance_pp: float = 0.5  # added when an ETF's calendar-year total return stands in for an index
    rate_tolerance_pp: float = 0.1  # a stated rate (inflation), quoted to a tenth
    multiple_rounding: float = 0.5  # a multiple quoted as "22x" stands for 21.5-22.5
    band_sd: float = 1.0  # a move must exceed this many standard deviations of moves of its length
    band_days: int = 252  # trading days of history before the window that set the band
    significance: float = 0.05  # for regularities

    def scaled(self, tolerance: float = 1.0, band: float = 1.0, significance: float | None = None) -> Policy:
        """The policy with every tolerance times ``tolerance``, the band times ``band`` and another significance level."""
        return replace(
            self,
            return_tolerance_pp=self.return_tolerance_pp * tolerance, proxy_allowance_pp=self.proxy_allowance_pp * tolerance,
            rate_tolerance_pp=self.rate_tolerance_pp * tolerance, multiple_rounding=self.multiple_rounding * tolerance,
            band_sd=self.band_sd * band, significance=self.significance if significance is None else significance,
        )

    def describe(self) -> str:
        return (f"stated returns within ±{self.return_tolerance_pp:g} pp (levels: the same as a return; +{self.proxy_allowance_pp:g} pp "
                f"for an ETF proxy over a year), rates within ±{self.rate_tolerance_pp:g} pp, multiples ±{self.multiple_rounding:g}x, "
                f"partly within twice that; moves against {self.band_sd:g} standard deviation(s) of moves of their length "
                f"(from the {self.band_days} trading days before); regularities at the {self.significance:.0%} level")


POLICY = Policy()


def graded(gap: float, tolerance: float) -> str:
    """The one tolerance rule: supported within ``tolerance`` of the claim, partly within twice it, else contradicted."""
    gap = abs(gap)
    return SUPPORTED if gap <= tolerance + 1e-12 else PARTLY if gap <= 2 * tolerance + 1e-12 else CONTRADICTED


def by_count(hits: int, total: int) -> str:
    """All parts of a claim hold: supported; some: partly; none: contradicted."""
    return SUPPORTED if hits == total else PARTLY if hits else CONTRADICTED


@dataclass
class Finding:
    """What the data say about one claim: the measured figure (in the claim's units), the verdict and why;
    for reported views, what happened next."""

    measured: float | None
    verdict: str
    reason: str
    test: str
    next: str = ""
    next_value: float | None = None


METHODS: dict = {}
USES: dict[str, tuple[str, ...]] = {}  # which parts of the policy a method reads: tolerance, band, significance


def method(*uses: str):
    """Register a test named in the claims table's ``method`` column; ``uses`` names the policy parts it reads."""

    def register(fn):
        METHODS[fn.__name__] = fn
        USES[fn.__name__] = uses
        return fn

    return register


class NotCovered(Exception):
    """The data held (or the as-of date) do not reach the dates a claim needs."""


# ----------------------------------------------------------------------------- shared pieces

def _prices(tickers) -> pd.DataFrame:
    return load.load_prices(tickers)


def _covered_until(frame: pd.DataFrame, date) -> pd.Timestamp:
    """The last date on or before ``date``; raises NotCovered when the data stop before ``date``'s period."""
    date = pd.Timestamp(date)
    held = frame.dropna(how="all")
    if held.empty or not period_complete(held.index[-1], date):
        last = held.index[-1] if not held.empty else None
        raise NotCovered(f"the data end on {last:%Y-%m-%d}, before {date:%Y-%m-%d}" if last is not None else "no data")
    return last_date_on_or_before(frame.index, date)


def _levels(tickers, indices: bool) -> pd.DataFrame:
    return load.load_indices(tickers) if indices else _prices(tickers)


def _return(tickers, start, end, indices: bool = False) -> pd.Series:
    frame = _levels(tickers, indices)
    _covered_until(frame, end)
    return period_return(frame, start, end)


def _pp(value: float) -> str:
    return f"{value * 100:+.1f}%"


def _days(index: pd.DatetimeIndex, start, end) -> int:
    """Trading days after ``start`` up to and including ``end`` in ``index``."""
    index = pd.DatetimeIndex(index)
    return int(((index > pd.Timestamp(start)) & (index <= pd.Timestamp(end))).sum())


def noise_band(daily: pd.Series, start, days: int, policy: Policy = POLICY) -> float:
    """``policy.band_sd`` standard deviations of a ``days``-day move: the sd of ``daily`` (returns or changes)
    over the ``policy.band_days`` observations before ``start``, times √days (same units as ``daily``)."""
    history = daily.dropna().loc[: pd.Timestamp(start) - pd.Timedelta(days=1)].iloc[-policy.band_days:]
    if len(history) < min(60, policy.band_days):
        raise NotCovered(f"too little history before {pd.Timestamp(start):%Y-%m-%d} to set a noise band")
    return float(policy.band_sd * history.std(ddof=1) * np.sqrt(max(days, 1)))


def _moves(frame: pd.DataFrame, start, end, benchmark: str | None, policy: Policy) -> pd.DataFrame:
    """Per column: the return over the window (minus ``benchmark``'s when given), its band and the days."""
    end_day = _covered_until(frame, end)
    values = period_return(frame, start, end_day)
    daily = daily_returns(frame)
    rows = {}
    for name in frame.columns:
        if name == benchmark:
            continue
        days = _days(frame[name].dropna().index, start, end_day)
        series = daily[name] - daily[benchmark] if benchmark else daily[name]
        move = values[name] - values[benchmark] if benchmark else values[name]
        rows[name] = {"return": values[name], "move": move, "band": noise_band(series, start, days, policy), "days": days}
    out = pd.DataFrame(rows).T
    out.attrs = {"end": end_day, "benchmark": values[benchmark] if benchmark else None}
    return out


def _band_text(policy: Policy) -> str:
    return f"{policy.band_sd:g} sd of a move of the window's length (daily sd of the {policy.band_days} trading days before × √days)"


# ----------------------------------------------------------------------------- returns and levels


def _return_claim(claim, policy: Policy, ticker: str, indices: bool = False, proxy: bool = False) -> Finding:
    measured = _return([ticker], claim.period_start, claim.period_end, indices)[ticker]
    claimed = claim.claimed_value / 100
    gap = (measured - claimed) * 100
    tolerance = policy.return_tolerance_pp + (policy.proxy_allowance_pp if proxy else 0.0)
    symbol = f"^{ticker}" if indices else ticker
    return Finding(measured * 100, graded(gap, tolerance),
                   f"{symbol} {_pp(measured)} from the {claim.period_start:%Y-%m-%d} close to {claim.period_end:%Y-%m-%d} "
                   f"({gap:+.1f} pp against the claim)",
                   f"{symbol} return over the claim's dates; supported within ±{tolerance:g} pp, partly within ±{2 * tolerance:g} pp")


@method("tolerance")
def return_iwm(claim, policy=POLICY) -> Finding:
    if "Russell 2000" in claim.subject and claim.article == "000":
        finding = _return_claim(claim, policy, "RUT", indices=True)
    else:
        finding = _return_claim(claim, policy, "IWM")
    path = _prices(["IWM"])["IWM"]
    base = last_on_or_before(path, claim.period_start)
    from .events import first_date_reaching

    reached = first_date_reaching(path / base - 1, claim.claimed_value / 100, after=claim.period_start)
    finding.reason += f"; IWM first closed {claim.claimed_value:.1f}% up on {reached:%Y-%m-%d}" if reached is not None else ""
    return finding


def _flat(claim, policy, tickers, index_keys=()) -> Finding:
    moves = []
    if tickers:
        moves.append(_moves(_prices(tickers), claim.period_start, claim.period_end, None, policy))
    if index_keys:
        frame = load.load_indices(list(index_keys))
        moves.append(_moves(frame, claim.period_start, claim.period_end, None, policy).rename(index=lambda k: f"^{k}"))
    table = pd.concat(moves)
    flat = table["move"].abs() <= table["band"]
    text = ", ".join(f"{k} {_pp(r['move'])} (band ±{r['band'] * 100:.1f}%)" for k, r in table.iterrows())
    return Finding(float(table["move"].mean()) * 100, by_count(int(flat.sum()), len(table)),
                   f"{text}: {int(flat.sum())} of {len(table)} inside their band",
                   f"'flat' = a move inside its noise band, {_band_text(policy)}; supported if all are, partly if some")


@method("band")
def return_large_flat(claim, policy=POLICY) -> Finding:
    return _flat(claim, policy, ["SPY", "QQQ"])


@method("band")
def return_large_flat_composite(claim, policy=POLICY) -> Finding:
    return _flat(claim, policy, ["SPY"], index_keys=["IXIC"])


@method("tolerance")
def iwm_all_time_high(claim, policy=POLICY) -> Finding:
    prices = _prices(["IWM"])["IWM"].dropna()
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    end = _covered_until(prices.to_frame(), claim.period_end)
    first = pd.Timestamp(year=end.year, month=1, day=1)
    tolerance = policy.return_tolerance_pp / 100

    def gap(series):
        window, before = series.loc[first:end], series.loc[: first - pd.Timedelta(days=1)]
        return window.max() / before.max() - 1, window.max(), before.max()

    iwm_gap, iwm_high, iwm_record = gap(prices)
    rut_gap, rut_high, rut_record = gap(levels)
    verdict = graded(min(iwm_gap, 0.0), tolerance)
    return Finding(iwm_gap * 100, verdict,
                   f"IWM's highest close from {first:%Y-%m-%d} to {end:%Y-%m-%d}, {iwm_high:.2f}, was {iwm_gap:+.2%} against the "
                   f"earlier record {iwm_record:.2f} (adjusted closes); the ^RUT level {rut_high:,.0f} was {rut_gap:+.2%} against "
                   f"{rut_record:,.0f} (level history from {levels.index[0]:%Y}); intraday highs are not in this data",
                   f"the highest IWM close of the year to the claim's date against every earlier close; a level within "
                   f"{tolerance:.1%} of the record counts as reaching it (the return tolerance), partly within {2 * tolerance:.1%}")


@method()
def opening_rank(claim, policy=POLICY) -> Finding:
    from .events import year_openings

    prices = _prices(["IWM"])
    end = _covered_until(prices, claim.period_end)
    year = end.year
    days = int(((prices.index.year == year) & (prices.index <= end)).sum())
    openings = year_openings(prices, days, 2001, year)["IWM"]
    rank = int(openings.rank(ascending=False)[year])
    verdict = SUPPORTED if rank <= 3 else PARTLY if rank <= len(openings) / 4 else CONTRADICTED
    return Finding(float(rank), verdict,
                   f"IWM's first {days} trading days of {year} ({_pp(openings[year])}) rank {rank} of {len(openings)} years since 2001",
                   "rank of IWM's return over the same number of opening trading days in every year since 2001; "
                   "supported in the top 3, partly in the top quarter")


@method("tolerance")
def return_rut_december(claim, policy=POLICY) -> Finding:
    return _return_claim(claim, policy, "RUT", indices=True)


@method("tolerance")
def rut_crosses_2500(claim, policy=POLICY) -> Finding:
    from .events import first_date_reaching

    levels = load.load_indices(["RUT"])["RUT"]
    end = _covered_until(levels.to_frame(), claim.period_end)
    window = levels.loc[claim.period_start:end].dropna()
    level = claim.claimed_value
    high = window.max()
    crossed = first_date_reaching(window, level)
    verdict = graded(min(high / level - 1, 0.0), policy.return_tolerance_pp / 100)
    crossing = (f"first close at or above {level:,.0f} on {crossed:%Y-%m-%d} ({levels.loc[crossed]:,.2f})" if crossed is not None
                else f"no close at or above {level:,.0f}")
    return Finding(float(high), verdict,
                   f"{crossing}; highest close {high:,.2f} ({window.idxmax():%Y-%m-%d}); {window.iloc[-1]:,.2f} on {end:%Y-%m-%d}",
                   f"highest ^RUT close in the claim's period against the level; reaching within {policy.return_tolerance_pp:g}% "
                   "of it counts (the return tolerance), partly within twice that")


@method("band")
def catchup_q4(claim, policy=POLICY) -> Finding:
    prices = _prices(["IWM", "IWB"])
    moves = _moves(prices, claim.period_start, claim.period_end, "IWB", policy)
    whole = moves.loc["IWM"]
    year_end = last_date_on_or_before(prices.index, pd.Timestamp(year=claim.period_start.year, month=12, day=31))
    late = period_return(prices, claim.period_start, year_end)
    late_excess = late["IWM"] - late["IWB"]
    beyond = whole["move"] > whole["band"]
    verdict = (SUPPORTED if beyond and late_excess > 0 else PARTLY if beyond else CONTRADICTED)
    return Finding(float(whole["move"]) * 100, verdict,
                   f"IWM minus IWB {_pp(whole['move'])} from {claim.period_start:%Y-%m-%d} to {moves.attrs['end']:%Y-%m-%d} "
                   f"(band ±{whole['band'] * 100:.1f}% over {int(whole['days'])} days), of which {_pp(late_excess)} by "
                   f"{year_end:%Y-%m-%d}",
                   f"IWM minus IWB from a start fixed by the wording (never the ratio's low, which is picked afterwards) against "
                   f"its noise band, {_band_text(policy)}; partly if it clears the band only with January")


def _return_2025(claim, policy, ticker) -> Finding:
    finding = _return_claim(claim, policy, ticker, proxy=True)
    tolerance = policy.return_tolerance_pp + policy.proxy_allowance_pp
    finding.test = (f"{ticker} (ETF, total return after fees) over the calendar year; supported within ±{tolerance:g} pp "
                    f"(the return tolerance plus {policy.proxy_allowance_pp:g} pp for fees and tracking), partly within ±{2 * tolerance:g} pp")
    return finding


@method("tolerance")
def return_2025_iwc(claim, policy=POLICY) -> Finding:
    return _return_2025(claim, policy, "IWC")


@method("tolerance")
def return_2025_iwm(claim, policy=POLICY) -> Finding:
    return _return_2025(claim, policy, "IWM")


@method("tolerance")
def return_2025_iwb(claim, policy=POLICY) -> Finding:
    return _return_2025(claim, policy, "IWB")


@method("tolerance")
def return_2025_xlg(claim, policy=POLICY) -> Finding:
    finding = _return_2025(claim, policy, "XLG")
    finding.test += "; XLG follows the S&P 500 Top 50, a proxy for the Russell Top 50"
    return finding


# ----------------------------------------------------------------------------- the Fed and rates


def _decided(as_of=None) -> pd.DataFrame:
    table = load.fomc_decisions(as_of=as_of)
    return table.loc[table["decision"].isin(["cut", "hold", "hike"])]


@method()
def three_cuts(claim, policy=POLICY) -> Finding:
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
                   "curated FOMC decisions in the claim's period; partly if there were cuts but not three of 25 bp to 3.50-3.75%")


@method()
def easing_start(claim, policy=POLICY) -> Finding:
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
                   "first cut of the cycle in the curated FOMC calendar (the date part); the three 2025 cuts (the other part)")


def verdict_from_reading(reading: rb.Reading) -> str:
    """A regularity's verdict from its robustness reading (rule 4 of the module docstring)."""
    if reading.outcome == rb.HOLDS:
        return SUPPORTED
    return PARTLY if reading.headline_significant else CONTRADICTED


def _regularity(table: pd.DataFrame, policy: Policy, sign: int, fmt: str = "{:+.2f}") -> tuple[str, rb.Reading, pd.Series]:
    reading = rb.read(table, alpha=policy.significance, expected_sign=sign, fmt=fmt)
    head = table.loc[table["headline"]].iloc[0]
    return verdict_from_reading(reading), reading, head


def _regularity_test(what: str, policy: Policy) -> str:
    return (f"{what}; the robustness table's reading at the {policy.significance:.0%} level: supported if it holds in every "
            "specification, partly if the headline is significant but not every row, else contradicted")


@method("significance")
def rate_sensitivity(claim, policy=POLICY) -> Finding:
    start = str(claim.period_start.date())
    verdict, reading, head = _regularity(specs.rate_robustness(start), policy, -1)
    ijr = specs.balance_sheet_robustness(start)
    balance = rb.read(ijr, alpha=policy.significance, expected_sign=1)
    ijr_head = ijr.loc[ijr["headline"]].iloc[0]
    return Finding(float(head["coef"]), verdict,
                   f"IWM minus IWB on ΔDGS2 with the market: {head['coef']:+.2f} %/pp (p {head['p']:.3f}); {reading.sentence}. "
                   f"Direct test, IJR (profitable S&P 600) minus IWM: {ijr_head['coef']:+.2f} (p {ijr_head['p']:.3f}), {balance.label}. "
                   "Debt structure itself is not in this data",
                   _regularity_test("HAC regressions since the claim's start (notebook 05), headline with the market only (the "
                                    "high-yield spread moves with equity prices, so it is a control, not the headline)", policy))


@method("significance")
def smb_after_first_cut(claim, policy=POLICY) -> Finding:
    table = specs.cycle_robustness()
    verdict, reading, head = _regularity(table, policy, 1, "{:+.1%}")
    windows = table.attrs["windows"]
    means = {k: windows[f"SMB months {k}"].mean() for k in ("0-6", "6-12", "12-18", "18-24")}
    best = max(means, key=means.get)
    return Finding(float(means["6-12"]) * 100, verdict,
                   f"across {int(head['n'])} cycles SMB averaged " + ", ".join(f"{_pp(v)} in months {k}" for k, v in means.items())
                   + f" (best: months {best}); months 6-12 minus 0-6 {head['coef'] * 100:+.1f} pp (p {head['p']:.2f}); {reading.sentence}",
                   _regularity_test("SMB after each first cut since 1954 (notebook 02's rule and curated dates), with other windows, "
                                    "cycle sets and random start dates", policy))


@method("significance")
def kre_slope(claim, policy=POLICY) -> Finding:
    start = str(claim.period_start.date())
    verdict, reading, head = _regularity(specs.curve_robustness(start), policy, 1)
    ends = specs.bank_curve_regression("daily", start, True).table
    return Finding(float(head["coef"]), verdict,
                   f"KRE minus SPY on Δslope with the market: {head['coef']:+.2f} (p {head['p']:.3f}); {reading.sentence}. By tenor: "
                   f"Δ10-year {ends.loc['ΔDGS10 (pp)', 'coef']:+.2f} (p {ends.loc['ΔDGS10 (pp)', 'p']:.3f}), Δ2-year "
                   f"{ends.loc['ΔDGS2 (pp)', 'coef']:+.2f} (p {ends.loc['ΔDGS2 (pp)', 'p']:.2f})",
                   _regularity_test("HAC regressions of KRE minus SPY on the slope since the claim's start (notebook 05)", policy))


@method("band")
def curve_steepening(claim, policy=POLICY) -> Finding:
    slope = load.load_fred(["T10Y2Y"])["T10Y2Y"].dropna()
    end = _covered_until(slope.to_frame(), claim.period_end)
    start_value, end_value = last_on_or_before(slope, claim.period_start), last_on_or_before(slope, end)
    change = end_value - start_value
    band = noise_band(slope.diff(), claim.period_start, _days(slope.index, claim.period_start, end), policy)
    verdict = SUPPORTED if change > band else CONTRADICTED
    return Finding(float(change), verdict,
                   f"10y-2y slope {start_value:.2f} on {claim.period_start:%Y-%m-%d}, {end_value:.2f} on {end:%Y-%m-%d} "
                   f"({change:+.2f} pp; band ±{band:.2f} pp)",
                   f"change in T10Y2Y over the claim's window against its noise band, {_band_text(policy)}")


def _beat(claim, policy, tickers, benchmark, what) -> Finding:
    moves = _moves(_prices([*tickers, benchmark]), claim.period_start, claim.period_end, benchmark, policy)
    beyond = moves["move"] > moves["band"]
    text = ", ".join(f"{t} {_pp(r['return'])} ({_pp(r['move'])} vs {benchmark}, band ±{r['band'] * 100:.1f}%)" for t, r in moves.iterrows())
    return Finding(float(moves["move"].mean()) * 100, by_count(int(beyond.sum()), len(moves)),
                   f"{text}; {benchmark} {_pp(moves.attrs['benchmark'])}: {int(beyond.sum())} of {len(moves)} beyond their band "
                   f"({claim.period_start:%Y-%m-%d} close to {moves.attrs['end']:%Y-%m-%d}){what}",
                   f"return minus {benchmark}'s over the claim's window against its noise band, {_band_text(policy)}; "
                   "supported if every name clears it, partly if some do")


@method("band")
def sector_leaders(claim, policy=POLICY) -> Finding:
    return _beat(claim, policy, ["KRE", "XLI", "XES", "XBI"], "IWM", "; XLI is a large-cap fund")


@method("band")
def venezuela_week(claim, policy=POLICY) -> Finding:
    return _beat(claim, policy, ["XLI", "XES", "OIH"], "SPY", "; returns alone do not identify the cause")


@method("band")
def return_grc(claim, policy=POLICY) -> Finding:
    own = _moves(_prices(["GRC"]), claim.period_start, claim.period_end, None, policy).loc["GRC"]
    excess = _moves(_prices(["GRC", "IWM"]), claim.period_start, claim.period_end, "IWM", policy).loc["GRC"]
    rose, beat = own["move"] > own["band"], excess["move"] > excess["band"]
    verdict = SUPPORTED if rose and beat else PARTLY if rose else CONTRADICTED
    return Finding(float(own["move"]) * 100, verdict,
                   f"GRC {_pp(own['move'])} (band ±{own['band'] * 100:.1f}%), {_pp(excess['move'])} against IWM (band "
                   f"±{excess['band'] * 100:.1f}%), {claim.period_start:%Y-%m-%d} close to {claim.period_end:%Y-%m-%d}",
                   f"'soared': a rise beyond its own noise band and beyond IWM's by the band of the difference, {_band_text(policy)}; "
                   "partly if it rose beyond its band but not beyond the market's")


@method("band")
def esoa_vs_xle(claim, policy=POLICY) -> Finding:
    moves = _moves(_prices(["ESOA", "XLE"]), claim.period_start, claim.period_end, "XLE", policy).loc["ESOA"]
    verdict = SUPPORTED if moves["move"] > moves["band"] else CONTRADICTED
    return Finding(float(moves["move"]) * 100, verdict,
                   f"ESOA {_pp(moves['return'])} against XLE {_pp(moves['return'] - moves['move'])} ({moves['move'] * 100:+.1f} pp; "
                   f"band ±{moves['band'] * 100:.1f}%)",
                   f"'a wide margin': ESOA minus XLE beyond its noise band, {_band_text(policy)}")


@method("tolerance")
def biotech_highs(claim, policy=POLICY) -> Finding:
    prices = _prices(["ARWR", "ALMS"])
    end = _covered_until(prices, claim.period_end)
    notes, grades = [], []
    for ticker in ["ARWR", "ALMS"]:
        series = prices[ticker].dropna()
        lookback = series.loc[claim.period_start:end]
        gap = series.loc[:end].iloc[-1] / lookback.max() - 1
        grades.append(graded(gap, policy.return_tolerance_pp / 100))
        notes.append(f"{ticker} {series.loc[:end].iloc[-1]:.2f} vs {lookback.index[0]:%Y-%m-%d} to {end:%Y-%m-%d} high "
                     f"{lookback.max():.2f} ({gap:+.2%})" + (" (listed June 2024)" if ticker == "ALMS" else ""))
    verdict = SUPPORTED if all(g == SUPPORTED for g in grades) else CONTRADICTED if all(g == CONTRADICTED for g in grades) else PARTLY
    return Finding(None, verdict, "; ".join(notes),
                   f"close on the claim's date against the highest close since the window's start; within "
                   f"{policy.return_tolerance_pp:g}% counts as at the high (the return tolerance), partly within twice that")


@method("band")
def megacap_stall(claim, policy=POLICY) -> Finding:
    tickers = ["NVDA", "AAPL", "MSFT"]
    moves = _moves(_prices([*tickers, "IWM"]), claim.period_start, claim.period_end, "IWM", policy)
    lagged = moves["move"] < -moves["band"]
    text = ", ".join(f"{t} {_pp(r['return'])} ({_pp(r['move'])} vs IWM, band ±{r['band'] * 100:.1f}%)" for t, r in moves.iterrows())
    return Finding(float(moves["return"].mean()) * 100, by_count(int(lagged.sum()), len(moves)),
                   f"{text}; IWM {_pp(moves.attrs['benchmark'])}: {int(lagged.sum())} of 3 trailed it beyond their band",
                   f"the 'losers of this rotation': return minus IWM's below minus the noise band, {_band_text(policy)}")


# ----------------------------------------------------------------------------- valuation


def _pairs_at(date) -> pd.DataFrame:
    return valuation.published_pairs_at(date)


@method("tolerance")
def pe_22_vs_15(claim, policy=POLICY) -> Finding:
    at = _pairs_at(claim.period_end)
    at = at.loc[(at["small"] == "S&P SmallCap 600") & (at.index <= claim.period_end)]
    if at.empty:
        raise NotCovered("no published S&P 500 / S&P 600 pair dated on or before the claim")
    row = at.iloc[-1]
    small_claim = 15.0
    gaps = (row["large P/E at"] - claim.claimed_value, row["small P/E at"] - small_claim)
    grades = [graded(g, policy.multiple_rounding) for g in gaps]
    verdict = CONTRADICTED if CONTRADICTED in grades else PARTLY if PARTLY in grades else SUPPORTED
    return Finding(float(row["large P/E at"]), verdict,
                   f"published on {at.index[-1]:%Y-%m-%d}: S&P 500 {row['large P/E']:.1f}x, S&P 600 {row['small P/E']:.1f}x "
                   f"({row['source']}); {row['how']} to {claim.period_end:%Y-%m-%d}: {row['large P/E at']:.1f}x and "
                   f"{row['small P/E at']:.1f}x (^GSPC level, IJR adjusted close; forward earnings held fixed)",
                   f"the latest published pair dated on or before the claim, carried to its date by price; each multiple within "
                   f"±{policy.multiple_rounding:g}x of the claim, partly within ±{2 * policy.multiple_rounding:g}x")


@method("tolerance")
def discount_26(claim, policy=POLICY) -> Finding:
    at = _pairs_at(claim.period_end)
    if at.empty:
        raise NotCovered("no published pair of multiples by the as-of date")
    claimed = claim.claimed_value / 100
    rows, grades = [], {}
    for day, row in at.iterrows():
        low, high = valuation.discount_range(row["small P/E at"], row["large P/E at"], policy.multiple_rounding)
        wide_low, wide_high = valuation.discount_range(row["small P/E at"], row["large P/E at"], 2 * policy.multiple_rounding)
        grade = SUPPORTED if low <= claimed <= high else PARTLY if wide_low <= claimed <= wide_high else CONTRADICTED
        grades[row["small"]] = grade
        rows.append(f"{row['small']} against the S&P 500: {row['discount at']:.1%} on {claim.period_end:%Y-%m-%d} "
                    f"(published {day:%Y-%m-%d} at {row['discount']:.1%}, {row['how']}; {low:.1%} to {high:.1%} "
                    f"with the multiples' rounding)")
    best = min(grades.values(), key=VERDICTS.index)
    matching = [s for s, g in grades.items() if g == best]
    later = [d for d in at.index if d > claim.period_end]
    measured = at.loc[at["small"] == matching[0], "discount at"].iloc[0]
    return Finding(float(measured) * 100, best,
                   "; ".join(rows) + f". The article names no index; {', '.join(matching)} fits best"
                   + (f"; figures published after the claim are rolled back by price ({', '.join(f'{d:%Y-%m-%d}' for d in later)})"
                      if later else ""),
                   f"discount 1 - small/large (the measured figure: the best-fitting index's) from published forward P/Es dated on "
                   f"or before the claim, or carried to its date "
                   f"by the indexes' prices (forward earnings held fixed); supported if the claim lies in the range the "
                   f"multiples' rounding (±{policy.multiple_rounding:g}x) allows for an index, partly in twice that range")


@method()
def relative_price_percentile(claim, policy=POLICY) -> Finding:
    prices = _prices(["IWM", "IWB"])
    end = _covered_until(prices, claim.period_end)
    ratio = relative_strength(prices["IWM"], prices["IWB"])["ratio"].loc[:end]
    from .stats import percentile_rank

    rank = percentile_rank(ratio, ratio.iloc[-1])
    return Finding(None, NOT_TESTABLE,
                   f"a claim about valuation needs a history of multiples, which this data does not hold. For context only: "
                   f"IWM/IWB on {end:%Y-%m-%d} stood at the {rank:.1%} percentile of its relative-price history since "
                   f"{ratio.index[0]:%Y}, a record of returns, not of valuations",
                   "prices are not valuations (notebook 03); the relative price is context, never the evidence")


@method()
def not_testable_valuation(claim, policy=POLICY) -> Finding:
    return Finding(None, NOT_TESTABLE, "needs earnings estimates for the companies in question, which this data does not hold",
                   "no earnings data in the collection")


# ----------------------------------------------------------------------------- reported views


def _reported(reason: str, next_text: str = "", next_value: float | None = None) -> Finding:
    return Finding(None, NOT_TESTABLE, f"a reported view: {reason}", "whether it was reported accurately cannot be checked with "
                   "this data; what followed is in 'what happened next', not held against the article", next_text, next_value)


@method()
def not_testable_forecast(claim, policy=POLICY) -> Finding:
    return _reported("an earnings projection; the collection holds no earnings data",
                     "no earnings data in the collection to follow it")


@method()
def not_testable_flows(claim, policy=POLICY) -> Finding:
    return _reported("dealers' fund-flow reports are not in this data", "no fund-flow data in the collection")


@method()
def gdp_growth(claim, policy=POLICY) -> Finding:
    gdp = load.load_fred(["GDPC1"])["GDPC1"].dropna()
    cut = asof.get_as_of()
    if cut is not None:
        gdp = gdp.loc[gdp.index + GDP_PUBLICATION_LAG <= cut]  # quarters published by the as-of date
    year = claim.period_start.year
    base = pd.Timestamp(year=year - 1, month=10, day=1)  # Q4 of the year before, looked up by date
    in_year = gdp.loc[gdp.index.year == year]
    if base not in gdp.index or in_year.empty:
        return _reported("a growth forecast whose source the article does not name",
                         f"no quarter of {year} published yet" if base in gdp.index else "the base quarter is not in the data")
    last = in_year.index[-1]
    quarters = (last.to_period("Q") - base.to_period("Q")).n
    growth = gdp.loc[last] / gdp.loc[base] - 1
    annualised = ((1 + growth) ** (4 / quarters) - 1) * 100
    what = "Q4 on Q4" if quarters == 4 else f"{quarters} quarter(s), annualised"
    return _reported("a growth forecast whose source the article does not name",
                     f"real GDP {annualised:+.1f}% ({what}, {base:%Y} Q4 to {last.year} Q{last.quarter}) against the "
                     f"reported {claim.claimed_value:g}%", annualised)


@method()
def jefferies_target(claim, policy=POLICY) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    last_day = levels.index[-1]
    target = claim.claimed_value
    if period_complete(last_day, claim.period_end):
        final = last_on_or_before(levels, claim.period_end)
        return _reported("the bank's note is not in this data",
                         f"^RUT closed {claim.period_end:%Y} at {final:,.0f}, {final / target - 1:+.1%} from the {target:,.0f} target", final)
    return _reported("the bank's note is not in this data",
                     f"on {last_day:%Y-%m-%d}, before the target date, ^RUT stood at {levels.iloc[-1]:,.0f}, "
                     f"{levels.iloc[-1] / target - 1:+.1%} from the target", float(levels.iloc[-1]))


@method("tolerance")
def jefferies_upside(claim, policy=POLICY) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    on_date = _covered_until(levels.to_frame(), claim.period_end)
    target = curated.read_claims().loc["JEF_TARGET_2825", "claimed_value"]
    upside = (target / levels.loc[on_date] - 1) * 100
    year_end = last_date_on_or_before(levels.index, pd.Timestamp(year=on_date.year - 1, month=12, day=31))
    upside_year_end = (target / levels.loc[year_end] - 1) * 100
    tolerance = policy.return_tolerance_pp
    now, stale = graded(upside - claim.claimed_value, tolerance), graded(upside_year_end - claim.claimed_value, tolerance)
    verdict = now if now != CONTRADICTED else PARTLY if stale == SUPPORTED else CONTRADICTED
    return Finding(upside, verdict,
                   f"{target:,.0f} is {upside:+.1f}% from ^RUT on {on_date:%Y-%m-%d} ({levels.loc[on_date]:,.0f}) and "
                   f"{upside_year_end:+.1f}% from the {year_end:%Y-%m-%d} close ({levels.loc[year_end]:,.0f})",
                   f"the article's own arithmetic: the target over the ^RUT level on its date, within ±{tolerance:g} pp; partly if "
                   "it matches the previous year-end level instead (a stale 'current level')")


@method()
def cuts_2026(claim, policy=POLICY) -> Finding:
    decisions = _decided()
    year = decisions.loc[str(claim.period_start.year):]
    cuts = int((year["decision"] == "cut").sum())
    last = decisions.index[-1]
    return _reported("market pricing (futures) is not in this data",
                     f"{cuts} cut(s) in {len(year)} decisions of {claim.period_start.year} through {last:%Y-%m-%d}", float(cuts))


@method()
def leadership_2026(claim, policy=POLICY) -> Finding:
    prices = _prices(["IWM", "IWB"])
    last_day = prices.dropna().index[-1]
    values = period_return(prices, claim.period_start, min(last_day, claim.period_end))
    excess = values["IWM"] - values["IWB"]
    done = period_complete(last_day, claim.period_end)
    span = f"over {claim.period_end:%Y}" if done else f"from {claim.period_start:%Y-%m-%d} to {last_day:%Y-%m-%d} (the year is not over)"
    return _reported("the strategists' notes are not in this data",
                     f"IWM {_pp(values['IWM'])} against IWB {_pp(values['IWB'])} ({_pp(excess)}) {span}", excess * 100)


@method()
def h1_2026(claim, policy=POLICY) -> Finding:
    levels = load.load_indices(["RUT"])["RUT"].dropna()
    prices = _prices(["IWM"])["IWM"].dropna()
    reason = "the analysts' note is not in this data"
    try:
        end = _covered_until(levels.to_frame(), claim.period_end)
    except NotCovered as exc:
        return _reported(reason, f"the first half is not over in the data ({exc})")
    realised = period_return(levels, claim.period_start, end)
    halves = [period_return(prices, f"{year - 1}-12-31", f"{year}-06-30") for year in range(2001, claim.period_end.year)]
    median, upper = float(np.median(halves)), float(np.quantile(halves, 0.75))
    where = "above the upper quartile" if realised > upper else "above the median" if realised > median else "at or below the median"
    return _reported(reason,
                     f"^RUT {_pp(realised)} in the first half of {end.year}, {where} of IWM's first halves since 2001 "
                     f"(median {_pp(median)}, upper quartile {_pp(upper)})", realised * 100)


# ----------------------------------------------------------------------------- macro and history


@method("tolerance")
def cpi_inflation(claim, policy=POLICY) -> Finding:
    cpi = load.load_fred(["CPIAUCSL"])["CPIAUCSL"].dropna()
    # a month's CPI is published about two weeks after the month ends: keep what was out by the claim's date
    published = cpi.loc[cpi.index + CPI_PUBLICATION_LAG <= claim.period_end]
    if published.empty:
        raise NotCovered("no CPI month published by the claim's date")
    month = published.index[-1]
    inflation = change_on_year_earlier(published, month) * 100
    if np.isnan(inflation):
        raise NotCovered(f"no CPI for {month - pd.DateOffset(years=1):%B %Y}, the base of {month:%B %Y}")
    missing = pd.date_range(month - pd.DateOffset(years=1), month, freq="MS").difference(published.index)
    gap = inflation - claim.claimed_value
    return Finding(inflation, graded(gap, policy.rate_tolerance_pp),
                   f"CPI inflation over the 12 months to {month:%B %Y}, the latest month published by {claim.period_end:%Y-%m-%d}: "
                   f"{inflation:.2f}% (base {month - pd.DateOffset(years=1):%B %Y}, found by date"
                   + (f"; {', '.join(f'{m:%B %Y}' for m in missing)} never published" if len(missing) else "") + ")",
                   f"12-month change in CPIAUCSL, both months looked up by date, for the latest month out by the claim's date "
                   f"(month + 1 month and 14 days); supported within ±{policy.rate_tolerance_pp:g} pp, partly within "
                   f"±{2 * policy.rate_tolerance_pp:g} pp")


@method()
def post_dotcom(claim, policy=POLICY) -> Finding:
    prices = _prices(["IWN", "IWB"])
    end = _covered_until(prices, claim.period_end)
    start = max(prices["IWN"].first_valid_index(), pd.Timestamp(claim.period_start))
    total = period_return(prices, start, end)
    yearly = prices.loc[start:end].resample("YE").last()
    yearly = (yearly / yearly.shift(1) - 1).dropna()
    wins = int((yearly["IWN"] > yearly["IWB"]).sum())
    factors = load.load_factors("monthly", columns=["SMB", "HML"]).loc[claim.period_start:end] / 100
    premium = (1 + factors).prod() - 1
    ahead = total["IWN"] > total["IWB"]
    verdict = SUPPORTED if ahead and wins > len(yearly) / 2 else PARTLY if ahead else CONTRADICTED
    return Finding((total["IWN"] - total["IWB"]) * 100, verdict,
                   f"IWN (Russell 2000 value) {_pp(total['IWN'])} vs IWB {_pp(total['IWB'])} from {start:%Y-%m-%d} to {end:%Y-%m-%d}, "
                   f"ahead in {wins} of {len(yearly)} complete calendar years; SMB {_pp(premium['SMB'])} and HML {_pp(premium['HML'])} "
                   f"from {claim.period_start:%Y-%m}",
                   "IWN against IWB over the claimed period: supported if ahead overall and in most calendar years, partly if ahead overall")


@method("significance")
def january_effect(claim, policy=POLICY) -> Finding:
    table = specs.january_robustness()
    verdict, reading, head = _regularity(table, policy, 1, "{:+.1%}")
    recent = table.loc[(table["spec"] == head["spec"]) & (table["sample"] == "from 2000")]
    recent_text = f"; since 2000 {recent['coef'].iloc[0] * 100:+.1f} pp (p {recent['p'].iloc[0]:.2f})" if len(recent) else ""
    return Finding(float(head["coef"]) * 100, verdict,
                   f"January minus other months, SMB since {claim.period_start:%Y}: {head['coef'] * 100:+.1f} pp (p {head['p']:.3f})"
                   f"{recent_text}; {reading.sentence}",
                   _regularity_test("Welch t-tests of January SMB against the other months (notebook 04), by measure, period and "
                                    "without the largest Januaries", policy))


@method()
def volatility_ratio(claim, policy=POLICY) -> Finding:
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
                   "volatility of daily returns, whole sample and one-year rolling; supported if higher overall and in 90% of "
                   "rolling years, partly if higher overall")


# ----------------------------------------------------------------------------- the ledger


COLUMNS = ["article", "category", "kind", "claim", "claimed", "units", "window", "window_reason", "measured", "verdict",
           "evidence", "test", "next", "next_value"]


def _evaluate(claim_id: str, claim: pd.Series, policy: Policy) -> Finding:
    fn = METHODS.get(claim.method)
    if fn is None:
        raise KeyError(f"claim {claim_id}: no method {claim.method!r} in helpers.analysis.ledger")
    claim = claim.copy()
    claim["id"] = claim_id
    try:
        return fn(claim, policy)
    except NotCovered as exc:
        return Finding(None, NOT_TESTABLE, f"not yet testable: {exc}", "")
    except MissingDataError as exc:
        return Finding(None, NOT_TESTABLE, f"data not held: {exc}", "")
    except ValueError as exc:  # e.g. too few observations for a regression at an early as-of date
        return Finding(None, NOT_TESTABLE, f"not testable with the data held: {exc}", "")


def _window_text(claim) -> str:
    start, end = claim.period_start, claim.period_end
    if pd.isna(start) and pd.isna(end):
        return ""
    if pd.isna(start):
        return f"to {end:%Y-%m-%d}"
    if pd.isna(end):
        return f"from {start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


@contextlib.contextmanager
def _as_of(as_of):
    """Run with ``as_of`` in force, never later than the as-of date already in force (no peeking past a re-run's cut)."""
    previous = asof._session_as_of
    if as_of is not None:
        current = asof.get_as_of()
        requested = asof.parse(as_of)
        asof.set_as_of(min(requested, current) if current is not None else requested)
    try:
        yield
    finally:
        asof._session_as_of = previous


def build(as_of=None, policy: Policy = POLICY) -> pd.DataFrame:
    """Every claim with its measured figure, verdict and (for reported views) what happened next, recomputed
    from the data held (and the as-of date)."""
    with _as_of(as_of):
        rows = []
        for claim_id, claim in curated.read_claims().iterrows():
            finding = _evaluate(claim_id, claim, policy)
            rows.append({
                "id": claim_id, "article": claim.article, "category": claim.category, "kind": claim.kind, "claim": claim.claim,
                "claimed": claim.claimed_value, "units": claim.units, "window": _window_text(claim),
                "window_reason": claim.window_reason, "measured": finding.measured, "verdict": finding.verdict,
                "evidence": finding.reason, "test": finding.test, "next": finding.next, "next_value": finding.next_value,
            })
        table = pd.DataFrame(rows, columns=["id", *COLUMNS]).set_index("id")
    table.attrs = {"data": load.data_label(), "policy": policy.describe()}
    return table


def verdict_counts(table: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict (all four verdicts listed, zero included)."""
    return table["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


# Policy variants for the sensitivity table: (name, the policy part it varies, the policy)
VARIANTS = [
    ("tolerance ×0.5", "tolerance", POLICY.scaled(tolerance=0.5)),
    ("tolerance ×2", "tolerance", POLICY.scaled(tolerance=2.0)),
    ("noise band ×0.5", "band", POLICY.scaled(band=0.5)),
    ("noise band ×2", "band", POLICY.scaled(band=2.0)),
    ("significance 1%", "significance", POLICY.scaled(significance=0.01)),
    ("significance 10%", "significance", POLICY.scaled(significance=0.10)),
]


def sensitivity(base: pd.DataFrame | None = None, as_of=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each verdict under alternative tolerances, noise bands, significance levels and windows.

    Returns ``(long, summary)``: ``long`` has one row per claim and variant the
    claim's rule reads (``id``, ``variant``, ``verdict``, ``flipped``);
    ``summary`` one row per claim with the baseline verdict, the verdict under
    each variant (blank where the rule does not read that part of the policy)
    and ``flips``, the variants that change it. ``base``: the ledger already
    built on the same data (saves a run).
    """
    with _as_of(as_of):
        base = build(policy=POLICY) if base is None else base
        claims = curated.read_claims()
        windows = curated.read_claim_windows()
        rows = []
        for claim_id, claim in claims.iterrows():
            uses = USES.get(claim.method, ())
            for name, part, policy in VARIANTS:
                if part in uses:
                    rows.append({"id": claim_id, "variant": name, "verdict": _evaluate(claim_id, claim, policy).verdict})
            for _, alt in windows.loc[windows["id"] == claim_id].iterrows():
                changed = claim.copy()
                if pd.notna(alt["period_start"]):
                    changed["period_start"] = alt["period_start"]
                changed["period_end"] = alt["period_end"]
                rows.append({"id": claim_id, "variant": f"window: {alt['window']}",
                             "verdict": _evaluate(claim_id, changed, POLICY).verdict})
    long = pd.DataFrame(rows, columns=["id", "variant", "verdict"])
    long["baseline"] = long["id"].map(base["verdict"])
    long["flipped"] = long["verdict"] != long["baseline"]
    wide = long.pivot(index="id", columns="variant", values="verdict")
    policy_columns = [name for name, _, _ in VARIANTS if name in wide.columns]
    window_columns = sorted(c for c in wide.columns if c.startswith("window: "))
    summary = base[["verdict"]].rename(columns={"verdict": "baseline"}).join(wide[policy_columns])
    summary["windows"] = [
        "; ".join(f"{v.removeprefix('window: ')}: {wide.loc[i, v]}" for v in window_columns
                  if i in wide.index and isinstance(wide.loc[i, v], str)) for i in summary.index]
    flips = long.loc[long["flipped"]].groupby("id")["variant"].apply(lambda v: ", ".join(v))
    summary["flips"] = flips.reindex(summary.index).fillna("")
    return long, summary.fillna("")


def beside(full: pd.DataFrame, at_date: pd.DataFrame, labels=("all data", "as of the articles' date")) -> pd.DataFrame:
    """The verdicts on two runs side by side (e.g. all data and as of the articles' date), with ``changed``."""
    out = pd.DataFrame({"claim": full["claim"], labels[1]: at_date["verdict"].reindex(full.index), labels[0]: full["verdict"]})
    out["changed"] = out[labels[0]] != out[labels[1]]
    return out


def what_happened_next(table: pd.DataFrame) -> pd.DataFrame:
    """The reported views and what followed them (never held against the article)."""
    shown = table.loc[table["kind"] == REPORTED, ["article", "claim", "verdict", "next"]]
    return shown.rename(columns={"next": "what happened next"})


VERDICT_COLORS = {SUPPORTED: "#d9f0d3", PARTLY: "#fee8c8", CONTRADICTED: "#f4c7c3", NOT_TESTABLE: "#e8e8e8"}  # table cells
VERDICT_MARKERS = {SUPPORTED: "#1a9850", PARTLY: "#f39c12", CONTRADICTED: "#d73027", NOT_TESTABLE: "#969696"}  # figures
