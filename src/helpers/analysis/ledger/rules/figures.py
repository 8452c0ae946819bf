"""Stated figures (returns, levels, an upside) within their tolerance; new highs and ranks, measured on closes."""

from __future__ import annotations

import pandas as pd

from helpers.data import curated
from helpers.errors import TooLittleDataError

from ...events import first_date_reaching, year_openings
from ...returns import last_date_on_or_before, period_return
from ..claims import Claim
from ..evidence import covered_until, levels, pct
from ..standard import CONTRADICTED, PARTLY, SUPPORTED, Finding, Standard, by_count, graded
from .registry import rule


def _key(claim: Claim) -> str:
    if len(claim.parts) != 1 or len(claim.parts[0].keys) != 1:
        raise ValueError(f"claim {claim.id}: this rule measures one series, not {claim.parts}")
    return claim.parts[0].keys[0]


@rule("tolerance")
def stated_return(claim: Claim, standard: Standard) -> Finding:
    """A stated return (percent) over the window: supported within the return tolerance (percentage points; plus the
    proxy allowance when an ETF's calendar-year total return stands in for an index, ``proxy=year``), partly within
    twice it. Measured in percent."""
    key = _key(claim)
    frame = levels([key])
    end = covered_until(frame, claim.period_end)
    measured = float(period_return(frame, claim.period_start, end)[key])
    gap = measured * 100 - claim.claimed_value
    proxy = claim.params.get("proxy") == "year"
    tolerance = standard.return_tolerance_pp + (standard.proxy_allowance_pp if proxy else 0.0)
    base = frame[key].dropna()
    reached = first_date_reaching(
        base / base.loc[: claim.period_start].iloc[-1] - 1, claim.claimed_value / 100, after=claim.period_start
    )
    soon_after = (
        reached is not None and end < reached <= base.index[min(base.index.searchsorted(end) + 21, len(base) - 1)]
    )
    reach_text = (
        f"; {key} first closed {claim.claimed_value:g}% up on {reached:%Y-%m-%d}, later than the claim's date"
        if soon_after
        else ""
    )
    what = f"{key} return over the claim's dates"
    if proxy:
        what = (
            f"{key} (an ETF: total return after fees) over the calendar year, with {standard.proxy_allowance_pp:g} pp "
            "for fees and tracking"
        )
    return Finding(
        measured * 100,
        graded(gap, tolerance),
        f"{key} {pct(measured)} from the {claim.period_start:%Y-%m-%d} close to {end:%Y-%m-%d} "
        f"({gap:+.1f} pp against the claim){reach_text}",
        f"{what}; supported within ±{tolerance:g} pp, partly within ±{2 * tolerance:g} pp",
        f"tolerance ±{tolerance:g} pp",
    )


@rule("tolerance")
def level_reached(claim: Claim, standard: Standard) -> Finding:
    """A stated level reached in the window: the highest close against the level, within the return tolerance."""
    key = _key(claim)
    series = levels([key])[key]
    end = covered_until(series, claim.period_end)
    window = series.loc[claim.period_start : end].dropna()
    level, high = claim.claimed_value, float(window.max())
    crossed = first_date_reaching(window, level)
    tolerance = standard.return_tolerance_pp
    crossing = (
        f"first close at or above {level:,.0f} on {crossed:%Y-%m-%d} ({series.loc[crossed]:,.2f})"
        if crossed is not None
        else f"no close at or above {level:,.0f}"
    )
    return Finding(
        high,
        graded(min(high / level - 1, 0.0) * 100, tolerance),
        f"{crossing}; highest close {high:,.2f} ({window.idxmax():%Y-%m-%d}); {window.iloc[-1]:,.2f} on {end:%Y-%m-%d}",
        f"highest {key} close in the claim's window against the level; reaching within {tolerance:g}% of it counts "
        "(the return tolerance for a stated level), partly within twice that",
        f"tolerance ±{tolerance:g}%",
    )


@rule()
def new_high(claim: Claim, standard: Standard) -> Finding:
    """A new high without a stated figure (``recent_from=DATE`` or ``recent_days=N``): a close in the recent window
    above every earlier close since the window's start. A fact on closes, so no tolerance: reached by every
    series, supported; by some, partly; by none, not shown (intraday highs are not in the data)."""
    keys = [k for part in claim.parts for k in part.keys]
    frame = levels(keys)
    end = covered_until(frame, claim.period_end)
    notes, hits, gaps, tested = [], 0, [], 0
    for key in keys:
        series = frame[key].dropna()
        history = series.loc[claim.period_start : end] if claim.period_start is not None else series.loc[:end]
        if claim.period_start is not None and history.index[0] - pd.Timestamp(claim.period_start) > pd.Timedelta(
            days=30
        ):
            notes.append(
                f"{key}: history from {history.index[0]:%Y-%m-%d} only, shorter than the look-back from "
                f"{claim.period_start:%Y-%m-%d}: not testable"
            )
            continue
        tested += 1
        if "recent_from" in claim.params:
            recent = history.loc[claim.param("recent_from") :]
        else:
            recent = history.iloc[-claim.param("recent_days", int) :]
        before = history.loc[: recent.index[0] - pd.Timedelta(days=1)]
        record, high = float(before.max()), float(recent.max())
        gap = high / record - 1
        gaps.append(gap)
        reached = high > record
        hits += reached
        later = series.loc[series.index > end]
        first_record = later.index[later >= max(record, high)]
        after = (
            f"; first close above it after {end:%Y-%m-%d}: {first_record[0]:%Y-%m-%d}"
            if not reached and len(first_record)
            else ""
        )
        notes.append(
            f"{key}: highest close from {recent.index[0]:%Y-%m-%d} to {end:%Y-%m-%d} {high:,.2f} "
            f"({recent.idxmax():%Y-%m-%d}), {gap:+.2%} against the earlier high {record:,.2f} "
            f"({before.idxmax():%Y-%m-%d}){after}"
        )
    if not tested:
        raise TooLittleDataError("no series has the history the look-back needs: " + "; ".join(notes))
    verdict = by_count(hits, tested)
    if tested < len(keys) and verdict == SUPPORTED:
        verdict = PARTLY  # a named series the data cannot test: partly borne out at best
    return Finding(
        min(gaps) * 100 if len(keys) == 1 else None,
        verdict,
        "; ".join(notes) + "; intraday highs are not in this data",
        "a close in the recent window above every earlier close of the look-back (adjusted closes); a fact "
        "on closes, so no tolerance: all series, supported; some (or a series without the look-back's "
        "history), partly; none, not shown",
        "a fact on closing prices",
    )


@rule()
def opening_rank(claim: Claim, standard: Standard) -> Finding:
    """A rank claim ("one of the strongest openings"): the year's opening against the same number of opening trading
    days of every year since ``since``; supported in the top ``top``, partly in the top quarter, else contradicted."""
    key = _key(claim)
    prices = levels([key])
    end = covered_until(prices, claim.period_end)
    year = end.year
    days = int(((prices.index.year == year) & (prices.index <= end)).sum())
    openings = year_openings(prices, days, claim.param("since", int), year)[key]
    rank = int(openings.rank(ascending=False)[year])
    top, partly = claim.param("top_share", float), claim.param("partly_share", float)
    verdict = SUPPORTED if rank <= top * len(openings) else PARTLY if rank <= partly * len(openings) else CONTRADICTED
    return Finding(
        float(rank),
        verdict,
        f"{key}'s first {days} trading days of {year} ({pct(openings[year])}) rank {rank} of {len(openings)} "
        f"years since {openings.index[0]}",
        f"rank of {key}'s return over the same number of opening trading days in every year; 'one of the "
        f"strongest' as the top {top:.0%} of years, partly the top {partly:.0%}",
        f"rank: top {top:.0%}",
    )


@rule("tolerance")
def target_upside(claim: Claim, standard: Standard) -> Finding:
    """The article's own arithmetic: a target (another claim's figure, ``target_claim=ID``) over the level on the
    claim's date, within the return tolerance (the level at the year's turn is shown beside it, and is one of the
    claim's alternative readings)."""
    key = _key(claim)
    series = levels([key])[key].dropna()
    on_date = covered_until(series, claim.period_end)
    target = float(curated.read_claims().loc[claim.param("target_claim"), "claimed_value"])
    upside = (target / series.loc[on_date] - 1) * 100
    year_end = last_date_on_or_before(series.index, pd.Timestamp(year=on_date.year - 1, month=12, day=31))
    year_end_upside = (target / series.loc[year_end] - 1) * 100
    tolerance = standard.return_tolerance_pp
    return Finding(
        upside,
        graded(upside - claim.claimed_value, tolerance),
        f"{target:,.0f} is {upside:+.1f}% from {key} on {on_date:%Y-%m-%d} ({series.loc[on_date]:,.0f}); from the "
        f"{year_end:%Y-%m-%d} close ({series.loc[year_end]:,.0f}) it would be {year_end_upside:+.1f}%",
        f"the target over the {key} level on the claim's date, within ±{tolerance:g} pp, partly within "
        f"±{2 * tolerance:g} pp",
        f"tolerance ±{tolerance:g} pp",
    )
