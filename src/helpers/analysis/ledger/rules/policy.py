"""The Fed's decisions (curated FOMC calendar, checked against DFEDTARU/DFEDTARL) and inflation (CPI)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.data import catalog, load, release
from helpers.errors import NotYetObservableError, TooLittleDataError

from ...returns import change_on_year_earlier
from ..claims import Claim
from ..standard import CONTRADICTED, PARTLY, SUPPORTED, Finding, Standard, graded
from .registry import rule


@rule()
def fed_cuts(claim: Claim, standard: Standard) -> Finding:
    """A stated run of cuts (``cuts``, ``step_bp``) leaving a stated range (``lower``, ``upper``): all of it,
    supported; cuts but not that run or range, partly; none, contradicted."""
    decisions = load.fomc_decisions(decided_only=True)
    if decisions.empty or decisions.index[-1] < pd.Timestamp(claim.period_end) - pd.Timedelta(days=60):
        raise NotYetObservableError(f"the FOMC calendar held ends before {claim.period_end:%Y-%m-%d}")
    window = decisions.loc[claim.period_start : claim.period_end]
    cuts = window.loc[window["decision"] == "cut"]
    wanted, step = claim.param("cuts", int), claim.param("step_bp", float)
    run = len(cuts) == wanted and (window["decision"] == "cut").all() and (cuts["change_bp"] == step).all()
    final = (float(cuts["lower"].iloc[-1]), float(cuts["upper"].iloc[-1])) if len(cuts) else (np.nan, np.nan)
    right_range = final == (claim.param("lower", float), claim.param("upper", float))
    verdict = SUPPORTED if run and right_range else PARTLY if len(cuts) else CONTRADICTED
    return Finding(
        float(np.mean(final)) if len(cuts) else None,
        verdict,
        f"{len(cuts)} cuts between {claim.period_start:%Y-%m-%d} and {claim.period_end:%Y-%m-%d} "
        f"({', '.join(f'{d:%Y-%m-%d} {c:+.0f} bp' for d, c in cuts['change_bp'].items())}); range after: "
        f"{final[0]:.2f}-{final[1]:.2f}% (curated, checked against DFEDTARU/DFEDTARL)",
        f"curated FOMC decisions in the claim's window: {wanted} consecutive cuts of {step:+.0f} bp to the stated "
        "range, supported; cuts but not that, partly; none, contradicted",
        "a fact of the FOMC calendar",
    )


@rule()
def easing_start(claim: Claim, standard: Standard) -> Finding:
    """When the easing cycle began (``claimed_start``, a month) and the cuts that followed (``cuts`` in
    ``cuts_window``): the date right, supported; only the cuts, partly; neither, contradicted."""
    decisions = load.fomc_decisions(decided_only=True).loc[claim.period_start : claim.period_end]
    cuts = decisions.loc[decisions["decision"] == "cut"]
    if cuts.empty:
        raise TooLittleDataError(
            f"no cut in the FOMC calendar held between {claim.period_start:%Y-%m-%d} and {claim.period_end:%Y-%m-%d}"
        )
    first = cuts.index[0]
    claimed = pd.Period(claim.param("claimed_start"), "M")
    later_start, later_end = claim.param("cuts_window").split("..")
    later = cuts.loc[later_start:later_end]
    verdict = (
        SUPPORTED
        if first.to_period("M") == claimed
        else PARTLY
        if len(later) == claim.param("cuts", int)
        else CONTRADICTED
    )
    return Finding(
        None,
        verdict,
        f"the cycle's first cut was {first:%Y-%m-%d} ({cuts.loc[first, 'change_bp']:+.0f} bp), not {claimed:%B %Y}; "
        f"{len(later)} cuts followed between {later_start} and {later_end}"
        if first.to_period("M") != claimed
        else f"the cycle's first cut was {first:%Y-%m-%d}; {len(later)} cuts between {later_start} and {later_end}",
        "the first cut of the cycle in the curated FOMC calendar (the date part) and the cuts the claim names "
        "(the other part)",
        "a fact of the FOMC calendar",
    )


@rule("tolerance")
def inflation(claim: Claim, standard: Standard) -> Finding:
    """CPI inflation over the twelve months to the latest month published by the claim's date, within the rate
    tolerance; both months looked up by date."""
    (part,) = claim.parts
    key = part.long[0]
    cpi = load.load_fred([key])[key].dropna()
    published = cpi.loc[
        release.release_dates(cpi.index, catalog.get(key)) <= claim.period_end
    ]  # out by the claim's date
    if published.empty:
        raise NotYetObservableError("no CPI month published by the claim's date")
    month = published.index[-1]
    inflation_rate = change_on_year_earlier(published, month) * 100
    if np.isnan(inflation_rate):
        raise TooLittleDataError(f"no CPI for {month - pd.DateOffset(years=1):%B %Y}, the base of {month:%B %Y}")
    missing = pd.date_range(month - pd.DateOffset(years=1), month, freq="MS").difference(published.index)
    gap = inflation_rate - claim.claimed_value
    return Finding(
        inflation_rate,
        graded(gap, standard.rate_tolerance_pp),
        f"CPI inflation over the 12 months to {month:%B %Y}, "
        f"the latest month published by {claim.period_end:%Y-%m-%d}: "
        f"{inflation_rate:.2f}% (base {month - pd.DateOffset(years=1):%B %Y}, found by date"
        + (f"; {', '.join(f'{m:%B %Y}' for m in missing)} never published" if len(missing) else "")
        + ")",
        f"12-month change in {key}, both months looked up by date, for the latest month out by the claim's date "
        f"({release.describe(catalog.get(key))}); "
        f"supported within ±{standard.rate_tolerance_pp:g} pp, partly within ±{2 * standard.rate_tolerance_pp:g} pp",
        f"tolerance ±{standard.rate_tolerance_pp:g} pp",
    )
